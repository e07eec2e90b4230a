//! The C interface of a firmware build (freestanding targets): imported functions are C symbols
//! the embedder defines, exported functions are C functions taking the instance, and
//! `wk_<module>_instantiate` lays the instance out in a static arena sized at compile time
//! (`wasmkiln_abi::arena`). Names follow `wasmkiln_abi::symbols::CName`; header.rs declares the
//! same functions in C.

use super::intrinsics::Intrinsics;
use crate::error::{Error, Result};
use crate::module_info::ModuleInfo;
use crate::translate::ModuleEnv;
use inkwell::module::{Linkage, Module};
use inkwell::values::{BasicMetadataValueEnum, FunctionValue, GlobalValue};
use wasmkiln_abi::arena::{ArenaCounts, ArenaPlan};
use wasmkiln_abi::symbols::{self, CName};
use wasmkiln_abi::{extern_kind, WASM_PAGE_SIZE};
use wasmparser::{ExternalKind, FuncType, ValType};

/// The C name of `name`.
pub fn c_name(name: CName<'_>) -> String {
    let mut s = String::new();
    name.write(&mut s).expect("writing to a String cannot fail");
    s
}

/// The module and name of imported function `index`.
pub fn func_import<'a>(info: &ModuleInfo<'a>, index: u32) -> (&'a str, &'a str) {
    let imp = info.imports.iter().find(|i| i.kind == extern_kind::FUNC && i.index == index).expect("every imported function has an import");
    (imp.module, imp.name)
}

/// Whether a function of type `ty` gets a C function: v128 has no C type and several results
/// no C return type, so such exports are left out (the header says so).
pub fn has_c_signature(ty: &FuncType) -> bool {
    ty.results().len() <= 1 && !ty.params().iter().chain(ty.results()).any(|t| *t == ValType::V128)
}

/// Checks that the module needs nothing a firmware instance cannot give it, and returns the
/// bytes to reserve for its memory: `max_memory` if given, else the memory's minimum.
pub fn memory_capacity(info: &ModuleInfo<'_>, max_memory: Option<u64>) -> Result<u64> {
    if let Some(imp) = info.imports.iter().find(|i| i.kind != extern_kind::FUNC) {
        let what = ["function", "table", "memory", "global", "tag"].get(imp.kind as usize).copied().unwrap_or("definition");
        return Err(Error::new(format!("imports {what} {}.{}, but firmware modules can import functions only", imp.module, imp.name)));
    }
    if info.memories.iter().any(|m| m.memory64) || info.tables.iter().any(|t| t.table64) {
        return Err(Error::new("has a 64-bit memory or table (memory64), but firmware instances have 32-bit ones only"));
    }
    if info.memories.len() > 1 {
        return Err(Error::new("has several memories, but firmware instances have one memory at most"));
    }
    let Some(memory) = info.memories.first() else { return Ok(0) };
    let min = memory.initial.saturating_mul(WASM_PAGE_SIZE);
    match max_memory {
        Some(max) if max < min => Err(Error::new(format!("needs {} KiB of memory at least, more than --max-memory {} KiB", min / 1024, max / 1024))),
        Some(max) => Ok(max),
        None => Ok(min),
    }
}

/// The arena plan of the module for the target's pointer width.
pub fn arena_plan(info: &ModuleInfo<'_>, memory_bytes: u64, ptr_bytes: usize) -> Result<ArenaPlan> {
    let counts = ArenaCounts {
        funcs: info.funcs.len() as u32,
        types: info.types.len() as u32,
        globals: info.globals.len() as u32,
        tables: info.tables.len() as u32,
        table_elements: info.tables.iter().map(|t| t.initial).sum(),
        data: info.data.len() as u32,
        elems: info.elems.len() as u32,
        memory_bytes,
    };
    ArenaPlan::new(&counts, ptr_bytes).ok_or_else(|| Error::new("needs more RAM than the target's address space holds"))
}

/// Declares every imported function as the external C symbol of the naming rule; generated
/// code calls them directly, passing the calling instance.
pub fn declare_imports<'ctx>(info: &ModuleInfo<'_>, ii: &Intrinsics<'ctx>, module: &Module<'ctx>) -> Result<Vec<Option<FunctionValue<'ctx>>>> {
    (0..info.num_imported_funcs)
        .map(|i| {
            let (m, n) = func_import(info, i);
            let name = c_name(CName::Import { module: m.as_bytes(), name: n.as_bytes() });
            Ok(Some(module.add_function(&name, ii.func_type(info.func_type(i))?, Some(Linkage::External))))
        })
        .collect()
}

/// The module's C entry points: `wk_<module>_instantiate` and one function per exported function.
pub fn build_entry_points<'ctx>(env: &ModuleEnv<'_, 'ctx>, module_name: &str, desc: GlobalValue<'ctx>, memory_bytes: u64) -> Result<()> {
    let (ii, info) = (env.ii, env.info);
    let plan = arena_plan(info, memory_bytes, ii.layout.ptr_bytes)?;
    let arena_ty = ii.i8.array_type(plan.bytes as u32);
    let arena = env.module.add_global(arena_ty, None, &format!("wk_{}_arena", mangled(module_name)));
    arena.set_linkage(Linkage::Internal);
    arena.set_initializer(&arena_ty.const_zero());
    arena.set_alignment(plan.align as u32);

    let instantiate_ty = ii.ptr.fn_type(&[ii.ptr.into(), ii.ptr.into(), ii.intptr.into(), ii.i64.into()], false);
    let runtime = env.module.add_function(symbols::FIRMWARE_INSTANTIATE, instantiate_ty, Some(Linkage::External));
    let f = env.module.add_function(&c_name(CName::Instantiate { module: module_name.as_bytes() }), ii.ptr.fn_type(&[], false), Some(Linkage::External));
    let b = ii.ctx.create_builder();
    b.position_at_end(ii.ctx.append_basic_block(f, "entry"));
    let args: [BasicMetadataValueEnum; 4] = [
        desc.as_pointer_value().into(),
        arena.as_pointer_value().into(),
        ii.intptr.const_int(plan.bytes as u64, false).into(),
        ii.i64.const_int(memory_bytes, false).into(),
    ];
    let vmctx = b.build_call(runtime, &args, "")?.try_as_basic_value().basic().expect("instantiate returns the instance");
    b.build_return(Some(&vmctx))?;

    for export in info.exports.iter().filter(|e| e.kind == ExternalKind::Func) {
        let ty = info.func_type(export.index);
        if !has_c_signature(ty) {
            continue;
        }
        let name = c_name(CName::Export { module: module_name.as_bytes(), name: export.name.as_bytes() });
        let fn_ty = ii.func_type(ty)?;
        let wrapper = env.module.add_function(&name, fn_ty, Some(Linkage::External));
        b.position_at_end(ii.ctx.append_basic_block(wrapper, "entry"));
        let args: Vec<BasicMetadataValueEnum> = wrapper.get_param_iter().map(Into::into).collect();
        let call = super::wasm_cc::call_function(env, &b, args[0].into_pointer_value(), export.index, &args[1..], None)?;
        match call.try_as_basic_value().basic() {
            Some(v) => b.build_return(Some(&v))?,
            None => b.build_return(None)?,
        };
    }
    Ok(())
}

fn mangled(name: &str) -> String {
    let mut s = String::new();
    let _ = symbols::mangle_into(name.as_bytes(), &mut s);
    s
}
