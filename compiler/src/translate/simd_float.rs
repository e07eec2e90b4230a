//! Float SIMD: arithmetic (the scalar emitters of numeric.rs applied to vectors, with the same
//! NaN rules), comparisons, `pmin`/`pmax`, and conversions between float and integer lanes.

use super::numeric::{FloatBin, FloatUn};
use super::simd::Shape;
use super::FuncTranslator;
use crate::error::Result;
use inkwell::values::{BasicValueEnum, VectorValue};
use inkwell::FloatPredicate;

#[derive(Clone, Copy)]
pub(super) enum FloatConv {
    /// `i32x4.trunc_sat_f32x4_s/u`, `i32x4.trunc_sat_f64x2_s/u_zero`.
    TruncSat { from: Shape, signed: bool },
    /// `f32x4.convert_i32x4_s/u`, `f64x2.convert_low_i32x4_s/u`.
    Convert { to: Shape, signed: bool },
    /// `f32x4.demote_f64x2_zero`.
    Demote,
    /// `f64x2.promote_low_f32x4`.
    Promote,
}

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    pub(super) fn vfloat_binop(&mut self, shape: Shape, op: FloatBin) -> Result<()> {
        let y = self.pop_vec(shape)?;
        let x = self.pop_vec(shape)?;
        let v = self.float_binary(op, x.into(), y.into())?;
        self.push_vec(v)
    }

    pub(super) fn vfloat_unop(&mut self, shape: Shape, op: FloatUn) -> Result<()> {
        let x = self.pop_vec(shape)?;
        let v = self.float_unary(op, x.into())?;
        self.push_vec(v)
    }

    pub(super) fn vfloat_cmp(&mut self, shape: Shape, pred: FloatPredicate) -> Result<()> {
        let y = self.pop_vec(shape)?;
        let x = self.pop_vec(shape)?;
        let c = self.b.build_float_compare(pred, x, y, "")?;
        let v = self.b.build_int_s_extend(c, shape.int().vec_type(self.ii), "")?;
        self.push_vec(v)
    }

    /// `pmin(a, b)` is `b < a ? b : a`, `pmax(a, b)` is `a < b ? b : a`: exactly x86's
    /// `minps`/`maxps` with swapped operands (a NaN or an equal pair gives `a`).
    pub(super) fn pminmax(&mut self, shape: Shape, max: bool) -> Result<()> {
        let b = self.pop_vec(shape)?;
        let a = self.pop_vec(shape)?;
        let v = self.select_less(if max { a } else { b }, if max { b } else { a }, b, a)?;
        self.push_vec(v)
    }

    /// `x < y ? then : else_` lane by lane.
    pub(super) fn select_less(&self, x: VectorValue<'ctx>, y: VectorValue<'ctx>, then: VectorValue<'ctx>, else_: VectorValue<'ctx>) -> Result<VectorValue<'ctx>> {
        let c = self.b.build_float_compare(FloatPredicate::OLT, x, y, "")?;
        Ok(self.b.build_select(c, then, else_, "")?.into_vector_value())
    }

    pub(super) fn vconvert(&mut self, conv: FloatConv) -> Result<()> {
        let v: BasicValueEnum = match conv {
            FloatConv::TruncSat { from, signed } => {
                let x = self.pop_vec(from)?;
                self.trunc_sat_lanes(x, signed)?.into()
            }
            FloatConv::Convert { to, signed } => {
                let x = self.pop_vec(Shape::I32x4)?;
                let x = if to == Shape::F64x2 { self.pick_lanes(x, 0, 1, 2)? } else { x };
                let ty = to.vec_type(self.ii);
                let v = if signed { self.b.build_signed_int_to_float(x, ty, "")? } else { self.b.build_unsigned_int_to_float(x, ty, "")? };
                v.into()
            }
            FloatConv::Demote => {
                let x = self.pop_vec(Shape::F64x2)?;
                let v = self.b.build_float_trunc(x, Shape::F32x4.vec_type_n(self.ii, 2), "")?;
                self.concat(v, v.get_type().const_zero())?.into()
            }
            FloatConv::Promote => {
                let x = self.pop_vec(Shape::F32x4)?;
                let low = self.pick_lanes(x, 0, 1, 2)?;
                self.b.build_float_ext(low, Shape::F64x2.vec_type(self.ii), "")?.into()
            }
        };
        self.push_vec(v)
    }

    /// Saturating float→i32 lane conversion (NaN is 0, out-of-range lanes clamp); two f64
    /// lanes give the low half of the result, the high half zero.
    pub(super) fn trunc_sat_lanes(&self, x: VectorValue<'ctx>, signed: bool) -> Result<VectorValue<'ctx>> {
        let lanes = x.get_type().get_size();
        let to = Shape::I32x4.vec_type_n(self.ii, lanes);
        let name = if signed { "llvm.fptosi.sat" } else { "llvm.fptoui.sat" };
        let f = self.ii.intrinsic(self.env.module, name, &[to.into(), x.get_type().into()]);
        let v = self.b.build_call(f, &[x.into()], "")?.try_as_basic_value().basic().expect("fpto*i.sat returns a value");
        let v = v.into_vector_value();
        if lanes == 2 {
            self.concat(v, to.const_zero())
        } else {
            Ok(v)
        }
    }
}
