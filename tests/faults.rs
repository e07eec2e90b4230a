//! `fault::*` trials: a compiled program whose environment ends it must end the way its native
//! build ends. Each program of `tests/faults/` is built natively and to Wasm, and run three ways
//! (the native build, the wasmkiln executable, `wasmkiln run NAME.wasm`) under the same fault:
//! - `closed_stdout`: stdout is closed after the first line (`prog | head -1`): killed by SIGPIPE,
//!   quietly; `closed_stdout_sigpipe_ignored`: the same with SIGPIPE ignored, so writes fail with
//!   EPIPE, which the program reports ("stdout: Broken pipe", status 3);
//! - `sigint`, `sigterm`: the signal while the program waits for input: killed by it (the
//!   shell's 128+signal).
//!
//! A bad pointer given to a host call (EFAULT) is `tests/c/efault_write.c`, an ordinary C trial.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use libtest_mimic::{Failed, Trial};
use wasmkiln_tests::{
    artifact_dir, build_c_native, build_c_to_wasm, compile_wasm, describe_status, wasmkiln, workspace,
    RUN_TIMEOUT,
};

pub fn trials() -> Vec<Trial> {
    vec![
        Trial::test("fault::closed_stdout", || closed_stdout(false)),
        Trial::test("fault::closed_stdout_sigpipe_ignored", || closed_stdout(true)),
        Trial::test("fault::sigint", || signal(libc::SIGINT)),
        Trial::test("fault::sigterm", || signal(libc::SIGTERM)),
    ]
}

/// The native build, the wasmkiln executable and the `.wasm` of `tests/faults/NAME.c`.
struct Builds {
    native: PathBuf,
    exe: PathBuf,
    wasm: PathBuf,
}

impl Builds {
    /// The three ways to run the program, named for messages.
    fn commands(&self) -> Result<Vec<(&'static str, Command)>, String> {
        let mut run = Command::new(wasmkiln()?);
        run.arg("run").arg(&self.wasm);
        Ok(vec![("native", Command::new(&self.native)), ("wasmkiln executable", Command::new(&self.exe)), ("wasmkiln run", run)])
    }
}

fn build(name: &str) -> Result<Builds, String> {
    let src = workspace().join(format!("tests/faults/{name}.c"));
    let dir = artifact_dir(&format!("faults/{name}"))?;
    let b = Builds { native: dir.join(format!("{name}.native")), exe: dir.join(name), wasm: dir.join(format!("{name}.wasm")) };
    build_c_native(&src, &b.native, &[])?;
    build_c_to_wasm(&src, &b.wasm, &[])?;
    compile_wasm(&b.wasm, &b.exe, &["-O2"])?;
    Ok(b)
}

fn builds(name: &'static str) -> Result<&'static Builds, String> {
    static MANY_LINES: OnceLock<Result<Builds, String>> = OnceLock::new();
    static WAIT_STDIN: OnceLock<Result<Builds, String>> = OnceLock::new();
    let cell = match name {
        "many_lines" => &MANY_LINES,
        _ => &WAIT_STDIN,
    };
    cell.get_or_init(|| build(name)).as_ref().map_err(Clone::clone)
}

/// Waits for `child` up to the run time limit (then kills it: an error).
fn wait(child: &mut Child, what: &str) -> Result<ExitStatus, String> {
    let deadline = Instant::now() + RUN_TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| format!("{what}: waiting: {e}"))? {
            return Ok(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{what}: still running after {RUN_TIMEOUT:?}"));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Reads all of `pipe` on a thread.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// How one run ended: status and stderr.
type Ending = (ExitStatus, String);

fn spawn(cmd: Command, what: &str, ignore_sigpipe: bool) -> Result<Child, String> {
    let mut cmd = if ignore_sigpipe {
        // The shell ignores SIGPIPE and execs the program, which inherits that.
        let mut sh = Command::new("sh");
        sh.args(["-c", "trap '' PIPE; exec \"$0\" \"$@\""]).arg(cmd.get_program()).args(cmd.get_args());
        sh
    } else {
        cmd
    };
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| format!("{what}: cannot run: {e}"))
}

/// Runs `cmd`, reads the first line of its stdout and then closes stdout.
fn run_closed_stdout(cmd: Command, what: &str, ignore_sigpipe: bool) -> Result<Ending, String> {
    let mut child = spawn(cmd, what, ignore_sigpipe)?;
    drop(child.stdin.take());
    let stderr = drain(child.stderr.take().expect("piped"));
    let mut line = String::new();
    {
        let mut out = BufReader::new(child.stdout.take().expect("piped"));
        out.read_line(&mut line).map_err(|e| format!("{what}: reading stdout: {e}"))?;
    } // closed here, as `head -1` exits
    if line != "line 0 of a long output\n" {
        let _ = child.kill();
        return Err(format!("{what}: first line {line:?}"));
    }
    let status = wait(&mut child, what)?;
    Ok((status, String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned()))
}

/// Runs `cmd` with its input held open, waits for "ready", sends `sig`.
fn run_signalled(cmd: Command, what: &str, sig: i32) -> Result<Ending, String> {
    let mut child = spawn(cmd, what, false)?;
    let _input = child.stdin.take(); // kept open until the end
    let stderr = drain(child.stderr.take().expect("piped"));
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    let mut line = String::new();
    out.read_line(&mut line).map_err(|e| format!("{what}: reading stdout: {e}"))?;
    if line != "ready\n" {
        let _ = child.kill();
        return Err(format!("{what}: first line {line:?}"));
    }
    // SAFETY: kill(2) on our own child's pid.
    if unsafe { libc::kill(child.id() as libc::pid_t, sig) } != 0 {
        return Err(format!("{what}: kill: {}", std::io::Error::last_os_error()));
    }
    let status = wait(&mut child, what)?;
    Ok((status, String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned()))
}

/// Every way of running must end as `expected` says (and as the native build does).
fn check(name: &'static str, expected: impl Fn(&Ending) -> bool, run: impl Fn(Command, &str) -> Result<Ending, String>) -> Result<(), Failed> {
    let b = builds(name)?;
    let mut native: Option<Ending> = None;
    for (what, cmd) in b.commands()? {
        let ending = run(cmd, what)?;
        let shown = format!("{what}: {} with stderr {:?}", describe_status(ending.0), ending.1);
        if !expected(&ending) {
            return Err(format!("unexpected ending: {shown}").into());
        }
        match &native {
            None => native = Some(ending),
            Some(n) if n.0.code() == ending.0.code() && n.0.signal() == ending.0.signal() && n.1 == ending.1 => {}
            Some(n) => return Err(format!("{shown}; native: {} with stderr {:?}", describe_status(n.0), n.1).into()),
        }
    }
    Ok(())
}

fn closed_stdout(ignore_sigpipe: bool) -> Result<(), Failed> {
    let expected = move |(status, stderr): &Ending| {
        if ignore_sigpipe {
            status.code() == Some(3) && stderr == "stdout: Broken pipe\n"
        } else {
            status.signal() == Some(libc::SIGPIPE) && stderr.is_empty()
        }
    };
    check("many_lines", expected, |cmd, what| run_closed_stdout(cmd, what, ignore_sigpipe))
}

fn signal(sig: i32) -> Result<(), Failed> {
    let expected = move |(status, stderr): &Ending| status.signal() == Some(sig) && stderr.is_empty();
    check("wait_stdin", expected, |cmd, what| run_signalled(cmd, what, sig))
}
