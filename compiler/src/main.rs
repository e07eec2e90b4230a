//! The `wasmkiln` command line.

use clap::{Parser, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use wasmkiln::backend::OptLevel;
use wasmkiln::codegen::config::settings_text;
use wasmkiln::driver::{self, Emit, Options, Timings};
use wasmkiln::pass_timing::PassTiming;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum EmitArg {
    /// A native executable (the default).
    Exe,
    /// A shared library for embedders linked with wasmkiln-runtime.
    Shared,
    Obj,
    LlvmIr,
    Asm,
    /// A static library (.a): the module, without `main`, and the runtime for the target.
    Staticlib,
    /// The C header of the module's interface (firmware targets).
    Header,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum BoundsArg {
    Guard,
    Explicit,
}

impl From<BoundsArg> for wasmkiln::codegen::BoundsChecks {
    fn from(b: BoundsArg) -> Self {
        match b {
            BoundsArg::Guard => wasmkiln::codegen::BoundsChecks::Guard,
            BoundsArg::Explicit => wasmkiln::codegen::BoundsChecks::Explicit,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PrintArg {
    /// The supported targets and what each needs installed.
    Targets,
}

/// Compile a WebAssembly module ahead of time to native code.
#[derive(Parser, Debug)]
#[command(
    name = "wasmkiln",
    version,
    about,
    after_help = "To compile (cached) and run a module in one step: wasmkiln run [OPTIONS] PROG.wasm [ARGS]... \
                  (see `wasmkiln run --help`)."
)]
struct Cli {
    /// The .wasm module to compile.
    #[arg(required_unless_present = "print")]
    input: Option<PathBuf>,
    /// Print information instead of compiling.
    #[arg(long, value_enum)]
    print: Option<PrintArg>,
    /// Output file (default: the input's name without extension, or with .o/.ll/.s).
    #[arg(short = 'o')]
    output: Option<PathBuf>,
    /// What to produce.
    #[arg(long, value_enum, default_value = "exe")]
    emit: EmitArg,
    /// Optimization level 0-3 (`-O2` is the default).
    #[arg(short = 'O', default_value = "2", value_parser = clap::value_parser!(u8).range(0..=3))]
    opt: u8,
    /// Target triple (default: the host; `--print targets` lists the supported ones).
    #[arg(long)]
    target: Option<String>,
    /// Target CPU: `native` (this machine's CPU: the default without --target), `portable` (any
    /// CPU of the target architecture: the default with --target), or an LLVM CPU name such as
    /// `skylake`.
    #[arg(long)]
    cpu: Option<String>,
    /// Target features to add to or remove from the CPU's, as LLVM names them: `+avx2,-sse4.2`.
    #[arg(long, value_name = "+X,-Y", allow_hyphen_values = true)]
    features: Option<String>,
    /// How memory accesses are kept in bounds: `guard` (guard pages around the memory fault, no
    /// check in the code: the default where there is an MMU) or `explicit` (a compare and branch
    /// before every access: the default and only choice on firmware targets).
    #[arg(long, value_enum)]
    bounds_checks: Option<BoundsArg>,
    /// Firmware targets: bytes of RAM reserved for linear memory (`memory.grow` stops there),
    /// e.g. 131072, 128K or 1M, a multiple of the 64 KiB page (default: the memory's minimum).
    #[arg(long, value_name = "BYTES", value_parser = parse_memory_size)]
    max_memory: Option<u64>,
    /// Threads compiling functions in parallel (default: one per core).
    #[arg(short = 'j', long, default_value = "0")]
    jobs: usize,
    /// Build an executable even if some function imports are provided by no host module of the
    /// runtime (WASI, Emscripten's `env`): each then traps when called, naming the import.
    #[arg(long)]
    trap_unknown_imports: bool,
    /// Print on stderr the wall and CPU time of each phase, of the whole, and of each part when
    /// the module is compiled in parts.
    #[arg(short = 'v', long)]
    verbose: bool,
    /// Show no progress bar (shown on stderr, when it is a terminal, once a compile has taken
    /// a second).
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Also time LLVM's passes and print the slowest ones (implies -v). The parts are then
    /// compiled one after another.
    #[arg(long)]
    time_passes: bool,
    /// Sandbox of the executable: give it host directory HOST (relative to the working directory
    /// at run time) as GUEST. Repeatable. Overridden at run time by $WASMKILN_SANDBOX.
    #[arg(long = "dir", value_name = "HOST[::GUEST]")]
    dirs: Vec<OsString>,
    /// Sandbox of the executable: set environment variable NAME (NAME alone: the value the host
    /// has at run time). Repeatable.
    #[arg(long = "env", value_name = "NAME[=VALUE]")]
    envs: Vec<OsString>,
    /// Sandbox of the executable: pass it the whole host environment.
    #[arg(long)]
    inherit_env: bool,
}

/// `--max-memory`: bytes, or KiB/MiB with a `K`/`M` suffix; a whole number of 64 KiB pages.
fn parse_memory_size(s: &str) -> Result<u64, String> {
    let (digits, unit) = match s.strip_suffix(['K', 'k']) {
        Some(d) => (d, 1024),
        None => match s.strip_suffix(['M', 'm']) {
            Some(d) => (d, 1024 * 1024),
            None => (s, 1),
        },
    };
    let n: u64 = digits.parse().map_err(|_| format!("'{s}' is not a size (bytes, or with K or M)"))?;
    let bytes = n.checked_mul(unit).ok_or_else(|| format!("'{s}' is too large"))?;
    if bytes % wasmkiln_abi::WASM_PAGE_SIZE != 0 {
        return Err(format!("'{s}' is not a multiple of the 64 KiB Wasm page"));
    }
    Ok(bytes)
}

/// Runs before Rust's runtime sets SIGPIPE to ignored for this process (an ELF constructor):
/// records how the process was started, which `wasmkiln run` hands on to the program.
extern "C" fn record_sigpipe() {
    // SAFETY: querying the disposition only, into a zeroed sigaction.
    let ignored = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGPIPE, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    };
    wasmkiln::run::SIGPIPE_IGNORED_AT_START.store(ignored, std::sync::atomic::Ordering::Relaxed);
}

#[used]
#[link_section = ".init_array"]
static RECORD_SIGPIPE: extern "C" fn() = record_sigpipe;

fn main() -> ExitCode {
    // `wasmkiln run ...` (a module named `run` can still be compiled as `./run`).
    let mut args = std::env::args_os();
    if args.nth(1).is_some_and(|a| a == "run") {
        return wasmkiln::run::main(args.collect());
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let msg = e.to_string();
            let first = msg.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ");
            eprintln!("error: {first} (see `wasmkiln --help`)");
            return ExitCode::from(1);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    if let Some(PrintArg::Targets) = cli.print {
        print!("{}", wasmkiln::target::print_targets());
        return ExitCode::SUCCESS;
    }
    let input = cli.input.clone().expect("clap requires an input without --print");
    let emit = match cli.emit {
        EmitArg::Exe => Emit::Exe,
        EmitArg::Shared => Emit::Shared,
        EmitArg::Obj => Emit::Obj,
        EmitArg::LlvmIr => Emit::LlvmIr,
        EmitArg::Asm => Emit::Asm,
        EmitArg::Staticlib => Emit::Staticlib,
        EmitArg::Header => Emit::Header,
    };
    let output = cli.output.clone().unwrap_or_else(|| {
        let ext = match emit {
            Emit::Exe => "",
            Emit::Shared => "so",
            Emit::Obj => "o",
            Emit::LlvmIr => "ll",
            Emit::Asm => "s",
            Emit::Staticlib => "a",
            Emit::Header => "h",
        };
        input.with_extension(ext)
    });
    let opt = OptLevel::of(cli.opt);
    let sandbox = match wasmkiln::run::sandbox_words(&cli.dirs, &cli.envs, cli.inherit_env) {
        Ok(words) if words.is_empty() => None,
        Ok(words) => Some(settings_text(&words)),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let opts = Options {
        opt,
        target: cli.target,
        cpu: cli.cpu,
        features: cli.features,
        jobs: cli.jobs,
        bounds_checks: cli.bounds_checks.map_or(Default::default(), Into::into),
        max_memory: cli.max_memory,
        trap_unknown_imports: cli.trap_unknown_imports,
        progress: !cli.quiet,
        ..Options::new(input, output, emit)
    };
    let pass_timing = match cli.time_passes {
        true => match PassTiming::enable() {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        },
        false => None,
    };
    let mut timings = Timings::default();
    let result = driver::compile_with_sandbox(&Options { time_passes: cli.time_passes, ..opts }, sandbox.as_deref(), &mut timings);
    if let Some(p) = pass_timing {
        // SAFETY: the compilation is over; nothing uses LLVM after this.
        match unsafe { p.finish(10) } {
            Ok(passes) => timings.passes = passes,
            Err(e) => eprintln!("warning: {e}"),
        }
    }
    if cli.verbose || cli.time_passes {
        eprint!("{}", timings.report());
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
