//! `v128.const`, shuffles, `swizzle`, splats and single-lane access.

use super::simd::Shape;
use super::FuncTranslator;
use crate::error::{Error, Result};
use inkwell::types::VectorType;
use inkwell::values::{BasicValueEnum, IntValue, VectorValue};
use inkwell::IntPredicate;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    pub(super) fn v128_const(&mut self, bits: u128) -> Result<()> {
        let v = v128_constant(self.ii, bits);
        self.push(v);
        Ok(())
    }

    /// `i8x16.shuffle`: lanes 0–15 pick from the first operand, 16–31 from the second. One
    /// `shufflevector`, which the target lowers to its best shuffle (`pshufb`, `shufps`,
    /// `palignr`, `tbl`, ...).
    pub(super) fn shuffle(&mut self, lanes: [u8; 16]) -> Result<()> {
        let b = self.pop_vec(Shape::I8x16)?;
        let a = self.pop_vec(Shape::I8x16)?;
        let mask: Vec<IntValue> = lanes.iter().map(|&l| self.ii.i32.const_int(l as u64, false)).collect();
        let v = self.b.build_shuffle_vector(a, b, VectorType::const_vector(&mask), "")?;
        self.push_vec(v)
    }

    /// `i8x16.swizzle`: lane i is `a[s[i]]`, or 0 where `s[i] >= 16`.
    pub(super) fn swizzle(&mut self) -> Result<()> {
        let s = self.pop_vec(Shape::I8x16)?;
        let a = self.pop_vec(Shape::I8x16)?;
        let v = self.swizzle_values(a, s)?;
        self.push_vec(v)
    }

    /// `a[s[i]]` lane by lane, then zero where `s[i] >= 16`. LLVM recognises the lanes of
    /// variable extracts as one variable permute (`pshufb` from SSSE3 on, `vpshufb` with a zero
    /// mask on AVX-512, `tbl` on aarch64) and the out-of-range lanes (poison before the select)
    /// never reach the result.
    /// aarch64's `tbl` has exactly these semantics and is used directly.
    pub(super) fn swizzle_values(&mut self, a: VectorValue<'ctx>, s: VectorValue<'ctx>) -> Result<VectorValue<'ctx>> {
        let ty = a.get_type();
        if self.ii.caps.aarch64 {
            return self.native("llvm.aarch64.neon.tbl1", &[ty.into()], &[a, s]);
        }
        let mut v = ty.get_undef();
        for i in 0..16 {
            let lane = self.ii.i32.const_int(i, false);
            let index = self.b.build_extract_element(s, lane, "")?.into_int_value();
            let x = self.b.build_extract_element(a, index, "")?;
            v = self.b.build_insert_element(v, x, lane, "")?;
        }
        let in_range = self.b.build_int_compare(IntPredicate::ULT, s, self.int_splat_const(ty, 16), "")?;
        Ok(self.b.build_select(in_range, v, ty.const_zero(), "")?.into_vector_value())
    }

    /// `T.splat`: the scalar on the stack in every lane.
    pub(super) fn splat(&mut self, shape: Shape) -> Result<()> {
        let x = self.pop()?;
        let x = self.to_lane(x, shape)?;
        let ty = shape.vec_type(self.ii);
        let one = self.b.build_insert_element(ty.get_undef(), x, self.ii.i32.const_zero(), "")?;
        let v = self.b.build_shuffle_vector(one, ty.get_undef(), self.lane_mask(0, 0, shape.lanes()), "")?;
        self.push_vec(v)
    }

    /// `T.extract_lane[_s|_u]`: narrow integer lanes are extended to i32 as `extend` says.
    pub(super) fn extract_lane(&mut self, shape: Shape, lane: u8, extend: Option<bool>) -> Result<()> {
        let v = self.pop_vec(shape)?;
        let x = self.b.build_extract_element(v, self.lane_index(shape, lane)?, "")?;
        let x: BasicValueEnum = match extend {
            Some(true) => self.b.build_int_s_extend(x.into_int_value(), self.ii.i32, "")?.into(),
            Some(false) => self.b.build_int_z_extend(x.into_int_value(), self.ii.i32, "")?.into(),
            None => x,
        };
        self.push(x);
        Ok(())
    }

    /// `T.replace_lane`: the vector with one lane set from the scalar on the stack.
    pub(super) fn replace_lane(&mut self, shape: Shape, lane: u8) -> Result<()> {
        let x = self.pop()?;
        let v = self.pop_vec(shape)?;
        let x = self.to_lane(x, shape)?;
        let v = self.b.build_insert_element(v, x, self.lane_index(shape, lane)?, "")?;
        self.push_vec(v)
    }

    /// A scalar operand as a lane of `shape`: i32 operands of narrow lanes are truncated.
    fn to_lane(&self, x: BasicValueEnum<'ctx>, shape: Shape) -> Result<BasicValueEnum<'ctx>> {
        Ok(match shape {
            Shape::I8x16 | Shape::I16x8 => {
                let lane = shape.lane_type(self.ii).into_int_type();
                self.b.build_int_truncate(x.into_int_value(), lane, "")?.into()
            }
            _ => x,
        })
    }

    fn lane_index(&self, shape: Shape, lane: u8) -> Result<IntValue<'ctx>> {
        if lane as u32 >= shape.lanes() {
            return Err(Error::at(self.offset, format!("lane index {lane} out of range for {shape:?}")));
        }
        Ok(self.ii.i32.const_int(lane as u64, false))
    }
}

/// A `v128` constant from its 128 bits (lane 0 in the low bits).
pub(crate) fn v128_constant<'ctx>(ii: &crate::codegen::intrinsics::Intrinsics<'ctx>, bits: u128) -> VectorValue<'ctx> {
    let lanes: Vec<IntValue> = (0..4).map(|i| ii.i32.const_int((bits >> (32 * i)) as u32 as u64, false)).collect();
    VectorType::const_vector(&lanes)
}
