//! The progress bar of a long compilation (`indicatif`): parts done of the total, and the phase
//! each part in progress is in (or the module's phase: validate, link). Shown on stderr only when
//! it is a terminal, not with `--quiet`, and only once the compilation has taken [`DELAY`];
//! cleared when it ends, so that nothing of it stays on the screen.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a compilation runs before its progress is shown.
pub const DELAY: Duration = Duration::from_secs(1);

/// Whether to show progress: asked for (not `--quiet`) and stderr is a terminal.
pub fn wanted(requested: bool, stderr_is_terminal: bool) -> bool {
    requested && stderr_is_terminal
}

/// The progress of one compilation; hidden unless [`wanted`].
pub struct Progress {
    bar: ProgressBar,
    state: Mutex<State>,
    /// Shows the bar after the delay unless told the compilation ended.
    reveal: Option<(Sender<()>, JoinHandle<()>)>,
    revealed: Arc<AtomicBool>,
}

#[derive(Default)]
struct State {
    /// The module's current phase, when no part is in progress.
    phase: &'static str,
    /// The phase of each part in progress.
    running: BTreeMap<usize, &'static str>,
}

impl Progress {
    /// Progress shown on stderr after [`DELAY`] if [`wanted`] for `requested`.
    pub fn start(requested: bool) -> Progress {
        use std::io::IsTerminal;
        Progress::after(wanted(requested, std::io::stderr().is_terminal()), DELAY)
    }

    /// Progress that is shown after `delay` if `show`, else never.
    pub fn after(show: bool, delay: Duration) -> Progress {
        let style = ProgressStyle::with_template("{spinner} {elapsed} [{bar:30}] {pos}/{len} parts done  {msg}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::with_draw_target(Some(1), ProgressDrawTarget::hidden()).with_style(style);
        let revealed = Arc::new(AtomicBool::new(false));
        let reveal = show.then(|| {
            let (tx, rx) = channel::<()>();
            let (bar, revealed) = (bar.clone(), revealed.clone());
            let thread = std::thread::spawn(move || {
                if let Err(RecvTimeoutError::Timeout) = rx.recv_timeout(delay) {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(100));
                    revealed.store(true, Ordering::SeqCst);
                }
            });
            (tx, thread)
        });
        Progress { bar, state: Mutex::new(State::default()), reveal, revealed }
    }

    /// Whether the bar has been shown.
    pub fn revealed(&self) -> bool {
        self.revealed.load(Ordering::SeqCst)
    }

    /// The module is compiled as `parts` parts (the module's phase is theirs until the next).
    pub fn set_parts(&self, parts: usize) {
        self.bar.set_length(parts as u64);
        self.update(|s| s.phase = "");
    }

    /// The module (`part` None) or a part enters `phase`.
    pub fn phase(&self, part: Option<usize>, phase: &'static str) {
        self.update(|s| match part {
            Some(p) => {
                s.running.insert(p, phase);
            }
            None => s.phase = phase,
        });
    }

    /// Part `part` is done.
    pub fn part_done(&self, part: usize) {
        self.update(|s| {
            s.running.remove(&part);
        });
        self.bar.inc(1);
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut s);
        let msg = match s.running.len() {
            0 => s.phase.to_string(),
            _ => s.running.iter().map(|(p, phase)| format!("part {p} {phase}")).collect::<Vec<_>>().join(", "),
        };
        self.bar.set_message(msg);
    }
}

impl Drop for Progress {
    /// Ends the progress: cancels the delayed showing, clears the bar.
    fn drop(&mut self) {
        if let Some((tx, thread)) = self.reveal.take() {
            drop(tx);
            let _ = thread.join();
        }
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn shown_only_on_a_terminal_unless_quiet() {
        assert!(wanted(true, true));
        assert!(!wanted(true, false));
        assert!(!wanted(false, true));
        assert!(!wanted(false, false));
    }

    #[test]
    fn shown_only_after_the_delay() {
        // A compilation that ends before the delay: never shown, and ending does not wait for it.
        let start = Instant::now();
        let p = Progress::after(true, Duration::from_secs(30));
        p.set_parts(2);
        p.phase(Some(1), "optimize");
        p.part_done(1);
        assert!(!p.revealed());
        drop(p);
        assert!(start.elapsed() < Duration::from_secs(10));
        // One that lasts: shown.
        let p = Progress::after(true, Duration::from_millis(10));
        let deadline = Instant::now() + Duration::from_secs(10);
        while !p.revealed() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(p.revealed());
        // Not wanted: never.
        let p = Progress::after(false, Duration::ZERO);
        std::thread::sleep(Duration::from_millis(50));
        assert!(!p.revealed());
    }
}
