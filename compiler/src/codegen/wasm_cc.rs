//! The Wasm calling convention: how every Wasm function (defined, stand-in, import adapter) is
//! declared and called, and when a tail call (`return_call*`) is guaranteed.
//!
//! Where LLVM has `tailcc` (x86-64, AArch64, Arm), Wasm functions use it: a `musttail` call
//! of it replaces the caller's frame even when the callee has other parameters or passes some
//! on the stack, so `return_call` runs in constant stack. LLVM 19's RISC-V back end has no
//! such convention (`tailcc` is a fatal error there), so Wasm functions use the C convention
//! and a tail call is LLVM's `tail` hint: it replaces the frame when the callee's parameters
//! fit in registers, and is an ordinary call otherwise.
//!
//! Host code stays in the C convention: each hosted module has an adapter per function import
//! (`build_adapters`), the `native` code a host function bound to the import gets.

use super::caps::TargetCaps;
use super::intrinsics::Intrinsics;
use super::vmctx::Vmctx;
use crate::error::{Error, Result};
use crate::translate::ModuleEnv;
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::module::Linkage;
use inkwell::types::FunctionType;
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, CallSiteValue, FunctionValue, PointerValue};
use inkwell::values::LLVMTailCallKind;
use std::collections::BTreeMap;
use wasmparser::ValType;

/// LLVM's calling convention numbers (`llvm::CallingConv`).
const C_CC: u32 = 0;
const TAIL_CC: u32 = 18;

/// The convention of Wasm functions on the target.
pub fn wasm_cc(caps: &TargetCaps) -> u32 {
    if caps.tail_cc {
        TAIL_CC
    } else {
        C_CC
    }
}

/// Whether a `musttail` call returning `results` is possible: `tailcc` and the results fit in
/// return registers (else LLVM returns them through memory, where no tail call can be made and
/// its back end fails). The counts are those LLVM 19 accepts: x86-64 3 integer and 4 vector
/// registers, AArch64 8 and 8, 32-bit Arm 4 words in all.
pub fn can_musttail(caps: &TargetCaps, results: &[ValType]) -> bool {
    if !caps.tail_cc {
        return false;
    }
    let is_int = |t: &&ValType| matches!(t, ValType::I32 | ValType::I64 | ValType::Ref(_));
    let ints = results.iter().filter(is_int).count();
    let fps = results.len() - ints;
    if caps.ptr_bytes == 4 {
        let words: usize = results
            .iter()
            .map(|t| match t {
                ValType::I64 | ValType::F64 => 2,
                ValType::V128 => 4,
                _ => 1,
            })
            .sum();
        words <= 4
    } else if caps.aarch64 {
        ints <= 8 && fps <= 8
    } else {
        ints <= 3 && fps <= 4
    }
}

/// Adds a function in the Wasm convention.
pub fn add_wasm_function<'ctx>(ii: &Intrinsics<'ctx>, module: &inkwell::module::Module<'ctx>, name: &str, ty: FunctionType<'ctx>, linkage: Linkage) -> FunctionValue<'ctx> {
    let f = module.add_function(name, ty, Some(linkage));
    f.set_call_conventions(ii.wasm_cc);
    f
}

/// What a call goes to: a function of this module (its own convention: C for a firmware
/// import, the Wasm convention otherwise), or code in the Wasm convention at an address.
#[derive(Clone, Copy)]
pub enum Callee<'ctx> {
    Direct(FunctionValue<'ctx>),
    Indirect(PointerValue<'ctx>, FunctionType<'ctx>),
}

/// How a call ends its caller's frame.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tail {
    /// A real call: never turned into a jump, so runaway recursion exhausts the stack and
    /// traps instead of looping forever (LLVM's tail-recursion elimination would do that).
    Never,
    /// `return_call` that is guaranteed (`musttail`); the caller returns its value at once.
    Must,
    /// `return_call` where no guarantee can be given: LLVM makes it a jump where it can.
    Hint,
}

/// Calls `callee` with `args` (the vmctx first) in its convention. With `unwind`, the call is an
/// `invoke` whose exceptions go to that landing pad (never a tail call); the builder continues
/// in the invoke's normal successor.
pub fn call<'ctx>(ii: &Intrinsics<'ctx>, b: &Builder<'ctx>, callee: Callee<'ctx>, args: &[BasicMetadataValueEnum<'ctx>], tail: Tail, unwind: Option<BasicBlock<'ctx>>) -> Result<CallSiteValue<'ctx>> {
    if let Some(pad) = unwind {
        let func = b.get_insert_block().and_then(|bb| bb.get_parent()).ok_or_else(|| Error::new("internal error: builder not positioned"))?;
        let normal = ii.ctx.append_basic_block(func, "invoke_cont");
        let values: Vec<BasicValueEnum> = args.iter().map(|a| metadata_to_basic(*a)).collect::<Result<_>>()?;
        let site = match callee {
            Callee::Direct(f) => {
                let site = b.build_direct_invoke(f, &values, normal, pad, "")?;
                site.set_call_convention(f.get_call_conventions());
                site
            }
            Callee::Indirect(ptr, ty) => {
                let site = b.build_indirect_invoke(ty, ptr, &values, normal, pad, "")?;
                site.set_call_convention(ii.wasm_cc);
                site
            }
        };
        b.position_at_end(normal);
        return Ok(site);
    }
    let site = match callee {
        Callee::Direct(f) => {
            let site = b.build_call(f, args, "")?;
            site.set_call_convention(f.get_call_conventions());
            site
        }
        Callee::Indirect(ptr, ty) => {
            let site = b.build_indirect_call(ty, ptr, args, "")?;
            site.set_call_convention(ii.wasm_cc);
            site
        }
    };
    site.set_tail_call_kind(match tail {
        Tail::Never => LLVMTailCallKind::LLVMTailCallKindNoTail,
        Tail::Must => LLVMTailCallKind::LLVMTailCallKindMustTail,
        Tail::Hint => LLVMTailCallKind::LLVMTailCallKindTail,
    });
    Ok(site)
}

fn metadata_to_basic(v: BasicMetadataValueEnum<'_>) -> Result<BasicValueEnum<'_>> {
    Ok(match v {
        BasicMetadataValueEnum::ArrayValue(v) => v.into(),
        BasicMetadataValueEnum::IntValue(v) => v.into(),
        BasicMetadataValueEnum::FloatValue(v) => v.into(),
        BasicMetadataValueEnum::PointerValue(v) => v.into(),
        BasicMetadataValueEnum::StructValue(v) => v.into(),
        BasicMetadataValueEnum::VectorValue(v) => v.into(),
        _ => return Err(Error::new("internal error: call argument is not a value")),
    })
}

/// Calls function `index` of the module with `args` (without the vmctx): directly when this
/// module has its code, else through its funcref (an import). `unwind`: see [`call`].
pub fn call_function<'ctx>(env: &ModuleEnv<'_, 'ctx>, b: &Builder<'ctx>, vmctx: PointerValue<'ctx>, index: u32, args: &[BasicMetadataValueEnum<'ctx>], unwind: Option<BasicBlock<'ctx>>) -> Result<CallSiteValue<'ctx>> {
    let ii = env.ii;
    let (callee, callee_vmctx) = match env.functions[index as usize] {
        Some(f) => (Callee::Direct(f), vmctx),
        None => {
            let vm = Vmctx { b, ii, vmctx };
            let (native, callee_vmctx) = vm.func_ref_target(vm.func_ref(index)?)?;
            (Callee::Indirect(native, ii.func_type(env.info.func_type(index))?), callee_vmctx)
        }
    };
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(callee_vmctx.into());
    all.extend_from_slice(args);
    call(ii, b, callee, &all, Tail::Never, unwind)
}

/// The adapters of a module's function imports, keyed by function index, where the Wasm
/// convention is not C: each is Wasm-convention code with the import's signature that calls
/// the C code it is bound to with the same arguments, and returns its results. In a hosted
/// module the C code is the host function of the importer's funcref (`VMFuncRef::host`: the
/// adapter gets the importer's vmctx, as host functions do); in firmware, the import's C
/// function.
pub fn build_adapters<'ctx>(env: &ModuleEnv<'_, 'ctx>, firmware: bool) -> Result<BTreeMap<u32, FunctionValue<'ctx>>> {
    let ii = env.ii;
    let mut out = BTreeMap::new();
    if ii.wasm_cc == C_CC {
        return Ok(out);
    }
    for index in 0..env.info.num_imported_funcs {
        let fn_ty = ii.func_type(env.info.func_type(index))?;
        let f = add_wasm_function(ii, env.module, &format!("wasmkiln_adapter_f{index}"), fn_ty, Linkage::Internal);
        let b = ii.ctx.create_builder();
        b.position_at_end(ii.ctx.append_basic_block(f, "entry"));
        let vmctx = f.get_nth_param(0).expect("vmctx").into_pointer_value();
        let args: Vec<BasicMetadataValueEnum> = f.get_param_iter().map(Into::into).collect();
        let site = if firmware {
            let c = env.functions[index as usize].ok_or_else(|| Error::new("internal error: firmware import without a C function"))?;
            b.build_call(c, &args, "")?
        } else {
            let vm = Vmctx { b: &b, ii, vmctx };
            let host = vm.func_ref_host(vm.func_ref(index)?)?;
            b.build_indirect_call(fn_ty, host, &args, "")?
        };
        // Never a jump: the two conventions clean up stack arguments differently (`tailcc`
        // callee-pops them, C leaves them to the caller).
        site.set_tail_call_kind(LLVMTailCallKind::LLVMTailCallKindNoTail);
        match site.try_as_basic_value().basic() {
            Some(v) => b.build_return(Some(&v))?,
            None => b.build_return(None)?,
        };
        out.insert(index, f);
    }
    Ok(out)
}
