//! Loads, stores and the memory instructions.

use super::FuncTranslator;
use crate::error::{Error, Result};
use inkwell::types::{BasicTypeEnum, IntType};
use inkwell::values::{InstructionOpcode, InstructionValue};
use inkwell::values::{BasicValue, BasicValueEnum, IntValue, PointerValue};
use crate::codegen::BoundsChecks;
use wasmparser::MemArg;

/// Bytes a load or store of `ty` touches (a scalar, or a vector of them).
fn access_bytes(ty: BasicTypeEnum<'_>) -> u64 {
    match ty {
        BasicTypeEnum::IntType(t) => t.get_bit_width() as u64 / 8,
        BasicTypeEnum::FloatType(t) => if t == t.get_context().f32_type() { 4 } else { 8 },
        BasicTypeEnum::VectorType(t) => t.get_size() as u64 * access_bytes(t.get_element_type()),
        // References and aggregates never live in linear memory.
        _ => unreachable!("no memory access of {ty:?}"),
    }
}

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// SANDBOX-CRITICAL: the host address of a Wasm access of `bytes` bytes is
    /// `base + zext(address) + offset`. The index is *zero*-extended and the offset is below
    /// 2^32, so the result lies within base .. base + 8 GiB: inside the region the runtime
    /// reserves, where everything past the current memory size is inaccessible (guard pages).
    /// With guard pages an out-of-bounds access therefore faults and becomes a trap, and no
    /// check is emitted; with `--bounds-checks explicit` the access's end is compared with the
    /// memory's current size first (the size is loaded with its own alias tag, so LLVM keeps it
    /// in a register across loops that store to memory). Any change here must keep the access
    /// inside that reservation. Returns the host address and the Wasm address it came from.
    ///
    /// A 64-bit memory (memory64) has an i64 address and an offset up to 2^64 - 1: no
    /// reservation covers that, so every access is checked explicitly, whatever the mode, by a
    /// test that adds nothing to the address (bounds_check.rs). `address + offset` is `nuw`:
    /// when it wraps the check traps before the address is used.
    ///
    /// A store of several bytes is also checked explicitly under guard pages where stores tear
    /// (`TargetCaps::tearing_stores`: aarch64, riscv64): a misaligned one across the end of
    /// memory could otherwise write its in-bounds bytes before the fault, and a trapping store
    /// must leave memory unchanged.
    pub(super) fn mem_addr(&mut self, memarg: &MemArg, bytes: u64) -> Result<(PointerValue<'ctx>, IntValue<'ctx>)> {
        self.mem_addr_checked(memarg, bytes, false)
    }

    fn mem_addr_checked(&mut self, memarg: &MemArg, bytes: u64, store: bool) -> Result<(PointerValue<'ctx>, IntValue<'ctx>)> {
        let mem = match memarg.target {
            wasmparser::MemArgTarget::Memory(m) => m,
            wasmparser::MemArgTarget::Array(_) => return Err(Error::at(self.offset, "GC array accesses are not supported")),
        };
        let base = *self.memory_bases.get(mem as usize).ok_or_else(|| Error::at(self.offset, "memory access without a memory"))?;
        let address = self.pop_int()?;
        let memory64 = self.env.info.memory64(mem);
        let index = if memory64 { address } else { self.b.build_int_z_extend(address, self.ii.i64, "")? };
        let effective = match memarg.offset {
            0 => index,
            offset if memory64 => self.b.build_int_nuw_add(index, self.ii.i64.const_int(offset, false), "")?,
            offset => self.b.build_int_add(index, self.ii.i64.const_int(offset, false), "")?,
        };
        let tearing = store && bytes > 1 && self.ii.caps.tearing_stores;
        if memory64 || self.env.bounds_checks == BoundsChecks::Explicit || tearing {
            self.bounds_check(index, effective, memarg.offset, bytes, mem)?;
        }
        // In bounds: the result lies inside the reservation that `base` starts.
        Ok((unsafe { self.b.build_in_bounds_gep(self.ii.i8, base, &[effective], "")? }, address))
    }

    /// A load of `ty`, or of a narrower integer extended to `ty`.
    pub(super) fn load(&mut self, memarg: MemArg, ty: BasicTypeEnum<'ctx>, narrow: Option<(IntType<'ctx>, bool)>) -> Result<()> {
        let load_ty: BasicTypeEnum = narrow.map_or(ty, |(n, _)| n.into());
        let (ptr, address) = self.mem_addr(&memarg, access_bytes(load_ty))?;
        let v = self.b.build_load(load_ty, ptr, "")?;
        // Alignment hints in Wasm are not promises.
        let inst = v.as_instruction_value().expect("load instruction");
        inst.set_alignment(1).map_err(|e| Error::new(e.to_string()))?;
        self.ii.tbaa.tag(inst, self.ii.tbaa.memory);
        self.note_accessed(address);
        let v: BasicValueEnum = match narrow {
            Some((_, true)) => self.b.build_int_s_extend(v.into_int_value(), ty.into_int_type(), "")?.into(),
            Some((_, false)) => self.b.build_int_z_extend(v.into_int_value(), ty.into_int_type(), "")?.into(),
            None => v,
        };
        self.push(v);
        Ok(())
    }

    /// A store of the value on the stack, truncated to `narrow` if given.
    pub(super) fn store(&mut self, memarg: MemArg, narrow: Option<IntType<'ctx>>) -> Result<()> {
        let value = self.pop()?;
        let value: BasicValueEnum = match narrow {
            Some(n) => self.b.build_int_truncate(value.into_int_value(), n, "")?.into(),
            None => value,
        };
        let (ptr, address) = self.mem_addr_checked(&memarg, access_bytes(value.get_type()), true)?;
        let st = self.b.build_store(ptr, value)?;
        st.set_alignment(1).map_err(|e| Error::new(e.to_string()))?;
        self.ii.tbaa.tag(st, self.ii.tbaa.memory);
        self.note_accessed(address);
        Ok(())
    }

    /// `drop` of a value.
    pub(super) fn drop_value(&mut self) -> Result<()> {
        let v = self.pop()?;
        self.keep_loads(v)
    }

    /// `v` is discarded: dropped, left on the stack by a branch or a trap, or stored to a local
    /// the function never reads. A discarded load must still trap when out of bounds, but LLVM
    /// deletes unused loads; making such a load volatile keeps it. The load may sit under the
    /// extension, splat or lane insertion that made the value (SIMD loads).
    pub(super) fn keep_loads(&mut self, v: BasicValueEnum<'ctx>) -> Result<()> {
        let mut pending: Vec<(InstructionValue<'ctx>, u32)> = v.as_instruction_value().into_iter().map(|i| (i, 0)).collect();
        while let Some((inst, depth)) = pending.pop() {
            match inst.get_opcode() {
                InstructionOpcode::Load => inst.set_volatile(true).map_err(|e| Error::new(e.to_string()))?,
                InstructionOpcode::SExt | InstructionOpcode::ZExt | InstructionOpcode::BitCast | InstructionOpcode::InsertElement | InstructionOpcode::ShuffleVector if depth < 3 => {
                    for i in 0..inst.get_num_operands() {
                        if let Some(op) = inst.get_operand(i).and_then(|op| op.value()).and_then(|op| op.as_instruction_value()) {
                            pending.push((op, depth + 1));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The values of the stack from `from` up to its top but `keep`, which a branch or a trap
    /// discards ([`Self::keep_loads`]).
    pub(super) fn discard_stack(&mut self, from: usize, keep: usize) -> Result<()> {
        let end = self.stack.len().saturating_sub(keep);
        for i in from.min(end)..end {
            self.keep_loads(self.stack[i])?;
        }
        Ok(())
    }

    /// `memory.size`: pages, an i64 for a 64-bit memory.
    pub(super) fn memory_size(&mut self, mem: u32) -> Result<()> {
        let bytes = self.vm().memory_size_bytes(mem)?;
        let pages = self.b.build_right_shift(bytes, self.ii.i64.const_int(16, false), false, "")?;
        let pages = self.address_result(pages, self.env.info.memory64(mem))?;
        self.push(pages);
        Ok(())
    }

    /// `memory.grow`: the libcall takes and returns i64 (-1 is u64::MAX, which truncates to a
    /// 32-bit memory's -1).
    pub(super) fn memory_grow(&mut self, mem: u32) -> Result<()> {
        let delta = self.pop_int()?;
        let delta = self.widen(delta)?;
        let r = self.libcall_value(self.ii.libcalls.memory_grow, &[self.i32_const(mem as i64).into(), delta.into()])?;
        let r = self.address_result(r.into_int_value(), self.env.info.memory64(mem))?;
        self.push(r);
        Ok(())
    }

    pub(super) fn memory_fill(&mut self, mem: u32) -> Result<()> {
        let [dst, val, len] = self.pop_ints::<3>()?;
        let (dst, len) = (self.widen(dst)?, self.widen(len)?);
        self.libcall(self.ii.libcalls.memory_fill, &[self.i32_const(mem as i64).into(), dst.into(), val.into(), len.into()])
    }

    /// `memory.copy`: each operand has its memory's address type (the length the smaller one),
    /// all widened to i64.
    pub(super) fn memory_copy(&mut self, dst_mem: u32, src_mem: u32) -> Result<()> {
        let [dst, src, len] = self.pop_ints::<3>()?;
        let (dst, src, len) = (self.widen(dst)?, self.widen(src)?, self.widen(len)?);
        self.libcall(self.ii.libcalls.memory_copy, &[self.i32_const(dst_mem as i64).into(), self.i32_const(src_mem as i64).into(), dst.into(), src.into(), len.into()])
    }

    pub(super) fn memory_init(&mut self, seg: u32, mem: u32) -> Result<()> {
        let [dst, src, len] = self.pop_ints::<3>()?;
        let dst = self.widen(dst)?;
        self.libcall(self.ii.libcalls.memory_init, &[self.i32_const(mem as i64).into(), self.i32_const(seg as i64).into(), dst.into(), src.into(), len.into()])
    }

    /// [`Intrinsics::widen`](crate::codegen::intrinsics::Intrinsics::widen) at the builder.
    pub(super) fn widen(&self, v: IntValue<'ctx>) -> Result<IntValue<'ctx>> {
        self.ii.widen(&self.b, v)
    }

    /// A libcall's i64 size or result as the instruction's result: truncated to i32 unless the
    /// memory or table is 64-bit.
    pub(super) fn address_result(&self, v: IntValue<'ctx>, is64: bool) -> Result<IntValue<'ctx>> {
        Ok(if is64 { v } else { self.b.build_int_truncate(v, self.ii.i32, "")? })
    }

    pub(super) fn data_drop(&mut self, seg: u32) -> Result<()> {
        self.libcall(self.ii.libcalls.data_drop, &[self.i32_const(seg as i64).into()])
    }

    /// Pops `N` integers, returned in push order.
    pub(super) fn pop_ints<const N: usize>(&mut self) -> Result<[IntValue<'ctx>; N]> {
        let vals = self.pop_n(N)?;
        let ints: Vec<IntValue> = vals.into_iter().map(|v| v.into_int_value()).collect();
        Ok(ints.try_into().expect("N values"))
    }
}
