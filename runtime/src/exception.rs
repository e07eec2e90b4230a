//! WebAssembly exceptions, the runtime's half (the compiler's is `throw`/`try_table` code with
//! landing pads): the `VMException` objects generated code holds (`exnref`s), throwing them by
//! native unwinding, and uncaught exceptions as [`Trap`]s.
//!
//! - An exception is one allocation (eh.c): the unwinder's `_Unwind_Exception` header, then the
//!   ABI's `VMException` and its payload `ValRaw`s at `EXCEPTION_VALUES_OFFSET`. Generated code
//!   only sees the `VMException` pointer.
//! - `throw` raises it with `_Unwind_RaiseException`; `wasmkiln_personality` (eh.c) installs
//!   the landing pad of the innermost Wasm frame whose call site has one.
//! - Lifetime (`VMException::pins`, which generated code maintains): a `try_table` clause that
//!   took the payload drops it (`exception_drop`: freed if nothing pins it); a legacy handler
//!   pins it while it runs and releases it when left (`exception_release`: unpinned, freed at the
//!   last pin unless it is the exception being thrown on).
//! - **Known leak:** an exception exposed as an `exnref` (`catch_ref`, `catch_all_ref`; generated
//!   code sets `EXCEPTION_ESCAPED` in its pins) may be stored anywhere (locals, globals, tables,
//!   other exceptions), and the runtime does not trace references, so it is never freed.
//! - The runtime enters Wasm through eh_barrier.c, whose frames have no unwind information, so
//!   an exception that no Wasm frame catches makes `_Unwind_RaiseException` return instead of
//!   reaching Rust frames; `throw` then ends the call as generated trampolines do when an
//!   exception reaches them: [`uncaught`], a trap of kind [`crate::TrapKind::Exception`].

use crate::tag;
use crate::trap::{raise, Trap, UncaughtException};
use std::ffi::c_void;
use wasmkiln_abi::{ArrayCallFn, InitFn, VMContext, VMException, VMTag, ValRaw, EXCEPTION_ESCAPED, EXCEPTION_VALUES_OFFSET};

extern "C" {
    fn wasmkiln_eh_alloc(bytes: usize) -> *mut c_void;
    fn wasmkiln_eh_free(vm: *mut c_void);
    fn wasmkiln_eh_throw(vmctx: *mut VMContext, vm: *mut c_void) -> !;
    fn wasmkiln_enter_array(f: ArrayCallFn, vmctx: *mut VMContext, values: *mut ValRaw);
    fn wasmkiln_enter_init(f: InitFn, vmctx: *mut VMContext);
}

/// The address of `wasmkiln_personality` (eh.c), which generated code names in its unwind
/// information ([`wasmkiln_abi::symbols::PERSONALITY`]).
pub(crate) fn personality() -> *const c_void {
    extern "C" {
        fn wasmkiln_personality();
    }
    wasmkiln_personality as *const c_void
}

/// Calls an array-call trampoline through the exception barrier (eh_barrier.c).
///
/// # Safety
/// As calling `f(vmctx, values)` directly.
pub(crate) unsafe fn enter_array(f: ArrayCallFn, vmctx: *mut VMContext, values: *mut ValRaw) {
    wasmkiln_enter_array(f, vmctx, values)
}

/// Calls a module's `init` through the exception barrier (eh_barrier.c).
///
/// # Safety
/// As calling `f(vmctx)` directly.
pub(crate) unsafe fn enter_init(f: InitFn, vmctx: *mut VMContext) {
    wasmkiln_enter_init(f, vmctx)
}

/// A new exception of `tag` with room for `count` payload values (zero), not pinned.
pub(crate) fn new(tag: *const VMTag, count: u32) -> *mut VMException {
    let bytes = EXCEPTION_VALUES_OFFSET + count as usize * std::mem::size_of::<ValRaw>();
    // SAFETY: eh.c's allocator; it returns zeroed, 16-aligned memory of `bytes` or null.
    let exn = unsafe { wasmkiln_eh_alloc(bytes) } as *mut VMException;
    if exn.is_null() {
        raise(Trap::host("out of memory allocating an exception"))
    }
    // SAFETY: freshly allocated with room for the header.
    unsafe { exn.write(VMException { tag, pins: 0, count }) };
    exn
}

/// The payload values of `exn`.
///
/// # Safety
/// `exn` is a live exception from [`new`].
pub(crate) unsafe fn values<'a>(exn: *mut VMException) -> &'a mut [ValRaw] {
    let first = (exn as *mut u8).add(EXCEPTION_VALUES_OFFSET) as *mut ValRaw;
    std::slice::from_raw_parts_mut(first, (*exn).count as usize)
}

/// A `try_table` clause took the payload of `exn`: frees it if nothing pins it.
///
/// # Safety
/// `exn` is a live exception from [`new`], not used afterwards unless it is pinned.
pub(crate) unsafe fn drop_exception(exn: *mut VMException) {
    if !exn.is_null() && (*exn).pins == 0 {
        wasmkiln_eh_free(exn as *mut c_void)
    }
}

/// A legacy handler holding `held` is left: one pin less; freed at the last pin unless it is
/// `in_flight`, the exception being thrown on past the handler (then its next handler or the
/// host frees it).
///
/// # Safety
/// `held` is a live exception from [`new`] pinned by the caller.
pub(crate) unsafe fn release(held: *mut VMException, in_flight: *mut VMException) {
    if held.is_null() {
        return;
    }
    (*held).pins = (*held).pins.wrapping_sub(1);
    if (*held).pins == 0 && held != in_flight {
        wasmkiln_eh_free(held as *mut c_void)
    }
}

/// Frees `exn` unless it escaped as an `exnref`: nothing else can reach it once it has left
/// every Wasm frame (pins of handlers in unwound frames are stale).
unsafe fn free_unless_escaped(exn: *mut VMException) {
    if !exn.is_null() && (*exn).pins & EXCEPTION_ESCAPED == 0 {
        wasmkiln_eh_free(exn as *mut c_void)
    }
}

/// eh.c's `exception_cleanup` (a foreign runtime ended one of our exceptions).
#[no_mangle]
unsafe extern "C" fn wasmkiln_eh_cleanup(vm: *mut c_void) {
    free_unless_escaped(vm as *mut VMException)
}

/// Raises `exn` (eh.c); if no Wasm frame catches it, ends the call like [`uncaught`]. The
/// caller must hold nothing with a destructor, and its frame must have no landing pad (a Rust
/// personality would stop the search): the `throw` libcall calls only this.
///
/// # Safety
/// `exn` is a live exception from [`new`]; `vmctx` the calling instance's.
#[inline(always)]
pub(crate) unsafe fn throw(vmctx: *mut VMContext, exn: *mut VMException) -> ! {
    wasmkiln_eh_throw(vmctx, exn as *mut c_void)
}

/// The trap of an exception that reached the host, which it releases.
///
/// # Safety
/// `exn` is a live exception from [`new`], not used afterwards.
pub(crate) unsafe fn uncaught(exn: *mut VMException) -> Trap {
    let values = values(exn).to_vec();
    let (tag, ty) = match tag::describe((*exn).tag) {
        Some((name, ty)) => (name, Some(ty)),
        None => ("unknown".to_string(), None),
    };
    free_unless_escaped(exn);
    Trap::exception(UncaughtException { tag, ty, values })
}
