//! Instantiation: from a compiler-emitted `ModuleDesc` and resolved imports to a live instance
//! (its `VMContext` and everything the context points at), then segment initialization and the
//! start function; and the instance's exports. Tags (exception handling): one `TagData` per
//! defined tag, shared with importers through `Tag` handles; `VMContext::tags` points at their
//! `VMTag`s, imported ones first.
//!
//! Ownership: an instance is an `Rc<InstanceInner>`. Imports keep their exporters alive, tables
//! keep alive the instances whose functions they hold, and exported handles keep their
//! instance alive, so no pointer generated code can reach ever dangles.

use crate::error::{InstantiateError, LinkError};
use crate::externs::Extern;
use crate::func::{Func, HostFunc};
use crate::global::{Global, GlobalData};
use crate::host_context::HostContext;
use crate::memory::{Memory, MemoryData};
use crate::sigs;
use crate::stack;
use crate::table::{Table, TableData};
use crate::tag::Tag;
use crate::trap::{catch_traps, Trap};
use crate::types::{extern_type_matches, ExternType, FuncType, GlobalType, Heap, MemoryType, TableType};
use std::cell::{Cell, UnsafeCell};
use std::ffi::c_void;
use std::ptr::NonNull;
use std::rc::Rc;
use wasmkiln_abi::{
    elem_item, extern_kind, FuncDesc, ModuleDesc, Str, VMContext, VMFuncRef, VMGlobal, VMMemory, VMTable, VMTag, ValRaw,
    ABI_VERSION,
};

pub(crate) struct InstanceInner {
    desc: &'static ModuleDesc,
    vmctx: Box<UnsafeCell<VMContext>>,
    /// `VMContext::func_refs`: one pointer per function index.
    func_refs: Box<[*const VMFuncRef]>,
    /// Storage for the funcrefs this instance owns: its defined functions and the host
    /// functions it imported (other slots unused).
    _own_func_refs: Box<[VMFuncRef]>,
    _global_ptrs: Box<[*mut VMGlobal]>,
    _table_ptrs: Box<[*mut VMTable]>,
    _sig_ids: Box<[u32]>,
    memories: Vec<Memory>,
    /// Own tables have no owner handle (it would be a cycle); imported ones keep theirs.
    tables: Vec<Table>,
    globals: Vec<Global>,
    /// Every tag, imported ones first (imported ones keep their data alive).
    tags: Vec<Tag>,
    /// `VMContext::tags`: one `VMTag` pointer per tag index.
    _tag_ptrs: Box<[*const VMTag]>,
    /// `VMContext::memories`: one pointer per memory index.
    _memory_ptrs: Box<[*mut VMMemory]>,
    /// Imported functions, kept so their instances (or host functions) stay alive.
    _imported_funcs: Vec<Func>,
    data_dropped: Box<[Cell<bool>]>,
    elem_dropped: Box<[Cell<bool>]>,
    host: HostContext,
    name: String,
}

/// A string of the descriptor.
fn desc_str(s: &Str) -> String {
    // SAFETY: descriptor strings point at `len` bytes of constant data.
    String::from_utf8_lossy(unsafe { s.as_bytes() }).into_owned()
}

impl InstanceInner {
    /// `module.name` of function import `func`, if it is one.
    pub(crate) fn func_import_name(&self, func: u32) -> Option<String> {
        // SAFETY: the ModuleDesc contract.
        let imports = unsafe { ModuleDesc::slice(self.desc.imports, self.desc.num_imports) };
        let imp = imports.iter().find(|i| i.kind == extern_kind::FUNC && i.index == func)?;
        Some(format!("{}.{}", desc_str(&imp.module), desc_str(&imp.name)))
    }
}

fn invalid(what: impl Into<String>) -> LinkError {
    LinkError::InvalidDescriptor(what.into())
}

const NULL_FUNC_REF: VMFuncRef =
    VMFuncRef { native: std::ptr::null(), vmctx: std::ptr::null_mut(), sig_id: 0, array_call: None, host: std::ptr::null() };

/// The parts of a descriptor, as slices, checked for internal consistency.
struct Parts {
    desc: &'static ModuleDesc,
    types: Box<[FuncType]>,
    funcs: &'static [FuncDesc],
    table_types: Vec<TableType>,
    memory_types: Vec<MemoryType>,
    global_types: Vec<GlobalType>,
    tag_types: Vec<FuncType>,
}

impl Parts {
    fn new(desc: &'static ModuleDesc) -> Result<Parts, LinkError> {
        if desc.abi_version != ABI_VERSION {
            return Err(invalid(format!("ABI version {} (this runtime speaks {})", desc.abi_version, ABI_VERSION)));
        }
        // SAFETY: the descriptor's pointers are valid for its counts (the ModuleDesc contract).
        let (types, funcs, tables, memories, globals, tags) = unsafe {
            (
                ModuleDesc::slice(desc.types, desc.num_types),
                ModuleDesc::slice(desc.funcs, desc.num_funcs),
                ModuleDesc::slice(desc.tables, desc.num_tables),
                ModuleDesc::slice(desc.memories, desc.num_memories),
                ModuleDesc::slice(desc.globals, desc.num_globals),
                ModuleDesc::slice(desc.tags, desc.num_tags),
            )
        };
        // SAFETY: as above.
        // Types in order: a reference to type `j` means its canonical id, so a type may name
        // earlier types (interned already) or itself.
        let mut sig_ids: Vec<u32> = Vec::with_capacity(types.len());
        let mut decoded: Vec<FuncType> = Vec::with_capacity(types.len());
        for (i, t) in types.iter().enumerate() {
            let sig_of = |j: u32| match (j as usize).cmp(&i) {
                std::cmp::Ordering::Less => Some(Heap::Func(sig_ids[j as usize])),
                std::cmp::Ordering::Equal => Some(Heap::SelfType),
                std::cmp::Ordering::Greater => None,
            };
            // SAFETY: as above.
            let ty = unsafe { FuncType::from_desc(t, &sig_of) }.ok_or_else(|| invalid("bad value type in a function type"))?;
            sig_ids.push(sigs::intern(&ty));
            decoded.push(ty);
        }
        let types: Box<[FuncType]> = decoded.into_boxed_slice();
        let sig_of = |j: u32| sig_ids.get(j as usize).map(|&id| Heap::Func(id));
        let table_types = tables.iter().map(|t| TableType::from_desc(t, &sig_of)).collect::<Option<Vec<_>>>();
        let table_types = table_types.ok_or_else(|| invalid("bad table element type"))?;
        let memory_types = memories.iter().map(MemoryType::from_desc).collect();
        let global_types = globals.iter().map(|g| GlobalType::from_desc(g, &sig_of)).collect::<Option<Vec<_>>>();
        let global_types = global_types.ok_or_else(|| invalid("bad global type"))?;
        if desc.num_imported_funcs > desc.num_funcs
            || desc.num_imported_tables > desc.num_tables
            || desc.num_imported_memories > desc.num_memories
            || desc.num_imported_globals > desc.num_globals
            || desc.num_imported_tags > desc.num_tags
        {
            return Err(invalid("more imports than definitions"));
        }
        for (i, f) in funcs.iter().enumerate() {
            if f.type_index >= desc.num_types {
                return Err(invalid(format!("function {i} has type index {}", f.type_index)));
            }
            if i as u32 >= desc.num_imported_funcs && f.native.is_null() {
                return Err(invalid(format!("function {i} has no code")));
            }
        }
        if desc.start != u32::MAX {
            let f = funcs.get(desc.start as usize).ok_or_else(|| invalid("start function out of range"))?;
            let t = &types[f.type_index as usize];
            if !t.params().is_empty() || !t.results().is_empty() {
                return Err(invalid("start function type is not [] -> []"));
            }
        }
        let mut tag_types = Vec::with_capacity(tags.len());
        for (i, t) in tags.iter().enumerate() {
            let ty = types.get(t.type_index as usize).ok_or_else(|| invalid(format!("tag {i} has type index {}", t.type_index)))?;
            if !ty.results().is_empty() {
                return Err(invalid(format!("tag {i} has a type with results")));
            }
            tag_types.push(ty.clone());
        }
        let parts = Parts { desc, types, funcs, table_types, memory_types, global_types, tag_types };
        parts.check_imports_exports_elems()?;
        Ok(parts)
    }

    fn count(&self, kind: u8) -> (u32, u32) {
        let d = self.desc;
        match kind {
            extern_kind::FUNC => (d.num_imported_funcs, d.num_funcs),
            extern_kind::TABLE => (d.num_imported_tables, d.num_tables),
            extern_kind::MEMORY => (d.num_imported_memories, d.num_memories),
            extern_kind::GLOBAL => (d.num_imported_globals, d.num_globals),
            extern_kind::TAG => (d.num_imported_tags, d.num_tags),
            _ => (0, 0),
        }
    }

    fn check_imports_exports_elems(&self) -> Result<(), LinkError> {
        let d = self.desc;
        // SAFETY: the ModuleDesc contract.
        let (imports, exports, elems) = unsafe {
            (
                ModuleDesc::slice(d.imports, d.num_imports),
                ModuleDesc::slice(d.exports, d.num_exports),
                ModuleDesc::slice(d.elems, d.num_elems),
            )
        };
        let mut seen: [Vec<bool>; 5] = Default::default();
        for kind in 0..5u8 {
            seen[kind as usize] = vec![false; self.count(kind).0 as usize];
        }
        for imp in imports {
            let slot = seen.get_mut(imp.kind as usize).and_then(|s| s.get_mut(imp.index as usize));
            match slot {
                Some(s) if !*s => *s = true,
                _ => return Err(invalid(format!("import {} has a bad kind or index", desc_str(&imp.name)))),
            }
        }
        if seen.iter().flatten().any(|s| !s) {
            return Err(invalid("an imported index has no import"));
        }
        for exp in exports {
            if exp.kind > extern_kind::TAG || exp.index >= self.count(exp.kind).1 {
                return Err(invalid(format!("export {} has a bad kind or index", desc_str(&exp.name))));
            }
        }
        for (i, e) in elems.iter().enumerate() {
            // SAFETY: the ModuleDesc contract.
            for item in unsafe { ModuleDesc::slice(e.items, e.count) } {
                let ok = match item.kind {
                    elem_item::NULL => true,
                    elem_item::FUNC => item.index < d.num_funcs,
                    elem_item::GLOBAL => item.index < d.num_globals,
                    _ => false,
                };
                if !ok {
                    return Err(invalid(format!("element segment {i} has a bad item")));
                }
            }
        }
        Ok(())
    }

    /// What import `index` of `kind` expects.
    fn import_type(&self, kind: u8, index: u32) -> ExternType {
        let i = index as usize;
        match kind {
            extern_kind::FUNC => ExternType::Func(self.types[self.funcs[i].type_index as usize].clone()),
            extern_kind::TABLE => ExternType::Table(self.table_types[i]),
            extern_kind::MEMORY => ExternType::Memory(self.memory_types[i]),
            extern_kind::TAG => ExternType::Tag(self.tag_types[i].clone()),
            _ => ExternType::Global(self.global_types[i]),
        }
    }
}

/// Imports sorted into their index spaces.
#[derive(Default)]
struct Imports {
    funcs: Vec<Option<Func>>,
    tables: Vec<Option<Table>>,
    memories: Vec<Option<Memory>>,
    globals: Vec<Option<Global>>,
    tags: Vec<Option<Tag>>,
}

fn resolve_imports(
    parts: &Parts,
    resolve: &mut dyn FnMut(&str, &str, &ExternType) -> Option<Extern>,
) -> Result<Imports, LinkError> {
    let d = parts.desc;
    let mut imports = Imports {
        funcs: vec![None; d.num_imported_funcs as usize],
        tables: vec![None; d.num_imported_tables as usize],
        memories: vec![None; d.num_imported_memories as usize],
        globals: vec![None; d.num_imported_globals as usize],
        tags: vec![None; d.num_imported_tags as usize],
    };
    // SAFETY: the ModuleDesc contract.
    for imp in unsafe { ModuleDesc::slice(d.imports, d.num_imports) } {
        let (module, name) = (desc_str(&imp.module), desc_str(&imp.name));
        let want = parts.import_type(imp.kind, imp.index);
        let found = resolve(&module, &name, &want);
        // A function import with stand-in code (`--trap-unknown-imports`) needs no
        // definition: its slot stays empty and `allocate` binds the stand-in.
        let stand_in = imp.kind == extern_kind::FUNC && parts.funcs.get(imp.index as usize).is_some_and(|f| !f.native.is_null());
        if found.is_none() && stand_in {
            continue;
        }
        let ext = check_definition(module, name, &want, found)?;
        let i = imp.index as usize;
        match ext {
            Extern::Func(f) => imports.funcs[i] = Some(f),
            Extern::Table(t) => imports.tables[i] = Some(t),
            Extern::Memory(m) => imports.memories[i] = Some(m),
            Extern::Global(g) => imports.globals[i] = Some(g),
            Extern::Tag(t) => imports.tags[i] = Some(t),
        }
    }
    Ok(imports)
}

/// The definition `found` for import `module.name` of type `want`, or the link error the spec
/// names: `unknown import` if there is none, `incompatible import type` if its type does not
/// match.
pub fn check_definition(module: String, name: String, want: &ExternType, found: Option<Extern>) -> Result<Extern, LinkError> {
    let Some(ext) = found else {
        return Err(LinkError::UnknownImport { module, name });
    };
    let have = ext.ty();
    if !extern_type_matches(&have, want) {
        let detail = format!("expected {want}, found {have}");
        return Err(LinkError::IncompatibleImportType { module, name, detail });
    }
    Ok(ext)
}

/// A live instance of a compiled module. Cloning is cheap (a reference count).
///
/// **Invariant:** an instance runs on the thread that created it (it is not `Send`); its
/// `VMContext` points at that thread's stack limit.
#[derive(Clone)]
pub struct Instance {
    inner: Rc<InstanceInner>,
}

impl Instance {
    /// Instantiates `desc`, asking `resolve(module, name, expected_type)` for each import, with
    /// an empty host context (host modules then use their defaults).
    pub fn new(
        desc: &'static ModuleDesc,
        resolve: impl FnMut(&str, &str, &ExternType) -> Option<Extern>,
    ) -> Result<Instance, InstantiateError> {
        Self::with_context(desc, resolve, HostContext::default())
    }

    /// Like [`Instance::new`], with the state host functions will find through the caller's
    /// vmctx (what `Caller::context` returns).
    pub fn with_context(
        desc: &'static ModuleDesc,
        mut resolve: impl FnMut(&str, &str, &ExternType) -> Option<Extern>,
        host: HostContext,
    ) -> Result<Instance, InstantiateError> {
        let parts = Parts::new(desc)?;
        let imports = resolve_imports(&parts, &mut resolve)?;
        let inner = allocate(&parts, imports, host)?;
        let instance = Instance { inner };
        let vmctx = instance.vmctx();
        // SAFETY: `init` is the module's generated initializer for exactly this vmctx layout; it
        // ends with the start function. Entered through the exception barrier (exception.rs).
        catch_traps(|| unsafe { crate::exception::enter_init(desc.init, vmctx) })?;
        Ok(instance)
    }

    pub fn vmctx(&self) -> *mut VMContext {
        self.inner.vmctx.get()
    }

    pub fn desc(&self) -> &'static ModuleDesc {
        self.inner.desc
    }

    /// The module's name (name section), or empty.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The export called `name`.
    pub fn get_export(&self, name: &str) -> Option<Extern> {
        let d = self.inner.desc;
        // SAFETY: the ModuleDesc contract.
        let exports = unsafe { ModuleDesc::slice(d.exports, d.num_exports) };
        // SAFETY: as above.
        let e = exports.iter().find(|e| unsafe { e.name.as_bytes() } == name.as_bytes())?;
        self.inner.export(&self.inner, e.kind, e.index)
    }

    /// Every export, in module order.
    pub fn exports(&self) -> Vec<(String, Extern)> {
        let d = self.inner.desc;
        // SAFETY: the ModuleDesc contract.
        let exports = unsafe { ModuleDesc::slice(d.exports, d.num_exports) };
        exports
            .iter()
            .filter_map(|e| Some((desc_str(&e.name), self.inner.export(&self.inner, e.kind, e.index)?)))
            .collect()
    }

    pub fn get_func(&self, name: &str) -> Option<Func> {
        self.get_export(name)?.into_func()
    }

    pub fn get_memory(&self, name: &str) -> Option<Memory> {
        self.get_export(name)?.into_memory()
    }

    pub fn get_table(&self, name: &str) -> Option<Table> {
        self.get_export(name)?.into_table()
    }

    pub fn get_global(&self, name: &str) -> Option<Global> {
        self.get_export(name)?.into_global()
    }

    pub fn get_tag(&self, name: &str) -> Option<Tag> {
        self.get_export(name)?.into_tag()
    }

    /// Tag `index` of this instance (defined or imported).
    pub fn tag(&self, index: u32) -> Option<Tag> {
        self.inner.tags.get(index as usize).cloned()
    }

    /// Memory `index` of this instance (defined or imported).
    pub fn memory(&self, index: u32) -> Option<Memory> {
        self.inner.memories.get(index as usize).cloned()
    }

    /// Calls the exported function `name` with raw arguments.
    pub fn call(&self, name: &str, args: &[ValRaw]) -> Result<Vec<ValRaw>, Trap> {
        let f = self.get_func(name).ok_or_else(|| Trap::host(format!("no exported function named {name}")))?;
        f.call(args)
    }

    /// The name-section name of function `index`, if any.
    pub fn func_name(&self, index: u32) -> Option<String> {
        let f = self.inner.desc_funcs().get(index as usize)?;
        (f.name.len > 0).then(|| desc_str(&f.name))
    }
}

fn allocate(parts: &Parts, imports: Imports, host: HostContext) -> Result<Rc<InstanceInner>, InstantiateError> {
    let d = parts.desc;
    let vmctx = Box::new(UnsafeCell::new(VMContext {
        memory_base: std::ptr::null_mut(),
        memory: std::ptr::null_mut(),
        globals: std::ptr::null(),
        tables: std::ptr::null(),
        func_refs: std::ptr::null(),
        sig_ids: std::ptr::null(),
        limits: stack::limits_ptr(),
        instance: std::ptr::null_mut(),
        tags: std::ptr::null(),
        memories: std::ptr::null(),
    }));
    let vmctx_ptr = vmctx.get();
    let sig_ids: Box<[u32]> = parts.types.iter().map(sigs::intern).collect();

    // Functions: own funcrefs first (their addresses must be final before pointers are taken).
    let mut own: Vec<VMFuncRef> = parts.funcs.iter().map(|_| NULL_FUNC_REF).collect();
    let mut imported_funcs = Vec::with_capacity(imports.funcs.len());
    for (i, f) in parts.funcs.iter().enumerate() {
        if let Some(Some(import)) = imports.funcs.get(i) {
            if let Some(h) = import.host_func() {
                own[i] = host_func_ref(h, f.adapter, vmctx_ptr);
            }
            imported_funcs.push(import.clone());
        } else if i as u32 >= d.num_imported_funcs || !f.native.is_null() {
            // A defined function, or the stand-in of an import nothing defined.
            own[i] = VMFuncRef {
                native: f.native,
                vmctx: vmctx_ptr,
                sig_id: sig_ids[f.type_index as usize],
                array_call: f.array_call,
                host: std::ptr::null(),
            };
        }
    }
    let own: Box<[VMFuncRef]> = own.into_boxed_slice();
    let func_refs: Box<[*const VMFuncRef]> = (0..parts.funcs.len())
        .map(|i| match imports.funcs.get(i) {
            Some(Some(import)) => import.raw_ref().unwrap_or(&own[i] as *const VMFuncRef),
            _ => &own[i] as *const VMFuncRef,
        })
        .collect();

    let mut memories: Vec<Memory> = imports.memories.into_iter().flatten().collect();
    for ty in &parts.memory_types[memories.len()..] {
        memories.push(Memory(std::sync::Arc::new(MemoryData::new(*ty)?)));
    }
    let mut tables: Vec<Table> = imports.tables.into_iter().flatten().collect();
    let num_imported_tables = tables.len();
    for ty in &parts.table_types[tables.len()..] {
        tables.push(Table { data: Rc::new(TableData::new(*ty, 0)?), _owner: None });
    }
    let mut globals: Vec<Global> = imports.globals.into_iter().flatten().collect();
    for ty in &parts.global_types[globals.len()..] {
        globals.push(Global { data: Rc::new(GlobalData::new(*ty)), _owner: None });
    }
    let mut tags: Vec<Tag> = imports.tags.into_iter().flatten().collect();
    for (i, ty) in parts.tag_types.iter().enumerate().skip(tags.len()) {
        tags.push(Tag::new(ty.clone(), tag_name(d, i as u32)).expect("checked: a tag type has no results"));
    }
    let tag_ptrs: Box<[*const VMTag]> = tags.iter().map(Tag::vm).collect();
    let memory_ptrs: Box<[*mut VMMemory]> = memories.iter().map(|m| m.0.vm()).collect();
    let global_ptrs: Box<[*mut VMGlobal]> = globals.iter().map(|g| g.data.vm()).collect();
    let table_ptrs: Box<[*mut VMTable]> = tables.iter().map(|t| t.data.vm()).collect();

    // SAFETY: nothing else refers to the fresh vmctx yet.
    unsafe {
        let v = &mut *vmctx_ptr;
        if let Some(m) = memories.first() {
            v.memory_base = m.0.base();
            v.memory = m.0.vm();
        }
        v.globals = global_ptrs.as_ptr();
        v.tables = table_ptrs.as_ptr();
        v.func_refs = func_refs.as_ptr();
        v.sig_ids = sig_ids.as_ptr();
        v.tags = tag_ptrs.as_ptr();
        v.memories = memory_ptrs.as_ptr();
    }
    let inner = Rc::new(InstanceInner {
        desc: d,
        vmctx,
        func_refs,
        _own_func_refs: own,
        _global_ptrs: global_ptrs,
        _table_ptrs: table_ptrs,
        _sig_ids: sig_ids,
        memories,
        tables,
        globals,
        tags,
        _tag_ptrs: tag_ptrs,
        _memory_ptrs: memory_ptrs,
        _imported_funcs: imported_funcs,
        data_dropped: (0..d.num_data).map(|_| Cell::new(false)).collect(),
        elem_dropped: (0..d.num_elems).map(|_| Cell::new(false)).collect(),
        host,
        name: desc_str(&d.name),
    });
    let inner_ptr = Rc::as_ptr(&inner);
    // SAFETY: still exclusively ours; the back pointer is how libcalls find the instance.
    unsafe { (*inner.vmctx.get()).instance = inner_ptr as *mut c_void };
    for t in &inner.tables[num_imported_tables..] {
        t.data.set_owner(inner_ptr);
    }
    Ok(inner)
}

/// What messages call defined tag `index` of `d`: its name-section name, else the first name it
/// is exported under, else `#N of FILE`.
fn tag_name(d: &ModuleDesc, index: u32) -> String {
    // SAFETY: the ModuleDesc contract (checked by `Parts::new`).
    let (tags, exports) = unsafe { (ModuleDesc::slice(d.tags, d.num_tags), ModuleDesc::slice(d.exports, d.num_exports)) };
    if let Some(t) = tags.get(index as usize).filter(|t| t.name.len > 0) {
        return desc_str(&t.name);
    }
    if let Some(e) = exports.iter().find(|e| e.kind == extern_kind::TAG && e.index == index) {
        return desc_str(&e.name);
    }
    // SAFETY: as above.
    let (file, name) = unsafe { (d.file.as_bytes(), d.name.as_bytes()) };
    let module = match (file, name) {
        ([], []) => "a module".to_string(),
        ([], name) => String::from_utf8_lossy(name).into_owned(),
        (file, _) => String::from_utf8_lossy(file).into_owned(),
    };
    format!("#{index} of {module}")
}

/// The funcref of host function `h` bound to an import whose adapter (`FuncDesc::adapter`) is
/// `adapter`: generated code calls the adapter, which calls `h` with the C convention; without
/// one the module's Wasm convention is C and `h` is called directly.
fn host_func_ref(h: &HostFunc, adapter: *const std::ffi::c_void, vmctx: *mut VMContext) -> VMFuncRef {
    let native = if adapter.is_null() { h.native } else { adapter };
    VMFuncRef { native, vmctx, sig_id: h.sig_id, array_call: h.array_call, host: h.native }
}

impl InstanceInner {
    /// # Safety
    /// `vmctx` must be the context of a live instance.
    pub(crate) unsafe fn from_vmctx<'a>(vmctx: *mut VMContext) -> &'a InstanceInner {
        &*((*vmctx).instance as *const InstanceInner)
    }

    fn desc_funcs(&self) -> &'static [FuncDesc] {
        // SAFETY: the ModuleDesc contract.
        unsafe { ModuleDesc::slice(self.desc.funcs, self.desc.num_funcs) }
    }

    fn export(&self, this: &Rc<InstanceInner>, kind: u8, index: u32) -> Option<Extern> {
        let i = index as usize;
        Some(match kind {
            extern_kind::FUNC => {
                let ptr = NonNull::new(*self.func_refs.get(i)? as *mut VMFuncRef)?;
                Extern::Func(Func::from_instance(ptr, this.clone()))
            }
            extern_kind::TABLE => {
                let t = self.tables.get(i)?;
                Extern::Table(Table { data: t.data.clone(), _owner: Some(this.clone()) })
            }
            extern_kind::MEMORY => Extern::Memory(self.memories.get(i)?.clone()),
            extern_kind::GLOBAL => {
                let g = self.globals.get(i)?;
                Extern::Global(Global { data: g.data.clone(), _owner: Some(this.clone()) })
            }
            extern_kind::TAG => Extern::Tag(self.tags.get(i)?.clone()),
            _ => return None,
        })
    }

    pub(crate) fn host_context(&self) -> &HostContext {
        &self.host
    }

    pub(crate) fn memory(&self, index: u32) -> Option<&MemoryData> {
        self.memories.get(index as usize).map(|m| &*m.0)
    }

    pub(crate) fn memory_handle(&self, index: u32) -> Option<Memory> {
        self.memories.get(index as usize).cloned()
    }

    pub(crate) fn table(&self, index: u32) -> Option<&TableData> {
        self.tables.get(index as usize).map(|t| &*t.data)
    }

    /// Data segment `index`'s bytes; empty once dropped.
    pub(crate) fn data_segment(&self, index: u32) -> Option<&'static [u8]> {
        let dropped = self.data_dropped.get(index as usize)?;
        if dropped.get() {
            return Some(&[]);
        }
        // SAFETY: the ModuleDesc contract; the index was bounds-checked through `data_dropped`.
        unsafe { Some(ModuleDesc::slice(self.desc.data, self.desc.num_data)[index as usize].bytes.as_bytes()) }
    }

    pub(crate) fn drop_data(&self, index: u32) {
        if let Some(d) = self.data_dropped.get(index as usize) {
            d.set(true);
        }
    }

    /// Element segment `index` evaluated to raw references; empty once dropped.
    pub(crate) fn elem_segment(&self, index: u32) -> Option<Vec<usize>> {
        let dropped = self.elem_dropped.get(index as usize)?;
        if dropped.get() {
            return Some(Vec::new());
        }
        // SAFETY: the ModuleDesc contract; indices were validated at instantiation.
        let seg = unsafe { &ModuleDesc::slice(self.desc.elems, self.desc.num_elems)[index as usize] };
        // SAFETY: as above.
        let items = unsafe { ModuleDesc::slice(seg.items, seg.count) };
        Some(
            items
                .iter()
                .map(|item| match item.kind {
                    elem_item::FUNC => self.func_refs[item.index as usize] as usize,
                    elem_item::GLOBAL => self.globals[item.index as usize].data.get_ref(),
                    _ => 0,
                })
                .collect(),
        )
    }

    pub(crate) fn drop_elem(&self, index: u32) {
        if let Some(d) = self.elem_dropped.get(index as usize) {
            d.set(true);
        }
    }
}
