//! What a generated module contains, read back from its binary: the feature mix the run
//! reports, and whether NaN bits that the spec leaves open can become visible.

use wasmparser::{Operator, Parser, Payload};

/// Features a module uses, one bit each (see `NAMES`).
#[derive(Clone, Copy, Default)]
pub struct Features {
    pub bits: u32,
    /// Holds an instruction whose NaN result bits the spec leaves open (and that the profile
    /// does not canonicalize) ...
    nan_source: bool,
    /// ... and one that turns NaN bits into something else than a float value: a
    /// reinterpretation, a float store, `copysign`, or any vector instruction.
    nan_observer: bool,
}

pub const NAMES: [&str; 14] = [
    "simd", "br_table", "loop", "call", "call_indirect", "memory.grow", "bulk-memory", "reference-types",
    "multi-value", "extended-const", "float", "many-locals", "tail-call", "frozen-table call_indirect",
];

const SIMD: u32 = 1;
const BR_TABLE: u32 = 1 << 1;
const LOOP: u32 = 1 << 2;
const CALL: u32 = 1 << 3;
const CALL_INDIRECT: u32 = 1 << 4;
const MEMORY_GROW: u32 = 1 << 5;
const BULK: u32 = 1 << 6;
const REFERENCE: u32 = 1 << 7;
const MULTI_VALUE: u32 = 1 << 8;
const EXTENDED_CONST: u32 = 1 << 9;
const FLOAT: u32 = 1 << 10;
const MANY_LOCALS: u32 = 1 << 11;
const TAIL_CALL: u32 = 1 << 12;
/// A `call_indirect` on a table wasmkiln finds frozen (codegen/frozen_tables.rs).
const FROZEN_CALL_INDIRECT: u32 = 1 << 13;

impl Features {
    /// Whether NaN bits open by the spec can reach integers, memory or vectors: then such a
    /// module's integer and memory results may legitimately differ.
    pub fn nan_bits_observable(&self) -> bool {
        self.nan_source && self.nan_observer
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        NAMES.iter().enumerate().filter(move |(i, _)| self.bits & (1 << i) != 0).map(|(_, n)| *n)
    }
}

fn is_vector(op: &Operator<'_>) -> bool {
    let name = format!("{op:?}");
    ["V128", "I8x16", "I16x8", "I32x4", "I64x2", "F32x4", "F64x2"].iter().any(|p| name.starts_with(p))
}

/// Scans `wasm`; `canonical_nans`: whether wasm-smith canonicalized float arithmetic, which
/// leaves promotion and demotion as the only open NaN sources.
pub fn scan(wasm: &[u8], canonical_nans: bool) -> Features {
    let mut f = Features::default();
    let mut indirect_tables = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let Ok(payload) = payload else { continue };
        match payload {
            Payload::TypeSection(s) => {
                for ty in s.into_iter_err_on_gc_types().flatten() {
                    if ty.results().len() > 1 {
                        f.bits |= MULTI_VALUE;
                    }
                }
            }
            Payload::GlobalSection(s) => {
                for g in s.into_iter().flatten() {
                    let ops = g.init_expr.get_operators_reader().into_iter().flatten();
                    if ops.filter(|op| !matches!(op, Operator::End)).count() > 1 {
                        f.bits |= EXTENDED_CONST;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let locals: u32 = body.get_locals_reader().into_iter().flatten().flatten().map(|(n, _)| n).sum();
                if locals >= 16 {
                    f.bits |= MANY_LOCALS;
                }
                let Ok(ops) = body.get_operators_reader() else { continue };
                for op in ops.into_iter().flatten() {
                    if let Operator::CallIndirect { table_index, .. } | Operator::ReturnCallIndirect { table_index, .. } = op {
                        indirect_tables.push(table_index);
                    }
                    operator(&mut f, &op, canonical_nans);
                }
            }
            _ => {}
        }
    }
    if !indirect_tables.is_empty() {
        if let Ok(info) = wasmkiln::module_info::parse(wasm, wasmkiln::module_info::features()) {
            if indirect_tables.iter().any(|t| info.frozen_tables.table(*t, false).is_some()) {
                f.bits |= FROZEN_CALL_INDIRECT;
            }
        }
    }
    f
}

fn operator(f: &mut Features, op: &Operator<'_>, canonical_nans: bool) {
    use Operator as O;
    f.bits |= match op {
        O::BrTable { .. } => BR_TABLE,
        O::Loop { .. } => LOOP,
        O::Call { .. } => CALL,
        O::CallIndirect { .. } => CALL_INDIRECT,
        O::ReturnCall { .. } => TAIL_CALL | CALL,
        O::ReturnCallIndirect { .. } => TAIL_CALL | CALL_INDIRECT,
        O::MemoryGrow { .. } => MEMORY_GROW,
        O::MemoryCopy { .. } | O::MemoryFill { .. } | O::MemoryInit { .. } | O::DataDrop { .. } => BULK,
        O::TableCopy { .. } | O::TableInit { .. } | O::ElemDrop { .. } => BULK | REFERENCE,
        O::RefNull { .. } | O::RefIsNull | O::RefFunc { .. } | O::TableGet { .. } | O::TableSet { .. } => REFERENCE,
        O::TableGrow { .. } | O::TableSize { .. } | O::TableFill { .. } | O::TypedSelect { .. } => REFERENCE,
        _ => 0,
    };
    let vector = is_vector(op);
    if vector {
        f.bits |= SIMD;
    }
    let name = format!("{op:?}");
    if name.starts_with("F32") || name.starts_with("F64") {
        f.bits |= FLOAT;
    }
    let promote_demote = matches!(op, O::F32DemoteF64 | O::F64PromoteF32 | O::F32x4DemoteF64x2Zero | O::F64x2PromoteLowF32x4);
    let arithmetic = ["Add", "Sub", "Mul", "Div", "Sqrt", "Min", "Max", "Ceil", "Floor", "Trunc", "Nearest"]
        .iter()
        .any(|a| name.ends_with(a))
        && (name.starts_with("F32") || name.starts_with("F64"));
    if promote_demote || (!canonical_nans && arithmetic) {
        f.nan_source = true;
    }
    if vector
        || matches!(
            op,
            O::I32ReinterpretF32 | O::I64ReinterpretF64 | O::F32Store { .. } | O::F64Store { .. } | O::F32Copysign | O::F64Copysign
        )
    {
        f.nan_observer = true;
    }
}
