//! IR snapshot tests: each `tests/disas/*.wat` is compiled at the optimization level named in
//! its first line (`;; opt: N`, default 2) and the optimized LLVM IR of its functions is
//! compared with the expectation kept as comments at the bottom of the file, after the line
//! `;; ---- expected IR ----`. `WASMKILN_BLESS=1 cargo test --test disas` rewrites the
//! expectations. The snapshots pin codegen shape that matters: no bounds checks on the
//! guard-page path, one trap block per function, where the stack check sits, and so on.

use std::path::{Path, PathBuf};
use wasmkiln::backend::OptLevel;
use wasmkiln::driver::{self, Emit, Options, Timings};

const MARKER: &str = ";; ---- expected IR ----";

/// The `define ... { ... }` blocks of the Wasm functions (`wasm_f*`), attribute group numbers
/// removed so unrelated changes elsewhere in the module do not disturb the snapshot.
fn functions_ir(ir: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in ir.lines() {
        if line.starts_with("define") && line.contains("@wasm_f") {
            inside = true;
        }
        if inside {
            let line = match line.find(" #") {
                Some(i) if line.starts_with("define") => format!("{} {{", &line[..i]),
                _ => line.to_string(),
            };
            out.push_str(line.trim_end());
            out.push('\n');
            if line == "}" {
                inside = false;
                out.push('\n');
            }
        }
    }
    out.trim_end().to_string()
}

fn compile_ir(wat_path: &Path, source: &str, scratch: &Path) -> String {
    let wasm = wat::parse_str(source).unwrap_or_else(|e| panic!("{}: {e}", wat_path.display()));
    let stem = wat_path.file_stem().unwrap().to_string_lossy();
    let input = scratch.join(format!("{stem}.wasm"));
    let output = scratch.join(format!("{stem}.ll"));
    std::fs::write(&input, wasm).unwrap();
    let opt = match source.lines().next().and_then(|l| l.strip_prefix(";; opt: ")).map(str::trim) {
        Some("0") => OptLevel::O0,
        Some("1") => OptLevel::O1,
        Some("3") => OptLevel::O3,
        _ => OptLevel::O2,
    };
    // A fixed CPU keeps the snapshots independent of the machine running the tests.
    let opts = Options { input, output: output.clone(), emit: Emit::LlvmIr, opt, target: Some("x86_64-unknown-linux-gnu".into()), cpu: Some("x86-64".into()), jobs: 1 };
    driver::compile(&opts, &mut Timings::default()).unwrap_or_else(|e| panic!("{}: {e}", wat_path.display()));
    functions_ir(&std::fs::read_to_string(output).unwrap())
}

#[test]
fn ir_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/disas");
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("disas");
    std::fs::create_dir_all(&scratch).unwrap();
    let bless = std::env::var_os("WASMKILN_BLESS").is_some();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "wat")).collect();
    files.sort();
    assert!(!files.is_empty(), "no snapshot files in {}", dir.display());
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let (source, expected) = match text.find(MARKER) {
            Some(i) => (&text[..i], text[i + MARKER.len()..].lines().filter_map(|l| l.strip_prefix(";;").map(|r| r.strip_prefix(' ').unwrap_or(r))).collect::<Vec<_>>().join("\n")),
            None => (text.as_str(), String::new()),
        };
        let actual = compile_ir(&path, source, &scratch);
        if bless {
            let commented: String = actual.lines().map(|l| if l.is_empty() { ";;\n".to_string() } else { format!(";; {l}\n") }).collect();
            std::fs::write(&path, format!("{}{MARKER}\n{commented}", source.trim_end().to_string() + "\n\n")).unwrap();
        } else if actual.trim() != expected.trim() {
            failures.push(format!("{}: IR differs (WASMKILN_BLESS=1 to accept)\n--- expected\n{}\n--- actual\n{}", path.display(), expected.trim(), actual));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
