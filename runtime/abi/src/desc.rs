//! The module descriptor: constant data the compiler emits (symbol [`crate::symbols::MODULE_DESC`])
//! telling the runtime what to allocate, what to import and what is exported. Everything the
//! runtime needs to instantiate a compiled module is reachable from [`ModuleDesc`].

use crate::vmctx::{ArrayCallFn, VMContext};
use core::ffi::c_void;

/// Value type codes used in descriptors (the binary format's type bytes).
pub mod valtype {
    pub const I32: u8 = 0x7f;
    pub const I64: u8 = 0x7e;
    pub const F32: u8 = 0x7d;
    pub const F64: u8 = 0x7c;
    pub const V128: u8 = 0x7b;
    pub const FUNCREF: u8 = 0x70;
    pub const EXTERNREF: u8 = 0x6f;
    /// `exnref` (exception handling): a `*mut VMException`, opaque to the runtime.
    pub const EXNREF: u8 = 0x69;
}

/// Kinds of imports and exports (the binary format's external kind bytes).
pub mod extern_kind {
    pub const FUNC: u8 = 0;
    pub const TABLE: u8 = 1;
    pub const MEMORY: u8 = 2;
    pub const GLOBAL: u8 = 3;
    pub const TAG: u8 = 4;
}

/// A byte string in the descriptor (not NUL-terminated).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Str {
    pub ptr: *const u8,
    pub len: usize,
}

impl Str {
    /// # Safety
    /// `ptr` must point at `len` readable bytes that live as long as the descriptor.
    pub unsafe fn as_bytes<'a>(&self) -> &'a [u8] {
        if self.len == 0 {
            &[]
        } else {
            core::slice::from_raw_parts(self.ptr, self.len)
        }
    }
}

/// The precise type of a reference value, beside its type byte (which names its family:
/// [`valtype::FUNCREF`], [`valtype::EXTERNREF`] or [`valtype::EXNREF`]): typed function
/// references (`(ref $t)`, `(ref null func)`, `nullfuncref`, ...). For other values both are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefDesc {
    /// Nonzero when the reference may be null.
    pub nullable: u8,
    /// [`heap::TOP`] (`func`, `extern`, `exn`), [`heap::BOTTOM`] (`nofunc`, `noextern`,
    /// `noexn`), or the index of a function type of the same module (`$t`).
    pub heap: u32,
}

/// Heap types of [`RefDesc::heap`] that are not type indices.
pub mod heap {
    /// The family's top type: `func`, `extern`, `exn`.
    pub const TOP: u32 = u32::MAX;
    /// The family's bottom type: `nofunc`, `noextern`, `noexn`.
    pub const BOTTOM: u32 = u32::MAX - 1;
}

#[repr(C)]
pub struct FuncTypeDesc {
    pub params: *const u8,
    pub num_params: u32,
    pub results: *const u8,
    pub num_results: u32,
    /// One [`RefDesc`] per parameter, then one per result (null when the type has no reference
    /// values: every one is then a nullable top type).
    pub refs: *const RefDesc,
}

#[repr(C)]
pub struct ImportDesc {
    pub module: Str,
    pub name: Str,
    /// One of [`extern_kind`].
    pub kind: u8,
    /// Index in the importing module's index space of that kind.
    pub index: u32,
}

#[repr(C)]
pub struct FuncDesc {
    /// Native code in the Wasm calling convention (`VMFuncRef::native`). For an imported
    /// function, the code that stands in when nothing defines the import, or null: in firmware
    /// the adapter that calls the C function the import names, in a hosted module built with
    /// `--trap-unknown-imports` a stub that traps (called with the importer's vmctx).
    pub native: *const c_void,
    /// For an imported function of a hosted module: the adapter that a host function bound to
    /// it gets as its `VMFuncRef::native` (Wasm convention; it calls the funcref's `host` code
    /// with the C convention). Null where the Wasm convention is C: the host code is bound as is.
    pub adapter: *const c_void,
    /// Array-call trampoline, if generated.
    pub array_call: Option<ArrayCallFn>,
    pub type_index: u32,
    /// Name from the name section, or empty.
    pub name: Str,
}

#[repr(C)]
pub struct TableDesc {
    /// [`valtype::FUNCREF`], [`valtype::EXTERNREF`] or [`valtype::EXNREF`].
    pub elem_type: u8,
    /// Nonzero for a 64-bit table (table64: i64 indices).
    pub table64: u8,
    pub has_max: u8,
    pub min: u64,
    /// Meaningful when `has_max` is nonzero.
    pub max: u64,
    /// The precise element type.
    pub elem_ref: RefDesc,
}

#[repr(C)]
pub struct MemoryDesc {
    pub min_pages: u64,
    pub max_pages: u64,
    pub has_max: u8,
    /// 1 for a shared memory (threads): it never moves, and other threads may use it.
    pub shared: u8,
    /// Nonzero for a 64-bit memory (memory64: i64 addresses).
    pub memory64: u8,
}

#[repr(C)]
pub struct GlobalDesc {
    pub ty: u8,
    pub mutable: u8,
    /// The precise type of a reference global.
    pub ty_ref: RefDesc,
}

/// A tag (exception handling): its type is a function type with no results.
#[repr(C)]
pub struct TagDesc {
    pub type_index: u32,
    /// Name from the name section's tag names, or empty (for messages about uncaught exceptions).
    pub name: Str,
}

#[repr(C)]
pub struct ExportDesc {
    pub name: Str,
    pub kind: u8,
    pub index: u32,
}

#[repr(C)]
pub struct DataDesc {
    pub bytes: Str,
}

/// How an element item is computed.
pub mod elem_item {
    /// `ref.null`
    pub const NULL: u32 = 0;
    /// `ref.func index`
    pub const FUNC: u32 = 1;
    /// `global.get index`
    pub const GLOBAL: u32 = 2;
}

#[repr(C)]
pub struct ElemItem {
    pub kind: u32,
    pub index: u32,
}

#[repr(C)]
pub struct ElemDesc {
    pub items: *const ElemItem,
    pub count: u32,
}

/// Generated function that initializes an instance after the runtime allocated it: it evaluates
/// the defined globals' initializers, then applies active element and data segments in module
/// order through the `table_init`/`memory_init` libcalls (so a failing one traps after earlier
/// ones took effect, as the spec requires) and drops them, then calls the start function.
pub type InitFn = unsafe extern "C" fn(vmctx: *mut VMContext);

#[repr(C)]
pub struct ModuleDesc {
    pub abi_version: u32,
    pub types: *const FuncTypeDesc,
    pub num_types: u32,
    pub imports: *const ImportDesc,
    pub num_imports: u32,
    /// Every function, imported ones first.
    pub funcs: *const FuncDesc,
    pub num_funcs: u32,
    pub num_imported_funcs: u32,
    pub tables: *const TableDesc,
    pub num_tables: u32,
    pub num_imported_tables: u32,
    pub memories: *const MemoryDesc,
    pub num_memories: u32,
    pub num_imported_memories: u32,
    pub globals: *const GlobalDesc,
    pub num_globals: u32,
    pub num_imported_globals: u32,
    /// Every tag, imported ones first.
    pub tags: *const TagDesc,
    pub num_tags: u32,
    pub num_imported_tags: u32,
    pub exports: *const ExportDesc,
    pub num_exports: u32,
    pub data: *const DataDesc,
    pub num_data: u32,
    pub elems: *const ElemDesc,
    pub num_elems: u32,
    /// Function index of the start function, or `u32::MAX`.
    pub start: u32,
    pub init: InitFn,
    /// Module name (name section) or empty.
    pub name: Str,
    /// The file the module was compiled from, as the compiler was given it (for messages).
    pub file: Str,
}

unsafe impl Sync for ModuleDesc {}

impl ModuleDesc {
    /// # Safety
    /// The descriptor must be one emitted by the compiler (pointers valid for the counts).
    pub unsafe fn slice<'a, T>(ptr: *const T, n: u32) -> &'a [T] {
        if n == 0 {
            &[]
        } else {
            core::slice::from_raw_parts(ptr, n as usize)
        }
    }
}
