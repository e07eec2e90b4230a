//! The compilation cache of `wasmkiln run`: compiled executables stored under the SHA-256 of
//! everything that determines them, so the second run of a module skips compilation.
//!
//! The key covers the module's bytes, the compiler (its version, and the size and modification
//! time of its own executable, so a rebuilt compiler never reuses old output), the target triple,
//! the CPU name and features code is generated for, and the optimization level. Sandbox settings
//! are not part of it: `wasmkiln run` passes them at run time.
//!
//! Location: `$WASMKILN_CACHE_DIR`, else `$XDG_CACHE_HOME/wasmkiln`, else `~/.cache/wasmkiln`.
//! Entries are `<dir>/v2/<key>`; they are written under a temporary name
//! (`.<key>.wasmkiln-PID-N.tmp`, driver.rs) and renamed into place, so concurrent runs never see a
//! half-written executable. Beside an entry, background.rs keeps `<key>.lock` while a background
//! build of it runs and `<key>.error` when the last one failed. Removing the directory is always
//! safe.

use crate::backend::OptLevel;
use crate::driver::{self, Emit, Options, Timings};
use crate::link::ScratchDir;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Bumped when the layout or the meaning of entries changes (v2: lock and error files).
const LAYOUT: &str = "v2";

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
#[derive(Clone, Debug)]
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

/// The entries of this layout in the cache directory.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of [`cache_dir`] (created when first written).
    pub fn open() -> Result<Cache, String> {
        Ok(Cache::in_dir(&cache_dir()?))
    }

    /// The cache of directory `root`.
    pub fn in_dir(root: &Path) -> Cache {
        Cache { dir: root.join(LAYOUT) }
    }

    /// Where the executable of `key` is stored.
    pub fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(key)
    }

    /// The file `KEY.EXT` beside the entry of `key`.
    pub fn beside(&self, key: &str, ext: &str) -> PathBuf {
        self.dir.join(format!("{key}.{ext}"))
    }

    /// The entry of `key`, if stored.
    pub fn lookup(&self, key: &str) -> Option<PathBuf> {
        Some(self.entry(key)).filter(|e| e.is_file())
    }

    /// Compiles `module`, the bytes of file `input` whose [`key`] with `settings` is `key`, into
    /// the entry of `key` (showing `progress`: see progress.rs); a failed compilation leaves no
    /// entry. The bytes are compiled from a copy of the file (of the same name, which the
    /// executable records), so that the entry holds the code of the bytes hashed even if the
    /// file changes meanwhile.
    pub fn compile(&self, module: &[u8], input: &Path, key: &str, settings: &CompileSettings, progress: bool) -> Result<(PathBuf, Timings), String> {
        std::fs::create_dir_all(&self.dir).map_err(|e| format!("cannot create the cache directory {}: {e}", self.dir.display()))?;
        let scratch = ScratchDir::new().map_err(|e| e.to_string())?;
        let copy = scratch.0.join(input.file_name().unwrap_or("module.wasm".as_ref()));
        std::fs::write(&copy, module).map_err(|e| format!("cannot write {}: {e}", copy.display()))?;
        let entry = self.entry(key);
        let opts = Options {
            opt: OptLevel::of(settings.opt),
            cpu: settings.cpu.clone(),
            trap_unknown_imports: settings.trap_unknown_imports,
            progress,
            ..Options::new(copy.clone(), entry.clone(), Emit::Exe)
        };
        let mut timings = Timings::default();
        driver::compile(&opts, &mut timings).map_err(|e| match e.file == copy {
            true => format!("{}: {}", input.display(), e.error),
            false => e.to_string(),
        })?;
        Ok((entry, timings))
    }
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
