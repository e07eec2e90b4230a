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
//! A 64-bit memory (memory64) is always checked explicitly: no guard region covers a 64-bit
//! address. There `address + offset + bytes - 1` may exceed 2^64 (the offset alone may be
//! 2^64 - 1), and a sum that wrapped would pass the test above, so the constant moves to the
//! size's side instead: the access is in bounds when `address <u umax(size, k) - k`, with
//! `k = offset + bytes - 1` (when the size is below `k`, or `k` is 2^64 or more, the limit is 0 and
//! every address traps). Exact, no sum that can wrap, and one compare per access against a limit
//! that is invariant in a loop that does not grow the memory. This form, not `usub.sat(size, k)`
//! (the same value; LLVM 19's InstCombine leaves `umax(size, k) - k` as it is), because SCEV
//! gives the saturating subtraction a wrapped range (`size - umin(size, k)`) and then computes
//! no exit count for a strided address; `(k umax size) - k` has the range `[0, 64 GiB - k]`, so
//! such loops vectorize like 32-bit ones (IR snapshot memory64_loop.wat).
//! (The 32-bit test made in i128, `zext(address) + k <u zext(size)`, is exact and vectorizes too,
//! but costs an add, a carry and a compare with borrow per scalar access: 4% on bench's sort.)
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
    /// `effective` the caller's `index + offset` (which cannot wrap for a 32-bit memory; a 64-bit
    /// memory's check does not use it).
    pub(super) fn bounds_check(&mut self, index: IntValue<'ctx>, effective: IntValue<'ctx>, offset: u64, bytes: u64, mem: u32) -> Result<()> {
        let i64t = self.ii.i64;
        let memory64 = self.env.info.memory64(mem);
        // A 32-bit memory: the access's last byte. Cannot overflow: at most 2^33 + 15.
        let last = match bytes {
            _ if memory64 => None,
            1 => Some(effective),
            _ => Some(self.b.build_int_nuw_add(effective, i64t.const_int(bytes - 1, false), "")?),
        };
        let size = self.vm().memory_size_bytes(mem)?;
        if let Some(load) = size.as_instruction() {
            let max_pages = if memory64 { MAX_MEMORY64_PAGES } else { MAX_MEMORY32_PAGES };
            let max = i64t.const_int(max_pages * WASM_PAGE_SIZE + 1, false);
            let range = self.ii.ctx.metadata_node(&[i64t.const_zero().into(), max.into()]);
            let _ = load.set_metadata(range, self.ii.ctx.get_kind_id("range"));
        }
        let out = match last {
            Some(last) => self.b.build_int_compare(IntPredicate::UGE, last, size, "")?,
            None => {
                // In bounds when `index <u umax(size, k) - k`, `k` the last byte's offset from `index`.
                let limit = match u64::try_from(offset as u128 + bytes as u128 - 1) {
                    Ok(0) => size,
                    Ok(k) => {
                        let umax = self.ii.intrinsic(self.env.module, "llvm.umax", &[i64t.into()]);
                        let k = i64t.const_int(k, false);
                        let call = self.b.build_call(umax, &[size.into(), k.into()], "")?;
                        let at_least_k = call.try_as_basic_value().basic().expect("umax has a result").into_int_value();
                        self.b.build_int_nuw_sub(at_least_k, k, "")?
                    }
                    // The last byte is at 2^64 or beyond: no address is in bounds.
                    Err(_) => i64t.const_zero(),
                };
                self.b.build_int_compare(IntPredicate::UGE, index, limit, "")?
            }
        };
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

