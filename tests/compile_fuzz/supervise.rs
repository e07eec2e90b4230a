//! Running cases in child processes: the worker side (run cases, report each on stdout) and
//! the supervising side (restart after a crash, kill after a timeout, record findings).

use crate::case;
use crate::limits::Limit;
use crate::seeds::Seeds;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use wasmkiln::backend::OptLevel;

/// The address space of a child: a compile that wants more is a finding.
const CHILD_MEMORY: u64 = 4 << 30;

fn limit_memory() {
    let lim = libc::rlimit { rlim_cur: CHILD_MEMORY, rlim_max: CHILD_MEMORY };
    // SAFETY: setrlimit with a valid struct.
    unsafe { libc::setrlimit(libc::RLIMIT_AS, &lim) };
}

/// `--worker FIRST END`: runs cases FIRST..END, printing `start SEED` and `done SEED OUTCOME`.
pub fn worker(first: u64, end: u64) {
    limit_memory();
    std::panic::set_hook(Box::new(|_| {})); // Panics are reported as outcomes.
    let seeds = crate::load_seeds();
    let dir = wasmkiln_tests::artifact_dir(&format!("compile-fuzz/worker-{}", std::process::id())).unwrap_or_else(|e| crate::fail(&e));
    let mut out = std::io::stdout().lock();
    for seed in first..end {
        let _ = writeln!(out, "start {seed}");
        let _ = out.flush();
        let outcome = case::run(&seeds, seed, &dir).unwrap_or_else(|e| format!("finding {}", e.replace('\n', " ")).leak());
        let _ = writeln!(out, "done {seed} {outcome}");
        let _ = out.flush();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[derive(Default)]
pub struct Stats {
    pub total: u64,
    invalid: u64,
    compiled: u64,
    at_o2: u64,
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} cases: {} rejected, {} compiled at -O0 ({} also at -O2)", self.total, self.invalid, self.compiled, self.at_o2)
    }
}

pub struct Run<'a> {
    seeds: &'a Seeds,
    pub stats: Stats,
    pub findings: Vec<String>,
    pub dir: PathBuf,
    timeout: Duration,
}

impl<'a> Run<'a> {
    pub fn new(seeds: &'a Seeds) -> Run<'a> {
        let dir = std::env::var_os("FUZZ_DIR").map(PathBuf::from).unwrap_or_else(|| wasmkiln_tests::target_dir().join("fuzz-compile"));
        let timeout = Duration::from_secs(crate::env_u64("FUZZ_TIMEOUT").unwrap_or(10));
        Run { seeds, stats: Stats::default(), findings: Vec::new(), dir, timeout }
    }

    fn finding(&mut self, seed: u64, what: String) {
        let (bytes, mutations) = case::mutant(self.seeds, seed);
        let _ = std::fs::create_dir_all(&self.dir);
        let _ = std::fs::write(self.dir.join(format!("{seed}.wasm")), bytes);
        let text = format!("seed {seed}: {what}\nmutations: {mutations:?}\nreproduce: cargo test --release -p wasmkiln-tests --test compile_fuzz -- --case {seed}\n");
        let _ = std::fs::write(self.dir.join(format!("{seed}.txt")), &text);
        eprintln!("compile-fuzz: FINDING seed {seed}: {what}");
        self.findings.push(format!("seed {seed}: {what}"));
    }

    /// Runs cases `first..end` in child processes, a new one after each crash or timeout.
    pub fn cases(&mut self, first: u64, end: u64) {
        let exe = std::env::current_exe().unwrap_or_else(|e| crate::fail(&format!("current_exe: {e}")));
        let mut next = first;
        while next < end {
            let stderr_path = self.dir.with_extension(format!("stderr-{}", std::process::id()));
            let _ = std::fs::create_dir_all(self.dir.parent().unwrap_or(&self.dir));
            let stderr = std::fs::File::create(&stderr_path).map(Stdio::from).unwrap_or(Stdio::null());
            let mut child = Command::new(&exe)
                .args(["--worker", &next.to_string(), &end.to_string()])
                .stdout(Stdio::piped())
                .stderr(stderr)
                .spawn()
                .unwrap_or_else(|e| crate::fail(&format!("starting a worker: {e}")));
            let (tx, rx) = mpsc::channel();
            let stdout = child.stdout.take().expect("piped");
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            let mut current = next;
            // Loading the seeds takes the first case's time too.
            let mut deadline = Instant::now() + self.timeout + Duration::from_secs(20);
            loop {
                match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(line) => {
                        let mut words = line.splitn(3, ' ');
                        let (kind, seed) = (words.next(), words.next().and_then(|s| s.parse::<u64>().ok()));
                        let Some(seed) = seed else { continue };
                        if kind == Some("start") {
                            current = seed;
                            deadline = Instant::now() + self.timeout;
                            continue;
                        }
                        next = seed + 1;
                        self.stats.total += 1;
                        match words.next().unwrap_or("") {
                            "invalid" => self.stats.invalid += 1,
                            "compiled" => self.stats.compiled += 1,
                            "compiled-O2" => (self.stats.compiled += 1, self.stats.at_o2 += 1).0,
                            other => self.finding(seed, other.trim_start_matches("finding ").to_string()),
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        let _ = child.kill();
                        let _ = child.wait();
                        self.stats.total += 1;
                        self.finding(current, format!("hang: no result after {} s", self.timeout.as_secs()));
                        next = current + 1;
                        break;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        let status = child.wait().map(|s| format!("{s}")).unwrap_or_default();
                        if next < end {
                            let tail = std::fs::read_to_string(&stderr_path).unwrap_or_default();
                            let tail: Vec<&str> = tail.lines().rev().take(3).collect();
                            self.stats.total += 1;
                            self.finding(current, format!("crash: {status}: {}", tail.join(" | ")));
                            next = current + 1;
                        }
                        break;
                    }
                }
            }
            let _ = std::fs::remove_file(&stderr_path);
        }
    }
}

/// The time and memory a limit module may take.
const LIMIT_TIMEOUT: Duration = Duration::from_secs(60);

/// `--limit NAME`: compiles that limit module; prints `compiled` or `error: ...`.
pub fn limit_child(name: &str) {
    limit_memory();
    let limit = crate::limits::LIMITS.iter().find(|l| l.name == name).unwrap_or_else(|| crate::fail("no such limit"));
    let dir = wasmkiln_tests::artifact_dir(&format!("compile-fuzz/limit-{name}")).unwrap_or_else(|e| crate::fail(&e));
    let bytes = (limit.module)();
    let input = dir.join(format!("{name}.wasm"));
    let _ = std::fs::write(&input, &bytes);
    let opts = case::obj_options(input, dir.join(format!("{name}.o")), OptLevel::O0);
    match wasmkiln::driver::compile(&opts, &mut Default::default()) {
        Ok(()) => println!("compiled"),
        Err(e) => println!("error: {e}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs one limit module in a child; its outcome, or why it breaks the rule.
pub fn limit(limit: &Limit) -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let out = wasmkiln_tests::process::run(Command::new(exe).args(["--limit", limit.name]), b"", LIMIT_TIMEOUT)?;
    let secs = start.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() {
        return Err(format!("{}", out.describe()));
    }
    match (limit.error, stdout.as_str()) {
        (None, "compiled") => Ok(format!("compiled in {secs:.1} s")),
        (Some(text), line) if line.starts_with("error: ") && line.contains(text) && !line.contains('\n') => Ok(format!("{line} ({secs:.1} s)")),
        (_, line) => Err(format!("expected {}, got {line:?}", limit.error.map_or("it to compile".to_string(), |t| format!("an error with {t:?}")))),
    }
}
