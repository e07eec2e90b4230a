//! Stand-ins for function imports that nothing defines, emitted with `--trap-unknown-imports`:
//! each has the import's signature and traps through the `unresolved_import` libcall, which
//! names the import. The descriptor gives one as the import's native code; the runtime binds it
//! only when instantiation finds no definition (an embedder may still define the import).

use crate::error::Result;
use crate::translate::ModuleEnv;
use inkwell::module::Linkage;
use inkwell::values::FunctionValue;
use std::collections::BTreeMap;

/// The stand-in of each function import in `imports` (function indices), keyed by index.
pub fn build_stand_ins<'ctx>(env: &ModuleEnv<'_, 'ctx>, imports: &[u32]) -> Result<BTreeMap<u32, FunctionValue<'ctx>>> {
    let ii = env.ii;
    let mut out = BTreeMap::new();
    for &index in imports {
        let fn_ty = ii.func_type(env.info.func_type(index))?;
        let f = super::wasm_cc::add_wasm_function(ii, env.module, &format!("wasmkiln_unresolved_f{index}"), fn_ty, Linkage::Internal);
        let b = ii.ctx.create_builder();
        b.position_at_end(ii.ctx.append_basic_block(f, "entry"));
        let vmctx = f.get_nth_param(0).expect("vmctx");
        b.build_call(ii.libcalls.unresolved_import, &[vmctx.into(), ii.i32.const_int(index as u64, false).into()], "")?;
        b.build_unreachable()?;
        out.insert(index, f);
    }
    Ok(out)
}
