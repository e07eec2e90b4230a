//! Direct calls, calls to imports, `call_indirect`, and calls of runtime functions.

use super::FuncTranslator;
use crate::error::{Error, Result};
use inkwell::types::FunctionType;
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, CallSiteValue, FunctionValue, PointerValue};
use inkwell::IntPredicate;
use wasmkiln_abi::TrapCode;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// Calls a libcall with the vmctx prepended to `args`.
    pub(super) fn libcall(&mut self, f: FunctionValue<'ctx>, args: &[BasicMetadataValueEnum<'ctx>]) -> Result<()> {
        self.libcall_site(f, args)?;
        Ok(())
    }

    /// Calls a libcall that returns a value.
    pub(super) fn libcall_value(&mut self, f: FunctionValue<'ctx>, args: &[BasicMetadataValueEnum<'ctx>]) -> Result<BasicValueEnum<'ctx>> {
        let site = self.libcall_site(f, args)?;
        site.try_as_basic_value().basic().ok_or_else(|| Error::at(self.offset, "internal error: libcall has no result"))
    }

    fn libcall_site(&mut self, f: FunctionValue<'ctx>, args: &[BasicMetadataValueEnum<'ctx>]) -> Result<CallSiteValue<'ctx>> {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(self.vmctx.into());
        all.extend_from_slice(args);
        Ok(self.b.build_call(f, &all, "")?)
    }

    /// Pops the arguments of `fn_ty`, calls, pushes the results.
    pub(super) fn emit_call(&mut self, callee: Callee<'ctx>, fn_ty: FunctionType<'ctx>, num_params: usize, num_results: usize, vmctx: PointerValue<'ctx>) -> Result<()> {
        let args = self.pop_n(num_params)?;
        let mut all: Vec<BasicMetadataValueEnum> = Vec::with_capacity(num_params + 1);
        all.push(vmctx.into());
        all.extend(args.iter().map(|a| BasicMetadataValueEnum::from(*a)));
        let site = match callee {
            Callee::Direct(f) => self.b.build_call(f, &all, "")?,
            Callee::Indirect(ptr) => self.b.build_indirect_call(fn_ty, ptr, &all, "")?,
        };
        // Every Wasm call stays a real call: LLVM's tail-recursion elimination (also after
        // inlining mutually recursive functions into each other) would turn recursion into a
        // loop, and recursion that must exhaust the stack ("call stack exhausted") would run
        // forever instead. Producers already did this optimization where it was legal.
        site.set_tail_call_kind(inkwell::values::LLVMTailCallKind::LLVMTailCallKindNoTail);
        match num_results {
            0 => {}
            1 => {
                let v = site.try_as_basic_value().basic().ok_or_else(|| Error::at(self.offset, "internal error: call has no result"))?;
                self.push(v);
            }
            n => {
                let agg = site.try_as_basic_value().basic().ok_or_else(|| Error::at(self.offset, "internal error: call has no result"))?;
                for i in 0..n {
                    let v = self.b.build_extract_value(agg.into_struct_value(), i as u32, "")?;
                    self.push(v);
                }
            }
        }
        Ok(())
    }

    pub(super) fn call(&mut self, func: u32) -> Result<()> {
        let info = self.env.info;
        let ty = info.func_type(func).clone();
        let fn_ty = self.ii.func_type(&ty)?;
        let (np, nr) = (ty.params().len(), ty.results().len());
        match self.env.functions[func as usize] {
            Some(f) => self.emit_call(Callee::Direct(f), fn_ty, np, nr, self.vmctx),
            None => {
                // An import: call through its funcref, passing the vmctx stored there.
                let func_ref = self.vm().func_ref(func)?;
                let (native, callee_vmctx) = self.vm().func_ref_target(func_ref)?;
                self.emit_call(Callee::Indirect(native), fn_ty, np, nr, callee_vmctx)
            }
        }
    }

    /// `call_indirect`: bounds check ("undefined element"), null check ("uninitialized
    /// element"), signature check against the canonical id ("indirect call type mismatch").
    pub(super) fn call_indirect(&mut self, type_index: u32, table_index: u32) -> Result<()> {
        let ty = self.env.info.types[type_index as usize].clone();
        let fn_ty = self.ii.func_type(&ty)?;
        let index = self.pop_int()?;
        let table = self.vm().table_ptr(table_index)?;
        let (size, elements) = self.vm().table_size_and_elements(table)?;
        let oob = self.b.build_int_compare(IntPredicate::UGE, index, size, "")?;
        self.trap_if(oob, TrapCode::UndefinedElement)?;
        let index64 = self.b.build_int_z_extend(index, self.ii.i64, "")?;
        let slot = unsafe { self.b.build_in_bounds_gep(self.ii.ptr, elements, &[index64], "")? };
        let func_ref = self.b.build_load(self.ii.ptr, slot, "")?.into_pointer_value();
        let is_null = self.b.build_is_null(func_ref, "")?;
        self.trap_if(is_null, TrapCode::UninitializedElement)?;
        let actual = self.vm().func_ref_sig(func_ref)?;
        let expected = self.vm().sig_id(type_index)?;
        let mismatch = self.b.build_int_compare(IntPredicate::NE, actual, expected, "")?;
        self.trap_if(mismatch, TrapCode::IndirectCallTypeMismatch)?;
        let (native, callee_vmctx) = self.vm().func_ref_target(func_ref)?;
        self.emit_call(Callee::Indirect(native), fn_ty, ty.params().len(), ty.results().len(), callee_vmctx)
    }
}

pub(super) enum Callee<'ctx> {
    Direct(FunctionValue<'ctx>),
    Indirect(PointerValue<'ctx>),
}
