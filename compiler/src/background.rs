//! The optimized build of a tiered `wasmkiln run` (tier.rs), compiled into the cache by a
//! detached process, since the run's own process becomes the program.
//!
//! [`start`] runs `wasmkiln run --background-build KEY [-O, --cpu, --trap-unknown-imports]
//! MODULE` in a session of its own (`setsid`), its standard streams on `/dev/null`, forked once
//! more so that init adopts it rather than the program. That process ([`build`]) holds an
//! exclusive `flock` on `KEY.lock` while it works: a run that finds the lock held starts no second
//! build, and a build that cannot take it leaves. It compiles at low priority (`nice` 10) from the
//! module's bytes whose hash is KEY (nothing if the module or the compiler changed since the run
//! computed the key), into the entry of KEY, which the driver writes under a temporary name and
//! renames when complete: an interrupted or failed build leaves no entry (a killed one leaves its
//! temporary file, which the next build removes). A failed one leaves its error in `KEY.error`,
//! which the next run reports under `-v` ([`take_failure`]) before trying again.

use crate::cache::{self, Cache, CompileSettings};
use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::os::unix::io::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

/// Starts the background build of `module` with `settings` into the entry of `key`, unless one
/// is running.
pub fn start(cache: &Cache, key: &str, module: &Path, settings: &CompileSettings) -> Result<(), String> {
    if running(cache, key)? {
        return Ok(());
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the wasmkiln executable: {e}"))?;
    let module = std::path::absolute(module).map_err(|e| format!("{}: {e}", module.display()))?;
    let mut cmd = Command::new(exe);
    cmd.args(arguments(key, &module, settings));
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    // SAFETY: the closure calls only async-signal-safe functions (setsid, fork, _exit).
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() == -1 {
                return Err(std::io::Error::last_os_error());
            }
            // The builder is the grandchild; the child exits at once and is reaped below.
            match libc::fork() {
                -1 => Err(std::io::Error::last_os_error()),
                0 => Ok(()),
                _ => libc::_exit(0),
            }
        });
    }
    let mut child = cmd.spawn().map_err(|e| format!("cannot start the background build: {e}"))?;
    child.wait().map_err(|e| format!("cannot start the background build: {e}"))?;
    Ok(())
}

/// The arguments of `wasmkiln` that make it the background build (`module` absolute, so never
/// taken for an option).
fn arguments(key: &str, module: &Path, settings: &CompileSettings) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["run".into(), "--background-build".into(), key.into(), format!("-O{}", settings.opt).into()];
    if let Some(cpu) = &settings.cpu {
        args.extend(["--cpu".into(), cpu.into()]);
    }
    if settings.trap_unknown_imports {
        args.push("--trap-unknown-imports".into());
    }
    args.push(module.into());
    args
}

/// Whether a background build of `key` holds its lock.
fn running(cache: &Cache, key: &str) -> Result<bool, String> {
    match OpenOptions::new().write(true).open(cache.beside(key, "lock")) {
        Ok(file) => Ok(!try_lock(&file)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!("cannot open the lock of the background build: {e}")),
    }
}

/// Takes an exclusive lock on `file` if free (released when the file is closed).
fn try_lock(file: &File) -> Result<bool, String> {
    // SAFETY: flock on a file descriptor we own.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(true);
    }
    match std::io::Error::last_os_error() {
        e if e.raw_os_error() == Some(libc::EWOULDBLOCK) => Ok(false),
        e => Err(format!("cannot lock: {e}")),
    }
}

/// The error of the last background build of `key`, if it failed; forgotten once returned.
pub fn take_failure(cache: &Cache, key: &str) -> Option<String> {
    let path = cache.beside(key, "error");
    let text = std::fs::read_to_string(&path).ok()?;
    let _ = std::fs::remove_file(&path);
    Some(text.trim().to_string())
}

/// The background build (`wasmkiln run --background-build KEY`): see the module's documentation.
pub fn build(module: &Path, key: &str, settings: &CompileSettings) -> ExitCode {
    let Ok(cache) = Cache::open() else { return ExitCode::FAILURE };
    let lock_path = cache.beside(key, "lock");
    let Ok(lock) = OpenOptions::new().write(true).create(true).truncate(false).open(&lock_path) else { return ExitCode::FAILURE };
    if try_lock(&lock) != Ok(true) {
        return ExitCode::SUCCESS; // another build has it
    }
    // SAFETY: lowers this process's own priority; a file grown past RLIMIT_FSIZE then fails
    // the write (an error recorded below) instead of killing the build.
    unsafe {
        libc::nice(10);
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    for stale in crate::driver::stale_temporaries(&cache.entry(key)) {
        let _ = std::fs::remove_file(stale);
    }
    let result = match cache.lookup(key) {
        Some(_) => Ok(()), // built meanwhile
        None => match std::fs::read(module) {
            Ok(bytes) if cache::key(&bytes, settings) == key => cache.compile(&bytes, module, key, settings, false).map(drop),
            Ok(_) => Ok(()), // the module or the compiler changed: the key is no longer ours
            Err(e) => Err(format!("{}: cannot read: {e}", module.display())),
        },
    };
    if let Err(e) = &result {
        record_failure(&cache, key, e);
    }
    // Removed while locked: a build that opened it before still finds the entry, or the error.
    let _ = std::fs::remove_file(&lock_path);
    drop(lock);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Leaves `error` in `KEY.error` (written under a temporary name, then renamed).
fn record_failure(cache: &Cache, key: &str, error: &str) {
    let path = cache.beside(key, "error");
    let temp = cache.beside(key, &format!("error.tmp-{}", std::process::id()));
    if std::fs::write(&temp, format!("{error}\n")).and_then(|()| std::fs::rename(&temp, &path)).is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn the_background_build_gets_the_settings_back() {
        for settings in [
            CompileSettings { opt: 2, cpu: None, trap_unknown_imports: false },
            CompileSettings { opt: 3, cpu: Some("x86-64".into()), trap_unknown_imports: true },
        ] {
            let args = arguments("k3y", Path::new("/m/-x.wasm"), &settings);
            let cli = crate::run::RunCli::try_parse_from(std::iter::once(OsString::from("wasmkiln run")).chain(args.into_iter().skip(1))).unwrap();
            assert_eq!(cli.background_build.as_deref(), Some("k3y"));
            assert_eq!(cli.module, Path::new("/m/-x.wasm"));
            assert_eq!((cli.opt, cli.cpu, cli.trap_unknown_imports), (settings.opt, settings.cpu, settings.trap_unknown_imports));
            assert!(cli.args.is_empty() && cli.rest.is_empty());
        }
    }

    #[test]
    fn a_failure_is_reported_once() {
        let dir = crate::link::ScratchDir::new().unwrap();
        let cache = Cache::in_dir(&dir.0);
        std::fs::create_dir_all(cache.entry("k").parent().unwrap()).unwrap();
        assert_eq!(take_failure(&cache, "k"), None);
        record_failure(&cache, "k", "cannot write: disk full");
        assert_eq!(take_failure(&cache, "k").as_deref(), Some("cannot write: disk full"));
        assert_eq!(take_failure(&cache, "k"), None);
        assert!(!running(&cache, "k").unwrap());
        let lock = OpenOptions::new().write(true).create(true).truncate(false).open(cache.beside("k", "lock")).unwrap();
        assert!(try_lock(&lock).unwrap());
        assert!(running(&cache, "k").unwrap());
        drop(lock);
        assert!(!running(&cache, "k").unwrap());
    }
}
