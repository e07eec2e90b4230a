//! Linking the generated object with the runtime into an executable. The runtime's static
//! library is embedded in the compiler at build time (see `build.rs`), so the compiler needs
//! nothing beside itself; the C toolchain is found with the `cc` crate.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The runtime static library for the host target.
pub static RUNTIME_LIB: &[u8] = include_bytes!(env!("WASMKILN_RUNTIME_LIB"));

/// The target the compiler (and its embedded runtime) was built for.
pub const HOST_TARGET: &str = env!("WASMKILN_HOST_TARGET");

/// Native libraries Rust's standard library needs on Linux (what `rustc --print
/// native-static-libs` reports for a staticlib).
const SYSTEM_LIBS: &[&str] = &["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"];

/// A scratch directory removed when dropped.
pub struct ScratchDir(pub PathBuf);

impl ScratchDir {
    pub fn new() -> Result<ScratchDir> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("wasmkiln-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::new(format!("cannot create {}: {e}", dir.display())))?;
        Ok(ScratchDir(dir))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The C compiler driver used as linker.
fn linker() -> Result<cc::Tool> {
    cc::Build::new()
        .cargo_metadata(false)
        .cargo_warnings(false)
        .target(HOST_TARGET)
        .host(HOST_TARGET)
        .opt_level(0)
        .try_get_compiler()
        .map_err(|e| Error::new(format!("no C toolchain found to link with: {e}")))
}

/// Links `objects` into a shared library whose runtime functions (`wasmkiln_*` libcalls) are
/// left undefined: the process that loads it (an embedder linked with `wasmkiln-runtime` and
/// exporting its symbols dynamically) provides them, so every loaded module shares one runtime.
pub fn link_shared(objects: &[PathBuf], output: &Path) -> Result<()> {
    let mut cmd: Command = linker()?.to_command();
    cmd.arg("-shared").arg("-o").arg(output).args(objects);
    run_linker(cmd, output)
}

/// Links `objects` with the runtime into the executable `output`.
pub fn link_executable(objects: &[PathBuf], scratch: &ScratchDir, output: &Path) -> Result<()> {
    let runtime = scratch.0.join("libwasmkiln_runtime.a");
    std::fs::write(&runtime, RUNTIME_LIB).map_err(|e| Error::new(format!("cannot write {}: {e}", runtime.display())))?;
    let mut cmd: Command = linker()?.to_command();
    cmd.arg("-o").arg(output).args(objects).arg(&runtime).arg("-Wl,--gc-sections")
        // The runtime's standard library carries debug info that only bloats user programs.
        .arg("-Wl,--strip-debug")
        .args(SYSTEM_LIBS);
    run_linker(cmd, output)
}

fn run_linker(mut cmd: Command, output: &Path) -> Result<()> {
    let out = cmd.output().map_err(|e| Error::new(format!("cannot run the linker {:?}: {e}", cmd.get_program())))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("(no output)");
        return Err(Error::new(format!("linking {} failed: {first}", output.display())));
    }
    Ok(())
}
