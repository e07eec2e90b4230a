//! The WASI programs of `tests/wasi/<toolchain>/` as libtest trials, for one or more platforms:
//! the host (`wasi.rs`: trials `TOOLCHAIN::NAME`) or a cross target run under its emulator
//! (`cross.rs`: `TRIPLE::wasi::TOOLCHAIN::NAME`, at -O2). Each program is built to Wasm once by
//! its toolchain, compiled by wasmkiln with its sandbox settings baked in, run in a fresh
//! directory tree, and judged by one text (exit status, stdout, stderr, the files left behind)
//! compared with `NAME.expected`; see `tests/wasi/README.md`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use libtest_mimic::{Failed, Trial};

use crate::platform::Platform;
use crate::wasi_support::{fixture, render_tree, CaseAnnotations, Toolchain};
use crate::{artifact_dir, compare, compile_wasm, describe_status, run, workspace, Output, RUN_TIMEOUT};

struct Case {
    toolchain: Toolchain,
    name: String,
    source: PathBuf,
    expected: PathBuf,
    ann: Result<CaseAnnotations, String>,
    /// The module, built once by whichever of the case's trials gets there first.
    wasm: OnceLock<Result<PathBuf, String>>,
}

/// One trial per case (a source and a toolchain that builds it) and platform.
pub fn wasi_cases(platforms: Vec<Platform>) -> Vec<Trial> {
    let root = workspace().join("tests/wasi");
    let platforms: Vec<Arc<Platform>> = platforms.into_iter().map(Arc::new).collect();
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
                    wasm: OnceLock::new(),
                });
                for platform in &platforms {
                    // The host's trials have no suite in their names (they are a test binary of their own).
                    let suite = if platform.target.is_some() { "wasi::" } else { "" };
                    let trial = format!("{}{suite}{}::{name}", platform.trial_prefix(), tc.name());
                    let (case, pl) = (Arc::clone(&case), Arc::clone(platform));
                    trials.push(platform.trial(trial, move || case.check(&pl)));
                }
            }
        }
    }
    trials
}

impl Case {
    /// `wasi/TOOLCHAIN/NAME/` of the artifacts: the module, and the host's executable and run.
    fn dir(&self) -> Result<PathBuf, String> {
        artifact_dir(&format!("wasi/{}/{}", self.toolchain.name(), self.name))
    }

    fn wasm(&self) -> Result<&Path, String> {
        let build = || {
            let ann = self.ann.as_ref()?;
            let wasm = self.dir()?.join(format!("{}.wasm", self.name));
            let _ = fs::remove_file(&wasm);
            self.toolchain.build(&self.source, &wasm, &ann.build_flags)?;
            Ok(wasm)
        };
        self.wasm.get_or_init(build).as_deref().map_err(Clone::clone)
    }

    fn check(&self, platform: &Platform) -> Result<(), Failed> {
        let ann = self.ann.as_ref()?;
        let wasm = self.wasm()?;
        // A cross target's executable and run are in `TRIPLE/` beside the host's.
        let dir = match platform.target {
            Some(t) => artifact_dir(&format!("wasi/{}/{}/{}", self.toolchain.name(), self.name, t.triple))?,
            None => self.dir()?,
        };
        // The sandbox settings are baked in at compile time.
        let exe = dir.join(&self.name);
        let mut flags: Vec<String> = vec!["-O2".into()];
        flags.extend(platform.flags());
        for d in &ann.dirs {
            flags.extend(["--dir".into(), d.clone()]);
        }
        for (k, v) in &ann.env {
            flags.extend(["--env".into(), format!("{k}={v}")]);
        }
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        compile_wasm(wasm, &exe, &flags)?;

        let run_dir = dir.join("run");
        fixture(&run_dir)?;
        let mut cmd = platform.command(&exe);
        cmd.args(&ann.args).current_dir(&run_dir).env_remove("WASMKILN_SANDBOX");
        let out = run(&mut cmd, ann.stdin.as_bytes(), RUN_TIMEOUT)?;
        let actual = render(&out, &run_dir)?;
        fs::write(dir.join("actual"), &actual).map_err(|e| format!("writing {}: {e}", dir.display()))?;

        // The host's run is the one that rewrites the expectations.
        if platform.target.is_none() && std::env::var_os("WASMKILN_BLESS").is_some() {
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
        None => format!("exit: {}\n", describe_status(out.status)),
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
