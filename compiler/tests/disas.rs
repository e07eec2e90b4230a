//! IR and assembly snapshot tests: each `tests/disas/*.wat` is compiled and the optimized LLVM
//! IR of its functions (or their assembly) is compared with the expectation kept as comments at
//! the bottom of the file, after the line `;; ---- expected IR ----`. Directives in the
//! leading comment lines choose how: `;; opt: N` (default 2), `;; emit: asm` (default IR),
//! `;; target: TRIPLE` (default x86_64-unknown-linux-gnu), `;; cpu: NAME` (default x86-64, the
//! baseline), `;; bounds-checks: explicit` (default guard). `WASMKILN_BLESS=1 cargo test --test disas` rewrites the
//! expectations. The snapshots pin codegen shape that matters: no bounds checks on the
//! guard-page path, one trap block per function, where the stack check sits, which native
//! instructions SIMD becomes, and so on.

use std::path::{Path, PathBuf};
use wasmkiln::backend::OptLevel;
use wasmkiln::codegen::BoundsChecks;
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

/// The instructions of the Wasm functions (`wasm_f*`) in assembly: labels and instructions,
/// without directives and comments.
fn functions_asm(asm: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in asm.lines() {
        // Comments: `# ...` on x86, `// ...` on aarch64 (where `#8` is an immediate).
        let code = line.split("# ").next().unwrap_or("").split("//").next().unwrap_or("").trim_end();
        if code.starts_with("wasm_f") && code.ends_with(':') {
            inside = true;
        } else if code.starts_with(".Lfunc_end") {
            inside = false;
            out.push('\n');
        }
        let directive = code.trim_start().starts_with('.') && !code.ends_with(':');
        if inside && !code.trim().is_empty() && !directive {
            out.push_str(&code.replace('\t', " "));
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

/// The value of directive `;; key: value` in the leading comment lines.
fn directive<'s>(source: &'s str, key: &str) -> Option<&'s str> {
    source.lines().take_while(|l| l.starts_with(";;")).find_map(|l| l.strip_prefix(";; ")?.strip_prefix(key)?.strip_prefix(": ")).map(str::trim)
}

fn compile_ir(wat_path: &Path, source: &str, scratch: &Path) -> String {
    let wasm = wat::parse_str(source).unwrap_or_else(|e| panic!("{}: {e}", wat_path.display()));
    let stem = wat_path.file_stem().unwrap().to_string_lossy();
    let input = scratch.join(format!("{stem}.wasm"));
    let output = scratch.join(format!("{stem}.ll"));
    std::fs::write(&input, wasm).unwrap();
    let opt = match directive(source, "opt") {
        Some("0") => OptLevel::O0,
        Some("1") => OptLevel::O1,
        Some("3") => OptLevel::O3,
        _ => OptLevel::O2,
    };
    // A fixed target and CPU keep the snapshots independent of the machine running the tests.
    let asm = directive(source, "emit") == Some("asm");
    let target = directive(source, "target").unwrap_or("x86_64-unknown-linux-gnu");
    let cpu = directive(source, "cpu").unwrap_or("x86-64");
    let bounds_checks = match directive(source, "bounds-checks") {
        Some("explicit") => BoundsChecks::Explicit,
        _ => BoundsChecks::Auto,
    };
    let opts = Options {
        opt,
        target: Some(target.into()),
        cpu: Some(cpu.into()),
        jobs: 1,
        bounds_checks,
        ..Options::new(input, output.clone(), if asm { Emit::Asm } else { Emit::LlvmIr })
    };
    driver::compile(&opts, &mut Timings::default()).unwrap_or_else(|e| panic!("{}: {e}", wat_path.display()));
    let text = std::fs::read_to_string(output).unwrap();
    if asm {
        functions_asm(&text)
    } else {
        functions_ir(&text)
    }
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
