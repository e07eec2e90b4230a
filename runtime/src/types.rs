//! The WebAssembly types the embedding API speaks: value, function, table, memory and global
//! types, and the import-matching rules between them (the spec's "extern subtyping"). A tag's
//! type is a function type without results (its parameters are the exception's payload).

use std::fmt;
use wasmkiln_abi::{valtype, FuncTypeDesc, GlobalDesc, MemoryDesc, ModuleDesc, TableDesc};

/// A value type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValType {
    I32,
    I64,
    F32,
    F64,
    V128,
    FuncRef,
    ExternRef,
    /// An exception reference (a `*mut VMException`; opaque here).
    ExnRef,
}

impl ValType {
    /// Decodes a binary-format type byte ([`wasmkiln_abi::valtype`]).
    pub fn from_code(code: u8) -> Option<ValType> {
        Some(match code {
            valtype::I32 => ValType::I32,
            valtype::I64 => ValType::I64,
            valtype::F32 => ValType::F32,
            valtype::F64 => ValType::F64,
            valtype::V128 => ValType::V128,
            valtype::FUNCREF => ValType::FuncRef,
            valtype::EXTERNREF => ValType::ExternRef,
            valtype::EXNREF => ValType::ExnRef,
            _ => return None,
        })
    }

    pub fn code(self) -> u8 {
        match self {
            ValType::I32 => valtype::I32,
            ValType::I64 => valtype::I64,
            ValType::F32 => valtype::F32,
            ValType::F64 => valtype::F64,
            ValType::V128 => valtype::V128,
            ValType::FuncRef => valtype::FUNCREF,
            ValType::ExternRef => valtype::EXTERNREF,
            ValType::ExnRef => valtype::EXNREF,
        }
    }

    pub fn is_ref(self) -> bool {
        matches!(self, ValType::FuncRef | ValType::ExternRef | ValType::ExnRef)
    }
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
            ValType::F32 => "f32",
            ValType::F64 => "f64",
            ValType::V128 => "v128",
            ValType::FuncRef => "funcref",
            ValType::ExternRef => "externref",
            ValType::ExnRef => "exnref",
        })
    }
}

/// A function type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FuncType {
    params: Box<[ValType]>,
    results: Box<[ValType]>,
}

impl FuncType {
    pub fn new(params: impl Into<Box<[ValType]>>, results: impl Into<Box<[ValType]>>) -> FuncType {
        FuncType { params: params.into(), results: results.into() }
    }

    /// Decodes type bytes; `None` if one is not a value type.
    pub fn from_codes(params: &[u8], results: &[u8]) -> Option<FuncType> {
        let decode = |codes: &[u8]| codes.iter().map(|&c| ValType::from_code(c)).collect::<Option<Box<[_]>>>();
        Some(FuncType { params: decode(params)?, results: decode(results)? })
    }

    /// # Safety
    /// `d` must come from a compiler-emitted descriptor.
    pub(crate) unsafe fn from_desc(d: &FuncTypeDesc) -> Option<FuncType> {
        Self::from_codes(ModuleDesc::slice(d.params, d.num_params), ModuleDesc::slice(d.results, d.num_results))
    }

    pub fn params(&self) -> &[ValType] {
        &self.params
    }

    pub fn results(&self) -> &[ValType] {
        &self.results
    }
}

impl fmt::Display for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, tys: &[ValType]| -> fmt::Result {
            f.write_str("[")?;
            for (i, t) in tys.iter().enumerate() {
                if i > 0 {
                    f.write_str(" ")?;
                }
                write!(f, "{t}")?;
            }
            f.write_str("]")
        };
        list(f, &self.params)?;
        f.write_str(" -> ")?;
        list(f, &self.results)
    }
}

/// A table type. `min` is the current size when describing a live table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableType {
    pub elem: ValType,
    pub min: u32,
    pub max: Option<u32>,
}

impl TableType {
    pub(crate) fn from_desc(d: &TableDesc) -> Option<TableType> {
        let elem = ValType::from_code(d.elem_type).filter(|t| t.is_ref())?;
        Some(TableType { elem, min: d.min, max: (d.max != u32::MAX).then_some(d.max) })
    }
}

/// A memory type, in pages. `min` is the current size when describing a live memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryType {
    pub min: u64,
    pub max: Option<u64>,
}

impl MemoryType {
    pub(crate) fn from_desc(d: &MemoryDesc) -> MemoryType {
        MemoryType { min: d.min_pages, max: (d.has_max != 0).then_some(d.max_pages) }
    }
}

/// A global type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlobalType {
    pub ty: ValType,
    pub mutable: bool,
}

impl GlobalType {
    pub(crate) fn from_desc(d: &GlobalDesc) -> Option<GlobalType> {
        Some(GlobalType { ty: ValType::from_code(d.ty)?, mutable: d.mutable != 0 })
    }
}

/// What an import expects; handed to import resolvers so they can pick a matching definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternType {
    Func(FuncType),
    Table(TableType),
    Memory(MemoryType),
    Global(GlobalType),
    /// A tag of this function type (no results).
    Tag(FuncType),
}

impl ExternType {
    pub fn kind_name(&self) -> &'static str {
        match self {
            ExternType::Func(_) => "function",
            ExternType::Table(_) => "table",
            ExternType::Memory(_) => "memory",
            ExternType::Global(_) => "global",
            ExternType::Tag(_) => "tag",
        }
    }
}

impl fmt::Display for ExternType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limits = |f: &mut fmt::Formatter<'_>, min: u64, max: Option<u64>| match max {
            Some(max) => write!(f, "{min}..{max}"),
            None => write!(f, "{min}.."),
        };
        match self {
            ExternType::Func(t) => write!(f, "func {t}"),
            ExternType::Table(t) => {
                f.write_str("table ")?;
                limits(f, t.min as u64, t.max.map(u64::from))?;
                write!(f, " {}", t.elem)
            }
            ExternType::Memory(t) => {
                f.write_str("memory ")?;
                limits(f, t.min, t.max)
            }
            ExternType::Global(t) => write!(f, "global {}{}", if t.mutable { "mut " } else { "" }, t.ty),
            ExternType::Tag(t) => write!(f, "tag {t}"),
        }
    }
}

/// Limits subtyping: a definition with current size `min` and maximum `max` may be imported
/// where `want_min`/`want_max` are declared.
pub(crate) fn limits_match(min: u64, max: Option<u64>, want_min: u64, want_max: Option<u64>) -> bool {
    if min < want_min {
        return false;
    }
    match (want_max, max) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(w), Some(m)) => m <= w,
    }
}

/// Whether a definition of type `have` may satisfy an import declared as `want`.
pub fn extern_type_matches(have: &ExternType, want: &ExternType) -> bool {
    match (have, want) {
        (ExternType::Func(h), ExternType::Func(w)) => h == w,
        (ExternType::Global(h), ExternType::Global(w)) => h == w,
        // Tags match only with exactly the same type (the exception-handling proposal).
        (ExternType::Tag(h), ExternType::Tag(w)) => h == w,
        (ExternType::Table(h), ExternType::Table(w)) => {
            h.elem == w.elem
                && limits_match(h.min as u64, h.max.map(u64::from), w.min as u64, w.max.map(u64::from))
        }
        (ExternType::Memory(h), ExternType::Memory(w)) => limits_match(h.min, h.max, w.min, w.max),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_subtyping_follows_the_spec() {
        assert!(limits_match(1, None, 1, None));
        assert!(limits_match(2, None, 1, None));
        assert!(!limits_match(0, None, 1, None));
        assert!(!limits_match(1, None, 1, Some(2)));
        assert!(limits_match(1, Some(2), 1, Some(2)));
        assert!(limits_match(1, Some(1), 1, Some(2)));
        assert!(!limits_match(1, Some(3), 1, Some(2)));
    }

    #[test]
    fn func_types_display_and_decode() {
        let t = FuncType::from_codes(&[valtype::I32, valtype::F64], &[valtype::I64]).unwrap();
        assert_eq!(t.to_string(), "[i32 f64] -> [i64]");
        assert!(FuncType::from_codes(&[0x42], &[]).is_none());
    }

    #[test]
    fn global_matching_requires_same_mutability() {
        let g = |m| ExternType::Global(GlobalType { ty: ValType::I32, mutable: m });
        assert!(extern_type_matches(&g(false), &g(false)));
        assert!(!extern_type_matches(&g(true), &g(false)));
        let f = ExternType::Func(FuncType::new([], []));
        assert!(!extern_type_matches(&f, &g(false)));
    }

    #[test]
    fn tag_matching_requires_the_same_type() {
        let tag = |p: &[ValType]| ExternType::Tag(FuncType::new(p.to_vec(), []));
        assert!(extern_type_matches(&tag(&[ValType::I32]), &tag(&[ValType::I32])));
        assert!(!extern_type_matches(&tag(&[ValType::I32]), &tag(&[ValType::I64])));
        assert!(!extern_type_matches(&tag(&[]), &tag(&[ValType::I32])));
        assert!(!extern_type_matches(&ExternType::Func(FuncType::new([ValType::I32], [])), &tag(&[ValType::I32])));
        assert_eq!(tag(&[ValType::F32]).to_string(), "tag [f32] -> []");
    }
}
