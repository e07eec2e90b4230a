//! The runtime functions generated code calls, listed once.
//!
//! `for_each_libcall!(m)` expands `m! { name(arg: ty, ...) -> ret; ... }` with every libcall.
//! The compiler expands it to declare them in LLVM; the runtime expands it to assert that its
//! definitions have exactly these signatures, so the two cannot drift. The symbol of `name` is
//! `wasmkiln_<name>` ([`crate::symbols::LIBCALL_PREFIX`]).
//!
//! Type words: `vmctx` (`*mut VMContext`), `i32` (u32), `i64` (u64), `ptr` (usize: a raw
//! reference), `never` (does not return), `unwind` (does not return: leaves by native
//! unwinding, so the compiler does not mark it `nounwind`). Memory addresses, table indices,
//! lengths and deltas are `i64` (a 32-bit memory's or table's zero-extended), unsigned; offsets
//! and lengths within a segment stay `i32`.

#[macro_export]
macro_rules! for_each_libcall {
    ($m:ident) => {
        $m! {
            // memory.grow: old size in pages, or -1 (u64::MAX) on failure.
            memory_grow(vmctx: vmctx, mem: i32, delta: i64) -> i64;
            // Bulk memory; each traps with MemoryOutOfBounds on a bad range.
            memory_fill(vmctx: vmctx, mem: i32, dst: i64, val: i32, len: i64) -> void;
            memory_copy(vmctx: vmctx, dst_mem: i32, src_mem: i32, dst: i64, src: i64, len: i64) -> void;
            memory_init(vmctx: vmctx, mem: i32, seg: i32, dst: i64, src: i32, len: i32) -> void;
            data_drop(vmctx: vmctx, seg: i32) -> void;
            // Threads: `memory.atomic.wait32/64` at `addr + offset` (the sum checked for
            // overflow) with a timeout in nanoseconds (negative: none): 0 woken, 1 the value was
            // not `expected`, 2 timed out; traps with ExpectedSharedMemory on an unshared memory.
            // `memory.atomic.notify`: wakes up to `count` waiters, returns how many. Both trap
            // with MemoryOutOfBounds first (the compiler has checked the alignment).
            memory_atomic_wait32(vmctx: vmctx, mem: i32, addr: i64, offset: i64, expected: i32, timeout: i64) -> i32;
            memory_atomic_wait64(vmctx: vmctx, mem: i32, addr: i64, offset: i64, expected: i64, timeout: i64) -> i32;
            memory_atomic_notify(vmctx: vmctx, mem: i32, addr: i64, offset: i64, count: i32) -> i32;
            // Tables; each traps with TableOutOfBounds on a bad index or range.
            table_get(vmctx: vmctx, table: i32, idx: i64) -> ptr;
            table_set(vmctx: vmctx, table: i32, idx: i64, val: ptr) -> void;
            // table.grow: old size, or -1 (u64::MAX) on failure.
            table_grow(vmctx: vmctx, table: i32, init: ptr, delta: i64) -> i64;
            table_fill(vmctx: vmctx, table: i32, dst: i64, val: ptr, len: i64) -> void;
            table_copy(vmctx: vmctx, dst_table: i32, src_table: i32, dst: i64, src: i64, len: i64) -> void;
            table_init(vmctx: vmctx, table: i32, seg: i32, dst: i64, src: i32, len: i32) -> void;
            elem_drop(vmctx: vmctx, seg: i32) -> void;
            // Ends the current Wasm call with the given TrapCode.
            trap(vmctx: vmctx, code: i32) -> never;
            // The stand-in of function import `func` that nothing defines (--trap-unknown-imports):
            // traps, naming the import.
            unresolved_import(vmctx: vmctx, func: i32) -> never;
            // Exception handling (the `VMException` contract in vmctx.rs). A new exception of
            // `tag` (a `VMTag` pointer) with room for `count` payload values, which the caller
            // stores; `pins` is 0.
            exception_new(vmctx: vmctx, tag: ptr, count: i32) -> ptr;
            // Throws `exn` (from `exception_new`, or caught earlier) by native unwinding, to the
            // innermost landing pad of a Wasm frame (personality `wasmkiln_personality`). If no
            // frame catches it, it ends the Wasm call like `uncaught_exception`.
            throw(vmctx: vmctx, exn: ptr) -> unwind;
            // A `try_table` clause took the payload of `exn`: frees it if nothing pins it.
            exception_drop(vmctx: vmctx, exn: ptr) -> void;
            // A legacy handler holding `held` (one of its pins) is left: unpins it and frees it
            // if that was the last pin, unless it is `in_flight` (being thrown on: null if none).
            exception_release(vmctx: vmctx, held: ptr, in_flight: ptr) -> void;
            // An exception reached a boundary where Wasm is entered from the host (array-call
            // trampolines, init): ends the call with a trap of kind "uncaught exception".
            uncaught_exception(vmctx: vmctx, exn: ptr) -> never;
        }
    };
}

/// The Rust type of a type word (for the runtimes' definitions).
#[macro_export]
macro_rules! libcall_rust_type {
    (vmctx) => { *mut $crate::VMContext };
    (i32) => { u32 };
    (i64) => { u64 };
    (ptr) => { usize };
    (void) => { () };
    (never) => { ! };
    (unwind) => { ! };
}

/// Expanded by a runtime as `for_each_libcall!(assert_libcall_signatures)` where its libcalls are
/// in scope: a constant of each listed function-pointer type initialized with the runtime's
/// definition, so a missing libcall or a signature mismatch fails to compile.
#[macro_export]
macro_rules! assert_libcall_signatures {
    ($($name:ident($($arg:ident: $ty:ident),*) -> $ret:ident;)*) => {
        $( const _: unsafe extern "C" fn($($crate::libcall_rust_type!($ty)),*) -> $crate::libcall_rust_type!($ret) = $name; )*
    };
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::vec::Vec;

    macro_rules! names {
        ($($name:ident($($arg:ident: $ty:ident),*) -> $ret:ident;)*) => {
            [$(stringify!($name)),*]
        };
    }

    #[test]
    fn libcall_names_are_unique() {
        let names = for_each_libcall!(names);
        let mut sorted: Vec<_> = names.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }
}
