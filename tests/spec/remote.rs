//! The `Engine` of a target: the spec runner (tests/spec-runner) in a child process, under the
//! target's emulator, spoken to over its line protocol. One runner per script. A runner that
//! dies or stops answering fails the directive it was given, and every later one of the script.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;
use wasmkiln_abi::ValRaw;
use wasmkiln_spec_runner::protocol::{Request, Response};
use wasmkiln_spec_runner::{Engine, InstanceId, InstantiateFailure, ModuleId, Trapped};

/// How long one request may take (under qemu, a deep recursion to stack exhaustion takes a few
/// seconds).
const TIMEOUT: Duration = Duration::from_secs(120);

pub struct Remote {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    stderr: Option<JoinHandle<String>>,
    /// Why the runner is gone, once it is.
    dead: Option<String>,
}

impl Remote {
    /// Starts `command` (the emulator and its arguments, then the runner).
    pub fn spawn(command: &[String]) -> Result<Remote, String> {
        let (program, args) = command.split_first().ok_or("no runner command")?;
        let runner = command.last().expect("a command");
        if !Path::new(runner).is_file() {
            return Err(format!("the spec runner {runner} is not built (`make spec-runner`)"));
        }
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the runner {}: {e}", command.join(" ")))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stderr = child.stderr.take().expect("piped stderr");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Ok(Remote { stdin: child.stdin.take(), child, lines, stderr: Some(stderr), dead: None })
    }

    fn call(&mut self, request: Request) -> Result<Response, String> {
        if let Some(dead) = &self.dead {
            return Err(dead.clone());
        }
        let line = request.encode();
        let what = format!("{request:?}");
        let sent = self.stdin.as_mut().map(|s| writeln!(s, "{line}").and_then(|()| s.flush()));
        let answer = match sent {
            Some(Ok(())) => match self.lines.recv_timeout(TIMEOUT) {
                Ok(answer) => return Response::parse(&answer),
                Err(RecvTimeoutError::Timeout) => format!("no answer within {} s", TIMEOUT.as_secs()),
                Err(RecvTimeoutError::Disconnected) => "it died".to_string(),
            },
            _ => "it died".to_string(),
        };
        let dead = self.bury(&format!("the runner failed at {}: {answer}", short(&what)));
        Err(dead)
    }

    /// Ends the runner, records why, with its exit status and the end of its stderr.
    fn bury(&mut self, why: &str) -> String {
        self.stdin = None;
        let _ = self.child.kill();
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
        let stderr = self.stderr.take().and_then(|h| h.join().ok()).unwrap_or_default();
        let tail: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        let tail = tail[tail.len().saturating_sub(3)..].join(" | ");
        let dead = format!("{why} ({status}{}{tail})", if tail.is_empty() { "" } else { "; stderr: " });
        self.dead = Some(dead.clone());
        dead
    }
}

/// A request cut for a message (invoke requests carry every argument).
fn short(request: &str) -> String {
    let mut s: String = request.chars().take(120).collect();
    if s.len() < request.len() {
        s.push_str("...");
    }
    s
}

impl Drop for Remote {
    fn drop(&mut self) {
        // End of input ends the runner.
        self.stdin = None;
        if self.dead.is_none() {
            let _ = self.child.wait();
        }
    }
}

/// The one number of an `ok` answer.
fn id(response: Response) -> Result<u32, String> {
    match response {
        Response::Ok(v) if v.len() == 1 => u32::try_from(v[0]).map_err(|_| "id out of range".to_string()),
        other => Err(unexpected(other)),
    }
}

fn unexpected(response: Response) -> String {
    match response {
        Response::Err(m) => m,
        other => format!("unexpected answer {other:?}"),
    }
}

impl Engine for Remote {
    fn load(&mut self, path: &Path) -> Result<ModuleId, String> {
        let path = path.to_str().ok_or("module path is not UTF-8")?.to_string();
        id(self.call(Request::Load { path })?)
    }

    fn instantiate(&mut self, module: ModuleId) -> Result<InstanceId, InstantiateFailure> {
        match self.call(Request::Instantiate { module }).map_err(InstantiateFailure::Other)? {
            Response::Link(m) => Err(InstantiateFailure::Link(m)),
            Response::Trap(t) => Err(InstantiateFailure::Trap(t)),
            other => id(other).map_err(InstantiateFailure::Other),
        }
    }

    fn register(&mut self, name: &str, instance: InstanceId) -> Result<(), String> {
        match self.call(Request::Register { name: name.to_string(), instance })? {
            Response::Ok(_) => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    fn invoke(&mut self, instance: InstanceId, name: &str, args: &[ValRaw]) -> Result<Result<Vec<ValRaw>, Trapped>, String> {
        let args = args.iter().map(ValRaw::as_u128).collect();
        match self.call(Request::Invoke { instance, name: name.to_string(), args })? {
            Response::Ok(results) => Ok(Ok(results.into_iter().map(ValRaw::from_u128).collect())),
            Response::Trap(t) => Ok(Err(t)),
            other => Err(unexpected(other)),
        }
    }

    fn global(&mut self, instance: InstanceId, name: &str) -> Result<ValRaw, String> {
        match self.call(Request::Global { instance, name: name.to_string() })? {
            Response::Ok(v) if v.len() == 1 => Ok(ValRaw::from_u128(v[0])),
            other => Err(unexpected(other)),
        }
    }
}
