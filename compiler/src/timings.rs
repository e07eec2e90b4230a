//! What `-v` reports of a compilation: the wall and CPU time of each phase (validate, translate,
//! optimize, codegen, link), of each part when the module was split, of the parallel section, of
//! the whole, and with `--time-passes` LLVM's slowest passes (pass_timing.rs).
//!
//! CPU time is measured per thread (`CLOCK_THREAD_CPUTIME_ID`): a part's is that of the thread
//! that compiled it. A phase's CPU time also counts the child processes that ended during it
//! (the linker, `RUSAGE_CHILDREN`); the whole's is the process's (`RUSAGE_SELF`) and its
//! children's.

use std::fmt::Write;
use std::time::{Duration, Instant};

/// Wall-clock and CPU time of one stretch of work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub wall: Duration,
    pub cpu: Duration,
}

impl Span {
    /// CPU time per wall-clock time, in percent (200 = two cores busy throughout).
    pub fn utilization(&self) -> f64 {
        match self.wall.is_zero() {
            true => 0.0,
            false => 100.0 * self.cpu.as_secs_f64() / self.wall.as_secs_f64(),
        }
    }
}

/// One phase's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phase {
    pub name: &'static str,
    pub span: Span,
}

/// What one part of a split module held, and the time of its phases.
#[derive(Clone, Debug, Default)]
pub struct PartTimes {
    pub index: usize,
    /// Defined functions in the part.
    pub functions: u32,
    /// Bytes of Wasm code of those functions.
    pub code_bytes: usize,
    /// A giant function's part, optimized at -O1 (codegen/mod.rs).
    pub giant: bool,
    pub phases: Vec<Phase>,
}

impl PartTimes {
    fn cpu(&self) -> Duration {
        self.phases.iter().map(|p| p.span.cpu).sum()
    }
}

/// The measures of one compilation (see the module's documentation).
#[derive(Debug, Default)]
pub struct Timings {
    /// The phases in order. With several parts, translate, optimize and codegen have their
    /// slowest part's wall time and the sum of the parts' CPU time.
    pub phases: Vec<Phase>,
    /// Each part, when the module was compiled as several.
    pub parts: Vec<PartTimes>,
    /// The parallel section compiling the parts: its wall time and the parts' summed CPU time;
    /// `threads` worked on it.
    pub parallel: Option<(Span, usize)>,
    /// The whole compilation: wall time and the process's CPU time (with the linker's).
    pub total: Span,
    /// With `--time-passes`: LLVM's slowest passes, by their summed wall time (pass_timing.rs).
    pub passes: Vec<(String, Duration)>,
}

impl Timings {
    /// Runs `f` as phase `phase`, recording its time.
    pub fn time<T>(&mut self, phase: &'static str, f: impl FnOnce() -> T) -> T {
        let watch = Stopwatch::start();
        let r = f();
        self.phases.push(Phase { name: phase, span: watch.stop() });
        r
    }

    /// Adds the phases of the parts compiled in parallel: per phase, the slowest part's wall
    /// time and the sum of the CPU times.
    pub fn add_parts(&mut self, parts: Vec<PartTimes>, parallel: Span, threads: usize) {
        let mut merged: Vec<Phase> = Vec::new();
        for part in &parts {
            for (i, p) in part.phases.iter().enumerate() {
                match merged.get_mut(i) {
                    Some(m) => {
                        m.span.wall = m.span.wall.max(p.span.wall);
                        m.span.cpu += p.span.cpu;
                    }
                    None => merged.push(*p),
                }
            }
        }
        self.phases.extend(merged);
        if parts.len() > 1 {
            let cpu = parts.iter().map(PartTimes::cpu).sum();
            self.parallel = Some((Span { wall: parallel.wall, cpu }, threads));
            self.parts = parts;
        }
    }

    /// The `-v` report, one line per phase (`NAME: WALL ms ...`, the form bench/bench.py
    /// parses), then the whole, the parts and the passes.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let line = |s: &mut String, name: &str, span: &Span| {
            let _ = write!(s, "{name:>10}: {:8.2} ms wall, {:8.2} ms CPU", ms(span.wall), ms(span.cpu));
        };
        for p in &self.phases {
            line(&mut s, p.name, &p.span);
            s.push('\n');
        }
        line(&mut s, "total", &self.total);
        let _ = writeln!(s, " ({:.0}%, the process with the linker)", self.total.utilization());
        if let Some((span, threads)) = &self.parallel {
            let _ = writeln!(
                s,
                "parts: {} on {threads} thread{}, {:.2} ms wall, {:.2} ms CPU ({:.0}% utilization)",
                self.parts.len(),
                if *threads == 1 { "" } else { "s" },
                ms(span.wall),
                ms(span.cpu),
                span.utilization()
            );
            for part in &self.parts {
                let phases: Vec<String> =
                    part.phases.iter().map(|p| format!("{} {:.1}/{:.1} ms", p.name, ms(p.span.wall), ms(p.span.cpu))).collect();
                let giant = if part.giant { " (giant, -O1)" } else { "" };
                let _ = writeln!(
                    s,
                    "  part {}{giant}: {} functions, {} bytes: {} (wall/CPU)",
                    part.index,
                    part.functions,
                    part.code_bytes,
                    phases.join(", ")
                );
            }
        }
        if !self.passes.is_empty() {
            let all: Duration = self.passes.iter().map(|p| p.1).sum();
            let _ = writeln!(s, "slowest LLVM passes (wall time summed over parts and runs; {:.2} ms in these):", ms(all));
            for (name, d) in &self.passes {
                let _ = writeln!(s, "  {:10.2} ms  {name}", ms(*d));
            }
        }
        s
    }

    /// One line: the whole's time and each phase's wall time (`wasmkiln run -v`).
    pub fn summary(&self) -> String {
        let phases: Vec<String> = self.phases.iter().map(|p| format!("{} {:.1} ms", p.name, ms(p.span.wall))).collect();
        format!("{:.1} ms, {:.1} ms CPU ({})", ms(self.total.wall), ms(self.total.cpu), phases.join(", "))
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Measures a [`Span`] of the calling thread (with the child processes that end meanwhile).
pub struct Stopwatch {
    wall: Instant,
    cpu: Duration,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch { wall: Instant::now(), cpu: thread_cpu() + rusage_cpu(libc::RUSAGE_CHILDREN) }
    }

    pub fn stop(&self) -> Span {
        let cpu = thread_cpu() + rusage_cpu(libc::RUSAGE_CHILDREN);
        Span { wall: self.wall.elapsed(), cpu: cpu.saturating_sub(self.cpu) }
    }
}

/// Measures a [`Span`] of the whole process (every thread, and the child processes that end
/// meanwhile).
pub struct ProcessStopwatch {
    wall: Instant,
    cpu: Duration,
}

impl ProcessStopwatch {
    pub fn start() -> ProcessStopwatch {
        ProcessStopwatch { wall: Instant::now(), cpu: process_cpu() }
    }

    pub fn stop(&self) -> Span {
        Span { wall: self.wall.elapsed(), cpu: process_cpu().saturating_sub(self.cpu) }
    }
}

fn process_cpu() -> Duration {
    rusage_cpu(libc::RUSAGE_SELF) + rusage_cpu(libc::RUSAGE_CHILDREN)
}

/// The calling thread's CPU time (zero if the clock is unavailable).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec it is given.
    match unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } {
        0 => Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32),
        _ => Duration::ZERO,
    }
}

/// User plus system time of `who` (`RUSAGE_SELF` or `RUSAGE_CHILDREN`; zero if unavailable).
fn rusage_cpu(who: libc::c_int) -> Duration {
    // SAFETY: getrusage fills the zeroed struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(who, &mut ru) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_cpu_time_counts_work_not_sleep() {
        let watch = Stopwatch::start();
        std::thread::sleep(Duration::from_millis(30));
        let slept = watch.stop();
        assert!(slept.wall >= Duration::from_millis(30));
        assert!(slept.cpu < Duration::from_millis(20), "{slept:?}");
        let watch = Stopwatch::start();
        let mut x = 0u64;
        while watch.wall.elapsed() < Duration::from_millis(30) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        let busy = watch.stop();
        assert!(busy.cpu >= Duration::from_millis(10), "{busy:?}");
    }

    #[test]
    fn parts_merge_into_phases_and_report_their_utilization() {
        let span = |wall, cpu| Span { wall: Duration::from_millis(wall), cpu: Duration::from_millis(cpu) };
        let part = |index, t: u64| PartTimes {
            index,
            functions: 10,
            code_bytes: 1000,
            giant: false,
            phases: vec![Phase { name: "translate", span: span(t, t) }, Phase { name: "optimize", span: span(2 * t, 2 * t) }],
        };
        let mut timings = Timings::default();
        timings.time("validate", || ());
        timings.add_parts(vec![part(0, 10), part(1, 30)], span(100, 0), 2);
        assert_eq!(timings.phases[1], Phase { name: "translate", span: span(30, 40) });
        assert_eq!(timings.phases[2], Phase { name: "optimize", span: span(60, 80) });
        let (parallel, threads) = timings.parallel.unwrap();
        assert_eq!((parallel, threads), (span(100, 120), 2));
        assert_eq!(parallel.utilization(), 120.0);
        let report = timings.report();
        // The phase lines bench/bench.py reads: `NAME: WALL ms`.
        assert!(report.contains("\n translate:    30.00 ms wall,    40.00 ms CPU\n"), "{report}");
        assert!(report.contains("\nparts: 2 on 2 threads, 100.00 ms wall, 120.00 ms CPU (120% utilization)\n"), "{report}");
        assert!(report.contains("\n  part 1: 10 functions, 1000 bytes: translate 30.0/30.0 ms, optimize 60.0/60.0 ms (wall/CPU)\n"), "{report}");
        // One part: its phases, no part lines.
        let mut one = Timings::default();
        one.add_parts(vec![part(0, 10)], span(20, 0), 1);
        assert!(one.parts.is_empty() && one.parallel.is_none() && one.phases.len() == 2);
    }
}
