//! The module descriptor (`wasmkiln_abi::ModuleDesc`) as LLVM constants. The LLVM struct types
//! here mirror the `#[repr(C)]` types of the ABI crate field by field; a test checks that LLVM
//! lays them out at the offsets `offset_of!` reports.

use super::intrinsics::Intrinsics;
use crate::error::Result;
use crate::module_info::{ref_type_code, ElemItem};
use crate::translate::ModuleEnv;
use inkwell::module::Linkage;
use inkwell::types::{BasicTypeEnum, StructType};
use inkwell::values::{BasicValueEnum, FunctionValue, GlobalValue, PointerValue, StructValue};
use std::collections::BTreeMap;
use wasmkiln_abi::{elem_item, symbols, valtype, ABI_VERSION};
use wasmparser::{ExternalKind, ValType};

/// LLVM mirrors of the descriptor structs.
pub struct DescTypes<'ctx> {
    pub str_: StructType<'ctx>,
    pub ref_desc: StructType<'ctx>,
    pub func_type: StructType<'ctx>,
    pub import: StructType<'ctx>,
    pub func: StructType<'ctx>,
    pub table: StructType<'ctx>,
    pub memory: StructType<'ctx>,
    pub global: StructType<'ctx>,
    pub tag: StructType<'ctx>,
    pub export: StructType<'ctx>,
    pub data: StructType<'ctx>,
    pub elem_item: StructType<'ctx>,
    pub elem: StructType<'ctx>,
    pub module: StructType<'ctx>,
}

impl<'ctx> DescTypes<'ctx> {
    pub fn new(ii: &Intrinsics<'ctx>) -> DescTypes<'ctx> {
        let c = ii.ctx;
        let (p, i8, i32, i64, usize): (BasicTypeEnum, BasicTypeEnum, BasicTypeEnum, BasicTypeEnum, BasicTypeEnum) = (ii.ptr.into(), ii.i8.into(), ii.i32.into(), ii.i64.into(), ii.intptr.into());
        let s = |fields: &[BasicTypeEnum<'ctx>]| c.struct_type(fields, false);
        let str_ = s(&[p, usize]);
        let st: BasicTypeEnum = str_.into();
        let ref_desc = s(&[i8, i32]);
        let rd: BasicTypeEnum = ref_desc.into();
        DescTypes {
            str_,
            ref_desc,
            func_type: s(&[p, i32, p, i32, p]),
            import: s(&[st, st, i8, i32]),
            func: s(&[p, p, p, i32, st]),
            table: s(&[i8, i8, i8, i64, i64, rd]),
            memory: s(&[i64, i64, i8, i8, i8]),
            global: s(&[i8, i8, rd]),
            tag: s(&[i32, st]),
            export: s(&[st, i8, i32]),
            data: s(&[st]),
            elem_item: s(&[i32, i32]),
            elem: s(&[p, i32]),
            module: s(&[
                i32, p, i32, // abi_version, types, num_types
                p, i32, // imports
                p, i32, i32, // funcs, num_funcs, num_imported_funcs
                p, i32, i32, // tables
                p, i32, i32, // memories
                p, i32, i32, // globals
                p, i32, i32, // tags
                p, i32, // exports
                p, i32, // data
                p, i32, // elems
                i32, p, st, st, // start, init, name, file
            ]),
        }
    }
}

struct Emitter<'a, 'ctx> {
    env: &'a ModuleEnv<'a, 'ctx>,
    ii: &'a Intrinsics<'ctx>,
    t: DescTypes<'ctx>,
}

impl<'a, 'ctx> Emitter<'a, 'ctx> {
    fn i8(&self, v: u8) -> BasicValueEnum<'ctx> {
        self.ii.i8.const_int(v as u64, false).into()
    }
    fn i32(&self, v: u32) -> BasicValueEnum<'ctx> {
        self.ii.i32.const_int(v as u64, false).into()
    }
    fn i64(&self, v: u64) -> BasicValueEnum<'ctx> {
        self.ii.i64.const_int(v, false).into()
    }
    fn null(&self) -> BasicValueEnum<'ctx> {
        self.ii.ptr.const_null().into()
    }

    fn private_global(&self, init: &dyn inkwell::values::BasicValue<'ctx>, ty: BasicTypeEnum<'ctx>) -> PointerValue<'ctx> {
        let g = self.env.module.add_global(ty, None, "wasmkiln.desc");
        g.set_linkage(Linkage::Private);
        g.set_constant(true);
        g.set_initializer(init);
        g.as_pointer_value()
    }

    fn bytes(&self, bytes: &[u8]) -> BasicValueEnum<'ctx> {
        if bytes.is_empty() {
            return self.null();
        }
        let arr = self.ii.ctx.const_string(bytes, false);
        self.private_global(&arr, arr.get_type().into()).into()
    }

    fn str_(&self, bytes: &[u8]) -> BasicValueEnum<'ctx> {
        self.t.str_.const_named_struct(&[self.bytes(bytes), self.ii.intptr.const_int(bytes.len() as u64, false).into()]).into()
    }

    /// A private constant array of structs; null when empty.
    fn array(&self, ty: StructType<'ctx>, items: &[StructValue<'ctx>]) -> BasicValueEnum<'ctx> {
        if items.is_empty() {
            return self.null();
        }
        let arr = ty.const_array(items);
        self.private_global(&arr, arr.get_type().into()).into()
    }

    fn ref_desc(&self, t: ValType) -> StructValue<'ctx> {
        let (nullable, heap) = crate::module_info::ref_desc(t);
        self.t.ref_desc.const_named_struct(&[self.i8(nullable), self.i32(heap)])
    }

    /// The `RefDesc` array of a function type's parameters and results; null when none is a
    /// reference.
    fn ref_descs(&self, types: &[ValType]) -> BasicValueEnum<'ctx> {
        if !types.iter().any(|t| matches!(t, ValType::Ref(_))) {
            return self.null();
        }
        let items: Vec<StructValue> = types.iter().map(|t| self.ref_desc(*t)).collect();
        self.array(self.t.ref_desc, &items)
    }

    fn val_types(&self, types: &[ValType]) -> BasicValueEnum<'ctx> {
        let codes: Vec<u8> = types.iter().map(|t| val_type_code(*t)).collect();
        self.bytes(&codes)
    }
}

pub fn val_type_code(t: ValType) -> u8 {
    match t {
        ValType::I32 => valtype::I32,
        ValType::I64 => valtype::I64,
        ValType::F32 => valtype::F32,
        ValType::F64 => valtype::F64,
        ValType::V128 => valtype::V128,
        ValType::Ref(r) => ref_type_code(r),
    }
}

fn kind_code(kind: ExternalKind) -> u8 {
    use wasmkiln_abi::extern_kind::*;
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => FUNC,
        ExternalKind::Table => TABLE,
        ExternalKind::Memory => MEMORY,
        ExternalKind::Global => GLOBAL,
        ExternalKind::Tag => TAG,
    }
}

/// Emits `wasmkiln_module`, the descriptor of the compiled module.
/// `file` is the input as the compiler was given it; `stand_ins` the native code of function
/// imports that nothing may define (stand_ins.rs); `adapters` the imports' adapters
/// (wasm_cc.rs): a firmware import's native code, a hosted import's `adapter`.
pub fn build_descriptor<'ctx>(
    env: &ModuleEnv<'_, 'ctx>,
    file: &str,
    init: FunctionValue<'ctx>,
    trampolines: &BTreeMap<u32, FunctionValue<'ctx>>,
    stand_ins: &BTreeMap<u32, FunctionValue<'ctx>>,
    adapters: &BTreeMap<u32, FunctionValue<'ctx>>,
) -> Result<GlobalValue<'ctx>> {
    let info = env.info;
    let e = Emitter { env, ii: env.ii, t: DescTypes::new(env.ii) };
    let t = &e.t;
    let n = |len: usize| e.i32(len as u32);

    let types: Vec<StructValue> = info.types.iter().map(|ft| {
        let all: Vec<ValType> = ft.params().iter().chain(ft.results()).copied().collect();
        t.func_type.const_named_struct(&[e.val_types(ft.params()), n(ft.params().len()), e.val_types(ft.results()), n(ft.results().len()), e.ref_descs(&all)])
    }).collect();
    let imports: Vec<StructValue> = info.imports.iter().map(|imp| {
        t.import.const_named_struct(&[e.str_(imp.module.as_bytes()), e.str_(imp.name.as_bytes()), e.i8(imp.kind), e.i32(imp.index)])
    }).collect();
    let funcs: Vec<StructValue> = (0..info.funcs.len() as u32).map(|i| {
        let pointer = |f: Option<FunctionValue<'ctx>>| f.map_or(e.null(), |f| f.as_global_value().as_pointer_value().into());
        let adapter = adapters.get(&i).copied();
        let (code, adapter) = match env.functions[i as usize] {
            // Firmware: the import's C function, called through its adapter.
            Some(c) if i < info.num_imported_funcs => (adapter.or(Some(c)), None),
            Some(f) => (Some(f), None),
            None => (stand_ins.get(&i).copied(), adapter),
        };
        let (native, adapter) = (pointer(code), pointer(adapter));
        let tramp = trampolines.get(&i).map_or(e.null(), |f| f.as_global_value().as_pointer_value().into());
        let name = info.func_names.get(&i).copied().unwrap_or("");
        t.func.const_named_struct(&[native, adapter, tramp, e.i32(info.funcs[i as usize]), e.str_(name.as_bytes())])
    }).collect();
    let tables: Vec<StructValue> = info.tables.iter().map(|tt| {
        let (code, limits) = (ref_type_code(tt.element_type), [e.i64(tt.initial), e.i64(tt.maximum.unwrap_or(0))]);
        t.table.const_named_struct(&[e.i8(code), e.i8(tt.table64 as u8), e.i8(tt.maximum.is_some() as u8), limits[0], limits[1], e.ref_desc(ValType::Ref(tt.element_type)).into()])
    }).collect();
    let memories: Vec<StructValue> = info.memories.iter().map(|m| {
        t.memory.const_named_struct(&[e.i64(m.initial), e.i64(m.maximum.unwrap_or(0)), e.i8(m.maximum.is_some() as u8), e.i8(m.shared as u8), e.i8(m.memory64 as u8)])
    }).collect();
    let globals: Vec<StructValue> = info.globals.iter().map(|g| {
        t.global.const_named_struct(&[e.i8(val_type_code(g.ty.content_type)), e.i8(g.ty.mutable as u8), e.ref_desc(g.ty.content_type).into()])
    }).collect();
    let tags: Vec<StructValue> = info.tags.iter().enumerate().map(|(i, ty)| {
        let name = info.tag_names.get(&(i as u32)).copied().unwrap_or("");
        t.tag.const_named_struct(&[e.i32(*ty), e.str_(name.as_bytes())])
    }).collect();
    let exports: Vec<StructValue> = info.exports.iter().map(|ex| {
        t.export.const_named_struct(&[e.str_(ex.name.as_bytes()), e.i8(kind_code(ex.kind)), e.i32(ex.index)])
    }).collect();
    let data: Vec<StructValue> = info.data.iter().map(|d| t.data.const_named_struct(&[e.str_(d.bytes)])).collect();
    let elems: Vec<StructValue> = info.elems.iter().map(|el| {
        let items: Vec<StructValue> = el.items.iter().map(|item| {
            let (kind, index) = match *item {
                ElemItem::Null => (elem_item::NULL, 0),
                ElemItem::Func(i) => (elem_item::FUNC, i),
                ElemItem::Global(i) => (elem_item::GLOBAL, i),
            };
            t.elem_item.const_named_struct(&[e.i32(kind), e.i32(index)])
        }).collect();
        t.elem.const_named_struct(&[e.array(t.elem_item, &items), n(items.len())])
    }).collect();

    let fields = [
        e.i32(ABI_VERSION), e.array(t.func_type, &types), n(types.len()),
        e.array(t.import, &imports), n(imports.len()),
        e.array(t.func, &funcs), n(funcs.len()), e.i32(info.num_imported_funcs),
        e.array(t.table, &tables), n(tables.len()), e.i32(info.num_imported_tables),
        e.array(t.memory, &memories), n(memories.len()), e.i32(info.num_imported_memories),
        e.array(t.global, &globals), n(globals.len()), e.i32(info.num_imported_globals),
        e.array(t.tag, &tags), n(tags.len()), e.i32(info.num_imported_tags),
        e.array(t.export, &exports), n(exports.len()),
        e.array(t.data, &data), n(data.len()),
        e.array(t.elem, &elems), n(elems.len()),
        e.i32(info.start.unwrap_or(u32::MAX)), init.as_global_value().as_pointer_value().into(),
        e.str_(info.module_name.unwrap_or("").as_bytes()),
        e.str_(file.as_bytes()),
    ];
    let desc = t.module.const_named_struct(&fields);
    let g = env.module.add_global(t.module, None, symbols::MODULE_DESC);
    g.set_constant(true);
    g.set_initializer(&desc);
    g.set_linkage(Linkage::External);
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::{offset_of, size_of};
    use inkwell::context::Context;
    use inkwell::targets::TargetData;
    use wasmkiln_abi as abi;

    /// LLVM's layout of each mirror struct equals the Rust layout of the ABI type.
    #[test]
    fn mirrors_match_abi_layout() {
        let ctx = Context::create();
        let module = ctx.create_module("t");
        let ii = Intrinsics::new(&ctx, &module, crate::codegen::caps::TargetCaps { ptr_bytes: 8, ..Default::default() });
        let t = DescTypes::new(&ii);
        let td = TargetData::create("e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128");
        let check = |ty: StructType, size: usize, offsets: &[usize]| {
            assert_eq!(td.get_abi_size(&ty) as usize, size, "size of {ty:?}");
            for (i, off) in offsets.iter().enumerate() {
                assert_eq!(td.offset_of_element(&ty, i as u32), Some(*off as u64), "field {i} of {ty:?}");
            }
        };
        check(t.str_, size_of::<abi::Str>(), &[offset_of!(abi::Str, ptr), offset_of!(abi::Str, len)]);
        check(t.ref_desc, size_of::<abi::RefDesc>(), &[offset_of!(abi::RefDesc, nullable), offset_of!(abi::RefDesc, heap)]);
        check(t.func_type, size_of::<abi::FuncTypeDesc>(), &[offset_of!(abi::FuncTypeDesc, params), offset_of!(abi::FuncTypeDesc, num_params), offset_of!(abi::FuncTypeDesc, results), offset_of!(abi::FuncTypeDesc, num_results), offset_of!(abi::FuncTypeDesc, refs)]);
        check(t.import, size_of::<abi::ImportDesc>(), &[offset_of!(abi::ImportDesc, module), offset_of!(abi::ImportDesc, name), offset_of!(abi::ImportDesc, kind), offset_of!(abi::ImportDesc, index)]);
        check(t.func, size_of::<abi::FuncDesc>(), &[offset_of!(abi::FuncDesc, native), offset_of!(abi::FuncDesc, adapter), offset_of!(abi::FuncDesc, array_call), offset_of!(abi::FuncDesc, type_index), offset_of!(abi::FuncDesc, name)]);
        use abi::TableDesc as T;
        check(t.table, size_of::<T>(), &[offset_of!(T, elem_type), offset_of!(T, table64), offset_of!(T, has_max), offset_of!(T, min), offset_of!(T, max), offset_of!(T, elem_ref)]);
        use abi::MemoryDesc as Md;
        check(t.memory, size_of::<Md>(), &[offset_of!(Md, min_pages), offset_of!(Md, max_pages), offset_of!(Md, has_max), offset_of!(Md, shared), offset_of!(Md, memory64)]);
        check(t.global, size_of::<abi::GlobalDesc>(), &[offset_of!(abi::GlobalDesc, ty), offset_of!(abi::GlobalDesc, mutable), offset_of!(abi::GlobalDesc, ty_ref)]);
        check(t.tag, size_of::<abi::TagDesc>(), &[offset_of!(abi::TagDesc, type_index), offset_of!(abi::TagDesc, name)]);
        check(t.export, size_of::<abi::ExportDesc>(), &[offset_of!(abi::ExportDesc, name), offset_of!(abi::ExportDesc, kind), offset_of!(abi::ExportDesc, index)]);
        check(t.data, size_of::<abi::DataDesc>(), &[offset_of!(abi::DataDesc, bytes)]);
        check(t.elem_item, size_of::<abi::ElemItem>(), &[offset_of!(abi::ElemItem, kind), offset_of!(abi::ElemItem, index)]);
        check(t.elem, size_of::<abi::ElemDesc>(), &[offset_of!(abi::ElemDesc, items), offset_of!(abi::ElemDesc, count)]);
        use abi::ModuleDesc as M;
        check(t.module, size_of::<M>(), &[
            offset_of!(M, abi_version), offset_of!(M, types), offset_of!(M, num_types),
            offset_of!(M, imports), offset_of!(M, num_imports),
            offset_of!(M, funcs), offset_of!(M, num_funcs), offset_of!(M, num_imported_funcs),
            offset_of!(M, tables), offset_of!(M, num_tables), offset_of!(M, num_imported_tables),
            offset_of!(M, memories), offset_of!(M, num_memories), offset_of!(M, num_imported_memories),
            offset_of!(M, globals), offset_of!(M, num_globals), offset_of!(M, num_imported_globals),
            offset_of!(M, tags), offset_of!(M, num_tags), offset_of!(M, num_imported_tags),
            offset_of!(M, exports), offset_of!(M, num_exports),
            offset_of!(M, data), offset_of!(M, num_data),
            offset_of!(M, elems), offset_of!(M, num_elems),
            offset_of!(M, start), offset_of!(M, init), offset_of!(M, name), offset_of!(M, file),
        ]);
    }
}
