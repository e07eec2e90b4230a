//! Direct calls, calls to imports, `call_indirect`, `call_ref`, their tail-call forms
//! (`return_call*`), and calls of runtime functions.

use super::FuncTranslator;
use crate::codegen::frozen_tables::{self, FrozenTable};
use crate::codegen::wasm_cc::{self, Callee, Tail};
use crate::error::{Error, Result};
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, CallSiteValue, FunctionValue, PointerValue};
use wasmparser::FuncType;
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

    /// Pops the arguments of `fn_ty`, calls, pushes the results. Every Wasm call stays a real
    /// call (`Tail::Never`): LLVM's tail-recursion elimination (also after inlining mutually
    /// recursive functions into each other) would turn recursion into a loop, and recursion
    /// that must exhaust the stack ("call stack exhausted") would run forever instead.
    pub(super) fn emit_call(&mut self, callee: Callee<'ctx>, num_params: usize, num_results: usize, vmctx: PointerValue<'ctx>) -> Result<()> {
        let site = self.call_site(callee, num_params, vmctx, Tail::Never)?;
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

    fn call_site(&mut self, callee: Callee<'ctx>, num_params: usize, vmctx: PointerValue<'ctx>, tail: Tail) -> Result<CallSiteValue<'ctx>> {
        let args = self.pop_n(num_params)?;
        let mut all: Vec<BasicMetadataValueEnum> = Vec::with_capacity(num_params + 1);
        all.push(vmctx.into());
        all.extend(args.iter().map(|a| BasicMetadataValueEnum::from(*a)));
        // Inside a handler of this function, a call's exceptions go to its landing pad; a tail
        // call has left the handler's frame, so nothing here catches its exceptions.
        let unwind = if tail == Tail::Never { self.unwind_dest()? } else { None };
        wasm_cc::call(self.ii, &self.b, callee, &all, tail, unwind)
    }

    /// `return_call*`: the call replaces this function's frame and its results are the
    /// function's (codegen/wasm_cc.rs says when that is guaranteed); what else is on the
    /// stack is discarded.
    fn emit_tail_call(&mut self, callee: Callee<'ctx>, ty: &FuncType, vmctx: PointerValue<'ctx>) -> Result<()> {
        let np = ty.params().len();
        let (height, _) = self.branch_shape(self.control.len() as u32 - 1)?;
        self.discard_stack(height, np)?;
        // The call replaces this frame: legacy handlers release what they hold.
        self.release_left_handlers(0)?;
        let same_cc = match callee {
            Callee::Direct(f) => f.get_call_conventions() == self.ii.wasm_cc,
            Callee::Indirect(..) => true,
        };
        let tail = if same_cc && wasm_cc::can_musttail(&self.ii.caps, ty.results()) { Tail::Must } else { Tail::Hint };
        let site = self.call_site(callee, np, vmctx, tail)?;
        match site.try_as_basic_value().basic() {
            Some(v) => self.b.build_return(Some(&v))?,
            None => self.b.build_return(None)?,
        };
        self.reachable = false;
        Ok(())
    }

    /// The callee of function `func` and the vmctx to pass it.
    fn function_target(&mut self, func: u32) -> Result<(Callee<'ctx>, PointerValue<'ctx>)> {
        match self.env.functions[func as usize] {
            Some(f) => Ok((Callee::Direct(f), self.vmctx)),
            None => {
                // An import: call through its funcref, passing the vmctx stored there.
                let fn_ty = self.ii.func_type(self.env.info.func_type(func))?;
                let func_ref = self.vm().func_ref(func)?;
                let (native, callee_vmctx) = self.vm().func_ref_target(func_ref)?;
                Ok((Callee::Indirect(native, fn_ty), callee_vmctx))
            }
        }
    }

    pub(super) fn call(&mut self, func: u32) -> Result<()> {
        let ty = self.env.info.func_type(func);
        let (np, nr) = (ty.params().len(), ty.results().len());
        let (callee, vmctx) = self.function_target(func)?;
        self.emit_call(callee, np, nr, vmctx)
    }

    pub(super) fn return_call(&mut self, func: u32) -> Result<()> {
        let ty = self.env.info.func_type(func).clone();
        let (callee, vmctx) = self.function_target(func)?;
        self.emit_tail_call(callee, &ty, vmctx)
    }

    /// The callee of `call_indirect`: bounds check ("undefined element"), null check
    /// ("uninitialized element"), signature check against the canonical id ("indirect call
    /// type mismatch"). A 64-bit table's index (table64) is compared with the zero-extended
    /// size as it is, never truncated.
    fn indirect_target(&mut self, type_index: u32, table_index: u32) -> Result<(Callee<'ctx>, PointerValue<'ctx>)> {
        let env = self.env;
        if let Some(frozen) = env.info.frozen_tables.table(table_index, env.executable) {
            return self.frozen_target(type_index, table_index, frozen);
        }
        let ty = self.env.info.types[type_index as usize].clone();
        let fn_ty = self.ii.func_type(&ty)?;
        let index = self.pop_int()?;
        let table = self.vm().table_ptr(table_index)?;
        let (size, elements) = self.vm().table_size_and_elements(table)?;
        let size = if self.env.info.table64(table_index) { self.b.build_int_z_extend(size, self.ii.i64, "")? } else { size };
        let oob = self.b.build_int_compare(IntPredicate::UGE, index, size, "")?;
        self.trap_if(oob, TrapCode::UndefinedElement)?;
        let index64 = self.widen(index)?;
        let slot = unsafe { self.b.build_in_bounds_gep(self.ii.ptr, elements, &[index64], "")? };
        let func_ref = self.b.build_load(self.ii.ptr, slot, "")?.into_pointer_value();
        let is_null = self.b.build_is_null(func_ref, "")?;
        self.trap_if(is_null, TrapCode::UninitializedElement)?;
        let actual = self.vm().func_ref_sig(func_ref)?;
        let expected = self.vm().sig_id(type_index)?;
        let mismatch = self.b.build_int_compare(IntPredicate::NE, actual, expected, "")?;
        self.trap_if(mismatch, TrapCode::IndirectCallTypeMismatch)?;
        let (native, callee_vmctx) = self.vm().func_ref_target(func_ref)?;
        Ok((Callee::Indirect(native, fn_ty), callee_vmctx))
    }

    /// The callee of `call_indirect` on a frozen table (codegen/frozen_tables.rs): the same
    /// checks in the same order, against the table's constant size and entries, then the slot's
    /// function with this instance's vmctx, called directly when it is the table's only
    /// function of the call's type.
    fn frozen_target(&mut self, type_index: u32, table_index: u32, frozen: &FrozenTable) -> Result<(Callee<'ctx>, PointerValue<'ctx>)> {
        let ii = self.ii;
        let fn_ty = ii.func_type(&self.env.info.types[type_index as usize])?;
        let index = self.pop_int()?;
        let code = |c: TrapCode| ii.i32.const_int(c as u64, false);
        // Above the entries, the slots are null up to the size.
        let (len, size) = (frozen.slots.len() as u64, frozen.size as u64);
        let beyond = self.b.build_int_compare(IntPredicate::UGE, index, ii.i32.const_int(len, false), "")?;
        if len == size {
            self.trap_if(beyond, TrapCode::UndefinedElement)?;
        } else {
            self.trap_if_with(beyond, |b| {
                let oob = b.build_int_compare(IntPredicate::UGE, index, ii.i32.const_int(size, false), "")?;
                Ok(b.build_select(oob, code(TrapCode::UndefinedElement), code(TrapCode::UninitializedElement), "")?.into_int_value())
            })?;
        }
        let entries = frozen_tables::entries(self.env, table_index, frozen)?.as_pointer_value();
        let index64 = self.b.build_int_z_extend(index, ii.i64, "")?;
        let entry = unsafe { self.b.build_in_bounds_gep(frozen_tables::entry_type(ii), entries, &[index64], "")? };
        let class_ptr = self.b.build_struct_gep(frozen_tables::entry_type(ii), entry, 1, "")?;
        let class = self.b.build_load(ii.i32, class_ptr, "")?.into_int_value();
        let expected = self.env.info.frozen_tables.class(type_index);
        let mismatch = self.b.build_int_compare(IntPredicate::NE, class, ii.i32.const_int(expected as u64, false), "")?;
        if frozen.has_null {
            self.trap_if_with(mismatch, |b| {
                let null = b.build_int_compare(IntPredicate::EQ, class, ii.i32.const_zero(), "")?;
                Ok(b.build_select(null, code(TrapCode::UninitializedElement), code(TrapCode::IndirectCallTypeMismatch), "")?.into_int_value())
            })?;
        } else {
            self.trap_if(mismatch, TrapCode::IndirectCallTypeMismatch)?;
        }
        let callee = match frozen.only.get(&expected) {
            Some(Some(f)) => Callee::Direct(self.env.functions[*f as usize].ok_or_else(|| Error::at(self.offset, "internal error: a frozen table holds an import"))?),
            _ => {
                let load_relative = ii.intrinsic(self.env.module, "llvm.load.relative", &[ii.i64.into()]);
                let offset = self.b.build_int_mul(index64, frozen_tables::entry_type(ii).size_of().expect("sized"), "")?;
                let native = self.b.build_call(load_relative, &[entries.into(), offset.into()], "")?;
                let native = native.try_as_basic_value().basic().ok_or_else(|| Error::at(self.offset, "internal error: load.relative has no result"))?;
                Callee::Indirect(native.into_pointer_value(), fn_ty)
            }
        };
        Ok((callee, self.vmctx))
    }

    pub(super) fn call_indirect(&mut self, type_index: u32, table_index: u32) -> Result<()> {
        let ty = &self.env.info.types[type_index as usize];
        let (np, nr) = (ty.params().len(), ty.results().len());
        let (callee, vmctx) = self.indirect_target(type_index, table_index)?;
        self.emit_call(callee, np, nr, vmctx)
    }

    pub(super) fn return_call_indirect(&mut self, type_index: u32, table_index: u32) -> Result<()> {
        let ty = self.env.info.types[type_index as usize].clone();
        let (callee, vmctx) = self.indirect_target(type_index, table_index)?;
        self.emit_tail_call(callee, &ty, vmctx)
    }

    /// The callee of `call_ref $t`: null traps with "null function reference".
    fn ref_target(&mut self, type_index: u32) -> Result<(Callee<'ctx>, PointerValue<'ctx>)> {
        let fn_ty = self.ii.func_type(&self.env.info.types[type_index as usize])?;
        let func_ref = self.pop_ptr()?;
        let is_null = self.b.build_is_null(func_ref, "")?;
        self.trap_if(is_null, TrapCode::NullFunctionReference)?;
        let (native, callee_vmctx) = self.vm().func_ref_target(func_ref)?;
        Ok((Callee::Indirect(native, fn_ty), callee_vmctx))
    }

    /// `call_ref $t` (typed function references; the reference's static type is exact, so only
    /// null is checked).
    pub(super) fn call_ref(&mut self, type_index: u32) -> Result<()> {
        let ty = &self.env.info.types[type_index as usize];
        let (np, nr) = (ty.params().len(), ty.results().len());
        let (callee, vmctx) = self.ref_target(type_index)?;
        self.emit_call(callee, np, nr, vmctx)
    }

    pub(super) fn return_call_ref(&mut self, type_index: u32) -> Result<()> {
        let ty = self.env.info.types[type_index as usize].clone();
        let (callee, vmctx) = self.ref_target(type_index)?;
        self.emit_tail_call(callee, &ty, vmctx)
    }
}
