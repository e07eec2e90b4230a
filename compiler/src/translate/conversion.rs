//! Conversions: wrap/extend, float↔int (trapping and saturating), demote/promote, reinterpret.

use super::FuncTranslator;
use crate::error::Result;
use inkwell::types::{BasicTypeEnum, FloatType, IntType};
use inkwell::values::{BasicValueEnum, InstructionOpcode};
use inkwell::FloatPredicate;
use wasmkiln_abi::TrapCode;

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    pub(super) fn wrap(&mut self) -> Result<()> {
        let x = self.pop_int()?;
        let v = self.b.build_int_truncate(x, self.ii.i32, "")?;
        self.push(v);
        Ok(())
    }

    pub(super) fn extend_i32(&mut self, signed: bool) -> Result<()> {
        let x = self.pop_int()?;
        let v = if signed {
            self.b.build_int_s_extend(x, self.ii.i64, "")?
        } else {
            self.b.build_int_z_extend(x, self.ii.i64, "")?
        };
        self.push(v);
        Ok(())
    }

    /// `iN.extendM_s`: sign-extend the low M bits within the same type.
    pub(super) fn extend_in_place(&mut self, narrow: IntType<'ctx>) -> Result<()> {
        let x = self.pop_int()?;
        let t = self.b.build_int_truncate(x, narrow, "")?;
        let v = self.b.build_int_s_extend(t, x.get_type(), "")?;
        self.push(v);
        Ok(())
    }

    /// Trapping float→int: NaN traps with "invalid conversion to integer", a value whose
    /// truncation does not fit traps with "integer overflow".
    pub(super) fn trunc(&mut self, to: IntType<'ctx>, signed: bool) -> Result<()> {
        let x = self.pop_float()?;
        let fty = x.get_type();
        let is_nan = self.b.build_float_compare(FloatPredicate::UNO, x, x, "")?;
        self.trap_if(is_nan, TrapCode::BadConversionToInteger)?;
        let (lo, lo_inclusive, hi) = trunc_bounds(fty == self.ii.f32, to.get_bit_width(), signed);
        let lo_pred = if lo_inclusive { FloatPredicate::OGE } else { FloatPredicate::OGT };
        let above = self.b.build_float_compare(lo_pred, x, fty.const_float(lo), "")?;
        let below = self.b.build_float_compare(FloatPredicate::OLT, x, fty.const_float(hi), "")?;
        let in_range = self.b.build_and(above, below, "")?;
        let out = self.b.build_not(in_range, "")?;
        self.trap_if(out, TrapCode::IntegerOverflow)?;
        let v = if signed {
            self.b.build_float_to_signed_int(x, to, "")?
        } else {
            self.b.build_float_to_unsigned_int(x, to, "")?
        };
        self.push(v);
        Ok(())
    }

    /// Saturating float→int (`trunc_sat`): NaN gives 0, out-of-range values clamp.
    pub(super) fn trunc_sat(&mut self, to: IntType<'ctx>, signed: bool) -> Result<()> {
        let x = self.pop_float()?;
        let name = if signed { "llvm.fptosi.sat" } else { "llvm.fptoui.sat" };
        let f = self.ii.intrinsic(self.env.module, name, &[to.into(), x.get_type().into()]);
        let v = self.b.build_call(f, &[x.into()], "")?.try_as_basic_value().basic().expect("fpto*i.sat returns a value");
        self.push(v);
        Ok(())
    }

    pub(super) fn convert(&mut self, to: FloatType<'ctx>, signed: bool) -> Result<()> {
        let x = self.pop_int()?;
        let v = if signed {
            self.b.build_signed_int_to_float(x, to, "")?
        } else {
            self.b.build_unsigned_int_to_float(x, to, "")?
        };
        self.push(v);
        Ok(())
    }

    pub(super) fn demote(&mut self) -> Result<()> {
        let x = self.pop_float()?;
        // LLVM folds demote(promote(y)) to y, which would keep a signalling NaN in y.
        let of_promote = x.as_instruction().is_some_and(|i| i.get_opcode() == InstructionOpcode::FPExt);
        let v = self.b.build_float_trunc(x, self.ii.f32, "")?;
        let v: BasicValueEnum = if of_promote { self.canonicalize(v.into())? } else { v.into() };
        self.push(v);
        Ok(())
    }

    pub(super) fn promote(&mut self) -> Result<()> {
        let x = self.pop_float()?;
        let v = self.b.build_float_ext(x, self.ii.f64, "")?;
        self.push(v);
        Ok(())
    }

    pub(super) fn reinterpret(&mut self, to: BasicTypeEnum<'ctx>) -> Result<()> {
        let x: BasicValueEnum = self.pop()?;
        let v = self.b.build_bit_cast(x, to, "")?;
        self.push(v);
        Ok(())
    }
}

/// The open/closed range of floats whose truncation fits an integer type: `(lo, lo is
/// inclusive, hi)` with `hi` always exclusive. All bounds are exactly representable in the
/// source type: below the minimum we use `min - 1` where that is representable, else `min`
/// itself inclusively.
fn trunc_bounds(from_f32: bool, bits: u32, signed: bool) -> (f64, bool, f64) {
    let hi_unsigned = 2f64.powi(bits as i32);
    if !signed {
        return (-1.0, false, hi_unsigned);
    }
    let min = -(2f64.powi(bits as i32 - 1));
    let hi = 2f64.powi(bits as i32 - 1);
    // min - 1 is exact in f64 only for 32-bit targets (f64 has 53 bits of mantissa).
    if !from_f32 && bits == 32 {
        (min - 1.0, false, hi)
    } else {
        (min, true, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::trunc_bounds;

    #[test]
    fn bounds_match_the_spec_tables() {
        assert_eq!(trunc_bounds(false, 32, true), (-2147483649.0, false, 2147483648.0));
        assert_eq!(trunc_bounds(true, 32, true), (-2147483648.0, true, 2147483648.0));
        assert_eq!(trunc_bounds(true, 64, true), (-9223372036854775808.0, true, 9223372036854775808.0));
        assert_eq!(trunc_bounds(false, 64, false), (-1.0, false, 18446744073709551616.0));
    }
}
