//! Decode and validate a module with `wasmparser`, and collect what code generation needs.

use crate::codegen::frozen_tables::FrozenTables;
use crate::error::{Error, Result};
use std::collections::HashMap;
use wasmparser::{
    ConstExpr, DataKind, ElementItems, ElementKind, Export, FuncType, FunctionBody, GlobalType,
    MemoryType, Name, Operator, Parser, Payload, RefType, TableType, TypeRef, ValType, Validator,
    WasmFeatures,
};

/// The proposals wasmkiln compiles, what modules are validated with by default: WebAssembly 2.0
/// (SIMD included), relaxed SIMD, extended constant expressions (they only add arithmetic to
/// initializers), typed function references, tail calls, exception handling, multiple
/// memories and 64-bit memories and tables (memory64, table64) (Wasm 3.0), threads (shared
/// memories, atomics, wait/notify), and the legacy exception-handling encoding
/// (`try`/`catch`/`delegate`/`rethrow`) that LLVM 19 and Emscripten emit.
///
/// The validator also has GC on, for what Wasm 3.0 took from it without its types: `global.get`
/// of a module's own immutable globals in constant expressions, which wasmparser allows only
/// with GC. What GC itself adds (struct and array types, subtypes, recursive type groups, the
/// `any`/`eq`/`i31` hierarchy, its instructions) is then rejected with one error
/// ([`gc_ref_error`], the type section's checks, "unsupported operator").
pub fn features() -> WasmFeatures {
    wasm2_features()
        | WasmFeatures::GC
        | WasmFeatures::MULTI_MEMORY
        | WasmFeatures::MEMORY64
        | WasmFeatures::FUNCTION_REFERENCES
        | WasmFeatures::TAIL_CALL
        | WasmFeatures::EXCEPTIONS
        | WasmFeatures::LEGACY_EXCEPTIONS
        | WasmFeatures::THREADS
}

/// WebAssembly 2.0 with relaxed SIMD and extended constant expressions: what the Wasm 2.0 spec
/// scripts are validated with, since later proposals make some of their invalid modules valid.
pub fn wasm2_features() -> WasmFeatures {
    WasmFeatures::WASM2 | WasmFeatures::RELAXED_SIMD | WasmFeatures::EXTENDED_CONST
}

pub struct ImportInfo<'a> {
    pub module: &'a str,
    pub name: &'a str,
    pub kind: u8,
    /// Index in the index space of its kind.
    pub index: u32,
}

pub struct GlobalInfo<'a> {
    pub ty: GlobalType,
    /// Initializer; `None` for imported globals.
    pub init: Option<ConstExpr<'a>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElemItem {
    Null,
    Func(u32),
    Global(u32),
}

pub enum ElemMode<'a> {
    Passive,
    Declared,
    Active { table: u32, offset: ConstExpr<'a> },
}

pub struct ElemInfo<'a> {
    pub mode: ElemMode<'a>,
    pub items: Vec<ElemItem>,
}

pub struct DataInfo<'a> {
    /// `(memory, offset)` for an active segment.
    pub active: Option<(u32, ConstExpr<'a>)>,
    pub bytes: &'a [u8],
}

#[derive(Default)]
pub struct ModuleInfo<'a> {
    pub types: Vec<FuncType>,
    pub imports: Vec<ImportInfo<'a>>,
    /// Type index of every function, imported ones first.
    pub funcs: Vec<u32>,
    pub num_imported_funcs: u32,
    pub tables: Vec<TableType>,
    pub num_imported_tables: u32,
    /// Initializer expressions of defined tables (Wasm 3.0), by table index; other tables
    /// start out null.
    pub table_inits: Vec<(u32, ConstExpr<'a>)>,
    pub memories: Vec<MemoryType>,
    pub num_imported_memories: u32,
    pub globals: Vec<GlobalInfo<'a>>,
    pub num_imported_globals: u32,
    pub exports: Vec<Export<'a>>,
    pub start: Option<u32>,
    pub elems: Vec<ElemInfo<'a>>,
    pub data: Vec<DataInfo<'a>>,
    /// Bodies of the defined functions, in order.
    pub bodies: Vec<FunctionBody<'a>>,
    pub func_names: HashMap<u32, &'a str>,
    pub module_name: Option<&'a str>,
    /// Type index of every tag (exception handling), imported ones first.
    pub tags: Vec<u32>,
    pub num_imported_tags: u32,
    /// Tag names from the name section.
    pub tag_names: HashMap<u32, &'a str>,
    /// The tables whose contents are known after instantiation (codegen/frozen_tables.rs).
    pub frozen_tables: FrozenTables,
}

impl<'a> ModuleInfo<'a> {
    pub fn func_type(&self, func: u32) -> &FuncType {
        &self.types[self.funcs[func as usize] as usize]
    }

    /// Whether memory `index` is 64-bit (memory64: i64 addresses).
    pub fn memory64(&self, index: u32) -> bool {
        self.memories.get(index as usize).is_some_and(|m| m.memory64)
    }

    /// Whether table `index` is 64-bit (table64: i64 indices).
    pub fn table64(&self, index: u32) -> bool {
        self.tables.get(index as usize).is_some_and(|t| t.table64)
    }
}

/// Validates `bytes` completely with `features`, then reads the module's structure.
pub fn parse(bytes: &[u8], features: WasmFeatures) -> Result<ModuleInfo<'_>> {
    let mut validator = Validator::new_with_features(features);
    validator.validate_all(bytes)?;

    let mut info = ModuleInfo::default();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::TypeSection(reader) => {
                for item in reader.into_iter_with_offsets() {
                    let (offset, rec_group) = item?;
                    let offset = offset as u64;
                    if rec_group.types().len() > 1 {
                        return Err(Error::at(offset, "recursive type groups (GC proposal) are not supported"));
                    }
                    for sub in rec_group.into_types() {
                        if !sub.supertype_idxs.is_empty() {
                            return Err(Error::at(offset, "declared subtypes (GC proposal) are not supported"));
                        }
                        let wasmparser::CompositeInnerType::Func(ft) = &sub.composite_type.inner else {
                            return Err(Error::at(offset, "struct and array types (GC proposal) are not supported"));
                        };
                        for t in ft.params().iter().chain(ft.results()) {
                            check_val_type(*t, offset)?;
                        }
                        info.types.push(ft.clone());
                    }
                }
            }
            Payload::ImportSection(reader) => {
                let import_offset = reader.original_position() as u64;
                for import in reader.into_imports() {
                    let import = import?;
                    let (kind, index) = match import.ty {
                        TypeRef::Func(ty) | TypeRef::FuncExact(ty) => {
                            info.funcs.push(ty);
                            info.num_imported_funcs += 1;
                            (wasmkiln_abi::extern_kind::FUNC, info.funcs.len() - 1)
                        }
                        TypeRef::Table(ty) => {
                            check_val_type(ValType::Ref(ty.element_type), import_offset)?;
                            info.tables.push(ty);
                            info.num_imported_tables += 1;
                            (wasmkiln_abi::extern_kind::TABLE, info.tables.len() - 1)
                        }
                        TypeRef::Memory(ty) => {
                            info.memories.push(ty);
                            info.num_imported_memories += 1;
                            (wasmkiln_abi::extern_kind::MEMORY, info.memories.len() - 1)
                        }
                        TypeRef::Global(ty) => {
                            check_val_type(ty.content_type, import_offset)?;
                            info.globals.push(GlobalInfo { ty, init: None });
                            info.num_imported_globals += 1;
                            (wasmkiln_abi::extern_kind::GLOBAL, info.globals.len() - 1)
                        }
                        TypeRef::Tag(tag) => {
                            info.tags.push(tag.func_type_idx);
                            info.num_imported_tags += 1;
                            (wasmkiln_abi::extern_kind::TAG, info.tags.len() - 1)
                        }
                    };
                    info.imports.push(ImportInfo { module: import.module, name: import.name, kind, index: index as u32 });
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    info.funcs.push(ty?);
                }
            }
            Payload::TableSection(reader) => {
                let offset = reader.original_position() as u64;
                for table in reader {
                    let table = table?;
                    check_val_type(ValType::Ref(table.ty.element_type), offset)?;
                    if let wasmparser::TableInit::Expr(expr) = table.init {
                        info.table_inits.push((info.tables.len() as u32, expr));
                    }
                    info.tables.push(table.ty);
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    info.memories.push(memory?);
                }
            }
            Payload::GlobalSection(reader) => {
                let offset = reader.original_position() as u64;
                for global in reader {
                    let global = global?;
                    check_val_type(global.ty.content_type, offset)?;
                    info.globals.push(GlobalInfo { ty: global.ty, init: Some(global.init_expr) });
                }
            }
            Payload::TagSection(reader) => {
                for tag in reader {
                    info.tags.push(tag?.func_type_idx);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    info.exports.push(export?);
                }
            }
            Payload::StartSection { func, .. } => info.start = Some(func),
            Payload::ElementSection(reader) => {
                for elem in reader {
                    info.elems.push(read_elem(elem?)?);
                }
            }
            Payload::DataSection(reader) => {
                for data in reader {
                    let data = data?;
                    let active = match data.kind {
                        DataKind::Passive => None,
                        DataKind::Active { memory_index, offset_expr } => Some((memory_index, offset_expr)),
                    };
                    info.data.push(DataInfo { active, bytes: data.data });
                }
            }
            Payload::CodeSectionEntry(body) => info.bodies.push(body),
            Payload::CustomSection(section) => {
                if let wasmparser::KnownCustom::Name(reader) = section.as_known() {
                    // A malformed name section is not an error (the spec says so); keep what parsed.
                    for name in reader.into_iter().flatten() {
                        match name {
                            Name::Module { name, .. } => info.module_name = Some(name),
                            Name::Function(map) => {
                                for naming in map.into_iter().flatten() {
                                    info.func_names.insert(naming.index, naming.name);
                                }
                            }
                            Name::Tag(map) => {
                                for naming in map.into_iter().flatten() {
                                    info.tag_names.insert(naming.index, naming.name);
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    info.frozen_tables = crate::codegen::frozen_tables::analyze(&info)?;
    Ok(info)
}

fn read_elem(elem: wasmparser::Element<'_>) -> Result<ElemInfo<'_>> {
    let mode = match elem.kind {
        ElementKind::Passive => ElemMode::Passive,
        ElementKind::Declared => ElemMode::Declared,
        ElementKind::Active { table_index, offset_expr } => {
            ElemMode::Active { table: table_index.unwrap_or(0), offset: offset_expr }
        }
    };
    let mut items = Vec::new();
    match elem.items {
        ElementItems::Functions(funcs) => {
            for f in funcs {
                items.push(ElemItem::Func(f?));
            }
        }
        ElementItems::Expressions(_, exprs) => {
            for expr in exprs {
                let expr = expr?;
                let mut ops = expr.get_operators_reader();
                let offset = ops.original_position();
                let item = match ops.read()? {
                    Operator::RefNull { .. } => ElemItem::Null,
                    Operator::RefFunc { function_index } => ElemItem::Func(function_index),
                    Operator::GlobalGet { global_index } => ElemItem::Global(global_index),
                    op => return Err(Error::at(offset, format!("unsupported element expression {op:?}"))),
                };
                if !matches!(ops.read()?, Operator::End) {
                    return Err(Error::at(offset, "unsupported element expression"));
                }
                items.push(item);
            }
        }
    }
    Ok(ElemInfo { mode, items })
}

/// The error for a reference type of the GC proposal (`anyref`, `eqref`, `i31ref`, `structref`,
/// `arrayref`, `nullref`), which wasmkiln does not compile; `None` for the others.
pub fn gc_ref_error(ty: RefType) -> Option<&'static str> {
    use wasmparser::{AbstractHeapType as A, HeapType};
    match ty.heap_type() {
        HeapType::Abstract { ty: A::Any | A::Eq | A::I31 | A::Struct | A::Array | A::None, .. } => {
            Some("reference types of the GC proposal (any, eq, i31, struct, array, none) are not supported")
        }
        _ => None,
    }
}

fn check_val_type(ty: ValType, offset: u64) -> Result<()> {
    match ty {
        ValType::Ref(r) => gc_ref_error(r).map_or(Ok(()), |e| Err(Error::at(offset, e))),
        _ => Ok(()),
    }
}

/// A reference type as a descriptor byte: every function reference (`funcref`, `(ref $t)`,
/// nullable or not) is `FUNCREF`, every external one `EXTERNREF`, every exception one `EXNREF`;
/// [`ref_desc`] gives the precise type beside it.
pub fn ref_type_code(ty: RefType) -> u8 {
    use wasmparser::{AbstractHeapType, HeapType};
    match ty.heap_type() {
        HeapType::Abstract { ty: AbstractHeapType::Extern | AbstractHeapType::NoExtern, .. } => wasmkiln_abi::valtype::EXTERNREF,
        HeapType::Abstract { ty: AbstractHeapType::Exn | AbstractHeapType::NoExn, .. } => wasmkiln_abi::valtype::EXNREF,
        _ => wasmkiln_abi::valtype::FUNCREF,
    }
}

/// The precise reference type (`wasmkiln_abi::RefDesc`): nullability and heap type (the family's
/// top or bottom, or a function type index of this module); `(0, 0)` for other values.
pub fn ref_desc(ty: ValType) -> (u8, u32) {
    use wasmkiln_abi::heap;
    use wasmparser::{AbstractHeapType as A, HeapType};
    let ValType::Ref(r) = ty else { return (0, 0) };
    let heap = match r.heap_type() {
        HeapType::Concrete(i) | HeapType::Exact(i) => i.as_module_index().unwrap_or(heap::TOP),
        HeapType::Abstract { ty: A::NoFunc | A::NoExtern | A::NoExn | A::None, .. } => heap::BOTTOM,
        HeapType::Abstract { .. } => heap::TOP,
    };
    (r.is_nullable() as u8, heap)
}
