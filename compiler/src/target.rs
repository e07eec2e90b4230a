//! The targets: the table of supported ones (triple, portable CPU baseline, runtime, linker and
//! the Debian packages each needs), and resolving `--target`/`--cpu`/`--features` into the triple,
//! CPU and feature string of an LLVM target machine. A CPU or feature LLVM does not know for the
//! target is an error here, never LLVM's warnings or abort.

use crate::error::{Error, Result};
use inkwell::targets::{InitializationConfig, Target, TargetMachine, TargetTriple};
use std::path::PathBuf;

/// How executables for a target are built and run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Linux with an MMU: the full runtime (WASI, guard pages, signal-based traps), linked by the
    /// target's gcc.
    Linux,
    /// No OS, no MMU (Cortex-M): static libraries and objects for a firmware, with the
    /// firmware runtime (runtime/firmware), explicit bounds checks and the C interface of
    /// `--emit header`; the embedder links them with its startup code.
    Freestanding,
}

/// A target wasmkiln builds executables for.
#[derive(Debug)]
pub struct TargetInfo {
    /// The LLVM triple, as `--target` takes it.
    pub triple: &'static str,
    /// Other spellings `--target` accepts (Rust's and GCC's names).
    pub aliases: &'static [&'static str],
    /// Rust's name of the target, the runtime is built for.
    pub rust_target: &'static str,
    pub kind: Kind,
    /// The portable baseline: a CPU and features every machine of the target has.
    pub cpu: &'static str,
    pub features: &'static str,
    /// The linker (a C compiler driver; `CC_<rust_target>` overrides it) and its Debian package.
    pub linker: &'static str,
    pub packages: &'static str,
    /// How to run its executables on an x86-64 host (tests), and the Debian package for that.
    pub runner: &'static [&'static str],
    pub runner_package: &'static str,
}

pub static TARGETS: &[TargetInfo] = &[
    TargetInfo {
        triple: "x86_64-unknown-linux-gnu",
        aliases: &["x86_64-linux-gnu"],
        rust_target: "x86_64-unknown-linux-gnu",
        kind: Kind::Linux,
        cpu: "x86-64",
        features: "",
        linker: "cc",
        packages: "gcc",
        runner: &[],
        runner_package: "",
    },
    TargetInfo {
        triple: "aarch64-unknown-linux-gnu",
        aliases: &["aarch64-linux-gnu"],
        rust_target: "aarch64-unknown-linux-gnu",
        kind: Kind::Linux,
        cpu: "generic",
        features: "+neon",
        linker: "aarch64-linux-gnu-gcc",
        packages: "gcc-aarch64-linux-gnu libc6-dev-arm64-cross",
        runner: &["qemu-aarch64-static", "-L", "/usr/aarch64-linux-gnu"],
        runner_package: "qemu-user-static",
    },
    TargetInfo {
        triple: "riscv64-unknown-linux-gnu",
        aliases: &["riscv64gc-unknown-linux-gnu", "riscv64-linux-gnu"],
        rust_target: "riscv64gc-unknown-linux-gnu",
        kind: Kind::Linux,
        // RV64GC, the Linux baseline (its ABI, lp64d, follows from +d). Misaligned scalar accesses
        // are part of the Linux ABI (hardware or the kernel handles them): without
        // +unaligned-scalar-mem, LLVM splits every Wasm access (alignment 1) into byte accesses.
        cpu: "generic-rv64",
        features: "+m,+a,+f,+d,+c,+unaligned-scalar-mem",
        linker: "riscv64-linux-gnu-gcc",
        packages: "gcc-riscv64-linux-gnu libc6-dev-riscv64-cross",
        runner: &["qemu-riscv64-static", "-L", "/usr/riscv64-linux-gnu"],
        runner_package: "qemu-user-static",
    },
    TargetInfo {
        triple: "thumbv7em-none-eabihf",
        aliases: &[],
        rust_target: "thumbv7em-none-eabihf",
        kind: Kind::Freestanding,
        // Cortex-M4F and M7: ARMv7E-M (DSP) with a single-precision FPU, hard-float ABI.
        cpu: "cortex-m4",
        features: "",
        linker: "arm-none-eabi-gcc",
        packages: "gcc-arm-none-eabi libnewlib-arm-none-eabi",
        runner: &["qemu-system-arm", "-M", "mps2-an386"],
        runner_package: "qemu-system-arm",
    },
    TargetInfo {
        triple: "thumbv7m-none-eabi",
        aliases: &[],
        rust_target: "thumbv7m-none-eabi",
        kind: Kind::Freestanding,
        // Cortex-M3: ARMv7-M, no FPU (floats in software, from libgcc).
        cpu: "cortex-m3",
        features: "",
        linker: "arm-none-eabi-gcc",
        packages: "gcc-arm-none-eabi libnewlib-arm-none-eabi",
        runner: &["qemu-system-arm", "-M", "mps2-an385"],
        runner_package: "qemu-system-arm",
    },
];

/// The target the compiler (and its embedded runtime) was built for.
pub const HOST_TARGET: &str = env!("WASMKILN_HOST_TARGET");

impl TargetInfo {
    pub fn find(triple: &str) -> Option<&'static TargetInfo> {
        TARGETS.iter().find(|t| t.triple == triple || t.aliases.contains(&triple) || t.rust_target == triple)
    }

    pub fn host() -> Option<&'static TargetInfo> {
        TargetInfo::find(HOST_TARGET)
    }

    pub fn is_host(&self) -> bool {
        self.rust_target == HOST_TARGET
    }

    /// Where the runtime of a cross target is: `$WASMKILN_RUNTIME_DIR/<triple>/`, else the
    /// directory `make runtime TARGET=...` fills (`build/runtime/<triple>/` of the source tree).
    pub fn runtime_lib(&self) -> PathBuf {
        let dir = std::env::var_os("WASMKILN_RUNTIME_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("WASMKILN_RUNTIME_DIR")));
        let lib = match self.kind {
            Kind::Linux => "libwasmkiln_runtime.a",
            Kind::Freestanding => "libwasmkiln_firmware.a",
        };
        dir.join(self.triple).join(lib)
    }
}

/// What an LLVM target machine is created with.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub triple: String,
    pub cpu: String,
    pub features: String,
    /// The table entry, for targets executables can be built for.
    pub info: Option<&'static TargetInfo>,
}

/// CPU and feature names LLVM knows, per LLVM target (from `llc -mcpu=help` at build time).
mod known {
    include!(concat!(env!("OUT_DIR"), "/cpus.rs"));
}

fn init_llvm() {
    // LLVM's target registry is global; register the targets once even when several threads
    // compile at the same time.
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| Target::initialize_all(&InitializationConfig::default()));
}

/// Resolves the command line's target options. No `--target`: the host, with the host's CPU
/// and features. `--target T`: T's portable baseline. `--cpu native|portable|NAME` and
/// `--features +x,-y` adjust either.
pub fn resolve(named: Option<&str>, cpu: Option<&str>, features: Option<&str>) -> Result<Resolved> {
    init_llvm();
    let given = named.unwrap_or(HOST_TARGET);
    let info = TargetInfo::find(given);
    let triple = match info {
        Some(i) => i.triple.to_string(),
        None if named.is_none() => TargetMachine::get_default_triple().as_str().to_string_lossy().into_owned(),
        None => given.to_string(),
    };
    let llvm_target = Target::from_triple(&TargetTriple::create(&triple))
        .map_err(|_| Error::new(format!("unknown target '{given}' (`wasmkiln --print targets` lists the supported ones)")))?;
    let (cpus, feature_names) = known::LISTS.iter().find(|(name, ..)| *name == llvm_target.get_name().to_string_lossy()).map_or((&[][..], &[][..]), |(_, c, f)| (*c, *f));
    let host = info.is_some_and(|i| i.is_host()) || triple == TargetMachine::get_default_triple().as_str().to_string_lossy();
    let baseline = || match info {
        Some(i) => (i.cpu.to_string(), i.features.to_string()),
        None => ("generic".to_string(), String::new()),
    };
    let default_cpu = if named.is_some() { "portable" } else { "native" };
    let (cpu, mut feats) = match cpu.unwrap_or(default_cpu) {
        "native" if host => (TargetMachine::get_host_cpu_name().to_string(), TargetMachine::get_host_cpu_features().to_string()),
        "native" => return Err(Error::new(format!("--cpu native means this machine's CPU, which cannot run {triple} code (use portable or a CPU name)"))),
        "portable" => baseline(),
        name => {
            if !cpus.is_empty() && !cpus.contains(&name) {
                let example = cpus.first().copied().unwrap_or("generic");
                let native = if host { "native, " } else { "" };
                return Err(Error::new(format!("unknown CPU '{name}' for {triple} (use {native}portable, or an LLVM CPU name such as {example})")));
            }
            (name.to_string(), baseline().1)
        }
    };
    for f in features.unwrap_or("").split(',').map(str::trim).filter(|f| !f.is_empty()) {
        let name = f.strip_prefix(['+', '-']).ok_or_else(|| Error::new(format!("--features: '{f}' must start with + or -")))?;
        if !feature_names.is_empty() && !feature_names.contains(&name) {
            return Err(Error::new(format!("unknown feature '{name}' for {triple} (`llc-19 -mtriple={triple} -mattr=help` lists them)")));
        }
        if !feats.is_empty() {
            feats.push(',');
        }
        feats.push_str(f);
    }
    Ok(Resolved { triple, cpu, features: feats, info })
}

/// The `--print targets` text.
pub fn print_targets() -> String {
    let mut s = String::from("Targets wasmkiln builds executables for (--target TRIPLE; obj/asm/llvm-ir: any triple LLVM knows):\n");
    for t in TARGETS {
        let host = if t.is_host() { " (host)" } else { "" };
        let features = if t.features.is_empty() { String::new() } else { format!(" {}", t.features) };
        s.push_str(&format!("\n{}{host}\n  portable CPU: {}{features}\n", t.triple, t.cpu));
        if !t.aliases.is_empty() {
            s.push_str(&format!("  also named: {}\n", t.aliases.join(", ")));
        }
        if t.is_host() {
            s.push_str(&format!("  needs: {} (Debian); runtime built into wasmkiln\n", t.packages));
        } else {
            s.push_str(&format!("  needs: {} (Debian), the runtime (`make runtime TARGET={}`)\n", t.packages, t.triple));
            s.push_str(&format!("  runs on x86-64 with: {} ({})\n", t.runner.join(" "), t.runner_package));
        }
        if t.kind == Kind::Freestanding {
            s.push_str("  firmware: --emit staticlib|obj|header, explicit bounds checks, imports are C functions\n");
        }
    }
    s
}
