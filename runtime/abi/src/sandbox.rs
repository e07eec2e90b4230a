//! The sandbox settings of a compiled executable: which host directories it may reach (`--dir`),
//! which environment variables it sees (`--env`, `--inherit-env`).
//!
//! They travel as one text of command-line words, e.g. `--dir 'data::/data' --env 'K=V'`:
//! - baked in at compile time (`wasmkiln prog.wasm -o prog --dir data::/data`): the compiler
//!   emits the text as the NUL-terminated byte array [`SYMBOL`], which the runtime reads;
//! - or given at run time in the environment variable [`ENV_VAR`], which replaces the baked-in
//!   settings entirely (`wasmkiln run` passes its flags to the cached executable this way).
//!
//! The compiler writes the text with [`quote_into`]; the runtime splits it with [`words`], so the
//! two cannot disagree. The syntax is a small, predictable subset of the POSIX shell's: words are
//! separated by unquoted blanks (space, tab, newline); `'...'` keeps everything literally;
//! `"..."` keeps everything but `\"` and `\\`; outside quotes `\c` is `c`.

/// The byte array holding the baked-in settings (absent when there are none).
pub const SYMBOL: &str = "wasmkiln_sandbox_config";

/// The environment variable that overrides the baked-in settings.
pub const ENV_VAR: &str = "WASMKILN_SANDBOX";

/// Appends `word` to `out` as one word of the settings text (single-quoted when needed).
pub fn quote_into(word: &[u8], out: &mut impl FnMut(u8)) {
    let plain = !word.is_empty()
        && word.iter().all(|&b| b.is_ascii_alphanumeric() || b"-_=.,/:@+%".contains(&b));
    if plain {
        word.iter().for_each(|&b| out(b));
        return;
    }
    out(b'\'');
    for &b in word {
        if b == b'\'' {
            b"'\\''".iter().for_each(|&q| out(q)); // close, an escaped quote, reopen
        } else {
            out(b);
        }
    }
    out(b'\'');
}

/// A `--dir` value as (host, guest): `HOST::GUEST` (split at the first `::`), or `HOST` for
/// both. `None` if either part is empty or contains a NUL byte.
pub fn split_dir(value: &[u8]) -> Option<(&[u8], &[u8])> {
    let (host, guest) = match value.windows(2).position(|w| w == b"::") {
        Some(i) => (&value[..i], &value[i + 2..]),
        None => (value, value),
    };
    let ok = |p: &[u8]| !p.is_empty() && !p.contains(&0);
    (ok(host) && ok(guest)).then_some((host, guest))
}

/// An `--env` value as (name, value): `NAME=VALUE`, or `NAME` alone (`None` value: take the
/// host's). `None` if the name is empty or anything contains a NUL byte.
pub fn split_env(value: &[u8]) -> Option<(&[u8], Option<&[u8]>)> {
    if value.contains(&0) {
        return None;
    }
    let (name, v) = match value.iter().position(|&b| b == b'=') {
        Some(i) => (&value[..i], Some(&value[i + 1..])),
        None => (value, None),
    };
    (!name.is_empty()).then_some((name, v))
}

/// An error in a settings text: an unterminated quote, at this byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnterminatedQuote(pub usize);

/// The words of a settings text, each as its raw (still quoted) slice; [`unquote`] gives its bytes.
pub fn words(text: &[u8]) -> Words<'_> {
    Words { text, pos: 0 }
}

pub struct Words<'a> {
    text: &'a [u8],
    pos: usize,
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Iterator for Words<'a> {
    type Item = Result<&'a [u8], UnterminatedQuote>;

    fn next(&mut self) -> Option<Self::Item> {
        let t = self.text;
        while self.pos < t.len() && is_blank(t[self.pos]) {
            self.pos += 1;
        }
        if self.pos == t.len() {
            return None;
        }
        let start = self.pos;
        let mut i = start;
        while i < t.len() && !is_blank(t[i]) {
            match t[i] {
                b'\'' => match t[i + 1..].iter().position(|&b| b == b'\'') {
                    Some(n) => i += n + 2,
                    None => return self.fail(i),
                },
                b'"' => {
                    i += 1;
                    loop {
                        match t.get(i) {
                            None => return self.fail(start),
                            Some(b'"') => break,
                            Some(b'\\') => i += 2,
                            Some(_) => i += 1,
                        }
                    }
                    i += 1;
                }
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        self.pos = i.min(t.len());
        Some(Ok(&t[start..self.pos]))
    }
}

impl Words<'_> {
    fn fail<T>(&mut self, at: usize) -> Option<Result<T, UnterminatedQuote>> {
        self.pos = self.text.len();
        Some(Err(UnterminatedQuote(at)))
    }
}

/// The bytes of one raw word from [`words`], quotes removed.
pub fn unquote(raw: &[u8], out: &mut impl FnMut(u8)) {
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\'' => {
                i += 1;
                while i < raw.len() && raw[i] != b'\'' {
                    out(raw[i]);
                    i += 1;
                }
                i += 1;
            }
            b'"' => {
                i += 1;
                while i < raw.len() && raw[i] != b'"' {
                    if raw[i] == b'\\' && matches!(raw.get(i + 1), Some(b'"' | b'\\')) {
                        i += 1;
                    }
                    out(raw[i]);
                    i += 1;
                }
                i += 1;
            }
            b'\\' => {
                if let Some(&b) = raw.get(i + 1) {
                    out(b);
                }
                i += 2;
            }
            b => {
                out(b);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    fn split(text: &str) -> Result<Vec<Vec<u8>>, UnterminatedQuote> {
        words(text.as_bytes())
            .map(|w| {
                let mut out = Vec::new();
                unquote(w?, &mut |b| out.push(b));
                Ok(out)
            })
            .collect()
    }

    #[test]
    fn splits_like_a_shell() {
        let w = split("  --dir data::/data\t--env 'K=a b' \"x\\\"y\" a\\ b '' 'it'\\''s'\n").unwrap();
        let w: Vec<&[u8]> = w.iter().map(|v| v.as_slice()).collect();
        assert_eq!(w, [&b"--dir"[..], b"data::/data", b"--env", b"K=a b", b"x\"y", b"a b", b"", b"it's"]);
        assert_eq!(split("").unwrap().len(), 0);
        assert_eq!(split("a 'b"), Err(UnterminatedQuote(2)));
        assert_eq!(split("\"b"), Err(UnterminatedQuote(0)));
    }

    #[test]
    fn dir_and_env_values() {
        assert_eq!(split_dir(b"data::/data"), Some((&b"data"[..], &b"/data"[..])));
        assert_eq!(split_dir(b"."), Some((&b"."[..], &b"."[..])));
        assert_eq!(split_dir(b"a::b::c"), Some((&b"a"[..], &b"b::c"[..])));
        assert_eq!(split_dir(b"::x"), None);
        assert_eq!(split_dir(b"x::"), None);
        assert_eq!(split_dir(b""), None);
        assert_eq!(split_env(b"K=v=w"), Some((&b"K"[..], Some(&b"v=w"[..]))));
        assert_eq!(split_env(b"K="), Some((&b"K"[..], Some(&b""[..]))));
        assert_eq!(split_env(b"K"), Some((&b"K"[..], None)));
        assert_eq!(split_env(b"=v"), None);
        assert_eq!(split_env(&[b'K', b'=', 0]), None);
    }

    #[test]
    fn quoting_round_trips() {
        let samples: [&[u8]; 8] =
            [b"plain", b"", b"a b", b"it's", b"\\\"'", b"K=\n\t", b"--dir", &[0xff, b' ', 0x80]];
        let mut text = Vec::new();
        for s in samples {
            quote_into(s, &mut |b| text.push(b));
            text.push(b' ');
        }
        let back: Vec<Vec<u8>> = words(&text)
            .map(|w| {
                let mut out = Vec::new();
                unquote(w.unwrap(), &mut |b| out.push(b));
                out
            })
            .collect();
        assert_eq!(back.len(), samples.len());
        for (a, b) in back.iter().zip(samples) {
            assert_eq!(a.as_slice(), b);
        }
    }
}
