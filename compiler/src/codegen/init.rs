//! The instance initializer (`InitFn` in the ABI): evaluates the defined globals' initializer
//! expressions, fills the tables that have one with theirs, then applies active element and
//! data segments in module order, and last calls the start function.

use super::vmctx::Vmctx;
use crate::error::{Error, Result};
use crate::module_info::ElemMode;
use crate::translate::ModuleEnv;
use inkwell::builder::Builder;
use inkwell::attributes::AttributeLoc;
use inkwell::module::Linkage;
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, FunctionValue, PointerValue};
use wasmparser::{ConstExpr, Operator};

/// Steps (a global's initializer, an element or data segment) per generated function. One
/// function of 10^5 libcalls takes LLVM's register allocator quadratic time (8 s for 40,000 data
/// segments at -O0), so the initializer calls chunks of this many steps, in module order.
const STEPS_PER_CHUNK: usize = 100;

pub fn build_init<'ctx>(env: &ModuleEnv<'_, 'ctx>) -> Result<FunctionValue<'ctx>> {
    let ii = env.ii;
    let info = env.info;
    let mut chunks = Chunks::new(env)?;
    for (index, global) in info.globals.iter().enumerate().skip(info.num_imported_globals as usize) {
        let expr = global.init.as_ref().ok_or_else(|| Error::new("defined global without initializer"))?;
        let (b, vmctx) = chunks.step()?;
        let value = eval_const(env, b, vmctx, expr)?;
        let ptr = Vmctx { b, ii, vmctx }.global_ptr(index as u32)?;
        b.build_store(ptr, value)?;
    }

    let k = |v: usize| -> BasicMetadataValueEnum<'ctx> { ii.i32.const_int(v as u64, false).into() };
    // Table indices and memory addresses are i64 in the libcalls (table64, memory64).
    let k64 = |v: u64| -> BasicMetadataValueEnum<'ctx> { ii.i64.const_int(v, false).into() };
    let lc = &ii.libcalls;
    // Tables with an initializer expression (Wasm 3.0) are filled with its value.
    for (table, expr) in &info.table_inits {
        let (b, vmctx) = chunks.step()?;
        let value = eval_const(env, b, vmctx, expr)?;
        let size = info.tables[*table as usize].initial;
        b.build_call(lc.table_fill, &[vmctx.into(), k(*table as usize), k64(0), value.into(), k64(size)], "")?;
    }
    for (seg, elem) in info.elems.iter().enumerate() {
        match &elem.mode {
            ElemMode::Active { table, offset } => {
                let (b, vmctx) = chunks.step()?;
                let dst = ii.widen(b, eval_const(env, b, vmctx, offset)?.into_int_value())?;
                let args = [vmctx.into(), k(*table as usize), k(seg), dst.into(), k(0), k(elem.items.len())];
                b.build_call(lc.table_init, &args, "")?;
                b.build_call(lc.elem_drop, &[vmctx.into(), k(seg)], "")?;
            }
            ElemMode::Declared => {
                let (b, vmctx) = chunks.step()?;
                b.build_call(lc.elem_drop, &[vmctx.into(), k(seg)], "")?;
            }
            ElemMode::Passive => {}
        }
    }
    for (seg, data) in info.data.iter().enumerate() {
        if let Some((mem, offset)) = &data.active {
            let (b, vmctx) = chunks.step()?;
            let dst = ii.widen(b, eval_const(env, b, vmctx, offset)?.into_int_value())?;
            let args = [vmctx.into(), k(*mem as usize), k(seg), dst.into(), k(0), k(data.bytes.len())];
            b.build_call(lc.memory_init, &args, "")?;
            b.build_call(lc.data_drop, &[vmctx.into(), k(seg)], "")?;
        }
    }
    if let Some(start) = info.start {
        let (b, vmctx) = chunks.step()?;
        let chunk = b.get_insert_block().and_then(|bb| bb.get_parent()).expect("a chunk function");
        let pad = super::unwind::uncaught_pad(env.ii, env.module, b, chunk, vmctx, env.unwinds)?;
        super::wasm_cc::call_function(env, b, vmctx, start, &[], pad)?;
    }
    chunks.finish()
}

/// `wasmkiln_init`, which calls `wasmkiln_init.N` for each chunk of steps in order (a trap in
/// one ends initialization there, as the spec requires).
struct Chunks<'a, 'ctx> {
    env: &'a ModuleEnv<'a, 'ctx>,
    init: FunctionValue<'ctx>,
    /// Positioned in `init`.
    b: Builder<'ctx>,
    /// The chunk being filled, its builder, and its number of steps.
    chunk: Option<(FunctionValue<'ctx>, Builder<'ctx>, usize)>,
    count: usize,
}

impl<'a, 'ctx> Chunks<'a, 'ctx> {
    fn new(env: &'a ModuleEnv<'a, 'ctx>) -> Result<Self> {
        let ii = env.ii;
        let fn_ty = ii.ctx.void_type().fn_type(&[ii.ptr.into()], false);
        let init = env.module.add_function("wasmkiln_init", fn_ty, Some(Linkage::Internal));
        let b = ii.ctx.create_builder();
        b.position_at_end(ii.ctx.append_basic_block(init, "entry"));
        Ok(Chunks { env, init, b, chunk: None, count: 0 })
    }

    /// The builder and vmctx for one more step, in a new chunk when the current one is full.
    fn step(&mut self) -> Result<(&Builder<'ctx>, PointerValue<'ctx>)> {
        let ii = self.env.ii;
        if self.chunk.as_ref().is_none_or(|c| c.2 == STEPS_PER_CHUNK) {
            self.close_chunk()?;
            let f = self.env.module.add_function(&format!("wasmkiln_init.{}", self.count), self.init.get_type(), Some(Linkage::Internal));
            f.add_attribute(AttributeLoc::Function, super::enum_attr(ii.ctx, "noinline"));
            let b = ii.ctx.create_builder();
            b.position_at_end(ii.ctx.append_basic_block(f, "entry"));
            self.b.build_call(f, &[self.init.get_nth_param(0).expect("vmctx").into()], "")?;
            self.chunk = Some((f, b, 0));
            self.count += 1;
        }
        let (f, b, steps) = self.chunk.as_mut().expect("a chunk");
        *steps += 1;
        Ok((b, f.get_nth_param(0).expect("vmctx").into_pointer_value()))
    }

    fn close_chunk(&mut self) -> Result<()> {
        if let Some((_, b, _)) = self.chunk.take() {
            b.build_return(None)?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<FunctionValue<'ctx>> {
        self.close_chunk()?;
        self.b.build_return(None)?;
        Ok(self.init)
    }
}

/// Emits code computing a constant expression.
pub fn eval_const<'ctx>(env: &ModuleEnv<'_, 'ctx>, b: &Builder<'ctx>, vmctx: PointerValue<'ctx>, expr: &ConstExpr<'_>) -> Result<BasicValueEnum<'ctx>> {
    let ii = env.ii;
    let vm = Vmctx { b, ii, vmctx };
    let mut stack: Vec<BasicValueEnum<'ctx>> = Vec::new();
    let mut ops = expr.get_operators_reader();
    let underflow = || Error::new("internal error: constant expression stack underflow");
    loop {
        let (op, offset) = ops.read_with_offset()?;
        let v: BasicValueEnum = match op {
            Operator::End => break,
            Operator::I32Const { value } => ii.i32.const_int(value as u64, true).into(),
            Operator::I64Const { value } => ii.i64.const_int(value as u64, true).into(),
            Operator::F32Const { value } => b.build_bit_cast(ii.i32.const_int(value.bits() as u64, false), ii.f32, "")?,
            Operator::F64Const { value } => b.build_bit_cast(ii.i64.const_int(value.bits(), false), ii.f64, "")?,
            Operator::V128Const { value } => crate::translate::v128_constant(ii, value.i128() as u128).into(),
            Operator::RefNull { .. } => ii.ptr.const_null().into(),
            Operator::RefFunc { function_index } => vm.func_ref(function_index)?.into(),
            Operator::GlobalGet { global_index } => {
                let g = env.info.globals.get(global_index as usize).ok_or_else(|| Error::at(offset as u64, "unknown global"))?;
                let ty = ii.val_type(g.ty.content_type)?;
                b.build_load(ty, vm.global_ptr(global_index)?, "")?
            }
            Operator::I32Add | Operator::I32Sub | Operator::I32Mul | Operator::I64Add | Operator::I64Sub | Operator::I64Mul => {
                let y = stack.pop().ok_or_else(underflow)?.into_int_value();
                let x = stack.pop().ok_or_else(underflow)?.into_int_value();
                match op {
                    Operator::I32Add | Operator::I64Add => b.build_int_add(x, y, "")?.into(),
                    Operator::I32Sub | Operator::I64Sub => b.build_int_sub(x, y, "")?.into(),
                    _ => b.build_int_mul(x, y, "")?.into(),
                }
            }
            other => return Err(Error::at(offset as u64, format!("unsupported constant expression operator {other:?}"))),
        };
        stack.push(v);
    }
    stack.pop().ok_or_else(underflow)
}
