//! `memory64::*` trials: a WASI program with a 64-bit memory (`tests/memory64/big_memory.wat`)
//! that grows to 4.5 GiB and touches it sparsely: bytes copied to and read back from above
//! 4 GiB, an i64 at an offset past 4 GiB, a fill and a loop across the 4 GiB boundary, the last
//! byte, a grow past the runtime's 64 GiB limit returning -1, and a load one past the end
//! trapping; at -O0 and -O2.

use std::process::Command;

use libtest_mimic::{Failed, Trial};
use wasmkiln_tests::{compile_wasm, run, wat_module, RUN_TIMEOUT};

pub fn trials() -> Vec<Trial> {
    let variants: [(&str, &[&str]); 2] = [("O0", &["-O0"]), ("O2", &["-O2"])];
    variants
        .into_iter()
        .map(|(tag, flags)| Trial::test(format!("memory64::big_memory::{tag}"), move || big_memory(tag, flags)))
        .collect()
}

fn big_memory(tag: &str, flags: &[&str]) -> Result<(), Failed> {
    let wasm = wat_module("memory64", "big_memory", tag)?;
    let exe = wasm.with_extension("exe");
    compile_wasm(&wasm, &exe, flags)?;
    let out = run(&mut Command::new(&exe), b"", RUN_TIMEOUT)?;
    let expected = "1\n73728\nhello from above 4 GiB\n42\n600\n1234605616436508552\n18446744073709551615\n";
    if out.stdout() != expected || out.status.code() != Some(134) || out.stderr() != "error: wasm trap: out of bounds memory access\n" {
        return Err(format!("expected {expected:?}, then the out-of-bounds trap (134): {}", out.describe()).into());
    }
    Ok(())
}
