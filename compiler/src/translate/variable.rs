//! Locals (allocas that `mem2reg` promotes) and globals (through the vmctx).

use super::FuncTranslator;
use crate::error::{Error, Result};
use inkwell::types::BasicTypeEnum;
use inkwell::values::BasicValue;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    fn local(&self, index: u32) -> Result<(inkwell::values::PointerValue<'ctx>, BasicTypeEnum<'ctx>)> {
        self.locals.get(index as usize).copied().ok_or_else(|| Error::at(self.offset, format!("unknown local {index}")))
    }

    /// The local's value: the one last stored or loaded in this block, else a load.
    pub(super) fn local_get(&mut self, index: u32) -> Result<()> {
        let (slot, ty) = self.local(index)?;
        let v = match self.known_local(index) {
            Some(v) => v,
            None => {
                let v = self.b.build_load(ty, slot, "")?;
                self.note_local(index, v);
                v
            }
        };
        self.push(v);
        Ok(())
    }

    pub(super) fn local_set(&mut self, index: u32) -> Result<()> {
        let (slot, _) = self.local(index)?;
        let v = self.pop()?;
        if !self.locals_read.get(index as usize).copied().unwrap_or(false) {
            self.keep_loads(v)?;
        }
        self.b.build_store(slot, v)?;
        self.note_local(index, v);
        Ok(())
    }

    pub(super) fn local_tee(&mut self, index: u32) -> Result<()> {
        let (slot, _) = self.local(index)?;
        let v = *self.stack.last().ok_or_else(|| Error::at(self.offset, "internal error: operand stack underflow"))?;
        self.b.build_store(slot, v)?;
        self.note_local(index, v);
        Ok(())
    }

    fn global_type(&self, index: u32) -> Result<BasicTypeEnum<'ctx>> {
        let g = self.env.info.globals.get(index as usize).ok_or_else(|| Error::at(self.offset, format!("unknown global {index}")))?;
        self.ii.val_type(g.ty.content_type)
    }

    pub(super) fn global_get(&mut self, index: u32) -> Result<()> {
        let ty = self.global_type(index)?;
        let ptr = self.vm().global_ptr(index)?;
        let v = self.b.build_load(ty, ptr, "")?;
        if let Some(inst) = v.as_instruction_value() {
            self.ii.tbaa.tag(inst, self.ii.tbaa.global);
        }
        if !self.env.info.globals[index as usize].ty.mutable {
            crate::codegen::vmctx::mark_invariant(self.ii, v);
        }
        self.push(v);
        Ok(())
    }

    pub(super) fn global_set(&mut self, index: u32) -> Result<()> {
        let ptr = self.vm().global_ptr(index)?;
        let v = self.pop()?;
        let st = self.b.build_store(ptr, v)?;
        self.ii.tbaa.tag(st, self.ii.tbaa.global);
        Ok(())
    }
}
