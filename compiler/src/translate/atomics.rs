//! Threads: atomic loads, stores, read-modify-writes and compare-exchanges in every width,
//! `atomic.fence`, `memory.atomic.wait32/64` and `memory.atomic.notify`.
//!
//! Every atomic access is sequentially consistent (the spec's only ordering), written as an LLVM
//! atomic, so each target gets its correct instructions (x86-64 `xchg`/`lock` forms, aarch64
//! `ldar`/`stlr`/LSE or exclusive pairs). Its address is checked for alignment first
//! (`unaligned atomic`), then it is computed exactly like an ordinary access's
//! ([`FuncTranslator::mem_addr`]: guard pages or the explicit check): an aligned access never
//! crosses a page, so it cannot tear and the guard pages catch it whole. Where the target has one
//! thread (firmware) atomics are ordinary accesses with the same checks: nothing can observe the
//! difference, and Cortex-M has no 64-bit atomic instructions.

use super::FuncTranslator;
use crate::error::{Error, Result};
use inkwell::types::IntType;
use inkwell::builder::{Builder, BuilderError};
use inkwell::values::{BasicValue, InstructionValue, IntValue, PointerValue};
use inkwell::{AtomicOrdering, AtomicRMWBinOp, IntPredicate};
use wasmkiln_abi::TrapCode;
use wasmparser::{MemArg, Operator};

const SEQ_CST: AtomicOrdering = AtomicOrdering::SequentiallyConsistent;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// Translates `op` if it is a threads instruction; `false` otherwise.
    pub(super) fn atomic_op(&mut self, op: &Operator<'a>) -> Result<bool> {
        use AtomicRMWBinOp as R;
        use Operator::*;
        let (i8t, i16t, i32t, i64t) = (self.ii.i8, self.ii.ctx.i16_type(), self.ii.i32, self.ii.i64);
        match *op {
            AtomicFence { .. } => {
                if self.env.threads {
                    self.b.build_fence(SEQ_CST, false, "")?;
                }
            }
            MemoryAtomicNotify { memarg } => self.atomic_notify(memarg)?,
            MemoryAtomicWait32 { memarg } => self.atomic_wait(memarg, 4)?,
            MemoryAtomicWait64 { memarg } => self.atomic_wait(memarg, 8)?,

            I32AtomicLoad { memarg } => self.atomic_load(memarg, i32t, i32t)?,
            I64AtomicLoad { memarg } => self.atomic_load(memarg, i64t, i64t)?,
            I32AtomicLoad8U { memarg } => self.atomic_load(memarg, i32t, i8t)?,
            I32AtomicLoad16U { memarg } => self.atomic_load(memarg, i32t, i16t)?,
            I64AtomicLoad8U { memarg } => self.atomic_load(memarg, i64t, i8t)?,
            I64AtomicLoad16U { memarg } => self.atomic_load(memarg, i64t, i16t)?,
            I64AtomicLoad32U { memarg } => self.atomic_load(memarg, i64t, i32t)?,

            I32AtomicStore { memarg } => self.atomic_store(memarg, i32t)?,
            I64AtomicStore { memarg } => self.atomic_store(memarg, i64t)?,
            I32AtomicStore8 { memarg } | I64AtomicStore8 { memarg } => self.atomic_store(memarg, i8t)?,
            I32AtomicStore16 { memarg } | I64AtomicStore16 { memarg } => self.atomic_store(memarg, i16t)?,
            I64AtomicStore32 { memarg } => self.atomic_store(memarg, i32t)?,

            I32AtomicRmwAdd { memarg } => self.atomic_rmw(memarg, R::Add, i32t, i32t)?,
            I64AtomicRmwAdd { memarg } => self.atomic_rmw(memarg, R::Add, i64t, i64t)?,
            I32AtomicRmw8AddU { memarg } => self.atomic_rmw(memarg, R::Add, i32t, i8t)?,
            I32AtomicRmw16AddU { memarg } => self.atomic_rmw(memarg, R::Add, i32t, i16t)?,
            I64AtomicRmw8AddU { memarg } => self.atomic_rmw(memarg, R::Add, i64t, i8t)?,
            I64AtomicRmw16AddU { memarg } => self.atomic_rmw(memarg, R::Add, i64t, i16t)?,
            I64AtomicRmw32AddU { memarg } => self.atomic_rmw(memarg, R::Add, i64t, i32t)?,
            I32AtomicRmwSub { memarg } => self.atomic_rmw(memarg, R::Sub, i32t, i32t)?,
            I64AtomicRmwSub { memarg } => self.atomic_rmw(memarg, R::Sub, i64t, i64t)?,
            I32AtomicRmw8SubU { memarg } => self.atomic_rmw(memarg, R::Sub, i32t, i8t)?,
            I32AtomicRmw16SubU { memarg } => self.atomic_rmw(memarg, R::Sub, i32t, i16t)?,
            I64AtomicRmw8SubU { memarg } => self.atomic_rmw(memarg, R::Sub, i64t, i8t)?,
            I64AtomicRmw16SubU { memarg } => self.atomic_rmw(memarg, R::Sub, i64t, i16t)?,
            I64AtomicRmw32SubU { memarg } => self.atomic_rmw(memarg, R::Sub, i64t, i32t)?,
            I32AtomicRmwAnd { memarg } => self.atomic_rmw(memarg, R::And, i32t, i32t)?,
            I64AtomicRmwAnd { memarg } => self.atomic_rmw(memarg, R::And, i64t, i64t)?,
            I32AtomicRmw8AndU { memarg } => self.atomic_rmw(memarg, R::And, i32t, i8t)?,
            I32AtomicRmw16AndU { memarg } => self.atomic_rmw(memarg, R::And, i32t, i16t)?,
            I64AtomicRmw8AndU { memarg } => self.atomic_rmw(memarg, R::And, i64t, i8t)?,
            I64AtomicRmw16AndU { memarg } => self.atomic_rmw(memarg, R::And, i64t, i16t)?,
            I64AtomicRmw32AndU { memarg } => self.atomic_rmw(memarg, R::And, i64t, i32t)?,
            I32AtomicRmwOr { memarg } => self.atomic_rmw(memarg, R::Or, i32t, i32t)?,
            I64AtomicRmwOr { memarg } => self.atomic_rmw(memarg, R::Or, i64t, i64t)?,
            I32AtomicRmw8OrU { memarg } => self.atomic_rmw(memarg, R::Or, i32t, i8t)?,
            I32AtomicRmw16OrU { memarg } => self.atomic_rmw(memarg, R::Or, i32t, i16t)?,
            I64AtomicRmw8OrU { memarg } => self.atomic_rmw(memarg, R::Or, i64t, i8t)?,
            I64AtomicRmw16OrU { memarg } => self.atomic_rmw(memarg, R::Or, i64t, i16t)?,
            I64AtomicRmw32OrU { memarg } => self.atomic_rmw(memarg, R::Or, i64t, i32t)?,
            I32AtomicRmwXor { memarg } => self.atomic_rmw(memarg, R::Xor, i32t, i32t)?,
            I64AtomicRmwXor { memarg } => self.atomic_rmw(memarg, R::Xor, i64t, i64t)?,
            I32AtomicRmw8XorU { memarg } => self.atomic_rmw(memarg, R::Xor, i32t, i8t)?,
            I32AtomicRmw16XorU { memarg } => self.atomic_rmw(memarg, R::Xor, i32t, i16t)?,
            I64AtomicRmw8XorU { memarg } => self.atomic_rmw(memarg, R::Xor, i64t, i8t)?,
            I64AtomicRmw16XorU { memarg } => self.atomic_rmw(memarg, R::Xor, i64t, i16t)?,
            I64AtomicRmw32XorU { memarg } => self.atomic_rmw(memarg, R::Xor, i64t, i32t)?,
            I32AtomicRmwXchg { memarg } => self.atomic_rmw(memarg, R::Xchg, i32t, i32t)?,
            I64AtomicRmwXchg { memarg } => self.atomic_rmw(memarg, R::Xchg, i64t, i64t)?,
            I32AtomicRmw8XchgU { memarg } => self.atomic_rmw(memarg, R::Xchg, i32t, i8t)?,
            I32AtomicRmw16XchgU { memarg } => self.atomic_rmw(memarg, R::Xchg, i32t, i16t)?,
            I64AtomicRmw8XchgU { memarg } => self.atomic_rmw(memarg, R::Xchg, i64t, i8t)?,
            I64AtomicRmw16XchgU { memarg } => self.atomic_rmw(memarg, R::Xchg, i64t, i16t)?,
            I64AtomicRmw32XchgU { memarg } => self.atomic_rmw(memarg, R::Xchg, i64t, i32t)?,

            I32AtomicRmwCmpxchg { memarg } => self.atomic_cmpxchg(memarg, i32t, i32t)?,
            I64AtomicRmwCmpxchg { memarg } => self.atomic_cmpxchg(memarg, i64t, i64t)?,
            I32AtomicRmw8CmpxchgU { memarg } => self.atomic_cmpxchg(memarg, i32t, i8t)?,
            I32AtomicRmw16CmpxchgU { memarg } => self.atomic_cmpxchg(memarg, i32t, i16t)?,
            I64AtomicRmw8CmpxchgU { memarg } => self.atomic_cmpxchg(memarg, i64t, i8t)?,
            I64AtomicRmw16CmpxchgU { memarg } => self.atomic_cmpxchg(memarg, i64t, i16t)?,
            I64AtomicRmw32CmpxchgU { memarg } => self.atomic_cmpxchg(memarg, i64t, i32t)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Traps with `unaligned atomic` unless `address + offset` is a multiple of `bytes`. The
    /// address is the operand `depth` values below the top of the stack (it is popped later, by
    /// `mem_addr`). Only the low bits matter, so the sum is computed in the address's own width
    /// with the offset reduced modulo `bytes`: exact even where the full sum would overflow.
    fn check_atomic_alignment(&mut self, memarg: &MemArg, bytes: u64, depth: usize) -> Result<()> {
        if bytes == 1 {
            return Ok(());
        }
        let index = self.stack.len().checked_sub(depth + 1).ok_or_else(|| Error::at(self.offset, "internal error: operand stack underflow"))?;
        let address = self.stack[index].into_int_value();
        let ty = address.get_type();
        let low = self.b.build_int_add(address, ty.const_int(memarg.offset % bytes, false), "")?;
        let misaligned = self.b.build_and(low, ty.const_int(bytes - 1, false), "")?;
        let misaligned = self.b.build_int_compare(IntPredicate::NE, misaligned, ty.const_zero(), "")?;
        self.trap_if(misaligned, TrapCode::UnalignedAtomic)
    }

    /// The host address of an aligned atomic access of `access`'s width; pops the address (the
    /// top of the stack).
    fn atomic_addr(&mut self, memarg: &MemArg, access: IntType<'ctx>) -> Result<PointerValue<'ctx>> {
        let bytes = access.get_bit_width() as u64 / 8;
        self.check_atomic_alignment(memarg, bytes, 0)?;
        let (ptr, address) = self.mem_addr(memarg, bytes)?;
        self.note_accessed(address);
        Ok(ptr)
    }

    /// Marks a memory instruction: natural alignment (checked), linear-memory alias tag, and
    /// sequential consistency where threads exist.
    fn atomic_access(&self, inst: InstructionValue<'ctx>, access: IntType<'ctx>) -> Result<()> {
        inst.set_alignment(access.get_bit_width() / 8).map_err(|e| Error::new(e.to_string()))?;
        if self.env.threads {
            inst.set_atomic_ordering(SEQ_CST).map_err(|e| Error::new(e.to_string()))?;
        }
        self.ii.tbaa.tag(inst, self.ii.tbaa.memory);
        Ok(())
    }

    fn atomic_load(&mut self, memarg: MemArg, result: IntType<'ctx>, access: IntType<'ctx>) -> Result<()> {
        let ptr = self.atomic_addr(&memarg, access)?;
        let v = self.load_at(ptr, access)?;
        self.push_widened(v, result)
    }

    fn atomic_store(&mut self, memarg: MemArg, access: IntType<'ctx>) -> Result<()> {
        let value = self.pop_at_width(access)?;
        let ptr = self.atomic_addr(&memarg, access)?;
        let st = self.b.build_store(ptr, value)?;
        self.atomic_access(st, access)
    }

    fn atomic_rmw(&mut self, memarg: MemArg, op: AtomicRMWBinOp, result: IntType<'ctx>, access: IntType<'ctx>) -> Result<()> {
        let value = self.pop_at_width(access)?;
        let ptr = self.atomic_addr(&memarg, access)?;
        let old = if self.env.threads {
            let old = self.b.build_atomicrmw(op, ptr, value, SEQ_CST)?;
            self.ii.tbaa.tag(old.as_instruction_value().expect("atomicrmw"), self.ii.tbaa.memory);
            old
        } else {
            self.update_in_place(ptr, access, |b, old| {
                Ok(match op {
                    AtomicRMWBinOp::Add => b.build_int_add(old, value, "")?,
                    AtomicRMWBinOp::Sub => b.build_int_sub(old, value, "")?,
                    AtomicRMWBinOp::And => b.build_and(old, value, "")?,
                    AtomicRMWBinOp::Or => b.build_or(old, value, "")?,
                    AtomicRMWBinOp::Xor => b.build_xor(old, value, "")?,
                    _ => value,
                })
            })?
        };
        self.push_widened(old, result)
    }

    /// `cmpxchg`: the expected value is wrapped to the access width, as the spec says.
    fn atomic_cmpxchg(&mut self, memarg: MemArg, result: IntType<'ctx>, access: IntType<'ctx>) -> Result<()> {
        let replacement = self.pop_at_width(access)?;
        let expected = self.pop_at_width(access)?;
        let ptr = self.atomic_addr(&memarg, access)?;
        let old = if self.env.threads {
            let pair = self.b.build_cmpxchg(ptr, expected, replacement, SEQ_CST, SEQ_CST)?;
            if let Some(inst) = pair.as_instruction_value() {
                self.ii.tbaa.tag(inst, self.ii.tbaa.memory);
            }
            self.b.build_extract_value(pair, 0, "")?.into_int_value()
        } else {
            self.update_in_place(ptr, access, |b, old| {
                let equal = b.build_int_compare(IntPredicate::EQ, old, expected, "")?;
                Ok(b.build_select(equal, replacement, old, "")?.into_int_value())
            })?
        };
        self.push_widened(old, result)
    }

    /// A load of `access`, marked as an atomic one.
    fn load_at(&self, ptr: PointerValue<'ctx>, access: IntType<'ctx>) -> Result<IntValue<'ctx>> {
        let v = self.b.build_load(access, ptr, "")?.into_int_value();
        self.atomic_access(v.as_instruction_value().expect("load instruction"), access)?;
        Ok(v)
    }

    /// A read-modify-write where no other thread can interfere (firmware): load, store
    /// `new(old)`, return the old value.
    fn update_in_place(
        &self,
        ptr: PointerValue<'ctx>,
        access: IntType<'ctx>,
        new: impl FnOnce(&Builder<'ctx>, IntValue<'ctx>) -> std::result::Result<IntValue<'ctx>, BuilderError>,
    ) -> Result<IntValue<'ctx>> {
        let old = self.load_at(ptr, access)?;
        let st = self.b.build_store(ptr, new(&self.b, old)?)?;
        self.atomic_access(st, access)?;
        Ok(old)
    }

    /// `memory.atomic.wait32/64` (`bytes` 4 or 8): the runtime checks bounds and sharedness,
    /// compares and sleeps.
    fn atomic_wait(&mut self, memarg: MemArg, bytes: u64) -> Result<()> {
        self.check_atomic_alignment(&memarg, bytes, 2)?;
        let [address, expected, timeout] = self.pop_ints::<3>()?;
        let f = if bytes == 4 { self.ii.libcalls.memory_atomic_wait32 } else { self.ii.libcalls.memory_atomic_wait64 };
        let args = self.wait_notify_args(&memarg, address)?;
        let r = self.libcall_value(f, &[args[0].into(), args[1].into(), args[2].into(), expected.into(), timeout.into()])?;
        self.push(r);
        Ok(())
    }

    fn atomic_notify(&mut self, memarg: MemArg) -> Result<()> {
        self.check_atomic_alignment(&memarg, 4, 1)?;
        let [address, count] = self.pop_ints::<2>()?;
        let args = self.wait_notify_args(&memarg, address)?;
        let r = self.libcall_value(self.ii.libcalls.memory_atomic_notify, &[args[0].into(), args[1].into(), args[2].into(), count.into()])?;
        self.push(r);
        Ok(())
    }

    /// The memory index, the address as i64 (zero-extended) and the offset, as the wait and
    /// notify libcalls take them.
    fn wait_notify_args(&mut self, memarg: &MemArg, address: IntValue<'ctx>) -> Result<[IntValue<'ctx>; 3]> {
        let address = if address.get_type() == self.ii.i64 { address } else { self.b.build_int_z_extend(address, self.ii.i64, "")? };
        let wasmparser::MemArgTarget::Memory(mem) = memarg.target else {
            return Err(Error::at(self.offset, "GC array accesses are not supported"));
        };
        Ok([self.i32_const(mem as i64), address, self.ii.i64.const_int(memarg.offset, false)])
    }

    /// Pops an integer, wrapped to the access width.
    fn pop_at_width(&mut self, access: IntType<'ctx>) -> Result<IntValue<'ctx>> {
        let v = self.pop_int()?;
        Ok(if v.get_type() == access { v } else { self.b.build_int_truncate(v, access, "")? })
    }

    /// Pushes `v` zero-extended to the result type.
    fn push_widened(&mut self, v: IntValue<'ctx>, result: IntType<'ctx>) -> Result<()> {
        let v = if v.get_type() == result { v } else { self.b.build_int_z_extend(v, result, "")? };
        self.push(v.as_basic_value_enum());
        Ok(())
    }
}
