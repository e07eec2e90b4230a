//! Facts that hold from one instruction to the next within a basic block: the current value of
//! each local, and which i32 addresses have already been accessed without trapping.
//!
//! Both serve one purpose: letting LLVM see that `zext(p + 8)` is `zext(p) + 8`. clang's Wasm
//! output steps pointers with `i32.add`; in an unrolled loop it loads `p`, then `p + 8`, then
//! moves `p` on by 16. Because `i32.add` wraps, LLVM cannot relate the two addresses, treats
//! them as unrelated strided accesses, and gives up vectorizing. The runtime never lets a
//! 32-bit memory grow past `MAX_MEMORY32_PAGES` (one page short of 4 GiB), so once an access
//! at `p` has run without trapping, `p + c` cannot wrap for `0 <= c <= ADDRESS_NO_WRAP_SLACK`:
//! such an addition is emitted as `add nuw`. The fact only needs the access to come first on
//! every path, which is why it is kept per basic block (a trap leaves the block), and carried
//! into the continuation of a conditional trap (an explicit bounds check, a division check),
//! whose only predecessor is the block.
//!
//! Locals are allocas, and every `local.get` would be a fresh load, unrelated to the value
//! that was accessed. So `local.get` returns the value last stored to or loaded from the local
//! in the same block; only the translator writes locals, so this is exact.

use super::FuncTranslator;
use inkwell::basic_block::BasicBlock;
use inkwell::values::{BasicValueEnum, IntValue};
use std::collections::{HashMap, HashSet};
use wasmkiln_abi::ADDRESS_NO_WRAP_SLACK;

#[derive(Default)]
pub(super) struct BlockFacts<'ctx> {
    /// The block the facts below belong to; any other insertion block invalidates them.
    block: Option<BasicBlock<'ctx>>,
    /// Current value of a local, by index.
    locals: HashMap<u32, BasicValueEnum<'ctx>>,
    /// i32 addresses accessed (loaded from or stored to) without trapping.
    accessed: HashSet<IntValue<'ctx>>,
}

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// The facts of the block being emitted, cleared if the builder has moved on.
    fn facts(&mut self) -> &mut BlockFacts<'ctx> {
        let here = self.b.get_insert_block();
        if self.facts.block != here {
            self.facts.locals.clear();
            self.facts.accessed.clear();
            self.facts.block = here;
        }
        &mut self.facts
    }

    /// The builder moves on to `next`, whose only predecessor is the current block (the
    /// continuation after a conditional trap): every fact still holds there.
    pub(super) fn facts_continue_in(&mut self, next: BasicBlock<'ctx>) {
        if self.facts.block == self.b.get_insert_block() {
            self.facts.block = Some(next);
        }
    }

    pub(super) fn known_local(&mut self, index: u32) -> Option<BasicValueEnum<'ctx>> {
        self.facts().locals.get(&index).copied()
    }

    pub(super) fn note_local(&mut self, index: u32, v: BasicValueEnum<'ctx>) {
        self.facts().locals.insert(index, v);
    }

    /// Records that an access at `address` has been emitted (and so, past this point, did not trap).
    pub(super) fn note_accessed(&mut self, address: IntValue<'ctx>) {
        self.facts().accessed.insert(address);
    }

    /// Whether `x + y` provably does not wrap: one side is an address accessed earlier in this
    /// block and the other a constant within the slack.
    pub(super) fn add_cannot_wrap(&mut self, x: IntValue<'ctx>, y: IntValue<'ctx>) -> bool {
        if x.get_type().get_bit_width() != 32 {
            return false;
        }
        let small = |v: IntValue| v.get_zero_extended_constant().is_some_and(|c| c <= ADDRESS_NO_WRAP_SLACK);
        let facts = self.facts();
        (small(y) && facts.accessed.contains(&x)) || (small(x) && facts.accessed.contains(&y))
    }
}
