//! Integer SIMD: bitwise operations, comparisons, lane-wise arithmetic, shifts, reductions to a
//! scalar, and the operations between lanes of two widths (narrow, extend, extmul, extadd,
//! dot). Everything is generic LLVM vector IR; the patterns are the ones LLVM's back ends
//! match to single instructions where one exists (`pavgb` for the rounding average, `packsswb`
//! and `packuswb` for clamp-and-truncate, `pmaddwd` for `dot`, `pmovmskb` for `bitmask`,
//! `ptest` for `any_true`; their NEON counterparts on aarch64).

use super::simd::Shape;
use super::FuncTranslator;
use crate::error::Result;
use inkwell::types::VectorType;
use inkwell::values::VectorValue;
use inkwell::IntPredicate;

#[derive(Clone, Copy)]
pub(super) enum Bitwise { And, AndNot, Or, Xor }

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum VIntBin { Add, Sub, Mul, AddSatS, AddSatU, SubSatS, SubSatU, MinS, MinU, MaxS, MaxU, AvgrU, Q15MulrSat, Shl, ShrS, ShrU }

#[derive(Clone, Copy)]
pub(super) enum VIntUn { Neg, Abs, Popcnt }

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    pub(super) fn v128_not(&mut self) -> Result<()> {
        let x = self.pop_vec(Shape::I32x4)?;
        let v = self.b.build_not(x, "")?;
        self.push_vec(v)
    }

    pub(super) fn v128_bitwise(&mut self, op: Bitwise) -> Result<()> {
        let y = self.pop_vec(Shape::I64x2)?;
        let x = self.pop_vec(Shape::I64x2)?;
        let v = match op {
            Bitwise::And => self.b.build_and(x, y, "")?,
            Bitwise::AndNot => {
                let not_y = self.b.build_not(y, "")?;
                self.b.build_and(x, not_y, "")?
            }
            Bitwise::Or => self.b.build_or(x, y, "")?,
            Bitwise::Xor => self.b.build_xor(x, y, "")?,
        };
        self.push_vec(v)
    }

    /// `v128.bitselect(a, b, m)`: bits of `a` where `m` is 1, of `b` where it is 0.
    pub(super) fn v128_bitselect(&mut self) -> Result<()> {
        let m = self.pop_vec(Shape::I64x2)?;
        let b = self.pop_vec(Shape::I64x2)?;
        let a = self.pop_vec(Shape::I64x2)?;
        let v = self.bitselect(a, b, m)?;
        self.push_vec(v)
    }

    pub(super) fn bitselect(&self, a: VectorValue<'ctx>, b: VectorValue<'ctx>, m: VectorValue<'ctx>) -> Result<VectorValue<'ctx>> {
        // b ^ ((a ^ b) & m): the form LLVM recognises as a bit select (pblendvb/vpternlog/bsl).
        let diff = self.b.build_xor(a, b, "")?;
        let masked = self.b.build_and(diff, m, "")?;
        Ok(self.b.build_xor(b, masked, "")?)
    }

    pub(super) fn v128_any_true(&mut self) -> Result<()> {
        let x = self.pop()?;
        let x = self.b.build_bit_cast(x, self.ii.ctx.i128_type(), "")?.into_int_value();
        let any = self.b.build_int_compare(IntPredicate::NE, x, x.get_type().const_zero(), "")?;
        let v = self.b.build_int_z_extend(any, self.ii.i32, "")?;
        self.push(v);
        Ok(())
    }

    /// A comparison: all ones in the lanes where it holds, zero elsewhere.
    pub(super) fn vint_cmp(&mut self, shape: Shape, pred: IntPredicate) -> Result<()> {
        let y = self.pop_vec(shape)?;
        let x = self.pop_vec(shape)?;
        let c = self.b.build_int_compare(pred, x, y, "")?;
        let v = self.b.build_int_s_extend(c, shape.vec_type(self.ii), "")?;
        self.push_vec(v)
    }

    pub(super) fn vint_binop(&mut self, shape: Shape, op: VIntBin) -> Result<()> {
        let y = self.pop_vec(shape)?;
        let x = self.pop_vec(shape)?;
        let v = self.vint_binary(shape, op, x, y)?;
        self.push_vec(v)
    }

    pub(super) fn vint_binary(&self, shape: Shape, op: VIntBin, x: VectorValue<'ctx>, y: VectorValue<'ctx>) -> Result<VectorValue<'ctx>> {
        let intrinsic = |name: &str| -> Result<VectorValue<'ctx>> { Ok(self.call_intrinsic(name, x.into(), &[x.into(), y.into()])?.into_vector_value()) };
        Ok(match op {
            VIntBin::Add => self.b.build_int_add(x, y, "")?,
            VIntBin::Sub => self.b.build_int_sub(x, y, "")?,
            VIntBin::Mul => self.b.build_int_mul(x, y, "")?,
            VIntBin::AddSatS => intrinsic("llvm.sadd.sat")?,
            VIntBin::AddSatU => intrinsic("llvm.uadd.sat")?,
            VIntBin::SubSatS => intrinsic("llvm.ssub.sat")?,
            VIntBin::SubSatU => intrinsic("llvm.usub.sat")?,
            VIntBin::MinS => intrinsic("llvm.smin")?,
            VIntBin::MinU => intrinsic("llvm.umin")?,
            VIntBin::MaxS => intrinsic("llvm.smax")?,
            VIntBin::MaxU => intrinsic("llvm.umax")?,
            VIntBin::Shl => self.b.build_left_shift(x, y, "")?,
            VIntBin::ShrS => self.b.build_right_shift(x, y, true, "")?,
            VIntBin::ShrU => self.b.build_right_shift(x, y, false, "")?,
            VIntBin::AvgrU => {
                // (x + y + 1) >> 1 without overflow, in lanes of twice the width.
                let wide = self.widen_type(shape);
                let (xw, yw) = (self.b.build_int_z_extend(x, wide, "")?, self.b.build_int_z_extend(y, wide, "")?);
                let sum = self.b.build_int_add(xw, yw, "")?;
                let sum = self.b.build_int_add(sum, self.int_splat_const(wide, 1), "")?;
                let avg = self.b.build_right_shift(sum, self.int_splat_const(wide, 1), false, "")?;
                self.b.build_int_truncate(avg, shape.vec_type(self.ii), "")?
            }
            VIntBin::Q15MulrSat => self.q15mulr(x, y, true)?,
        })
    }

    /// `(x * y + 0x4000) >> 15` on i16 lanes; only -32768 * -32768 overflows, giving 0x8000
    /// where `saturate` asks for 0x7fff. x86's `pmulhrsw` computes it without saturation,
    /// aarch64's `sqrdmulh` with; elsewhere it is done in i32 lanes.
    pub(super) fn q15mulr(&self, x: VectorValue<'ctx>, y: VectorValue<'ctx>, saturate: bool) -> Result<VectorValue<'ctx>> {
        let ty = x.get_type();
        if self.ii.caps.aarch64 {
            return self.native("llvm.aarch64.neon.sqrdmulh", &[ty.into()], &[x, y]);
        }
        if self.ii.caps.x86_ssse3 {
            let r = self.native("llvm.x86.ssse3.pmul.hr.sw.128", &[], &[x, y])?;
            if !saturate {
                return Ok(r);
            }
            let overflow = self.b.build_int_compare(IntPredicate::EQ, r, self.int_splat_const(ty, 0x8000), "")?;
            let overflow = self.b.build_int_s_extend(overflow, ty, "")?;
            return Ok(self.b.build_xor(r, overflow, "")?);
        }
        let wide = self.widen_type(Shape::I16x8);
        let (xw, yw) = (self.b.build_int_s_extend(x, wide, "")?, self.b.build_int_s_extend(y, wide, "")?);
        let p = self.b.build_int_mul(xw, yw, "")?;
        let p = self.b.build_int_add(p, self.int_splat_const(wide, 0x4000), "")?;
        let p = self.b.build_right_shift(p, self.int_splat_const(wide, 15), true, "")?;
        let p = self.call_intrinsic("llvm.smin", p.into(), &[p.into(), self.int_splat_const(wide, 0x7fff).into()])?.into_vector_value();
        Ok(self.b.build_int_truncate(p, ty, "")?)
    }

    /// The same lanes, twice as wide (`<16 x i8>` → `<16 x i16>`).
    fn widen_type(&self, shape: Shape) -> VectorType<'ctx> {
        self.ii.int(shape.lane_bits() * 2).vec_type(shape.lanes())
    }

    pub(super) fn vint_unop(&mut self, shape: Shape, op: VIntUn) -> Result<()> {
        let x = self.pop_vec(shape)?;
        let v = match op {
            VIntUn::Neg => self.b.build_int_neg(x, "")?,
            // abs(MIN) is MIN in Wasm: `is_int_min_poison` false.
            VIntUn::Abs => self.call_intrinsic("llvm.abs", x.into(), &[x.into(), self.ii.i1.const_zero().into()])?.into_vector_value(),
            VIntUn::Popcnt => self.call_intrinsic("llvm.ctpop", x.into(), &[x.into()])?.into_vector_value(),
        };
        self.push_vec(v)
    }

    /// Shifts by the i32 on the stack, taken modulo the lane width.
    pub(super) fn vint_shift(&mut self, shape: Shape, op: VIntBin) -> Result<()> {
        let count = self.pop_int()?;
        let x = self.pop_vec(shape)?;
        let count = self.b.build_and(count, self.i32_const(shape.lane_bits() as i64 - 1), "")?;
        let lane = shape.lane_type(self.ii).into_int_type();
        let count = self.b.build_int_cast_sign_flag(count, lane, false, "")?;
        let ty = shape.vec_type(self.ii);
        let one = self.b.build_insert_element(ty.get_undef(), count, self.ii.i32.const_zero(), "")?;
        let counts = self.b.build_shuffle_vector(one, ty.get_undef(), self.lane_mask(0, 0, shape.lanes()), "")?;
        let v = self.vint_binary(shape, op, x, counts)?;
        self.push_vec(v)
    }

    /// The lanes' comparisons with zero (`pred`) as a bit mask, lane 0 in bit 0.
    fn lane_bits(&self, shape: Shape, x: VectorValue<'ctx>, pred: IntPredicate) -> Result<inkwell::values::IntValue<'ctx>> {
        let c = self.b.build_int_compare(pred, x, shape.vec_type(self.ii).const_zero(), "")?;
        let bits = self.ii.int(shape.lanes());
        Ok(self.b.build_bit_cast(c, bits, "")?.into_int_value())
    }

    /// `all_true`: 1 if no lane is zero.
    pub(super) fn vint_all_true(&mut self, shape: Shape) -> Result<()> {
        let x = self.pop_vec(shape)?;
        let bits = self.lane_bits(shape, x, IntPredicate::NE)?;
        let all = self.b.build_int_compare(IntPredicate::EQ, bits, bits.get_type().const_all_ones(), "")?;
        let v = self.b.build_int_z_extend(all, self.ii.i32, "")?;
        self.push(v);
        Ok(())
    }

    /// `bitmask`: the lanes' sign bits.
    pub(super) fn vint_bitmask(&mut self, shape: Shape) -> Result<()> {
        let x = self.pop_vec(shape)?;
        let bits = self.lane_bits(shape, x, IntPredicate::SLT)?;
        let v = self.b.build_int_z_extend(bits, self.ii.i32, "")?;
        self.push(v);
        Ok(())
    }

    /// `narrow_s/u`: both operands' lanes (of twice `to`'s width, read as signed) clamped to
    /// `to`'s signed or unsigned range, first operand in the low lanes.
    pub(super) fn narrow(&mut self, to: Shape, signed: bool) -> Result<()> {
        let from = match to {
            Shape::I8x16 => Shape::I16x8,
            _ => Shape::I32x4,
        };
        let b = self.pop_vec(from)?;
        let a = self.pop_vec(from)?;
        let both = self.concat(a, b)?;
        let ty = both.get_type();
        let bits = to.lane_bits();
        let (lo, hi) = if signed { (-(1i64 << (bits - 1)), (1i64 << (bits - 1)) - 1) } else { (0, (1i64 << bits) - 1) };
        let v = self.call_intrinsic("llvm.smax", both.into(), &[both.into(), self.int_splat_const(ty, lo as u64).into()])?;
        let v = self.call_intrinsic("llvm.smin", v, &[v, self.int_splat_const(ty, hi as u64).into()])?;
        let v = self.b.build_int_truncate(v.into_vector_value(), to.vec_type(self.ii), "")?;
        self.push_vec(v)
    }

    /// The low or high half of a vector of `to.half()` lanes, extended to `to`.
    fn extend_half(&self, x: VectorValue<'ctx>, to: Shape, high: bool, signed: bool) -> Result<VectorValue<'ctx>> {
        let n = to.lanes();
        let half = self.pick_lanes(x, if high { n } else { 0 }, 1, n)?;
        self.extend_lanes(half, to, signed)
    }

    pub(super) fn extend_lanes(&self, x: VectorValue<'ctx>, to: Shape, signed: bool) -> Result<VectorValue<'ctx>> {
        let ty = to.vec_type(self.ii);
        Ok(if signed { self.b.build_int_s_extend(x, ty, "")? } else { self.b.build_int_z_extend(x, ty, "")? })
    }

    pub(super) fn extend(&mut self, to: Shape, high: bool, signed: bool) -> Result<()> {
        let x = self.pop_vec(to.half())?;
        let v = self.extend_half(x, to, high, signed)?;
        self.push_vec(v)
    }

    /// `extmul_low/high`: the halves extended, then multiplied (it cannot overflow).
    pub(super) fn extmul(&mut self, to: Shape, high: bool, signed: bool) -> Result<()> {
        let y = self.pop_vec(to.half())?;
        let x = self.pop_vec(to.half())?;
        let (x, y) = (self.extend_half(x, to, high, signed)?, self.extend_half(y, to, high, signed)?);
        let v = self.b.build_int_mul(x, y, "")?;
        self.push_vec(v)
    }

    /// Sum of each pair of adjacent lanes, extended: even lanes plus odd lanes.
    pub(super) fn pairwise_sum(&self, x: VectorValue<'ctx>, to: Shape, signed: bool) -> Result<VectorValue<'ctx>> {
        let n = to.lanes();
        let even = self.extend_lanes(self.pick_lanes(x, 0, 2, n)?, to, signed)?;
        let odd = self.extend_lanes(self.pick_lanes(x, 1, 2, n)?, to, signed)?;
        Ok(self.b.build_int_add(even, odd, "")?)
    }

    pub(super) fn extadd_pairwise(&mut self, to: Shape, signed: bool) -> Result<()> {
        let x = self.pop_vec(to.half())?;
        let v = self.pairwise_sum(x, to, signed)?;
        self.push_vec(v)
    }

    /// `i32x4.dot_i16x8_s`: products of signed 16-bit lanes in 32 bits, adjacent pairs added.
    pub(super) fn dot_i16x8(&mut self) -> Result<()> {
        let y = self.pop_vec(Shape::I16x8)?;
        let x = self.pop_vec(Shape::I16x8)?;
        let v = self.dot(x, y, Shape::I32x4)?;
        self.push_vec(v)
    }

    /// Lane products in twice the width (signed), adjacent pairs added into `to`'s lanes.
    pub(super) fn dot(&self, x: VectorValue<'ctx>, y: VectorValue<'ctx>, to: Shape) -> Result<VectorValue<'ctx>> {
        let wide = to.vec_type_n(self.ii, to.lanes() * 2);
        let (xw, yw) = (self.b.build_int_s_extend(x, wide, "")?, self.b.build_int_s_extend(y, wide, "")?);
        let p = self.b.build_int_mul(xw, yw, "")?;
        let n = to.lanes();
        let even = self.pick_lanes(p, 0, 2, n)?;
        let odd = self.pick_lanes(p, 1, 2, n)?;
        Ok(self.b.build_int_add(even, odd, "")?)
    }
}
