//! The explicit bounds check of a memory access (`--bounds-checks explicit`), in the form LLVM's
//! loop passes recognise.
//!
//! An access of `bytes` bytes at `effective = zext(address) + offset` is in bounds when its last
//! byte is below the memory's size: `effective + (bytes - 1) <u size`, the same test as
//! `end <= size`. In this form (with the size's `!range`: a 32-bit memory never exceeds
//! `MAX_MEMORY32_PAGES` pages) SCEV computes how many iterations of a loop pass the check (an
//! exit count); from `end >u size` it did not. With exit counts for every check, the loop
//! vectorizer runs the iterations that pass all of them as a vector loop without checks (the
//! minimum of the counts, computed before the loop) and leaves the rest, the trapping
//! iteration included, to the scalar loop, which keeps its per-access checks. The trap edge
//! carries branch weights that make it cold, which keeps the trap block out of loop layouts
//! (and is what IRCE would need).
//!
//! A 64-bit memory (memory64) is always checked this way: no guard region covers a 64-bit
//! address. There `address + offset + bytes - 1` may exceed 2^64 (the offset alone may be
//! 2^64 - 1), and a sum that wrapped would pass the test, so the same test is made one width up,
//! as the 32-bit one is made in i64: `zext128(address) + (offset + bytes - 1) <u zext128(size)`,
//! whose sum cannot wrap (below 2^66). It is exact, and it is still an add recurrence compared
//! with an invariant of known range, so SCEV computes its exit count and such loops vectorize the
//! same way (the form `address <u size -sat (offset + bytes - 1)` is exact too, but SCEV gives the
//! saturating subtraction a wrapped range and computes no exit count from it). A scalar check
//! costs an add, a carry and a compare with borrow on x86-64.
//!
//! Nothing is hoisted here: each access is still checked where it is, so a trap happens at the
//! first out-of-bounds access, after every effect that precedes it.

use super::FuncTranslator;
use crate::error::Result;
use inkwell::values::IntValue;
use inkwell::IntPredicate;
use wasmkiln_abi::{TrapCode, MAX_MEMORY32_PAGES, MAX_MEMORY64_PAGES, WASM_PAGE_SIZE};

/// Weights of the (in bounds, trap) edges: the trap edge is as cold as `llvm.expect` makes it.
const WEIGHTS: (u64, u64) = (2000, 1);

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// Traps with `MemoryOutOfBounds` unless the `bytes` bytes at `index + offset` lie inside
    /// memory `mem`; `index` is the address as i64 (zero-extended for a 32-bit memory),
    /// `effective` the caller's `index + offset`, which cannot wrap for a 32-bit memory.
    pub(super) fn bounds_check(&mut self, index: IntValue<'ctx>, effective: IntValue<'ctx>, offset: u64, bytes: u64, mem: u32) -> Result<()> {
        let i64t = self.ii.i64;
        let memory64 = self.env.info.memory64(mem);
        // The access's last byte, where the sum cannot wrap: in i64 for a 32-bit memory (at most
        // 2^33 + 15), in i128 for a 64-bit one (at most 2^65 + 15).
        let (last, wide) = if memory64 {
            let i128t = self.ii.int(128);
            let k = offset as u128 + bytes as u128 - 1;
            let k = i128t.const_int_arbitrary_precision(&[k as u64, (k >> 64) as u64]);
            let index = self.b.build_int_z_extend(index, i128t, "")?;
            (self.b.build_int_nuw_add(index, k, "")?, Some(i128t))
        } else {
            let last = match bytes {
                1 => effective,
                _ => self.b.build_int_nuw_add(effective, i64t.const_int(bytes - 1, false), "")?,
            };
            (last, None)
        };
        let size = self.vm().memory_size_bytes(mem)?;
        if let Some(load) = size.as_instruction() {
            let max_pages = if memory64 { MAX_MEMORY64_PAGES } else { MAX_MEMORY32_PAGES };
            let max = i64t.const_int(max_pages * WASM_PAGE_SIZE + 1, false);
            let range = self.ii.ctx.metadata_node(&[i64t.const_zero().into(), max.into()]);
            let _ = load.set_metadata(range, self.ii.ctx.get_kind_id("range"));
        }
        let size = match wide {
            Some(t) => self.b.build_int_z_extend(size, t, "")?,
            None => size,
        };
        let out = self.b.build_int_compare(IntPredicate::UGE, last, size, "")?;
        let block = self.current_block()?;
        self.trap_if(out, TrapCode::MemoryOutOfBounds)?;
        if let Some(br) = block.get_terminator() {
            let ctx = self.ii.ctx;
            let weights = ctx.metadata_node(&[
                ctx.metadata_string("branch_weights").into(),
                self.ii.i32.const_int(WEIGHTS.1, false).into(),
                self.ii.i32.const_int(WEIGHTS.0, false).into(),
            ]);
            let _ = br.set_metadata(weights, ctx.get_kind_id("prof"));
        }
        Ok(())
    }
}
