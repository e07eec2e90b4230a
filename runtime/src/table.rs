//! Tables: a growable vector of raw references behind the `VMTable` generated code reads.
//!
//! Funcref elements are `*const VMFuncRef` pointing into the instance that owns the function.
//! Every write goes through this file (generated code only reads tables; writes are libcalls),
//! so when a table receives a function of another instance it keeps that instance alive: a
//! table can never hold a dangling function reference.

use crate::error::ResourceError;
use crate::instance::InstanceInner;
use crate::types::{TableType, ValType, RefDetail};
use std::cell::{Cell, RefCell, UnsafeCell};
use std::rc::Rc;
use wasmkiln_abi::{VMFuncRef, VMTable};

/// Upper bound on a table's length, so a huge `table.grow` fails (returns -1) instead of
/// exhausting host memory.
pub const MAX_TABLE_ELEMENTS: u32 = 10_000_000;

pub(crate) struct TableData {
    vm: UnsafeCell<VMTable>,
    elements: UnsafeCell<Vec<usize>>,
    elem: ValType,
    elem_ref: RefDetail,
    declared_max: Option<u64>,
    table64: bool,
    /// The instance that defined this table (null for host tables); its own functions need no
    /// keep-alive (that would be a cycle).
    owner: Cell<*const InstanceInner>,
    keep_alive: RefCell<Vec<Rc<InstanceInner>>>,
}

impl TableData {
    pub(crate) fn new(ty: TableType, init: usize) -> Result<TableData, ResourceError> {
        if ty.min > MAX_TABLE_ELEMENTS as u64 {
            return Err(ResourceError(format!("table size {} exceeds the runtime's limit", ty.min)));
        }
        let mut elements = Vec::new();
        elements
            .try_reserve_exact(ty.min as usize)
            .map_err(|_| ResourceError(format!("cannot allocate a table of {} elements", ty.min)))?;
        elements.resize(ty.min as usize, init);
        let t = TableData {
            vm: UnsafeCell::new(VMTable { elements: std::ptr::null_mut(), size: 0, max: ty.max.map_or(u32::MAX, |m| m.min(u32::MAX as u64) as u32) }),
            elements: UnsafeCell::new(elements),
            elem: ty.elem,
            elem_ref: ty.elem_ref,
            declared_max: ty.max,
            table64: ty.table64,
            owner: Cell::new(std::ptr::null()),
            keep_alive: RefCell::new(Vec::new()),
        };
        t.sync_vm();
        t.retain(init);
        Ok(t)
    }

    pub(crate) fn vm(&self) -> *mut VMTable {
        self.vm.get()
    }

    pub(crate) fn set_owner(&self, owner: *const InstanceInner) {
        self.owner.set(owner);
    }

    pub(crate) fn elem_type(&self) -> ValType {
        self.elem
    }

    pub(crate) fn ty(&self) -> TableType {
        TableType { elem: self.elem, min: self.size() as u64, max: self.declared_max, elem_ref: self.elem_ref, table64: self.table64 }
    }

    /// Publishes the vector's (possibly moved) buffer and length to generated code.
    fn sync_vm(&self) {
        let (ptr, len) = self.with_elems(|e| (e.as_mut_ptr(), e.len() as u32));
        // SAFETY: generated code only reads the VMTable, never concurrently with this write.
        unsafe {
            let vm = &mut *self.vm.get();
            vm.elements = ptr;
            vm.size = len;
        }
    }

    /// Runs `f` on the element vector. Nothing in `f` re-enters the table (no Wasm runs), so the
    /// exclusive borrow is never aliased.
    fn with_elems<R>(&self, f: impl FnOnce(&mut Vec<usize>) -> R) -> R {
        // SAFETY: see above; the table is only used from its instance's thread.
        f(unsafe { &mut *self.elements.get() })
    }

    pub(crate) fn size(&self) -> u32 {
        self.with_elems(|e| e.len() as u32)
    }

    /// Keeps the instance owning a stored function reference alive as long as this table.
    fn retain(&self, value: usize) {
        if self.elem != ValType::FuncRef || value == 0 {
            return;
        }
        // SAFETY: funcref elements are only ever written by this file, with pointers to live
        // VMFuncRefs whose vmctx belongs to an Rc-allocated instance.
        unsafe {
            let vmctx = (*(value as *const VMFuncRef)).vmctx;
            if vmctx.is_null() {
                return;
            }
            let inst = (*vmctx).instance as *const InstanceInner;
            if inst.is_null() || inst == self.owner.get() {
                return;
            }
            let Ok(mut keep) = self.keep_alive.try_borrow_mut() else { return };
            if keep.iter().rev().any(|k| Rc::as_ptr(k) == inst) {
                return;
            }
            Rc::increment_strong_count(inst);
            keep.push(Rc::from_raw(inst));
        }
    }

    pub(crate) fn get(&self, index: u64) -> Option<usize> {
        let i = usize::try_from(index).ok()?;
        self.with_elems(|e| e.get(i).copied())
    }

    pub(crate) fn set(&self, index: u64, value: usize) -> Result<(), ()> {
        let i = usize::try_from(index).map_err(|_| ())?;
        self.with_elems(|e| e.get_mut(i).map(|slot| *slot = value)).ok_or(())?;
        self.retain(value);
        Ok(())
    }

    /// `table.grow`: the old size, or `None` past the maximum (or the runtime's limit).
    pub(crate) fn grow(&self, delta: u64, init: usize) -> Option<u32> {
        let old = self.size();
        let new = (old as u64).checked_add(delta)?;
        if new > self.declared_max.unwrap_or(u64::MAX) || new > MAX_TABLE_ELEMENTS as u64 {
            return None;
        }
        let (new, delta) = (new as u32, delta as u32);
        self.with_elems(|e| {
            e.try_reserve(delta as usize).ok()?;
            e.resize(new as usize, init);
            Some(())
        })?;
        self.sync_vm();
        if delta > 0 {
            self.retain(init);
        }
        Some(old)
    }

    pub(crate) fn fill(&self, dst: u64, value: usize, len: u64) -> Result<(), ()> {
        let end = check_range(dst, len, self.size())?;
        self.with_elems(|e| e[dst as usize..end].fill(value));
        if len > 0 {
            self.retain(value);
        }
        Ok(())
    }

    /// `table.init` / writing an element segment: `items[src..src+len]` to `dst..`.
    pub(crate) fn init(&self, dst: u64, items: &[usize], src: u32, len: u32) -> Result<(), ()> {
        let src_end = check_range(src as u64, len as u64, items.len() as u32)?;
        let dst_end = check_range(dst, len as u64, self.size())?;
        let items = &items[src as usize..src_end];
        self.with_elems(|e| e[dst as usize..dst_end].copy_from_slice(items));
        for &v in items {
            self.retain(v);
        }
        Ok(())
    }

    /// `table.copy`, possibly within one table (overlapping ranges are handled).
    pub(crate) fn copy(dst_table: &TableData, src_table: &TableData, dst: u64, src: u64, len: u64) -> Result<(), ()> {
        let src_end = check_range(src, len, src_table.size())?;
        let dst_end = check_range(dst, len, dst_table.size())?;
        if std::ptr::eq(dst_table, src_table) {
            dst_table.with_elems(|e| e.copy_within(src as usize..src_end, dst as usize));
            return Ok(());
        }
        let values = src_table.with_elems(|e| e[src as usize..src_end].to_vec());
        dst_table.with_elems(|e| e[dst as usize..dst_end].copy_from_slice(&values));
        for v in values {
            dst_table.retain(v);
        }
        Ok(())
    }
}

/// `start + len <= size` (the core's rule, shared with firmware tables), returning `start + len`.
fn check_range(start: u64, len: u64, size: u32) -> Result<usize, ()> {
    match wasmkiln_core::table::in_bounds(size, start, len) {
        // Within the size, so the sum fits.
        true => Ok((start + len) as usize),
        false => Err(()),
    }
}

/// A table, shared by every instance that defines or imports it. Holding it keeps the defining
/// instance (whose functions it may contain) alive.
#[derive(Clone)]
pub struct Table {
    pub(crate) data: Rc<TableData>,
    pub(crate) _owner: Option<Rc<InstanceInner>>,
}

impl Table {
    /// A new host table of `ty.min` null elements (e.g. `spectest.table`).
    pub fn new(ty: TableType) -> Result<Table, ResourceError> {
        if !ty.elem.is_ref() {
            return Err(ResourceError(format!("a table cannot hold {}", ty.elem)));
        }
        Ok(Table { data: Rc::new(TableData::new(ty, 0)?), _owner: None })
    }

    /// The current type: `min` is the current size.
    pub fn ty(&self) -> TableType {
        self.data.ty()
    }

    pub fn size(&self) -> u32 {
        self.data.size()
    }

    /// The raw element at `index` (a `*const VMFuncRef` or an externref value; 0 is null).
    pub fn get_raw(&self, index: u32) -> Option<usize> {
        self.data.get(index as u64)
    }

    /// Stores a function (or null) at `index`; `false` when out of bounds or not a funcref table.
    pub fn set_func(&self, index: u32, func: Option<&crate::Func>) -> bool {
        if self.data.elem_type() != ValType::FuncRef {
            return false;
        }
        match func {
            None => self.data.set(index as u64, 0).is_ok(),
            Some(f) => match f.raw_ref() {
                Some(p) => self.data.set(index as u64, p as usize).is_ok(),
                None => false,
            },
        }
    }

    /// Stores an externref value (0 is null) at `index`; `false` when out of bounds or not an
    /// externref table.
    pub fn set_extern(&self, index: u32, value: usize) -> bool {
        self.data.elem_type() == ValType::ExternRef && self.data.set(index as u64, value).is_ok()
    }

    /// `table.grow` with null elements: the old size, or `None` on failure.
    pub fn grow(&self, delta: u32) -> Option<u32> {
        self.data.grow(delta as u64, 0)
    }

    /// Whether two handles name the same table.
    pub fn same(&self, other: &Table) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(min: u64, max: Option<u64>) -> TableData {
        TableData::new(TableType::new(ValType::ExternRef, min, max), 0).unwrap()
    }

    #[test]
    fn grow_updates_the_vm_view() {
        let t = table(2, Some(5));
        assert_eq!(t.grow(2, 7), Some(2));
        let vm = unsafe { &*t.vm() };
        assert_eq!(vm.size, 4);
        assert_eq!(unsafe { *vm.elements.add(3) }, 7);
        assert_eq!(vm.max, 5);
        assert_eq!(t.grow(2, 0), None);
        assert_eq!(t.grow(1, 0), Some(4));
        assert_eq!(t.grow(0, 0), Some(5));
        let unbounded = table(0, None);
        assert_eq!(unbounded.grow(MAX_TABLE_ELEMENTS as u64 + 1, 0), None);
        assert_eq!(unbounded.grow(u32::MAX as u64, 0), None);
        // table64: deltas and indices past 2^32 fail, they do not wrap.
        assert_eq!(unbounded.grow((1 << 32) + 1, 0), None);
        assert_eq!(unbounded.grow(u64::MAX, 0), None);
        assert_eq!(t.get((1 << 32) + 1), None);
        assert!(t.set(1 << 32, 1).is_err());
    }

    #[test]
    fn bounds_follow_the_spec() {
        let t = table(4, None);
        assert!(t.fill(4, 1, 0).is_ok()); // empty at the end is fine
        assert!(t.fill(5, 1, 0).is_err()); // empty past the end is not
        assert!(t.fill(2, 9, 2).is_ok());
        assert!(t.fill(3, 9, 2).is_err());
        assert_eq!((0..4).map(|i| t.get(i).unwrap()).collect::<Vec<_>>(), [0, 0, 9, 9]);
        assert!(t.set(4, 1).is_err());
        assert!(t.get(4).is_none());
        assert!(t.init(0, &[1, 2, 3], 1, 2).is_ok());
        assert_eq!(t.get(0), Some(2));
        assert_eq!(t.get(1), Some(3));
        assert!(t.init(0, &[1, 2, 3], 2, 2).is_err());
        assert!(t.init(0, &[1, 2, 3], 3, 0).is_ok());
        assert!(t.init(0, &[1, 2, 3], 4, 0).is_err());
        assert!(t.fill(u32::MAX as u64, 0, 2).is_err());
        assert!(t.fill(u64::MAX, 0, 2).is_err());
        assert!(t.fill((1 << 32) + 2, 9, 2).is_err());
    }

    #[test]
    fn copy_handles_overlap_both_ways() {
        let t = table(5, None);
        t.init(0, &[1, 2, 3, 4, 5], 0, 5).unwrap();
        TableData::copy(&t, &t, 1, 0, 3).unwrap();
        assert_eq!((0..5).map(|i| t.get(i).unwrap()).collect::<Vec<_>>(), [1, 1, 2, 3, 5]);
        TableData::copy(&t, &t, 0, 2, 3).unwrap();
        assert_eq!((0..5).map(|i| t.get(i).unwrap()).collect::<Vec<_>>(), [2, 3, 5, 3, 5]);
        let u = table(2, None);
        assert!(TableData::copy(&u, &t, 0, 3, 2).is_ok());
        assert_eq!(u.get(1), Some(5));
        assert!(TableData::copy(&u, &t, 1, 3, 2).is_err());
        assert!(TableData::copy(&u, &t, 0, 4, 2).is_err());
    }
}
