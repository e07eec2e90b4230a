//! The compilation pipeline, one phase after another: validate, translate, optimize, codegen,
//! link. Each phase is timed for `-v`.

use crate::backend::{self, OptLevel, Output};
use crate::codegen::{self, Flavor};
use crate::error::{Error, Result};
use crate::link::{self, ScratchDir};
use crate::module_info;
use inkwell::context::Context;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    Exe,
    Shared,
    Obj,
    LlvmIr,
    Asm,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub input: PathBuf,
    pub output: PathBuf,
    pub emit: Emit,
    pub opt: OptLevel,
    pub target: Option<String>,
    pub cpu: Option<String>,
}

/// Time spent in each phase, in order.
#[derive(Default, Debug)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    fn time<T>(&mut self, phase: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let r = f();
        self.0.push((phase, start.elapsed()));
        r
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
        write!(f, "{}: {}", self.file.display(), self.error)
    }
}

pub fn compile(opts: &Options, timings: &mut Timings) -> Result<(), DriverError> {
    compile_with_sandbox(opts, None, timings)
}

/// [`compile`], baking sandbox settings into the output: a settings text (see
/// [`codegen::config`]) for the runtime of an executable.
pub fn compile_with_sandbox(opts: &Options, sandbox: Option<&[u8]>, timings: &mut Timings) -> Result<(), DriverError> {
    let in_err = |error: Error| DriverError { file: opts.input.clone(), error };
    let out_err = |error: Error| DriverError { file: opts.output.clone(), error };

    let bytes = std::fs::read(&opts.input).map_err(|e| in_err(Error::new(format!("cannot read: {e}"))))?;
    let info = timings.time("validate", || module_info::parse(&bytes)).map_err(in_err)?;

    let ctx = Context::create();
    let flavor = if opts.emit == Emit::Exe { Flavor::Executable } else { Flavor::Library };
    let name = opts.input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let module = timings.time("translate", || codegen::build_module(&ctx, &info, &name, flavor)).map_err(in_err)?;
    if let Some(text) = sandbox {
        codegen::config::add_sandbox_config(&module, text).map_err(in_err)?;
    }

    let tm = backend::target_machine(opts.target.as_deref(), opts.cpu.as_deref(), opts.opt).map_err(in_err)?;
    timings.time("optimize", || backend::optimize(&module, &tm, opts.opt)).map_err(in_err)?;

    match opts.emit {
        Emit::LlvmIr => timings.time("codegen", || backend::write(&module, &tm, Output::LlvmIr, &opts.output)).map_err(out_err),
        Emit::Asm => timings.time("codegen", || backend::write(&module, &tm, Output::Assembly, &opts.output)).map_err(out_err),
        Emit::Obj => timings.time("codegen", || backend::write(&module, &tm, Output::Object, &opts.output)).map_err(out_err),
        Emit::Exe | Emit::Shared => {
            let scratch = ScratchDir::new().map_err(out_err)?;
            let object = scratch.0.join("module.o");
            timings.time("codegen", || backend::write(&module, &tm, Output::Object, &object)).map_err(out_err)?;
            check_writable(&opts.output).map_err(out_err)?;
            timings
                .time("link", || match opts.emit {
                    Emit::Exe => link::link_executable(&object, &scratch, &opts.output),
                    _ => link::link_shared(&object, &opts.output),
                })
                .map_err(out_err)
        }
    }
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
