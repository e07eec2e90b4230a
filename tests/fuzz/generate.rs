//! Seeded cases: the profile of a seed, wasm-smith's configuration for it, the module (made to
//! terminate with wasm-smith's fuel instrumentation), and the calls to make with their arguments.
//!
//! Everything is drawn from one SplitMix64 stream started at the seed, so a case reproduces from
//! its seed alone (with these pinned versions of wasm-smith and of this file).

use crate::outcome::Value;
use wasm_smith::{Config, InstructionKind, InstructionKinds, MemoryOffsetChoices, Module};
use wasmkiln::codegen::BoundsChecks;

/// Fuel of a module's whole life (all calls share it): each function entry and loop iteration
/// takes one, a bulk operation of length n takes n; when it is gone the code executes
/// `unreachable`, in both engines alike. Below the recursion depth either engine allows.
pub const FUEL: u32 = 3000;
/// At most this many calls per module.
const MAX_CALLS: usize = 24;
const CALLS_PER_EXPORT: usize = 2;

pub use wasmkiln_tests::rng::Rng;

/// What a case's module stresses. Every profile has relaxed SIMD off: its results are
/// nondeterministic by the spec (the spec suite's relaxed-simd scripts test it instead).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Profile {
    /// Every instruction kind: Wasm 2.0 with SIMD and extended-const; NaNs canonicalized.
    Mixed,
    /// Control flow, calls, `call_indirect`, locals and integer arithmetic only, long bodies:
    /// deep nesting, `br_table`, loops.
    Control,
    /// Memory instructions and integer arithmetic: accesses near the end, `memory.grow`, bulk.
    Memory,
    /// Scalar floats with raw NaNs (no canonicalization, no SIMD): NaN propagation and edge
    /// values, compared with the spec's NaN rules.
    Float,
}

impl Profile {
    pub const ALL: [Profile; 4] = [Profile::Mixed, Profile::Control, Profile::Memory, Profile::Float];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Mixed => "mixed",
            Profile::Control => "control",
            Profile::Memory => "memory",
            Profile::Float => "float",
        }
    }

    /// Whether wasm-smith canonicalizes the NaNs of float arithmetic.
    pub fn canonical_nans(self) -> bool {
        self != Profile::Float
    }
}

/// How wasmkiln compiles a case (besides `--emit shared -O2`).
#[derive(Clone, Copy, Debug)]
pub struct Compilation {
    pub bounds_checks: BoundsChecks,
    /// `--cpu portable` instead of the host's.
    pub portable: bool,
}

/// One call: the export's name and its arguments.
pub struct Call {
    pub export: String,
    pub args: Vec<Value>,
}

pub struct Case {
    pub profile: Profile,
    pub compilation: Compilation,
    pub wasm: Vec<u8>,
    pub calls: Vec<Call>,
}

fn config(profile: Profile, rng: &mut Rng) -> Config {
    let mut c = Config::default();
    // Only what wasmkiln implements (module_info.rs: Wasm 2.0, SIMD, relaxed SIMD, extended-const,
    // tail calls).
    c.exceptions_enabled = false;
    c.gc_enabled = false;
    c.tail_call_enabled = true;
    c.threads_enabled = false;
    c.memory64_enabled = false;
    c.wide_arithmetic_enabled = false;
    c.custom_page_sizes_enabled = false;
    c.compact_imports_enabled = false;
    c.shared_everything_threads_enabled = false;
    c.custom_descriptors_enabled = false;
    c.relaxed_simd_enabled = false;
    c.simd_enabled = profile != Profile::Float;
    c.extended_const_enabled = true;
    c.max_memories = 1;
    c.max_tables = 3;
    // Nothing to import: the module stands alone in both engines.
    c.max_imports = 0;
    c.min_funcs = 2;
    c.max_funcs = 16;
    c.export_everything = true;
    // Declared maxima keep `memory.grow`/`table.grow` bounded (and equal in both engines: past
    // the maximum both return -1) and the final state small enough to compare whole.
    c.memory_max_size_required = true;
    c.max_memory32_bytes = 8 * 65536;
    c.table_max_size_required = true;
    c.max_table_elements = 256;
    c.canonicalize_nans = profile.canonical_nans();
    let kinds = |k: &[InstructionKind]| InstructionKinds::new(k);
    use InstructionKind::*;
    match profile {
        Profile::Mixed => {}
        Profile::Control => {
            c.allowed_instructions = kinds(&[Control, Parametric, Variable, NumericInt, Table, Reference]);
            c.max_instructions = 1000;
            c.max_funcs = 24;
            c.min_tables = 1;
            c.min_element_segments = 1;
        }
        Profile::Memory => {
            c.allowed_instructions = kinds(&[Memory, MemoryInt, Control, Variable, NumericInt, Parametric]);
            c.min_memories = 1;
            c.max_instructions = 300;
            // More offsets past the memory's minimum than by default: accesses at the end.
            c.memory_offset_choices = MemoryOffsetChoices(60, 30, 10);
        }
        Profile::Float => {
            c.allowed_instructions = kinds(&[Numeric, Variable, Control, Parametric, Memory]);
            c.max_instructions = 300;
        }
    }
    // Some modules get larger bodies regardless of profile.
    if rng.below(4) == 0 {
        c.max_instructions *= 3;
    }
    c
}

/// An argument of type `ty`: often an edge value, else random bits.
fn arg(ty: wasmparser::ValType, rng: &mut Rng) -> Value {
    use wasmparser::ValType as T;
    let edge = rng.below(3) != 0;
    match ty {
        T::I32 if edge => Value::I32(rng.pick(&[0, 1, 2, 7, u32::MAX, 0x8000_0000, 0x7fff_ffff, 0xffff, 0x1_0000, 0xfff8, 0x2_0000 - 4, 0xff])),
        T::I32 => Value::I32(rng.next() as u32),
        T::I64 if edge => Value::I64(rng.pick(&[0, 1, u64::MAX, 1 << 63, (1 << 63) - 1, 0xffff_ffff, 1 << 32, 0x1_0000, 0xfff8])),
        T::I64 => Value::I64(rng.next()),
        T::F32 if edge => Value::F32(rng.pick(&[
            0, 0x8000_0000, 0x3f80_0000, 0xbf80_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0xffc0_0000, 0x7fc0_0001,
            0x7f80_0001, 0xffa0_0000, 0x0000_0001, 0x0080_0000, 0x7f7f_ffff, 0x4f00_0000, 0xcf00_0001, 0x3f00_0000,
            0x5f00_0000, 0x4b00_0001,
        ])),
        T::F32 => Value::F32(rng.next() as u32),
        T::F64 if edge => Value::F64(rng.pick(&[
            0, 1 << 63, 0x3ff0_0000_0000_0000, 0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000, 0x7ff8_0000_0000_0000,
            0xfff8_0000_0000_0000, 0x7ff8_0000_0000_0001, 0x7ff0_0000_0000_0001, 0x0000_0000_0000_0001,
            0x0010_0000_0000_0000, 0x7fef_ffff_ffff_ffff, 0x41e0_0000_0000_0000, 0xc1e0_0000_0020_0000,
            0x43e0_0000_0000_0000, 0x3fe0_0000_0000_0000,
        ])),
        T::F64 => Value::F64(rng.next()),
        T::V128 => Value::V128((rng.next() as u128) << 64 | rng.next() as u128),
        T::Ref(r) if r.is_func_ref() => Value::FuncRef(None),
        T::Ref(_) => Value::ExternRef(None),
    }
}

/// The calls of a case: each exported function `CALLS_PER_EXPORT` times in export order, with
/// fresh arguments each time, up to `MAX_CALLS`.
fn calls(wasm: &[u8], rng: &mut Rng) -> Vec<Call> {
    let mut types = Vec::new();
    let mut func_types = Vec::new();
    let mut calls = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload.expect("wasm-smith's module parses") {
            wasmparser::Payload::TypeSection(s) => {
                for ty in s.into_iter_err_on_gc_types() {
                    types.push(ty.expect("function type"));
                }
            }
            wasmparser::Payload::FunctionSection(s) => func_types.extend(s.into_iter().map(|t| t.expect("function"))),
            wasmparser::Payload::ExportSection(s) => {
                for e in s {
                    let e = e.expect("export");
                    if e.kind == wasmparser::ExternalKind::Func {
                        let ty = &types[func_types[e.index as usize] as usize];
                        for _ in 0..CALLS_PER_EXPORT {
                            let args = ty.params().iter().map(|t| arg(*t, rng)).collect();
                            calls.push(Call { export: e.name.to_string(), args });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    calls.truncate(MAX_CALLS);
    calls
}

pub fn case(seed: u64) -> Case {
    let mut rng = Rng::new(seed);
    let profile = Profile::ALL[rng.below(Profile::ALL.len() as u64) as usize];
    let compilation = Compilation {
        bounds_checks: if rng.below(4) == 0 { BoundsChecks::Explicit } else { BoundsChecks::Guard },
        portable: rng.below(4) == 0,
    };
    let config = config(profile, &mut rng);
    let len = 512 + rng.below(16 * 1024) as usize;
    let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
    let mut u = arbitrary::Unstructured::new(&data);
    let mut module = Module::new(config, &mut u).expect("wasm-smith generates a module from any bytes");
    module.ensure_termination(FUEL).expect("generated bodies can be instrumented");
    let mut wasm = module.to_bytes();
    let calls = calls(&wasm, &mut rng);
    // wasm-smith exports everything and seldom fills a table; half the modules keep their
    // tables private and get functions in their first function table, so that `call_indirect`
    // on tables no code changes takes the frozen-table path (codegen/frozen_tables.rs).
    if rng.below(2) == 0 {
        wasm = private_tables(&wasm, &mut rng);
    }
    Case { profile, compilation, wasm, calls }
}

fn leb(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        out.push(if v == 0 { byte } else { byte | 0x80 });
        if v == 0 {
            break;
        }
    }
}

/// `wasm` without its table exports, and with one more active element segment at the end: from
/// slot 0 of its first `funcref` table, as many as fit of twice the module's functions, each
/// slot `ref.func` of one of them or (one in four) `ref.null`.
fn private_tables(wasm: &[u8], rng: &mut Rng) -> Vec<u8> {
    use wasmparser::{ExternalKind as K, Payload as P};
    let (mut funcs, mut table, mut has_elems) = (0u64, None, false);
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload.expect("wasm-smith's module parses") {
            P::FunctionSection(s) => funcs = s.count() as u64,
            P::TableSection(s) => {
                let tables: Vec<_> = s.into_iter().map(|t| t.expect("table")).collect();
                table = tables.iter().position(|t| t.ty.element_type == wasmparser::RefType::FUNCREF && !t.ty.table64).map(|i| (i as u32, tables[i].ty.initial));
            }
            P::ElementSection(_) => has_elems = true,
            _ => {}
        }
    }
    // The segment: flags 6 (active, table index, element type, expressions), offset 0.
    let segment = table.filter(|&(_, size)| size.min(funcs) > 0).map(|(t, size)| {
        let mut seg = vec![6];
        leb(t as u64, &mut seg);
        seg.extend_from_slice(&[0x41, 0, 0x0b, 0x70]);
        let n = size.min(2 * funcs);
        leb(n, &mut seg);
        for _ in 0..n {
            match rng.below(4) {
                0 => seg.extend_from_slice(&[0xd0, 0x70, 0x0b]),
                _ => {
                    seg.push(0xd2);
                    leb(rng.below(funcs), &mut seg);
                    seg.push(0x0b);
                }
            }
        }
        seg
    });
    let section = |id: u8, body: &[u8], out: &mut Vec<u8>| {
        out.push(id);
        leb(body.len() as u64, out);
        out.extend_from_slice(body);
    };
    let mut out = wasm[..8].to_vec();
    let mut pending = segment.clone().filter(|_| !has_elems);
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.expect("wasm-smith's module parses");
        let Some((id, range)) = payload.as_section() else { continue };
        // A new element section goes before the data count, code and data sections.
        if let (Some(seg), true) = (&pending, matches!(id, 10..=12)) {
            let mut body = vec![1];
            body.extend_from_slice(seg);
            section(9, &body, &mut out);
            pending = None;
        }
        let mut body = Vec::new();
        match payload {
            P::ExportSection(s) => {
                let kept: Vec<_> = s.into_iter().map(|e| e.expect("export")).filter(|e| e.kind != K::Table).collect();
                leb(kept.len() as u64, &mut body);
                for e in kept {
                    leb(e.name.len() as u64, &mut body);
                    body.extend_from_slice(e.name.as_bytes());
                    body.push(match e.kind {
                        K::Func | K::FuncExact => 0,
                        K::Table => 1,
                        K::Memory => 2,
                        K::Global => 3,
                        K::Tag => 4,
                    });
                    leb(e.index as u64, &mut body);
                }
            }
            P::ElementSection(s) if segment.is_some() => {
                leb(s.count() as u64 + 1, &mut body);
                let mut reader = wasmparser::BinaryReader::new(&wasm[range.start as usize..range.end as usize], 0);
                reader.read_var_u32().expect("the count");
                body.extend_from_slice(&wasm[range.start as usize + reader.current_position()..range.end as usize]);
                body.extend_from_slice(segment.as_ref().expect("a segment"));
            }
            _ => body.extend_from_slice(&wasm[range.start as usize..range.end as usize]),
        }
        section(id, &body, &mut out);
    }
    if let Some(seg) = pending {
        let mut body = vec![1];
        body.extend_from_slice(&seg);
        section(9, &body, &mut out);
    }
    out
}
