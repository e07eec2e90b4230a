//! One case: a seed picks a module and its mutations; the mutant goes through the compiler's
//! entry point (`driver::compile`, `--emit obj`, -O0, one thread) with panics caught, and a
//! valid mutant is compiled again at -O2 for one seed in 16.

use crate::mutate::{mutate, rng as case_rng, Rng};
use crate::seeds::Seeds;
use std::path::{Path, PathBuf};
use wasmkiln::backend::OptLevel;
use wasmkiln::driver::{self, Emit, Options, Timings};

/// The mutant of `seed` and the names of its mutations.
pub fn mutant(seeds: &Seeds, seed: u64) -> (Vec<u8>, Vec<&'static str>) {
    let mut rng = case_rng(seed);
    let pick = |rng: &mut Rng| match rng.index(32) {
        0 => &seeds.large[rng.index(seeds.large.len())],
        _ => &seeds.small[rng.index(seeds.small.len())],
    };
    let (module, other) = (pick(&mut rng), pick(&mut rng));
    mutate(&mut rng, module, other)
}

/// Compiles `bytes` (written to `dir`) at `opt`: `Ok(true)` compiled, `Ok(false)` rejected
/// with an error, `Err` a panic or an error that breaks the bad-input rule.
pub fn compile(bytes: &[u8], dir: &Path, opt: OptLevel) -> Result<bool, String> {
    let input = dir.join("case.wasm");
    std::fs::write(&input, bytes).map_err(|e| format!("writing {}: {e}", input.display()))?;
    let opts = obj_options(input, dir.join("case.o"), opt);
    let result = std::panic::catch_unwind(|| driver::compile(&opts, &mut Timings::default()));
    match result {
        Ok(Ok(())) => Ok(true),
        Ok(Err(e)) => {
            let line = e.to_string();
            if line.contains('\n') || line.contains("internal error") {
                return Err(format!("bad error: {line:?}"));
            }
            Ok(false)
        }
        Err(panic) => {
            let msg = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            Err(format!("panic: {}", msg.unwrap_or_default()))
        }
    }
}

/// `--emit obj` at `opt` on one thread, for the host.
pub fn obj_options(input: PathBuf, output: PathBuf, opt: OptLevel) -> Options {
    Options { opt, jobs: 1, ..Options::new(input, output, Emit::Obj) }
}

/// Runs case `seed`: its outcome word (`invalid`, `compiled`, `compiled-O2`) or the finding.
pub fn run(seeds: &Seeds, seed: u64, dir: &Path) -> Result<&'static str, String> {
    let (bytes, _) = mutant(seeds, seed);
    if !compile(&bytes, dir, OptLevel::O0)? {
        return Ok("invalid");
    }
    if seed % 16 != 0 {
        return Ok("compiled");
    }
    compile(&bytes, dir, OptLevel::O2).map(|_| "compiled-O2").map_err(|e| format!("at -O2: {e}"))
}
