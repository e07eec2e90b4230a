//! The compilation pipeline, one phase after another: validate, translate, optimize, codegen,
//! link. Each phase is timed for `-v` (timings.rs).

use crate::backend::{self, OptLevel, Output};
use crate::codegen::{self, Flavor};
use crate::error::{Error, Result};
use crate::link::{ScratchDir, Toolchain};
use crate::target;
use crate::module_info;
use crate::progress::Progress;
use crate::timings::{PartTimes, Phase, ProcessStopwatch, Stopwatch};
use inkwell::context::Context;
use std::path::{Path, PathBuf};

pub use crate::timings::Timings;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    Exe,
    Shared,
    Obj,
    LlvmIr,
    Asm,
    /// A static library: the module (its code and descriptor, no `main`) and the runtime.
    Staticlib,
    /// The C header of the module's interface (firmware targets; header.rs).
    Header,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub input: PathBuf,
    pub output: PathBuf,
    pub emit: Emit,
    pub opt: OptLevel,
    pub target: Option<String>,
    pub cpu: Option<String>,
    /// `--features`: `+x,-y`, added to the CPU's.
    pub features: Option<String>,
    /// Threads compiling functions in parallel; 0 means one per available core.
    pub jobs: usize,
    /// `--bounds-checks guard|explicit` (default: the target's).
    pub bounds_checks: codegen::BoundsChecks,
    /// `--max-memory`: bytes of linear memory a firmware instance reserves (default: the
    /// memory's minimum).
    pub max_memory: Option<u64>,
    /// `--trap-unknown-imports`: build an executable whose function imports nothing provides,
    /// each trapping when called (imports.rs).
    pub trap_unknown_imports: bool,
    /// The proposals the module is validated with (default: all wasmkiln compiles).
    pub wasm_features: wasmparser::WasmFeatures,
    /// LLVM's pass timers are on (pass_timing.rs): the parts are compiled one after another,
    /// so that their reports do not interleave.
    pub time_passes: bool,
    /// Show progress on stderr if it is a terminal and the compilation takes a while
    /// (progress.rs).
    pub progress: bool,
}

impl Options {
    /// `input` to `output` as `emit` with every other setting at its default: -O2, the host
    /// with its CPU, one thread per core, the target's bounds checks.
    pub fn new(input: PathBuf, output: PathBuf, emit: Emit) -> Options {
        Options {
            input,
            output,
            emit,
            opt: OptLevel::O2,
            target: None,
            cpu: None,
            features: None,
            jobs: 0,
            bounds_checks: codegen::BoundsChecks::default(),
            max_memory: None,
            trap_unknown_imports: false,
            wasm_features: module_info::features(),
            time_passes: false,
            progress: false,
        }
    }

    fn jobs(&self) -> usize {
        match self.jobs {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }
}

/// An error with the file it concerns.
#[derive(Debug)]
pub struct DriverError {
    pub file: PathBuf,
    pub error: Error,
}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.file.as_os_str().is_empty() {
            true => write!(f, "{}", self.error),
            false => write!(f, "{}: {}", self.file.display(), self.error),
        }
    }
}

pub fn compile(opts: &Options, timings: &mut Timings) -> Result<(), DriverError> {
    compile_with_sandbox(opts, None, timings)
}

/// [`compile`], baking sandbox settings into the output: a settings text (see
/// [`codegen::config`]) for the runtime of an executable.
pub fn compile_with_sandbox(opts: &Options, sandbox: Option<&[u8]>, timings: &mut Timings) -> Result<(), DriverError> {
    let watch = ProcessStopwatch::start();
    let progress = Progress::start(opts.progress);
    let result = compile_phases(opts, sandbox, timings, &progress);
    drop(progress);
    timings.total = watch.stop();
    result
}

/// Runs `f` as phase `phase` of the module (`part` None) or of a part: shown in the progress,
/// timed in `timings`.
fn phase<T>(progress: &Progress, timings: &mut Timings, part: Option<usize>, phase: &'static str, f: impl FnOnce() -> T) -> T {
    progress.phase(part, phase);
    timings.time(phase, f)
}

fn compile_phases(opts: &Options, sandbox: Option<&[u8]>, timings: &mut Timings, progress: &Progress) -> Result<(), DriverError> {
    let in_err = |error: Error| DriverError { file: opts.input.clone(), error };
    let out_err = |error: Error| DriverError { file: opts.output.clone(), error };

    // Flag errors first, before reading or compiling anything; they concern no file.
    let flag_err = |error: Error| DriverError { file: PathBuf::new(), error };
    let target = target::resolve(opts.target.as_deref(), opts.cpu.as_deref(), opts.features.as_deref()).map_err(flag_err)?;
    let firmware = target.info.is_some_and(|i| i.kind == target::Kind::Freestanding);
    let bounds_checks = resolve_bounds_checks(opts, firmware).map_err(flag_err)?;
    let toolchain = match opts.emit {
        Emit::Exe | Emit::Shared | Emit::Staticlib => Some(Toolchain::find(&target, opts.emit).map_err(flag_err)?),
        _ => None,
    };
    let bytes = std::fs::read(&opts.input).map_err(|e| in_err(Error::new(format!("cannot read: {e}"))))?;
    let info = phase(progress, timings, None, "validate", || module_info::parse(&bytes, opts.wasm_features)).map_err(in_err)?;
    let name = opts.input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let flavor = match opts.emit {
        _ if firmware => Flavor::Firmware { memory_bytes: codegen::firmware::memory_capacity(&info, opts.max_memory).map_err(in_err)? },
        Emit::Header => return Err(flag_err(Error::new("--emit header is for firmware targets (`wasmkiln --print targets`); hosted targets get C headers with C host functions"))),
        Emit::Exe => Flavor::Executable,
        _ => Flavor::Library,
    };
    if let Flavor::Firmware { memory_bytes } = flavor {
        let tm = backend::target_machine(&target, opts.opt).map_err(in_err)?;
        let ptr = tm.get_target_data().get_pointer_byte_size(None) as usize;
        let plan = codegen::firmware::arena_plan(&info, memory_bytes, ptr).map_err(in_err)?;
        if opts.emit == Emit::Header {
            check_writable(&opts.output).map_err(out_err)?;
            let text = crate::header::header(&info, &name, &target.triple, memory_bytes, plan.bytes);
            let out = TempOutput::new(&opts.output);
            std::fs::write(&out.tmp, text).map_err(|e| out_err(Error::new(format!("cannot write: {e}"))))?;
            return out.commit().map_err(out_err);
        }
    }
    let stand_ins = match flavor {
        Flavor::Executable => crate::imports::check_executable(&info, opts.trap_unknown_imports).map_err(in_err)?,
        _ => Vec::new(),
    };
    let file = opts.input.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let unit = codegen::Unit { name: &name, file: &file, flavor, stand_ins: &stand_ins };
    let job = Job { info: &info, unit, sandbox, opts, target, bounds_checks, progress };

    let what = match opts.emit {
        Emit::LlvmIr => Output::LlvmIr,
        Emit::Asm => Output::Assembly,
        Emit::Obj | Emit::Header => Output::Object,
        Emit::Exe | Emit::Shared | Emit::Staticlib => {
            let toolchain = toolchain.expect("found above");
            let scratch = ScratchDir::new().map_err(out_err)?;
            // A firmware module is one part: its symbols stay internal, so modules link together.
            let parts = if firmware { vec![codegen::Part::whole(&info)] } else { codegen::plan_parts(&info, opts.jobs()) };
            let objects: Vec<PathBuf> = (0..parts.len()).map(|i| scratch.0.join(format!("module.{i}.o"))).collect();
            progress.set_parts(parts.len());
            job.compile_parts(&parts, &objects, timings)?;
            check_writable(&opts.output).map_err(out_err)?;
            let out = TempOutput::new(&opts.output);
            phase(progress, timings, None, "link", || match opts.emit {
                Emit::Exe => toolchain.link_executable(&objects, &scratch, &out.tmp),
                Emit::Shared => toolchain.link_shared(&objects, &out.tmp),
                _ => toolchain.archive(&objects, &scratch, &out.tmp),
            })
            .map_err(out_err)?;
            return out.commit().map_err(out_err);
        }
    };
    // One output file: the module is compiled as a single part.
    let part = codegen::Part::whole(&info);
    let out = TempOutput::new(&opts.output);
    progress.set_parts(1);
    let phases = job.compile_part(0, &part, &out.tmp, what)?;
    timings.phases.extend(phases);
    out.commit().map_err(out_err)
}

/// Everything the parts of one compilation share.
struct Job<'a> {
    info: &'a module_info::ModuleInfo<'a>,
    unit: codegen::Unit<'a>,
    sandbox: Option<&'a [u8]>,
    opts: &'a Options,
    target: target::Resolved,
    bounds_checks: codegen::BoundsChecks,
    progress: &'a Progress,
}

impl Job<'_> {
    /// Translates, optimizes and writes one part; returns the time of each phase.
    fn compile_part(&self, index: usize, part: &codegen::Part, output: &Path, what: Output) -> Result<Vec<Phase>, DriverError> {
        let in_err = |error: Error| DriverError { file: self.opts.input.clone(), error };
        let out_err = |error: Error| DriverError { file: self.opts.output.clone(), error };
        let mut t = Timings::default();
        let ctx = Context::create();
        let opt = if part.giant { self.opts.opt.min(OptLevel::O1) } else { self.opts.opt };
        let tm = backend::target_machine(&self.target, opt).map_err(in_err)?;
        let caps = codegen::caps::TargetCaps::of(&tm);
        let module = phase(self.progress, &mut t, Some(index), "translate", || codegen::build_module(&ctx, self.info, &self.unit, part, caps, self.bounds_checks)).map_err(in_err)?;
        if let (true, Some(text)) = (part.glue, self.sandbox) {
            codegen::config::add_sandbox_config(&module, text).map_err(in_err)?;
        }
        phase(self.progress, &mut t, Some(index), "optimize", || backend::optimize(&module, &tm, opt)).map_err(in_err)?;
        phase(self.progress, &mut t, Some(index), "codegen", || backend::write(&module, &tm, what, output)).map_err(out_err)?;
        self.progress.part_done(index);
        Ok(t.phases)
    }

    /// Compiles the parts to `objects`, in parallel when there are several (one after
    /// another when timing LLVM's passes).
    fn compile_parts(&self, parts: &[codegen::Part], objects: &[PathBuf], timings: &mut Timings) -> Result<(), DriverError> {
        type PartResult = Result<Vec<Phase>, DriverError>;
        let panicked = || DriverError { file: self.opts.input.clone(), error: Error::new("internal error: a compilation thread panicked") };
        // At most `jobs` threads, each taking the next part until none is left.
        let jobs = if self.opts.time_passes { 1 } else { self.opts.jobs() };
        let workers = jobs.min(parts.len()).max(1);
        let watch = Stopwatch::start();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<std::sync::Mutex<Option<PartResult>>> = parts.iter().map(|_| std::sync::Mutex::new(None)).collect();
        // Largest parts first, so that no large part is left for the end while a thread idles.
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(parts[i].code_bytes(self.info)));
        let work = || loop {
            let Some(&i) = order.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) else { break };
            let part = &parts[i];
            let r = self.compile_part(i, part, &objects[i], Output::Object);
            *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
        };
        if workers == 1 {
            work();
        } else {
            std::thread::scope(|s| {
                for _ in 0..workers {
                    s.spawn(work);
                }
            });
        }
        let parallel = watch.stop();
        let results: Vec<PartResult> = slots.into_iter().map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()).unwrap_or_else(|| Err(panicked()))).collect();
        let mut times = Vec::with_capacity(parts.len());
        for (index, (r, part)) in results.into_iter().zip(parts).enumerate() {
            let functions = part.funcs.end - part.funcs.start;
            times.push(PartTimes { index, functions, code_bytes: part.code_bytes(self.info), giant: part.giant, phases: r? });
        }
        timings.add_parts(times, parallel, workers);
        Ok(())
    }
}

/// The bounds-check strategy: explicit on firmware targets (no MMU to catch a fault, where
/// asking for guard pages is an error), guard pages elsewhere unless asked otherwise.
fn resolve_bounds_checks(opts: &Options, firmware: bool) -> Result<codegen::BoundsChecks> {
    use codegen::BoundsChecks::*;
    Ok(match (opts.bounds_checks, firmware) {
        (Guard, true) => return Err(Error::new("--bounds-checks guard needs an MMU, which firmware targets do not have (they use explicit checks)")),
        (Auto, true) | (Explicit, _) => Explicit,
        (Auto | Guard, false) => Guard,
    })
}

/// Fails early, with the OS's reason, when the output cannot be created.
fn check_writable(path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::new(format!("cannot write: directory {} does not exist", dir.display())));
    }
    if path.is_dir() {
        return Err(Error::new("cannot write: is a directory"));
    }
    Ok(())
}

/// An output file written under a temporary name next to it (`.NAME.wasmkiln-PID-N.tmp`) and
/// renamed over it (copied into it, if it is a device or a FIFO) by [`TempOutput::commit`] only
/// when complete, so a failed or interrupted
/// compile never leaves a half-written output (nor destroys the previous one). Dropped
/// uncommitted, the temporary file is removed.
struct TempOutput {
    tmp: PathBuf,
    path: PathBuf,
}

impl TempOutput {
    fn new(path: &Path) -> TempOutput {
        // Unique per process and per compilation (the spec harness compiles on several threads).
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = path.with_file_name(format!("{}{}-{n}.tmp", TempOutput::prefix(path), std::process::id()));
        TempOutput { tmp, path: path.to_path_buf() }
    }

    /// `.NAME.wasmkiln-`: how the temporary files of `path` start (the PID follows).
    fn prefix(path: &Path) -> String {
        format!(".{}.wasmkiln-", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default())
    }

    fn commit(self) -> Result<()> {
        let fail = |e: std::io::Error| Error::new(format!("cannot write: {e}"));
        // A special file (`-o /dev/null`, a FIFO, a terminal) is written through: renaming
        // over it would replace the device with a regular file, for every program after us.
        if std::fs::metadata(&self.path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let mut from = std::fs::File::open(&self.tmp).map_err(fail)?;
            let mut to = std::fs::OpenOptions::new().write(true).open(&self.path).map_err(fail)?;
            return std::io::copy(&mut from, &mut to).map(drop).map_err(fail);
            // Dropped here: removes the temporary file.
        }
        std::fs::rename(&self.tmp, &self.path).map_err(fail)
        // Dropped here: removes the temporary file if the rename failed.
    }
}

/// The temporary files of output `path` whose process has ended: left by a compilation that was
/// killed (a dropped [`TempOutput`] removes its own).
pub fn stale_temporaries(path: &Path) -> Vec<PathBuf> {
    let prefix = TempOutput::prefix(path);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let ended = |pid: &str| {
        // SAFETY: signal 0 only checks whether the process exists.
        pid.parse::<libc::pid_t>().is_ok_and(|pid| pid > 0 && unsafe { libc::kill(pid, 0) } == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH))
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".tmp"));
            rest.and_then(|r| r.split_once('-')).is_some_and(|(pid, _)| ended(pid))
        })
        .map(|e| e.path())
        .collect()
}

impl Drop for TempOutput {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temporaries_are_those_of_ended_processes() {
        let dir = ScratchDir::new().unwrap();
        let out = dir.0.join("prog");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let ended = child.id();
        child.wait().unwrap();
        let mine = TempOutput::new(&out);
        let theirs = dir.0.join(format!(".prog.wasmkiln-{ended}-0.tmp"));
        for f in [&mine.tmp, &theirs, &dir.0.join(".other.wasmkiln-1-0.tmp"), &dir.0.join("prog")] {
            std::fs::write(f, b"").unwrap();
        }
        assert_eq!(stale_temporaries(&out), vec![theirs]);
    }
}
