//! The runtime functions generated code calls (`wasmkiln_abi::for_each_libcall!`), with the
//! spec's semantics (the memory operations are `wasmkiln_core::memory`'s, shared with the
//! firmware runtime): bounds checks before any effect, `MemoryOutOfBounds` for memory
//! operations and `TableOutOfBounds` for table operations, overlapping copies, and empty
//! ranges allowed exactly at the end. Indices refer to the calling instance's index spaces.
//!
//! Each is exported as `wasmkiln_<name>`; the list is expanded at the bottom to assert at
//! compile time that every signature matches the ABI crate.

use crate::atomics;
use crate::exception;
use crate::instance::InstanceInner;
use crate::table::TableData;
use crate::trap::{raise, Trap};
use wasmkiln_abi::{TrapCode, VMContext, VMException, VMTag};
use wasmkiln_core::memory;

/// Defines a libcall exported as `wasmkiln_<name>`.
macro_rules! libcall {
    ($(#[$meta:meta])* fn $name:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)? $body:block) => {
        $(#[$meta])*
        #[export_name = concat!("wasmkiln_", stringify!($name))]
        pub unsafe extern "C" fn $name($($arg: $ty),*) $(-> $ret)? $body
    };
}

/// The calling instance.
///
/// # Safety
/// `vmctx` is what generated code passes: the context of a live instance.
unsafe fn instance<'a>(vmctx: *mut VMContext) -> &'a InstanceInner {
    InstanceInner::from_vmctx(vmctx)
}

/// Raises the trap of a failed check. Called after every temporary has been dropped.
fn check(result: Result<(), TrapCode>) {
    if let Err(code) = result {
        raise(Trap::new(code))
    }
}

fn table_result(r: Result<(), ()>) -> Result<(), TrapCode> {
    r.map_err(|()| TrapCode::TableOutOfBounds)
}

libcall! {
    /// `memory.grow`: the old size in pages, or -1 (a 32-bit memory's result is truncated by
    /// the caller: its size stays below 2^32 - 1 pages).
    fn memory_grow(vmctx: *mut VMContext, mem: u32, delta: u64) -> u64 {
        instance(vmctx).memory(mem).and_then(|m| m.grow(delta)).unwrap_or(u64::MAX)
    }
}

libcall! {
    fn memory_fill(vmctx: *mut VMContext, mem: u32, dst: u64, val: u32, len: u64) {
        let r = match instance(vmctx).memory(mem) {
            Some(m) => memory::fill(m.def(), dst, val as u8, len),
            None => Err(TrapCode::MemoryOutOfBounds),
        };
        check(r)
    }
}

libcall! {
    fn memory_copy(vmctx: *mut VMContext, dst_mem: u32, src_mem: u32, dst: u64, src: u64, len: u64) {
        let inst = instance(vmctx);
        let r = match (inst.memory(dst_mem), inst.memory(src_mem)) {
            (Some(d), Some(s)) => memory::copy(d.def(), s.def(), dst, src, len),
            _ => Err(TrapCode::MemoryOutOfBounds),
        };
        check(r)
    }
}

libcall! {
    fn memory_init(vmctx: *mut VMContext, mem: u32, seg: u32, dst: u64, src: u32, len: u32) {
        let inst = instance(vmctx);
        let r = match (inst.memory(mem), inst.data_segment(seg)) {
            (Some(m), Some(data)) => memory::init(m.def(), data, dst, src, len),
            _ => Err(TrapCode::MemoryOutOfBounds),
        };
        check(r)
    }
}

/// The shared memory `mem` and the address of an atomic access of `bytes` at `addr + offset`,
/// or the trap: out of bounds, then (for a wait) not shared.
unsafe fn atomic_target(vmctx: *mut VMContext, mem: u32, addr: u64, offset: u64, bytes: u64, wait: bool) -> Result<*mut u8, TrapCode> {
    let m = instance(vmctx).memory(mem).ok_or(TrapCode::MemoryOutOfBounds)?;
    let p = memory::atomic_address(m.def(), addr, offset, bytes)?;
    if wait && !m.is_shared() {
        return Err(TrapCode::ExpectedSharedMemory);
    }
    Ok(p)
}

fn value_or_trap(r: Result<u32, TrapCode>) -> u32 {
    r.unwrap_or_else(|code| raise(Trap::new(code)))
}

libcall! {
    fn memory_atomic_wait32(vmctx: *mut VMContext, mem: u32, addr: u64, offset: u64, expected: u32, timeout: u64) -> u32 {
        let r = atomic_target(vmctx, mem, addr, offset, 4, true).map(|p| atomics::wait(p, atomics::Expected::U32(expected), timeout as i64));
        value_or_trap(r)
    }
}

libcall! {
    fn memory_atomic_wait64(vmctx: *mut VMContext, mem: u32, addr: u64, offset: u64, expected: u64, timeout: u64) -> u32 {
        let r = atomic_target(vmctx, mem, addr, offset, 8, true).map(|p| atomics::wait(p, atomics::Expected::U64(expected), timeout as i64));
        value_or_trap(r)
    }
}

libcall! {
    /// An unshared memory has no waiters: 0 after the checks.
    fn memory_atomic_notify(vmctx: *mut VMContext, mem: u32, addr: u64, offset: u64, count: u32) -> u32 {
        let r = atomic_target(vmctx, mem, addr, offset, 4, false).map(|p| atomics::notify(p, count));
        value_or_trap(r)
    }
}

libcall! {
    fn data_drop(vmctx: *mut VMContext, seg: u32) {
        instance(vmctx).drop_data(seg)
    }
}

libcall! {
    fn table_get(vmctx: *mut VMContext, table: u32, idx: u64) -> usize {
        let r = instance(vmctx).table(table).and_then(|t| t.get(idx));
        match r {
            Some(v) => v,
            None => raise(Trap::new(TrapCode::TableOutOfBounds)),
        }
    }
}

libcall! {
    fn table_set(vmctx: *mut VMContext, table: u32, idx: u64, val: usize) {
        let r = match instance(vmctx).table(table) {
            Some(t) => table_result(t.set(idx, val)),
            None => Err(TrapCode::TableOutOfBounds),
        };
        check(r)
    }
}

libcall! {
    /// `table.grow`: the old size, or -1.
    fn table_grow(vmctx: *mut VMContext, table: u32, init: usize, delta: u64) -> u64 {
        instance(vmctx).table(table).and_then(|t| t.grow(delta, init)).map_or(u64::MAX, u64::from)
    }
}

libcall! {
    fn table_fill(vmctx: *mut VMContext, table: u32, dst: u64, val: usize, len: u64) {
        let r = match instance(vmctx).table(table) {
            Some(t) => table_result(t.fill(dst, val, len)),
            None => Err(TrapCode::TableOutOfBounds),
        };
        check(r)
    }
}

libcall! {
    fn table_copy(vmctx: *mut VMContext, dst_table: u32, src_table: u32, dst: u64, src: u64, len: u64) {
        let inst = instance(vmctx);
        let r = match (inst.table(dst_table), inst.table(src_table)) {
            (Some(d), Some(s)) => table_result(TableData::copy(d, s, dst, src, len)),
            _ => Err(TrapCode::TableOutOfBounds),
        };
        check(r)
    }
}

libcall! {
    fn table_init(vmctx: *mut VMContext, table: u32, seg: u32, dst: u64, src: u32, len: u32) {
        let inst = instance(vmctx);
        let r = match (inst.table(table), inst.elem_segment(seg)) {
            (Some(t), Some(items)) => table_result(t.init(dst, &items, src, len)),
            _ => Err(TrapCode::TableOutOfBounds),
        };
        check(r)
    }
}

libcall! {
    fn elem_drop(vmctx: *mut VMContext, seg: u32) {
        instance(vmctx).drop_elem(seg)
    }
}

libcall! {
    /// Ends the current Wasm call with `code` (a `TrapCode`).
    fn trap(_vmctx: *mut VMContext, code: u32) -> ! {
        match TrapCode::from_u32(code) {
            Some(c) => raise(Trap::new(c)),
            None => raise(Trap::host(format!("unknown trap code {code}"))),
        }
    }
}

libcall! {
    /// The stand-in of a function import that nothing defined (`--trap-unknown-imports`).
    fn unresolved_import(vmctx: *mut VMContext, func: u32) -> ! {
        let trap = {
            let name = instance(vmctx).func_import_name(func).unwrap_or_else(|| format!("function {func}"));
            Trap::host(format!("call to unresolved import {name}"))
        };
        raise(trap)
    }
}

libcall! {
    /// A new exception of `tag` with room for `count` payload values (exception.rs).
    fn exception_new(_vmctx: *mut VMContext, tag: usize, count: u32) -> usize {
        exception::new(tag as *const VMTag, count) as usize
    }
}

libcall! {
    /// Throws `exn` by native unwinding (eh.c); ends the call as uncaught if nothing catches it.
    /// Nothing else here: this frame must have no landing pad.
    fn throw(vmctx: *mut VMContext, exn: usize) -> ! {
        exception::throw(vmctx, exn as *mut VMException)
    }
}

libcall! {
    /// A `try_table` clause took the payload of `exn`: freed if nothing pins it.
    fn exception_drop(_vmctx: *mut VMContext, exn: usize) {
        exception::drop_exception(exn as *mut VMException)
    }
}

libcall! {
    /// A legacy handler holding `held` is left: unpinned, freed at its last pin unless it is
    /// `in_flight` (being thrown on).
    fn exception_release(_vmctx: *mut VMContext, held: usize, in_flight: usize) {
        exception::release(held as *mut VMException, in_flight as *mut VMException)
    }
}

libcall! {
    /// An exception reached the boundary where the host entered Wasm: ends the call with a trap
    /// describing it (tag name and payload); the exception is freed unless it escaped.
    fn uncaught_exception(_vmctx: *mut VMContext, exn: usize) -> ! {
        let trap = exception::uncaught(exn as *mut VMException);
        raise(trap)
    }
}

// Every libcall of the ABI list, with exactly the listed signature, or this fails to compile.
use wasmkiln_abi::assert_libcall_signatures;
wasmkiln_abi::for_each_libcall!(assert_libcall_signatures);
