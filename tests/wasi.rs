//! WASI end to end, with the toolchains people use: programs in `tests/wasi/<toolchain>/` are
//! built to `wasm32-wasi` by their toolchain, compiled by wasmkiln with their sandbox settings
//! baked in, run in a fresh directory tree, and judged by what they print, how they exit and the
//! files they leave behind. Then `wasmkiln run` and the sandbox settings themselves (`run::*`,
//! `sandbox::*`). One libtest trial per case; `tests/wasi/README.md` documents the format.
//!
//! | folder | toolchain (trial prefix) |
//! | --- | --- |
//! | `c/*.c` | clang-19 + wasi-libc (`clang::`); `also-with: zig-cc` adds `zig-cc::` |
//! | `cxx/*.cc` | clang++-19 + Debian's libc++ for wasm32-wasi, `-fno-exceptions` (`clang++::`) |
//! | `zig/*.zig` | `zig build-exe -target wasm32-wasi` (`zig::`) |
//! | `rust/*.rs` | Debian's `/usr/bin/rustc --target wasm32-wasi` (`rustc::`) |
//! | `asc/*.ts` | AssemblyScript + `@assemblyscript/wasi-shim` (`asc::`) |
//! | `emcc/*.c` | Emscripten, `-sSTANDALONE_WASM` (`emcc::`) |
//!
//! Besides the annotations of `tests/wasi/README.md`, `// build-flags: ...` adds flags at the end of a
//! case's build command (the SIMD cases: `rust/simd.rs` `-C target-feature=+simd128`, `zig/simd.zig`
//! `-mcpu generic+simd128`).
//!
//! A toolchain that is missing fails its trials with the reason (and the installer's own error
//! when `make toolchains` could not install it); it is never skipped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use wasmkiln_tests::{artifact_dir, compare, compile_wasm, run, workspace, Output, RUN_TIMEOUT};

mod wasi_support;
use wasi_support::{fixture, render_tree, CaseAnnotations, Toolchain};

fn main() {
    let args = Arguments::from_args();
    let mut trials = cases();
    trials.extend(wasi_support::run_trials());
    libtest_mimic::run(&args, trials).exit();
}

struct Case {
    toolchain: Toolchain,
    name: String,
    source: PathBuf,
    expected: PathBuf,
    ann: Result<CaseAnnotations, String>,
}

fn cases() -> Vec<Trial> {
    let root = workspace().join("tests/wasi");
    let mut trials = Vec::new();
    for (folder, ext, toolchain) in [
        ("c", "c", Toolchain::Clang),
        ("cxx", "cc", Toolchain::Clangxx),
        ("zig", "zig", Toolchain::Zig),
        ("rust", "rs", Toolchain::Rustc),
        ("asc", "ts", Toolchain::Asc),
        ("emcc", "c", Toolchain::Emcc),
    ] {
        let dir = root.join(folder);
        let mut sources: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        sources.sort();
        for source in sources {
            let name = source.file_stem().expect("a stem").to_string_lossy().into_owned();
            let ann = fs::read_to_string(&source)
                .map_err(|e| format!("reading {}: {e}", source.display()))
                .and_then(|text| CaseAnnotations::parse(&text).map_err(|e| format!("{}: {e}", source.display())));
            let mut toolchains = vec![toolchain];
            if let Ok(a) = &ann {
                toolchains.extend(a.also_with.iter().copied());
            }
            for tc in toolchains {
                let case = Arc::new(Case {
                    toolchain: tc,
                    name: name.clone(),
                    expected: source.with_extension("expected"),
                    source: source.clone(),
                    ann: ann.clone(),
                });
                trials.push(Trial::test(format!("{}::{name}", tc.name()), move || case.check()));
            }
        }
    }
    trials
}

impl Case {
    fn check(&self) -> Result<(), Failed> {
        let ann = self.ann.as_ref()?;
        let dir = artifact_dir(&format!("wasi/{}/{}", self.toolchain.name(), self.name))?;
        let wasm = dir.join(format!("{}.wasm", self.name));
        let _ = fs::remove_file(&wasm);
        self.toolchain.build(&self.source, &wasm, &ann.build_flags)?;
        // The sandbox settings are baked in at compile time.
        let exe = dir.join(&self.name);
        let mut flags: Vec<String> = Vec::new();
        for d in &ann.dirs {
            flags.extend(["--dir".into(), d.clone()]);
        }
        for (k, v) in &ann.env {
            flags.extend(["--env".into(), format!("{k}={v}")]);
        }
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        compile_wasm(&wasm, &exe, &flags)?;

        let run_dir = dir.join("run");
        fixture(&run_dir)?;
        let mut cmd = Command::new(&exe);
        cmd.args(&ann.args).current_dir(&run_dir).env_remove("WASMKILN_SANDBOX");
        let out = run(&mut cmd, ann.stdin.as_bytes(), RUN_TIMEOUT)?;
        let actual = render(&out, &run_dir)?;
        fs::write(dir.join("actual"), &actual).map_err(|e| format!("writing {}: {e}", dir.display()))?;

        if std::env::var_os("WASMKILN_BLESS").is_some() {
            fs::write(&self.expected, &actual).map_err(|e| format!("writing {}: {e}", self.expected.display()))?;
            return Ok(());
        }
        let expected = fs::read_to_string(&self.expected).map_err(|e| {
            format!("reading {}: {e} (WASMKILN_BLESS=1 writes it from this run: check it before committing)", self.expected.display())
        })?;
        match compare(&self.expected.display().to_string(), expected.as_bytes(), actual.as_bytes()) {
            None => Ok(()),
            Some(diff) => Err(format!(
                "{diff}\nthis run: {} (the whole text; `diff` it with the expected file)\nwasm: {}, executable: {}",
                dir.join("actual").display(),
                wasm.display(),
                exe.display()
            )
            .into()),
        }
    }
}

/// The text a run is judged by: exit status, stdout, stderr, and the files left in `run_dir`.
fn render(out: &Output, run_dir: &Path) -> Result<String, String> {
    let status = match out.status.code() {
        Some(code) => format!("exit: {code}\n"),
        None => format!("exit: {}\n", wasmkiln_tests::describe_status(out.status)),
    };
    let section = |title: &str, bytes: &[u8]| {
        let mut s = format!("--- {title}\n{}", String::from_utf8_lossy(bytes));
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            s.push_str("\n\\ no newline at the end\n");
        }
        s
    };
    Ok(format!(
        "{status}{}{}--- files\n{}",
        section("stdout", &out.stdout),
        section("stderr", &out.stderr),
        render_tree(run_dir)?
    ))
}
