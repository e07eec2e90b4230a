//! Reference values and table instructions. Table accesses other than `call_indirect` go
//! through runtime functions, which do the bounds checks; they take i64 indices and lengths (a
//! 32-bit table's zero-extended, a 64-bit table's as they are: table64).

use super::FuncTranslator;
use crate::error::Result;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    fn table_const(&self, table: u32) -> inkwell::values::IntValue<'ctx> {
        self.i32_const(table as i64)
    }

    pub(super) fn ref_is_null(&mut self) -> Result<()> {
        let r = self.pop_ptr()?;
        let is_null = self.b.build_is_null(r, "")?;
        let v = self.b.build_int_z_extend(is_null, self.ii.i32, "")?;
        self.push(v);
        Ok(())
    }

    pub(super) fn ref_func(&mut self, func: u32) -> Result<()> {
        let r = self.vm().func_ref(func)?;
        self.push(r);
        Ok(())
    }

    pub(super) fn table_get(&mut self, table: u32) -> Result<()> {
        let idx = self.pop_int()?;
        let idx = self.widen(idx)?;
        let r = self.libcall_value(self.ii.libcalls.table_get, &[self.table_const(table).into(), idx.into()])?;
        self.push(r);
        Ok(())
    }

    pub(super) fn table_set(&mut self, table: u32) -> Result<()> {
        let val = self.pop_ptr()?;
        let idx = self.pop_int()?;
        let idx = self.widen(idx)?;
        self.libcall(self.ii.libcalls.table_set, &[self.table_const(table).into(), idx.into(), val.into()])
    }

    pub(super) fn table_size(&mut self, table: u32) -> Result<()> {
        let t = self.vm().table_ptr(table)?;
        let (size, _) = self.vm().table_size_and_elements(t)?;
        let size = if self.env.info.table64(table) { self.b.build_int_z_extend(size, self.ii.i64, "")? } else { size };
        self.push(size);
        Ok(())
    }

    pub(super) fn table_grow(&mut self, table: u32) -> Result<()> {
        let delta = self.pop_int()?;
        let delta = self.widen(delta)?;
        let init = self.pop_ptr()?;
        let r = self.libcall_value(self.ii.libcalls.table_grow, &[self.table_const(table).into(), init.into(), delta.into()])?;
        let r = self.address_result(r.into_int_value(), self.env.info.table64(table))?;
        self.push(r);
        Ok(())
    }

    pub(super) fn table_fill(&mut self, table: u32) -> Result<()> {
        let len = self.pop_int()?;
        let val = self.pop_ptr()?;
        let dst = self.pop_int()?;
        let (dst, len) = (self.widen(dst)?, self.widen(len)?);
        self.libcall(self.ii.libcalls.table_fill, &[self.table_const(table).into(), dst.into(), val.into(), len.into()])
    }

    /// `table.copy`: like `memory.copy`, each operand of its table's index type.
    pub(super) fn table_copy(&mut self, dst_table: u32, src_table: u32) -> Result<()> {
        let [dst, src, len] = self.pop_ints::<3>()?;
        let (dst, src, len) = (self.widen(dst)?, self.widen(src)?, self.widen(len)?);
        self.libcall(self.ii.libcalls.table_copy, &[self.table_const(dst_table).into(), self.table_const(src_table).into(), dst.into(), src.into(), len.into()])
    }

    pub(super) fn table_init(&mut self, seg: u32, table: u32) -> Result<()> {
        let [dst, src, len] = self.pop_ints::<3>()?;
        let dst = self.widen(dst)?;
        self.libcall(self.ii.libcalls.table_init, &[self.table_const(table).into(), self.i32_const(seg as i64).into(), dst.into(), src.into(), len.into()])
    }

    pub(super) fn elem_drop(&mut self, seg: u32) -> Result<()> {
        self.libcall(self.ii.libcalls.elem_drop, &[self.i32_const(seg as i64).into()])
    }
}
