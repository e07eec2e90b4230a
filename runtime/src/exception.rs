//! WebAssembly exceptions, the runtime's half (the compiler's is `throw`/`try_table` code with
//! landing pads): the `VMException` objects generated code holds (`exnref`s), throwing them by
//! native unwinding, and uncaught exceptions as [`Trap`]s.
//!
//! - An exception is one allocation (eh.c): the unwinder's `_Unwind_Exception` header, then the
//!   ABI's `VMException` and its payload `ValRaw`s at `EXCEPTION_VALUES_OFFSET`. Generated code
//!   only sees the `VMException` pointer.
//! - `throw` raises it with `_Unwind_RaiseException`; `wasmkiln_personality` (eh.c) installs
//!   the landing pad of the innermost Wasm frame whose call site has one. A handler that is
//!   done with the exception drops it (`exception_drop`), which frees it unless it escaped.
//! - **Known leak:** an exception exposed as an `exnref` (`catch_ref`, `catch_all_ref`; generated
//!   code sets `escaped`) may be stored anywhere (locals, globals, tables, other exceptions), and
//!   the runtime does not trace references, so it is never freed.
//! - The runtime enters Wasm through eh_barrier.c, whose frames have no unwind information, so
//!   an exception that no Wasm frame catches makes `_Unwind_RaiseException` return instead of
//!   reaching Rust frames; `throw` then ends the call as generated trampolines do when an
//!   exception reaches them: [`uncaught`], a trap of kind [`crate::TrapKind::Exception`].

use crate::tag;
use crate::trap::{raise, Trap, UncaughtException};
use std::ffi::c_void;
use wasmkiln_abi::{ArrayCallFn, InitFn, VMContext, VMException, VMTag, ValRaw, EXCEPTION_VALUES_OFFSET};

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

/// A new exception of `tag` with room for `count` payload values (zero), not escaped.
pub(crate) fn new(tag: *const VMTag, count: u32) -> *mut VMException {
    let bytes = EXCEPTION_VALUES_OFFSET + count as usize * std::mem::size_of::<ValRaw>();
    // SAFETY: eh.c's allocator; it returns zeroed, 16-aligned memory of `bytes` or null.
    let exn = unsafe { wasmkiln_eh_alloc(bytes) } as *mut VMException;
    if exn.is_null() {
        raise(Trap::host("out of memory allocating an exception"))
    }
    // SAFETY: freshly allocated with room for the header.
    unsafe { exn.write(VMException { tag, escaped: 0, count }) };
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

/// A handler is done with `exn`: frees it unless it escaped as an `exnref` (see the module
/// documentation's known leak).
///
/// # Safety
/// `exn` is a live exception from [`new`], not used afterwards unless it escaped.
pub(crate) unsafe fn release(exn: *mut VMException) {
    if !exn.is_null() && (*exn).escaped == 0 {
        wasmkiln_eh_free(exn as *mut c_void)
    }
}

/// eh.c's `exception_cleanup` (a foreign runtime ended one of our exceptions).
#[no_mangle]
unsafe extern "C" fn wasmkiln_exception_release(vm: *mut c_void) {
    release(vm as *mut VMException)
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
    release(exn);
    Trap::exception(UncaughtException { tag, ty, values })
}
