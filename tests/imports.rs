//! `imports::*` trials: imports that no host module of the runtime provides are reported when an
//! executable is compiled (one line naming the file and every such import), a mismatched type
//! likewise; with `--trap-unknown-imports` the program builds and runs, and a call to such an
//! import traps naming it. The same for `wasmkiln run`. Modules: `tests/imports/*.wat`.

use std::path::PathBuf;
use std::process::Command;

use libtest_mimic::{Failed, Trial};
use wasmkiln_tests::{artifact_dir, build_step, compile_wasm, one_error_line, run, wasmkiln, workspace, BUILD_TIMEOUT, RUN_TIMEOUT};

pub fn trials() -> Vec<Trial> {
    vec![
        Trial::test("imports::unknown_reported", unknown_reported),
        Trial::test("imports::wrong_type_reported", wrong_type_reported),
        Trial::test("imports::memory_not_stood_in", memory_not_stood_in),
        Trial::test("imports::trap_when_called", trap_when_called),
        Trial::test("imports::run_command", run_command),
    ]
}

/// `tests/imports/NAME.wat` as a binary module in the artifact directory.
fn module(name: &str) -> Result<PathBuf, String> {
    let dir = artifact_dir("imports")?;
    let wasm = dir.join(format!("{name}.wasm"));
    // Trials run in parallel and several build the same module: each writes its own file and
    // renames it into place, so no trial reads a file another one is still writing.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!("{name}.wasm.{n}.tmp"));
    build_step(Command::new("wat2wasm").arg(workspace().join(format!("tests/imports/{name}.wat"))).arg("-o").arg(&tmp))?;
    std::fs::rename(&tmp, &wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    Ok(wasm)
}

/// Compiling `name` (with `flags`) fails with one line that contains each of `wanted`, and
/// writes no output.
fn rejected(name: &str, flags: &[&str], wanted: &[&str]) -> Result<(), Failed> {
    let wasm = module(name)?;
    let out_path = wasm.with_extension("never-written");
    let _ = std::fs::remove_file(&out_path); // left by an earlier run
    let out = run(Command::new(wasmkiln()?).arg(&wasm).arg("-o").arg(&out_path).args(flags), b"", BUILD_TIMEOUT)?;
    let line = one_error_line(&out)?;
    let missing: Vec<&&str> = wanted.iter().filter(|w| !line.contains(*w)).collect();
    if !missing.is_empty() {
        return Err(format!("the error does not name {missing:?}: {line}").into());
    }
    if out_path.exists() {
        return Err(format!("a failed compile wrote {}", out_path.display()).into());
    }
    Ok(())
}

fn unknown_reported() -> Result<(), Failed> {
    rejected("bench", &[], &["bench.wasm: ", "unknown imports: bench.start, bench.end", "--trap-unknown-imports"])
}

fn wrong_type_reported() -> Result<(), Failed> {
    rejected("wrong_type", &["--trap-unknown-imports"], &["wrong_type.wasm: ", "incompatible import type for wasi_snapshot_preview1.fd_write"])
}

fn memory_not_stood_in() -> Result<(), Failed> {
    rejected("memory", &["--trap-unknown-imports"], &["memory.wasm: ", "unknown import: env.memory"])
}

/// Built with the option: runs normally while the imports are not called; a call traps with
/// exit status 134 after the output so far, naming the import.
fn trap_when_called() -> Result<(), Failed> {
    let wasm = module("bench")?;
    let exe = wasm.with_extension("exe");
    compile_wasm(&wasm, &exe, &["--trap-unknown-imports"])?;
    check_runs(|| Command::new(&exe), "executable")
}

fn run_command() -> Result<(), Failed> {
    let wasm = module("bench")?;
    let cache = artifact_dir("imports/cache")?;
    let plain = run(Command::new(wasmkiln()?).env("WASMKILN_CACHE_DIR", &cache).arg("run").arg(&wasm), b"", BUILD_TIMEOUT)?;
    let line = one_error_line(&plain)?;
    if !line.contains("bench.wasm: unknown imports: bench.start, bench.end") {
        return Err(format!("`wasmkiln run` without the option: {line}").into());
    }
    let compiler = wasmkiln()?;
    let make = || {
        let mut cmd = Command::new(&compiler);
        cmd.env("WASMKILN_CACHE_DIR", &cache).arg("run").arg("--trap-unknown-imports").arg(&wasm);
        cmd
    };
    check_runs(make, "wasmkiln run")
}

/// The command `make` builds prints "before" and exits 0; given an argument, it then traps in
/// `bench.start`.
fn check_runs(make: impl Fn() -> Command, what: &str) -> Result<(), Failed> {
    let quiet = run(&mut make(), b"", BUILD_TIMEOUT)?;
    if quiet.status.code() != Some(0) || quiet.stdout() != "before\n" || !quiet.stderr().is_empty() {
        return Err(format!("{what} without calling the imports: {}", quiet.describe()).into());
    }
    let trapped = run(make().arg("go"), b"", RUN_TIMEOUT)?;
    let want = "error: wasm trap: call to unresolved import bench.start\n";
    if trapped.status.code() != Some(134) || trapped.stdout() != "before\n" || trapped.stderr() != want {
        return Err(format!("{what} calling bench.start: expected status 134, `before` and {want:?}: {}", trapped.describe()).into());
    }
    Ok(())
}
