//! The C programs of `tests/c/` as libtest trials, for one or more platforms: the host
//! (`e2e.rs`: trials `c::NAME::O2`, `c::NAME::O0`) or a cross target run under an emulator
//! (`cross.rs`: `TRIPLE::c::NAME::O2`). Each program is built once to Wasm and natively (the
//! reference, on the host); see `e2e.rs` for how programs are judged.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use libtest_mimic::{Failed, Trial};

pub use crate::platform::Platform;
use crate::{
    artifact_dir, build_c_native, build_c_to_wasm, compare, compile_wasm, describe_status, run,
    simd_instructions, workspace, Annotations, Output, RUN_TIMEOUT,
};

struct Program {
    name: String,
    source: PathBuf,
    annotations: Result<Annotations, String>,
    /// Built once, by whichever of the program's trials gets there first.
    prepared: OnceLock<Result<Prepared, String>>,
}

struct Prepared {
    dir: PathBuf,
    wasm: PathBuf,
    /// The native build's output; `None` for programs judged by their annotations.
    reference: Option<Output>,
}

/// One trial per program of `tests/c/`, platform and optimization level.
pub fn c_programs(platforms: Vec<Platform>) -> Vec<Trial> {
    let dir = workspace().join("tests/c");
    let mut sources: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    sources.sort();
    let platforms: Vec<Arc<Platform>> = platforms.into_iter().map(Arc::new).collect();
    let mut trials = Vec::new();
    for source in sources {
        let name = source
            .file_stem()
            .expect("a .c file has a stem")
            .to_string_lossy()
            .into_owned();
        let annotations = fs::read_to_string(&source)
            .map_err(|e| format!("reading {}: {e}", source.display()))
            .and_then(|text| {
                Annotations::parse(&text).map_err(|e| format!("{}: {e}", source.display()))
            });
        let program = Arc::new(Program {
            name,
            source,
            annotations,
            prepared: OnceLock::new(),
        });
        for platform in &platforms {
            // `also-cpu: portable` adds the trials `O2-portable` and `O0-portable` (`--cpu portable`).
            let also = program.annotations.as_ref().map_or(vec![], |a| a.also_cpu.clone());
            let cpus = if platform.also_cpu() { also } else { vec![] };
            for cpu in std::iter::once(None).chain(cpus.into_iter().map(Some)) {
                for opt in platform.opt_levels() {
                    let (p, pl) = (Arc::clone(&program), Arc::clone(platform));
                    let variant = match &cpu {
                        Some(cpu) => format!("{}-{cpu}", &opt[1..]),
                        None => opt[1..].to_string(),
                    };
                    let cpu = cpu.clone();
                    let name = format!("{}c::{}::{variant}", platform.trial_prefix(), program.name);
                    trials.push(platform.trial(name, move || p.check(&pl, opt, cpu.as_deref(), &variant)));
                }
            }
        }
    }
    trials
}

impl Program {
    fn prepare(&self) -> Result<&Prepared, String> {
        self.prepared
            .get_or_init(|| self.build())
            .as_ref()
            .map_err(Clone::clone)
    }

    fn build(&self) -> Result<Prepared, String> {
        let ann = self.annotations.as_ref()?;
        let dir = artifact_dir(&format!("c/{}", self.name))?;
        let wasm = dir.join(format!("{}.wasm", self.name));
        build_c_to_wasm(&self.source, &wasm, &ann.wasm_cflags)?;
        if let Some(least) = ann.wasm_simd {
            let found = simd_instructions(&wasm)?;
            if found < least {
                return Err(format!(
                    "{} has {found} SIMD instructions, fewer than the {least} of `wasm-simd`",
                    wasm.display()
                ));
            }
        }
        let reference = match ann.expect_exit {
            Some(_) => None,
            None => {
                let native = dir.join(format!("{}.native", self.name));
                build_c_native(&self.source, &native, &ann.native_cflags)?;
                let out = self.run(&Platform::host(), &native, &dir)?;
                save_outputs(&native, &out)?;
                if out.status.code().is_none() {
                    return Err(format!(
                        "the native reference build did not exit normally: {}",
                        out.describe()
                    ));
                }
                Some(out)
            }
        };
        Ok(Prepared {
            dir,
            wasm,
            reference,
        })
    }

    fn run(&self, platform: &Platform, exe: &Path, dir: &Path) -> Result<Output, String> {
        let ann = self.annotations.as_ref()?;
        let env = ann.env.iter().map(|(k, v)| (k, v));
        run(
            platform.command(exe).args(&ann.args).envs(env).current_dir(dir),
            ann.stdin.as_bytes(),
            RUN_TIMEOUT,
        )
    }

    fn check(&self, platform: &Platform, opt: &str, cpu: Option<&str>, variant: &str) -> Result<(), Failed> {
        let ann = self.annotations.as_ref()?;
        let prepared = self.prepare()?;
        let exe = prepared.dir.join(format!("{}-{variant}{}", self.name, platform.suffix()));
        // The environment of the annotations is baked into the executable (`--env`): compiled
        // programs see none of the host's by default.
        let mut flags = vec![opt.to_string()];
        if let Some(cpu) = cpu {
            flags.extend(["--cpu".to_string(), cpu.to_string()]);
        }
        flags.extend(platform.flags());
        for (k, v) in &ann.env {
            flags.extend(["--env".to_string(), format!("{k}={v}")]);
        }
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        compile_wasm(&prepared.wasm, &exe, &flags)?;
        let out = self.run(platform, &exe, &prepared.dir)?;
        save_outputs(&exe, &out)?;

        let mut problems = Vec::new();
        if out.stderr().contains("panicked") {
            problems.push("stderr mentions a panic".to_string());
        }
        match &prepared.reference {
            Some(native) => {
                if out.status.code() != native.status.code() {
                    problems.push(format!(
                        "{}, but the native build gave {}",
                        describe_status(out.status),
                        describe_status(native.status)
                    ));
                }
                problems.extend(compare("stdout", &native.stdout, &out.stdout));
                problems.extend(compare("stderr", &native.stderr, &out.stderr));
            }
            None => {
                let want = ann
                    .expect_exit
                    .expect("programs without a reference have expect-exit");
                if out.status.code() != Some(want) {
                    problems.push(format!(
                        "{}, expected exit status {want}",
                        describe_status(out.status)
                    ));
                }
                problems.extend(compare(
                    "stdout",
                    ann.expected_stdout().as_bytes(),
                    &out.stdout,
                ));
                problems.extend(missing_lines(&out.stderr(), &ann.expect_stderr));
            }
        }
        if problems.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{}\nWasm: {}; executable: {} (its stdout/stderr are saved beside it)\n{}",
            problems.join("\n"),
            prepared.wasm.display(),
            exe.display(),
            out.describe()
        )
        .into())
    }
}

/// Writes `EXE.stdout` and `EXE.stderr`, to look at after a failure.
fn save_outputs(exe: &Path, out: &Output) -> Result<(), String> {
    for (ext, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let path = PathBuf::from(format!("{}.{ext}", exe.display()));
        fs::write(&path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The first of `wanted` that is not among the lines of `stderr` (matched in order).
fn missing_lines(stderr: &str, wanted: &[String]) -> Option<String> {
    let mut lines = stderr.lines();
    let missing = wanted
        .iter()
        .find(|want| !lines.any(|line| line.trim_end() == want.as_str()))?;
    Some(format!(
        "stderr lacks the line {missing:?} (after the ones before it)"
    ))
}

