//! Compile robustness: a seeded mutation loop on the compiler's entry point, and the declared
//! limits of tests/compile_fuzz/limits.rs. See tests/README.md.
//!
//! - no arguments (`cargo test --test compile_fuzz`, part of `make test`): FUZZ_CASES cases
//!   (default 1500) from FUZZ_SEED (default 0), then every limit; any finding fails the run.
//! - `--open` (`make fuzz-compile`): cases from FUZZ_SEED (default: the clock) until stopped,
//!   printing cases/second; findings go to FUZZ_DIR (default target/fuzz-compile).
//! - `--case SEED`: one case in this process, for a debugger.
//!
//! Cases run in a child process (`--worker FIRST END`) that reports each case on stdout, so a
//! process-killing LLVM abort, a stack overflow or an allocation beyond the child's 4 GiB address
//! space is a finding with its seed, and so is a case that takes longer than FUZZ_TIMEOUT seconds
//! (default 10). Every finding is written to the findings directory as SEED.wasm and SEED.txt.

mod case;
mod limits;
mod mutate;
mod seeds;
mod supervise;

use std::time::Instant;

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| args.get(i).and_then(|a| a.parse::<u64>().ok()).unwrap_or_else(|| usage());
    match args.first().map(String::as_str) {
        Some("--worker") => supervise::worker(num(1), num(2)),
        Some("--limit") => supervise::limit_child(args.get(1).map_or("", |s| s.as_str())),
        Some("--case") => {
            let seeds = load_seeds();
            let dir = wasmkiln_tests::artifact_dir("compile-fuzz/case").unwrap_or_else(|e| fail(&e));
            println!("case {}: {:?} {:?}", num(1), case::mutant(&seeds, num(1)).1, case::run(&seeds, num(1), &dir));
        }
        Some("--open") => open_ended(),
        _ => bounded(),
    }
}

fn usage() -> ! {
    fail("usage: compile_fuzz [--open | --case SEED | --worker FIRST END | --limit NAME]")
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(2)
}

fn load_seeds() -> seeds::Seeds {
    seeds::load().unwrap_or_else(|e| fail(&e))
}

fn bounded() {
    let start = Instant::now();
    let seeds = load_seeds();
    let first = env_u64("FUZZ_SEED").unwrap_or(0);
    let count = env_u64("FUZZ_CASES").unwrap_or(1500);
    let mut run = supervise::Run::new(&seeds);
    run.cases(first, first + count);
    println!("compile-fuzz: {} ({} seed modules) in {:.1} s", run.stats, seeds.small.len() + seeds.large.len(), start.elapsed().as_secs_f64());
    let limits_start = Instant::now();
    for limit in limits::LIMITS {
        match supervise::limit(limit) {
            Ok(outcome) => println!("limit {}: {outcome}", limit.name),
            Err(e) => {
                println!("limit {}: FAILED: {e}", limit.name);
                run.findings.push(format!("limit {}: {e}", limit.name));
            }
        }
    }
    println!("compile-fuzz: limits in {:.1} s", limits_start.elapsed().as_secs_f64());
    if !run.findings.is_empty() {
        eprintln!("compile-fuzz: {} findings (in {}):", run.findings.len(), run.dir.display());
        for f in &run.findings {
            eprintln!("  {f}");
        }
        std::process::exit(1);
    }
}

fn open_ended() {
    let seeds = load_seeds();
    let clock = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut next = env_u64("FUZZ_SEED").unwrap_or(clock << 20);
    println!("compile-fuzz: from FUZZ_SEED={next}, {} seed modules", seeds.small.len() + seeds.large.len());
    let mut run = supervise::Run::new(&seeds);
    println!("compile-fuzz: findings go to {}", run.dir.display());
    let start = Instant::now();
    loop {
        run.cases(next, next + 1000);
        next += 1000;
        let secs = start.elapsed().as_secs_f64();
        println!("compile-fuzz: {} — {:.0} cases/s, next seed {next}", run.stats, run.stats.total as f64 / secs);
    }
}
