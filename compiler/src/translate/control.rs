//! Structured control flow, branches, `select`, and traps.
//!
//! Every block gets a continuation block (`next`) with one phi per result; a loop's branch
//! target is its header, with one phi per parameter. A branch adds the values on top of the
//! operand stack as incoming values of the target's phis. Traps go to one block per function
//! that calls the `trap` libcall with a phi of trap codes.

use super::FuncTranslator;
use crate::error::{Error, Result};
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicValueEnum, IntValue, PhiValue, PointerValue};
use inkwell::IntPredicate;
use wasmkiln_abi::TrapCode;
use wasmparser::{BlockType, BrTable, ValType};

pub(super) enum FrameKind<'ctx> {
    Function,
    Block,
    Loop { header: BasicBlock<'ctx>, param_phis: Vec<PhiValue<'ctx>> },
    If { else_block: BasicBlock<'ctx>, params: Vec<BasicValueEnum<'ctx>>, has_else: bool },
    /// `try_table`: a block whose body's exceptions go to its handler (exceptions.rs).
    TryTable,
    /// Legacy `try`: its catch clauses so far (tag, or `None` for `catch_all`, and the block
    /// of the handler), and in a handler, the exception it caught (for `rethrow`).
    Try { catches: Vec<(Option<u32>, BasicBlock<'ctx>)>, caught: Option<PointerValue<'ctx>> },
}

pub(super) struct Frame<'ctx> {
    pub(super) kind: FrameKind<'ctx>,
    /// Where exceptions of the frame's body go (`try_table`, `try`; exceptions.rs).
    pub(super) handler: Option<super::exceptions::Handler<'ctx>>,
    /// Where control continues after `end`.
    next: BasicBlock<'ctx>,
    /// Phis in `next` receiving the results.
    result_phis: Vec<PhiValue<'ctx>>,
    /// Whether anything branches to `next`.
    next_reached: bool,
    /// Operand stack height below the frame's parameters.
    pub(super) height: usize,
}

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    pub(super) fn block_sig(&self, ty: BlockType) -> Result<(Vec<ValType>, Vec<ValType>)> {
        Ok(match ty {
            BlockType::Empty => (vec![], vec![]),
            BlockType::Type(t) => (vec![], vec![t]),
            BlockType::FuncType(i) => {
                let ft = &self.env.info.types[i as usize];
                (ft.params().to_vec(), ft.results().to_vec())
            }
        })
    }

    fn phis(&self, block: BasicBlock<'ctx>, types: &[ValType]) -> Result<Vec<PhiValue<'ctx>>> {
        let current = self.b.get_insert_block();
        self.b.position_at_end(block);
        let mut phis = Vec::with_capacity(types.len());
        for t in types {
            let ty: BasicTypeEnum = self.ii.val_type(*t)?;
            phis.push(self.b.build_phi(ty, "")?);
        }
        if let Some(c) = current {
            self.b.position_at_end(c);
        }
        Ok(phis)
    }

    pub(super) fn new_block(&self, name: &str) -> BasicBlock<'ctx> {
        self.ii.ctx.append_basic_block(self.func, name)
    }

    pub(super) fn push_frame(&mut self, kind: FrameKind<'ctx>, results: &[ValType], num_params: usize) -> Result<()> {
        let next = self.new_block("next");
        let result_phis = self.phis(next, results)?;
        let height = self.stack.len().checked_sub(num_params).ok_or_else(|| Error::at(self.offset, "internal error: block parameters missing"))?;
        self.control.push(Frame { kind, handler: None, next, result_phis, next_reached: false, height });
        Ok(())
    }

    pub(super) fn push_function_frame(&mut self, results: &[ValType]) -> Result<()> {
        self.push_frame(FrameKind::Function, results, 0)
    }

    pub(super) fn block(&mut self, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_sig(ty)?;
        self.push_frame(FrameKind::Block, &results, params.len())
    }

    pub(super) fn loop_(&mut self, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_sig(ty)?;
        let header = self.new_block("loop");
        let param_phis = self.phis(header, &params)?;
        let args = self.pop_n(params.len())?;
        let from = self.current_block()?;
        for (phi, v) in param_phis.iter().zip(&args) {
            phi.add_incoming(&[(v, from)]);
        }
        self.b.build_unconditional_branch(header)?;
        self.b.position_at_end(header);
        for phi in &param_phis {
            self.stack.push(phi.as_basic_value());
        }
        self.push_frame(FrameKind::Loop { header, param_phis }, &results, params.len())
    }

    pub(super) fn if_(&mut self, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_sig(ty)?;
        let cond = self.pop_int()?;
        let cond = self.b.build_int_compare(IntPredicate::NE, cond, cond.get_type().const_zero(), "")?;
        let then_block = self.new_block("then");
        let else_block = self.new_block("else");
        self.b.build_conditional_branch(cond, then_block, else_block)?;
        self.b.position_at_end(then_block);
        let params_vals = self.stack[self.stack.len() - params.len()..].to_vec();
        self.push_frame(FrameKind::If { else_block, params: params_vals, has_else: false }, &results, params.len())
    }

    pub(super) fn else_(&mut self) -> Result<()> {
        if self.reachable {
            self.fall_through()?;
        }
        let frame = self.control.last_mut().ok_or_else(|| Error::at(self.offset, "else outside if"))?;
        let FrameKind::If { else_block, params, has_else } = &mut frame.kind else {
            return Err(Error::at(self.offset, "else outside if"));
        };
        *has_else = true;
        let else_block = *else_block;
        let params = params.clone();
        let height = frame.height;
        self.stack.truncate(height);
        self.stack.extend(params);
        self.b.position_at_end(else_block);
        self.reachable = true;
        self.dead_depth = 0;
        Ok(())
    }

    pub(super) fn end(&mut self) -> Result<()> {
        if self.reachable {
            self.leave_handler()?;
            self.fall_through()?;
        }
        let frame = self.control.pop().ok_or_else(|| Error::at(self.offset, "unbalanced end"))?;
        if matches!(frame.kind, FrameKind::Try { .. }) {
            self.try_dispatch(&frame)?;
        }
        self.finish_frame(frame)
    }

    /// After a frame was popped at its `end` (or `delegate`): control continues at its `next`
    /// block with its results, if anything reaches it.
    pub(super) fn finish_frame(&mut self, mut frame: Frame<'ctx>) -> Result<()> {
        if let FrameKind::If { else_block, params, has_else: false } = &frame.kind {
            // An `if` without `else` passes its parameters through as results.
            self.b.position_at_end(*else_block);
            for (phi, v) in frame.result_phis.iter().zip(params) {
                phi.add_incoming(&[(v, *else_block)]);
            }
            self.b.build_unconditional_branch(frame.next)?;
            frame.next_reached = true;
        }
        self.stack.truncate(frame.height);
        self.b.position_at_end(frame.next);
        self.dead_depth = 0;
        if frame.next_reached {
            self.reachable = true;
            for phi in &frame.result_phis {
                self.stack.push(phi.as_basic_value());
            }
        } else {
            for phi in &frame.result_phis {
                phi.as_instruction().erase_from_basic_block();
            }
            self.b.build_unreachable()?;
            self.reachable = false;
        }
        if matches!(frame.kind, FrameKind::Function) && self.reachable {
            self.build_return()?;
        }
        Ok(())
    }

    fn build_return(&mut self) -> Result<()> {
        let results = std::mem::take(&mut self.stack);
        match results.as_slice() {
            [] => self.b.build_return(None)?,
            [one] => self.b.build_return(Some(one))?,
            many => {
                let ret_ty = self.func.get_type().get_return_type().expect("multi-value return type").into_struct_type();
                let mut agg = ret_ty.get_undef();
                for (i, v) in many.iter().enumerate() {
                    agg = self.b.build_insert_value(agg, *v, i as u32, "")?.into_struct_value();
                }
                self.b.build_return(Some(&agg))?
            }
        };
        self.reachable = false;
        Ok(())
    }

    /// Control reaching the `else` or `end` of the innermost frame continues at its `next`
    /// block with the results on top of the stack (for a loop too: only a branch goes back to
    /// the header).
    pub(super) fn fall_through(&mut self) -> Result<()> {
        let from = self.current_block()?;
        let frame = self.control.last_mut().ok_or_else(|| Error::at(self.offset, "unbalanced end"))?;
        let n = frame.result_phis.len();
        if self.stack.len() < n {
            return Err(Error::at(self.offset, "internal error: operand stack underflow at end"));
        }
        for (phi, v) in frame.result_phis.iter().zip(&self.stack[self.stack.len() - n..]) {
            phi.add_incoming(&[(v, from)]);
        }
        frame.next_reached = true;
        self.b.build_unconditional_branch(frame.next)?;
        Ok(())
    }

    pub(super) fn current_block(&self) -> Result<BasicBlock<'ctx>> {
        self.b.get_insert_block().ok_or_else(|| Error::at(self.offset, "internal error: builder not positioned"))
    }

    /// Adds the branch values for the frame at `depth` (the top of the operand stack) as
    /// incoming from the current block and returns the block to branch to.
    pub(super) fn branch_incoming(&mut self, depth: u32) -> Result<BasicBlock<'ctx>> {
        let (_, arity) = self.branch_shape(depth)?;
        if self.stack.len() < arity {
            return Err(Error::at(self.offset, "internal error: operand stack underflow at branch"));
        }
        let values = self.stack[self.stack.len() - arity..].to_vec();
        self.branch_edge(depth, &values)
    }

    /// Adds `values` as incoming for the frame at `depth` and returns the block to branch to
    /// from the current block: the frame's target, or, where the branch leaves legacy `catch`
    /// handlers, an edge block that first releases the exceptions they hold (exceptions.rs).
    pub(super) fn branch_edge(&mut self, depth: u32, values: &[BasicValueEnum<'ctx>]) -> Result<BasicBlock<'ctx>> {
        let idx = self.control.len().checked_sub(1 + depth as usize).ok_or_else(|| Error::at(self.offset, "branch depth out of range"))?;
        let current = self.current_block()?;
        let from = if self.leaves_handler(idx) {
            let edge = self.new_block("leave_catch");
            self.b.position_at_end(edge);
            self.release_left_handlers(idx)?;
            edge
        } else {
            current
        };
        let frame = &mut self.control[idx];
        let (target, phis) = match &frame.kind {
            FrameKind::Loop { header, param_phis } => (*header, param_phis),
            _ => {
                frame.next_reached = true;
                (frame.next, &frame.result_phis)
            }
        };
        if phis.len() != values.len() {
            return Err(Error::at(self.offset, "internal error: branch arity mismatch"));
        }
        for (phi, v) in phis.iter().zip(values) {
            phi.add_incoming(&[(v, from)]);
        }
        if from != current {
            self.b.build_unconditional_branch(target)?;
            self.b.position_at_end(current);
            return Ok(from);
        }
        Ok(target)
    }

    fn branch_to_frame(&mut self, depth: u32) -> Result<()> {
        let target = self.branch_incoming(depth)?;
        self.b.build_unconditional_branch(target)?;
        Ok(())
    }

    /// The height of the frame at `depth` and the number of values a branch to it takes.
    pub(super) fn branch_shape(&self, depth: u32) -> Result<(usize, usize)> {
        let idx = self.control.len().checked_sub(1 + depth as usize).ok_or_else(|| Error::at(self.offset, "branch depth out of range"))?;
        let frame = &self.control[idx];
        let arity = match &frame.kind {
            FrameKind::Loop { param_phis, .. } => param_phis.len(),
            _ => frame.result_phis.len(),
        };
        Ok((frame.height, arity))
    }

    pub(super) fn br(&mut self, depth: u32) -> Result<()> {
        let (height, arity) = self.branch_shape(depth)?;
        self.discard_stack(height, arity)?;
        self.branch_to_frame(depth)?;
        self.reachable = false;
        Ok(())
    }

    pub(super) fn br_if(&mut self, depth: u32) -> Result<()> {
        let cond = self.pop_int()?;
        let cond = self.b.build_int_compare(IntPredicate::NE, cond, cond.get_type().const_zero(), "")?;
        let target = self.branch_incoming(depth)?;
        let cont = self.new_block("cont");
        self.b.build_conditional_branch(cond, target, cont)?;
        self.b.position_at_end(cont);
        Ok(())
    }

    pub(super) fn br_table(&mut self, table: BrTable<'a>) -> Result<()> {
        let index = self.pop_int()?;
        let default = table.default();
        let targets = table.targets().collect::<Result<Vec<u32>, _>>()?;
        // Every target takes as many values; the outermost discards the most.
        let outermost = targets.iter().copied().chain([default]).max().unwrap_or(default);
        let (height, arity) = self.branch_shape(outermost)?;
        self.discard_stack(height, arity)?;
        let mut cases = Vec::with_capacity(targets.len());
        for (i, depth) in targets.iter().enumerate() {
            let block = self.branch_incoming(*depth)?;
            cases.push((self.ii.i32.const_int(i as u64, false), block));
        }
        let default_block = self.branch_incoming(default)?;
        self.b.build_switch(index, default_block, &cases)?;
        self.reachable = false;
        Ok(())
    }

    pub(super) fn return_(&mut self) -> Result<()> {
        let depth = self.control.len() as u32 - 1;
        self.br(depth)
    }

    pub(super) fn select(&mut self) -> Result<()> {
        let cond = self.pop_int()?;
        let b = self.pop()?;
        let a = self.pop()?;
        let cond = self.b.build_int_compare(IntPredicate::NE, cond, cond.get_type().const_zero(), "")?;
        let v = self.b.build_select(cond, a, b, "")?;
        self.push(v);
        Ok(())
    }

    /// The function's trap block, created on first use.
    fn trap_block(&mut self) -> Result<(BasicBlock<'ctx>, PhiValue<'ctx>)> {
        if let Some(t) = self.trap {
            return Ok(t);
        }
        let current = self.current_block()?;
        let block = self.new_block("trap");
        self.b.position_at_end(block);
        let phi = self.b.build_phi(self.ii.i32, "trap_code")?;
        self.b.build_call(self.ii.libcalls.trap, &[self.vmctx.into(), phi.as_basic_value().into()], "")?;
        self.b.build_unreachable()?;
        self.b.position_at_end(current);
        self.trap = Some((block, phi));
        Ok((block, phi))
    }

    /// Traps unconditionally; the rest of the block is unreachable.
    pub(super) fn trap(&mut self, code: TrapCode) -> Result<()> {
        // A load whose value the trap discards comes first, and may trap first.
        self.discard_stack(0, 0)?;
        let (block, phi) = self.trap_block()?;
        phi.add_incoming(&[(&self.i32_const(code as i64), self.current_block()?)]);
        self.b.build_unconditional_branch(block)?;
        self.reachable = false;
        Ok(())
    }

    /// Traps with `code` when `cond` (an i1) is true.
    pub(super) fn trap_if(&mut self, cond: IntValue<'ctx>, code: TrapCode) -> Result<()> {
        let (block, phi) = self.trap_block()?;
        phi.add_incoming(&[(&self.i32_const(code as i64), self.current_block()?)]);
        let cont = self.new_block("ok");
        self.b.build_conditional_branch(cond, block, cont)?;
        self.facts_continue_in(cont);
        self.b.position_at_end(cont);
        Ok(())
    }

    /// Traps when `cond` (an i1) is true, with the trap code (an i32) that `code` computes in a
    /// block of its own on the way to the trap block, so the path that does not trap never
    /// computes it.
    pub(super) fn trap_if_with(&mut self, cond: IntValue<'ctx>, code: impl FnOnce(&Builder<'ctx>) -> Result<IntValue<'ctx>>) -> Result<()> {
        let (block, phi) = self.trap_block()?;
        let why = self.new_block("trap_why");
        let cont = self.new_block("ok");
        self.b.build_conditional_branch(cond, why, cont)?;
        self.facts_continue_in(cont);
        self.b.position_at_end(why);
        let code = code(&self.b)?;
        phi.add_incoming(&[(&code, why)]);
        self.b.build_unconditional_branch(block)?;
        self.b.position_at_end(cont);
        Ok(())
    }

    /// Traps with `StackExhausted` when the stack pointer is below the thread's limit.
    pub(super) fn stack_check(&mut self) -> Result<()> {
        let stacksave = self.ii.intrinsic(self.env.module, "llvm.stacksave", &[self.ii.ptr.into()]);
        let sp = self.b.build_call(stacksave, &[], "sp")?.try_as_basic_value().basic().expect("stacksave returns a pointer");
        let sp = self.b.build_ptr_to_int(sp.into_pointer_value(), self.ii.intptr, "")?;
        let limit = self.vm().stack_limit()?;
        let low = self.b.build_int_compare(IntPredicate::ULT, sp, limit, "")?;
        self.trap_if(low, TrapCode::StackExhausted)
    }
}
