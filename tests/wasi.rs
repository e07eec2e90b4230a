//! WASI end to end, with the toolchains people use: programs in `tests/wasi/<toolchain>/` are
//! built to `wasm32-wasi` by their toolchain, compiled by wasmkiln with their sandbox settings
//! baked in, run in a fresh directory tree, and judged by what they print, how they exit and the
//! files they leave behind (`wasi_cases.rs`; `cross.rs` runs the same cases for aarch64 and
//! riscv64 under qemu). Then `wasmkiln run` and the sandbox settings themselves (`run::*`,
//! `sandbox::*`, `wasi_run.rs`). One libtest trial per case; `tests/wasi/README.md` documents
//! the format.
//!
//! | folder | toolchain (trial prefix) |
//! | --- | --- |
//! | `c/*.c` | clang-19 + wasi-libc (`clang::`); `also-with: zig-cc` adds `zig-cc::` |
//! | `cxx/*.cc` | clang++-19 + Debian's libc++ for wasm32-wasi, `-fno-exceptions` (`clang++::`) |
//! | `zig/*.zig` | `zig build-exe -target wasm32-wasi` (`zig::`) |
//! | `rust/*.rs` | Debian's `/usr/bin/rustc --target wasm32-wasi` (`rustc::`) |
//! | `asc/*.ts` | AssemblyScript + `@assemblyscript/wasi-shim` (`asc::`) |
//! | `emcc/*.c` | Emscripten, `-sSTANDALONE_WASM` (`emcc::`) |
//!
//! Besides the annotations of `tests/wasi/README.md`, `// build-flags: ...` adds flags at the end of a
//! case's build command (the SIMD cases: `rust/simd.rs` `-C target-feature=+simd128`, `zig/simd.zig`
//! `-mcpu generic+simd128`).
//!
//! A toolchain that is missing fails its trials with the reason (and the installer's own error
//! when `make toolchains` could not install it); it is never skipped.

use libtest_mimic::Arguments;
use wasmkiln_tests::platform::Platform;
use wasmkiln_tests::wasi_cases::wasi_cases;

mod wasi_run;

fn main() {
    let args = Arguments::from_args();
    let mut trials = wasi_cases(vec![Platform::host()]);
    trials.extend(wasi_run::run_trials());
    libtest_mimic::run(&args, trials).exit();
}
