//! The pieces of the WASI cases (`wasi_cases.rs`): their annotations, the toolchains (where they
//! are, how they build), the directory tree each case starts from and how what it leaves is
//! written down.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{artifacts, build_step, clang, wasi_sysroot, workspace};

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

