//! Translation of one function body to LLVM IR.
//!
//! The translator walks the operators once, keeping a stack of LLVM values (the Wasm operand
//! stack) and a stack of control frames. This file holds the state and the dispatch `match`;
//! each instruction family is emitted by its own file:
//! `control.rs` (blocks, branches, traps), `numeric.rs` (arithmetic and comparisons),
//! `conversion.rs` (conversions between types), `memory.rs` (loads, stores, memory ops),
//! `variable.rs` (locals, globals), `call.rs` (calls), `table.rs` (references and tables),
//! `simd.rs` (every `v128` instruction, dispatched to `simd_*.rs`);
//! `bounds.rs` keeps what is known within the current basic block (values of locals, addresses
//! already accessed).

mod atomics;
mod bounds;
mod bounds_check;
mod call;
mod control;
mod conversion;
mod exceptions;
mod func_ref;
mod memory;
mod numeric;
mod simd;
mod simd_float;
mod simd_int;
mod simd_lanes;
mod simd_memory;
mod simd_relaxed;
mod table;
mod variable;

pub(crate) use simd_lanes::v128_constant;

use crate::codegen::intrinsics::Intrinsics;
use crate::codegen::vmctx::Vmctx;
use crate::error::{Error, Result};
use crate::module_info::ModuleInfo;
use control::Frame;
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::module::Module;
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicValueEnum, FloatValue, FunctionValue, IntValue, PhiValue, PointerValue};
use numeric::{FloatBin, FloatUn, IntBin, IntUn};
use wasmkiln_abi::TrapCode;
use wasmparser::{FunctionBody, Operator};
use inkwell::{FloatPredicate as FP, IntPredicate as IP};

/// What the translator needs from the module being compiled.
pub struct ModuleEnv<'a, 'ctx> {
    pub info: &'a ModuleInfo<'a>,
    pub ii: &'a Intrinsics<'ctx>,
    pub module: &'a Module<'ctx>,
    /// LLVM function of every Wasm function index (`None` for imports).
    pub functions: &'a [Option<FunctionValue<'ctx>>],
    pub bounds_checks: crate::codegen::BoundsChecks,
    /// Wasm frames can be unwound (hosted targets): exceptions are thrown by native unwinding
    /// and entries from the host catch what escapes (codegen/unwind.rs).
    pub unwinds: bool,
    /// Other threads may share memory (hosted targets): atomics are LLVM atomics. Firmware has
    /// one thread, so its atomic accesses are ordinary ones (Cortex-M has no 64-bit atomics).
    pub threads: bool,
    /// An executable: nothing outside the module changes its exported tables, which can then be
    /// frozen (codegen/frozen_tables.rs).
    pub executable: bool,
}

pub struct FuncTranslator<'a, 'ctx> {
    env: &'a ModuleEnv<'a, 'ctx>,
    ii: &'a Intrinsics<'ctx>,
    b: Builder<'ctx>,
    func: FunctionValue<'ctx>,
    vmctx: PointerValue<'ctx>,
    /// Allocas of the locals (parameters first) with their types.
    locals: Vec<(PointerValue<'ctx>, BasicTypeEnum<'ctx>)>,
    stack: Vec<BasicValueEnum<'ctx>>,
    control: Vec<Frame<'ctx>>,
    /// False after an unconditional branch until the end of the enclosing block.
    reachable: bool,
    /// Blocks opened inside unreachable code, skipped until their `end`.
    dead_depth: u32,
    /// The function's one trap block and the phi of trap codes that feeds it.
    trap: Option<(BasicBlock<'ctx>, PhiValue<'ctx>)>,
    /// Each memory's base, loaded once in the entry block (LLVM deletes those never used).
    memory_bases: Vec<PointerValue<'ctx>>,
    /// Offset of the operator being translated, for error messages.
    offset: u64,
    /// Values of locals and accessed addresses known in the current basic block.
    facts: bounds::BlockFacts<'ctx>,
    /// Whether the body has a `local.get` of each local (a local never read discards what is
    /// stored to it).
    locals_read: Vec<bool>,
}

/// Translates the body of defined function `func_index` into `func`.
pub fn translate_function<'a, 'ctx>(
    env: &'a ModuleEnv<'a, 'ctx>,
    func_index: u32,
    func: FunctionValue<'ctx>,
    body: &FunctionBody<'a>,
) -> Result<()> {
    let ii = env.ii;
    let b = ii.ctx.create_builder();
    let entry = ii.ctx.append_basic_block(func, "entry");
    b.position_at_end(entry);
    let vmctx = func.get_nth_param(0).expect("vmctx parameter").into_pointer_value();
    let mut t = FuncTranslator {
        env,
        ii,
        b,
        func,
        vmctx,
        locals: Vec::new(),
        stack: Vec::new(),
        control: Vec::new(),
        reachable: true,
        dead_depth: 0,
        trap: None,
        memory_bases: Vec::new(),
        offset: body.range().start as u64,
        facts: Default::default(),
        locals_read: Vec::new(),
    };
    t.prologue(func_index, body)?;
    let mut ops = body.get_operators_reader()?;
    while !ops.eof() {
        let (op, offset) = ops.read_with_offset()?;
        t.offset = offset as u64;
        if t.reachable {
            t.op(op)?;
        } else {
            t.dead_op(op)?;
        }
    }
    if !t.control.is_empty() {
        return Err(Error::at(t.offset, "function body ended inside a block"));
    }
    Ok(())
}

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    fn vm(&self) -> Vmctx<'_, 'ctx> {
        Vmctx { b: &self.b, ii: self.ii, vmctx: self.vmctx }
    }

    /// Allocas for locals, the cached memory base, the stack-limit check, the function frame.
    fn prologue(&mut self, func_index: u32, body: &FunctionBody<'a>) -> Result<()> {
        let ty = self.env.info.func_type(func_index).clone();
        for (i, p) in ty.params().iter().enumerate() {
            let lty = self.ii.val_type(*p)?;
            let slot = self.b.build_alloca(lty, "")?;
            let param = self.func.get_nth_param(i as u32 + 1).expect("parameter");
            self.b.build_store(slot, param)?;
            self.locals.push((slot, lty));
        }
        for local in body.get_locals_reader()? {
            let (count, vt) = local?;
            let lty = self.ii.val_type(vt)?;
            for _ in 0..count {
                let slot = self.b.build_alloca(lty, "")?;
                self.b.build_store(slot, zero_of(lty))?;
                self.locals.push((slot, lty));
            }
        }
        for index in 0..self.env.info.memories.len() as u32 {
            let base = self.vm().memory_base(index)?;
            self.memory_bases.push(crate::codegen::roots::placeholder(self.ii, self.env.module, &self.b, base)?);
        }
        let scan = scan_body(body)?;
        if needs_stack_check(&scan, self.locals.len()) {
            self.stack_check()?;
        }
        self.locals_read = scan.locals_read;
        self.push_function_frame(ty.results())
    }

    fn push(&mut self, v: impl Into<BasicValueEnum<'ctx>>) {
        self.stack.push(v.into());
    }

    fn pop(&mut self) -> Result<BasicValueEnum<'ctx>> {
        self.stack.pop().ok_or_else(|| Error::at(self.offset, "internal error: operand stack underflow"))
    }

    fn pop_n(&mut self, n: usize) -> Result<Vec<BasicValueEnum<'ctx>>> {
        if self.stack.len() < n {
            return Err(Error::at(self.offset, "internal error: operand stack underflow"));
        }
        Ok(self.stack.split_off(self.stack.len() - n))
    }

    fn pop_int(&mut self) -> Result<IntValue<'ctx>> {
        Ok(self.pop()?.into_int_value())
    }

    fn pop_float(&mut self) -> Result<FloatValue<'ctx>> {
        Ok(self.pop()?.into_float_value())
    }

    fn pop_ptr(&mut self) -> Result<PointerValue<'ctx>> {
        Ok(self.pop()?.into_pointer_value())
    }

    fn i32_const(&self, v: i64) -> IntValue<'ctx> {
        self.ii.i32.const_int(v as u64, true)
    }

    /// Skips an operator in unreachable code, following only the block structure.
    fn dead_op(&mut self, op: Operator<'a>) -> Result<()> {
        match op {
            Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } | Operator::TryTable { .. } | Operator::Try { .. } => self.dead_depth += 1,
            Operator::Else if self.dead_depth == 0 => self.else_()?,
            Operator::Catch { tag_index } if self.dead_depth == 0 => self.catch(Some(tag_index))?,
            Operator::CatchAll if self.dead_depth == 0 => self.catch(None)?,
            Operator::Delegate { relative_depth } if self.dead_depth == 0 => self.delegate(relative_depth)?,
            Operator::End if self.dead_depth == 0 => self.end()?,
            Operator::End | Operator::Delegate { .. } => self.dead_depth -= 1,
            _ => {}
        }
        Ok(())
    }

    /// The dispatch: decode immediates, call the emitter of the instruction's family.
    fn op(&mut self, op: Operator<'a>) -> Result<()> {
        use Operator::*;
        match op {
            // control.rs
            Nop => {}
            Unreachable => self.trap(TrapCode::Unreachable)?,
            Block { blockty } => self.block(blockty)?,
            Loop { blockty } => self.loop_(blockty)?,
            If { blockty } => self.if_(blockty)?,
            Else => self.else_()?,
            End => self.end()?,
            Br { relative_depth } => self.br(relative_depth)?,
            BrIf { relative_depth } => self.br_if(relative_depth)?,
            BrTable { targets } => self.br_table(targets)?,
            Return => self.return_()?,
            Drop => self.drop_value()?,

            // exceptions.rs
            TryTable { try_table } => self.try_table(try_table)?,
            Throw { tag_index } => self.throw(tag_index)?,
            ThrowRef => self.throw_ref()?,
            Try { blockty } => self.try_(blockty)?,
            Catch { tag_index } => self.catch(Some(tag_index))?,
            CatchAll => self.catch(None)?,
            Delegate { relative_depth } => self.delegate(relative_depth)?,
            Rethrow { relative_depth } => self.rethrow(relative_depth)?,
            Select | TypedSelect { .. } => self.select()?,

            // variable.rs
            LocalGet { local_index } => self.local_get(local_index)?,
            LocalSet { local_index } => self.local_set(local_index)?,
            LocalTee { local_index } => self.local_tee(local_index)?,
            GlobalGet { global_index } => self.global_get(global_index)?,
            GlobalSet { global_index } => self.global_set(global_index)?,

            // call.rs
            Call { function_index } => self.call(function_index)?,
            CallIndirect { type_index, table_index } => self.call_indirect(type_index, table_index)?,
            ReturnCall { function_index } => self.return_call(function_index)?,
            ReturnCallIndirect { type_index, table_index } => self.return_call_indirect(type_index, table_index)?,
            ReturnCallRef { type_index } => self.return_call_ref(type_index)?,

            // memory.rs
            I32Load { memarg } => self.load(memarg, self.ii.i32.into(), None)?,
            I64Load { memarg } => self.load(memarg, self.ii.i64.into(), None)?,
            F32Load { memarg } => self.load(memarg, self.ii.f32.into(), None)?,
            F64Load { memarg } => self.load(memarg, self.ii.f64.into(), None)?,
            I32Load8S { memarg } => self.load(memarg, self.ii.i32.into(), Some((self.ii.i8, true)))?,
            I32Load8U { memarg } => self.load(memarg, self.ii.i32.into(), Some((self.ii.i8, false)))?,
            I32Load16S { memarg } => self.load(memarg, self.ii.i32.into(), Some((self.ii.ctx.i16_type(), true)))?,
            I32Load16U { memarg } => self.load(memarg, self.ii.i32.into(), Some((self.ii.ctx.i16_type(), false)))?,
            I64Load8S { memarg } => self.load(memarg, self.ii.i64.into(), Some((self.ii.i8, true)))?,
            I64Load8U { memarg } => self.load(memarg, self.ii.i64.into(), Some((self.ii.i8, false)))?,
            I64Load16S { memarg } => self.load(memarg, self.ii.i64.into(), Some((self.ii.ctx.i16_type(), true)))?,
            I64Load16U { memarg } => self.load(memarg, self.ii.i64.into(), Some((self.ii.ctx.i16_type(), false)))?,
            I64Load32S { memarg } => self.load(memarg, self.ii.i64.into(), Some((self.ii.i32, true)))?,
            I64Load32U { memarg } => self.load(memarg, self.ii.i64.into(), Some((self.ii.i32, false)))?,
            I32Store { memarg } | I64Store { memarg } | F32Store { memarg } | F64Store { memarg } => self.store(memarg, None)?,
            I32Store8 { memarg } | I64Store8 { memarg } => self.store(memarg, Some(self.ii.i8))?,
            I32Store16 { memarg } | I64Store16 { memarg } => self.store(memarg, Some(self.ii.ctx.i16_type()))?,
            I64Store32 { memarg } => self.store(memarg, Some(self.ii.i32))?,
            MemorySize { mem } => self.memory_size(mem)?,
            MemoryGrow { mem } => self.memory_grow(mem)?,
            MemoryFill { mem } => self.memory_fill(mem)?,
            MemoryCopy { dst_mem, src_mem } => self.memory_copy(dst_mem, src_mem)?,
            MemoryInit { data_index, mem } => self.memory_init(data_index, mem)?,
            DataDrop { data_index } => self.data_drop(data_index)?,

            // numeric.rs: constants
            I32Const { value } => self.push(self.i32_const(value as i64)),
            I64Const { value } => self.push(self.ii.i64.const_int(value as u64, true)),
            F32Const { value } => self.push(self.f32_const(value.bits())?),
            F64Const { value } => self.push(self.f64_const(value.bits())?),

            // numeric.rs: integer operators, the same code for both widths
            I32Eqz | I64Eqz => self.int_unop(IntUn::Eqz)?,
            I32Clz | I64Clz => self.int_unop(IntUn::Clz)?,
            I32Ctz | I64Ctz => self.int_unop(IntUn::Ctz)?,
            I32Popcnt | I64Popcnt => self.int_unop(IntUn::Popcnt)?,
            I32Eq | I64Eq => self.int_cmp(IP::EQ)?,
            I32Ne | I64Ne => self.int_cmp(IP::NE)?,
            I32LtS | I64LtS => self.int_cmp(IP::SLT)?,
            I32LtU | I64LtU => self.int_cmp(IP::ULT)?,
            I32GtS | I64GtS => self.int_cmp(IP::SGT)?,
            I32GtU | I64GtU => self.int_cmp(IP::UGT)?,
            I32LeS | I64LeS => self.int_cmp(IP::SLE)?,
            I32LeU | I64LeU => self.int_cmp(IP::ULE)?,
            I32GeS | I64GeS => self.int_cmp(IP::SGE)?,
            I32GeU | I64GeU => self.int_cmp(IP::UGE)?,
            I32Add | I64Add => self.int_binop(IntBin::Add)?,
            I32Sub | I64Sub => self.int_binop(IntBin::Sub)?,
            I32Mul | I64Mul => self.int_binop(IntBin::Mul)?,
            I32DivS | I64DivS => self.int_binop(IntBin::DivS)?,
            I32DivU | I64DivU => self.int_binop(IntBin::DivU)?,
            I32RemS | I64RemS => self.int_binop(IntBin::RemS)?,
            I32RemU | I64RemU => self.int_binop(IntBin::RemU)?,
            I32And | I64And => self.int_binop(IntBin::And)?,
            I32Or | I64Or => self.int_binop(IntBin::Or)?,
            I32Xor | I64Xor => self.int_binop(IntBin::Xor)?,
            I32Shl | I64Shl => self.int_binop(IntBin::Shl)?,
            I32ShrS | I64ShrS => self.int_binop(IntBin::ShrS)?,
            I32ShrU | I64ShrU => self.int_binop(IntBin::ShrU)?,
            I32Rotl | I64Rotl => self.int_binop(IntBin::Rotl)?,
            I32Rotr | I64Rotr => self.int_binop(IntBin::Rotr)?,

            // numeric.rs: float operators
            F32Eq | F64Eq => self.float_cmp(FP::OEQ)?,
            F32Ne | F64Ne => self.float_cmp(FP::UNE)?,
            F32Lt | F64Lt => self.float_cmp(FP::OLT)?,
            F32Gt | F64Gt => self.float_cmp(FP::OGT)?,
            F32Le | F64Le => self.float_cmp(FP::OLE)?,
            F32Ge | F64Ge => self.float_cmp(FP::OGE)?,
            F32Abs | F64Abs => self.float_unop(FloatUn::Abs)?,
            F32Neg | F64Neg => self.float_unop(FloatUn::Neg)?,
            F32Ceil | F64Ceil => self.float_unop(FloatUn::Ceil)?,
            F32Floor | F64Floor => self.float_unop(FloatUn::Floor)?,
            F32Trunc | F64Trunc => self.float_unop(FloatUn::Trunc)?,
            F32Nearest | F64Nearest => self.float_unop(FloatUn::Nearest)?,
            F32Sqrt | F64Sqrt => self.float_unop(FloatUn::Sqrt)?,
            F32Add | F64Add => self.float_binop(FloatBin::Add)?,
            F32Sub | F64Sub => self.float_binop(FloatBin::Sub)?,
            F32Mul | F64Mul => self.float_binop(FloatBin::Mul)?,
            F32Div | F64Div => self.float_binop(FloatBin::Div)?,
            F32Min | F64Min => self.float_binop(FloatBin::Min)?,
            F32Max | F64Max => self.float_binop(FloatBin::Max)?,
            F32Copysign | F64Copysign => self.float_binop(FloatBin::Copysign)?,

            // conversion.rs
            I32WrapI64 => self.wrap()?,
            I64ExtendI32S => self.extend_i32(true)?,
            I64ExtendI32U => self.extend_i32(false)?,
            I32Extend8S => self.extend_in_place(self.ii.i8)?,
            I32Extend16S | I64Extend16S => self.extend_in_place(self.ii.ctx.i16_type())?,
            I64Extend8S => self.extend_in_place(self.ii.i8)?,
            I64Extend32S => self.extend_in_place(self.ii.i32)?,
            I32TruncF32S | I32TruncF64S => self.trunc(self.ii.i32, true)?,
            I32TruncF32U | I32TruncF64U => self.trunc(self.ii.i32, false)?,
            I64TruncF32S | I64TruncF64S => self.trunc(self.ii.i64, true)?,
            I64TruncF32U | I64TruncF64U => self.trunc(self.ii.i64, false)?,
            I32TruncSatF32S | I32TruncSatF64S => self.trunc_sat(self.ii.i32, true)?,
            I32TruncSatF32U | I32TruncSatF64U => self.trunc_sat(self.ii.i32, false)?,
            I64TruncSatF32S | I64TruncSatF64S => self.trunc_sat(self.ii.i64, true)?,
            I64TruncSatF32U | I64TruncSatF64U => self.trunc_sat(self.ii.i64, false)?,
            F32ConvertI32S | F32ConvertI64S => self.convert(self.ii.f32, true)?,
            F32ConvertI32U | F32ConvertI64U => self.convert(self.ii.f32, false)?,
            F64ConvertI32S | F64ConvertI64S => self.convert(self.ii.f64, true)?,
            F64ConvertI32U | F64ConvertI64U => self.convert(self.ii.f64, false)?,
            F32DemoteF64 => self.demote()?,
            F64PromoteF32 => self.promote()?,
            I32ReinterpretF32 => self.reinterpret(self.ii.i32.into())?,
            I64ReinterpretF64 => self.reinterpret(self.ii.i64.into())?,
            F32ReinterpretI32 => self.reinterpret(self.ii.f32.into())?,
            F64ReinterpretI64 => self.reinterpret(self.ii.f64.into())?,

            // table.rs
            RefNull { .. } => self.push(self.ii.ptr.const_null()),
            RefAsNonNull => self.ref_as_non_null()?,
            BrOnNull { relative_depth } => self.br_on_null(relative_depth)?,
            BrOnNonNull { relative_depth } => self.br_on_non_null(relative_depth)?,
            CallRef { type_index } => self.call_ref(type_index)?,
            RefIsNull => self.ref_is_null()?,
            RefFunc { function_index } => self.ref_func(function_index)?,
            TableGet { table } => self.table_get(table)?,
            TableSet { table } => self.table_set(table)?,
            TableSize { table } => self.table_size(table)?,
            TableGrow { table } => self.table_grow(table)?,
            TableFill { table } => self.table_fill(table)?,
            TableCopy { dst_table, src_table } => self.table_copy(dst_table, src_table)?,
            TableInit { elem_index, table } => self.table_init(elem_index, table)?,
            ElemDrop { elem_index } => self.elem_drop(elem_index)?,

            // simd*.rs, atomics.rs
            other => {
                if !self.simd_op(&other)? && !self.atomic_op(&other)? {
                    return Err(Error::at(self.offset, format!("unsupported operator {other:?}")));
                }
            }
        }
        Ok(())
    }
}

/// What one pass over a body's operators tells before it is translated.
struct BodyScan {
    /// It calls something (`call`, `call_indirect`, `call_ref`, tail calls) in reachable code.
    calls: bool,
    /// Whether reachable code has a `local.get` of each local, by index (a local never read
    /// discards what is stored to it).
    locals_read: Vec<bool>,
}

fn scan_body(body: &FunctionBody<'_>) -> Result<BodyScan> {
    let mut scan = BodyScan { calls: false, locals_read: Vec::new() };
    // Code after an unconditional branch is never run (the translator skips it too), so what it
    // reads or calls does not count: `depth` is the block nesting, `dead` the depth at which
    // the code became unreachable, until that block's `else` or `end`.
    let (mut depth, mut dead) = (0usize, None::<usize>);
    let mut ops = body.get_operators_reader()?;
    while !ops.eof() {
        let op = ops.read()?;
        match op {
            Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } | Operator::TryTable { .. } | Operator::Try { .. } => depth += 1,
            Operator::Else | Operator::Catch { .. } | Operator::CatchAll => {
                if dead == Some(depth) {
                    dead = None;
                }
            }
            Operator::End | Operator::Delegate { .. } => {
                if dead == Some(depth) {
                    dead = None;
                }
                depth = depth.saturating_sub(1);
            }
            _ if dead.is_some() => {}
            Operator::Br { .. }
            | Operator::BrTable { .. }
            | Operator::Return
            | Operator::Unreachable => dead = Some(depth),
            Operator::Throw { .. } | Operator::ThrowRef | Operator::Rethrow { .. } => {
                scan.calls = true;
                dead = Some(depth);
            }
            Operator::ReturnCall { .. } | Operator::ReturnCallIndirect { .. } | Operator::ReturnCallRef { .. } => {
                scan.calls = true;
                dead = Some(depth);
            }
            Operator::Call { .. } | Operator::CallIndirect { .. } | Operator::CallRef { .. } => scan.calls = true,
            Operator::LocalGet { local_index } => {
                let i = local_index as usize;
                if scan.locals_read.len() <= i {
                    scan.locals_read.resize(i + 1, false);
                }
                scan.locals_read[i] = true;
            }
            _ => {}
        }
    }
    Ok(scan)
}

/// Whether a function's prologue must check the stack limit. A function that calls nothing
/// cannot recurse: it adds one frame to a caller that did check, and the runtime's margin below
/// the limit covers that frame as long as the function has few locals. Hot leaf functions so
/// skip the check.
fn needs_stack_check(scan: &BodyScan, num_locals: usize) -> bool {
    const MAX_UNCHECKED_LOCALS: usize = 256;
    num_locals > MAX_UNCHECKED_LOCALS || scan.calls
}

/// The zero value of a type (initial value of a local).
pub(crate) fn zero_of(ty: BasicTypeEnum<'_>) -> BasicValueEnum<'_> {
    match ty {
        BasicTypeEnum::IntType(t) => t.const_zero().into(),
        BasicTypeEnum::FloatType(t) => t.const_zero().into(),
        BasicTypeEnum::PointerType(t) => t.const_null().into(),
        BasicTypeEnum::StructType(t) => t.const_zero().into(),
        BasicTypeEnum::ArrayType(t) => t.const_zero().into(),
        BasicTypeEnum::VectorType(t) => t.const_zero().into(),
        BasicTypeEnum::ScalableVectorType(t) => t.const_zero().into(),
    }
}
