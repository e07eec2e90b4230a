//! Test support: building `ModuleDesc`s by hand (leaked, so `'static` like compiler-emitted
//! ones) and hand-written "generated" functions that use the vmctx exactly as compiled code does.

/// `funcref`/`externref`/`exnref`: the nullable top type of the value's family.
const TOP_REF: wasmkiln_abi::RefDesc = wasmkiln_abi::RefDesc { nullable: 1, heap: wasmkiln_abi::heap::TOP };

use std::ffi::c_void;
use wasmkiln_abi::*;

/// Declares every libcall of the ABI list as `libcall::NAME`, bound to its exported symbol
/// (`wasmkiln_NAME`), so tests call them as generated code does, with the listed signatures.
macro_rules! declare_libcalls {
    ($($name:ident($($arg:ident: $ty:ident),*) -> $ret:ident;)*) => {
        #[allow(dead_code)]
        pub mod libcall {
            #[allow(unused_imports)]
            use wasmkiln_abi::VMContext;
            extern "C" {
                $(
                    #[link_name = concat!("wasmkiln_", stringify!($name))]
                    pub fn $name($($arg: wasmkiln_abi::libcall_rust_type!($ty)),*) -> wasmkiln_abi::libcall_rust_type!($ret);
                )*
            }
        }
    };
}
wasmkiln_abi::for_each_libcall!(declare_libcalls);

fn leak_str(s: &str) -> Str {
    let s: &'static str = Box::leak(s.to_string().into_boxed_str());
    Str { ptr: s.as_ptr(), len: s.len() }
}

fn leak_slice<T>(v: Vec<T>) -> (*const T, u32) {
    let n = v.len() as u32;
    (Box::leak(v.into_boxed_slice()).as_ptr(), n)
}

fn table_desc(elem_type: u8, min: u64, max: Option<u64>, table64: bool) -> TableDesc {
    TableDesc { elem_type, table64: table64 as u8, has_max: max.is_some() as u8, min, max: max.unwrap_or(0), elem_ref: TOP_REF }
}

fn memory_desc(min: u64, max: Option<u64>, memory64: bool) -> MemoryDesc {
    MemoryDesc { min_pages: min, max_pages: max.unwrap_or(0), has_max: max.is_some() as u8, shared: 0, memory64: memory64 as u8 }
}

pub unsafe extern "C" fn no_init(_vmctx: *mut VMContext) {}

/// Builds a descriptor. Imports must be added before definitions of the same kind.
pub struct DescBuilder {
    types: Vec<FuncTypeDesc>,
    imports: Vec<ImportDesc>,
    funcs: Vec<FuncDesc>,
    num_imported: [u32; 5],
    tables: Vec<TableDesc>,
    memories: Vec<MemoryDesc>,
    globals: Vec<GlobalDesc>,
    tags: Vec<TagDesc>,
    exports: Vec<ExportDesc>,
    data: Vec<DataDesc>,
    elems: Vec<ElemDesc>,
    start: u32,
    init: InitFn,
    name: String,
}

impl DescBuilder {
    pub fn new() -> DescBuilder {
        DescBuilder {
            types: vec![],
            imports: vec![],
            funcs: vec![],
            num_imported: [0; 5],
            tables: vec![],
            memories: vec![],
            globals: vec![],
            tags: vec![],
            exports: vec![],
            data: vec![],
            elems: vec![],
            start: u32::MAX,
            init: no_init,
            name: String::new(),
        }
    }

    pub fn ty(&mut self, params: &[u8], results: &[u8]) -> u32 {
        let (params, num_params) = leak_slice(params.to_vec());
        let (results, num_results) = leak_slice(results.to_vec());
        self.types.push(FuncTypeDesc { params, num_params, results, num_results, refs: std::ptr::null() });
        self.types.len() as u32 - 1
    }

    fn import(&mut self, module: &str, name: &str, kind: u8) -> u32 {
        let index = self.num_imported[kind as usize];
        self.num_imported[kind as usize] += 1;
        self.imports.push(ImportDesc { module: leak_str(module), name: leak_str(name), kind, index });
        index
    }

    pub fn import_func(&mut self, module: &str, name: &str, type_index: u32) -> u32 {
        self.funcs.push(FuncDesc { native: std::ptr::null(), adapter: std::ptr::null(), array_call: None, type_index, name: leak_str("") });
        self.import(module, name, extern_kind::FUNC)
    }

    pub fn import_table(&mut self, module: &str, name: &str, elem_type: u8, min: u64, max: Option<u64>) -> u32 {
        self.tables.push(table_desc(elem_type, min, max, false));
        self.import(module, name, extern_kind::TABLE)
    }

    pub fn import_memory(&mut self, module: &str, name: &str, min: u64, max: Option<u64>) -> u32 {
        self.memories.push(memory_desc(min, max, false));
        self.import(module, name, extern_kind::MEMORY)
    }

    /// A 64-bit memory import (memory64).
    pub fn import_memory64(&mut self, module: &str, name: &str, min: u64, max: Option<u64>) -> u32 {
        self.memories.push(memory_desc(min, max, true));
        self.import(module, name, extern_kind::MEMORY)
    }

    pub fn import_global(&mut self, module: &str, name: &str, ty: u8, mutable: bool) -> u32 {
        self.globals.push(GlobalDesc { ty, mutable: mutable as u8, ty_ref: TOP_REF });
        self.import(module, name, extern_kind::GLOBAL)
    }

    pub fn import_tag(&mut self, module: &str, name: &str, type_index: u32) -> u32 {
        self.tags.push(TagDesc { type_index, name: leak_str("") });
        self.import(module, name, extern_kind::TAG)
    }

    pub fn func(&mut self, native: *const c_void, array_call: Option<ArrayCallFn>, type_index: u32, name: &str) -> u32 {
        self.funcs.push(FuncDesc { native, adapter: std::ptr::null(), array_call, type_index, name: leak_str(name) });
        self.funcs.len() as u32 - 1
    }

    pub fn table(&mut self, elem_type: u8, min: u64, max: Option<u64>) -> u32 {
        self.tables.push(table_desc(elem_type, min, max, false));
        self.tables.len() as u32 - 1
    }

    /// A 64-bit table (table64).
    pub fn table64(&mut self, elem_type: u8, min: u64, max: Option<u64>) -> u32 {
        self.tables.push(table_desc(elem_type, min, max, true));
        self.tables.len() as u32 - 1
    }

    pub fn memory(&mut self, min: u64, max: Option<u64>) -> u32 {
        self.memories.push(memory_desc(min, max, false));
        self.memories.len() as u32 - 1
    }

    /// A 64-bit memory (memory64).
    pub fn memory64(&mut self, min: u64, max: Option<u64>) -> u32 {
        self.memories.push(memory_desc(min, max, true));
        self.memories.len() as u32 - 1
    }

    pub fn global(&mut self, ty: u8, mutable: bool) -> u32 {
        self.globals.push(GlobalDesc { ty, mutable: mutable as u8, ty_ref: TOP_REF });
        self.globals.len() as u32 - 1
    }

    /// A defined tag, with its name-section name (or "").
    pub fn tag(&mut self, type_index: u32, name: &str) -> u32 {
        self.tags.push(TagDesc { type_index, name: leak_str(name) });
        self.tags.len() as u32 - 1
    }

    pub fn export(&mut self, name: &str, kind: u8, index: u32) -> &mut Self {
        self.exports.push(ExportDesc { name: leak_str(name), kind, index });
        self
    }

    pub fn data(&mut self, bytes: &[u8]) -> u32 {
        let (ptr, len) = leak_slice(bytes.to_vec());
        self.data.push(DataDesc { bytes: Str { ptr, len: len as usize } });
        self.data.len() as u32 - 1
    }

    pub fn elem(&mut self, items: &[(u32, u32)]) -> u32 {
        let items: Vec<ElemItem> = items.iter().map(|&(kind, index)| ElemItem { kind, index }).collect();
        let (items, count) = leak_slice(items);
        self.elems.push(ElemDesc { items, count });
        self.elems.len() as u32 - 1
    }

    pub fn start(&mut self, index: u32) -> &mut Self {
        self.start = index;
        self
    }

    pub fn init(&mut self, f: InitFn) -> &mut Self {
        self.init = f;
        self
    }

    pub fn name(&mut self, name: &str) -> &mut Self {
        self.name = name.to_string();
        self
    }

    pub fn build(self) -> &'static ModuleDesc {
        let (types, num_types) = leak_slice(self.types);
        let (imports, num_imports) = leak_slice(self.imports);
        let (funcs, num_funcs) = leak_slice(self.funcs);
        let (tables, num_tables) = leak_slice(self.tables);
        let (memories, num_memories) = leak_slice(self.memories);
        let (globals, num_globals) = leak_slice(self.globals);
        let (tags, num_tags) = leak_slice(self.tags);
        let (exports, num_exports) = leak_slice(self.exports);
        let (data, num_data) = leak_slice(self.data);
        let (elems, num_elems) = leak_slice(self.elems);
        Box::leak(Box::new(ModuleDesc {
            abi_version: ABI_VERSION,
            types,
            num_types,
            imports,
            num_imports,
            funcs,
            num_funcs,
            num_imported_funcs: self.num_imported[0],
            tables,
            num_tables,
            num_imported_tables: self.num_imported[1],
            memories,
            num_memories,
            num_imported_memories: self.num_imported[2],
            globals,
            num_globals,
            num_imported_globals: self.num_imported[3],
            tags,
            num_tags,
            num_imported_tags: self.num_imported[4],
            exports,
            num_exports,
            data,
            num_data,
            elems,
            num_elems,
            start: self.start,
            init: self.init,
            name: leak_str(&self.name),
            file: leak_str(""),
        }))
    }
}

pub const I32: u8 = valtype::I32;

// ---- hand-written "generated" functions ----

pub unsafe extern "C" fn add(_vmctx: *mut VMContext, a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

pub unsafe extern "C" fn add_array(vmctx: *mut VMContext, v: *mut ValRaw) {
    *v = ValRaw::from_u32(add(vmctx, (*v).as_u32(), (*v.add(1)).as_u32()));
}

/// i32.load from memory 0, unchecked as compiled code does it.
pub unsafe extern "C" fn load(vmctx: *mut VMContext, addr: u32) -> u32 {
    u32::from_le_bytes(std::ptr::read_volatile((*vmctx).memory_base.add(addr as usize) as *const [u8; 4]))
}

pub unsafe extern "C" fn load_array(vmctx: *mut VMContext, v: *mut ValRaw) {
    *v = ValRaw::from_u32(load(vmctx, (*v).as_u32()));
}

/// global.get 0 (an i32).
pub unsafe extern "C" fn get_global0(vmctx: *mut VMContext) -> u32 {
    let g = *(*vmctx).globals;
    u32::from_le_bytes([(*g).bytes[0], (*g).bytes[1], (*g).bytes[2], (*g).bytes[3]])
}

pub unsafe extern "C" fn get_global0_array(vmctx: *mut VMContext, v: *mut ValRaw) {
    *v = ValRaw::from_u32(get_global0(vmctx));
}

/// global.set 0 to 42 (a start function).
pub unsafe extern "C" fn set_global0_42(vmctx: *mut VMContext) {
    (*(*(*vmctx).globals)).bytes = ValRaw::from_u32(42).bytes;
}

/// `call_indirect (type 0)` through table 0 of a function of type [] -> [i32], checked the
/// way compiled code checks it.
pub unsafe extern "C" fn call_indirect0(vmctx: *mut VMContext, idx: u32) -> u32 {
    let table = &**(*vmctx).tables;
    if idx >= table.size {
        libcall::trap(vmctx, TrapCode::UndefinedElement as u32);
    }
    let f = *table.elements.add(idx as usize) as *const VMFuncRef;
    if f.is_null() {
        libcall::trap(vmctx, TrapCode::UninitializedElement as u32);
    }
    if (*f).sig_id != *(*vmctx).sig_ids {
        libcall::trap(vmctx, TrapCode::IndirectCallTypeMismatch as u32);
    }
    let native: unsafe extern "C" fn(*mut VMContext) -> u32 = std::mem::transmute((*f).native);
    native((*f).vmctx)
}

pub unsafe extern "C" fn call_indirect0_array(vmctx: *mut VMContext, v: *mut ValRaw) {
    *v = ValRaw::from_u32(call_indirect0(vmctx, (*v).as_u32()));
}

/// Calls imported function 0 of type [] -> [i32] through its funcref.
pub unsafe extern "C" fn call_import0(vmctx: *mut VMContext) -> u32 {
    let f = *(*vmctx).func_refs;
    let native: unsafe extern "C" fn(*mut VMContext) -> u32 = std::mem::transmute((*f).native);
    native((*f).vmctx)
}

pub unsafe extern "C" fn call_import0_array(vmctx: *mut VMContext, v: *mut ValRaw) {
    *v = ValRaw::from_u32(call_import0(vmctx));
}

/// Unbounded recursion with the prologue's stack check.
#[inline(never)]
pub unsafe extern "C" fn recurse(vmctx: *mut VMContext, depth: u32) -> u32 {
    let marker = 0u8;
    let sp = std::hint::black_box(&marker) as *const u8 as usize;
    if sp < (*(*vmctx).limits).stack_limit {
        libcall::trap(vmctx, TrapCode::StackExhausted as u32);
    }
    let pad = std::hint::black_box([depth; 16]);
    recurse(vmctx, std::hint::black_box(depth + 1)).wrapping_add(pad[3])
}

pub unsafe extern "C" fn recurse_array(vmctx: *mut VMContext, v: *mut ValRaw) {
    *v = ValRaw::from_u32(recurse(vmctx, 0));
}

pub unsafe extern "C" fn unreachable(vmctx: *mut VMContext) -> u32 {
    libcall::trap(vmctx, TrapCode::Unreachable as u32)
}

pub unsafe extern "C" fn unreachable_array(vmctx: *mut VMContext, _v: *mut ValRaw) {
    unreachable(vmctx);
}

pub unsafe extern "C" fn const7(_vmctx: *mut VMContext) -> u32 {
    7
}

pub unsafe extern "C" fn const7_array(vmctx: *mut VMContext, v: *mut ValRaw) {
    *v = ValRaw::from_u32(const7(vmctx));
}

pub fn fnptr<T: Copy>(f: T) -> *const c_void {
    assert_eq!(std::mem::size_of::<T>(), std::mem::size_of::<*const c_void>());
    // SAFETY: T is a function pointer type.
    unsafe { std::mem::transmute_copy(&f) }
}
