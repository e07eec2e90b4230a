//! The WebAssembly types the embedding API speaks: value, function, table, memory and global
//! types, and the import-matching rules between them (the spec's "extern subtyping"). A tag's
//! type is a function type without results (its parameters are the exception's payload).

use std::fmt;
use wasmkiln_abi::{heap, valtype, FuncTypeDesc, GlobalDesc, MemoryDesc, ModuleDesc, RefDesc, TableDesc};

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

/// The heap type of a reference, within its family ([`ValType::FuncRef`], `ExternRef`, `ExnRef`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Heap {
    /// `func`, `extern`, `exn`: every reference of the family.
    Top,
    /// `nofunc`, `noextern`, `noexn`: none (only null).
    Bottom,
    /// A function type, by its canonical signature id (sigs.rs).
    Func(u32),
    /// The function type being defined itself (`(type $t (func (param (ref $t))))`).
    SelfType,
}

/// The precise type of a reference value beside its family: typed function references.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RefDetail {
    pub nullable: bool,
    pub heap: Heap,
}

impl Default for RefDetail {
    /// `funcref`, `externref`, `exnref`: nullable, the family's top.
    fn default() -> RefDetail {
        RefDetail { nullable: true, heap: Heap::Top }
    }
}

impl RefDetail {
    /// Reference subtyping within a family: `self <: want`.
    pub fn is_subtype_of(&self, want: &RefDetail) -> bool {
        (want.nullable || !self.nullable) && (self.heap == want.heap || want.heap == Heap::Top || self.heap == Heap::Bottom)
    }

    /// Decodes a descriptor's `RefDesc`; `sig_of(index)` gives the canonical id of an earlier
    /// function type of the module, `None` for an index that cannot be referred to.
    pub(crate) fn from_desc(d: &RefDesc, sig_of: &dyn Fn(u32) -> Option<Heap>) -> Option<RefDetail> {
        let heap = match d.heap {
            heap::TOP => Heap::Top,
            heap::BOTTOM => Heap::Bottom,
            i => sig_of(i)?,
        };
        Some(RefDetail { nullable: d.nullable != 0, heap })
    }
}

/// A function type. Its reference parameters and results carry their precise types, so two
/// signatures that differ only in `(ref $t)` are different types (`call_indirect` tells them
/// apart through their canonical ids).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FuncType {
    params: Box<[ValType]>,
    results: Box<[ValType]>,
    /// One per parameter, then one per result (the default for values that are not references).
    refs: Box<[RefDetail]>,
}

impl FuncType {
    /// A function type whose reference values are the nullable top types (`funcref`, ...).
    pub fn new(params: impl Into<Box<[ValType]>>, results: impl Into<Box<[ValType]>>) -> FuncType {
        let (params, results) = (params.into(), results.into());
        let refs = vec![RefDetail::default(); params.len() + results.len()].into_boxed_slice();
        FuncType { params, results, refs }
    }

    /// Decodes type bytes; `None` if one is not a value type.
    pub fn from_codes(params: &[u8], results: &[u8]) -> Option<FuncType> {
        let decode = |codes: &[u8]| codes.iter().map(|&c| ValType::from_code(c)).collect::<Option<Box<[_]>>>();
        Some(FuncType::new(decode(params)?, decode(results)?))
    }

    /// # Safety
    /// `d` must come from a compiler-emitted descriptor; `sig_of` as for [`RefDetail::from_desc`].
    pub(crate) unsafe fn from_desc(d: &FuncTypeDesc, sig_of: &dyn Fn(u32) -> Option<Heap>) -> Option<FuncType> {
        let mut t = Self::from_codes(ModuleDesc::slice(d.params, d.num_params), ModuleDesc::slice(d.results, d.num_results))?;
        if !d.refs.is_null() {
            let refs = ModuleDesc::slice(d.refs, d.num_params + d.num_results);
            t.refs = refs.iter().map(|r| RefDetail::from_desc(r, sig_of)).collect::<Option<Box<[_]>>>()?;
        }
        // Values that are not references have no detail (so equal signatures compare equal).
        let kinds: Vec<bool> = t.params.iter().chain(t.results.iter()).map(|v| v.is_ref()).collect();
        for (r, is_ref) in t.refs.iter_mut().zip(kinds) {
            if !is_ref {
                *r = RefDetail::default();
            }
        }
        Some(t)
    }

    /// The precise types of the parameters, then of the results.
    pub fn ref_details(&self) -> &[RefDetail] {
        &self.refs
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
    pub min: u64,
    pub max: Option<u64>,
    /// The precise element type.
    pub elem_ref: RefDetail,
    /// A 64-bit table (table64: i64 indices); it only matches 64-bit tables.
    pub table64: bool,
}

impl TableType {
    /// A 32-bit table of `elem`'s nullable top type (`funcref`, `externref`, `exnref`).
    pub fn new(elem: ValType, min: u64, max: Option<u64>) -> TableType {
        TableType { elem, min, max, elem_ref: RefDetail::default(), table64: false }
    }

    pub(crate) fn from_desc(d: &TableDesc, sig_of: &dyn Fn(u32) -> Option<Heap>) -> Option<TableType> {
        let elem = ValType::from_code(d.elem_type).filter(|t| t.is_ref())?;
        let elem_ref = RefDetail::from_desc(&d.elem_ref, sig_of)?;
        Some(TableType { elem, min: d.min, max: (d.has_max != 0).then_some(d.max), elem_ref, table64: d.table64 != 0 })
    }
}

/// A memory type, in pages. `min` is the current size when describing a live memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryType {
    pub min: u64,
    pub max: Option<u64>,
    /// A shared memory (threads): only matches a shared one.
    pub shared: bool,
    /// A 64-bit memory (memory64: i64 addresses); it only matches 64-bit memories.
    pub memory64: bool,
}

impl MemoryType {
    /// A 32-bit memory.
    pub fn new(min: u64, max: Option<u64>) -> MemoryType {
        MemoryType { min, max, shared: false, memory64: false }
    }

    /// A 64-bit memory.
    pub fn new64(min: u64, max: Option<u64>) -> MemoryType {
        MemoryType { min, max, shared: false, memory64: true }
    }

    pub(crate) fn from_desc(d: &MemoryDesc) -> MemoryType {
        MemoryType { min: d.min_pages, max: (d.has_max != 0).then_some(d.max_pages), shared: d.shared != 0, memory64: d.memory64 != 0 }
    }
}

/// A global type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlobalType {
    pub ty: ValType,
    pub mutable: bool,
    /// The precise type of a reference global (the default otherwise).
    pub ty_ref: RefDetail,
}

impl GlobalType {
    /// A global of `ty` (a reference global of its nullable top type).
    pub fn new(ty: ValType, mutable: bool) -> GlobalType {
        GlobalType { ty, mutable, ty_ref: RefDetail::default() }
    }

    pub(crate) fn from_desc(d: &GlobalDesc, sig_of: &dyn Fn(u32) -> Option<Heap>) -> Option<GlobalType> {
        let ty = ValType::from_code(d.ty)?;
        let ty_ref = if ty.is_ref() { RefDetail::from_desc(&d.ty_ref, sig_of)? } else { RefDetail::default() };
        Some(GlobalType { ty, mutable: d.mutable != 0, ty_ref })
    }

    /// `self <: want`: an immutable global is covariant, a mutable one invariant.
    fn is_subtype_of(&self, want: &GlobalType) -> bool {
        if self.ty != want.ty || self.mutable != want.mutable {
            return false;
        }
        if self.mutable {
            self.ty_ref == want.ty_ref
        } else {
            self.ty_ref.is_subtype_of(&want.ty_ref)
        }
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
                f.write_str(if t.table64 { "table i64 " } else { "table " })?;
                limits(f, t.min, t.max)?;
                write!(f, " {}", t.elem)
            }
            ExternType::Memory(t) => {
                f.write_str(if t.memory64 { "memory i64 " } else { "memory " })?;
                limits(f, t.min, t.max)?;
                f.write_str(if t.shared { " shared" } else { "" })
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
        (ExternType::Global(h), ExternType::Global(w)) => h.is_subtype_of(w),
        // Tags match only with exactly the same type (the exception-handling proposal).
        (ExternType::Tag(h), ExternType::Tag(w)) => h == w,
        // A 64-bit memory or table matches only a 64-bit one (their address types must be equal).
        (ExternType::Table(h), ExternType::Table(w)) => {
            h.elem == w.elem && h.elem_ref == w.elem_ref && h.table64 == w.table64 && limits_match(h.min, h.max, w.min, w.max)
        }
        (ExternType::Memory(h), ExternType::Memory(w)) => h.shared == w.shared && h.memory64 == w.memory64 && limits_match(h.min, h.max, w.min, w.max),
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
    fn address_types_must_be_equal() {
        let (m32, m64) = (ExternType::Memory(MemoryType::new(1, None)), ExternType::Memory(MemoryType::new64(1, None)));
        assert!(extern_type_matches(&m64, &m64));
        assert!(!extern_type_matches(&m32, &m64));
        assert!(!extern_type_matches(&m64, &m32));
        assert_eq!(m64.to_string(), "memory i64 1..");
        let t32 = TableType::new(ValType::FuncRef, 1, Some(2));
        let t64 = TableType { table64: true, ..t32 };
        assert!(extern_type_matches(&ExternType::Table(t64), &ExternType::Table(t64)));
        assert!(!extern_type_matches(&ExternType::Table(t32), &ExternType::Table(t64)));
        assert!(!extern_type_matches(&ExternType::Table(t64), &ExternType::Table(t32)));
        assert_eq!(ExternType::Table(t64).to_string(), "table i64 1..2 funcref");
    }

    #[test]
    fn func_types_display_and_decode() {
        let t = FuncType::from_codes(&[valtype::I32, valtype::F64], &[valtype::I64]).unwrap();
        assert_eq!(t.to_string(), "[i32 f64] -> [i64]");
        assert!(FuncType::from_codes(&[0x42], &[]).is_none());
    }

    #[test]
    fn global_matching_requires_same_mutability() {
        let g = |m| ExternType::Global(GlobalType::new(ValType::I32, m));
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
