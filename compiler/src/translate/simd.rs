//! SIMD-128 (and relaxed SIMD): lane shapes, the casts between them, and the dispatch of every
//! `v128` instruction to its family's emitter: `simd_memory.rs` (loads and stores),
//! `simd_lanes.rs` (constants, shuffles, swizzle, splat, lane access), `simd_int.rs` (integer
//! and bitwise operations), `simd_float.rs` (float operations and conversions),
//! `simd_relaxed.rs` (relaxed SIMD).
//!
//! A `v128` is always `<4 x i32>` (`Intrinsics::v128`) on the operand stack and wherever it is
//! stored or passed; an instruction bitcasts its operands to the shape it works on
//! (`pop_vec`) and its result back (`push_vec`). The casts cost nothing: LLVM folds them, also
//! through phis. Every operation is a generic LLVM vector operation or intrinsic, so the target
//! selects its own instructions (SSE/AVX/AVX-512 on x86-64, NEON on aarch64).

use super::numeric::{FloatBin, FloatUn};
use super::simd_float::FloatConv;
use super::simd_int::{Bitwise, VIntBin, VIntUn};
use super::FuncTranslator;
use crate::codegen::intrinsics::Intrinsics;
use crate::error::Result;
use inkwell::types::{BasicTypeEnum, VectorType};
use inkwell::values::{BasicValue, BasicValueEnum, IntValue, VectorValue};
use inkwell::{FloatPredicate as FP, IntPredicate as IP};
use wasmparser::Operator;

/// The lane interpretations of a `v128`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    I8x16,
    I16x8,
    I32x4,
    I64x2,
    F32x4,
    F64x2,
}

impl Shape {
    pub(super) fn lanes(self) -> u32 {
        128 / self.lane_bits()
    }

    pub(super) fn lane_bits(self) -> u32 {
        match self {
            Shape::I8x16 => 8,
            Shape::I16x8 => 16,
            Shape::I32x4 | Shape::F32x4 => 32,
            Shape::I64x2 | Shape::F64x2 => 64,
        }
    }

    /// The integer shape with the same lanes (the result of a float comparison).
    pub(super) fn int(self) -> Shape {
        match self {
            Shape::F32x4 => Shape::I32x4,
            Shape::F64x2 => Shape::I64x2,
            s => s,
        }
    }

    /// The integer shape with lanes of half the width (the source of extends and narrows'
    /// result).
    pub(super) fn half(self) -> Shape {
        match self {
            Shape::I16x8 => Shape::I8x16,
            Shape::I32x4 => Shape::I16x8,
            Shape::I64x2 => Shape::I32x4,
            s => unreachable!("no half-width shape of {s:?}"),
        }
    }

    pub(super) fn lane_type<'ctx>(self, ii: &Intrinsics<'ctx>) -> BasicTypeEnum<'ctx> {
        match self {
            Shape::F32x4 => ii.f32.into(),
            Shape::F64x2 => ii.f64.into(),
            s => ii.int(s.lane_bits()).into(),
        }
    }

    pub(super) fn vec_type<'ctx>(self, ii: &Intrinsics<'ctx>) -> VectorType<'ctx> {
        self.vec_type_n(ii, self.lanes())
    }

    /// A vector of `lanes` lanes of this shape's lane type (for halves and concatenations).
    pub(super) fn vec_type_n<'ctx>(self, ii: &Intrinsics<'ctx>, lanes: u32) -> VectorType<'ctx> {
        match self.lane_type(ii) {
            BasicTypeEnum::FloatType(t) => t.vec_type(lanes),
            t => t.into_int_type().vec_type(lanes),
        }
    }
}

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// Pops a `v128` as a vector of `shape`.
    pub(super) fn pop_vec(&mut self, shape: Shape) -> Result<VectorValue<'ctx>> {
        let v = self.pop()?;
        self.as_shape(v, shape)
    }

    pub(super) fn as_shape(&self, v: BasicValueEnum<'ctx>, shape: Shape) -> Result<VectorValue<'ctx>> {
        Ok(self.b.build_bit_cast(v, shape.vec_type(self.ii), "")?.into_vector_value())
    }

    /// Pushes a 128-bit vector of any shape as a `v128`.
    pub(super) fn push_vec(&mut self, v: impl BasicValue<'ctx>) -> Result<()> {
        let v = self.b.build_bit_cast(v, self.ii.v128, "")?;
        self.push(v);
        Ok(())
    }

    /// A vector whose every lane is the integer `value` (truncated to the lane width).
    pub(super) fn int_splat_const(&self, ty: VectorType<'ctx>, value: u64) -> VectorValue<'ctx> {
        let lane = ty.get_element_type().into_int_type().const_int(value, true);
        VectorType::const_vector(&vec![lane; ty.get_size() as usize])
    }

    /// The constant mask `first, first + step, ...` (`count` lanes) of a `shufflevector`.
    pub(super) fn lane_mask(&self, first: u32, step: u32, count: u32) -> VectorValue<'ctx> {
        let lanes: Vec<IntValue> = (0..count).map(|i| self.ii.i32.const_int((first + i * step) as u64, false)).collect();
        VectorType::const_vector(&lanes)
    }

    /// Lanes `first, first + step, ...` of `v` (`count` of them).
    pub(super) fn pick_lanes(&self, v: VectorValue<'ctx>, first: u32, step: u32, count: u32) -> Result<VectorValue<'ctx>> {
        Ok(self.b.build_shuffle_vector(v, v.get_type().get_undef(), self.lane_mask(first, step, count), "")?)
    }

    /// `a` followed by `b` (twice the lanes; `b` of zeros for the `_zero` conversions).
    pub(super) fn concat(&self, a: VectorValue<'ctx>, b: VectorValue<'ctx>) -> Result<VectorValue<'ctx>> {
        Ok(self.b.build_shuffle_vector(a, b, self.lane_mask(0, 1, a.get_type().get_size() * 2), "")?)
    }

    /// A call of a target intrinsic (`llvm.x86.*`, `llvm.aarch64.*`) returning a vector;
    /// `overload` gives the types of an overloaded one. Only used where `ii.caps` says the
    /// target has the instruction.
    pub(super) fn native(&self, name: &str, overload: &[BasicTypeEnum<'ctx>], args: &[VectorValue<'ctx>]) -> Result<VectorValue<'ctx>> {
        let f = self.ii.intrinsic(self.env.module, name, overload);
        let args: Vec<_> = args.iter().map(|a| (*a).into()).collect();
        let v = self.b.build_call(f, &args, "")?.try_as_basic_value().basic().expect("vector intrinsics return a value");
        Ok(v.into_vector_value())
    }

    /// Translates a SIMD operator; `false` if `op` is not one.
    pub(super) fn simd_op(&mut self, op: &Operator<'a>) -> Result<bool> {
        use Operator::*;
        use Shape::*;
        match *op {
            // simd_memory.rs
            V128Load { memarg } => self.load(memarg, self.ii.v128.into(), None)?,
            V128Load8x8S { memarg } => self.load_extend(memarg, I16x8, true)?,
            V128Load8x8U { memarg } => self.load_extend(memarg, I16x8, false)?,
            V128Load16x4S { memarg } => self.load_extend(memarg, I32x4, true)?,
            V128Load16x4U { memarg } => self.load_extend(memarg, I32x4, false)?,
            V128Load32x2S { memarg } => self.load_extend(memarg, I64x2, true)?,
            V128Load32x2U { memarg } => self.load_extend(memarg, I64x2, false)?,
            V128Load8Splat { memarg } => self.load_splat(memarg, I8x16)?,
            V128Load16Splat { memarg } => self.load_splat(memarg, I16x8)?,
            V128Load32Splat { memarg } => self.load_splat(memarg, I32x4)?,
            V128Load64Splat { memarg } => self.load_splat(memarg, I64x2)?,
            V128Load32Zero { memarg } => self.load_zero(memarg, I32x4)?,
            V128Load64Zero { memarg } => self.load_zero(memarg, I64x2)?,
            V128Store { memarg } => self.store(memarg, None)?,
            V128Load8Lane { memarg, lane } => self.load_lane(memarg, I8x16, lane)?,
            V128Load16Lane { memarg, lane } => self.load_lane(memarg, I16x8, lane)?,
            V128Load32Lane { memarg, lane } => self.load_lane(memarg, I32x4, lane)?,
            V128Load64Lane { memarg, lane } => self.load_lane(memarg, I64x2, lane)?,
            V128Store8Lane { memarg, lane } => self.store_lane(memarg, I8x16, lane)?,
            V128Store16Lane { memarg, lane } => self.store_lane(memarg, I16x8, lane)?,
            V128Store32Lane { memarg, lane } => self.store_lane(memarg, I32x4, lane)?,
            V128Store64Lane { memarg, lane } => self.store_lane(memarg, I64x2, lane)?,

            // simd_lanes.rs
            V128Const { value } => self.v128_const(value.i128() as u128)?,
            I8x16Shuffle { lanes } => self.shuffle(lanes)?,
            I8x16Swizzle => self.swizzle()?,
            I8x16Splat => self.splat(I8x16)?,
            I16x8Splat => self.splat(I16x8)?,
            I32x4Splat => self.splat(I32x4)?,
            I64x2Splat => self.splat(I64x2)?,
            F32x4Splat => self.splat(F32x4)?,
            F64x2Splat => self.splat(F64x2)?,
            I8x16ExtractLaneS { lane } => self.extract_lane(I8x16, lane, Some(true))?,
            I8x16ExtractLaneU { lane } => self.extract_lane(I8x16, lane, Some(false))?,
            I16x8ExtractLaneS { lane } => self.extract_lane(I16x8, lane, Some(true))?,
            I16x8ExtractLaneU { lane } => self.extract_lane(I16x8, lane, Some(false))?,
            I32x4ExtractLane { lane } => self.extract_lane(I32x4, lane, None)?,
            I64x2ExtractLane { lane } => self.extract_lane(I64x2, lane, None)?,
            F32x4ExtractLane { lane } => self.extract_lane(F32x4, lane, None)?,
            F64x2ExtractLane { lane } => self.extract_lane(F64x2, lane, None)?,
            I8x16ReplaceLane { lane } => self.replace_lane(I8x16, lane)?,
            I16x8ReplaceLane { lane } => self.replace_lane(I16x8, lane)?,
            I32x4ReplaceLane { lane } => self.replace_lane(I32x4, lane)?,
            I64x2ReplaceLane { lane } => self.replace_lane(I64x2, lane)?,
            F32x4ReplaceLane { lane } => self.replace_lane(F32x4, lane)?,
            F64x2ReplaceLane { lane } => self.replace_lane(F64x2, lane)?,

            // simd_int.rs: bitwise operations on the whole vector
            V128Not => self.v128_not()?,
            V128And => self.v128_bitwise(Bitwise::And)?,
            V128AndNot => self.v128_bitwise(Bitwise::AndNot)?,
            V128Or => self.v128_bitwise(Bitwise::Or)?,
            V128Xor => self.v128_bitwise(Bitwise::Xor)?,
            V128Bitselect => self.v128_bitselect()?,
            V128AnyTrue => self.v128_any_true()?,

            // simd_int.rs: comparisons
            I8x16Eq | I16x8Eq | I32x4Eq | I64x2Eq => self.vint_cmp(int_shape(op), IP::EQ)?,
            I8x16Ne | I16x8Ne | I32x4Ne | I64x2Ne => self.vint_cmp(int_shape(op), IP::NE)?,
            I8x16LtS | I16x8LtS | I32x4LtS | I64x2LtS => self.vint_cmp(int_shape(op), IP::SLT)?,
            I8x16LtU | I16x8LtU | I32x4LtU => self.vint_cmp(int_shape(op), IP::ULT)?,
            I8x16GtS | I16x8GtS | I32x4GtS | I64x2GtS => self.vint_cmp(int_shape(op), IP::SGT)?,
            I8x16GtU | I16x8GtU | I32x4GtU => self.vint_cmp(int_shape(op), IP::UGT)?,
            I8x16LeS | I16x8LeS | I32x4LeS | I64x2LeS => self.vint_cmp(int_shape(op), IP::SLE)?,
            I8x16LeU | I16x8LeU | I32x4LeU => self.vint_cmp(int_shape(op), IP::ULE)?,
            I8x16GeS | I16x8GeS | I32x4GeS | I64x2GeS => self.vint_cmp(int_shape(op), IP::SGE)?,
            I8x16GeU | I16x8GeU | I32x4GeU => self.vint_cmp(int_shape(op), IP::UGE)?,

            // simd_int.rs: lane-wise arithmetic
            I8x16Add | I16x8Add | I32x4Add | I64x2Add => self.vint_binop(int_shape(op), VIntBin::Add)?,
            I8x16Sub | I16x8Sub | I32x4Sub | I64x2Sub => self.vint_binop(int_shape(op), VIntBin::Sub)?,
            I16x8Mul | I32x4Mul | I64x2Mul => self.vint_binop(int_shape(op), VIntBin::Mul)?,
            I8x16AddSatS | I16x8AddSatS => self.vint_binop(int_shape(op), VIntBin::AddSatS)?,
            I8x16AddSatU | I16x8AddSatU => self.vint_binop(int_shape(op), VIntBin::AddSatU)?,
            I8x16SubSatS | I16x8SubSatS => self.vint_binop(int_shape(op), VIntBin::SubSatS)?,
            I8x16SubSatU | I16x8SubSatU => self.vint_binop(int_shape(op), VIntBin::SubSatU)?,
            I8x16MinS | I16x8MinS | I32x4MinS => self.vint_binop(int_shape(op), VIntBin::MinS)?,
            I8x16MinU | I16x8MinU | I32x4MinU => self.vint_binop(int_shape(op), VIntBin::MinU)?,
            I8x16MaxS | I16x8MaxS | I32x4MaxS => self.vint_binop(int_shape(op), VIntBin::MaxS)?,
            I8x16MaxU | I16x8MaxU | I32x4MaxU => self.vint_binop(int_shape(op), VIntBin::MaxU)?,
            I8x16AvgrU | I16x8AvgrU => self.vint_binop(int_shape(op), VIntBin::AvgrU)?,
            I16x8Q15MulrSatS => self.vint_binop(I16x8, VIntBin::Q15MulrSat)?,
            I8x16Abs | I16x8Abs | I32x4Abs | I64x2Abs => self.vint_unop(int_shape(op), VIntUn::Abs)?,
            I8x16Neg | I16x8Neg | I32x4Neg | I64x2Neg => self.vint_unop(int_shape(op), VIntUn::Neg)?,
            I8x16Popcnt => self.vint_unop(I8x16, VIntUn::Popcnt)?,
            I8x16Shl | I16x8Shl | I32x4Shl | I64x2Shl => self.vint_shift(int_shape(op), VIntBin::Shl)?,
            I8x16ShrS | I16x8ShrS | I32x4ShrS | I64x2ShrS => self.vint_shift(int_shape(op), VIntBin::ShrS)?,
            I8x16ShrU | I16x8ShrU | I32x4ShrU | I64x2ShrU => self.vint_shift(int_shape(op), VIntBin::ShrU)?,
            I8x16AllTrue | I16x8AllTrue | I32x4AllTrue | I64x2AllTrue => self.vint_all_true(int_shape(op))?,
            I8x16Bitmask | I16x8Bitmask | I32x4Bitmask | I64x2Bitmask => self.vint_bitmask(int_shape(op))?,

            // simd_int.rs: lanes of another width
            I8x16NarrowI16x8S => self.narrow(I8x16, true)?,
            I8x16NarrowI16x8U => self.narrow(I8x16, false)?,
            I16x8NarrowI32x4S => self.narrow(I16x8, true)?,
            I16x8NarrowI32x4U => self.narrow(I16x8, false)?,
            I16x8ExtendLowI8x16S => self.extend(I16x8, false, true)?,
            I16x8ExtendHighI8x16S => self.extend(I16x8, true, true)?,
            I16x8ExtendLowI8x16U => self.extend(I16x8, false, false)?,
            I16x8ExtendHighI8x16U => self.extend(I16x8, true, false)?,
            I32x4ExtendLowI16x8S => self.extend(I32x4, false, true)?,
            I32x4ExtendHighI16x8S => self.extend(I32x4, true, true)?,
            I32x4ExtendLowI16x8U => self.extend(I32x4, false, false)?,
            I32x4ExtendHighI16x8U => self.extend(I32x4, true, false)?,
            I64x2ExtendLowI32x4S => self.extend(I64x2, false, true)?,
            I64x2ExtendHighI32x4S => self.extend(I64x2, true, true)?,
            I64x2ExtendLowI32x4U => self.extend(I64x2, false, false)?,
            I64x2ExtendHighI32x4U => self.extend(I64x2, true, false)?,
            I16x8ExtMulLowI8x16S => self.extmul(I16x8, false, true)?,
            I16x8ExtMulHighI8x16S => self.extmul(I16x8, true, true)?,
            I16x8ExtMulLowI8x16U => self.extmul(I16x8, false, false)?,
            I16x8ExtMulHighI8x16U => self.extmul(I16x8, true, false)?,
            I32x4ExtMulLowI16x8S => self.extmul(I32x4, false, true)?,
            I32x4ExtMulHighI16x8S => self.extmul(I32x4, true, true)?,
            I32x4ExtMulLowI16x8U => self.extmul(I32x4, false, false)?,
            I32x4ExtMulHighI16x8U => self.extmul(I32x4, true, false)?,
            I64x2ExtMulLowI32x4S => self.extmul(I64x2, false, true)?,
            I64x2ExtMulHighI32x4S => self.extmul(I64x2, true, true)?,
            I64x2ExtMulLowI32x4U => self.extmul(I64x2, false, false)?,
            I64x2ExtMulHighI32x4U => self.extmul(I64x2, true, false)?,
            I16x8ExtAddPairwiseI8x16S => self.extadd_pairwise(I16x8, true)?,
            I16x8ExtAddPairwiseI8x16U => self.extadd_pairwise(I16x8, false)?,
            I32x4ExtAddPairwiseI16x8S => self.extadd_pairwise(I32x4, true)?,
            I32x4ExtAddPairwiseI16x8U => self.extadd_pairwise(I32x4, false)?,
            I32x4DotI16x8S => self.dot_i16x8()?,

            // simd_float.rs
            F32x4Eq | F64x2Eq => self.vfloat_cmp(float_shape(op), FP::OEQ)?,
            F32x4Ne | F64x2Ne => self.vfloat_cmp(float_shape(op), FP::UNE)?,
            F32x4Lt | F64x2Lt => self.vfloat_cmp(float_shape(op), FP::OLT)?,
            F32x4Gt | F64x2Gt => self.vfloat_cmp(float_shape(op), FP::OGT)?,
            F32x4Le | F64x2Le => self.vfloat_cmp(float_shape(op), FP::OLE)?,
            F32x4Ge | F64x2Ge => self.vfloat_cmp(float_shape(op), FP::OGE)?,
            F32x4Add | F64x2Add => self.vfloat_binop(float_shape(op), FloatBin::Add)?,
            F32x4Sub | F64x2Sub => self.vfloat_binop(float_shape(op), FloatBin::Sub)?,
            F32x4Mul | F64x2Mul => self.vfloat_binop(float_shape(op), FloatBin::Mul)?,
            F32x4Div | F64x2Div => self.vfloat_binop(float_shape(op), FloatBin::Div)?,
            F32x4Min | F64x2Min => self.vfloat_binop(float_shape(op), FloatBin::Min)?,
            F32x4Max | F64x2Max => self.vfloat_binop(float_shape(op), FloatBin::Max)?,
            F32x4PMin | F64x2PMin => self.pminmax(float_shape(op), false)?,
            F32x4PMax | F64x2PMax => self.pminmax(float_shape(op), true)?,
            F32x4Abs | F64x2Abs => self.vfloat_unop(float_shape(op), FloatUn::Abs)?,
            F32x4Neg | F64x2Neg => self.vfloat_unop(float_shape(op), FloatUn::Neg)?,
            F32x4Sqrt | F64x2Sqrt => self.vfloat_unop(float_shape(op), FloatUn::Sqrt)?,
            F32x4Ceil | F64x2Ceil => self.vfloat_unop(float_shape(op), FloatUn::Ceil)?,
            F32x4Floor | F64x2Floor => self.vfloat_unop(float_shape(op), FloatUn::Floor)?,
            F32x4Trunc | F64x2Trunc => self.vfloat_unop(float_shape(op), FloatUn::Trunc)?,
            F32x4Nearest | F64x2Nearest => self.vfloat_unop(float_shape(op), FloatUn::Nearest)?,
            I32x4TruncSatF32x4S => self.vconvert(FloatConv::TruncSat { from: F32x4, signed: true })?,
            I32x4TruncSatF32x4U => self.vconvert(FloatConv::TruncSat { from: F32x4, signed: false })?,
            I32x4TruncSatF64x2SZero => self.vconvert(FloatConv::TruncSat { from: F64x2, signed: true })?,
            I32x4TruncSatF64x2UZero => self.vconvert(FloatConv::TruncSat { from: F64x2, signed: false })?,
            F32x4ConvertI32x4S => self.vconvert(FloatConv::Convert { to: F32x4, signed: true })?,
            F32x4ConvertI32x4U => self.vconvert(FloatConv::Convert { to: F32x4, signed: false })?,
            F64x2ConvertLowI32x4S => self.vconvert(FloatConv::Convert { to: F64x2, signed: true })?,
            F64x2ConvertLowI32x4U => self.vconvert(FloatConv::Convert { to: F64x2, signed: false })?,
            F32x4DemoteF64x2Zero => self.vconvert(FloatConv::Demote)?,
            F64x2PromoteLowF32x4 => self.vconvert(FloatConv::Promote)?,

            // simd_relaxed.rs
            I8x16RelaxedSwizzle => self.relaxed_swizzle()?,
            I32x4RelaxedTruncF32x4S => self.relaxed_trunc(F32x4, true)?,
            I32x4RelaxedTruncF32x4U => self.relaxed_trunc(F32x4, false)?,
            I32x4RelaxedTruncF64x2SZero => self.relaxed_trunc(F64x2, true)?,
            I32x4RelaxedTruncF64x2UZero => self.relaxed_trunc(F64x2, false)?,
            F32x4RelaxedMadd | F64x2RelaxedMadd => self.relaxed_madd(float_shape(op), false)?,
            F32x4RelaxedNmadd | F64x2RelaxedNmadd => self.relaxed_madd(float_shape(op), true)?,
            I8x16RelaxedLaneselect | I16x8RelaxedLaneselect | I32x4RelaxedLaneselect | I64x2RelaxedLaneselect => {
                self.relaxed_laneselect()?
            }
            F32x4RelaxedMin | F64x2RelaxedMin => self.relaxed_minmax(float_shape(op), false)?,
            F32x4RelaxedMax | F64x2RelaxedMax => self.relaxed_minmax(float_shape(op), true)?,
            I16x8RelaxedQ15mulrS => self.relaxed_q15mulr()?,
            I16x8RelaxedDotI8x16I7x16S => self.relaxed_dot(false)?,
            I32x4RelaxedDotI8x16I7x16AddS => self.relaxed_dot(true)?,

            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// The integer shape an operator's name starts with.
fn int_shape(op: &Operator<'_>) -> Shape {
    let name = format!("{op:?}");
    match &name[..4] {
        "I8x1" => Shape::I8x16,
        "I16x" => Shape::I16x8,
        "I32x" => Shape::I32x4,
        _ => Shape::I64x2,
    }
}

/// The float shape an operator's name starts with.
fn float_shape(op: &Operator<'_>) -> Shape {
    if format!("{op:?}").starts_with("F32x4") {
        Shape::F32x4
    } else {
        Shape::F64x2
    }
}
