//! Which build `wasmkiln run` runs. The cached build at the requested `-O` if there is one; else,
//! at -O1..-O3 (tiered, the default), a quick -O0 build (cached under its own key) while the
//! optimized one is compiled in the background into the cache (background.rs) for later runs;
//! else (-O0, or `--no-tier`) the requested build, compiled now.

use crate::background;
use crate::cache::{self, Cache, CompileSettings};
use std::path::{Path, PathBuf};

/// The executable to run for `module` with `settings`, and what `-v` says about it (lines for
/// stderr). `tiered`: allow running -O0 first; `progress`: see progress.rs.
pub fn executable(module: &Path, settings: &CompileSettings, tiered: bool, progress: bool) -> Result<(PathBuf, Vec<String>), String> {
    let bytes = std::fs::read(module).map_err(|e| format!("{}: cannot read: {e}", module.display()))?;
    let cache = Cache::open()?;
    let key = cache::key(&bytes, settings);
    let requested = format!("-O{}", settings.opt);
    let mut notes = Vec::new();
    // Compiles into the cache now, noting it as `tier`.
    let build = |key: &str, settings: &CompileSettings, tier: &str, notes: &mut Vec<String>| {
        let (exe, timings) = cache.compile(&bytes, module, key, settings, progress)?;
        notes.push(format!("{tier} compiled in {}: {}", timings.summary(), exe.display()));
        Ok::<PathBuf, String>(exe)
    };
    if let Some(exe) = cache.lookup(&key) {
        notes.push(format!("{requested} cached: {}", exe.display()));
        return Ok((exe, notes));
    }
    if !tiered || settings.opt == 0 {
        let exe = build(&key, settings, &requested, &mut notes)?;
        return Ok((exe, notes));
    }
    if let Some(error) = background::take_failure(&cache, &key) {
        notes.push(format!("the last background {requested} build failed, trying again: {error}"));
    }
    let quick = CompileSettings { opt: 0, ..settings.clone() };
    let quick_key = cache::key(&bytes, &quick);
    let tier = "-O0 (optimized build in background)";
    let exe = match cache.lookup(&quick_key) {
        Some(exe) => {
            notes.push(format!("{tier} cached: {}", exe.display()));
            exe
        }
        None => build(&quick_key, &quick, tier, &mut notes)?,
    };
    if let Err(e) = background::start(&cache, &key, module, settings) {
        notes.push(format!("no background {requested} build: {e}"));
    }
    Ok((exe, notes))
}
