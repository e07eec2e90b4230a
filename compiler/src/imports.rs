//! An executable's imports, checked when it is compiled: each must be defined by a host module
//! of the runtime it links (`wasmkiln_runtime::executable_linker`, the very linker the
//! executable instantiates with), with a matching type. Otherwise the program would compile
//! and fail only at start-up. With `--trap-unknown-imports`, function imports that nothing
//! defines get trapping stand-ins instead (codegen/stand_ins.rs).

use crate::codegen::descriptor::val_type_code;
use crate::error::{Error, Result};
use crate::module_info::{ref_type_code, ModuleInfo};
use wasmkiln_abi::extern_kind;
use wasmkiln_runtime::{executable_linker, ExternType, FuncType, GlobalType, LinkError, MemoryType, TableType, ValType, WasiCtx};

/// The function imports (indices) that get stand-ins; an error naming every import that can
/// be neither resolved nor stood in for.
pub fn check_executable(info: &ModuleInfo<'_>, trap_unknown: bool) -> Result<Vec<u32>> {
    let linker = executable_linker(WasiCtx::new(Vec::new(), Vec::new()));
    let mut stand_ins = Vec::new();
    let (mut unknown, mut mismatched) = (Vec::new(), Vec::new());
    for imp in &info.imports {
        let want = import_type(info, imp.kind, imp.index)?;
        match linker.resolve(imp.module, imp.name, &want) {
            Ok(_) => {}
            // The executable makes the shared memories it imports (a wasi-threads program's)
            // from their types (runtime exe.rs).
            Err(LinkError::UnknownImport { .. }) if matches!(&want, ExternType::Memory(m) if m.shared) => {}
            Err(LinkError::UnknownImport { .. }) if trap_unknown && imp.kind == extern_kind::FUNC => stand_ins.push(imp.index),
            Err(LinkError::UnknownImport { .. }) => unknown.push(format!("{}.{}", imp.module, imp.name)),
            Err(e) => mismatched.push(e.to_string()),
        }
    }
    if let Some(first) = mismatched.first() {
        let more = match mismatched.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return Err(Error::new(format!("{first}{more}")));
    }
    if !unknown.is_empty() {
        let hint = if trap_unknown {
            "only function imports can trap when called"
        } else {
            "no host module of the runtime provides them; --trap-unknown-imports builds anyway, each then traps when called"
        };
        let s = if unknown.len() == 1 { "" } else { "s" };
        return Err(Error::new(format!("unknown import{s}: {} ({hint})", unknown.join(", "))));
    }
    Ok(stand_ins)
}

/// The runtime's description of import `index` of `kind`.
fn import_type(info: &ModuleInfo<'_>, kind: u8, index: u32) -> Result<ExternType> {
    let bad = || Error::new(format!("internal error: import {index} of kind {kind} has no runtime type"));
    let val = |t| ValType::from_code(val_type_code(t)).ok_or_else(bad);
    let i = index as usize;
    Ok(match kind {
        extern_kind::FUNC => {
            let ft = info.func_type(index);
            let params = ft.params().iter().map(|&t| val(t)).collect::<Result<Vec<_>>>()?;
            let results = ft.results().iter().map(|&t| val(t)).collect::<Result<Vec<_>>>()?;
            ExternType::Func(FuncType::new(params, results))
        }
        extern_kind::TABLE => {
            let t = info.tables.get(i).ok_or_else(bad)?;
            let elem = ValType::from_code(ref_type_code(t.element_type)).ok_or_else(bad)?;
            ExternType::Table(TableType { table64: t.table64, ..TableType::new(elem, t.initial, t.maximum) })
        }
        extern_kind::MEMORY => {
            let m = info.memories.get(i).ok_or_else(bad)?;
            ExternType::Memory(MemoryType { memory64: m.memory64, shared: m.shared, ..MemoryType::new(m.initial, m.maximum) })
        }
        extern_kind::GLOBAL => {
            let g = &info.globals.get(i).ok_or_else(bad)?.ty;
            ExternType::Global(GlobalType::new(val(g.content_type)?, g.mutable))
        }
        extern_kind::TAG => {
            let ty = &info.types[*info.tags.get(i).ok_or_else(bad)? as usize];
            let params = ty.params().iter().map(|&t| val(t)).collect::<Result<Vec<_>>>()?;
            ExternType::Tag(FuncType::new(params, vec![]))
        }
        _ => return Err(bad()),
    })
}
