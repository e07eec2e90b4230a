//! Exception handling: `throw`, `throw_ref`, `try_table` (Wasm 3.0) and the legacy `try`,
//! `catch`, `catch_all`, `delegate`, `rethrow` that LLVM 19 and Emscripten emit.
//!
//! A frame that catches (`try_table`, or a legacy `try` in its body) has a [`Handler`]: a
//! dispatch block with a phi of the exception (`*mut VMException`) that compares its tag with
//! each clause in order and runs the first that matches; none matching passes the exception
//! to the next enclosing handler of the function, or throws it to the caller. Exceptions
//! reach a dispatch block three ways: a call in the body is an `invoke` whose landing pad
//! (one per handler, codegen/unwind.rs) branches there; a `throw`, `throw_ref` or `rethrow` in
//! the body branches there directly (no unwinding within a function); an inner handler that
//! did not match branches there. Calls outside any handler stay plain calls, so code that does
//! not throw runs as fast inside a `try` as outside, apart from the invoke's extra edge.
//!
//! Lifetime of the exception object (allocated by `exception_new`; `VMException::pins`): a
//! legacy handler pins it while it runs (for `rethrow`) and releases it when control leaves the
//! handler, by its end, a branch (control.rs `branch_edge`) or an exception thrown on past it
//! (`propagate`); a `catch`/`catch_all` clause of `try_table` takes the payload and drops it;
//! `catch_ref`/`catch_all_ref` mark it escaped (an `exnref` can go anywhere, and with no
//! collector it is never freed). The runtime frees an exception when nothing pins it and it is
//! not being thrown on. A trap, or an exception unwinding out of a call inside a legacy handler,
//! leaks what the handler held.

use super::control::FrameKind;
use super::FuncTranslator;
use crate::codegen::unwind;
use crate::error::{Error, Result};
use inkwell::basic_block::BasicBlock;
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicValueEnum, PhiValue, PointerValue};
use inkwell::IntPredicate;
use wasmkiln_abi::TrapCode;
use wasmparser::{BlockType, Catch, TryTable, ValType};

/// Where the exceptions of a catching frame's body go.
pub(super) struct Handler<'ctx> {
    /// Compares the exception's tag with the clauses (filled when they are known).
    dispatch: BasicBlock<'ctx>,
    /// The exception arriving at `dispatch`.
    exn: PhiValue<'ctx>,
    /// The landing pad of the body's calls, made on first use.
    pad: Option<BasicBlock<'ctx>>,
}

/// What a matching clause does.
enum Action<'ctx> {
    /// `try_table`: branch to the label at this depth (of the control stack outside the
    /// `try_table`) with the payload, and the exception itself for the `_ref` forms.
    Branch { depth: u32, with_ref: bool },
    /// Legacy `catch`: continue in the handler's block, which loads the payload itself.
    Handler(BasicBlock<'ctx>),
}

impl<'a, 'ctx> FuncTranslator<'a, 'ctx> {
    fn new_handler(&mut self) -> Result<Handler<'ctx>> {
        let current = self.current_block()?;
        let dispatch = self.new_block("dispatch");
        self.b.position_at_end(dispatch);
        let exn = self.b.build_phi(self.ii.ptr, "exn")?;
        self.b.position_at_end(current);
        Ok(Handler { dispatch, exn, pad: None })
    }

    /// The innermost frame below index `below` whose handler catches exceptions of code at that
    /// point: a `try_table`, or a legacy `try` still in its body (not in one of its handlers).
    fn catching_frame(&self, below: usize) -> Option<usize> {
        (0..below.min(self.control.len())).rev().find(|&i| {
            let f = &self.control[i];
            f.handler.is_some() && !matches!(f.kind, FrameKind::Try { caught: Some(_), .. })
        })
    }

    /// The landing pad for a call at the current point, if a handler of this function covers it.
    pub(super) fn unwind_dest(&mut self) -> Result<Option<BasicBlock<'ctx>>> {
        if !self.env.unwinds {
            return Ok(None);
        }
        let Some(idx) = self.catching_frame(self.control.len()) else { return Ok(None) };
        let handler = self.control[idx].handler.as_ref().expect("catching frame has a handler");
        if let Some(pad) = handler.pad {
            return Ok(Some(pad));
        }
        let (dispatch, phi) = (handler.dispatch, handler.exn);
        let current = self.current_block()?;
        let (pad, exn) = unwind::landing_pad(self.ii, self.env.module, &self.b, self.func)?;
        phi.add_incoming(&[(&exn, self.current_block()?)]);
        self.b.build_unconditional_branch(dispatch)?;
        self.b.position_at_end(current);
        self.control[idx].handler.as_mut().expect("handler").pad = Some(pad);
        Ok(Some(pad))
    }

    /// Sends `exn` to the innermost catching frame below index `search`, or throws it to the
    /// caller; the current block ends. The legacy handlers active here (frames below `active`)
    /// that this leaves release what they hold (not `exn` itself: it is passed on).
    fn propagate(&mut self, exn: PointerValue<'ctx>, search: usize, active: usize) -> Result<()> {
        let target = self.catching_frame(search);
        let left = self.held_between(target.map_or(0, |t| t + 1), active);
        for held in left {
            self.libcall(self.ii.libcalls.exception_release, &[held.into(), exn.into()])?;
        }
        match target {
            Some(idx) => {
                let h = self.control[idx].handler.as_ref().expect("catching frame has a handler");
                h.exn.add_incoming(&[(&exn, self.current_block()?)]);
                self.b.build_unconditional_branch(h.dispatch)?;
            }
            None => {
                self.libcall(self.ii.libcalls.throw, &[exn.into()])?;
                self.b.build_unreachable()?;
            }
        }
        self.reachable = false;
        Ok(())
    }

    /// The exceptions held by legacy handlers of the frames with indices in `from..to`.
    fn held_between(&self, from: usize, to: usize) -> Vec<PointerValue<'ctx>> {
        let to = to.min(self.control.len());
        self.control[from.min(to)..to]
            .iter()
            .filter_map(|f| match f.kind {
                FrameKind::Try { caught: Some(exn), .. } => Some(exn),
                _ => None,
            })
            .collect()
    }

    /// Releases the exceptions of the legacy handlers that a branch to the frame at index
    /// `target` leaves (the target's own handler included: its label is the end of the `try`).
    pub(super) fn release_left_handlers(&mut self, target: usize) -> Result<()> {
        for held in self.held_between(target, self.control.len()) {
            let null = self.ii.ptr.const_null();
            self.libcall(self.ii.libcalls.exception_release, &[held.into(), null.into()])?;
        }
        Ok(())
    }

    /// Whether a branch to the frame at index `target` leaves a legacy handler.
    pub(super) fn leaves_handler(&self, target: usize) -> bool {
        !self.held_between(target, self.control.len()).is_empty()
    }

    /// The parameter types of tag `tag`.
    fn tag_params(&self, tag: u32) -> Result<Vec<ValType>> {
        let info = self.env.info;
        let ty = info.tags.get(tag as usize).ok_or_else(|| Error::at(self.offset, "tag index out of range"))?;
        Ok(info.types[*ty as usize].params().to_vec())
    }

    /// Loads the payload of `exn`, an exception of tag `tag`.
    fn payload(&mut self, exn: PointerValue<'ctx>, tag: u32) -> Result<Vec<BasicValueEnum<'ctx>>> {
        let params = self.tag_params(tag)?;
        let mut values = Vec::with_capacity(params.len());
        for (i, p) in params.iter().enumerate() {
            let ty: BasicTypeEnum = self.ii.val_type(*p)?;
            let slot = self.vm().exception_value_ptr(exn, i)?;
            values.push(self.b.build_load(ty, slot, "")?);
        }
        Ok(values)
    }

    /// `throw $tag`: a new exception with the payload on the stack.
    pub(super) fn throw(&mut self, tag: u32) -> Result<()> {
        let n = self.tag_params(tag)?.len();
        self.discard_stack(0, n)?;
        let values = self.pop_n(n)?;
        let tag_ptr = self.vm().tag_ptr(tag)?;
        let exn = self.libcall_value(self.ii.libcalls.exception_new, &[tag_ptr.into(), self.i32_const(n as i64).into()])?.into_pointer_value();
        for (i, v) in values.iter().enumerate() {
            let slot = self.vm().exception_value_ptr(exn, i)?;
            self.b.build_store(slot, *v)?;
        }
        self.propagate(exn, self.control.len(), self.control.len())
    }

    /// `throw_ref`: throws the exception again; null traps.
    pub(super) fn throw_ref(&mut self) -> Result<()> {
        self.discard_stack(0, 1)?;
        let exn = self.pop_ptr()?;
        let is_null = self.b.build_is_null(exn, "")?;
        self.trap_if(is_null, TrapCode::NullExceptionReference)?;
        self.propagate(exn, self.control.len(), self.control.len())
    }

    /// `try_table bt (catch ...)* ... end`: the dispatch is built at once (the clauses are
    /// known and their labels are those outside the `try_table`), then the body is a block.
    pub(super) fn try_table(&mut self, tt: TryTable) -> Result<()> {
        let handler = self.new_handler()?;
        let clauses: Vec<(Option<u32>, Action<'ctx>)> = tt
            .catches
            .iter()
            .map(|c| match *c {
                Catch::One { tag, label } => (Some(tag), Action::Branch { depth: label, with_ref: false }),
                Catch::OneRef { tag, label } => (Some(tag), Action::Branch { depth: label, with_ref: true }),
                Catch::All { label } => (None, Action::Branch { depth: label, with_ref: false }),
                Catch::AllRef { label } => (None, Action::Branch { depth: label, with_ref: true }),
            })
            .collect();
        let current = self.current_block()?;
        self.emit_dispatch(&handler, clauses, self.control.len())?;
        self.b.position_at_end(current);
        self.reachable = true;
        let (params, results) = self.block_sig(tt.ty)?;
        self.push_frame(FrameKind::TryTable, &results, params.len())?;
        self.control.last_mut().expect("pushed").handler = Some(handler);
        Ok(())
    }

    /// The code of a dispatch block: the clauses in order, then the enclosing handler (frames
    /// below `below`) or the caller.
    fn emit_dispatch(&mut self, handler: &Handler<'ctx>, clauses: Vec<(Option<u32>, Action<'ctx>)>, below: usize) -> Result<()> {
        self.b.position_at_end(handler.dispatch);
        let exn = handler.exn.as_basic_value().into_pointer_value();
        let tag = if clauses.iter().any(|(t, _)| t.is_some()) { Some(self.vm().exception_tag(exn)?) } else { None };
        for (clause_tag, action) in clauses {
            let matched = match (clause_tag, tag) {
                (Some(t), Some(actual)) => {
                    let expected = self.vm().tag_ptr(t)?;
                    let is = self.b.build_int_compare(IntPredicate::EQ, actual, expected, "")?;
                    let yes = self.new_block("catch");
                    let no = self.new_block("no_match");
                    self.b.build_conditional_branch(is, yes, no)?;
                    self.b.position_at_end(yes);
                    Some(no)
                }
                _ => None,
            };
            match action {
                Action::Handler(block) => {
                    self.b.build_unconditional_branch(block)?;
                }
                Action::Branch { depth, with_ref } => {
                    let mut values = match clause_tag {
                        Some(t) => self.payload(exn, t)?,
                        None => Vec::new(),
                    };
                    if with_ref {
                        self.vm().mark_exception_escaped(exn)?;
                        values.push(exn.into());
                    } else {
                        self.libcall(self.ii.libcalls.exception_drop, &[exn.into()])?;
                    }
                    let target = self.branch_edge(depth, &values)?;
                    self.b.build_unconditional_branch(target)?;
                }
            }
            match matched {
                Some(no) => self.b.position_at_end(no),
                // catch_all: the clauses after it are never reached.
                None => return Ok(()),
            }
        }
        self.propagate(exn, below, below)
    }

    /// Legacy `try bt`: a block with a handler whose clauses follow the body.
    pub(super) fn try_(&mut self, ty: BlockType) -> Result<()> {
        let handler = self.new_handler()?;
        let (params, results) = self.block_sig(ty)?;
        self.push_frame(FrameKind::Try { catches: Vec::new(), caught: None }, &results, params.len())?;
        self.control.last_mut().expect("pushed").handler = Some(handler);
        Ok(())
    }

    /// Legacy `catch $tag` (`Some`) or `catch_all` (`None`): the body or previous handler
    /// ends (falling through to the end of the `try`), and a new handler starts with the
    /// payload on the stack.
    pub(super) fn catch(&mut self, tag: Option<u32>) -> Result<()> {
        if self.reachable {
            self.leave_handler()?;
            self.fall_through()?;
        }
        let frame = self.control.last().ok_or_else(|| Error::at(self.offset, "catch outside try"))?;
        let (FrameKind::Try { .. }, Some(h)) = (&frame.kind, &frame.handler) else {
            return Err(Error::at(self.offset, "catch outside try"));
        };
        let exn = h.exn.as_basic_value().into_pointer_value();
        let height = frame.height;
        let block = self.new_block(if tag.is_some() { "catch" } else { "catch_all" });
        self.b.position_at_end(block);
        self.stack.truncate(height);
        self.vm().pin_exception(exn)?;
        if let Some(t) = tag {
            let values = self.payload(exn, t)?;
            self.stack.extend(values);
        }
        if let FrameKind::Try { catches, caught } = &mut self.control.last_mut().expect("frame").kind {
            catches.push((tag, block));
            *caught = Some(exn);
        }
        self.reachable = true;
        self.dead_depth = 0;
        Ok(())
    }

    /// Control leaves the innermost frame by its end: if that is a legacy handler, it is done
    /// with its exception.
    pub(super) fn leave_handler(&mut self) -> Result<()> {
        self.release_left_handlers(self.control.len().saturating_sub(1))
    }

    /// At the `end` of a legacy `try` (already popped, at index `control.len()`): its
    /// dispatch, now that every clause is known.
    pub(super) fn try_dispatch(&mut self, frame: &super::control::Frame<'ctx>) -> Result<()> {
        let (FrameKind::Try { catches, .. }, Some(h)) = (&frame.kind, &frame.handler) else {
            return Ok(());
        };
        let clauses = catches.iter().map(|(t, b)| (*t, Action::Handler(*b))).collect();
        let handler = Handler { dispatch: h.dispatch, exn: h.exn, pad: h.pad };
        self.emit_dispatch(&handler, clauses, self.control.len())
    }

    /// Legacy `try ... delegate depth`: the `try` ends; exceptions of its body go to the
    /// handler of the frame `depth` levels outside it (or further out), or to the caller.
    pub(super) fn delegate(&mut self, depth: u32) -> Result<()> {
        if self.reachable {
            self.fall_through()?;
        }
        let frame = self.control.pop().ok_or_else(|| Error::at(self.offset, "delegate outside try"))?;
        let (FrameKind::Try { caught: None, .. }, Some(h)) = (&frame.kind, &frame.handler) else {
            return Err(Error::at(self.offset, "delegate outside try"));
        };
        // Label `depth` counts from the frame just outside the try; that frame and every
        // frame outside it may catch.
        let target = self.control.len().checked_sub(1 + depth as usize).ok_or_else(|| Error::at(self.offset, "delegate depth out of range"))?;
        self.b.position_at_end(h.dispatch);
        self.propagate(h.exn.as_basic_value().into_pointer_value(), target + 1, self.control.len())?;
        self.finish_frame(frame)
    }

    /// Legacy `rethrow depth`: throws again the exception caught by the handler at `depth`.
    pub(super) fn rethrow(&mut self, depth: u32) -> Result<()> {
        let idx = self.control.len().checked_sub(1 + depth as usize).ok_or_else(|| Error::at(self.offset, "rethrow depth out of range"))?;
        let FrameKind::Try { caught: Some(exn), .. } = self.control[idx].kind else {
            return Err(Error::at(self.offset, "rethrow target is not a catch"));
        };
        self.discard_stack(0, 0)?;
        self.propagate(exn, self.control.len(), self.control.len())
    }
}
