//! Where compiled test programs run: the host, or a cross target of wasmkiln's table run under
//! its emulator (`TargetInfo::runner`, e.g. `qemu-aarch64-static -L /usr/aarch64-linux-gnu`).
//! Shared by the C programs (`programs.rs`) and the WASI programs (`wasi_cases.rs`); the list of
//! cross trials known to fail, and how they are judged, is here too.

use std::path::Path;
use std::process::Command;

use libtest_mimic::{Completion, Failed, Trial};
use wasmkiln::target::{Kind, TargetInfo, TARGETS};

/// Where and how the compiled programs run.
pub struct Platform {
    /// The cross target, or `None` for the host.
    pub target: Option<&'static TargetInfo>,
    /// Trials listed as ignored (the platform's tools are not installed for this run).
    pub ignored: bool,
    /// Trials known to fail on this platform, with the reason: `(trial name, reason)`.
    pub known_failing: &'static [(&'static str, &'static str)],
}

impl Platform {
    pub fn host() -> Platform {
        Platform { target: None, ignored: false, known_failing: &[] }
    }

    /// Every hosted Linux target of the table with a user-mode emulator (aarch64 and riscv64; the
    /// firmware targets are `firmware.rs`'s).
    pub fn cross_targets(ignored: bool, known_failing: &'static [(&'static str, &'static str)]) -> Vec<Platform> {
        TARGETS
            .iter()
            .filter(|t| t.kind == Kind::Linux && !t.runner.is_empty())
            .map(|t| Platform { target: Some(t), ignored, known_failing })
            .collect()
    }

    /// What trial names start with: `TRIPLE::` for a cross target, nothing on the host.
    pub fn trial_prefix(&self) -> String {
        self.target.map_or(String::new(), |t| format!("{}::", t.triple))
    }

    /// Suffix of the executables' names (`-TRIPLE` for a cross target).
    pub fn suffix(&self) -> String {
        self.target.map_or(String::new(), |t| format!("-{}", t.triple))
    }

    /// Flags given to wasmkiln besides `-O` (`--target TRIPLE`).
    pub fn flags(&self) -> Vec<String> {
        self.target.map_or(Vec::new(), |t| vec!["--target".into(), t.triple.into()])
    }

    /// The optimization levels the C programs are compiled at (only -O2 for a cross target).
    pub fn opt_levels(&self) -> &'static [&'static str] {
        if self.target.is_some() { &["-O2"] } else { &["-O2", "-O0"] }
    }

    /// Whether the `also-cpu` annotations add trials (a cross target's default is already its
    /// portable CPU).
    pub fn also_cpu(&self) -> bool {
        self.target.is_none()
    }

    /// The command that runs `exe`: the executable itself, or the emulator with its arguments.
    pub fn command(&self, exe: &Path) -> Command {
        match self.target.and_then(|t| t.runner.split_first()) {
            Some((program, args)) => {
                let mut cmd = Command::new(program);
                cmd.args(args).arg(exe);
                cmd
            }
            None => Command::new(exe),
        }
    }

    /// The trial `name`, ignored unless the platform runs in this run. One listed as known to fail
    /// shows as ignored with its reason when it fails, and fails when it passes (so the list only
    /// shrinks).
    pub fn trial(&self, name: String, runner: impl FnOnce() -> Result<(), Failed> + Send + 'static) -> Trial {
        let known = self.known_failing.iter().find(|(n, _)| *n == name).map(|(_, reason)| *reason);
        let label = name.clone();
        let trial = Trial::ignorable_test(name, move || match (runner(), known) {
            (result, None) => result.map(|()| Completion::Completed),
            (Err(_), Some(reason)) => Ok(Completion::ignored_with(format!("known to fail: {reason}"))),
            (Ok(()), Some(reason)) => {
                Err(format!("{label} passes, but it is listed as known to fail ({reason}): take it off the list").into())
            }
        });
        trial.with_ignored_flag(self.ignored)
    }
}
