//! Compiling a test module through the user-facing path (`--emit shared -O2`, in process), for
//! the host or a cross target.

use std::path::{Path, PathBuf};
use wasmkiln::codegen::BoundsChecks;
use wasmkiln::driver::{self, Emit, Options, Timings};
use wasmkiln::module_info;

/// Where the harness writes modules; one directory per process.
pub fn scratch_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("spec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the spec scratch directory");
    dir
}

/// How a set's modules are compiled (besides `--emit shared -O2`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Variant {
    /// `--target`; `None`: the host.
    pub target: Option<&'static str>,
    /// `--cpu`; `None`: the host's (without `--target`), the target's portable baseline (with).
    pub cpu: Option<&'static str>,
    pub bounds_checks: BoundsChecks,
    pub validation: Validation,
}

/// The features modules are validated with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Validation {
    /// Every proposal wasmkiln compiles (`module_info::features()`).
    #[default]
    All,
    /// WebAssembly 2.0 (with relaxed SIMD and extended constants): the 2.0 scripts have invalid
    /// modules that later proposals make valid.
    Wasm2,
    /// WebAssembly 2.0 with 64-bit memories and tables: the memory64 proposal's scripts, which
    /// predate multiple memories (a second memory, a nonzero memory index are invalid there).
    Memory64,
    /// WebAssembly 1.0 with threads: what the threads proposal's scripts were written against
    /// (one memory, one table).
    Wasm1Threads,
}

/// Compiles `bytes` to the shared object `dir/ID.so` and returns its path. `Err` carries the
/// compiler's message.
pub fn compile(bytes: &[u8], dir: &Path, id: &str, variant: Variant) -> Result<PathBuf, String> {
    let input = dir.join(format!("{id}.wasm"));
    let output = dir.join(format!("{id}.so"));
    std::fs::write(&input, bytes).map_err(|e| format!("cannot write {}: {e}", input.display()))?;
    let opts = Options {
        target: variant.target.map(str::to_string),
        cpu: variant.cpu.map(str::to_string),
        jobs: 1,
        bounds_checks: variant.bounds_checks,
        wasm_features: match variant.validation {
            Validation::All => module_info::features(),
            Validation::Wasm2 => module_info::wasm2_features(),
            Validation::Memory64 => module_info::wasm2_features() | wasmparser::WasmFeatures::MEMORY64,
            Validation::Wasm1Threads => wasmparser::WasmFeatures::WASM1 | wasmparser::WasmFeatures::THREADS,
        },
        ..Options::new(input.clone(), output.clone(), Emit::Shared)
    };
    let result = driver::compile(&opts, &mut Timings::default());
    let _ = std::fs::remove_file(&input);
    result.map_err(|e| e.to_string())?;
    Ok(output)
}
