//! Typed function references (Wasm 3.0): `call_ref`, `ref.as_non_null`, `br_on_null`,
//! `br_on_non_null`. A reference is a `VMFuncRef` pointer like a funcref; its static type is
//! exact, so `call_ref` checks only for null.

use super::call::Callee;
use super::FuncTranslator;
use crate::error::Result;
use wasmkiln_abi::TrapCode;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// `call_ref $t`: null traps with "null function reference".
    pub(super) fn call_ref(&mut self, type_index: u32) -> Result<()> {
        let ty = self.env.info.types[type_index as usize].clone();
        let fn_ty = self.ii.func_type(&ty)?;
        let func_ref = self.pop_ptr()?;
        let is_null = self.b.build_is_null(func_ref, "")?;
        self.trap_if(is_null, TrapCode::NullFunctionReference)?;
        let (native, callee_vmctx) = self.vm().func_ref_target(func_ref)?;
        self.emit_call(Callee::Indirect(native), fn_ty, ty.params().len(), ty.results().len(), callee_vmctx)
    }

    /// `ref.as_non_null`: null traps with "null reference"; the reference stays.
    pub(super) fn ref_as_non_null(&mut self) -> Result<()> {
        let r = self.pop_ptr()?;
        let is_null = self.b.build_is_null(r, "")?;
        self.trap_if(is_null, TrapCode::NullReference)?;
        self.push(r);
        Ok(())
    }

    /// `br_on_null $l`: a null reference branches (without it), another stays on the stack.
    pub(super) fn br_on_null(&mut self, depth: u32) -> Result<()> {
        let r = self.pop_ptr()?;
        let is_null = self.b.build_is_null(r, "")?;
        let target = self.branch_incoming(depth)?;
        let cont = self.new_block("non_null");
        self.b.build_conditional_branch(is_null, target, cont)?;
        self.b.position_at_end(cont);
        self.push(r);
        Ok(())
    }

    /// `br_on_non_null $l`: a non-null reference branches with it as the last value; a null
    /// one is dropped.
    pub(super) fn br_on_non_null(&mut self, depth: u32) -> Result<()> {
        let r = self.pop_ptr()?;
        self.push(r);
        let is_null = self.b.build_is_null(r, "")?;
        let target = self.branch_incoming(depth)?;
        let cont = self.new_block("null");
        self.b.build_conditional_branch(is_null, cont, target)?;
        self.b.position_at_end(cont);
        self.pop()?;
        Ok(())
    }
}
