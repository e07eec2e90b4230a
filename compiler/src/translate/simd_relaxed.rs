//! Relaxed SIMD (Wasm 3.0). Each instruction has one fixed lowering, the same on every target
//! and at every optimization level, so a program's results never change between runs of the
//! same executable; README.md's table says which of the allowed results each one gives.
//! - `relaxed_swizzle`, `relaxed_trunc*`, `relaxed_q15mulr_s`, `relaxed_laneselect`: the
//!   deterministic forms (`swizzle`, `trunc_sat`, `q15mulr_sat_s`, `bitselect`), which are
//!   among the allowed results and already a few native instructions.
//! - `relaxed_madd`/`nmadd`: `llvm.fmuladd`: fused where the target has FMA, else a multiply
//!   and an add.
//! - `relaxed_min`/`max`: `a < b ? a : b` and `a > b ? a : b`, exactly x86's `minps`/`maxps`.
//! - `relaxed_dot_i8x16_i7x16_s` (and `_add_s`): both operands read as signed, products
//!   added in 16 bits (wrapping).

use super::simd::Shape;
use super::simd_int::VIntBin;
use super::FuncTranslator;
use crate::error::Result;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    pub(super) fn relaxed_swizzle(&mut self) -> Result<()> {
        self.swizzle()
    }

    pub(super) fn relaxed_trunc(&mut self, from: Shape, signed: bool) -> Result<()> {
        let x = self.pop_vec(from)?;
        let v = self.trunc_sat_lanes(x, signed)?;
        self.push_vec(v)
    }

    /// `a * b + c`, or `-(a * b) + c` for `nmadd`.
    pub(super) fn relaxed_madd(&mut self, shape: Shape, negate: bool) -> Result<()> {
        let c = self.pop_vec(shape)?;
        let b = self.pop_vec(shape)?;
        let a = self.pop_vec(shape)?;
        let a = if negate { self.b.build_float_neg(a, "")? } else { a };
        let v = self.call_intrinsic("llvm.fmuladd", a.into(), &[a.into(), b.into(), c.into()])?;
        self.push_vec(v)
    }

    pub(super) fn relaxed_laneselect(&mut self) -> Result<()> {
        self.v128_bitselect()
    }

    pub(super) fn relaxed_minmax(&mut self, shape: Shape, max: bool) -> Result<()> {
        let b = self.pop_vec(shape)?;
        let a = self.pop_vec(shape)?;
        let v = if max { self.select_less(b, a, a, b)? } else { self.select_less(a, b, a, b)? };
        self.push_vec(v)
    }

    pub(super) fn relaxed_q15mulr(&mut self) -> Result<()> {
        self.vint_binop(Shape::I16x8, VIntBin::Q15MulrSat)
    }

    /// `i16x8.relaxed_dot_i8x16_i7x16_s`, and with `add` `i32x4.relaxed_dot_i8x16_i7x16_add_s`
    /// (the 16-bit sums added pairwise into 32 bits, plus the third operand).
    pub(super) fn relaxed_dot(&mut self, add: bool) -> Result<()> {
        let c = if add { Some(self.pop_vec(Shape::I32x4)?) } else { None };
        let y = self.pop_vec(Shape::I8x16)?;
        let x = self.pop_vec(Shape::I8x16)?;
        let dot = self.dot(x, y, Shape::I16x8)?;
        match c {
            None => self.push_vec(dot),
            Some(c) => {
                let sums = self.pairwise_sum(dot, Shape::I32x4, true)?;
                let v = self.b.build_int_add(sums, c, "")?;
                self.push_vec(v)
            }
        }
    }
}
