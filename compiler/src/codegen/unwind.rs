//! Native unwinding for WebAssembly exceptions: the personality routine generated functions
//! name, landing pads, and the boundary where the host enters Wasm code (array-call
//! trampolines, `init`), where an exception that nothing caught becomes a trap.
//!
//! A thrown exception is raised with the platform unwinder (`throw` libcall); every landing pad
//! is `landingpad { ptr, i32 } catch ptr null`, and the runtime's personality
//! (`wasmkiln_abi::symbols::PERSONALITY`) lands at it with the `VMException` pointer. Which
//! handler matches is decided by the code after the pad (translate/exceptions.rs), so the
//! personality needs no type tables. Calls outside any `try` stay plain calls: the path that
//! does not throw costs nothing.

use super::intrinsics::Intrinsics;
use crate::error::Result;
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::module::{Linkage, Module};
use inkwell::values::{FunctionValue, PointerValue};

/// The personality routine, declared once per module, and set on `func`.
pub fn use_personality<'ctx>(ii: &Intrinsics<'ctx>, module: &Module<'ctx>, func: FunctionValue<'ctx>) {
    let name = wasmkiln_abi::symbols::PERSONALITY;
    let personality = module.get_function(name).unwrap_or_else(|| {
        let ty = ii.i32.fn_type(&[], true);
        module.add_function(name, ty, Some(Linkage::External))
    });
    func.set_personality_function(personality);
}

/// A new landing-pad block in `func` (which gets the personality): it catches every exception
/// the runtime throws and yields the `VMException` pointer. The builder is left positioned
/// after the pad, in the new block.
pub fn landing_pad<'ctx>(ii: &Intrinsics<'ctx>, module: &Module<'ctx>, b: &Builder<'ctx>, func: FunctionValue<'ctx>) -> Result<(BasicBlock<'ctx>, PointerValue<'ctx>)> {
    use_personality(ii, module, func);
    let block = ii.ctx.append_basic_block(func, "landing_pad");
    b.position_at_end(block);
    let pad_ty = ii.ctx.struct_type(&[ii.ptr.into(), ii.i32.into()], false);
    let personality = func.get_personality_function().expect("personality set above");
    let pad = b.build_landing_pad(pad_ty, personality, &[ii.ptr.const_null().into()], false, "pad")?;
    let exn = b.build_extract_value(pad.into_struct_value(), 0, "exn")?.into_pointer_value();
    Ok((block, exn))
}

/// The landing pad of an entry from the host into Wasm code: an exception that reached it was
/// caught by no Wasm frame, and ends the host's call as a trap (`uncaught_exception`). `None`
/// where there is no unwinding (firmware). Restores the builder's position.
pub fn uncaught_pad<'ctx>(ii: &Intrinsics<'ctx>, module: &Module<'ctx>, b: &Builder<'ctx>, func: FunctionValue<'ctx>, vmctx: PointerValue<'ctx>, unwinds: bool) -> Result<Option<BasicBlock<'ctx>>> {
    if !unwinds {
        return Ok(None);
    }
    let current = b.get_insert_block();
    let (block, exn) = landing_pad(ii, module, b, func)?;
    b.build_call(ii.libcalls.uncaught_exception, &[vmctx.into(), exn.into()], "")?;
    b.build_unreachable()?;
    if let Some(c) = current {
        b.position_at_end(c);
    }
    Ok(Some(block))
}
