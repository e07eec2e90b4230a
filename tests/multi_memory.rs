//! `multi_memory::*` trials: a WASI program with three memories (`tests/multi_memory/*.wat`):
//! copies between memories, loads and stores naming their memory, `memory.size`/`grow`/`fill`
//! per memory, and an out-of-bounds store to a small memory trapping while the same address
//! is valid in another, at -O0 and -O2, and with explicit bounds checks.

use libtest_mimic::Trial;

pub fn trials() -> Vec<Trial> {
    let variants: [(&str, &[&str]); 3] = [("O0", &["-O0"]), ("O2", &["-O2"]), ("explicit", &["-O2", "--bounds-checks", "explicit"])];
    wasmkiln_tests::wat_oob_trials("multi_memory", "two_memories", &variants, "copied from memory 1\n000\n002\n045\n001\n001\n")
}
