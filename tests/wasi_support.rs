//! The pieces of `wasi.rs`: case annotations, the toolchains (where they are, how they build),
//! the directory tree each case starts from and how what it leaves is written down, and the
//! trials of `wasmkiln run` and of the sandbox settings (`run::*`, `sandbox::*`).

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use libtest_mimic::{Failed, Trial};
use wasmkiln_tests::{
    artifact_dir, artifacts, build_step, clang, compile_wasm, describe_status, run, wasi_sysroot, wasmkiln, workspace,
    Output, RUN_TIMEOUT,
};

// ---------------------------------------------------------------------------------------------------
// Annotations

/// `// key: value` lines in the comment block that opens a source file (see tests/wasi/README.md).
#[derive(Clone, Debug, Default)]
pub struct CaseAnnotations {
    /// `dir: HOST[::GUEST]`, HOST relative to the run directory.
    pub dirs: Vec<String>,
    /// `env: NAME=VALUE`.
    pub env: Vec<(String, String)>,
    /// `args: a "b c"`.
    pub args: Vec<String>,
    /// `stdin: a line` (repeatable).
    pub stdin: String,
    /// `also-with: zig-cc emcc`: more toolchains that build the same source.
    pub also_with: Vec<Toolchain>,
    /// `build-flags: -C target-feature=+simd128`: more flags for the toolchain's build command.
    pub build_flags: Vec<String>,
}

const KEYS: [&str; 7] = ["dir", "env", "args", "stdin", "exit", "also-with", "build-flags"];

impl CaseAnnotations {
    pub fn parse(source: &str) -> Result<CaseAnnotations, String> {
        let mut ann = CaseAnnotations::default();
        for (i, line) in source.lines().enumerate() {
            let Some(comment) = line.strip_prefix("//") else { break };
            let Some((key, value)) = comment.trim_start().split_once(':') else { continue };
            if !KEYS.contains(&key) {
                continue;
            }
            let value = value.strip_prefix(' ').unwrap_or(value).trim_end();
            let at = |m: String| format!("line {}: {m}", i + 1);
            match key {
                "dir" => ann.dirs.push(value.to_string()),
                "env" => {
                    let (k, v) = value.split_once('=').ok_or_else(|| at(format!("`env: {value}` is not NAME=VALUE")))?;
                    ann.env.push((k.to_string(), v.to_string()));
                }
                "args" => ann.args.extend(split_args(value).map_err(at)?),
                "stdin" => {
                    ann.stdin.push_str(value);
                    ann.stdin.push('\n');
                }
                // The exit status is part of the expected text; the annotation documents it.
                "exit" => drop(value.parse::<i32>().map_err(|_| at(format!("`exit: {value}` is not a number")))?),
                "build-flags" => ann.build_flags.extend(split_args(value).map_err(at)?),
                "also-with" => {
                    for name in value.split_whitespace() {
                        let tc = Toolchain::ALL
                            .into_iter()
                            .find(|t| t.name() == name)
                            .ok_or_else(|| at(format!("unknown toolchain `{name}`")))?;
                        ann.also_with.push(tc);
                    }
                }
                _ => unreachable!("every key is handled"),
            }
        }
        Ok(ann)
    }
}

/// Splits at spaces; `"..."` makes one argument.
fn split_args(s: &str) -> Result<Vec<String>, String> {
    let mut args = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').ok_or_else(|| format!("unterminated quote in `args: {s}`"))?;
            args.push(quoted[..end].to_string());
            rest = quoted[end + 1..].trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            args.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
    }
    Ok(args)
}

// ---------------------------------------------------------------------------------------------------
// Toolchains

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toolchain {
    Clang,
    Clangxx,
    ZigCc,
    Zig,
    Rustc,
    Asc,
    Emcc,
}

/// Where `make toolchains` installs Zig and AssemblyScript (`$WASMKILN_TOOLCHAINS` overrides).
fn toolchains_dir() -> PathBuf {
    match std::env::var_os("WASMKILN_TOOLCHAINS") {
        Some(d) => PathBuf::from(d),
        None => workspace().join("build/toolchains"),
    }
}

/// `rel` inside the installed toolchain `sub`, or why it is not there: the installer's own error
/// (`<sub>.error`, written by `make toolchains`) when it failed.
fn installed(sub: &str, rel: &str, what: &str) -> Result<PathBuf, String> {
    let base = toolchains_dir();
    let path = base.join(sub).join(rel);
    if path.exists() {
        return Ok(path);
    }
    let log = base.join(format!("{sub}.error"));
    Err(match fs::read_to_string(&log) {
        Ok(text) => format!("{what} could not be installed; `make toolchains` said ({}):\n{}", log.display(), text.trim_end()),
        Err(_) => format!("{what} is not installed at {}: run `make toolchains`", path.display()),
    })
}

fn require_dir(path: &str, packages: &str) -> Result<(), String> {
    if Path::new(path).is_dir() {
        Ok(())
    } else {
        Err(format!("{path} is missing: install the Debian packages {packages} (`make deps`)"))
    }
}

impl Toolchain {
    pub const ALL: [Toolchain; 7] =
        [Toolchain::Clang, Toolchain::Clangxx, Toolchain::ZigCc, Toolchain::Zig, Toolchain::Rustc, Toolchain::Asc, Toolchain::Emcc];

    pub fn name(self) -> &'static str {
        match self {
            Toolchain::Clang => "clang",
            Toolchain::Clangxx => "clang++",
            Toolchain::ZigCc => "zig-cc",
            Toolchain::Zig => "zig",
            Toolchain::Rustc => "rustc",
            Toolchain::Asc => "asc",
            Toolchain::Emcc => "emcc",
        }
    }

    fn zig() -> Result<Command, String> {
        let zig = installed("zig", "ziglang/zig", "Zig (PyPI package ziglang)")?;
        let mut cmd = Command::new(zig);
        let cache = artifacts().join("zig-cache");
        cmd.env("ZIG_GLOBAL_CACHE_DIR", &cache).env("ZIG_LOCAL_CACHE_DIR", &cache);
        Ok(cmd)
    }

    /// Builds `src` into the module `out`, with `extra` flags at the end of the command.
    pub fn build(self, src: &Path, out: &Path, extra: &[String]) -> Result<(), String> {
        let mut cmd = match self {
            Toolchain::Clang => {
                let mut c = Command::new(clang());
                c.args(["--target=wasm32-wasi", "-O2"]).arg(format!("--sysroot={}", wasi_sysroot()?.display()));
                c.arg(src).arg("-o").arg(out).arg("-lm");
                c
            }
            Toolchain::Clangxx => {
                require_dir("/usr/include/wasm32-wasi/c++", "libc++-19-dev-wasm32 libc++abi-19-dev-wasm32")?;
                let cxx = std::env::var("CLANGXX").unwrap_or_else(|_| "clang++-19".into());
                let mut c = Command::new(cxx);
                c.args(["--target=wasm32-wasi", "-O2", "-fno-exceptions"]);
                c.arg(format!("--sysroot={}", wasi_sysroot()?.display())).arg(src).arg("-o").arg(out);
                c
            }
            Toolchain::ZigCc => {
                let mut c = Toolchain::zig()?;
                c.args(["cc", "-target", "wasm32-wasi", "-O2"]).arg(src).arg("-o").arg(out);
                c
            }
            Toolchain::Zig => {
                let mut c = Toolchain::zig()?;
                c.args(["build-exe", "-target", "wasm32-wasi", "-O", "ReleaseSafe"]).arg(src);
                c.arg(format!("-femit-bin={}", out.display()));
                c.current_dir(out.parent().expect("a directory"));
                c
            }
            Toolchain::Rustc => {
                require_dir("/usr/lib/rustlib/wasm32-wasi", "rustc libstd-rust-dev-wasm32")?;
                let rustc = std::env::var("WASI_RUSTC").unwrap_or_else(|_| "/usr/bin/rustc".into());
                let mut c = Command::new(rustc);
                c.args(["--target", "wasm32-wasi", "-O", "--edition", "2021"]).arg(src).arg("-o").arg(out);
                c
            }
            Toolchain::Asc => {
                let asc = installed("asc", "node_modules/.bin/asc", "AssemblyScript (npm packages assemblyscript, @assemblyscript/wasi-shim)")?;
                let mut c = Command::new(asc);
                // The shim's configuration is found relative to the working directory.
                c.current_dir(toolchains_dir().join("asc"));
                c.arg(src).args(["--config", "./node_modules/@assemblyscript/wasi-shim/asconfig.json", "-O3", "-o"]).arg(out);
                c
            }
            Toolchain::Emcc => {
                let emcc = std::env::var("EMCC").unwrap_or_else(|_| "emcc".into());
                let mut c = Command::new(emcc);
                // Emscripten's JavaScript library lacks the WASI file functions the program
                // imports; in standalone mode they stay imports, which is what we want.
                c.args(["-O2", "-sSTANDALONE_WASM", "-sERROR_ON_UNDEFINED_SYMBOLS=0"]).arg(src).arg("-o").arg(out);
                c.current_dir(out.parent().expect("a directory"));
                c
            }
        };
        let result = build_step(cmd.args(extra));
        match result {
            Ok(_) if out.exists() => Ok(()),
            Ok(o) => Err(format!("{cmd:?} wrote no {}: {}", out.display(), o.describe())),
            Err(e) => Err(e),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// The directory tree of a run

/// Creates `run_dir` afresh with what every case starts from:
/// ```text
/// data/hello.txt          "Hello from the host!\n"
/// data/lines.txt          "alpha\nbeta\ngamma\n"
/// data/sub/nested.txt     "nested\n"
/// data/link_ok -> hello.txt
/// data/link_out -> ../outside/secret.txt      (points outside the sandbox)
/// data/link_abs -> /etc/hostname               (absolute)
/// outside/secret.txt      "top secret\n"       (must stay out of reach)
/// ```
pub fn fixture(run_dir: &Path) -> Result<(), String> {
    let io = |e: std::io::Error| format!("preparing {}: {e}", run_dir.display());
    if run_dir.exists() {
        fs::remove_dir_all(run_dir).map_err(io)?;
    }
    fs::create_dir_all(run_dir.join("data/sub")).map_err(io)?;
    fs::create_dir_all(run_dir.join("outside")).map_err(io)?;
    for (path, text) in [
        ("data/hello.txt", "Hello from the host!\n"),
        ("data/lines.txt", "alpha\nbeta\ngamma\n"),
        ("data/sub/nested.txt", "nested\n"),
        ("outside/secret.txt", "top secret\n"),
    ] {
        fs::write(run_dir.join(path), text).map_err(io)?;
    }
    for (target, link) in
        [("hello.txt", "data/link_ok"), ("../outside/secret.txt", "data/link_out"), ("/etc/hostname", "data/link_abs")]
    {
        symlink(target, run_dir.join(link)).map_err(io)?;
    }
    Ok(())
}

/// Every file below `dir`, sorted, one per line: `d PATH/`, `f PATH: "content"` (or its size and
/// a checksum when long or binary), `l PATH -> TARGET`.
pub fn render_tree(dir: &Path) -> Result<String, String> {
    let mut out = String::new();
    walk(dir, dir, &mut out).map_err(|e| format!("listing {}: {e}", dir.display()))?;
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut String) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let rel = path.strip_prefix(root).expect("below root").display().to_string();
        let meta = fs::symlink_metadata(&path)?;
        if meta.file_type().is_symlink() {
            out.push_str(&format!("l {rel} -> {}\n", fs::read_link(&path)?.display()));
        } else if meta.is_dir() {
            out.push_str(&format!("d {rel}/\n"));
            walk(root, &path, out)?;
        } else if meta.is_file() {
            let bytes = fs::read(&path)?;
            match std::str::from_utf8(&bytes) {
                Ok(text) if bytes.len() <= 200 => out.push_str(&format!("f {rel}: {text:?}\n")),
                _ => {
                    let sum = bytes.iter().fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(b as u32));
                    out.push_str(&format!("f {rel}: {} bytes, checksum {sum:08x}\n", bytes.len()));
                }
            }
        } else {
            out.push_str(&format!("? {rel}\n"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// `wasmkiln run` and the sandbox settings of executables

pub fn run_trials() -> Vec<Trial> {
    vec![
        Trial::test("run::compiles_once_then_uses_the_cache", run_cache),
        Trial::test("run::passes_arguments_environment_directories_stdin_and_status", run_passes_everything),
        Trial::test("run::errors", run_errors),
        Trial::test("sandbox::nothing_by_default", sandbox_default),
        Trial::test("sandbox::baked_in_at_compile_time", sandbox_baked),
        Trial::test("sandbox::environment_variable_overrides", sandbox_override),
    ]
}

/// `tests/wasi/run/probe.c` built once with clang.
fn probe() -> Result<PathBuf, String> {
    static PROBE: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    PROBE
        .get_or_init(|| {
            let wasm = artifact_dir("wasi/run")?.join("probe.wasm");
            Toolchain::Clang.build(&workspace().join("tests/wasi/run/probe.c"), &wasm, &[])?;
            Ok(wasm)
        })
        .clone()
}

/// A fresh directory for one trial, with the fixture tree in it.
fn trial_dir(name: &str) -> Result<PathBuf, String> {
    let dir = artifact_dir(&format!("wasi/run/{name}"))?;
    fixture(&dir)?;
    Ok(dir)
}

/// Runs `cmd` in `dir` with `stdin`; no WASMKILN_* variable leaks in from the test's environment.
fn go(cmd: &mut Command, dir: &Path, stdin: &str) -> Result<Output, String> {
    cmd.current_dir(dir).env_remove("WASMKILN_SANDBOX");
    run(cmd, stdin.as_bytes(), RUN_TIMEOUT)
}

fn expect(out: &Output, status: i32, stdout: &str, stderr_has: &[&str]) -> Result<(), String> {
    let mut problems = Vec::new();
    if out.status.code() != Some(status) {
        problems.push(format!("{}, expected exit status {status}", describe_status(out.status)));
    }
    if let Some(d) = wasmkiln_tests::compare("stdout", stdout.as_bytes(), &out.stdout) {
        problems.push(d);
    }
    for s in stderr_has {
        if !out.stderr().contains(s) {
            problems.push(format!("stderr lacks {s:?}"));
        }
    }
    if out.stderr().contains("panicked") {
        problems.push("stderr mentions a panic".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{}", problems.join("\n"), out.describe()))
    }
}

fn wasmkiln_run(cache: &Path) -> Result<Command, String> {
    let mut cmd = Command::new(wasmkiln()?);
    cmd.arg("run").env("WASMKILN_CACHE_DIR", cache);
    Ok(cmd)
}

/// The first run compiles (`-v` says so), the second finds the executable in the cache; another
/// module or another `-O` compiles again.
fn run_cache() -> Result<(), Failed> {
    let wasm = probe()?;
    let dir = trial_dir("cache")?;
    let cache = dir.join("cache");
    let want = "argc 2: [probe.wasm] [hi]\nenv:\npreopens:\n";
    let module = dir.join("probe.wasm");
    fs::copy(&wasm, &module).map_err(|e| e.to_string())?;
    let t0 = Instant::now();
    let first = go(wasmkiln_run(&cache)?.args(["-v", "probe.wasm", "hi"]), &dir, "")?;
    let t1 = Instant::now();
    expect(&first, 0, want, &["wasmkiln: compiled in"])?;
    let second = go(wasmkiln_run(&cache)?.args(["-v", "probe.wasm", "hi"]), &dir, "")?;
    let t2 = Instant::now();
    expect(&second, 0, want, &["wasmkiln: cached: "])?;
    let entries = fs::read_dir(cache.join("v1")).map_err(|e| e.to_string())?.count();
    if entries != 1 {
        return Err(format!("the cache holds {entries} entries after two runs of one module, not 1").into());
    }
    // A different module (one more custom section) and another -O: compiled anew.
    let mut bytes = fs::read(&module).map_err(|e| e.to_string())?;
    bytes.extend_from_slice(&[0, 5, 4, b'n', b'o', b't', b'e']);
    fs::write(&module, bytes).map_err(|e| e.to_string())?;
    expect(&go(wasmkiln_run(&cache)?.args(["-v", "probe.wasm", "hi"]), &dir, "")?, 0, want, &["compiled in"])?;
    expect(&go(wasmkiln_run(&cache)?.args(["-v", "-O0", "probe.wasm", "hi"]), &dir, "")?, 0, want, &["compiled in"])?;
    expect(&go(wasmkiln_run(&cache)?.args(["-v", "-O0", "probe.wasm", "hi"]), &dir, "")?, 0, want, &["cached"])?;
    eprintln!("run::cache: first run {:?}, second {:?}", t1 - t0, t2 - t1);
    Ok(())
}

fn run_passes_everything() -> Result<(), Failed> {
    let wasm = probe()?;
    let dir = trial_dir("passes")?;
    let cache = dir.join("cache");
    let w = wasm.display().to_string();
    // Options before and after the module; everything after `--` is the program's.
    let out = go(
        wasmkiln_run(&cache)?
            .args(["--dir", "data::/data", &w, "--env", "A=1", "--env", "HOME", "one", "--", "--dir", "x"])
            .args(["cat=/data/hello.txt", "cat=/data/../outside/secret.txt", "stdin", "exit=7"])
            .env("HOME", "/home/tester"),
        &dir,
        "first line of input\nsecond\n",
    )?;
    let want = format!(
        "argc 8: [{w}] [one] [--dir] [x] [cat=/data/hello.txt] [cat=/data/../outside/secret.txt] [stdin] [exit=7]\n\
         env: [A=1] [HOME=/home/tester]\npreopens: [/data]\n\
         /data/hello.txt: Hello from the host!\n/data/../outside/secret.txt: ENOTCAPABLE\nstdin: first line of input\n"
    );
    expect(&out, 7, &want, &[])?;
    // --inherit-env passes the host environment, but not WASMKILN_SANDBOX itself.
    let out = go(
        wasmkiln_run(&cache)?.args(["--inherit-env", "--env", "B=2", &w]).env("PROBE_MARK", "inherited"),
        &dir,
        "",
    )?;
    let env_line = out.stdout().lines().nth(1).unwrap_or("").to_string();
    if !env_line.contains("[PROBE_MARK=inherited]") || !env_line.contains("[B=2]") || env_line.contains("WASMKILN_SANDBOX") {
        return Err(format!("--inherit-env: unexpected environment line {env_line:?}\n{}", out.describe()).into());
    }
    Ok(())
}

fn run_errors() -> Result<(), Failed> {
    let wasm = probe()?;
    let dir = trial_dir("errors")?;
    let cache = dir.join("cache");
    let w = wasm.display().to_string();
    let out = go(wasmkiln_run(&cache)?.arg("missing.wasm"), &dir, "")?;
    expect(&out, 1, "", &["error: missing.wasm: cannot read:"])?;
    fs::write(dir.join("bad.wasm"), b"\0asm\x01\0\0\0\x01\x02").map_err(|e| e.to_string())?;
    let out = go(wasmkiln_run(&cache)?.arg("bad.wasm"), &dir, "")?;
    expect(&out, 1, "", &["error: bad.wasm: offset 0x"])?;
    let out = go(wasmkiln_run(&cache)?.args(["--dir", "nothere::/x", &w]), &dir, "")?;
    expect(&out, 1, "", &["error: --dir nothere::/x: cannot open the directory: No such file or directory"])?;
    let out = go(wasmkiln_run(&cache)?.args(["--dir", "::/x", &w]), &dir, "")?;
    expect(&out, 1, "", &["error: --dir `::/x`: expected HOST or HOST::GUEST"])?;
    let out = go(wasmkiln_run(&cache)?.args([&w, "-x"]), &dir, "")?;
    expect(&out, 1, "", &["put program arguments after `--`"])?;
    let out = go(wasmkiln_run(&cache)?.arg("--help"), &dir, "")?;
    if !out.status.success() || !out.stdout().contains("--inherit-env") {
        return Err(format!("wasmkiln run --help: {}", out.describe()).into());
    }
    Ok(())
}

fn probe_exe(name: &str, flags: &[&str]) -> Result<(PathBuf, PathBuf), String> {
    let dir = trial_dir(name)?;
    let exe = dir.join("probe");
    compile_wasm(&probe()?, &exe, flags)?;
    Ok((dir, exe))
}

fn sandbox_default() -> Result<(), Failed> {
    let (dir, exe) = probe_exe("default", &[])?;
    let out = go(Command::new(&exe).args(["cat=/data/hello.txt", "cat=hello.txt"]).env("FOO", "bar"), &dir, "")?;
    let want = format!(
        "argc 3: [{}] [cat=/data/hello.txt] [cat=hello.txt]\nenv:\npreopens:\n/data/hello.txt: ENOTCAPABLE\nhello.txt: ENOTCAPABLE\n",
        exe.display()
    );
    expect(&out, 0, &want, &[])?;
    Ok(())
}

fn sandbox_baked() -> Result<(), Failed> {
    let (dir, exe) = probe_exe("baked", &["--dir", "data::/data", "--dir", "data/sub::/nested dir", "--env", "A=a b", "--env", "HOME"])?;
    let out = go(
        Command::new(&exe).args(["cat=/data/lines.txt", "cat=/nested dir/nested.txt"]).env("HOME", "/h").env("FOO", "x"),
        &dir,
        "",
    )?;
    let want = format!(
        "argc 3: [{}] [cat=/data/lines.txt] [cat=/nested dir/nested.txt]\nenv: [A=a b] [HOME=/h]\npreopens: [/data] [/nested dir]\n\
         /data/lines.txt: alpha\n/nested dir/nested.txt: nested\n",
        exe.display()
    );
    expect(&out, 0, &want, &[])?;
    // Relative host directories are relative to the working directory at run time.
    let elsewhere = dir.join("outside");
    let out = go(&mut Command::new(&exe), &elsewhere, "")?;
    expect(&out, 1, "", &["error: --dir data::/data: cannot open the directory: No such file or directory"])?;
    Ok(())
}

fn sandbox_override() -> Result<(), Failed> {
    let (dir, exe) = probe_exe("override", &["--dir", "data::/data", "--env", "A=1"])?;
    let e = exe.display();
    let mut cmd = Command::new(&exe);
    cmd.arg("cat=/other/secret.txt");
    cmd.env("WASMKILN_SANDBOX", "--dir outside::/other --env 'B=two words' --inherit-env");
    cmd.current_dir(&dir);
    let out = run(cmd.env("ONLY_HOST", "1"), b"", RUN_TIMEOUT)?;
    let env_line = out.stdout().lines().nth(1).unwrap_or("").to_string();
    let rest = out.stdout().lines().skip(2).collect::<Vec<_>>().join("\n");
    if out.status.code() != Some(0)
        || !env_line.contains("[B=two words]")
        || !env_line.contains("[ONLY_HOST=1]")
        || env_line.contains("[A=1]")
        || env_line.contains("WASMKILN_SANDBOX")
        || rest != "preopens: [/other]\n/other/secret.txt: top secret"
    {
        return Err(format!("WASMKILN_SANDBOX did not replace the baked-in settings:\n{}", out.describe()).into());
    }
    // Set but empty: nothing at all.
    let mut cmd = Command::new(&exe);
    let out = run(cmd.env("WASMKILN_SANDBOX", "").current_dir(&dir), b"", RUN_TIMEOUT)?;
    expect(&out, 0, &format!("argc 1: [{e}]\nenv:\npreopens:\n"), &[])?;
    // Malformed: an error, and the program does not run.
    for (text, message) in [
        ("--dir", "error: $WASMKILN_SANDBOX: `--dir` needs a value"),
        ("--frob", "error: $WASMKILN_SANDBOX: unknown setting `--frob`"),
        ("--env 'x", "error: $WASMKILN_SANDBOX: unterminated quote"),
    ] {
        let mut cmd = Command::new(&exe);
        let out = run(cmd.env("WASMKILN_SANDBOX", text).current_dir(&dir), b"", RUN_TIMEOUT)?;
        expect(&out, 1, "", &[message])?;
    }
    Ok(())
}
