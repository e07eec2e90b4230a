//! `--time-passes`: LLVM's own pass timers (`-time-passes`), turned on through its command line
//! (`LLVMParseCommandLineOptions`, the only way the C API offers), their reports sent to a file
//! (`-info-output-file`), read back and summed per pass.
//!
//! LLVM writes two kinds of report. The optimization pipeline (new pass manager) writes one at
//! the end of each `run_passes`; the driver then compiles the parts one after another, so the
//! reports of two parts never interleave in the file. Code generation (legacy pass manager)
//! accumulates one timer group for the whole process, which LLVM writes only when it shuts down:
//! [`PassTiming::finish`] shuts LLVM down, so it comes last in a process.

use crate::error::{Error, Result};
use crate::link::ScratchDir;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// LLVM's pass timers, on for the rest of the process.
pub struct PassTiming {
    dir: ScratchDir,
}

static ENABLED: AtomicBool = AtomicBool::new(false);

impl PassTiming {
    /// Turns the timers on (once per process: LLVM parses its command line once).
    pub fn enable() -> Result<PassTiming> {
        if ENABLED.swap(true, Ordering::SeqCst) {
            return Err(Error::new("internal error: LLVM's pass timers can be turned on once per process"));
        }
        let dir = ScratchDir::new()?;
        let file = dir.0.join("passes.txt");
        crate::backend::set_llvm_options(&["-time-passes", &format!("-info-output-file={}", file.display())])?;
        Ok(PassTiming { dir })
    }

    /// The `top` passes with the longest wall time, summed over every report LLVM wrote.
    ///
    /// # Safety
    /// Shuts LLVM down (to make it write code generation's report): nothing of LLVM may be in
    /// use or used afterwards in this process.
    pub unsafe fn finish(self, top: usize) -> Result<Vec<(String, Duration)>> {
        unsafe { inkwell::support::shutdown_llvm() };
        let file = self.dir.0.join("passes.txt");
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            // No pass ran (the compilation failed first).
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::new(format!("cannot read LLVM's pass timing report {}: {e}", file.display()))),
        };
        let mut passes = parse(&text);
        passes.truncate(top);
        Ok(passes)
    }
}

/// The passes of the "Pass execution timing report"s in `text` with their wall time summed
/// over the reports, longest first. Rows are `TIME (PCT%)` columns (user, system, user+system,
/// wall: the last one is wall time) followed by the pass's name, numbered `NAME #N` from its
/// second instance on in code generation's report (counted as NAME); analysis reports are
/// skipped (their time is inside the passes that asked for them).
pub fn parse(text: &str) -> Vec<(String, Duration)> {
    let mut sums: HashMap<&str, f64> = HashMap::new();
    let mut in_passes = false;
    for line in text.lines() {
        if line.contains("execution timing report") {
            in_passes = line.contains("Pass execution timing report");
            continue;
        }
        let Some(end) = line.rfind("%)") else { continue };
        let name = line[end + 2..].trim();
        let name = match name.rsplit_once(" #") {
            Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
            _ => name,
        };
        let Some(open) = line[..end].rfind('(') else { continue };
        let Some(Ok(seconds)) = line[..open].split_whitespace().last().map(str::parse::<f64>) else { continue };
        if in_passes && !name.is_empty() && name != "Total" {
            *sums.entry(name).or_default() += seconds;
        }
    }
    let mut passes: Vec<(String, Duration)> =
        sums.into_iter().map(|(name, s)| (name.to_string(), Duration::from_micros((s.max(0.0) * 1e6).round() as u64))).collect();
    passes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    passes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_summed_per_pass() {
        let report = "\
===-------------------------------------------------------------------------===
                      ... Pass execution timing report ...
===-------------------------------------------------------------------------===
  Total Execution Time: 0.0300 seconds (0.0310 wall clock)

   ---User Time---   --System Time--   --User+System--   ---Wall Time---  --- Name ---
   0.0200 ( 66.7%)   0.0000 (  0.0%)   0.0200 ( 66.7%)   0.0210 ( 67.7%)  InstCombinePass
   0.0100 ( 33.3%)   0.0000 (  0.0%)   0.0100 ( 33.3%)   0.0100 ( 32.3%)  GVNPass
   0.0300 (100.0%)   0.0000 (100.0%)   0.0300 (100.0%)   0.0310 (100.0%)  Total

===-------------------------------------------------------------------------===
                      ... Analysis execution timing report ...
===-------------------------------------------------------------------------===
   0.0500 (100.0%)   0.0500 (100.0%)  DominatorTreeAnalysis
===-------------------------------------------------------------------------===
                      ... Pass execution timing report ...
===-------------------------------------------------------------------------===
   ---Wall Time---  --- Name ---
   0.0200 ( 50.0%)  X86 DAG->DAG Instruction Selection
   0.0100 ( 25.0%)  X86 DAG->DAG Instruction Selection #2
   0.0100 ( 25.0%)  InstCombinePass
";
        let passes = parse(report);
        let ms = |n: u64| Duration::from_micros(n * 100);
        assert_eq!(
            passes,
            vec![("InstCombinePass".to_string(), ms(310)), ("X86 DAG->DAG Instruction Selection".to_string(), ms(300)), ("GVNPass".to_string(), ms(100))]
        );
    }
}
