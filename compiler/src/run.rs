//! `wasmkiln run`: compile a module (through the cache, see `cache.rs`) and run it, like
//! `wasmtime run`.
//!
//! ```text
//! wasmkiln run [OPTIONS] PROG.wasm [ARGS]... [-- ARGS...]
//! ```
//! Options may come before or after the module; arguments after it go to the program, and
//! everything after `--` does (so a program argument may start with `-`). The program's `argv[0]`
//! is the module path as given.
//!
//! Which build runs: see tier.rs (at -O1..-O3, a first run starts a quick -O0 build while the
//! optimized one is compiled in the background).
//!
//! How it runs: the cached executable replaces this process (`exec`), with the sandbox settings
//! (`--dir`, `--env`, `--inherit-env`) in the environment variable `WASMKILN_SANDBOX`, which the
//! executable's runtime reads (and never passes on to the program). So standard streams, exit
//! status and signals are the program's own, and nothing of the compiler stays in memory. The
//! program starts with SIGPIPE as `wasmkiln` did (before Rust's runtime ignored it for itself):
//! `prog | head -1` kills it quietly, or, with SIGPIPE ignored, its writes fail with EPIPE.

use crate::cache::CompileSettings;
use crate::codegen::config::settings_text;
use clap::Parser;
use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicBool, Ordering};
use wasmkiln_abi::sandbox;

/// Compile a WebAssembly program (cached) and run it.
#[derive(Parser, Debug)]
#[command(
    name = "wasmkiln run",
    version,
    after_help = "Arguments after the module go to the program; so does everything after `--`.\n\
                  The compiled program is cached in $WASMKILN_CACHE_DIR, else $XDG_CACHE_HOME/wasmkiln, else ~/.cache/wasmkiln."
)]
pub struct RunCli {
    /// Give the program access to host directory HOST (and below), named GUEST inside (default:
    /// HOST as written). Repeatable. Without it the program sees no files.
    #[arg(long = "dir", value_name = "HOST[::GUEST]")]
    pub dirs: Vec<OsString>,
    /// Set environment variable NAME for the program (NAME alone: pass the host's value).
    /// Repeatable. Without it the program's environment is empty.
    #[arg(long = "env", value_name = "NAME[=VALUE]")]
    pub envs: Vec<OsString>,
    /// Pass the whole host environment to the program (--env settings apply on top).
    #[arg(long)]
    pub inherit_env: bool,
    /// Optimization level 0-3 (`-O2` is the default).
    #[arg(short = 'O', default_value = "2", value_parser = clap::value_parser!(u8).range(0..=3))]
    pub opt: u8,
    /// Target CPU (default: the host CPU).
    #[arg(long)]
    pub cpu: Option<String>,
    /// Run even if some function imports are provided by no host module: each traps when called.
    #[arg(long)]
    pub trap_unknown_imports: bool,
    /// On a cache miss at -O1..-O3, compile the optimized build and wait for it, instead of
    /// running a quick -O0 build while the optimized one is compiled in the background.
    #[arg(long)]
    pub no_tier: bool,
    /// Say on stderr which build runs (-O level, tier), whether it came from the cache, and how
    /// long compiling took.
    #[arg(short = 'v', long)]
    pub verbose: bool,
    /// Show no progress bar while compiling (shown on stderr, when it is a terminal, once a
    /// compile has taken a second).
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Internal: be the background build of cache entry KEY (background.rs) and run nothing.
    #[arg(long, hide = true, value_name = "KEY")]
    pub background_build: Option<String>,
    /// The .wasm module to run.
    pub module: PathBuf,
    /// Arguments for the program.
    #[arg(allow_hyphen_values = false)]
    pub args: Vec<OsString>,
    /// More arguments for the program (after `--`).
    #[arg(last = true, hide = true)]
    pub rest: Vec<OsString>,
}

/// The sandbox settings words (`--dir X --env Y ...`), checked.
pub fn sandbox_words(dirs: &[OsString], envs: &[OsString], inherit_env: bool) -> Result<Vec<Vec<u8>>, String> {
    let mut words = Vec::new();
    for d in dirs {
        if sandbox::split_dir(d.as_bytes()).is_none() {
            return Err(format!("--dir `{}`: expected HOST or HOST::GUEST", d.to_string_lossy()));
        }
        words.push(b"--dir".to_vec());
        words.push(d.as_bytes().to_vec());
    }
    for e in envs {
        if sandbox::split_env(e.as_bytes()).is_none() {
            return Err(format!("--env `{}`: expected NAME=VALUE or NAME", e.to_string_lossy()));
        }
        words.push(b"--env".to_vec());
        words.push(e.as_bytes().to_vec());
    }
    if inherit_env {
        words.push(b"--inherit-env".to_vec());
    }
    Ok(words)
}

/// Runs `wasmkiln run` with its arguments (those after `run`). Returns only on failure.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let argv = std::iter::once(OsString::from("wasmkiln run")).chain(args);
    let cli = match RunCli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let msg = e.to_string();
            let first = msg.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ");
            eprintln!("error: {first} (see `wasmkiln run --help`; put program arguments after `--`)");
            return ExitCode::from(1);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    if let Some(key) = &cli.background_build {
        return crate::background::build(&cli.module, key, &settings(&cli));
    }
    match run(cli) {
        Ok(never) => match never {},
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Whether SIGPIPE was ignored when this process started (set by the `wasmkiln` binary before
/// Rust's runtime ignores it; Rust's `exec` resets it to the default).
pub static SIGPIPE_IGNORED_AT_START: AtomicBool = AtomicBool::new(false);

/// What the executable depends on besides the module.
fn settings(cli: &RunCli) -> CompileSettings {
    CompileSettings { opt: cli.opt, cpu: cli.cpu.clone(), trap_unknown_imports: cli.trap_unknown_imports }
}

/// Never returns on success: the process becomes the program.
fn run(cli: RunCli) -> Result<std::convert::Infallible, String> {
    let words = sandbox_words(&cli.dirs, &cli.envs, cli.inherit_env)?;
    let (exe, notes) = crate::tier::executable(&cli.module, &settings(&cli), !cli.no_tier, !cli.quiet)?;
    if cli.verbose {
        for note in notes {
            eprintln!("wasmkiln: {note}");
        }
    }
    let text = settings_text(&words);
    let mut cmd = Command::new(&exe);
    cmd.arg0(&cli.module).args(cli.args.iter().chain(&cli.rest)).env(sandbox::ENV_VAR, OsString::from_vec(text));
    if SIGPIPE_IGNORED_AT_START.load(Ordering::Relaxed) {
        // SAFETY: the closure only calls signal(2), which is async-signal-safe.
        unsafe {
            cmd.pre_exec(|| {
                libc::signal(libc::SIGPIPE, libc::SIG_IGN);
                Ok(())
            });
        }
    }
    let e = cmd.exec();
    Err(format!("cannot run {}: {e}", exe.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<RunCli, String> {
        RunCli::try_parse_from(std::iter::once("wasmkiln run").chain(args.iter().copied())).map_err(|e| e.to_string())
    }

    #[test]
    fn options_before_or_after_the_module_and_program_arguments() {
        let c = parse(&["--dir", "d::/d", "p.wasm", "--env", "A=1", "a", "b", "--", "-x", "--dir"]).unwrap();
        assert_eq!(c.module, PathBuf::from("p.wasm"));
        assert_eq!(c.dirs, ["d::/d"]);
        assert_eq!(c.envs, ["A=1"]);
        assert_eq!(c.args, ["a", "b"]);
        assert_eq!(c.rest, ["-x", "--dir"]);
        assert!(parse(&["p.wasm", "-x"]).is_err()); // an unknown option: must follow `--`
        assert!(parse(&[]).is_err());
    }

    #[test]
    fn sandbox_words_are_checked() {
        let w = sandbox_words(&["a::b".into()], &["K=v".into(), "H".into()], true).unwrap();
        assert_eq!(settings_text(&w), b"--dir a::b --env K=v --env H --inherit-env");
        assert!(sandbox_words(&["::b".into()], &[], false).unwrap_err().contains("HOST::GUEST"));
        assert!(sandbox_words(&[], &["=v".into()], false).unwrap_err().contains("NAME=VALUE"));
    }
}
