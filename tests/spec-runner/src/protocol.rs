//! The line protocol between the harness (host) and the runner (target): one request a line on
//! the runner's stdin, one response a line on its stdout.
//!
//! ```text
//! load PATH                    → ok MODULE | err MESSAGE
//! instantiate MODULE           → ok INSTANCE | link MESSAGE | trap CODE MESSAGE | err MESSAGE
//! register NAME INSTANCE       → ok | err MESSAGE
//! invoke INSTANCE NAME ARG...  → ok RESULT... | trap CODE MESSAGE | err MESSAGE
//! global INSTANCE NAME         → ok VALUE | err MESSAGE
//! ```
//!
//! Strings (paths, names, which may be empty or hold any character) are `x` and the hex of their
//! UTF-8 bytes; numbers and values are hex (a value is the 128 bits of its `ValRaw`); `CODE` is
//! the `TrapCode` number, `-` for a trap with none; a message is the rest of the line.

use crate::engine::{Engine, InstantiateFailure, Trapped};
use std::io::{BufRead, Write};
use std::path::Path;
use wasmkiln_abi::{TrapCode, ValRaw};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    Load { path: String },
    Instantiate { module: u32 },
    Register { name: String, instance: u32 },
    Invoke { instance: u32, name: String, args: Vec<u128> },
    Global { instance: u32, name: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    Ok(Vec<u128>),
    Trap(Trapped),
    Link(String),
    Err(String),
}

fn string(s: &str) -> String {
    let mut out = String::with_capacity(1 + 2 * s.len());
    out.push('x');
    for b in s.bytes() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

fn parse_string(word: &str) -> Result<String, String> {
    let hex = word.strip_prefix('x').ok_or_else(|| format!("bad string {word:?}"))?;
    if hex.len() % 2 != 0 {
        return Err(format!("bad string {word:?}"));
    }
    let bytes = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16)).collect::<Result<Vec<_>, _>>().map_err(|e| format!("bad string {word:?}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("bad string {word:?}: {e}"))
}

fn parse_num(word: Option<&str>) -> Result<u128, String> {
    let word = word.ok_or("missing number")?;
    u128::from_str_radix(word, 16).map_err(|e| format!("bad number {word:?}: {e}"))
}

fn parse_u32(word: Option<&str>) -> Result<u32, String> {
    parse_num(word)?.try_into().map_err(|_| "number out of range".to_string())
}

/// A message on one line.
fn one_line(message: &str) -> String {
    message.replace(['\n', '\r'], " ")
}

impl Request {
    pub fn encode(&self) -> String {
        match self {
            Request::Load { path } => format!("load {}", string(path)),
            Request::Instantiate { module } => format!("instantiate {module:x}"),
            Request::Register { name, instance } => format!("register {} {instance:x}", string(name)),
            Request::Invoke { instance, name, args } => {
                let mut line = format!("invoke {instance:x} {}", string(name));
                for a in args {
                    line.push_str(&format!(" {a:x}"));
                }
                line
            }
            Request::Global { instance, name } => format!("global {instance:x} {}", string(name)),
        }
    }

    pub fn parse(line: &str) -> Result<Request, String> {
        let mut words = line.split_ascii_whitespace();
        let word = |w: Option<&str>| w.ok_or_else(|| format!("truncated request {line:?}")).and_then(parse_string);
        Ok(match words.next() {
            Some("load") => Request::Load { path: word(words.next())? },
            Some("instantiate") => Request::Instantiate { module: parse_u32(words.next())? },
            Some("register") => Request::Register { name: word(words.next())?, instance: parse_u32(words.next())? },
            Some("invoke") => Request::Invoke {
                instance: parse_u32(words.next())?,
                name: word(words.next())?,
                args: words.map(|w| parse_num(Some(w))).collect::<Result<_, _>>()?,
            },
            Some("global") => Request::Global { instance: parse_u32(words.next())?, name: word(words.next())? },
            _ => return Err(format!("unknown request {line:?}")),
        })
    }
}

impl Response {
    pub fn encode(&self) -> String {
        match self {
            Response::Ok(values) => values.iter().fold("ok".to_string(), |line, v| format!("{line} {v:x}")),
            Response::Trap(t) => {
                let code = t.code.map_or("-".to_string(), |c| format!("{:x}", c as u32));
                format!("trap {code} {}", one_line(&t.message))
            }
            Response::Link(m) => format!("link {}", one_line(m)),
            Response::Err(m) => format!("err {}", one_line(m)),
        }
    }

    pub fn parse(line: &str) -> Result<Response, String> {
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        Ok(match head {
            "ok" => Response::Ok(rest.split_ascii_whitespace().map(|w| parse_num(Some(w))).collect::<Result<_, _>>()?),
            "trap" => {
                let (code, message) = rest.split_once(' ').unwrap_or((rest, ""));
                let code = match code {
                    "-" => None,
                    c => Some(TrapCode::from_u32(parse_u32(Some(c))?).ok_or_else(|| format!("unknown trap code {c}"))?),
                };
                Response::Trap(Trapped { code, message: message.to_string() })
            }
            "link" => Response::Link(rest.to_string()),
            "err" => Response::Err(rest.to_string()),
            _ => return Err(format!("unknown response {line:?}")),
        })
    }
}

/// Performs one request on `engine`.
pub fn handle(engine: &mut dyn Engine, request: Request) -> Response {
    let id = |id: u32| Response::Ok(vec![id as u128]);
    match request {
        Request::Load { path } => engine.load(Path::new(&path)).map_or_else(Response::Err, id),
        Request::Instantiate { module } => match engine.instantiate(module) {
            Ok(instance) => id(instance),
            Err(InstantiateFailure::Link(m)) => Response::Link(m),
            Err(InstantiateFailure::Trap(t)) => Response::Trap(t),
            Err(InstantiateFailure::Other(m)) => Response::Err(m),
        },
        Request::Register { name, instance } => engine.register(&name, instance).map_or_else(Response::Err, |()| Response::Ok(vec![])),
        Request::Invoke { instance, name, args } => {
            let args: Vec<ValRaw> = args.into_iter().map(ValRaw::from_u128).collect();
            match engine.invoke(instance, &name, &args) {
                Ok(Ok(results)) => Response::Ok(results.iter().map(ValRaw::as_u128).collect()),
                Ok(Err(trap)) => Response::Trap(trap),
                Err(m) => Response::Err(m),
            }
        }
        Request::Global { instance, name } => engine.global(instance, &name).map_or_else(Response::Err, |v| Response::Ok(vec![v.as_u128()])),
    }
}

/// Answers requests from `input` on `output` until `input` ends.
pub fn serve(engine: &mut dyn Engine, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let response = match Request::parse(&line) {
            Ok(request) => handle(engine, request),
            Err(e) => Response::Err(e),
        };
        writeln!(output, "{}", response.encode())?;
        output.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_round_trip() {
        let requests = [
            Request::Load { path: "/tmp/a b/m.so".into() },
            Request::Instantiate { module: 17 },
            Request::Register { name: String::new(), instance: 0 },
            Request::Invoke { instance: 3, name: "f\n\u{0}é ".into(), args: vec![0, 1, u128::MAX] },
            Request::Invoke { instance: 3, name: "g".into(), args: vec![] },
            Request::Global { instance: 1, name: "glob".into() },
        ];
        for r in requests {
            assert_eq!(Request::parse(&r.encode()), Ok(r));
        }
    }

    #[test]
    fn responses_round_trip() {
        let responses = [
            Response::Ok(vec![]),
            Response::Ok(vec![0x7fc0_0000, u128::MAX]),
            Response::Trap(Trapped { code: Some(TrapCode::StackExhausted), message: "call stack exhausted".into() }),
            Response::Trap(Trapped { code: None, message: "host: x y".into() }),
            Response::Link("unknown import: m.f".into()),
            Response::Err(String::new()),
        ];
        for r in responses {
            assert_eq!(Response::parse(&r.encode()), Ok(r));
        }
    }
}
