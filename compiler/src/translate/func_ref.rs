//! Typed function references (Wasm 3.0): `ref.as_non_null`, `br_on_null`, `br_on_non_null`
//! (`call_ref` is in call.rs). A reference is a `VMFuncRef` pointer like a funcref.

use super::FuncTranslator;
use crate::error::Result;
use wasmkiln_abi::TrapCode;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
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
