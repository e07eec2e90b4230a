//! `multi_memory::*` trials: a WASI program with three memories (`tests/multi_memory/*.wat`):
//! copies between memories, loads and stores naming their memory, `memory.size`/`grow`/`fill`
//! per memory, and an out-of-bounds store to a small memory trapping while the same address
//! is valid in another, at -O0 and -O2, and with explicit bounds checks.

use std::process::Command;

use libtest_mimic::{Failed, Trial};
use wasmkiln_tests::{compile_wasm, run, wat_module, RUN_TIMEOUT};

pub fn trials() -> Vec<Trial> {
    let variants: [(&str, &[&str]); 3] = [("O0", &["-O0"]), ("O2", &["-O2"]), ("explicit", &["-O2", "--bounds-checks", "explicit"])];
    variants
        .into_iter()
        .map(|(tag, flags)| Trial::test(format!("multi_memory::two_memories::{tag}"), move || two_memories(tag, flags)))
        .collect()
}

fn two_memories(tag: &str, flags: &[&str]) -> Result<(), Failed> {
    let wasm = wat_module("multi_memory", "two_memories", tag)?;
    let exe = wasm.with_extension("exe");
    compile_wasm(&wasm, &exe, flags)?;
    let out = run(&mut Command::new(&exe), b"", RUN_TIMEOUT)?;
    let expected = "copied from memory 1\n000\n002\n045\n001\n001\n";
    if out.stdout() != expected || out.status.code() != Some(134) || out.stderr() != "error: wasm trap: out of bounds memory access\n" {
        return Err(format!("expected {expected:?}, then the out-of-bounds trap (134): {}", out.describe()).into());
    }
    Ok(())
}
