//! Cross compilation (`make test-cross`): every C program of `tests/c/` and every WASI program
//! of `tests/wasi/<toolchain>/` compiled at -O2 for each cross target of wasmkiln's table
//! (aarch64 and riscv64 Linux), run under its `qemu-*-static` and judged like the host's: the C
//! programs against the native x86-64 build or the trap annotations (`programs.rs`, trials
//! `TRIPLE::c::NAME::O2`), the WASI programs sandboxed in a fresh tree against `NAME.expected`
//! (`wasi_cases.rs`, trials `TRIPLE::wasi::TOOLCHAIN::NAME`), the C++ exception programs
//! (`exceptions_cpp.rs`) and the threads programs (`threads_e2e.rs`: wasi-threads, atomics,
//! wait/notify, `TRIPLE::threads::*`). They need the cross toolchains,
//! emulators and runtimes `make test-cross` installs and builds, so they run when
//! `WASMKILN_CROSS=1` and are listed as ignored otherwise (in `make test`). A trial that cannot
//! pass under qemu-user for a known reason is in `KNOWN_FAILING`: it shows as ignored with the
//! reason while it fails, and fails once it passes.
//!
//! `cross_cli::*` always run: bad target flags (unknown triple, CPU, feature; `--cpu native`
//! for a foreign triple) and a missing toolchain are one `error:` line and exit 1, objects for
//! foreign targets come without LLVM warnings, `--print targets`, and `--emit staticlib` linked
//! into a C program.

use std::fs;
use std::path::Path;
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};
use wasmkiln::target::{Kind, TARGETS};
use wasmkiln_tests::{exceptions_cpp, threads_e2e};
use wasmkiln_tests::platform::Platform;
use wasmkiln_tests::programs::c_programs;
use wasmkiln_tests::wasi_cases::wasi_cases;
use wasmkiln_tests::{
    artifact_dir, build_c_to_wasm, build_step, compile_wasm, one_error_line, run, wasmkiln,
    workspace, BUILD_TIMEOUT, RUN_TIMEOUT,
};

/// Trials that fail under qemu-user for a reason outside wasmkiln, with the reason.
const KNOWN_FAILING: &[(&str, &str)] = &[];

fn main() {
    let args = Arguments::from_args();
    let enabled = std::env::var_os("WASMKILN_CROSS").is_some_and(|v| v == "1");
    let mut trials = c_programs(Platform::cross_targets(!enabled, KNOWN_FAILING));
    trials.extend(wasi_cases(Platform::cross_targets(!enabled, KNOWN_FAILING)));
    trials.extend(exceptions_cpp::trials(Platform::cross_targets(!enabled, KNOWN_FAILING)));
    trials.extend(threads_e2e::trials(Platform::cross_targets(!enabled, KNOWN_FAILING)));
    for (name, _) in KNOWN_FAILING {
        assert!(trials.iter().any(|t| t.name() == *name), "KNOWN_FAILING names {name}, which is no trial");
    }
    trials.extend([
        Trial::test("cross_cli::bad_flags", bad_flags),
        Trial::test("cross_cli::missing_toolchain", missing_toolchain),
        Trial::test("cross_cli::objects_without_warnings", objects_without_warnings),
        Trial::test("cross_cli::print_targets", print_targets),
        Trial::test("cross_cli::staticlib", staticlib),
    ]);
    libtest_mimic::run(&args, trials).exit();
}

fn hello_wasm() -> Result<std::path::PathBuf, String> {
    let wasm = artifact_dir("cross")?.join("hello.wasm");
    if !wasm.exists() {
        build_c_to_wasm(&workspace().join("examples/hello.c"), &wasm, &[])?;
    }
    Ok(wasm)
}

/// `wasmkiln hello.wasm FLAGS...` must fail with one `error:` line containing every one of `needles`.
fn expect_error(cmd: &mut Command, needles: &[&str]) -> Result<(), String> {
    let out = run(cmd, b"", BUILD_TIMEOUT)?;
    let line = one_error_line(&out).map_err(|e| format!("{cmd:?}: {e}"))?;
    match needles.iter().find(|n| !line.contains(**n)) {
        Some(n) => Err(format!("{cmd:?}: the error does not name {n:?}: {line}")),
        None => Ok(()),
    }
}

fn compile(flags: &[&str]) -> Result<Command, String> {
    let mut cmd = Command::new(wasmkiln()?);
    cmd.arg(hello_wasm()?).arg("-o").arg(artifact_dir("cross")?.join("never-written")).args(flags);
    Ok(cmd)
}

fn bad_flags() -> Result<(), Failed> {
    let cases: &[(&[&str], &[&str])] = &[
        (&["--target", "no-such-triple"], &["unknown target 'no-such-triple'"]),
        (&["--target", "aarch64-unknown-linux-gnu", "--cpu", "skylake"], &["unknown CPU 'skylake'"]),
        (&["--target", "riscv64-unknown-linux-gnu", "--features", "+avx2"], &["unknown feature 'avx2'"]),
        (&["--target", "aarch64-unknown-linux-gnu", "--features", "sve"], &["'sve' must start with + or -"]),
        (&["--target", "aarch64-unknown-linux-gnu", "--cpu", "native"], &["--cpu native"]),
        (&["--features", "+no-such-feature"], &["unknown feature 'no-such-feature'"]),
        (&["--target", "armv7-unknown-linux-gnueabihf"], &["no runtime for armv7-unknown-linux-gnueabihf", "--emit obj"]),
        (&["--target", "thumbv7em-none-eabihf"], &["thumbv7em-none-eabihf is a firmware target", "--emit staticlib"]),
    ];
    let mut problems = Vec::new();
    for (flags, needles) in cases {
        if let Err(e) = expect_error(&mut compile(flags)?, needles) {
            problems.push(e);
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n").into()) }
}

/// Without the cross gcc on PATH and without a runtime, the one line names the Debian package
/// and the make target to run.
fn missing_toolchain() -> Result<(), Failed> {
    let empty = artifact_dir("cross/empty")?;
    for t in TARGETS.iter().filter(|t| t.kind == Kind::Linux && !t.runner.is_empty()) {
        let mut cmd = compile(&["--target", t.triple])?;
        cmd.env("PATH", &empty).env("WASMKILN_RUNTIME_DIR", &empty);
        let make = format!("make runtime TARGET={}", t.triple);
        expect_error(&mut cmd, &[t.linker, t.packages, &make])?;
    }
    Ok(())
}

/// `--emit obj` for each target: an ELF object of its machine, and not one line on stderr.
fn objects_without_warnings() -> Result<(), Failed> {
    let dir = artifact_dir("cross")?;
    // ELF e_machine: x86-64 62, AArch64 183, RISC-V 243, ARM 40.
    let cases = [
        ("x86_64-unknown-linux-gnu", 62),
        ("aarch64-unknown-linux-gnu", 183),
        ("riscv64-unknown-linux-gnu", 243),
        ("riscv64gc-unknown-linux-gnu", 243),
        ("thumbv7em-none-eabihf", 40),
    ];
    for (triple, machine) in cases {
        let obj = dir.join(format!("hello-{triple}.o"));
        let out = compile_wasm(&hello_wasm()?, &obj, &["--emit", "obj", "--target", triple])?;
        if !out.stderr.is_empty() {
            return Err(format!("--target {triple}: stderr is not empty: {}", out.stderr()).into());
        }
        let bytes = fs::read(&obj).map_err(|e| format!("reading {}: {e}", obj.display()))?;
        let got = bytes.get(18..20).map(|b| u16::from_le_bytes([b[0], b[1]]));
        if bytes.get(..4) != Some(b"\x7fELF") || got != Some(machine) {
            return Err(format!("{}: not an ELF object for machine {machine} (e_machine {got:?})", obj.display()).into());
        }
        // The Linux RISC-V ABI is lp64d: double-float ABI (e_flags bit 0x4) and compressed code.
        if machine == 243 && bytes.get(48..52).map(|b| b[0] & 0x5) != Some(0x5) {
            return Err(format!("{}: e_flags lack RVC and the double-float ABI", obj.display()).into());
        }
    }
    Ok(())
}

fn print_targets() -> Result<(), Failed> {
    let out = build_step(Command::new(wasmkiln()?).args(["--print", "targets"]))?;
    let text = out.stdout();
    for t in TARGETS {
        for needle in [t.triple, t.packages] {
            if !text.contains(needle) {
                return Err(format!("--print targets does not mention {needle}:\n{text}").into());
            }
        }
    }
    Ok(())
}

/// `--emit staticlib` for the host, linked into a C program that runs the module with the
/// runtime's entry point.
fn staticlib() -> Result<(), Failed> {
    let dir = artifact_dir("cross")?;
    let lib = dir.join("libhello.a");
    compile_wasm(&hello_wasm()?, &lib, &["--emit", "staticlib"])?;
    let main_c = dir.join("main.c");
    let source = "struct wasmkiln_module;\nextern const struct wasmkiln_module wasmkiln_module;\n\
                  int wasmkiln_exe_main(int, char **, const struct wasmkiln_module *);\n\
                  int main(int argc, char **argv) { return wasmkiln_exe_main(argc, argv, &wasmkiln_module); }\n";
    fs::write(&main_c, source).map_err(|e| format!("writing {}: {e}", main_c.display()))?;
    let exe = dir.join("hello-staticlib");
    build_step(Command::new("cc").arg(&main_c).arg(&lib).arg("-o").arg(&exe).args(["-Wl,--gc-sections", "-lpthread", "-ldl", "-lm"]))?;
    expect_output(&exe, &dir, "Hello, WebAssembly!\n")
}

fn expect_output(exe: &Path, dir: &Path, want: &str) -> Result<(), Failed> {
    let out = run(Command::new(exe).current_dir(dir), b"", RUN_TIMEOUT)?;
    if out.status.success() && out.stdout == want.as_bytes() {
        return Ok(());
    }
    Err(format!("{} should print {want:?} and exit 0: {}", exe.display(), out.describe()).into())
}
