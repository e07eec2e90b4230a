//! `tail_calls::*` trials: `return_call`, `return_call_indirect` and `return_call_ref` run in
//! constant stack (10^8 mutual tail calls between functions of different signatures, some
//! arguments on the stack), at -O0 and -O2, while ordinary deep recursion still traps with
//! `call stack exhausted`. Modules: `tests/tail_calls/*.wat` (text parsed by the `wast` crate,
//! since Debian's wat2wasm predates `return_call_ref`).
//!
//! `tail_calls::interp_c::O*`: `tests/tail_calls/interp.c`, a C interpreter whose handlers
//! dispatch with `__attribute__((musttail))` through a table, built with `clang-19
//! --target=wasm32-wasi -O2 -mtail-call` (the build checks that the module has
//! `return_call_indirect` and `return_call`), runs ~4.8*10^7 tail calls and must print what its
//! native build (`clang-19 -O2`) prints.

use std::path::PathBuf;
use std::process::Command;

use libtest_mimic::{Failed, Trial};
use wasmkiln_tests::{
    artifact_dir, build_c_native, build_c_to_wasm, build_step, compare, compile_wasm, run, wat_module, workspace, RUN_TIMEOUT,
};

pub fn trials() -> Vec<Trial> {
    let mut trials = Vec::new();
    for opt in ["-O0", "-O2"] {
        trials.push(Trial::test(format!("tail_calls::mutual::{}", &opt[1..]), move || mutual(opt)));
        trials.push(Trial::test(format!("tail_calls::recursion_traps::{}", &opt[1..]), move || recursion_traps(opt)));
        trials.push(Trial::test(format!("tail_calls::interp_c::{}", &opt[1..]), move || interp_c(opt)));
    }
    trials
}

/// `tests/tail_calls/NAME.wat` as a binary module in the artifact directory, as
/// `NAME.TAG.wasm` (each trial its own file: they run in parallel).
fn module(name: &str, tag: &str) -> Result<PathBuf, String> {
    wat_module("tail_calls", name, tag)
}

/// An executable of `name` at `opt`.
fn executable(name: &str, opt: &str) -> Result<PathBuf, String> {
    let wasm = module(name, &opt[1..])?;
    let exe = wasm.with_extension("exe");
    compile_wasm(&wasm, &exe, &[opt])?;
    Ok(exe)
}

fn mutual(opt: &str) -> Result<(), Failed> {
    let out = run(&mut Command::new(executable("mutual", opt)?), b"", RUN_TIMEOUT)?;
    if out.status.code() != Some(0) || out.stdout() != "100000000\n" || !out.stderr().is_empty() {
        return Err(format!("expected 100000000 and status 0: {}", out.describe()).into());
    }
    Ok(())
}

fn recursion_traps(opt: &str) -> Result<(), Failed> {
    let out = run(&mut Command::new(executable("recursion", opt)?), b"", RUN_TIMEOUT)?;
    if out.status.code() != Some(134) || out.stderr() != "error: wasm trap: call stack exhausted\n" {
        return Err(format!("expected status 134 and `call stack exhausted`: {}", out.describe()).into());
    }
    Ok(())
}

/// `tests/tail_calls/interp.c` built to Wasm with `-mtail-call` and natively, once:
/// `(wasm, native)`.
fn interp_builds() -> Result<(PathBuf, PathBuf), String> {
    static BUILT: std::sync::OnceLock<Result<(PathBuf, PathBuf), String>> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let src = workspace().join("tests/tail_calls/interp.c");
            let dir = artifact_dir("tail_calls/interp")?;
            let (wasm, native) = (dir.join("interp.wasm"), dir.join("interp.native"));
            build_c_to_wasm(&src, &wasm, &["-mtail-call".to_string()])?;
            let listing = build_step(Command::new("wasm-objdump").arg("-d").arg(&wasm))?.stdout();
            let count = |op: &str| listing.lines().filter_map(|l| l.split_once('|')).filter(|(_, o)| o.split_whitespace().next() == Some(op)).count();
            if count("return_call_indirect") == 0 || count("return_call") == 0 {
                return Err(format!("{}: clang emitted no return_call_indirect or no return_call", wasm.display()));
            }
            build_c_native(&src, &native, &[])?;
            Ok((wasm, native))
        })
        .clone()
}

fn interp_c(opt: &str) -> Result<(), Failed> {
    let (wasm, native) = interp_builds()?;
    let exe = wasm.with_file_name(format!("interp{opt}"));
    compile_wasm(&wasm, &exe, &[opt])?;
    let want = run(&mut Command::new(&native), b"", RUN_TIMEOUT)?;
    if !want.status.success() || !want.stdout().contains("steps 28000001") {
        return Err(format!("the native build misbehaves: {}", want.describe()).into());
    }
    let out = run(&mut Command::new(&exe), b"", RUN_TIMEOUT)?;
    let mut problems = Vec::new();
    if out.status.code() != want.status.code() {
        problems.push(format!("exit status {:?}, native {:?}", out.status.code(), want.status.code()));
    }
    problems.extend(compare("stdout", &want.stdout, &out.stdout));
    problems.extend(compare("stderr", &want.stderr, &out.stderr));
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!("{}\n{}", problems.join("\n"), out.describe()).into())
}
