//! Linking the generated objects with the runtime into an executable (or a shared or static
//! library). The host's runtime static library is embedded in the compiler at build time (see
//! `build.rs`), so the compiler needs nothing beside itself for the host; a cross target's runtime
//! is a file `make runtime TARGET=...` builds (see target.rs). The C toolchain is found with the
//! `cc` crate (the target's cross gcc for a cross target).

use crate::driver::Emit;
use crate::error::{Error, Result};
use crate::target::{Kind, Resolved, HOST_TARGET, TARGETS};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The runtime static library for the host target.
pub static RUNTIME_LIB: &[u8] = include_bytes!(env!("WASMKILN_RUNTIME_LIB"));

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

/// What linking for a target needs: the C compiler driver (used as linker), the archiver and the
/// runtime, checked before compiling so a missing piece is one line naming what to install.
pub struct Toolchain {
    build: cc::Build,
    runtime: Option<PathBuf>,
}

impl Toolchain {
    /// The toolchain for `emit`ting an executable, shared library or static library for `target`.
    pub fn find(target: &Resolved, emit: Emit) -> Result<Toolchain> {
        let Some(info) = target.info else {
            let known: Vec<&str> = TARGETS.iter().map(|t| t.triple).collect();
            return Err(Error::new(format!("no runtime for {}: executables and libraries are built for {} (`wasmkiln --print targets`); --emit obj, asm and llvm-ir work for any target", target.triple, known.join(", "))));
        };
        if info.kind == Kind::Freestanding && matches!(emit, Emit::Exe | Emit::Shared) {
            return Err(Error::new(format!("{} is a firmware target: no executables or shared libraries (no OS to load them); use --emit staticlib, obj or header and link with your startup code", info.triple)));
        }
        let mut build = cc::Build::new();
        build.cargo_metadata(false).cargo_warnings(false).target(info.rust_target).host(HOST_TARGET).opt_level(0);
        let mut missing = Vec::new();
        // A static library is written by LLVM's archiver (below): it needs no C toolchain.
        match build.try_get_compiler() {
            _ if emit == Emit::Staticlib => {}
            Ok(tool) if on_path(tool.path()) => {}
            Ok(tool) => missing.push(format!("{} is not installed (apt-get install {})", tool.path().display(), info.packages)),
            Err(e) => missing.push(format!("no C toolchain found ({e}; apt-get install {})", info.packages)),
        }
        let runtime = match emit {
            Emit::Shared => None,
            _ if info.is_host() => None,
            _ => Some(info.runtime_lib()),
        };
        if let Some(lib) = runtime.as_ref().filter(|lib| !lib.is_file()) {
            missing.push(format!("its runtime {} is not built (`make runtime TARGET={}` in wasmkiln's source tree, or set WASMKILN_RUNTIME_DIR)", lib.display(), info.triple));
        }
        if !missing.is_empty() {
            return Err(Error::new(format!("cannot link for {}: {}", info.triple, missing.join("; "))));
        }
        Ok(Toolchain { build, runtime })
    }

    /// The runtime archive, in `scratch` when it is the embedded one.
    fn runtime(&self, scratch: &ScratchDir) -> Result<PathBuf> {
        if let Some(lib) = &self.runtime {
            return Ok(lib.clone());
        }
        let lib = scratch.0.join("libwasmkiln_runtime.a");
        std::fs::write(&lib, RUNTIME_LIB).map_err(|e| Error::new(format!("cannot write {}: {e}", lib.display())))?;
        Ok(lib)
    }

    fn linker(&self) -> Result<Command> {
        let tool = self.build.try_get_compiler().map_err(|e| Error::new(format!("no C toolchain found to link with: {e}")))?;
        Ok(tool.to_command())
    }

    /// Links `objects` into a shared library whose runtime functions (`wasmkiln_*` libcalls) are
    /// left undefined: the process that loads it (an embedder linked with `wasmkiln-runtime` and
    /// exporting its symbols dynamically) provides them, so every loaded module shares one runtime.
    pub fn link_shared(&self, objects: &[PathBuf], output: &Path) -> Result<()> {
        let mut cmd = self.linker()?;
        cmd.arg("-shared").arg("-o").arg(output).args(objects);
        run_tool(cmd, "linking")
    }

    /// Links `objects` with the runtime into the executable `output`.
    pub fn link_executable(&self, objects: &[PathBuf], scratch: &ScratchDir, output: &Path) -> Result<()> {
        let runtime = self.runtime(scratch)?;
        let mut cmd = self.linker()?;
        cmd.arg("-o").arg(output).args(objects).arg(&runtime).arg("-Wl,--gc-sections")
            // The runtime's standard library carries debug info that only bloats user programs.
            .arg("-Wl,--strip-debug")
            .args(SYSTEM_LIBS);
        run_tool(cmd, "linking")
    }

    /// Writes the static library `output`: the runtime's archive with `objects` added, by
    /// LLVM's `llvm-ar` (any target's objects; GNU ar's symbol index misses the members of Rust's
    /// standard library, whose embedded bitcode its LLVM plugin cannot read).
    pub fn archive(&self, objects: &[PathBuf], scratch: &ScratchDir, output: &Path) -> Result<()> {
        let runtime = self.runtime(scratch)?;
        let _ = std::fs::remove_file(output);
        std::fs::copy(&runtime, output).map_err(|e| Error::new(format!("cannot write: {e}")))?;
        let mut cmd = Command::new(concat!(env!("WASMKILN_LLVM_BIN"), "/llvm-ar"));
        cmd.arg("rs").arg(output).args(objects);
        run_tool(cmd, "archiving")
    }
}

/// Whether `program` exists: as a path, or as a name on `$PATH`.
fn on_path(program: &Path) -> bool {
    if program.components().count() > 1 {
        return program.is_file();
    }
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Runs a tool writing an output (under its temporary name: the error names the real one).
fn run_tool(mut cmd: Command, what: &str) -> Result<()> {
    let out = cmd.output().map_err(|e| Error::new(format!("cannot run {:?}: {e}", cmd.get_program())))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("(no output)");
        return Err(Error::new(format!("{what} failed: {first}")));
    }
    Ok(())
}
