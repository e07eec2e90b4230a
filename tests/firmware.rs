//! Firmware (`make test-cross`): the module of `tests/firmware/checksum.c` compiled by wasmkiln for
//! each firmware target of the table (Cortex-M4 `thumbv7em-none-eabihf`, Cortex-M3
//! `thumbv7m-none-eabi`) with `--emit header` and `--emit staticlib`, linked by arm-none-eabi-gcc
//! with newlib's semihosting library into the firmware of `tests/firmware/main.c`, and run under
//! `qemu-system-arm` (MPS2 boards). Trials `TRIPLE::firmware::SCENARIO`: `run` prints a checksum
//! computed with imports implemented in C, a float sum, indirect calls, compared with the native
//! build of the same C; `oob`, `div0` and `stack` (runaway recursion under the stack limit the
//! firmware sets) end in a trap that reaches the C trap hook; `size`
//! measures from the linker map what the runtime adds to the firmware (flash and RAM), within
//! the 8 KiB flash budget. They need the ARM toolchain, qemu-system-arm and the firmware runtimes
//! `make test-cross` installs and builds, so they run when `WASMKILN_CROSS=1`.
//!
//! `firmware_cli::*` always run: the generated header compiles warning-free as C99, and bad
//! input (guard pages or an executable for a firmware target, `--max-memory` below the
//! module's minimum or not a page multiple, a module importing a memory) is one error line.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use libtest_mimic::{Arguments, Failed, Trial};
use wasmkiln::target::{Kind, TargetInfo, TARGETS};
use wasmkiln_tests::{artifact_dir, build_step, clang, compile_wasm, one_error_line, run, wasmkiln, workspace, BUILD_TIMEOUT, RUN_TIMEOUT};

/// Linear memory of the test module: its minimum (`--initial-memory`), reserved as is.
const MEMORY_BYTES: u64 = 131072;
/// The goal of the issue: the runtime adds less than this much flash to a firmware.
const RUNTIME_FLASH_BUDGET: u64 = 8 * 1024;

fn main() {
    let args = Arguments::from_args();
    let enabled = std::env::var_os("WASMKILN_CROSS").is_some_and(|v| v == "1");
    let mut trials = Vec::new();
    for t in TARGETS.iter().filter(|t| t.kind == Kind::Freestanding) {
        let fw: Arc<OnceLock<Result<Firmware, String>>> = Arc::new(OnceLock::new());
        for scenario in ["run", "oob", "div0", "stack", "size"] {
            let fw = fw.clone();
            let trial = Trial::test(format!("{}::firmware::{scenario}", t.triple), move || {
                let fw = fw.get_or_init(|| Firmware::build(t)).as_ref().map_err(|e| Failed::from(e.clone()))?;
                match scenario {
                    "size" => fw.check_size(),
                    _ => fw.check_run(scenario),
                }
            });
            trials.push(trial.with_ignored_flag(!enabled));
        }
    }
    trials.extend([
        Trial::test("firmware_cli::header_compiles", header_compiles),
        Trial::test("firmware_cli::bad_input", bad_input),
    ]);
    libtest_mimic::run(&args, trials).exit();
}

fn sources() -> PathBuf {
    workspace().join("tests/firmware")
}

/// The test module, built once.
fn module_wasm() -> Result<PathBuf, String> {
    static WASM: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    WASM.get_or_init(|| {
        let out = artifact_dir("firmware")?.join("checksum.wasm");
        build_step(
            Command::new(clang())
                .args(["--target=wasm32", "-O2", "-nostdlib", "-Wl,--no-entry", "-Wl,-z,stack-size=16384"])
                .arg(format!("-Wl,--initial-memory={MEMORY_BYTES}"))
                .arg(sources().join("checksum.c"))
                .arg("-o")
                .arg(&out),
        )?;
        Ok(out)
    })
    .clone()
}

/// The C compiler flags of a target's CPU and float ABI (what an embedder's build uses).
fn cpu_flags(t: &TargetInfo) -> &'static [&'static str] {
    match t.triple {
        "thumbv7em-none-eabihf" => &["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"],
        _ => &["-mcpu=cortex-m3", "-mthumb"],
    }
}

struct Firmware {
    target: &'static TargetInfo,
    elf: PathBuf,
    map: PathBuf,
    dir: PathBuf,
    /// What the native build prints.
    native: String,
}

impl Firmware {
    fn build(t: &'static TargetInfo) -> Result<Firmware, String> {
        let wasm = module_wasm()?;
        let dir = artifact_dir(&format!("firmware/{}", t.triple))?;
        // The module's name (checksum) comes from the file name.
        compile_wasm(&wasm, &dir.join("checksum.h"), &["--target", t.triple, "--emit", "header"])?;
        let lib = dir.join("libchecksum.a");
        compile_wasm(&wasm, &lib, &["--target", t.triple, "--emit", "staticlib"])?;
        let (elf, map) = (dir.join("firmware.elf"), dir.join("firmware.map"));
        let src = sources();
        build_step(
            Command::new(t.linker)
                .args(cpu_flags(t))
                .args(["-O2", "-std=c99", "-Wall", "-Wextra", "-Werror", "--specs=rdimon.specs", "-Wl,--gc-sections"])
                .arg("-I")
                .arg(&dir)
                .arg("-T")
                .arg(src.join("mps2.ld"))
                .arg(format!("-Wl,-Map={}", map.display()))
                .arg(src.join("main.c"))
                .arg(src.join("vectors.c"))
                .arg(&lib)
                .arg("-lm")
                .arg("-o")
                .arg(&elf),
        )?;
        let native_exe = dir.join("native");
        build_step(
            Command::new("cc")
                .args(["-O2", "-w", &format!("-DMEMORY_BYTES={MEMORY_BYTES}u"), "-I"])
                .arg(&src)
                .arg(src.join("native.c"))
                .arg("-o")
                .arg(&native_exe),
        )?;
        let out = run(&mut Command::new(&native_exe), b"", RUN_TIMEOUT)?;
        if !out.status.success() {
            return Err(format!("the native build failed: {}", out.describe()));
        }
        Ok(Firmware { target: t, elf, map, dir, native: out.stdout() })
    }

    /// Runs the firmware with `scenario` and compares with the native run: everything the
    /// native build prints for `run`; for a trap, the same lines up to the trap, the trap
    /// hook's line, exit status 3.
    fn check_run(&self, scenario: &str) -> Result<(), Failed> {
        let mut cmd = Command::new(self.target.runner[0]);
        cmd.args(&self.target.runner[1..])
            .args(["-nographic", "-monitor", "none", "-semihosting-config", "enable=on,target=native", "-kernel"])
            .arg(&self.elf)
            .args(["-append", scenario])
            .current_dir(&self.dir);
        let out = run(&mut cmd, b"", RUN_TIMEOUT)?;
        let before = self.native.strip_suffix("done\n").unwrap_or(&self.native);
        let (want, status) = match scenario {
            "oob" => (format!("{before}load past the end\ntrap: out of bounds memory access\n"), 3),
            "div0" => (format!("{before}divide by zero\ntrap: integer divide by zero\n"), 3),
            "stack" => (format!("{before}recursion\ntrap: call stack exhausted\n"), 3),
            _ => (self.native.clone(), 0),
        };
        if out.stdout() == want && out.status.code() == Some(status) {
            return Ok(());
        }
        Err(format!("{cmd:?}: expected exit status {status} and stdout\n{want}\ngot: {}", out.describe()).into())
    }

    /// Flash and RAM of the firmware by origin, from the linker map: the runtime (the members
    /// of the staticlib other than the module's object), the module's code and its arena.
    fn check_size(&self) -> Result<(), Failed> {
        let map = fs::read_to_string(&self.map).map_err(|e| format!("reading {}: {e}", self.map.display()))?;
        let sizes = map_sizes(&map)?;
        let total = |origin: Origin, ram: bool| sizes.iter().filter(|s| s.origin == origin && s.ram == ram).map(|s| s.bytes).sum::<u64>();
        let report = format!(
            "{}: runtime {} B flash, {} B RAM; module code {} B flash, arena {} B RAM ({} KiB linear memory)",
            self.target.triple,
            total(Origin::Runtime, false),
            total(Origin::Runtime, true),
            total(Origin::Module, false),
            total(Origin::Module, true),
            MEMORY_BYTES / 1024
        );
        println!("{report}");
        fs::write(self.dir.join("size.txt"), format!("{report}\n")).map_err(|e| e.to_string())?;
        if total(Origin::Module, false) == 0 || total(Origin::Runtime, false) == 0 {
            return Err(format!("the map {} names no module or runtime section: {report}", self.map.display()).into());
        }
        if total(Origin::Runtime, false) > RUNTIME_FLASH_BUDGET {
            return Err(format!("the runtime takes more than {RUNTIME_FLASH_BUDGET} B of flash: {report}").into());
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Origin {
    Runtime,
    Module,
    Other,
}

struct Section {
    origin: Origin,
    /// RAM (.data counts as both: its image is in flash) or flash.
    ram: bool,
    bytes: u64,
}

/// The input sections of a GNU ld map ("Linker script and memory map" part) by origin.
fn map_sizes(map: &str) -> Result<Vec<Section>, String> {
    let body = map.split_once("Linker script and memory map").ok_or("not a GNU ld map")?.1;
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    for line in body.lines() {
        // An input section: " .name 0xADDR 0xSIZE FILE", the name on a line of its own when long.
        let fields: Vec<&str> = line.split_whitespace().collect();
        if !line.starts_with(' ') || fields.is_empty() {
            pending = None;
            continue;
        }
        let (name, rest) = match (fields[0].starts_with('.'), pending.take()) {
            (true, _) if fields.len() == 1 => {
                pending = Some(fields[0].to_string());
                continue;
            }
            (true, _) => (fields[0].to_string(), &fields[1..]),
            (false, Some(name)) => (name, &fields[..]),
            (false, None) => continue,
        };
        let [addr, size, file] = rest else { continue };
        let (Some(_), Some(size)) = (addr.strip_prefix("0x"), size.strip_prefix("0x")) else { continue };
        let bytes = u64::from_str_radix(size, 16).map_err(|e| format!("bad size in map line {line:?}: {e}"))?;
        let origin = match file.split_once("libchecksum.a(") {
            Some((_, member)) if member.starts_with("module.") => Origin::Module,
            Some(_) => Origin::Runtime,
            None => Origin::Other,
        };
        let ram = name.starts_with(".bss") || name.starts_with(".data");
        out.push(Section { origin, ram, bytes });
        if name.starts_with(".data") {
            out.push(Section { origin, ram: false, bytes });
        }
    }
    Ok(out)
}

fn header_compiles() -> Result<(), Failed> {
    let wasm = module_wasm()?;
    let dir = artifact_dir("firmware/header")?;
    let header = dir.join("checksum.h");
    compile_wasm(&wasm, &header, &["--target", "thumbv7m-none-eabi", "--emit", "header"])?;
    let user = dir.join("user.c");
    fs::write(&user, "#include \"checksum.h\"\n#include \"checksum.h\"\nint main(void) { return wk_checksum_instantiate() != 0; }\n").map_err(|e| e.to_string())?;
    build_step(Command::new("cc").args(["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I"]).arg(&dir).arg(&user))?;
    let text = fs::read_to_string(&header).map_err(|e| e.to_string())?;
    for needle in ["wk_env_i_get__seed(wasmkiln_instance *caller)", "uint32_t wk_checksum_e_run(wasmkiln_instance *instance, uint32_t p0)", "double wk_checksum_e_harmonic", "#define WASMKILN_TRAP_MEMORY_OUT_OF_BOUNDS 1"] {
        if !text.contains(needle) {
            return Err(format!("{} lacks {needle:?}:\n{text}", header.display()).into());
        }
    }
    Ok(())
}

fn bad_input() -> Result<(), Failed> {
    let wasm = module_wasm()?;
    let dir = artifact_dir("firmware/bad")?;
    let imports_memory = dir.join("imports_memory.wasm");
    build_step(Command::new("wat2wasm").arg(workspace().join("tests/firmware/imports_memory.wat")).arg("-o").arg(&imports_memory))?;
    let memory64 = dir.join("memory64.wasm");
    build_step(Command::new("wat2wasm").arg("--enable-memory64").arg(workspace().join("tests/firmware/memory64.wat")).arg("-o").arg(&memory64))?;
    let cases: &[(&Path, &[&str], &[&str])] = &[
        (&wasm, &["--emit", "obj", "--bounds-checks", "guard"], &["MMU"]),
        (&wasm, &["--emit", "exe"], &["firmware target", "--emit staticlib"]),
        (&wasm, &["--emit", "obj", "--max-memory", "64K"], &["--max-memory", "128 KiB"]),
        (&wasm, &["--emit", "obj", "--max-memory", "1000"], &["multiple of the 64 KiB"]),
        (&imports_memory, &["--emit", "obj"], &["imports memory env.mem", "import functions only"]),
        (&memory64, &["--emit", "obj"], &["64-bit memory", "32-bit"]),
    ];
    let mut problems = Vec::new();
    for (input, flags, needles) in cases {
        let mut cmd = Command::new(wasmkiln()?);
        cmd.arg(input).arg("-o").arg(dir.join("never-written")).args(["--target", "thumbv7em-none-eabihf"]).args(*flags);
        let out = run(&mut cmd, b"", BUILD_TIMEOUT)?;
        match one_error_line(&out) {
            Ok(line) => {
                if let Some(n) = needles.iter().find(|n| !line.contains(**n)) {
                    problems.push(format!("{cmd:?}: the error does not name {n:?}: {line}"));
                }
            }
            Err(e) => problems.push(format!("{cmd:?}: {e}")),
        }
    }
    // A firmware static library without the firmware runtime built: the make target to run.
    let empty = artifact_dir("firmware/empty")?;
    let mut cmd = Command::new(wasmkiln()?);
    cmd.arg(&wasm).arg("-o").arg(dir.join("never-written")).args(["--target", "thumbv7m-none-eabi", "--emit", "staticlib"]).env("WASMKILN_RUNTIME_DIR", &empty);
    match one_error_line(&run(&mut cmd, b"", BUILD_TIMEOUT)?) {
        Ok(line) if line.contains("make runtime TARGET=thumbv7m-none-eabi") => {}
        Ok(line) => problems.push(format!("{cmd:?}: the error does not name the make target: {line}")),
        Err(e) => problems.push(format!("{cmd:?}: {e}")),
    }
    // A header for a hosted target: not yet (C host functions come with their own issue).
    let mut cmd = Command::new(wasmkiln()?);
    cmd.arg(&wasm).arg("-o").arg(dir.join("never-written.h")).args(["--emit", "header"]);
    match one_error_line(&run(&mut cmd, b"", BUILD_TIMEOUT)?) {
        Ok(line) if line.contains("--emit header is for firmware targets") => {}
        Ok(line) => problems.push(format!("{cmd:?}: unexpected error: {line}")),
        Err(e) => problems.push(format!("{cmd:?}: {e}")),
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n").into()) }
}
