//! Instances laid out in one buffer by [`wasmkiln_abi::arena::ArenaPlan`], for runtimes without
//! a heap (firmware). The buffer is reserved by the compiler (a zeroed static of the plan's size)
//! and carved here with the same plan. Only what such targets support is accepted: function
//! imports whose native code the descriptor names (C symbols), at most one memory, no imported
//! memories, tables or globals. Signature ids are per instance (no funcref crosses instances):
//! a type's id is the index of the first structurally equal type.
//!
//! `VMContext::instance` points at the module's descriptor, so a libcall finds everything from
//! its vmctx: the arena starts at the vmctx, and the plan gives every other region.

use wasmkiln_abi::arena::{ArenaCounts, ArenaPlan};
use wasmkiln_abi::{
    elem_item, ModuleDesc, VMContext, VMFuncRef, VMGlobal, VMLimits, VMMemory, VMTable, ABI_VERSION, WASM_PAGE_SIZE,
};

const PTR: usize = core::mem::size_of::<usize>();

/// Why an instance cannot be laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArenaError {
    AbiVersion,
    /// The module imports a memory, table or global (only functions can be imported here).
    UnsupportedImport,
    /// More than one memory.
    MultipleMemories,
    /// A function import without native code in the descriptor.
    UnresolvedImport,
    /// The memory's minimum size exceeds the capacity reserved for it.
    MemoryTooSmall,
    /// The buffer is smaller than the plan or misaligned.
    ArenaTooSmall,
    /// The module has tags (exception handling needs the hosted runtime's unwinder).
    Tags,
    /// A 64-bit memory or table (memory64, table64), or a table of 2^32 elements or more.
    Index64,
}

impl ArenaError {
    pub fn message(self) -> &'static str {
        match self {
            ArenaError::AbiVersion => "the module was compiled for another ABI version",
            ArenaError::UnsupportedImport => "the module imports a memory, table or global",
            ArenaError::MultipleMemories => "the module has more than one memory",
            ArenaError::UnresolvedImport => "an imported function has no native code",
            ArenaError::MemoryTooSmall => "the memory's minimum size exceeds its reserved capacity",
            ArenaError::ArenaTooSmall => "the arena is too small or misaligned",
            ArenaError::Tags => "the module uses exception handling (tags)",
            ArenaError::Index64 => "the module has a 64-bit memory or table",
        }
    }
}

/// The counts of `desc` with `memory_bytes` reserved for its memory.
pub fn counts(desc: &ModuleDesc, memory_bytes: u64) -> ArenaCounts {
    // SAFETY: the ModuleDesc contract.
    let tables = unsafe { ModuleDesc::slice(desc.tables, desc.num_tables) };
    ArenaCounts {
        funcs: desc.num_funcs,
        types: desc.num_types,
        globals: desc.num_globals,
        tables: desc.num_tables,
        table_elements: tables.iter().fold(0u64, |n, t| n.saturating_add(t.min)),
        data: desc.num_data,
        elems: desc.num_elems,
        memory_bytes,
    }
}

/// The plan of the instance whose vmctx is `vmctx` (the regions before linear memory do not
/// depend on its capacity).
///
/// # Safety
/// `vmctx` is the context of an instance made by [`instantiate`].
unsafe fn plan_of(vmctx: *const VMContext) -> (&'static ModuleDesc, ArenaPlan) {
    let desc = &*((*vmctx).instance as *const ModuleDesc);
    let plan = ArenaPlan::new(&counts(desc, 0), PTR).expect("the plan fitted at instantiation");
    (desc, plan)
}

/// Region `offset` of the arena at `base`.
unsafe fn at<T>(base: *mut u8, offset: usize) -> *mut T {
    base.add(offset) as *mut T
}

/// Lays out an instance of `desc` in `arena` (`len` bytes, 16-aligned), with `memory_bytes` of
/// capacity for linear memory, and fills in everything but the module's own initialization:
/// the caller then runs `desc.init` and the start function ([`run_init`]).
///
/// # Safety
/// `desc` is a descriptor the compiler emitted for this target; `arena` is valid for `len`
/// bytes and not used by anything else while the instance lives.
pub unsafe fn instantiate(desc: &'static ModuleDesc, arena: *mut u8, len: usize, memory_bytes: u64) -> Result<*mut VMContext, ArenaError> {
    if desc.abi_version != ABI_VERSION {
        return Err(ArenaError::AbiVersion);
    }
    if desc.num_imported_memories + desc.num_imported_tables + desc.num_imported_globals != 0 {
        return Err(ArenaError::UnsupportedImport);
    }
    if desc.num_memories > 1 {
        return Err(ArenaError::MultipleMemories);
    }
    if desc.num_tags != 0 {
        return Err(ArenaError::Tags);
    }
    let (memories, tables) = (ModuleDesc::slice(desc.memories, desc.num_memories), ModuleDesc::slice(desc.tables, desc.num_tables));
    if memories.iter().any(|m| m.memory64 != 0) || tables.iter().any(|t| t.table64 != 0 || t.min > u32::MAX as u64) {
        return Err(ArenaError::Index64);
    }
    let plan = ArenaPlan::new(&counts(desc, memory_bytes), PTR).ok_or(ArenaError::ArenaTooSmall)?;
    if plan.bytes > len || (arena as usize) % plan.align != 0 {
        return Err(ArenaError::ArenaTooSmall);
    }
    if let Some(m) = memories.first() {
        if m.min_pages.saturating_mul(WASM_PAGE_SIZE) > memory_bytes {
            return Err(ArenaError::MemoryTooSmall);
        }
    }
    let funcs = ModuleDesc::slice(desc.funcs, desc.num_funcs);
    if funcs.iter().any(|f| f.native.is_null()) {
        return Err(ArenaError::UnresolvedImport);
    }
    // A fresh instance: every byte zero (tables null, globals zero, memory zero, nothing dropped).
    core::ptr::write_bytes(arena, 0, plan.bytes);

    let vmctx: *mut VMContext = at(arena, plan.vmctx);
    let limits: *mut VMLimits = at(arena, plan.limits);
    let memory: *mut VMMemory = at(arena, plan.memory);
    if let Some(m) = memories.first() {
        let capacity_pages = memory_bytes / WASM_PAGE_SIZE;
        let max = if m.has_max != 0 { m.max_pages.min(capacity_pages) } else { capacity_pages };
        *memory = VMMemory { base: at(arena, plan.memory_bytes), size_bytes: m.min_pages * WASM_PAGE_SIZE, max_pages: max };
    }

    let types = ModuleDesc::slice(desc.types, desc.num_types);
    let sig_ids: *mut u32 = at(arena, plan.sig_ids);
    for (i, t) in types.iter().enumerate() {
        // Equal value types, and equal precise reference types: a type index is compared by
        // the id of that (earlier) type, a reference to the type itself with the other's to
        // itself.
        let refs = |d: &wasmkiln_abi::FuncTypeDesc| ModuleDesc::slice(d.refs, if d.refs.is_null() { 0 } else { d.num_params + d.num_results });
        let same_ref = |a: &wasmkiln_abi::RefDesc, ai: usize, b: &wasmkiln_abi::RefDesc, bi: usize| {
            let top_or_bottom = |h: u32| h >= wasmkiln_abi::heap::BOTTOM;
            a.nullable == b.nullable
                && if top_or_bottom(a.heap) || top_or_bottom(b.heap) {
                    a.heap == b.heap
                } else if a.heap as usize == ai || b.heap as usize == bi {
                    a.heap as usize == ai && b.heap as usize == bi
                } else {
                    (a.heap as usize) < i && (b.heap as usize) < i && *sig_ids.add(a.heap as usize) == *sig_ids.add(b.heap as usize)
                }
        };
        let same = |(k, u): &(usize, &wasmkiln_abi::FuncTypeDesc)| {
            let (ur, tr) = (refs(u), refs(t));
            ModuleDesc::slice(u.params, u.num_params) == ModuleDesc::slice(t.params, t.num_params)
                && ModuleDesc::slice(u.results, u.num_results) == ModuleDesc::slice(t.results, t.num_results)
                && (ur.len() == tr.len() || ur.is_empty() || tr.is_empty())
                && (0..ur.len().max(tr.len())).all(|v| {
                    let top = wasmkiln_abi::RefDesc { nullable: 1, heap: wasmkiln_abi::heap::TOP };
                    let (a, b) = (ur.get(v).copied().unwrap_or(top), tr.get(v).copied().unwrap_or(top));
                    // Values that are not references carry (0, 0) or nothing: compare only refs.
                    let is_ref = |d: &wasmkiln_abi::FuncTypeDesc| {
                        let codes = ModuleDesc::slice(d.params, d.num_params).iter().chain(ModuleDesc::slice(d.results, d.num_results));
                        codes.clone().nth(v).is_some_and(|c| matches!(*c, wasmkiln_abi::valtype::FUNCREF | wasmkiln_abi::valtype::EXTERNREF | wasmkiln_abi::valtype::EXNREF))
                    };
                    !is_ref(t) || same_ref(&a, *k, &b, i)
                })
        };
        *sig_ids.add(i) = types.iter().enumerate().position(|ku| same(&ku)).unwrap_or(i) as u32;
    }

    let func_ref_ptrs: *mut *const VMFuncRef = at(arena, plan.func_ref_ptrs);
    let func_refs: *mut VMFuncRef = at(arena, plan.func_refs);
    for (i, f) in funcs.iter().enumerate() {
        let sig_id = *sig_ids.add(f.type_index as usize);
        *func_refs.add(i) = VMFuncRef { native: f.native, vmctx, sig_id, array_call: f.array_call, host: core::ptr::null() };
        *func_ref_ptrs.add(i) = func_refs.add(i);
    }

    let global_ptrs: *mut *mut VMGlobal = at(arena, plan.global_ptrs);
    let globals: *mut VMGlobal = at(arena, plan.globals);
    for i in 0..desc.num_globals as usize {
        *global_ptrs.add(i) = globals.add(i);
    }

    let table_ptrs: *mut *mut VMTable = at(arena, plan.table_ptrs);
    let tables: *mut VMTable = at(arena, plan.tables);
    let mut elements: *mut usize = at(arena, plan.table_elements);
    for (i, t) in ModuleDesc::slice(desc.tables, desc.num_tables).iter().enumerate() {
        // Below 2^32: checked above.
        *tables.add(i) = VMTable { elements, size: t.min as u32, max: t.min as u32 };
        *table_ptrs.add(i) = tables.add(i);
        elements = elements.add(t.min as usize);
    }

    *limits = VMLimits { stack_limit: 0 };
    *vmctx = VMContext {
        memory_base: if memories.is_empty() { core::ptr::null_mut() } else { (*memory).base },
        memory: if memories.is_empty() { core::ptr::null_mut() } else { memory },
        globals: global_ptrs,
        tables: table_ptrs,
        func_refs: func_ref_ptrs,
        sig_ids,
        limits,
        instance: desc as *const ModuleDesc as *mut core::ffi::c_void,
        // Firmware modules have no tags (the compiler rejects exception handling for them).
        tags: core::ptr::null(),
        // At most one memory (the compiler rejects more for firmware): the fast-path fields.
        memories: core::ptr::null(),
    };
    Ok(vmctx)
}

/// Runs the module's initializer (globals, active segments, then the start function). A trap
/// goes wherever the `trap` libcall goes.
///
/// # Safety
/// `vmctx` comes from [`instantiate`].
pub unsafe fn run_init(vmctx: *mut VMContext) {
    let (desc, _) = plan_of(vmctx);
    (desc.init)(vmctx);
}

/// Memory `index` (only 0 exists).
///
/// # Safety
/// `vmctx` comes from [`instantiate`].
pub unsafe fn memory<'a>(vmctx: *mut VMContext, index: u32) -> Option<&'a mut VMMemory> {
    let m = (*vmctx).memory;
    (index == 0 && !m.is_null()).then(|| &mut *m)
}

/// Table `index`.
///
/// # Safety
/// `vmctx` comes from [`instantiate`].
pub unsafe fn table<'a>(vmctx: *mut VMContext, index: u32) -> Option<&'a mut VMTable> {
    let (desc, _) = plan_of(vmctx);
    (index < desc.num_tables).then(|| &mut **(*vmctx).tables.add(index as usize))
}

/// The drop flag of data segment `index`, or of element segment `index` (`elem`).
unsafe fn dropped<'a>(vmctx: *mut VMContext, index: u32, elem: bool) -> Option<&'a mut u8> {
    let (desc, plan) = plan_of(vmctx);
    let (count, offset) = if elem { (desc.num_elems, plan.elem_dropped) } else { (desc.num_data, plan.data_dropped) };
    (index < count).then(|| &mut *at::<u8>(vmctx as *mut u8, offset + index as usize))
}

/// Data segment `index`'s bytes; empty once dropped.
///
/// # Safety
/// `vmctx` comes from [`instantiate`].
pub unsafe fn data_segment(vmctx: *mut VMContext, index: u32) -> Option<&'static [u8]> {
    let (desc, _) = plan_of(vmctx);
    let flag = dropped(vmctx, index, false)?;
    Some(if *flag != 0 { &[] } else { ModuleDesc::slice(desc.data, desc.num_data)[index as usize].bytes.as_bytes() })
}

/// `data.drop` / `elem.drop`.
///
/// # Safety
/// `vmctx` comes from [`instantiate`].
pub unsafe fn drop_segment(vmctx: *mut VMContext, index: u32, elem: bool) {
    if let Some(flag) = dropped(vmctx, index, elem) {
        *flag = 1;
    }
}

/// Element segment `index`: its item count (0 once dropped) and a function evaluating item `i`
/// to a raw reference.
///
/// # Safety
/// `vmctx` comes from [`instantiate`].
pub unsafe fn elem_segment(vmctx: *mut VMContext, index: u32) -> Option<(u32, impl Fn(u32) -> usize)> {
    let (desc, _) = plan_of(vmctx);
    let live = *dropped(vmctx, index, true)? == 0;
    let seg = &ModuleDesc::slice(desc.elems, desc.num_elems)[index as usize];
    let items = ModuleDesc::slice(seg.items, seg.count);
    let eval = move |i: u32| {
        let item = &items[i as usize];
        match item.kind {
            elem_item::FUNC => *(*vmctx).func_refs.add(item.index as usize) as usize,
            elem_item::GLOBAL => {
                let g = &**(*vmctx).globals.add(item.index as usize);
                let mut raw = [0u8; PTR];
                raw.copy_from_slice(&g.bytes[..PTR]);
                usize::from_le_bytes(raw)
            }
            _ => 0,
        }
    };
    Some((if live { seg.count } else { 0 }, eval))
}
