//! The wasmkiln runtime for firmware: Cortex-M and other targets without an OS or a heap.
//!
//! It is the runtime core (`wasmkiln-core`) behind C symbols: the libcalls generated code calls
//! (`wasmkiln_abi::for_each_libcall!`, asserted below), `wasmkiln_instantiate`, which the
//! generated `wk_<module>_instantiate` calls with the module's static arena, and the
//! accessors of the C header (`--emit header`). Traps (from generated code and from the
//! libcalls) call the embedder's `wasmkiln_trap_hook(instance, code)`, which must not return;
//! the default one (trap_hook.c, a weak symbol) stops in an endless loop.
#![no_std]

use wasmkiln_abi::{symbols, ModuleDesc, TrapCode, VMContext};
use wasmkiln_core::{arena, memory, table};

extern "C" {
    /// Provided by the embedder (or the weak default of trap_hook.c); never returns.
    fn wasmkiln_trap_hook(vmctx: *mut VMContext, code: u32) -> !;
}

fn raise(vmctx: *mut VMContext, code: TrapCode) -> ! {
    // SAFETY: the hook's contract: it takes any vmctx (even null) and does not return.
    unsafe { wasmkiln_trap_hook(vmctx, code as u32) }
}

fn check(vmctx: *mut VMContext, r: Result<(), TrapCode>) {
    if let Err(code) = r {
        raise(vmctx, code)
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // Not reachable from valid use (every libcall checks its arguments); stop like a trap.
    raise(core::ptr::null_mut(), TrapCode::Unreachable)
}

/// Instantiates the module `desc` in `arena` (`len` bytes) with `memory_bytes` of linear memory
/// capacity, runs its initializer and start function, and returns the instance (its vmctx);
/// null if the arena cannot hold it (the compiler sizes it, so only a mismatched build fails).
#[no_mangle]
pub unsafe extern "C" fn wasmkiln_instantiate(desc: *const ModuleDesc, arena: *mut u8, len: usize, memory_bytes: u64) -> *mut VMContext {
    match arena::instantiate(&*desc, arena, len, memory_bytes) {
        Ok(vmctx) => {
            arena::run_init(vmctx);
            vmctx
        }
        Err(_) => core::ptr::null_mut(),
    }
}
const _: () = assert!(const_str_eq(symbols::FIRMWARE_INSTANTIATE, "wasmkiln_instantiate"));

const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Sets the lowest stack address the instance's code may use: a call that would go below it
/// traps with `call stack exhausted`. 0 (the default) checks nothing; without an MMU, a
/// recursion that overruns the stack then overwrites whatever lies below it.
#[no_mangle]
pub unsafe extern "C" fn wasmkiln_set_stack_limit(vmctx: *mut VMContext, lowest: usize) {
    (*((*vmctx).limits as *mut wasmkiln_abi::VMLimits)).stack_limit = lowest;
}

/// The base address of the instance's linear memory (null without one).
#[no_mangle]
pub unsafe extern "C" fn wasmkiln_memory_base(vmctx: *mut VMContext) -> *mut u8 {
    (*vmctx).memory_base
}

/// The current size of the instance's linear memory in bytes.
#[no_mangle]
pub unsafe extern "C" fn wasmkiln_memory_size(vmctx: *mut VMContext) -> usize {
    arena::memory(vmctx, 0).map_or(0, |m| m.size_bytes as usize)
}

/// The spec's message for a trap code, NUL-terminated ("unknown trap" for other codes).
#[no_mangle]
pub extern "C" fn wasmkiln_trap_message(code: u32) -> *const u8 {
    const N: usize = TrapCode::ALL.len();
    const LEN: usize = 40;
    // The messages with a terminating NUL, built at compile time from the ABI's list.
    const fn table() -> [[u8; LEN]; N] {
        let mut t = [[0u8; LEN]; N];
        let mut i = 0;
        while i < N {
            let m = TrapCode::ALL[i].message().as_bytes();
            assert!(m.len() < LEN);
            let mut j = 0;
            while j < m.len() {
                t[i][j] = m[j];
                j += 1;
            }
            i += 1;
        }
        t
    }
    static MESSAGES: [[u8; LEN]; N] = table();
    match TrapCode::from_u32(code) {
        Some(c) => MESSAGES[c as usize].as_ptr(),
        None => b"unknown trap\0".as_ptr(),
    }
}

/// Defines a libcall exported as `wasmkiln_<name>`.
macro_rules! libcall {
    (fn $name:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)? $body:block) => {
        #[export_name = concat!("wasmkiln_", stringify!($name))]
        pub unsafe extern "C" fn $name($($arg: $ty),*) $(-> $ret)? $body
    };
}

/// Every linear memory here is memory 0 of the calling instance.
unsafe fn mem<'a>(vmctx: *mut VMContext, index: u32) -> &'a mut wasmkiln_abi::VMMemory {
    match arena::memory(vmctx, index) {
        Some(m) => m,
        None => raise(vmctx, TrapCode::MemoryOutOfBounds),
    }
}

unsafe fn tab<'a>(vmctx: *mut VMContext, index: u32) -> &'a mut wasmkiln_abi::VMTable {
    match arena::table(vmctx, index) {
        Some(t) => t,
        None => raise(vmctx, TrapCode::TableOutOfBounds),
    }
}

libcall! {
    fn memory_grow(vmctx: *mut VMContext, mem_index: u32, delta: u64) -> u64 {
        // The arena's pages are zero and accessible already: nothing to commit.
        let m = mem(vmctx, mem_index);
        memory::grow(m, delta, m.max_pages, |_, _| true).unwrap_or(u64::MAX)
    }
}

libcall! {
    fn memory_fill(vmctx: *mut VMContext, m: u32, dst: u64, val: u32, len: u64) {
        check(vmctx, memory::fill(mem(vmctx, m), dst, val as u8, len))
    }
}

libcall! {
    fn memory_copy(vmctx: *mut VMContext, dst_mem: u32, src_mem: u32, dst: u64, src: u64, len: u64) {
        check(vmctx, memory::copy(mem(vmctx, dst_mem), mem(vmctx, src_mem), dst, src, len))
    }
}

libcall! {
    fn memory_init(vmctx: *mut VMContext, m: u32, seg: u32, dst: u64, src: u32, len: u32) {
        let data = arena::data_segment(vmctx, seg).unwrap_or(&[]);
        check(vmctx, memory::init(mem(vmctx, m), data, dst, src, len))
    }
}

// Firmware instances have no shared memory (the compiler rejects one) and a single thread:
// a wait traps after its checks, a notify wakes nobody.
libcall! {
    fn memory_atomic_wait32(vmctx: *mut VMContext, m: u32, addr: u64, offset: u64, _expected: u32, _timeout: u64) -> u32 {
        check(vmctx, memory::atomic_address(mem(vmctx, m), addr, offset, 4).map(|_| ()));
        raise(vmctx, TrapCode::ExpectedSharedMemory)
    }
}

libcall! {
    fn memory_atomic_wait64(vmctx: *mut VMContext, m: u32, addr: u64, offset: u64, _expected: u64, _timeout: u64) -> u32 {
        check(vmctx, memory::atomic_address(mem(vmctx, m), addr, offset, 8).map(|_| ()));
        raise(vmctx, TrapCode::ExpectedSharedMemory)
    }
}

libcall! {
    fn memory_atomic_notify(vmctx: *mut VMContext, m: u32, addr: u64, offset: u64, _count: u32) -> u32 {
        check(vmctx, memory::atomic_address(mem(vmctx, m), addr, offset, 4).map(|_| ()));
        0
    }
}

libcall! {
    fn data_drop(vmctx: *mut VMContext, seg: u32) {
        arena::drop_segment(vmctx, seg, false)
    }
}

libcall! {
    fn table_get(vmctx: *mut VMContext, t: u32, idx: u64) -> usize {
        match table::get(tab(vmctx, t), idx) {
            Ok(v) => v,
            Err(code) => raise(vmctx, code),
        }
    }
}

libcall! {
    fn table_set(vmctx: *mut VMContext, t: u32, idx: u64, val: usize) {
        check(vmctx, table::set(tab(vmctx, t), idx, val))
    }
}

libcall! {
    fn table_grow(vmctx: *mut VMContext, t: u32, init: usize, delta: u64) -> u64 {
        table::grow(tab(vmctx, t), delta, init).map_or(u64::MAX, u64::from)
    }
}

libcall! {
    fn table_fill(vmctx: *mut VMContext, t: u32, dst: u64, val: usize, len: u64) {
        check(vmctx, table::fill(tab(vmctx, t), dst, val, len))
    }
}

libcall! {
    fn table_copy(vmctx: *mut VMContext, dst_table: u32, src_table: u32, dst: u64, src: u64, len: u64) {
        check(vmctx, table::copy(tab(vmctx, dst_table), tab(vmctx, src_table), dst, src, len))
    }
}

libcall! {
    fn table_init(vmctx: *mut VMContext, t: u32, seg: u32, dst: u64, src: u32, len: u32) {
        let r = match arena::elem_segment(vmctx, seg) {
            Some((count, item)) => table::init(tab(vmctx, t), count, item, dst, src, len),
            None => Err(TrapCode::TableOutOfBounds),
        };
        check(vmctx, r)
    }
}

libcall! {
    fn elem_drop(vmctx: *mut VMContext, seg: u32) {
        arena::drop_segment(vmctx, seg, true)
    }
}

libcall! {
    fn trap(vmctx: *mut VMContext, code: u32) -> ! {
        wasmkiln_trap_hook(vmctx, code)
    }
}

// Never called: every import of a firmware module is a C function, resolved when the firmware
// is linked (the compiler emits no stand-ins for firmware).
libcall! {
    fn unresolved_import(vmctx: *mut VMContext, _func: u32) -> ! {
        wasmkiln_trap_hook(vmctx, TrapCode::Unreachable as u32)
    }
}

// Never called: the compiler rejects exception handling for firmware targets (no unwinder), and
// `wasmkiln-core` rejects descriptors with tags.
libcall! {
    fn exception_new(vmctx: *mut VMContext, _tag: usize, _count: u32) -> usize {
        wasmkiln_trap_hook(vmctx, TrapCode::Unreachable as u32)
    }
}

libcall! {
    fn throw(vmctx: *mut VMContext, _exn: usize) -> ! {
        wasmkiln_trap_hook(vmctx, TrapCode::Unreachable as u32)
    }
}

libcall! {
    fn exception_drop(vmctx: *mut VMContext, _exn: usize) {
        wasmkiln_trap_hook(vmctx, TrapCode::Unreachable as u32)
    }
}

libcall! {
    fn exception_release(vmctx: *mut VMContext, _held: usize, _in_flight: usize) {
        wasmkiln_trap_hook(vmctx, TrapCode::Unreachable as u32)
    }
}

libcall! {
    fn uncaught_exception(vmctx: *mut VMContext, _exn: usize) -> ! {
        wasmkiln_trap_hook(vmctx, TrapCode::Unreachable as u32)
    }
}

// Every libcall of the ABI list, with exactly the listed signature, or this fails to compile.
use wasmkiln_abi::assert_libcall_signatures;
wasmkiln_abi::for_each_libcall!(assert_libcall_signatures);
