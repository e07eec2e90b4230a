//! LLVM's back end: the target machine, the optimization pipeline (new pass manager), and
//! writing objects, assembly or IR.

use crate::error::{Error, Result};
use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use crate::target::Resolved;
use inkwell::targets::{CodeModel, FileType, RelocMode, Target, TargetMachine, TargetTriple};
use inkwell::OptimizationLevel;
use std::ffi::CString;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OptLevel {
    O0,
    O1,
    O2,
    O3,
}

impl OptLevel {
    /// `-O<level>` (above 3: `-O3`).
    pub fn of(level: u8) -> OptLevel {
        [OptLevel::O0, OptLevel::O1, OptLevel::O2, OptLevel::O3][level.min(3) as usize]
    }

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

/// The machine to generate code for (see target.rs for how the triple, CPU and features are chosen).
/// The triple is normalized first (`thumbv7em-none-eabihf` has its environment, hence the
/// hard-float ABI, only as `thumbv7em-none-unknown-eabihf`). Firmware is linked at fixed
/// addresses (static relocations); everything else is position-independent.
pub fn target_machine(target: &Resolved, opt: OptLevel) -> Result<TargetMachine> {
    let triple = TargetMachine::normalize_triple(&TargetTriple::create(&target.triple));
    let llvm = Target::from_triple(&triple).map_err(|e| Error::new(format!("unknown target {}: {}", target.triple, e.to_string())))?;
    let firmware = target.info.is_some_and(|i| i.kind == crate::target::Kind::Freestanding);
    let reloc = if firmware { RelocMode::Static } else { RelocMode::PIC };
    llvm.create_target_machine(&triple, &target.cpu, &target.features, opt.codegen(), reloc, CodeModel::Default)
        .ok_or_else(|| Error::new(format!("cannot create a target machine for {}", target.triple)))
}

/// Sets options of LLVM's command line (`-name=value`), which hold for the whole process.
/// LLVM's C API offers no other way to reach most settings. Each option may be given once
/// per process.
pub fn set_llvm_options(args: &[&str]) -> Result<()> {
    let args: Vec<CString> = std::iter::once("wasmkiln")
        .chain(args.iter().copied())
        .map(|a| CString::new(a).map_err(|_| Error::new(format!("internal error: LLVM option {a:?} contains a NUL"))))
        .collect::<Result<_>>()?;
    let argv: Vec<*const libc::c_char> = args.iter().map(|a| a.as_ptr()).collect();
    // SAFETY: argv holds `args.len()` NUL-terminated strings that outlive the call; the
    // overview may be null.
    unsafe { llvm_sys::support::LLVMParseCommandLineOptions(argv.len() as libc::c_int, argv.as_ptr(), std::ptr::null()) };
    Ok(())
}

/// LLVM settings of every compilation, set before the first (once per process).
///
/// `-vectorize-slp=false`: no SLP vectorizer (straight-line code packed into vectors; the
/// pipeline option `PassBuilderOptions::set_loop_slp_vectorization` does not keep LLVM 19's
/// `default<O2>` from running it). On x86-64 with the host CPU's inserts and extracts (SSE4.1 and
/// up), its cost model packs rotate-and-add rounds whose operands come from scattered scalars
/// (BLAKE2s's `m[SIGMA[r][i]]`) into vectors built lane by lane: the `blake2s` workload ran 15%
/// slower than without it (clang -march=native loses the same way), while over the rest of
/// `make bench` turning it off changed nothing beyond noise (geomean 1.004) and saved its
/// compile time: the gains of the host CPU come from the loop vectorizer, which stays on. Off
/// on every target, so that a process compiling for several targets (the tests) gets the same
/// code for each as a process compiling for one.
fn llvm_defaults() -> Result<()> {
    static DONE: std::sync::OnceLock<std::result::Result<(), String>> = std::sync::OnceLock::new();
    DONE.get_or_init(|| set_llvm_options(&["-vectorize-slp=false"]).map_err(|e| e.to_string())).clone().map_err(Error::new)
}

/// Runs LLVM's standard pipeline for `opt` over the module.
/// With optimization, address roots are assigned first (after `mem2reg`) and lowered after;
/// see codegen/roots.rs.
pub fn optimize(module: &Module<'_>, tm: &TargetMachine, opt: OptLevel) -> Result<()> {
    module.set_triple(&tm.get_triple());
    module.set_data_layout(&tm.get_target_data().get_data_layout());
    llvm_defaults()?;
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
    result.map_err(|e| Error::new(format!("cannot write: {}", e.to_string().trim())))
}
