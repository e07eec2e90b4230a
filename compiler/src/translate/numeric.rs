//! Integer and floating-point arithmetic, comparisons and constants, with the spec's exact
//! semantics: division traps, shift counts taken modulo the width, NaN-propagating min/max that
//! order -0 below +0 (`llvm.minimum`/`llvm.maximum`), `nearest` rounding half to even
//! (`llvm.roundeven`), and sign operations that only touch the sign bit.

use super::FuncTranslator;
use inkwell::values::AsValueRef;
use crate::error::Result;
use inkwell::types::{BasicTypeEnum, VectorType};
use inkwell::values::{BasicValueEnum, FloatMathValue, FloatValue, IntValue};
use inkwell::{FloatPredicate, IntPredicate};
use wasmkiln_abi::TrapCode;

#[derive(Clone, Copy)]
pub(super) enum IntBin { Add, Sub, Mul, DivS, DivU, RemS, RemU, And, Or, Xor, Shl, ShrS, ShrU, Rotl, Rotr }

#[derive(Clone, Copy)]
pub(super) enum IntUn { Eqz, Clz, Ctz, Popcnt }

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FloatBin { Add, Sub, Mul, Div, Min, Max, Copysign }

#[derive(Clone, Copy)]
pub(super) enum FloatUn { Abs, Neg, Ceil, Floor, Trunc, Nearest, Sqrt }

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    /// A float constant from its exact bit pattern (NaN payloads included).
    pub(super) fn f32_const(&self, bits: u32) -> Result<FloatValue<'ctx>> {
        let i = self.ii.i32.const_int(bits as u64, false);
        Ok(self.b.build_bit_cast(i, self.ii.f32, "")?.into_float_value())
    }

    pub(super) fn f64_const(&self, bits: u64) -> Result<FloatValue<'ctx>> {
        let i = self.ii.i64.const_int(bits, false);
        Ok(self.b.build_bit_cast(i, self.ii.f64, "")?.into_float_value())
    }

    fn bool_to_i32(&self, v: IntValue<'ctx>) -> Result<IntValue<'ctx>> {
        Ok(self.b.build_int_z_extend(v, self.ii.i32, "")?)
    }

    pub(super) fn call_intrinsic(&self, name: &str, ty: BasicValueEnum<'ctx>, args: &[BasicValueEnum<'ctx>]) -> Result<BasicValueEnum<'ctx>> {
        let f = self.ii.intrinsic(self.env.module, name, &[ty.get_type()]);
        let args: Vec<_> = args.iter().map(|a| (*a).into()).collect();
        let call = self.b.build_call(f, &args, "")?;
        Ok(call.try_as_basic_value().basic().expect("intrinsic returns a value"))
    }

    pub(super) fn int_unop(&mut self, op: IntUn) -> Result<()> {
        let x = self.pop_int()?;
        let ty = x.get_type();
        let no_poison = self.ii.i1.const_zero().into();
        let v: IntValue = match op {
            IntUn::Eqz => {
                let z = self.b.build_int_compare(IntPredicate::EQ, x, ty.const_zero(), "")?;
                self.bool_to_i32(z)?
            }
            IntUn::Clz => self.call_intrinsic("llvm.ctlz", x.into(), &[x.into(), no_poison])?.into_int_value(),
            IntUn::Ctz => self.call_intrinsic("llvm.cttz", x.into(), &[x.into(), no_poison])?.into_int_value(),
            IntUn::Popcnt => self.call_intrinsic("llvm.ctpop", x.into(), &[x.into()])?.into_int_value(),
        };
        self.push(v);
        Ok(())
    }

    pub(super) fn int_cmp(&mut self, pred: IntPredicate) -> Result<()> {
        let y = self.pop_int()?;
        let x = self.pop_int()?;
        let c = self.b.build_int_compare(pred, x, y, "")?;
        let v = self.bool_to_i32(c)?;
        self.push(v);
        Ok(())
    }

    pub(super) fn int_binop(&mut self, op: IntBin) -> Result<()> {
        let y = self.pop_int()?;
        let x = self.pop_int()?;
        let ty = x.get_type();
        let bits = ty.get_bit_width() as u64;
        let no_wrap = matches!(op, IntBin::Add) && self.add_cannot_wrap(x, y);
        let b = &self.b;
        let v = match op {
            IntBin::Add if no_wrap => b.build_int_nuw_add(x, y, "")?,
            IntBin::Add => b.build_int_add(x, y, "")?,
            IntBin::Sub => b.build_int_sub(x, y, "")?,
            IntBin::Mul => b.build_int_mul(x, y, "")?,
            IntBin::And => b.build_and(x, y, "")?,
            IntBin::Or => b.build_or(x, y, "")?,
            IntBin::Xor => b.build_xor(x, y, "")?,
            IntBin::Shl | IntBin::ShrS | IntBin::ShrU => {
                // Wasm takes the shift count modulo the width; LLVM would make it poison.
                let count = b.build_and(y, ty.const_int(bits - 1, false), "")?;
                match op {
                    IntBin::Shl => b.build_left_shift(x, count, "")?,
                    IntBin::ShrS => b.build_right_shift(x, count, true, "")?,
                    _ => b.build_right_shift(x, count, false, "")?,
                }
            }
            IntBin::Rotl => self.call_intrinsic("llvm.fshl", x.into(), &[x.into(), x.into(), y.into()])?.into_int_value(),
            IntBin::Rotr => self.call_intrinsic("llvm.fshr", x.into(), &[x.into(), x.into(), y.into()])?.into_int_value(),
            IntBin::DivU | IntBin::RemU => {
                self.trap_if_zero(y)?;
                if matches!(op, IntBin::DivU) {
                    self.b.build_int_unsigned_div(x, y, "")?
                } else {
                    self.b.build_int_unsigned_rem(x, y, "")?
                }
            }
            IntBin::DivS => {
                self.trap_if_zero(y)?;
                let min = ty.const_int(1u64 << (bits - 1), false);
                let x_min = self.b.build_int_compare(IntPredicate::EQ, x, min, "")?;
                let y_neg1 = self.b.build_int_compare(IntPredicate::EQ, y, ty.const_all_ones(), "")?;
                let overflow = self.b.build_and(x_min, y_neg1, "")?;
                self.trap_if(overflow, TrapCode::IntegerOverflow)?;
                self.b.build_int_signed_div(x, y, "")?
            }
            IntBin::RemS => {
                self.trap_if_zero(y)?;
                // MIN % -1 is 0 in Wasm but undefined in LLVM; x % -1 == x % 1 == 0 for all x.
                let y_neg1 = self.b.build_int_compare(IntPredicate::EQ, y, ty.const_all_ones(), "")?;
                let y = self.b.build_select(y_neg1, ty.const_int(1, false), y, "")?.into_int_value();
                self.b.build_int_signed_rem(x, y, "")?
            }
        };
        self.push(v);
        Ok(())
    }

    fn trap_if_zero(&mut self, y: IntValue<'ctx>) -> Result<()> {
        let zero = self.b.build_int_compare(IntPredicate::EQ, y, y.get_type().const_zero(), "")?;
        self.trap_if(zero, TrapCode::IntegerDivideByZero)
    }

    /// Quiets a signalling NaN (sets the quiet bit, keeping sign and payload) and leaves every
    /// other value as it is; `v` is a float or a vector of floats (each lane on its own). Done
    /// with integer operations because LLVM's `llvm.canonicalize` cannot be selected on x86 in
    /// LLVM 19 and floating-point tricks may be folded away.
    pub(super) fn canonicalize(&self, v: BasicValueEnum<'ctx>) -> Result<BasicValueEnum<'ctx>> {
        let (float_ty, lanes) = match v.get_type() {
            BasicTypeEnum::VectorType(t) => (t.get_element_type().into_float_type(), Some(t.get_size())),
            t => (t.into_float_type(), None),
        };
        let (int_ty, quiet_bit) = if float_ty == self.ii.f32 { (self.ii.i32, 1u64 << 22) } else { (self.ii.i64, 1u64 << 51) };
        let quiet = int_ty.const_int(quiet_bit, false);
        let (bits_ty, quiet): (BasicTypeEnum, BasicValueEnum) = match lanes {
            Some(n) => (int_ty.vec_type(n).into(), VectorType::const_vector(&vec![quiet; n as usize]).into()),
            None => (int_ty.into(), quiet.into()),
        };
        let bits = self.b.build_bit_cast(v, bits_ty, "")?;
        let quieted = match (bits, quiet) {
            (BasicValueEnum::VectorValue(b), BasicValueEnum::VectorValue(q)) => self.b.build_or(b, q, "")?.into(),
            (b, q) => BasicValueEnum::from(self.b.build_or(b.into_int_value(), q.into_int_value(), "")?),
        };
        let quieted = self.b.build_bit_cast(quieted, v.get_type(), "")?;
        Ok(match v {
            BasicValueEnum::VectorValue(x) => {
                let is_nan = self.b.build_float_compare(FloatPredicate::UNO, x, x, "")?;
                self.b.build_select(is_nan, quieted, v, "")?
            }
            x => {
                let x = x.into_float_value();
                let is_nan = self.b.build_float_compare(FloatPredicate::UNO, x, x, "")?;
                self.b.build_select(is_nan, quieted, v, "")?
            }
        })
    }

    pub(super) fn float_cmp(&mut self, pred: FloatPredicate) -> Result<()> {
        let y = self.pop_float()?;
        let x = self.pop_float()?;
        let c = self.b.build_float_compare(pred, x, y, "")?;
        let v = self.bool_to_i32(c)?;
        self.push(v);
        Ok(())
    }

    pub(super) fn float_unop(&mut self, op: FloatUn) -> Result<()> {
        let x = self.pop_float()?;
        let v = self.float_unary(op, x.into())?;
        self.push(v);
        Ok(())
    }

    /// A unary float operation on a float or on each lane of a float vector.
    pub(super) fn float_unary(&self, op: FloatUn, x: BasicValueEnum<'ctx>) -> Result<BasicValueEnum<'ctx>> {
        let name = match op {
            FloatUn::Neg => {
                return Ok(match x {
                    BasicValueEnum::VectorValue(x) => self.b.build_float_neg(x, "")?.into(),
                    x => self.b.build_float_neg(x.into_float_value(), "")?.into(),
                })
            }
            FloatUn::Abs => "llvm.fabs",
            FloatUn::Ceil => "llvm.ceil",
            FloatUn::Floor => "llvm.floor",
            FloatUn::Trunc => "llvm.trunc",
            FloatUn::Nearest => "llvm.roundeven",
            FloatUn::Sqrt => "llvm.sqrt",
        };
        let v = self.call_intrinsic(name, x, &[x])?;
        // x86-64 (`roundss`, or libm without SSE4.1) and aarch64 (`frint*`) return a quiet NaN
        // for a signalling one; elsewhere (riscv64's lowering, soft-float libm on Cortex-M) the
        // rounding functions may pass the operand through, so the result is quieted.
        let rounding = matches!(op, FloatUn::Ceil | FloatUn::Floor | FloatUn::Trunc | FloatUn::Nearest);
        if rounding && !(self.ii.caps.x86 || self.ii.caps.aarch64) {
            return self.canonicalize(v);
        }
        Ok(v)
    }

    pub(super) fn float_binop(&mut self, op: FloatBin) -> Result<()> {
        let y = self.pop_float()?;
        let x = self.pop_float()?;
        let v = self.float_binary(op, x.into(), y.into())?;
        self.push(v);
        Ok(())
    }

    /// A binary float operation on floats or lane by lane on float vectors.
    pub(super) fn float_binary(&self, op: FloatBin, x: BasicValueEnum<'ctx>, y: BasicValueEnum<'ctx>) -> Result<BasicValueEnum<'ctx>> {
        // LLVM folds an operation whose constant operand makes it the identity or a negation
        // (x + -0, x - 0, -0 - x, x * ±1, x / ±1) to its other operand or its negation, which
        // would return a signalling NaN operand unchanged where Wasm requires a quiet
        // ("arithmetic") NaN; min/max lower to code that passes a NaN operand through.
        // Canonicalizing the result quiets it and is a no-op for every other value. Every other
        // operation reaches the hardware, whose results are quiet NaNs already (x86-64, aarch64,
        // riscv64, Cortex-M's FPU and soft-float), so it gets nothing: `1 / x`, `x * 0.5`, ...
        let canonicalize = match op {
            FloatBin::Min | FloatBin::Max => true,
            FloatBin::Add => lane_is(x, is_neg_zero) || lane_is(y, is_neg_zero),
            FloatBin::Sub => lane_is(y, is_pos_zero) || lane_is(x, is_neg_zero),
            FloatBin::Mul => lane_is(x, is_unit) || lane_is(y, is_unit),
            FloatBin::Div => lane_is(y, is_unit),
            FloatBin::Copysign => false,
        };
        let v: BasicValueEnum = match (op, x, y) {
            (FloatBin::Min, ..) => self.call_intrinsic("llvm.minimum", x, &[x, y])?,
            (FloatBin::Max, ..) => self.call_intrinsic("llvm.maximum", x, &[x, y])?,
            (FloatBin::Copysign, ..) => self.call_intrinsic("llvm.copysign", x, &[x, y])?,
            (_, BasicValueEnum::VectorValue(x), BasicValueEnum::VectorValue(y)) => self.float_arith(op, x, y)?.into(),
            _ => self.float_arith(op, x.into_float_value(), y.into_float_value())?.into(),
        };
        if canonicalize {
            self.canonicalize(v)
        } else {
            Ok(v)
        }
    }

    fn float_arith<T: FloatMathValue<'ctx>>(&self, op: FloatBin, x: T, y: T) -> Result<T> {
        Ok(match op {
            FloatBin::Add => self.b.build_float_add(x, y, "")?,
            FloatBin::Sub => self.b.build_float_sub(x, y, "")?,
            FloatBin::Mul => self.b.build_float_mul(x, y, "")?,
            _ => self.b.build_float_div(x, y, "")?,
        })
    }
}

fn is_neg_zero(c: f64) -> bool {
    c == 0.0 && c.is_sign_negative()
}

fn is_pos_zero(c: f64) -> bool {
    c == 0.0 && c.is_sign_positive()
}

fn is_unit(c: f64) -> bool {
    c.abs() == 1.0
}

/// Whether `v` is a constant with `pred` true of it, or a constant vector with `pred` true of
/// some lane: the operands that let LLVM fold an arithmetic operation (or a lane of it) away. A
/// constant whose value cannot be read counts as matching.
fn lane_is(v: BasicValueEnum<'_>, pred: fn(f64) -> bool) -> bool {
    match v {
        BasicValueEnum::FloatValue(f) => {
            // Only a ConstantFP has a value to read (LLVM crashes reading one from anything
            // else); another constant, such as the poison that folding an out-of-range
            // `fptosi` of a constant leaves behind a trap check, counts as one.
            // SAFETY: LLVMIsAConstantFP only inspects the kind of a valid value.
            let constant_fp = unsafe { !inkwell::llvm_sys::core::LLVMIsAConstantFP(f.as_value_ref()).is_null() };
            match constant_fp {
                true => matches!(f.get_constant(), Some((c, _)) if pred(c)),
                false => f.is_const(),
            }
        }
        // Only a constant data vector has elements to look at; any other constant (a zero
        // vector, a constant expression) counts as one.
        BasicValueEnum::VectorValue(v) if v.is_constant_data_vector() => {
            (0..v.get_type().get_size()).any(|i| lane_is(v.get_element_as_constant(i), pred))
        }
        BasicValueEnum::VectorValue(v) => v.is_const(),
        _ => false,
    }
}
