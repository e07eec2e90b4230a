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
//! Nothing is hoisted here: each access is still checked where it is, so a trap happens at the
//! first out-of-bounds access, after every effect that precedes it.

use super::FuncTranslator;
use crate::error::Result;
use inkwell::values::IntValue;
use inkwell::IntPredicate;
use wasmkiln_abi::{TrapCode, MAX_MEMORY32_PAGES, WASM_PAGE_SIZE};

/// Weights of the (in bounds, trap) edges: the trap edge is as cold as `llvm.expect` makes it.
const WEIGHTS: (u64, u64) = (2000, 1);

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// Traps with `MemoryOutOfBounds` unless `effective + bytes <=` the size of memory `mem`.
    pub(super) fn bounds_check(&mut self, effective: IntValue<'ctx>, bytes: u64, mem: u32) -> Result<()> {
        let i64t = self.ii.i64;
        // Cannot overflow: at most 2^33 + 15.
        let last = match bytes {
            1 => effective,
            _ => self.b.build_int_nuw_add(effective, i64t.const_int(bytes - 1, false), "")?,
        };
        let size = self.vm().memory_size_bytes(mem)?;
        if let Some(load) = size.as_instruction() {
            let max = i64t.const_int(MAX_MEMORY32_PAGES * WASM_PAGE_SIZE + 1, false);
            let range = self.ii.ctx.metadata_node(&[i64t.const_zero().into(), max.into()]);
            let _ = load.set_metadata(range, self.ii.ctx.get_kind_id("range"));
        }
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
