//! `memory64::*` trials: a WASI program with a 64-bit memory (`tests/memory64/big_memory.wat`)
//! that grows to 4.5 GiB and touches it sparsely: bytes copied to and read back from above
//! 4 GiB, an i64 at an offset past 4 GiB, a fill and a loop across the 4 GiB boundary, the last
//! byte, a grow past the runtime's 64 GiB limit returning -1, and a load one past the end
//! trapping; at -O0 and -O2.

use libtest_mimic::Trial;

pub fn trials() -> Vec<Trial> {
    let expected = "1\n73728\nhello from above 4 GiB\n42\n600\n1234605616436508552\n18446744073709551615\n";
    wasmkiln_tests::wat_oob_trials("memory64", "big_memory", &[("O0", &["-O0"]), ("O2", &["-O2"])], expected)
}
