//! LLVM types, intrinsics and runtime functions ("libcalls"), declared once per LLVM module.

use crate::error::Result;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicMetadataTypeEnum, BasicType, BasicTypeEnum, FloatType, FunctionType, IntType, PointerType, VectorType};
use inkwell::values::FunctionValue;
use inkwell::AddressSpace;
use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::intrinsics::Intrinsic;
use wasmkiln_abi as abi;
use wasmparser::{FuncType, ValType};

pub struct Intrinsics<'ctx> {
    pub ctx: &'ctx Context,
    pub i1: IntType<'ctx>,
    pub i8: IntType<'ctx>,
    pub i32: IntType<'ctx>,
    pub i64: IntType<'ctx>,
    pub f32: FloatType<'ctx>,
    pub f64: FloatType<'ctx>,
    pub ptr: PointerType<'ctx>,
    /// The integer as wide as a pointer (`usize`).
    pub intptr: IntType<'ctx>,
    /// Layouts of the structures generated code reads, for the target's pointer width.
    pub layout: AbiLayout,
    /// The one LLVM type of a `v128` wherever it is stored or passed (locals, globals, block
    /// results, parameters, the operand stack): `<4 x i32>`. Instructions bitcast it to the
    /// lane shape they work on (translate/simd.rs); LLVM removes the casts.
    pub v128: VectorType<'ctx>,
    pub libcalls: Libcalls<'ctx>,
    pub tbaa: Tbaa<'ctx>,
    /// Native instructions the target offers (for SIMD lowerings generic IR does not reach).
    pub caps: super::caps::TargetCaps,
    /// The LLVM calling convention of Wasm functions (codegen/wasm_cc.rs).
    pub wasm_cc: u32,
}

/// The layouts of the ABI structures for one pointer width (`wasmkiln_abi::layout`).
pub struct AbiLayout {
    pub ptr_bytes: usize,
    pub vmctx: abi::VMContextLayout,
    pub memory: abi::VMMemoryLayout,
    pub table: abi::VMTableLayout,
    pub func_ref: abi::VMFuncRefLayout,
    pub limits: abi::VMLimitsLayout,
    pub exception: abi::VMExceptionLayout,
}

impl AbiLayout {
    fn new(ptr: usize) -> AbiLayout {
        AbiLayout {
            ptr_bytes: ptr,
            vmctx: abi::VMContext::layout(ptr),
            memory: abi::VMMemory::layout(ptr),
            table: abi::VMTable::layout(ptr),
            func_ref: abi::VMFuncRef::layout(ptr),
            limits: abi::VMLimits::layout(ptr),
            exception: abi::VMException::layout(ptr),
        }
    }
}

/// Type-based alias analysis tags. Linear memory, globals, tables and memory definitions are
/// disjoint storage, so an access of one kind never aliases an access of another: stores to
/// linear memory then do not force LLVM to reload a global (such as the stack pointer) or a
/// table's size. Accesses of the same kind get the same tag (two imports may name one global).
pub struct Tbaa<'ctx> {
    kind: u32,
    pub memory: inkwell::values::MetadataValue<'ctx>,
    pub global: inkwell::values::MetadataValue<'ctx>,
    pub table: inkwell::values::MetadataValue<'ctx>,
    pub memory_def: inkwell::values::MetadataValue<'ctx>,
}

impl<'ctx> Tbaa<'ctx> {
    fn new(ctx: &'ctx Context) -> Tbaa<'ctx> {
        let root = ctx.metadata_node(&[ctx.metadata_string("wasmkiln tbaa").into()]);
        let zero = ctx.i64_type().const_zero();
        let tag = |name: &str| {
            let ty = ctx.metadata_node(&[ctx.metadata_string(name).into(), root.into(), zero.into()]);
            ctx.metadata_node(&[ty.into(), ty.into(), zero.into()])
        };
        Tbaa {
            kind: ctx.get_kind_id("tbaa"),
            memory: tag("wasm linear memory"),
            global: tag("wasm global"),
            table: tag("wasm table"),
            memory_def: tag("wasm memory definition"),
        }
    }

    /// Tags a load or store.
    pub fn tag(&self, inst: inkwell::values::InstructionValue<'ctx>, tag: inkwell::values::MetadataValue<'ctx>) {
        let _ = inst.set_metadata(tag, self.kind);
    }
}

macro_rules! libcall_struct {
    ($($name:ident($($arg:ident: $ty:ident),*) -> $ret:ident;)*) => {
        /// One declared LLVM function per entry of `wasmkiln_abi::for_each_libcall!`.
        pub struct Libcalls<'ctx> {
            $(pub $name: FunctionValue<'ctx>,)*
        }

        impl<'ctx> Libcalls<'ctx> {
            fn declare(ctx: &'ctx Context, module: &Module<'ctx>) -> Libcalls<'ctx> {
                $(
                    let params: &[BasicMetadataTypeEnum<'ctx>] = &[$(libcall_type(ctx, stringify!($ty)).into()),*];
                    let name = concat!("wasmkiln_", stringify!($name));
                    let fn_ty = match stringify!($ret) {
                        "void" | "never" | "unwind" => ctx.void_type().fn_type(params, false),
                        ret => libcall_type(ctx, ret).fn_type(params, false),
                    };
                    let $name = module.add_function(name, fn_ty, Some(Linkage::External));
                    if stringify!($ret) != "unwind" {
                        let nounwind = ctx.create_enum_attribute(Attribute::get_named_enum_kind_id("nounwind"), 0);
                        $name.add_attribute(AttributeLoc::Function, nounwind);
                    }
                    if matches!(stringify!($ret), "never" | "unwind") {
                        for attr in ["noreturn", "cold"] {
                            let a = ctx.create_enum_attribute(Attribute::get_named_enum_kind_id(attr), 0);
                            $name.add_attribute(AttributeLoc::Function, a);
                        }
                    }
                )*
                Libcalls { $($name),* }
            }
        }
    };
}
wasmkiln_abi::for_each_libcall!(libcall_struct);

fn libcall_type<'ctx>(ctx: &'ctx Context, word: &str) -> BasicTypeEnum<'ctx> {
    match word {
        "i32" => ctx.i32_type().into(),
        "i64" => ctx.i64_type().into(),
        "vmctx" | "ptr" => ctx.ptr_type(AddressSpace::default()).into(),
        other => unreachable!("unknown libcall type word {other}"),
    }
}

impl<'ctx> Intrinsics<'ctx> {
    pub fn new(ctx: &'ctx Context, module: &Module<'ctx>, caps: super::caps::TargetCaps) -> Intrinsics<'ctx> {
        Intrinsics {
            ctx,
            i1: ctx.bool_type(),
            i8: ctx.i8_type(),
            i32: ctx.i32_type(),
            i64: ctx.i64_type(),
            f32: ctx.f32_type(),
            f64: ctx.f64_type(),
            ptr: ctx.ptr_type(AddressSpace::default()),
            intptr: ctx.custom_width_int_type(std::num::NonZeroU32::new(caps.ptr_bytes * 8).expect("pointers have bits")).expect("pointer width within LLVM's limit"),
            layout: AbiLayout::new(caps.ptr_bytes as usize),
            v128: ctx.i32_type().vec_type(4),
            libcalls: Libcalls::declare(ctx, module),
            tbaa: Tbaa::new(ctx),
            caps,
            wasm_cc: super::wasm_cc::wasm_cc(&caps),
        }
    }

    /// The integer type of `bits` bits (lanes, bit masks of lanes).
    pub fn int(&self, bits: u32) -> IntType<'ctx> {
        let bits = std::num::NonZeroU32::new(bits).expect("integer types have at least one bit");
        self.ctx.custom_width_int_type(bits).expect("integer width within LLVM's limit")
    }

    /// The LLVM type of a Wasm value type.
    pub fn val_type(&self, ty: ValType) -> Result<BasicTypeEnum<'ctx>> {
        Ok(match ty {
            ValType::I32 => self.i32.into(),
            ValType::I64 => self.i64.into(),
            ValType::F32 => self.f32.into(),
            ValType::F64 => self.f64.into(),
            ValType::Ref(r) => match crate::module_info::gc_ref_error(r) {
                Some(e) => return Err(crate::error::Error::new(e)),
                None => self.ptr.into(),
            },
            ValType::V128 => self.v128.into(),
        })
    }

    /// An address, index, length or segment offset of a 32-bit memory or table zero-extended to
    /// the i64 the libcalls take (a 64-bit one's, memory64/table64, as it is).
    pub fn widen(&self, b: &inkwell::builder::Builder<'ctx>, v: inkwell::values::IntValue<'ctx>) -> Result<inkwell::values::IntValue<'ctx>> {
        Ok(match v.get_type().get_bit_width() {
            64 => v,
            _ => b.build_int_z_extend(v, self.i64, "")?,
        })
    }

    /// The return type for a list of results: nothing, the value, or a struct (multi-value).
    pub fn results_type(&self, results: &[ValType]) -> Result<Option<BasicTypeEnum<'ctx>>> {
        match results {
            [] => Ok(None),
            [one] => Ok(Some(self.val_type(*one)?)),
            many => {
                let fields = many.iter().map(|t| self.val_type(*t)).collect::<Result<Vec<_>>>()?;
                Ok(Some(self.ctx.struct_type(&fields, false).into()))
            }
        }
    }

    /// Native signature of a Wasm function: `(vmctx, params...) -> results`.
    pub fn func_type(&self, ty: &FuncType) -> Result<FunctionType<'ctx>> {
        let mut params: Vec<BasicMetadataTypeEnum> = vec![self.ptr.into()];
        for p in ty.params() {
            params.push(self.val_type(*p)?.into());
        }
        Ok(match self.results_type(ty.results())? {
            None => self.ctx.void_type().fn_type(&params, false),
            Some(ret) => ret.fn_type(&params, false),
        })
    }

    /// Declaration of an overloaded LLVM intrinsic such as `llvm.ctlz` for the given types.
    pub fn intrinsic(&self, module: &Module<'ctx>, name: &str, types: &[BasicTypeEnum<'ctx>]) -> FunctionValue<'ctx> {
        let intrinsic = Intrinsic::find(name).unwrap_or_else(|| panic!("LLVM lacks intrinsic {name}"));
        intrinsic
            .get_declaration(module, types)
            .unwrap_or_else(|| panic!("cannot declare intrinsic {name}"))
    }
}

/// Attribute helper.
pub fn enum_attr<'ctx>(ctx: &'ctx Context, name: &str) -> Attribute {
    ctx.create_enum_attribute(Attribute::get_named_enum_kind_id(name), 0)
}
