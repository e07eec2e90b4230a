//! Entry points the host calls: array-call trampolines for exported functions, and the C
//! `main` of an executable.

use super::vmctx::Vmctx;
use crate::error::Result;
use crate::translate::ModuleEnv;
use core::mem::size_of;
use inkwell::module::Linkage;
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, FunctionValue, GlobalValue};
use std::collections::BTreeMap;
use wasmkiln_abi::ValRaw;
use wasmparser::ExternalKind;

/// Builds `fn(vmctx, values: *mut ValRaw)` for every exported function (and the start
/// function): it reads the parameters from `values`, calls the function and writes the
/// results back, so the runtime can call any signature. Keyed by function index.
pub fn build_trampolines<'ctx>(env: &ModuleEnv<'_, 'ctx>) -> Result<BTreeMap<u32, FunctionValue<'ctx>>> {
    let info = env.info;
    let mut wanted: Vec<u32> = info.exports.iter().filter(|e| e.kind == ExternalKind::Func).map(|e| e.index).collect();
    wanted.extend(info.start);
    let mut out = BTreeMap::new();
    for index in wanted {
        if !out.contains_key(&index) {
            out.insert(index, build_trampoline(env, index)?);
        }
    }
    Ok(out)
}

fn build_trampoline<'ctx>(env: &ModuleEnv<'_, 'ctx>, index: u32) -> Result<FunctionValue<'ctx>> {
    let ii = env.ii;
    let ty = env.info.func_type(index).clone();
    let fn_ty = ii.ctx.void_type().fn_type(&[ii.ptr.into(), ii.ptr.into()], false);
    let f = env.module.add_function(&format!("wasmkiln_array_call_f{index}"), fn_ty, Some(Linkage::Internal));
    let b = ii.ctx.create_builder();
    b.position_at_end(ii.ctx.append_basic_block(f, "entry"));
    let vmctx = f.get_nth_param(0).expect("vmctx").into_pointer_value();
    let values = f.get_nth_param(1).expect("values").into_pointer_value();
    let vm = Vmctx { b: &b, ii, vmctx };

    let mut args: Vec<BasicMetadataValueEnum> = Vec::new();
    for (i, p) in ty.params().iter().enumerate() {
        let v = vm.load(ii.val_type(*p)?, values, i * size_of::<ValRaw>(), false)?;
        args.push(v.into());
    }
    let pad = super::unwind::uncaught_pad(ii, env.module, &b, f, vmctx, env.unwinds)?;
    let site = super::wasm_cc::call_function(env, &b, vmctx, index, &args, pad)?;
    let results: Vec<BasicValueEnum> = match (ty.results().len(), site.try_as_basic_value().basic()) {
        (0, _) | (_, None) => vec![],
        (1, Some(v)) => vec![v],
        (n, Some(agg)) => (0..n).map(|i| b.build_extract_value(agg.into_struct_value(), i as u32, "")).collect::<Result<_, _>>()?,
    };
    for (i, v) in results.into_iter().enumerate() {
        let slot = vm.byte_ptr(values, i * size_of::<ValRaw>())?;
        b.build_store(slot, v)?;
    }
    b.build_return(None)?;
    Ok(f)
}

/// `int main(int argc, char **argv)` handing the module to the runtime's executable entry.
pub fn build_exe_main<'ctx>(env: &ModuleEnv<'_, 'ctx>, desc: GlobalValue<'ctx>) -> Result<()> {
    let ii = env.ii;
    let c_int = ii.i32;
    let exe_main_ty = c_int.fn_type(&[c_int.into(), ii.ptr.into(), ii.ptr.into()], false);
    let exe_main = env.module.add_function(wasmkiln_abi::symbols::EXE_MAIN, exe_main_ty, Some(Linkage::External));
    let main_ty = c_int.fn_type(&[c_int.into(), ii.ptr.into()], false);
    let main = env.module.add_function("main", main_ty, Some(Linkage::External));
    let b = ii.ctx.create_builder();
    b.position_at_end(ii.ctx.append_basic_block(main, "entry"));
    let argc = main.get_nth_param(0).expect("argc");
    let argv = main.get_nth_param(1).expect("argv");
    let r = b.build_call(exe_main, &[argc.into(), argv.into(), desc.as_pointer_value().into()], "")?;
    let r = r.try_as_basic_value().basic().expect("exe main returns int");
    b.build_return(Some(&r))?;
    Ok(())
}
