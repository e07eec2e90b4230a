//! SIMD loads and stores: extending, splatting, zero-filling and single-lane accesses.
//!
//! Each is built on the scalar `load`/`store` of memory.rs, so every access goes through the
//! one sandbox-critical address computation there (`base + zext(address) + offset`, inside
//! the guard-page reservation, which extends a page past 8 GiB so that a 16-byte access at the
//! largest address and offset still faults inside it), with the same alignment (1: Wasm's
//! alignment hints are not promises), alias tag and non-wrapping facts. A `v128` access that
//! straddles the end of memory touches a guard page and traps like a scalar one.

use super::simd::Shape;
use super::FuncTranslator;
use crate::error::Result;
use wasmparser::MemArg;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// `v128.loadMxN_s/u`: N lanes of M bits, each extended to `to`'s lane width.
    pub(super) fn load_extend(&mut self, memarg: MemArg, to: Shape, signed: bool) -> Result<()> {
        let narrow = to.half().vec_type_n(self.ii, to.lanes());
        self.load(memarg, narrow.into(), None)?;
        let v = self.pop()?.into_vector_value();
        let wide = to.vec_type(self.ii);
        let v = if signed { self.b.build_int_s_extend(v, wide, "")? } else { self.b.build_int_z_extend(v, wide, "")? };
        self.push_vec(v)
    }

    /// `v128.loadN_splat`: one lane loaded, copied to every lane.
    pub(super) fn load_splat(&mut self, memarg: MemArg, shape: Shape) -> Result<()> {
        self.load(memarg, shape.lane_type(self.ii), None)?;
        self.splat(shape)
    }

    /// `v128.loadN_zero`: lane 0 loaded, the others zero.
    pub(super) fn load_zero(&mut self, memarg: MemArg, shape: Shape) -> Result<()> {
        self.load(memarg, shape.lane_type(self.ii), None)?;
        let x = self.pop()?;
        let v = self.b.build_insert_element(shape.vec_type(self.ii).const_zero(), x, self.ii.i32.const_zero(), "")?;
        self.push_vec(v)
    }

    /// `v128.loadN_lane`: the vector on the stack with one lane replaced from memory.
    pub(super) fn load_lane(&mut self, memarg: MemArg, shape: Shape, lane: u8) -> Result<()> {
        let v = self.pop_vec(shape)?;
        self.load(memarg, shape.lane_type(self.ii), None)?;
        let x = self.pop()?;
        let v = self.b.build_insert_element(v, x, self.ii.i32.const_int(lane as u64, false), "")?;
        self.push_vec(v)
    }

    /// `v128.storeN_lane`: one lane of the vector on the stack stored.
    pub(super) fn store_lane(&mut self, memarg: MemArg, shape: Shape, lane: u8) -> Result<()> {
        let v = self.pop_vec(shape)?;
        let x = self.b.build_extract_element(v, self.ii.i32.const_int(lane as u64, false), "")?;
        self.push(x);
        self.store(memarg, None)
    }
}
