//! From a validated module to an LLVM module: declare functions, translate their bodies, add
//! the glue the runtime needs (descriptor, initializer, host entry points).

pub mod config;
pub mod descriptor;
pub mod entry;
pub mod init;
pub mod intrinsics;
pub mod vmctx;

use crate::error::{Error, Result};
use crate::module_info::ModuleInfo;
use crate::translate::{translate_function, ModuleEnv};
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::values::FunctionValue;
use intrinsics::{enum_attr, Intrinsics};

/// What the generated object is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// Also emit a C `main` that runs the module through the runtime.
    Executable,
    /// Only the module's code and descriptor (for libraries and embedders).
    Library,
}

/// LLVM symbol name of defined function `index`: readable in profilers and disassembly, and
/// unique because it starts with the index.
fn function_symbol(info: &ModuleInfo<'_>, index: u32) -> String {
    let mut name = format!("wasm_f{index}");
    if let Some(n) = info.func_names.get(&index) {
        name.push('_');
        let _ = wasmkiln_abi::symbols::mangle_into(&n.as_bytes()[..n.len().min(120)], &mut name);
    }
    name
}

/// Builds the LLVM module for `info`.
pub fn build_module<'ctx>(ctx: &'ctx Context, info: &ModuleInfo<'_>, name: &str, flavor: Flavor) -> Result<Module<'ctx>> {
    let module = ctx.create_module(name);
    let ii = Intrinsics::new(ctx, &module);

    // Declare every defined function first so calls can refer to any of them.
    let mut functions: Vec<Option<FunctionValue>> = vec![None; info.num_imported_funcs as usize];
    for index in info.num_imported_funcs..info.funcs.len() as u32 {
        let fn_ty = ii.func_type(info.func_type(index))?;
        let f = module.add_function(&function_symbol(info, index), fn_ty, Some(Linkage::Internal));
        f.add_attribute(inkwell::attributes::AttributeLoc::Function, enum_attr(ctx, "nounwind"));
        functions.push(Some(f));
    }

    let env = ModuleEnv { info, ii: &ii, module: &module, functions: &functions };
    for (i, body) in info.bodies.iter().enumerate() {
        let index = info.num_imported_funcs + i as u32;
        let f = functions[index as usize].expect("defined function");
        translate_function(&env, index, f, body).map_err(|e| in_function(info, index, e))?;
    }

    let init = init::build_init(&env)?;
    let trampolines = entry::build_trampolines(&env)?;
    let desc = descriptor::build_descriptor(&env, init, &trampolines)?;
    if flavor == Flavor::Executable {
        entry::build_exe_main(&env, desc)?;
    }
    module.verify().map_err(|e| Error::new(format!("internal error: generated LLVM IR is invalid: {}", e.to_string())))?;
    Ok(module)
}

/// Adds the function's index and name to an error from its body.
fn in_function(info: &ModuleInfo<'_>, index: u32, e: Error) -> Error {
    let name = info.func_names.get(&index).map(|n| format!(" ({n})")).unwrap_or_default();
    Error { offset: e.offset, message: format!("function {index}{name}: {}", e.message) }
}
