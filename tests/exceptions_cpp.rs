//! `exceptions::*` trials (`TRIPLE::exceptions::*` on a cross target, in `make test-cross`): C++
//! exceptions end to end. The programs of `tests/exceptions/` are built
//! with Debian's Emscripten (`em++ -O2 -fwasm-exceptions -sSTANDALONE_WASM`; 3.1.6 emits the
//! legacy encoding: `try`/`catch`/`catch_all`/`delegate`/`rethrow`, which the build checks in
//! the disassembly), compiled by wasmkiln at -O0 and -O2 and run.
//! - `exceptions::cpp::O*`: `exceptions.cpp` must behave exactly as its native build (`clang++-19
//!   -O2`): stdout, stderr and exit status.
//! - `exceptions::uncaught::O*`: `uncaught.cpp` lets an exception escape `main`. Natively
//!   std::terminate aborts (status 134, checked too); the wasmkiln executable must exit with 134
//!   after printing `before`, with exactly one line on stderr, starting with
//!   `error: uncaught wasm exception`.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::platform::Platform;
use crate::{artifact_dir, build_step, compare, compile_wasm, run, workspace, RUN_TIMEOUT};
use libtest_mimic::{Failed, Trial};
use std::sync::Arc;

/// The trials on each platform: the host at -O0 and -O2, a cross target (under its emulator)
/// at -O2.
pub fn trials(platforms: Vec<Platform>) -> Vec<Trial> {
    let mut trials = Vec::new();
    for platform in platforms.into_iter().map(Arc::new) {
        for opt in platform.opt_levels() {
            let prefix = platform.trial_prefix();
            let p = platform.clone();
            trials.push(platform.trial(format!("{prefix}exceptions::cpp::{}", &opt[1..]), move || cpp(&p, opt)));
            let p = platform.clone();
            trials.push(platform.trial(format!("{prefix}exceptions::uncaught::{}", &opt[1..]), move || uncaught(&p, opt)));
        }
    }
    trials
}

/// The legacy exception instructions a module built with `-fwasm-exceptions` must contain.
const LEGACY_EH: &[&str] = &["try", "catch"];

fn em_plus_plus() -> String {
    std::env::var("EMXX").unwrap_or_else(|_| "em++".to_string())
}

fn clang_plus_plus() -> String {
    std::env::var("CLANGXX").unwrap_or_else(|_| "clang++-19".to_string())
}

/// `tests/exceptions/NAME.cpp` built once to `NAME.wasm` (Emscripten) and `NAME.native` in
/// `target/e2e/exceptions/NAME/`: the directory.
fn built(name: &'static str) -> Result<PathBuf, String> {
    static BUILDS: OnceLock<std::sync::Mutex<std::collections::HashMap<&'static str, Result<PathBuf, String>>>> = OnceLock::new();
    let builds = BUILDS.get_or_init(Default::default);
    let mut builds = builds.lock().unwrap_or_else(|e| e.into_inner());
    builds.entry(name).or_insert_with(|| build(name)).clone()
}

fn build(name: &str) -> Result<PathBuf, String> {
    let dir = artifact_dir(&format!("exceptions/{name}"))?;
    let src = workspace().join(format!("tests/exceptions/{name}.cpp"));
    let wasm = dir.join(format!("{name}.wasm"));
    build_step(
        Command::new(em_plus_plus())
            .args(["-O2", "-fwasm-exceptions", "-sSTANDALONE_WASM"])
            .arg(&src)
            .arg("-o")
            .arg(&wasm)
            .current_dir(&dir),
    )?;
    let listing = build_step(Command::new("wasm-objdump").arg("-d").arg(&wasm))?.stdout();
    let ops: Vec<&str> = listing.lines().filter_map(|l| l.split_once('|')).map(|(_, op)| op.split_whitespace().next().unwrap_or("")).collect();
    let missing: Vec<&&str> = LEGACY_EH.iter().filter(|want| !ops.contains(want)).collect();
    if !missing.is_empty() {
        return Err(format!("{}: em++ -fwasm-exceptions emitted no {missing:?} instructions", wasm.display()));
    }
    build_step(Command::new(clang_plus_plus()).arg("-O2").arg(&src).arg("-o").arg(dir.join(format!("{name}.native"))))?;
    Ok(dir)
}

/// The wasmkiln executable of `name` at `opt` for `platform`.
fn executable(platform: &Platform, dir: &Path, name: &str, opt: &str) -> Result<PathBuf, String> {
    let exe = dir.join(format!("{name}{opt}{}", platform.suffix()));
    let mut flags: Vec<String> = platform.flags();
    flags.push(opt.to_string());
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    compile_wasm(&dir.join(format!("{name}.wasm")), &exe, &flags)?;
    Ok(exe)
}

fn cpp(platform: &Platform, opt: &str) -> Result<(), Failed> {
    let dir = built("exceptions")?;
    let native = run(Command::new(dir.join("exceptions.native")).current_dir(&dir), b"", RUN_TIMEOUT)?;
    if !native.status.success() || !native.stdout().ends_with(" live 0\n") {
        return Err(format!("the native build misbehaves: {}", native.describe()).into());
    }
    let exe = executable(platform, &dir, "exceptions", opt)?;
    let out = run(platform.command(&exe).current_dir(&dir), b"", RUN_TIMEOUT)?;
    let mut problems = Vec::new();
    if out.status.code() != native.status.code() {
        problems.push(format!("exit status {:?}, native {:?}", out.status.code(), native.status.code()));
    }
    problems.extend(compare("stdout", &native.stdout, &out.stdout));
    problems.extend(compare("stderr", &native.stderr, &out.stderr));
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!("{}\n{}", problems.join("\n"), out.describe()).into())
}

fn uncaught(platform: &Platform, opt: &str) -> Result<(), Failed> {
    let dir = built("uncaught")?;
    let native = run(Command::new(dir.join("uncaught.native")).current_dir(&dir), b"", RUN_TIMEOUT)?;
    if native.status.code() != Some(134) && native.status.signal() != Some(6) {
        return Err(format!("the native build should abort: {}", native.describe()).into());
    }
    let exe = executable(platform, &dir, "uncaught", opt)?;
    let out = run(platform.command(&exe).current_dir(&dir), b"", RUN_TIMEOUT)?;
    let stderr = out.stderr();
    let lines: Vec<&str> = stderr.lines().collect();
    let mut problems = Vec::new();
    if out.status.code() != Some(134) {
        problems.push("expected exit status 134".to_string());
    }
    if out.stdout() != "before\n" {
        problems.push("expected stdout `before`".to_string());
    }
    if lines.len() != 1 || !lines[0].starts_with("error: uncaught wasm exception") {
        problems.push("expected one stderr line starting with `error: uncaught wasm exception`".to_string());
    }
    if stderr.contains("panicked") {
        problems.push("stderr mentions a panic".to_string());
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!("{}: {}", problems.join("; "), out.describe()).into())
}
