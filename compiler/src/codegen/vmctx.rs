//! Loads from the `VMContext` and the structures it points to. Every offset comes from the
//! `layout(pointer_bytes)` of the types in `wasmkiln_abi` for the target's pointer width
//! (`Intrinsics::layout`); none is written here as a number.
//!
//! Pointers that never change during an instance's life (the memory base under guard pages,
//! the arrays of global/table/funcref pointers and their entries, signature ids) are loaded
//! with `!invariant.load`, so LLVM may hoist them out of loops and merge repeated loads.

use super::intrinsics::Intrinsics;
use crate::error::Result;
use core::mem::size_of;
use inkwell::builder::Builder;
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicValue, BasicValueEnum, InstructionValue, IntValue, PointerValue};

pub struct Vmctx<'a, 'ctx> {
    pub b: &'a Builder<'ctx>,
    pub ii: &'a Intrinsics<'ctx>,
    pub vmctx: PointerValue<'ctx>,
}

/// Marks a load as reading memory that does not change while the instance lives.
pub fn mark_invariant(ii: &Intrinsics<'_>, load: BasicValueEnum<'_>) {
    if let Some(inst) = load.as_instruction_value() {
        set_invariant(ii, inst);
    }
}

fn set_invariant(ii: &Intrinsics<'_>, inst: InstructionValue<'_>) {
    let kind = ii.ctx.get_kind_id("invariant.load");
    let _ = inst.set_metadata(ii.ctx.metadata_node(&[]), kind);
}

impl<'a, 'ctx> Vmctx<'a, 'ctx> {
    /// `base + offset` as a byte address.
    pub fn byte_ptr(&self, base: PointerValue<'ctx>, offset: usize) -> Result<PointerValue<'ctx>> {
        if offset == 0 {
            return Ok(base);
        }
        let off = self.ii.i64.const_int(offset as u64, false);
        Ok(unsafe { self.b.build_in_bounds_gep(self.ii.i8, base, &[off], "")? })
    }

    /// Loads a value of type `ty` at `base + offset`.
    pub fn load(&self, ty: BasicTypeEnum<'ctx>, base: PointerValue<'ctx>, offset: usize, invariant: bool) -> Result<BasicValueEnum<'ctx>> {
        let p = self.byte_ptr(base, offset)?;
        let v = self.b.build_load(ty, p, "")?;
        if invariant {
            mark_invariant(self.ii, v);
        }
        Ok(v)
    }

    fn load_ptr(&self, base: PointerValue<'ctx>, offset: usize, invariant: bool) -> Result<PointerValue<'ctx>> {
        Ok(self.load(self.ii.ptr.into(), base, offset, invariant)?.into_pointer_value())
    }

    /// Entry `index` of a pointer array that hangs off the vmctx at `field`.
    fn array_entry(&self, field: usize, index: u32) -> Result<PointerValue<'ctx>> {
        let array = self.load_ptr(self.vmctx, field, true)?;
        self.load_ptr(array, index as usize * self.ii.layout.ptr_bytes, true)
    }

    /// The `VMMemory` of memory `index` (memory 0 has a field of its own, the fast path).
    fn memory_def(&self, index: u32) -> Result<PointerValue<'ctx>> {
        if index == 0 {
            self.load_ptr(self.vmctx, self.ii.layout.vmctx.memory, true)
        } else {
            self.array_entry(self.ii.layout.vmctx.memories, index)
        }
    }

    /// Base of linear memory `index`. It never moves (each memory has a reservation of its own),
    /// so the load is invariant.
    pub fn memory_base(&self, index: u32) -> Result<PointerValue<'ctx>> {
        if index == 0 {
            self.load_ptr(self.vmctx, self.ii.layout.vmctx.memory_base, true)
        } else {
            self.load_ptr(self.memory_def(index)?, self.ii.layout.memory.base, true)
        }
    }

    /// Current size of memory `index` in bytes (changes with `memory.grow`).
    pub fn memory_size_bytes(&self, index: u32) -> Result<IntValue<'ctx>> {
        let def = self.memory_def(index)?;
        let size = self.load(self.ii.i64.into(), def, self.ii.layout.memory.size_bytes, false)?;
        self.tag(size, self.ii.tbaa.memory_def);
        Ok(size.into_int_value())
    }

    fn tag(&self, v: BasicValueEnum<'ctx>, tag: inkwell::values::MetadataValue<'ctx>) {
        if let Some(inst) = v.as_instruction_value() {
            self.ii.tbaa.tag(inst, tag);
        }
    }

    /// Where global `index` is stored.
    pub fn global_ptr(&self, index: u32) -> Result<PointerValue<'ctx>> {
        self.array_entry(self.ii.layout.vmctx.globals, index)
    }

    /// The `VMTable` of table `index`.
    pub fn table_ptr(&self, index: u32) -> Result<PointerValue<'ctx>> {
        self.array_entry(self.ii.layout.vmctx.tables, index)
    }

    /// Current size and element array of a table.
    pub fn table_size_and_elements(&self, table: PointerValue<'ctx>) -> Result<(IntValue<'ctx>, PointerValue<'ctx>)> {
        let size = self.load(self.ii.i32.into(), table, self.ii.layout.table.size, false)?;
        self.tag(size, self.ii.tbaa.table);
        let elements = self.load(self.ii.ptr.into(), table, self.ii.layout.table.elements, false)?;
        self.tag(elements, self.ii.tbaa.table);
        Ok((size.into_int_value(), elements.into_pointer_value()))
    }

    /// The `VMFuncRef` of function `index` (what `ref.func index` evaluates to).
    pub fn func_ref(&self, index: u32) -> Result<PointerValue<'ctx>> {
        self.array_entry(self.ii.layout.vmctx.func_refs, index)
    }

    /// Native code pointer and vmctx of a funcref.
    pub fn func_ref_target(&self, func_ref: PointerValue<'ctx>) -> Result<(PointerValue<'ctx>, PointerValue<'ctx>)> {
        let native = self.load_ptr(func_ref, self.ii.layout.func_ref.native, true)?;
        let vmctx = self.load_ptr(func_ref, self.ii.layout.func_ref.vmctx, true)?;
        Ok((native, vmctx))
    }

    /// A host function's C code in its funcref (`VMFuncRef::host`), which import adapters call.
    pub fn func_ref_host(&self, func_ref: PointerValue<'ctx>) -> Result<PointerValue<'ctx>> {
        self.load_ptr(func_ref, self.ii.layout.func_ref.host, true)
    }

    /// Signature id stored in a funcref.
    pub fn func_ref_sig(&self, func_ref: PointerValue<'ctx>) -> Result<IntValue<'ctx>> {
        Ok(self.load(self.ii.i32.into(), func_ref, self.ii.layout.func_ref.sig_id, true)?.into_int_value())
    }

    /// Canonical signature id of type `type_index`.
    pub fn sig_id(&self, type_index: u32) -> Result<IntValue<'ctx>> {
        let ids = self.load_ptr(self.vmctx, self.ii.layout.vmctx.sig_ids, true)?;
        Ok(self.load(self.ii.i32.into(), ids, type_index as usize * size_of::<u32>(), true)?.into_int_value())
    }

    /// The `VMTag` of tag `index` (its address is the tag's identity).
    pub fn tag_ptr(&self, index: u32) -> Result<PointerValue<'ctx>> {
        self.array_entry(self.ii.layout.vmctx.tags, index)
    }

    /// The tag of an exception (`VMException::tag`).
    pub fn exception_tag(&self, exn: PointerValue<'ctx>) -> Result<PointerValue<'ctx>> {
        self.load_ptr(exn, self.ii.layout.exception.tag, false)
    }

    /// Where payload value `i` of an exception is (a `ValRaw` slot).
    pub fn exception_value_ptr(&self, exn: PointerValue<'ctx>, i: usize) -> Result<PointerValue<'ctx>> {
        self.byte_ptr(exn, wasmkiln_abi::EXCEPTION_VALUES_OFFSET + i * size_of::<wasmkiln_abi::ValRaw>())
    }

    /// Marks an exception as exposed as an `exnref` (`EXCEPTION_ESCAPED` in its pins): never
    /// freed.
    pub fn mark_exception_escaped(&self, exn: PointerValue<'ctx>) -> Result<()> {
        self.update_pins(exn, |b, pins| b.build_or(pins, self.ii.i32.const_int(wasmkiln_abi::EXCEPTION_ESCAPED as u64, false), ""))
    }

    /// Adds a pin to an exception: a legacy handler holds it.
    pub fn pin_exception(&self, exn: PointerValue<'ctx>) -> Result<()> {
        self.update_pins(exn, |b, pins| b.build_int_add(pins, self.ii.i32.const_int(1, false), ""))
    }

    fn update_pins(&self, exn: PointerValue<'ctx>, f: impl FnOnce(&Builder<'ctx>, IntValue<'ctx>) -> std::result::Result<IntValue<'ctx>, inkwell::builder::BuilderError>) -> Result<()> {
        let p = self.byte_ptr(exn, self.ii.layout.exception.pins)?;
        let pins = self.b.build_load(self.ii.i32, p, "")?.into_int_value();
        let pins = f(self.b, pins)?;
        self.b.build_store(p, pins)?;
        Ok(())
    }

    /// The current thread's stack limit.
    pub fn stack_limit(&self) -> Result<IntValue<'ctx>> {
        let limits = self.load_ptr(self.vmctx, self.ii.layout.vmctx.limits, true)?;
        Ok(self.load(self.ii.intptr.into(), limits, self.ii.layout.limits.stack_limit, false)?.into_int_value())
    }
}
