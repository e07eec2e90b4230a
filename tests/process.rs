//! Running a program with a time limit, and describing how it ended.

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

pub struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// The exit status, stdout and stderr, for a failure message.
    pub fn describe(&self) -> String {
        format!(
            "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            describe_status(self.status),
            clip(&self.stdout()),
            clip(&self.stderr())
        )
    }
}

/// Runs `cmd` with `stdin` as its standard input, capturing stdout and stderr. A program still running
/// after `timeout` is killed and reported as an error, so a miscompiled infinite loop fails one trial
/// instead of hanging the suite.
pub fn run(cmd: &mut Command, stdin: &[u8], timeout: Duration) -> Result<Output, String> {
    let shown = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            let program = cmd.get_program().to_string_lossy();
            match e.kind() {
                std::io::ErrorKind::NotFound if !program.contains('/') => format!(
                    "`{program}` is not on PATH: is it installed? (`make deps` installs the tools the tests use)"
                ),
                _ => format!("cannot run {shown}: {e}"),
            }
        })?;
    let mut input = child.stdin.take().expect("stdin is piped");
    let input_data = stdin.to_vec();
    // A program that does not read its input closes the pipe: a write error is not the test's business.
    let writer = thread::spawn(move || drop(input.write_all(&input_data)));
    let reader = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = reader(Box::new(child.stdout.take().expect("stdout is piped")));
    let err = reader(Box::new(child.stderr.take().expect("stderr is piped")));
    let deadline = Instant::now() + timeout;
    let mut timed_out = false;
    let status = loop {
        match child
            .try_wait()
            .map_err(|e| format!("waiting for {shown}: {e}"))?
        {
            Some(status) => break status,
            None if Instant::now() >= deadline => {
                timed_out = true;
                let _ = child.kill();
                break child
                    .wait()
                    .map_err(|e| format!("waiting for {shown}: {e}"))?;
            }
            None => thread::sleep(Duration::from_millis(5)),
        }
    };
    let _ = writer.join();
    let output = Output {
        status,
        stdout: out.join().expect("reader thread"),
        stderr: err.join().expect("reader thread"),
    };
    if timed_out {
        return Err(format!(
            "{shown} did not finish within {} s and was killed; its output so far:\n{}",
            timeout.as_secs(),
            output.describe()
        ));
    }
    Ok(output)
}

pub fn describe_status(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}{}", signal_name(signal)),
        (None, None) => format!("{status}"),
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        4 => " (SIGILL)",
        6 => " (SIGABRT)",
        7 => " (SIGBUS)",
        8 => " (SIGFPE)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        _ => "",
    }
}

/// At most the first 60 lines of `text`, for messages.
pub fn clip(text: &str) -> String {
    const MAX: usize = 60;
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= MAX {
        return text.to_string();
    }
    format!(
        "{}\n[... {} more lines]",
        lines[..MAX].join("\n"),
        lines.len() - MAX
    )
}

/// `None` when equal, otherwise where `actual` first departs from `expected`.
pub fn compare(what: &str, expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (exp, act) = (
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(actual),
    );
    let (exp_lines, act_lines): (Vec<&str>, Vec<&str>) =
        (exp.split('\n').collect(), act.split('\n').collect());
    let first = exp_lines
        .iter()
        .zip(&act_lines)
        .position(|(e, a)| e != a)
        .unwrap_or(exp_lines.len().min(act_lines.len()));
    let show = |lines: &[&str]| match lines.get(first) {
        Some(line) => format!("{line:?}"),
        None => "(end of output)".to_string(),
    };
    Some(format!(
        "{what} differs at line {}: expected {}, got {} ({} vs {} bytes)",
        first + 1,
        show(&exp_lines),
        show(&act_lines),
        expected.len(),
        actual.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_output_and_status() {
        let out = run(
            Command::new("sh").args(["-c", "cat; echo err >&2; exit 3"]),
            b"in\n",
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(
            (out.stdout(), out.stderr(), out.status.code()),
            ("in\n".into(), "err\n".into(), Some(3))
        );
    }

    #[test]
    fn kills_at_the_deadline() {
        let err = run(
            Command::new("sleep").arg("10"),
            b"",
            Duration::from_millis(100),
        )
        .err()
        .unwrap();
        assert!(err.contains("did not finish"), "{err}");
    }

    #[test]
    fn compare_points_at_the_first_difference() {
        assert_eq!(compare("stdout", b"a\nb\n", b"a\nb\n"), None);
        let msg = compare("stdout", b"a\nb\nc\n", b"a\nx\nc\n").unwrap();
        assert!(
            msg.starts_with("stdout differs at line 2: expected \"b\", got \"x\""),
            "{msg}"
        );
        let msg = compare("stdout", b"a\n", b"a\nmore\n").unwrap();
        assert!(msg.contains("line 2: expected \"\", got \"more\""), "{msg}");
    }
}
