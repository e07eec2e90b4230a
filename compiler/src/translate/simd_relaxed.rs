//! Relaxed SIMD (Wasm 3.0). Each instruction takes the target's native form where it has one
//! and is otherwise lowered like its strict counterpart; the choice depends only on the target
//! and its features (`ii.caps`), never on the optimization level, so an executable always
//! gives the same results. README.md's table lists what each gives per target:
//! - `relaxed_swizzle`: x86 `pshufb` (an index with bit 7 set gives 0, otherwise its low four
//!   bits pick), aarch64 `tbl` (the strict semantics); elsewhere `swizzle`.
//! - `relaxed_trunc_*_s`: x86 `cvttps2dq`/`cvttpd2dq` (NaN and out-of-range lanes give
//!   `i32::MIN`); the unsigned ones, and every other target, `trunc_sat`.
//! - `relaxed_madd`/`nmadd`: fused (`llvm.fma`) where the target has FMA, else a multiply and
//!   an add. Not `llvm.fmuladd`: LLVM folds constant operands of that one as fused, which
//!   would make a non-FMA target round differently at compile time and at run time.
//! - `relaxed_laneselect`: `bitselect`.
//! - `relaxed_min`/`max`: `a < b ? a : b` and `a > b ? a : b`, exactly x86's `minps`/`maxps`.
//! - `relaxed_q15mulr_s`: x86 `pmulhrsw` (-32768 * -32768 gives -32768), aarch64 `sqrdmulh`
//!   (saturating); elsewhere `q15mulr_sat_s`.
//! - `relaxed_dot_i8x16_i7x16_s` (and `_add_s`): x86 `pmaddubsw` (the second operand read as
//!   unsigned, pair sums saturated); elsewhere both read as signed, pair sums wrapping.

use super::simd::Shape;
use super::FuncTranslator;
use crate::error::Result;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    pub(super) fn relaxed_swizzle(&mut self) -> Result<()> {
        if !self.ii.caps.x86_ssse3 {
            return self.swizzle();
        }
        let s = self.pop_vec(Shape::I8x16)?;
        let a = self.pop_vec(Shape::I8x16)?;
        let v = self.native("llvm.x86.ssse3.pshuf.b.128", &[], &[a, s])?;
        self.push_vec(v)
    }

    pub(super) fn relaxed_trunc(&mut self, from: Shape, signed: bool) -> Result<()> {
        let x = self.pop_vec(from)?;
        let v = match (self.ii.caps.x86 && signed, from) {
            (true, Shape::F32x4) => self.native("llvm.x86.sse2.cvttps2dq", &[], &[x])?,
            (true, _) => self.native("llvm.x86.sse2.cvttpd2dq", &[], &[x])?,
            (false, _) => self.trunc_sat_lanes(x, signed)?,
        };
        self.push_vec(v)
    }

    /// `a * b + c`, or `-(a * b) + c` for `nmadd`.
    pub(super) fn relaxed_madd(&mut self, shape: Shape, negate: bool) -> Result<()> {
        let c = self.pop_vec(shape)?;
        let b = self.pop_vec(shape)?;
        let a = self.pop_vec(shape)?;
        let a = if negate { self.b.build_float_neg(a, "")? } else { a };
        if self.ii.caps.fma {
            let v = self.call_intrinsic("llvm.fma", a.into(), &[a.into(), b.into(), c.into()])?;
            return self.push_vec(v);
        }
        let p = self.b.build_float_mul(a, b, "")?;
        let v = self.b.build_float_add(p, c, "")?;
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
        let y = self.pop_vec(Shape::I16x8)?;
        let x = self.pop_vec(Shape::I16x8)?;
        let v = self.q15mulr(x, y, false)?;
        self.push_vec(v)
    }

    /// `i16x8.relaxed_dot_i8x16_i7x16_s`, and with `add` `i32x4.relaxed_dot_i8x16_i7x16_add_s`
    /// (the 16-bit sums added pairwise into 32 bits, plus the third operand).
    pub(super) fn relaxed_dot(&mut self, add: bool) -> Result<()> {
        let c = if add { Some(self.pop_vec(Shape::I32x4)?) } else { None };
        let y = self.pop_vec(Shape::I8x16)?;
        let x = self.pop_vec(Shape::I8x16)?;
        let dot = if self.ii.caps.x86_ssse3 {
            self.native("llvm.x86.ssse3.pmadd.ub.sw.128", &[], &[y, x])?
        } else {
            self.dot(x, y, Shape::I16x8)?
        };
        match c {
            None => self.push_vec(dot),
            Some(c) => {
                let sums = if self.ii.caps.x86 {
                    self.native("llvm.x86.sse2.pmadd.wd", &[], &[dot, self.int_splat_const(dot.get_type(), 1)])?
                } else {
                    self.pairwise_sum(dot, Shape::I32x4, true)?
                };
                let v = self.b.build_int_add(sums, c, "")?;
                self.push_vec(v)
            }
        }
    }
}
