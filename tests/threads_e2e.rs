//! `threads::*` trials (`TRIPLE::threads::*` on a cross target, in `make test-cross`): threads
//! (shared memory, atomics, wait/notify) and wasi-threads.
//! - `threads::workers::{O2,O0}` (cross targets: O2, under qemu-user): `tests/threads/workers.zig`, 4 threads with a mutex, a
//!   condition variable, atomic counters and join, built with Zig (the PyPI package of `make
//!   toolchains`) for wasm32-wasi with wasi-threads (Debian's wasi-libc has no threads; Zig's
//!   standard library spawns through `wasi.thread-spawn`) and natively; the compiled module runs
//!   `RUNS` times and must print what the native build prints every time, within the time limit.
//! - `threads::spawn_end::{trap,exit}` (`tests/threads/spawn_end.wat`): a spawned thread that
//!   traps, or calls `proc_exit(7)`, ends the whole program with 134 and one error line, or 7,
//!   while the main thread sleeps in `memory.atomic.wait32`.
//! - `threads::embedding` (host only): the embedding API instantiates one module (`embed.wat`, `--emit
//!   shared`) on 4 threads over one shared memory; atomic and lock-protected counters add up.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};

use crate::platform::Platform;
use crate::{artifact_dir, build_step, compile_wasm, run, wat_module, workspace, RUN_TIMEOUT};
use libtest_mimic::{Failed, Trial};

/// Runs of the multi-threaded program per optimization level.
const RUNS: usize = 20;

pub fn trials(platforms: Vec<Platform>) -> Vec<Trial> {
    let mut trials = Vec::new();
    for platform in platforms.into_iter().map(Arc::new) {
        let prefix = platform.trial_prefix();
        for opt in platform.opt_levels() {
            let p = platform.clone();
            trials.push(platform.trial(format!("{prefix}threads::workers::{}", &opt[1..]), move || workers(&p, opt)));
        }
        let p = platform.clone();
        trials.push(platform.trial(format!("{prefix}threads::spawn_end::trap"), move || {
            spawn_end(&p, "trap", &[], 134, "error: wasm trap: unreachable\n")
        }));
        let p = platform.clone();
        trials.push(platform.trial(format!("{prefix}threads::spawn_end::exit"), move || spawn_end(&p, "exit", &["a"; 7], 7, "")));
        if platform.target.is_none() {
            trials.push(platform.trial("threads::embedding".into(), embedding));
        }
    }
    trials
}

fn zig() -> Result<Command, String> {
    let dir = std::env::var_os("WASMKILN_TOOLCHAINS").map_or_else(|| workspace().join("build/toolchains"), PathBuf::from);
    let zig = dir.join("zig/ziglang/zig");
    if !zig.exists() {
        return Err(format!("Zig is not installed at {}: run `make toolchains`", zig.display()));
    }
    let mut cmd = Command::new(zig);
    let cache = artifact_dir("zig-cache")?;
    cmd.env("ZIG_GLOBAL_CACHE_DIR", &cache).env("ZIG_LOCAL_CACHE_DIR", &cache);
    Ok(cmd)
}

/// `workers.zig` built to Wasm with wasi-threads and natively (once for both trials).
fn workers_builds() -> Result<&'static (PathBuf, PathBuf), Failed> {
    static BUILDS: OnceLock<Result<(PathBuf, PathBuf), String>> = OnceLock::new();
    let r = BUILDS.get_or_init(|| {
        let src = workspace().join("tests/threads/workers.zig");
        let dir = artifact_dir("threads")?;
        let (wasm, native) = (dir.join("workers.wasm"), dir.join("workers.native"));
        build_step(zig()?.arg("build-exe").arg(&src).args([
            "-target", "wasm32-wasi", "-mcpu=generic+atomics+bulk_memory", "-fno-single-threaded",
            "--shared-memory", "--import-memory", "--export-memory", "--max-memory=67108864",
            "--export=wasi_thread_start", "-O", "ReleaseSafe",
        ]).arg(format!("-femit-bin={}", wasm.display())))?;
        build_step(zig()?.arg("build-exe").arg(&src).args(["-O", "ReleaseSafe"]).arg(format!("-femit-bin={}", native.display())))?;
        Ok((wasm, native))
    });
    r.as_ref().map_err(|e| e.clone().into())
}

fn workers(platform: &Platform, opt: &str) -> Result<(), Failed> {
    let (wasm, native) = workers_builds()?;
    let exe = wasm.with_extension(format!("{}{}.exe", &opt[1..], platform.suffix()));
    let mut flags = platform.flags();
    flags.push(opt.to_string());
    compile_wasm(wasm, &exe, &flags.iter().map(String::as_str).collect::<Vec<_>>())?;
    let expected = run(&mut Command::new(native), b"", RUN_TIMEOUT)?;
    if !expected.status.success() || !expected.stdout().starts_with("threads 4 ") {
        return Err(format!("the native build failed: {}", expected.describe()).into());
    }
    for i in 0..RUNS {
        let out = run(&mut platform.command(&exe), b"", RUN_TIMEOUT)?;
        if out.stdout() != expected.stdout() || out.stderr() != expected.stderr() || out.status.code() != expected.status.code() {
            return Err(format!("run {} of {RUNS} differs from the native build ({}): {}", i + 1, expected.describe(), out.describe()).into());
        }
    }
    Ok(())
}

fn spawn_end(platform: &Platform, tag: &str, args: &[&str], status: i32, stderr: &str) -> Result<(), Failed> {
    let wasm = wat_module("threads", "spawn_end", &format!("{tag}{}", platform.suffix()))?;
    let exe = wasm.with_extension("exe");
    let flags = platform.flags();
    compile_wasm(&wasm, &exe, &flags.iter().map(String::as_str).collect::<Vec<_>>())?;
    let out = run(platform.command(&exe).args(args), b"", RUN_TIMEOUT)?;
    if out.stdout() != "spawned\n" || out.status.code() != Some(status) || out.stderr() != stderr {
        return Err(format!("expected `spawned`, stderr {stderr:?} and status {status}: {}", out.describe()).into());
    }
    Ok(())
}

fn embedding() -> Result<(), Failed> {
    use wasmkiln_runtime::{Linker, Memory, MemoryType, ValRaw};
    const THREADS: u32 = 4;
    const ROUNDS: u32 = 100_000;
    let wasm = wat_module("threads", "embed", "shared")?;
    let lib = wasm.with_extension("so");
    compile_wasm(&wasm, &lib, &["--emit", "shared"])?;
    let desc = wasmkiln_runtime::load_module(Path::new(&lib))?;
    let memory = Memory::new(MemoryType { shared: true, ..MemoryType::new(1, Some(1)) }).map_err(|e| e.to_string())?;
    let instantiate = |memory: &Memory| -> Result<wasmkiln_runtime::Instance, String> {
        let mut linker = Linker::new();
        linker.define("env", "memory", memory.clone());
        linker.instantiate(desc).map_err(|e| e.to_string())
    };
    let workers: Vec<_> = (0..THREADS)
        .map(|_| {
            let memory = memory.clone();
            std::thread::spawn(move || -> Result<(), String> {
                let instance = instantiate(&memory)?;
                instance.call("work", &[ValRaw::from_u32(ROUNDS)]).map(drop).map_err(|t| t.to_string())
            })
        })
        .collect();
    let main = instantiate(&memory)?;
    let done = main.call("wait_done", &[ValRaw::from_u32(THREADS)]).map_err(|t| t.to_string())?;
    for w in workers {
        w.join().map_err(|_| "a worker panicked".to_string())??;
    }
    let counters = main.call("counters", &[]).map_err(|t| t.to_string())?;
    let (atomic, locked) = (counters[0].as_u64(), counters[1].as_u64());
    let want = (THREADS * ROUNDS) as u64;
    if done[0].as_u32() != THREADS || atomic != want || locked != 2 * want {
        return Err(format!("expected {THREADS} done, counters {want} and {}: got {}, {atomic} and {locked}", 2 * want, done[0].as_u32()).into());
    }
    Ok(())
}
