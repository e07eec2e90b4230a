//! The trials of `wasmkiln run` and of the sandbox settings of executables (`run::*`,
//! `sandbox::*`), with the probe program `tests/wasi/run/probe.c`.

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use libtest_mimic::{Failed, Trial};
use wasmkiln_tests::wasi_support::{fixture, Toolchain};
use wasmkiln_tests::{artifact_dir, compile_wasm, describe_status, run, wasmkiln, workspace, Output, RUN_TIMEOUT};

pub fn run_trials() -> Vec<Trial> {
    vec![
        Trial::test("run::compiles_once_then_uses_the_cache", run_cache),
        Trial::test("run::tiered_o0_first_then_optimized_from_the_background", run_tiered),
        Trial::test("run::no_tier_compiles_optimized_directly", run_no_tier),
        Trial::test("run::o0_has_no_tier", run_o0_no_tier),
        Trial::test("run::passes_arguments_environment_directories_stdin_and_status", run_passes_everything),
        Trial::test("run::errors", run_errors),
        Trial::test("sandbox::nothing_by_default", sandbox_default),
        Trial::test("sandbox::baked_in_at_compile_time", sandbox_baked),
        Trial::test("sandbox::environment_variable_overrides", sandbox_override),
    ]
}

/// `tests/wasi/run/probe.c` built once with clang.
fn probe() -> Result<PathBuf, String> {
    static PROBE: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    PROBE
        .get_or_init(|| {
            let wasm = artifact_dir("wasi/run")?.join("probe.wasm");
            Toolchain::Clang.build(&workspace().join("tests/wasi/run/probe.c"), &wasm, &[])?;
            Ok(wasm)
        })
        .clone()
}

/// A fresh directory for one trial, with the fixture tree in it.
fn trial_dir(name: &str) -> Result<PathBuf, String> {
    let dir = artifact_dir(&format!("wasi/run/{name}"))?;
    fixture(&dir)?;
    Ok(dir)
}

/// Runs `cmd` in `dir` with `stdin`; no WASMKILN_* variable leaks in from the test's environment.
fn go(cmd: &mut Command, dir: &Path, stdin: &str) -> Result<Output, String> {
    cmd.current_dir(dir).env_remove("WASMKILN_SANDBOX");
    run(cmd, stdin.as_bytes(), RUN_TIMEOUT)
}

fn expect(out: &Output, status: i32, stdout: &str, stderr_has: &[&str]) -> Result<(), String> {
    let mut problems = Vec::new();
    if out.status.code() != Some(status) {
        problems.push(format!("{}, expected exit status {status}", describe_status(out.status)));
    }
    if let Some(d) = wasmkiln_tests::compare("stdout", stdout.as_bytes(), &out.stdout) {
        problems.push(d);
    }
    for s in stderr_has {
        if !out.stderr().contains(s) {
            problems.push(format!("stderr lacks {s:?}"));
        }
    }
    if out.stderr().contains("panicked") {
        problems.push("stderr mentions a panic".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{}", problems.join("\n"), out.describe()))
    }
}

fn wasmkiln_run(cache: &Path) -> Result<Command, String> {
    let mut cmd = Command::new(wasmkiln()?);
    cmd.arg("run").env("WASMKILN_CACHE_DIR", cache);
    Ok(cmd)
}

/// The files of the cache directory `cache`: executables (named by their key), and the lock and
/// error files beside them (`KEY.lock`, `KEY.error`); temporary files (`.NAME...`) are left out.
fn cache_files(cache: &Path) -> (Vec<String>, Vec<String>) {
    let names: Vec<String> = match fs::read_dir(cache.join("v2")) {
        Ok(d) => d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| !n.starts_with('.')).collect(),
        Err(_) => Vec::new(),
    };
    names.into_iter().partition(|n| !n.contains('.'))
}

/// Waits (up to 3 minutes) until `done` holds of the cache's files.
fn wait_for_cache(cache: &Path, what: &str, done: impl Fn(&[String], &[String]) -> bool) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let (entries, others) = cache_files(cache);
        if done(&entries, &others) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("waited 3 minutes for {what}: the cache holds {entries:?} and {others:?}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A copy of the probe in `dir`, with `notes` custom sections added (another module each time).
fn probe_copy(dir: &Path, notes: usize) -> Result<(), String> {
    let mut bytes = fs::read(probe()?).map_err(|e| e.to_string())?;
    for _ in 0..notes {
        bytes.extend_from_slice(&[0, 5, 4, b'n', b'o', b't', b'e']);
    }
    fs::write(dir.join("probe.wasm"), bytes).map_err(|e| e.to_string())
}

const PROBE_HI: &str = "argc 2: [probe.wasm] [hi]\nenv:\npreopens:\n";

/// The first run compiles (`-v` says so), the second finds the executable in the cache; another
/// module or another `-O` compiles again (`--no-tier`: the requested build at once).
fn run_cache() -> Result<(), Failed> {
    let dir = trial_dir("cache")?;
    let cache = dir.join("cache");
    probe_copy(&dir, 0)?;
    let t0 = Instant::now();
    let first = go(wasmkiln_run(&cache)?.args(["-v", "--no-tier", "probe.wasm", "hi"]), &dir, "")?;
    let t1 = Instant::now();
    expect(&first, 0, PROBE_HI, &["wasmkiln: -O2 compiled in"])?;
    let second = go(wasmkiln_run(&cache)?.args(["-v", "--no-tier", "probe.wasm", "hi"]), &dir, "")?;
    let t2 = Instant::now();
    expect(&second, 0, PROBE_HI, &["wasmkiln: -O2 cached: "])?;
    let (entries, others) = cache_files(&cache);
    if entries.len() != 1 || !others.is_empty() {
        return Err(format!("the cache holds {entries:?} and {others:?} after two runs of one module, not 1 entry").into());
    }
    // A different module (one more custom section) and another -O: compiled anew.
    probe_copy(&dir, 1)?;
    expect(&go(wasmkiln_run(&cache)?.args(["-v", "--no-tier", "probe.wasm", "hi"]), &dir, "")?, 0, PROBE_HI, &["-O2 compiled in"])?;
    expect(&go(wasmkiln_run(&cache)?.args(["-v", "-O0", "probe.wasm", "hi"]), &dir, "")?, 0, PROBE_HI, &["-O0 compiled in"])?;
    expect(&go(wasmkiln_run(&cache)?.args(["-v", "-O0", "probe.wasm", "hi"]), &dir, "")?, 0, PROBE_HI, &["-O0 cached"])?;
    eprintln!("run::cache: first run {:?}, second {:?}", t1 - t0, t2 - t1);
    Ok(())
}

/// Tiered (the default at -O1..-O3): the first run compiles and runs -O0 while the optimized
/// build is compiled in the background, which later runs use. A background build that fails
/// (here: a file size limit, as a full disk would) leaves no entry but its error, which the next
/// run reports under -v before trying again.
fn run_tiered() -> Result<(), Failed> {
    let dir = trial_dir("tiered")?;
    let cache = dir.join("cache");
    probe_copy(&dir, 0)?;
    let first = go(wasmkiln_run(&cache)?.args(["-v", "probe.wasm", "hi"]), &dir, "")?;
    expect(&first, 0, PROBE_HI, &["wasmkiln: -O0 (optimized build in background) compiled in"])?;
    wait_for_cache(&cache, "the background -O2 build", |entries, others| entries.len() == 2 && others.is_empty())?;
    let later = go(wasmkiln_run(&cache)?.args(["-v", "probe.wasm", "hi"]), &dir, "")?;
    expect(&later, 0, PROBE_HI, &["wasmkiln: -O2 cached: "])?;

    // Another module, its -O0 build cached first; then its background -O2 build fails.
    probe_copy(&dir, 1)?;
    expect(&go(wasmkiln_run(&cache)?.args(["-O0", "probe.wasm", "hi"]), &dir, "")?, 0, PROBE_HI, &[])?;
    let mut limited = wasmkiln_run(&cache)?;
    limited.args(["-v", "probe.wasm", "hi"]);
    // SAFETY: setrlimit only, in the child before exec.
    unsafe {
        limited.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 64 * 1024, rlim_max: 64 * 1024 };
            match libc::setrlimit(libc::RLIMIT_FSIZE, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
    expect(&go(&mut limited, &dir, "")?, 0, PROBE_HI, &["wasmkiln: -O0 (optimized build in background) cached: "])?;
    wait_for_cache(&cache, "the failed background build's error", |_, others| others.len() == 1 && others[0].ends_with(".error"))?;
    let (entries, _) = cache_files(&cache);
    if entries.len() != 3 {
        return Err(format!("a failed background build left an entry: {entries:?}").into());
    }
    let retried = go(wasmkiln_run(&cache)?.args(["-v", "probe.wasm", "hi"]), &dir, "")?;
    expect(&retried, 0, PROBE_HI, &["wasmkiln: the last background -O2 build failed, trying again: ", "File too large", "-O0 (optimized build in background) cached: "])?;
    wait_for_cache(&cache, "the retried background -O2 build", |entries, others| entries.len() == 4 && others.is_empty())?;
    expect(&go(wasmkiln_run(&cache)?.args(["-v", "probe.wasm", "hi"]), &dir, "")?, 0, PROBE_HI, &["wasmkiln: -O2 cached: "])?;
    Ok(())
}

/// `--no-tier`: the optimized build, compiled and waited for; no -O0 build, nothing in the
/// background.
fn run_no_tier() -> Result<(), Failed> {
    let dir = trial_dir("no_tier")?;
    let cache = dir.join("cache");
    probe_copy(&dir, 0)?;
    let out = go(wasmkiln_run(&cache)?.args(["-v", "--no-tier", "-O1", "probe.wasm", "hi"]), &dir, "")?;
    expect(&out, 0, PROBE_HI, &["wasmkiln: -O1 compiled in"])?;
    only_one_entry(&cache, &out)
}

/// -O0 asked for: no tier, nothing in the background.
fn run_o0_no_tier() -> Result<(), Failed> {
    let dir = trial_dir("o0")?;
    let cache = dir.join("cache");
    probe_copy(&dir, 0)?;
    let out = go(wasmkiln_run(&cache)?.args(["-v", "-O0", "probe.wasm", "hi"]), &dir, "")?;
    expect(&out, 0, PROBE_HI, &["wasmkiln: -O0 compiled in"])?;
    only_one_entry(&cache, &out)
}

/// After a run that should start no background build: one entry, still one a moment later.
fn only_one_entry(cache: &Path, out: &Output) -> Result<(), Failed> {
    for _ in 0..2 {
        let (entries, others) = cache_files(cache);
        if entries.len() != 1 || !others.is_empty() || out.stderr().contains("background") {
            return Err(format!("expected one entry and no background build; the cache holds {entries:?} and {others:?}\n{}", out.describe()).into());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    Ok(())
}

fn run_passes_everything() -> Result<(), Failed> {
    let wasm = probe()?;
    let dir = trial_dir("passes")?;
    let cache = dir.join("cache");
    let w = wasm.display().to_string();
    // Options before and after the module; everything after `--` is the program's.
    let out = go(
        wasmkiln_run(&cache)?
            .args(["--dir", "data::/data", &w, "--env", "A=1", "--env", "HOME", "one", "--", "--dir", "x"])
            .args(["cat=/data/hello.txt", "cat=/data/../outside/secret.txt", "stdin", "exit=7"])
            .env("HOME", "/home/tester"),
        &dir,
        "first line of input\nsecond\n",
    )?;
    let want = format!(
        "argc 8: [{w}] [one] [--dir] [x] [cat=/data/hello.txt] [cat=/data/../outside/secret.txt] [stdin] [exit=7]\n\
         env: [A=1] [HOME=/home/tester]\npreopens: [/data]\n\
         /data/hello.txt: Hello from the host!\n/data/../outside/secret.txt: ENOTCAPABLE\nstdin: first line of input\n"
    );
    expect(&out, 7, &want, &[])?;
    // --inherit-env passes the host environment, but not WASMKILN_SANDBOX itself.
    let out = go(
        wasmkiln_run(&cache)?.args(["--inherit-env", "--env", "B=2", &w]).env("PROBE_MARK", "inherited"),
        &dir,
        "",
    )?;
    let env_line = out.stdout().lines().nth(1).unwrap_or("").to_string();
    if !env_line.contains("[PROBE_MARK=inherited]") || !env_line.contains("[B=2]") || env_line.contains("WASMKILN_SANDBOX") {
        return Err(format!("--inherit-env: unexpected environment line {env_line:?}\n{}", out.describe()).into());
    }
    Ok(())
}

fn run_errors() -> Result<(), Failed> {
    let wasm = probe()?;
    let dir = trial_dir("errors")?;
    let cache = dir.join("cache");
    let w = wasm.display().to_string();
    let out = go(wasmkiln_run(&cache)?.arg("missing.wasm"), &dir, "")?;
    expect(&out, 1, "", &["error: missing.wasm: cannot read:"])?;
    fs::write(dir.join("bad.wasm"), b"\0asm\x01\0\0\0\x01\x02").map_err(|e| e.to_string())?;
    let out = go(wasmkiln_run(&cache)?.arg("bad.wasm"), &dir, "")?;
    expect(&out, 1, "", &["error: bad.wasm: offset 0x"])?;
    let out = go(wasmkiln_run(&cache)?.args(["--dir", "nothere::/x", &w]), &dir, "")?;
    expect(&out, 1, "", &["error: --dir nothere::/x: cannot open the directory: No such file or directory"])?;
    let out = go(wasmkiln_run(&cache)?.args(["--dir", "::/x", &w]), &dir, "")?;
    expect(&out, 1, "", &["error: --dir `::/x`: expected HOST or HOST::GUEST"])?;
    let out = go(wasmkiln_run(&cache)?.args([&w, "-x"]), &dir, "")?;
    expect(&out, 1, "", &["put program arguments after `--`"])?;
    let out = go(wasmkiln_run(&cache)?.arg("--help"), &dir, "")?;
    if !out.status.success() || !out.stdout().contains("--inherit-env") {
        return Err(format!("wasmkiln run --help: {}", out.describe()).into());
    }
    Ok(())
}

fn probe_exe(name: &str, flags: &[&str]) -> Result<(PathBuf, PathBuf), String> {
    let dir = trial_dir(name)?;
    let exe = dir.join("probe");
    compile_wasm(&probe()?, &exe, flags)?;
    Ok((dir, exe))
}

fn sandbox_default() -> Result<(), Failed> {
    let (dir, exe) = probe_exe("default", &[])?;
    let out = go(Command::new(&exe).args(["cat=/data/hello.txt", "cat=hello.txt"]).env("FOO", "bar"), &dir, "")?;
    let want = format!(
        "argc 3: [{}] [cat=/data/hello.txt] [cat=hello.txt]\nenv:\npreopens:\n/data/hello.txt: ENOTCAPABLE\nhello.txt: ENOTCAPABLE\n",
        exe.display()
    );
    expect(&out, 0, &want, &[])?;
    Ok(())
}

fn sandbox_baked() -> Result<(), Failed> {
    let (dir, exe) = probe_exe("baked", &["--dir", "data::/data", "--dir", "data/sub::/nested dir", "--env", "A=a b", "--env", "HOME"])?;
    let out = go(
        Command::new(&exe).args(["cat=/data/lines.txt", "cat=/nested dir/nested.txt"]).env("HOME", "/h").env("FOO", "x"),
        &dir,
        "",
    )?;
    let want = format!(
        "argc 3: [{}] [cat=/data/lines.txt] [cat=/nested dir/nested.txt]\nenv: [A=a b] [HOME=/h]\npreopens: [/data] [/nested dir]\n\
         /data/lines.txt: alpha\n/nested dir/nested.txt: nested\n",
        exe.display()
    );
    expect(&out, 0, &want, &[])?;
    // Relative host directories are relative to the working directory at run time.
    let elsewhere = dir.join("outside");
    let out = go(&mut Command::new(&exe), &elsewhere, "")?;
    expect(&out, 1, "", &["error: --dir data::/data: cannot open the directory: No such file or directory"])?;
    Ok(())
}

fn sandbox_override() -> Result<(), Failed> {
    let (dir, exe) = probe_exe("override", &["--dir", "data::/data", "--env", "A=1"])?;
    let e = exe.display();
    let mut cmd = Command::new(&exe);
    cmd.arg("cat=/other/secret.txt");
    cmd.env("WASMKILN_SANDBOX", "--dir outside::/other --env 'B=two words' --inherit-env");
    cmd.current_dir(&dir);
    let out = run(cmd.env("ONLY_HOST", "1"), b"", RUN_TIMEOUT)?;
    let env_line = out.stdout().lines().nth(1).unwrap_or("").to_string();
    let rest = out.stdout().lines().skip(2).collect::<Vec<_>>().join("\n");
    if out.status.code() != Some(0)
        || !env_line.contains("[B=two words]")
        || !env_line.contains("[ONLY_HOST=1]")
        || env_line.contains("[A=1]")
        || env_line.contains("WASMKILN_SANDBOX")
        || rest != "preopens: [/other]\n/other/secret.txt: top secret"
    {
        return Err(format!("WASMKILN_SANDBOX did not replace the baked-in settings:\n{}", out.describe()).into());
    }
    // Set but empty: nothing at all.
    let mut cmd = Command::new(&exe);
    let out = run(cmd.env("WASMKILN_SANDBOX", "").current_dir(&dir), b"", RUN_TIMEOUT)?;
    expect(&out, 0, &format!("argc 1: [{e}]\nenv:\npreopens:\n"), &[])?;
    // Malformed: an error, and the program does not run.
    for (text, message) in [
        ("--dir", "error: $WASMKILN_SANDBOX: `--dir` needs a value"),
        ("--frob", "error: $WASMKILN_SANDBOX: unknown setting `--frob`"),
        ("--env 'x", "error: $WASMKILN_SANDBOX: unterminated quote"),
    ] {
        let mut cmd = Command::new(&exe);
        let out = run(cmd.env("WASMKILN_SANDBOX", text).current_dir(&dir), b"", RUN_TIMEOUT)?;
        expect(&out, 1, "", &[message])?;
    }
    Ok(())
}
