//! The annotations at the top of a test program in `tests/c/`.
//!
//! They are `// key: value` lines in the comment block that opens the file (the block ends at the
//! first line that is not a `//` comment). Other comment lines are prose and are ignored, except that
//! a line that looks like a misspelt `expect-*` key is an error.
//!
//! | key | meaning |
//! | --- | --- |
//! | `args: a "b c" ""` | arguments after argv[0]; split at spaces, `"..."` groups (no escapes) |
//! | `env: NAME=VALUE` | sets a variable for the run (repeatable) |
//! | `stdin: TEXT` | one line of standard input, newline added (repeatable; none: empty stdin) |
//! | `expect-exit: N` | checked against the annotations alone, not against a native build |
//! | `expect-stdout: TEXT` | one line of the expected stdout (repeatable; none: stdout must be empty) |
//! | `expect-stderr: TEXT` | a line that stderr must contain, in this order among the others |
//! | `wasm-cflags: -msimd128 -O3` | more clang flags for the Wasm build, after the usual ones (split like `args`) |
//! | `native-cflags: -DX` | more clang flags for the native build, after the usual ones |
//! | `wasm-simd: N` | the Wasm module must contain at least N SIMD instructions (`wasm-objdump -d`) |
//! | `also-cpu: portable` | more trials, compiled with `--cpu portable` too (repeatable; split like `args`) |
//!
//! A value is the text after `key:`, less one leading space and any trailing whitespace.

const KEYS: [&str; 10] = [
    "args",
    "env",
    "stdin",
    "expect-exit",
    "expect-stdout",
    "expect-stderr",
    "wasm-cflags",
    "native-cflags",
    "wasm-simd",
    "also-cpu",
];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// Standard input: `stdin:` lines, each ending in a newline.
    pub stdin: String,
    /// With an expected exit status the program is judged by its annotations; without one, by
    /// comparison with the same source compiled natively.
    pub expect_exit: Option<i32>,
    pub expect_stdout: Vec<String>,
    pub expect_stderr: Vec<String>,
    /// Extra clang flags of the Wasm and of the native build.
    pub wasm_cflags: Vec<String>,
    pub native_cflags: Vec<String>,
    /// The least number of SIMD instructions the Wasm module must contain.
    pub wasm_simd: Option<usize>,
    /// More `--cpu` values to compile with (at each `-O`), besides the default.
    pub also_cpu: Vec<String>,
}

impl Annotations {
    pub fn parse(source: &str) -> Result<Annotations, String> {
        let mut ann = Annotations::default();
        for (i, line) in source.lines().enumerate() {
            let Some(comment) = line.strip_prefix("//") else {
                break;
            };
            let comment = comment.trim_start();
            let Some((key, value)) = comment.split_once(':') else {
                continue;
            };
            let value = value.strip_prefix(' ').unwrap_or(value).trim_end();
            let at = |msg: String| format!("line {}: {msg}", i + 1);
            if !KEYS.contains(&key) {
                if key.starts_with("expect") && !key.contains(' ') {
                    return Err(at(format!(
                        "unknown annotation `{key}` (known: {})",
                        KEYS.join(", ")
                    )));
                }
                continue;
            }
            match key {
                "args" => ann.args.extend(split_args(value).map_err(at)?),
                "env" => {
                    let (name, val) = value
                        .split_once('=')
                        .ok_or_else(|| at(format!("`env: {value}` is not NAME=VALUE")))?;
                    ann.env.push((name.to_string(), val.to_string()));
                }
                "stdin" => {
                    ann.stdin.push_str(value);
                    ann.stdin.push('\n');
                }
                "expect-exit" => {
                    let code = value
                        .parse()
                        .map_err(|_| at(format!("`expect-exit: {value}` is not a number")))?;
                    if ann.expect_exit.replace(code).is_some() {
                        return Err(at("a second expect-exit".to_string()));
                    }
                }
                "expect-stdout" => ann.expect_stdout.push(value.to_string()),
                "expect-stderr" => ann.expect_stderr.push(value.to_string()),
                "wasm-cflags" => ann.wasm_cflags.extend(split_args(value).map_err(at)?),
                "native-cflags" => ann.native_cflags.extend(split_args(value).map_err(at)?),
                "also-cpu" => ann.also_cpu.extend(split_args(value).map_err(at)?),
                "wasm-simd" => {
                    let n = value
                        .parse()
                        .map_err(|_| at(format!("`wasm-simd: {value}` is not a number")))?;
                    ann.wasm_simd = Some(n);
                }
                _ => unreachable!("every key of KEYS is handled"),
            }
        }
        if ann.expect_exit.is_none()
            && !(ann.expect_stdout.is_empty() && ann.expect_stderr.is_empty())
        {
            return Err(
                "expect-stdout/expect-stderr need expect-exit (without it the program is compared \
                        with its native build)"
                    .to_string(),
            );
        }
        Ok(ann)
    }

    /// The expected standard output of an annotated program.
    pub fn expected_stdout(&self) -> String {
        self.expect_stdout
            .iter()
            .map(|l| format!("{l}\n"))
            .collect()
    }
}

/// Splits at spaces; `"..."` makes one argument (possibly empty) of what it encloses.
fn split_args(s: &str) -> Result<Vec<String>, String> {
    let mut args = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else {
            return Ok(args);
        };
        let mut arg = String::new();
        if first == '"' {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some(c) => arg.push(c),
                    None => return Err(format!("unterminated quote in `args: {s}`")),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                arg.push(c);
            }
        }
        args.push(arg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let src = "// A program.\n// args: one \"two words\" \"\"\n// env: A=b=c\n// stdin: hello\n// stdin:\n\
                   // stdin:   indented  \n// expect-exit: 134\n// expect-stdout: out\n\
                   // expect-stderr: error: wasm trap: unreachable\n// wasm-cflags: -msimd128 -O3\n\
                   // native-cflags: -DNATIVE\n// wasm-simd: 12\n// also-cpu: portable\nint main(void) {}\n// args: ignored\n";
        let ann = Annotations::parse(src).unwrap();
        assert_eq!(ann.args, ["one", "two words", ""]);
        assert_eq!(ann.env, [("A".to_string(), "b=c".to_string())]);
        assert_eq!(ann.stdin, "hello\n\n  indented\n");
        assert_eq!(ann.expect_exit, Some(134));
        assert_eq!(ann.expected_stdout(), "out\n");
        assert_eq!(ann.expect_stderr, ["error: wasm trap: unreachable"]);
        assert_eq!(ann.wasm_cflags, ["-msimd128", "-O3"]);
        assert_eq!(ann.native_cflags, ["-DNATIVE"]);
        assert_eq!(ann.wasm_simd, Some(12));
        assert_eq!(ann.also_cpu, ["portable"]);
    }

    #[test]
    fn prose_is_ignored_and_typos_are_not() {
        assert_eq!(
            Annotations::parse("// Covers: shifts, rotates\n").unwrap(),
            Annotations::default()
        );
        assert!(Annotations::parse("// expect-exti: 1\n")
            .unwrap_err()
            .contains("unknown annotation"));
        assert!(Annotations::parse("// expect-stdout: x\n")
            .unwrap_err()
            .contains("need expect-exit"));
        assert!(Annotations::parse("// args: \"open\n")
            .unwrap_err()
            .contains("unterminated"));
        assert!(Annotations::parse("// env: NOEQUALS\n").is_err());
        assert!(Annotations::parse("// wasm-simd: many\n").is_err());
    }
}
