//! The compilation cache of `wasmkiln run`: compiled executables stored under the SHA-256 of
//! everything that determines them, so the second run of a module skips compilation.
//!
//! The key covers the module's bytes, the compiler (its version, and the size and modification
//! time of its own executable, so a rebuilt compiler never reuses old output), the target triple,
//! the CPU name and features code is generated for, and the optimization level. Sandbox settings
//! are not part of it: `wasmkiln run` passes them at run time.
//!
//! Location: `$WASMKILN_CACHE_DIR`, else `$XDG_CACHE_HOME/wasmkiln`, else `~/.cache/wasmkiln`.
//! Entries are `<dir>/v1/<key>`; they are written under a temporary name and renamed into place,
//! so concurrent runs never see a half-written executable. Removing the directory is always safe.

use crate::backend::OptLevel;
use crate::driver::{self, Emit, Options, Timings};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Bumped when the layout or the meaning of entries changes.
const LAYOUT: &str = "v1";

/// What the cache did.
#[derive(Debug)]
pub enum Outcome {
    /// Found: no compilation.
    Hit,
    /// Compiled now (the time of the whole and of each phase).
    Compiled(Timings),
}

/// The cache directory (not created).
pub fn cache_dir() -> Result<PathBuf, String> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = var("WASMKILN_CACHE_DIR") {
        return Ok(dir);
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Ok(dir.join("wasmkiln"));
    }
    match var("HOME") {
        Some(home) => Ok(home.join(".cache").join("wasmkiln")),
        None => Err("no cache directory: set WASMKILN_CACHE_DIR (or HOME)".into()),
    }
}

/// What a cached executable depends on besides the module.
pub struct CompileSettings {
    pub opt: u8,
    /// `None`: the host CPU and its features.
    pub cpu: Option<String>,
    /// `--trap-unknown-imports`.
    pub trap_unknown_imports: bool,
}

/// A SHA-256 over length-prefixed fields, so that consecutive fields cannot run into each other.
#[derive(Default)]
struct KeyHash(Sha256);

impl KeyHash {
    fn field(&mut self, data: &[u8]) -> &mut Self {
        self.0.update((data.len() as u64).to_le_bytes());
        self.0.update(data);
        self
    }

    fn hex(self) -> String {
        self.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The cache key of `module` compiled with `settings` by this compiler.
pub fn key(module: &[u8], settings: &CompileSettings) -> String {
    let mut h = KeyHash::default();
    h.field(b"wasmkiln run cache").field(LAYOUT.as_bytes()).field(env!("CARGO_PKG_VERSION").as_bytes());
    h.field(compiler_identity().as_bytes());
    h.field(crate::target::HOST_TARGET.as_bytes());
    match &settings.cpu {
        None => {
            h.field(inkwell::targets::TargetMachine::get_host_cpu_name().to_bytes());
            h.field(inkwell::targets::TargetMachine::get_host_cpu_features().to_bytes());
        }
        Some(cpu) => {
            h.field(cpu.as_bytes()).field(b"");
        }
    }
    h.field(&[settings.opt, settings.trap_unknown_imports as u8]);
    h.field(module);
    h.hex()
}

/// Size and modification time of the running compiler's executable.
fn compiler_identity() -> String {
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    match meta {
        Ok(m) => {
            let mtime = m.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).unwrap_or_default();
            format!("{} {}.{:09}", m.len(), mtime.as_secs(), mtime.subsec_nanos())
        }
        Err(_) => "unknown".into(),
    }
}

/// The cached executable for `input`, compiled first if the cache has none (with `progress`
/// shown: see progress.rs).
pub fn executable(input: &Path, settings: &CompileSettings, progress: bool) -> Result<(PathBuf, Outcome), String> {
    let module = std::fs::read(input).map_err(|e| format!("{}: cannot read: {e}", input.display()))?;
    let dir = cache_dir()?.join(LAYOUT);
    let entry = dir.join(key(&module, settings));
    if entry.is_file() {
        return Ok((entry, Outcome::Hit));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create the cache directory {}: {e}", dir.display()))?;
    let nanos = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let temp = dir.join(format!(".tmp-{}-{nanos}", std::process::id()));
    let opt = [OptLevel::O0, OptLevel::O1, OptLevel::O2, OptLevel::O3][settings.opt.min(3) as usize];
    let opts = Options { opt, cpu: settings.cpu.clone(), trap_unknown_imports: settings.trap_unknown_imports, progress, ..Options::new(input.to_path_buf(), temp.clone(), Emit::Exe) };
    let mut timings = Timings::default();
    if let Err(e) = driver::compile(&opts, &mut timings) {
        let _ = std::fs::remove_file(&temp);
        // Name the cache entry, not its temporary name, when writing it failed.
        return Err(if e.file == temp { format!("{}: {}", entry.display(), e.error) } else { e.to_string() });
    }
    std::fs::rename(&temp, &entry).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot store {} in the cache: {e}", entry.display())
    })?;
    Ok((entry, Outcome::Compiled(timings)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_length_prefixed() {
        // SHA-256 of 03 00 00 00 00 00 00 00 'abc' 00 00 00 00 00 00 00 00.
        let mut h = KeyHash::default();
        h.field(b"abc").field(b"");
        assert_eq!(h.hex(), "3e2f8940c3a0e0fd6f6e07bbf07f015dd7c147431e5fa14bf3f225d782641540");
    }

    #[test]
    fn keys_depend_on_everything_that_matters() {
        let s = |opt, cpu: Option<&str>| CompileSettings { opt, cpu: cpu.map(str::to_string), trap_unknown_imports: false };
        let base = key(b"\0asm\x01\0\0\0", &s(2, None));
        assert_eq!(base.len(), 64);
        assert_eq!(base, key(b"\0asm\x01\0\0\0", &s(2, None)));
        assert_ne!(base, key(b"\0asm\x01\0\0\0 ", &s(2, None)));
        assert_ne!(base, key(b"\0asm\x01\0\0\0", &s(0, None)));
        assert_ne!(base, key(b"\0asm\x01\0\0\0", &s(2, Some("x86-64"))));
    }
}
