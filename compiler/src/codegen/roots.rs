//! Address roots: telling LLVM's loop vectorizer which linear-memory accesses belong together.
//!
//! Every access is `base + zext(address) + offset` from the one memory base, so to LLVM all of
//! linear memory is a single object. Loop access analysis puts every pointer into one class;
//! when two of them lie a run-time distance apart (`c[j]` and `b[j]`, say), it gives up on
//! dependences inside the class and checks *every* pair at run time, including `c[j]` against
//! `c[j+1]` of a loop that clang unrolled by two. Those ranges always overlap, so the check
//! always fails and the vector loop never runs.
//!
//! So before optimization each access gets its own base: `wasmkiln.address_root(base, id)`, an
//! opaque call, where `id` names the access's root value: its Wasm address with constant
//! additions and subtractions peeled off (`c + 8` and `c - 8` have root `c`). Calls are distinct objects to LLVM: accesses
//! with one root are compared by their offsets (exact where the addition is `add nuw`, see
//! translate/bounds.rs, or where scalar evolution proves that it does not wrap), accesses with
//! different roots may alias (as before), and the vectorizer checks root against root.
//!
//! The additions are peeled whether they may wrap or not: the fields of one struct (`q + 48`
//! beside `q`, where clang computes `q` once and adds each field's offset with a wrapping
//! `i32.add`) must share a root, or the vectorizer checks field against field at run time, the
//! ranges of an array of structs always overlap, and the vector loop never runs (the
//! `aos_float` workload: 1.8× native before, 0.95× after). After the
//! pipeline every call is replaced by `base` again; nothing it proved depends on the calls
//! returning different pointers, since they are opaque.
//!
//! Translation emits one placeholder root (id 0) per function and bases every access on it;
//! [`assign`] runs after `mem2reg` (when a local read in two blocks is one SSA value again) and
//! [`lower`] after the pipeline.

use crate::codegen::intrinsics::{enum_attr, Intrinsics};
use crate::error::Result;
use inkwell::attributes::AttributeLoc;
use inkwell::builder::Builder;
use inkwell::module::Module;
use inkwell::values::{AnyValueEnum, AsValueRef, BasicValue, BasicValueEnum, BasicValueUse, FunctionValue, InstructionOpcode, InstructionValue, IntValue, PointerValue};
use std::collections::HashMap;

const ROOT_FN: &str = "wasmkiln.address_root";

/// `ptr wasmkiln.address_root(ptr base, i32 id)`: reads nothing (`memory` with value 0 is
/// `memory(none)`), so LLVM may hoist and merge it.
fn declare<'ctx>(ii: &Intrinsics<'ctx>, module: &Module<'ctx>) -> FunctionValue<'ctx> {
    if let Some(f) = module.get_function(ROOT_FN) {
        return f;
    }
    let f = module.add_function(ROOT_FN, ii.ptr.fn_type(&[ii.ptr.into(), ii.i32.into()], false), None);
    for name in ["nounwind", "willreturn", "speculatable", "nosync", "nofree", "memory"] {
        f.add_attribute(AttributeLoc::Function, enum_attr(ii.ctx, name));
    }
    f
}

/// The placeholder root every access of a function starts from.
pub fn placeholder<'ctx>(ii: &Intrinsics<'ctx>, module: &Module<'ctx>, b: &Builder<'ctx>, base: PointerValue<'ctx>) -> Result<PointerValue<'ctx>> {
    let call = b.build_call(declare(ii, module), &[base.into(), ii.i32.const_zero().into()], "")?;
    Ok(call.try_as_basic_value().basic().expect("root returns a pointer").into_pointer_value())
}

/// The instructions with opcode `op` that use the value whose first use is `first`.
fn users<'ctx>(first: Option<BasicValueUse<'ctx>>, op: InstructionOpcode) -> Vec<InstructionValue<'ctx>> {
    std::iter::successors(first, |u| u.get_next_use())
        .filter_map(|u| as_inst(u.get_user()))
        .filter(|i| i.get_opcode() == op)
        .collect()
}

fn calls<'ctx>(f: FunctionValue<'ctx>) -> Vec<InstructionValue<'ctx>> {
    users(f.as_global_value().as_pointer_value().get_first_use(), InstructionOpcode::Call)
}

fn as_inst(v: AnyValueEnum<'_>) -> Option<InstructionValue<'_>> {
    match v {
        AnyValueEnum::PointerValue(p) => p.as_instruction(),
        AnyValueEnum::IntValue(i) => i.as_instruction(),
        AnyValueEnum::InstructionValue(i) => Some(i),
        _ => None,
    }
}

fn operand<'ctx>(i: InstructionValue<'ctx>, n: u32) -> Option<BasicValueEnum<'ctx>> {
    i.get_operand(n).and_then(|op| op.value())
}

/// The root of a memory GEP's index: `zext(x)` or `zext(x) + offset`, with `x = y + c`,
/// `c + y` and `y - c` peeled, wrapping or not (clang writes `p + 64` as `p - -64`).
fn root_of<'ctx>(index: BasicValueEnum<'ctx>) -> Option<IntValue<'ctx>> {
    let mut i = index.as_instruction_value()?;
    if i.get_opcode() == InstructionOpcode::Add {
        i = operand(i, 0)?.as_instruction_value()?;
    }
    if i.get_opcode() != InstructionOpcode::ZExt {
        return None;
    }
    let mut x = operand(i, 0)?.into_int_value();
    while let Some(op) = x.as_instruction() {
        let is_const = |v: &BasicValueEnum<'ctx>| v.into_int_value().is_const();
        x = match (op.get_opcode(), operand(op, 0), operand(op, 1)) {
            (InstructionOpcode::Add | InstructionOpcode::Sub, Some(y), Some(c)) if is_const(&c) => y.into_int_value(),
            (InstructionOpcode::Add, Some(c), Some(y)) if is_const(&c) => y.into_int_value(),
            _ => break,
        };
    }
    (!x.is_const()).then_some(x)
}

/// Gives each memory access a base of its own root; run after `mem2reg`.
pub fn assign(module: &Module<'_>) -> Result<()> {
    let Some(f) = module.get_function(ROOT_FN) else { return Ok(()) };
    let ctx = module.get_context();
    let b = ctx.create_builder();
    for placeholder in calls(f) {
        let (Some(next), Some(base)) = (placeholder.get_next_instruction(), operand(placeholder, 0)) else { continue };
        b.position_before(&next);
        let mut roots: HashMap<IntValue, BasicValueEnum> = HashMap::new();
        for gep in users(placeholder.get_first_use(), InstructionOpcode::GetElementPtr) {
            let Some(root) = operand(gep, 1).and_then(root_of) else { continue };
            let new_base = match roots.get(&root) {
                Some(v) => *v,
                None => {
                    let id = ctx.i32_type().const_int(roots.len() as u64 + 1, false);
                    let v = b.build_call(f, &[base.into(), id.into()], "")?.try_as_basic_value().basic().expect("root returns a pointer");
                    roots.insert(root, v);
                    v
                }
            };
            gep.set_operand(0, new_base);
        }
    }
    Ok(())
}

/// Replaces every root by the memory base it stands for; run after the pipeline.
pub fn lower(module: &Module<'_>) {
    let Some(f) = module.get_function(ROOT_FN) else { return };
    for call in calls(f) {
        let Some(base) = operand(call, 0) else { continue };
        // SAFETY: both are live values of this module and of the same (pointer) type.
        unsafe { inkwell::llvm_sys::core::LLVMReplaceAllUsesWith(call.as_value_ref(), base.as_value_ref()) };
        call.erase_from_basic_block();
    }
}
