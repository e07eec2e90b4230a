//! LLVM's back end: the target machine, the optimization pipeline (new pass manager), and
//! writing objects, assembly or IR.

use crate::error::{Error, Result};
use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{CodeModel, FileType, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple};
use inkwell::OptimizationLevel;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OptLevel {
    O0,
    O1,
    O2,
    O3,
}

impl OptLevel {
    fn pipeline(self) -> &'static str {
        match self {
            OptLevel::O0 => "default<O0>",
            OptLevel::O1 => "default<O1>",
            OptLevel::O2 => "default<O2>",
            OptLevel::O3 => "default<O3>",
        }
    }
    fn codegen(self) -> OptimizationLevel {
        match self {
            OptLevel::O0 => OptimizationLevel::None,
            OptLevel::O1 => OptimizationLevel::Less,
            OptLevel::O2 => OptimizationLevel::Default,
            OptLevel::O3 => OptimizationLevel::Aggressive,
        }
    }
}

/// The machine to generate code for. `cpu = None` or `native` means the host CPU with its
/// features, `portable` the architecture's baseline.
pub fn target_machine(triple: Option<&str>, cpu: Option<&str>, opt: OptLevel) -> Result<TargetMachine> {
    // LLVM's target registry is global; register the targets once even when several threads
    // compile at the same time.
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| Target::initialize_all(&InitializationConfig::default()));
    let triple = match triple {
        Some(t) => TargetTriple::create(t),
        None => TargetMachine::get_default_triple(),
    };
    let target = Target::from_triple(&triple).map_err(|e| Error::new(format!("unknown target {}: {}", triple.as_str().to_string_lossy(), e.to_string())))?;
    let (cpu, features) = match cpu {
        None | Some("native") => (
            TargetMachine::get_host_cpu_name().to_string(),
            TargetMachine::get_host_cpu_features().to_string(),
        ),
        // A baseline every CPU of the target architecture runs.
        Some("portable") => (if triple.as_str().to_string_lossy().starts_with("x86_64") { "x86-64" } else { "generic" }.to_string(), String::new()),
        Some(c) => {
            check_cpu(&triple.as_str().to_string_lossy(), c)?;
            (c.to_string(), String::new())
        }
    };
    target
        .create_target_machine(&triple, &cpu, &features, opt.codegen(), RelocMode::PIC, CodeModel::Default)
        .ok_or_else(|| Error::new(format!("cannot create a target machine for {}", triple.as_str().to_string_lossy())))
}

/// CPU names LLVM knows, per architecture (from `llc -mcpu=help` at build time).
mod known_cpus {
    include!(concat!(env!("OUT_DIR"), "/cpus.rs"));
}

/// Rejects a CPU name LLVM does not know (LLVM itself would abort later).
fn check_cpu(triple: &str, cpu: &str) -> Result<()> {
    let known = if triple.starts_with("x86_64") {
        known_cpus::X86_64
    } else if triple.starts_with("aarch64") {
        known_cpus::AARCH64
    } else {
        return Ok(());
    };
    if known.is_empty() || known.contains(&cpu) {
        return Ok(());
    }
    Err(Error::new(format!("unknown CPU '{cpu}' for {triple} (use native, portable, or an LLVM CPU name such as {})", known.first().copied().unwrap_or("generic"))))
}

/// Runs LLVM's standard pipeline for `opt` over the module.
/// With optimization, address roots are assigned first (after `mem2reg`) and lowered after;
/// see codegen/roots.rs.
pub fn optimize(module: &Module<'_>, tm: &TargetMachine, opt: OptLevel) -> Result<()> {
    module.set_triple(&tm.get_triple());
    module.set_data_layout(&tm.get_target_data().get_data_layout());
    let run = |pipeline: &str| {
        module
            .run_passes(pipeline, tm, PassBuilderOptions::create())
            .map_err(|e| Error::new(format!("internal error: LLVM optimization failed: {}", e.to_string())))
    };
    if opt != OptLevel::O0 {
        run("function(mem2reg)")?;
        crate::codegen::roots::assign(module)?;
    }
    run(opt.pipeline())?;
    crate::codegen::roots::lower(module);
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Object,
    Assembly,
    LlvmIr,
}

pub fn write(module: &Module<'_>, tm: &TargetMachine, what: Output, path: &Path) -> Result<()> {
    let result = match what {
        Output::Object => tm.write_to_file(module, FileType::Object, path),
        Output::Assembly => tm.write_to_file(module, FileType::Assembly, path),
        Output::LlvmIr => module.print_to_file(path),
    };
    result.map_err(|e| Error::new(format!("cannot write {}: {}", path.display(), e.to_string().trim())))
}
