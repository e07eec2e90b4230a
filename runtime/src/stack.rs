//! Per-thread preparation for running WebAssembly: the thread's `VMLimits` (the stack limit that
//! generated prologues compare the stack pointer with) and an alternate signal stack so the
//! fault handler can run even when the fault is on an exhausted stack.

use std::cell::{Cell, UnsafeCell};
use wasmkiln_abi::VMLimits;

/// Stack kept free below the limit for host code that wasm calls (WASI functions, libcalls,
/// formatting an error) and for the trap path itself.
pub const STACK_MARGIN: usize = 128 * 1024;
/// Used when the thread's stack bounds cannot be determined.
const FALLBACK_STACK: usize = 1024 * 1024;
const ALT_STACK_SIZE: usize = 64 * 1024;

struct ThreadState {
    limits: UnsafeCell<VMLimits>,
    ready: Cell<bool>,
    alt_stack: Cell<Option<AltStack>>,
}

thread_local! {
    static THREAD: ThreadState = const {
        ThreadState {
            limits: UnsafeCell::new(VMLimits { stack_limit: 0 }),
            ready: Cell::new(false),
            alt_stack: Cell::new(None),
        }
    };
}

/// The calling thread's limits. Instances created on a thread keep this pointer in their vmctx,
/// so an instance must run on the thread that created it (instances are not `Send`).
pub fn limits_ptr() -> *const VMLimits {
    THREAD.with(|t| t.limits.get() as *const VMLimits)
}

/// Computes the stack limit and installs the alternate signal stack, once per thread.
pub fn prepare_thread() {
    THREAD.with(|t| {
        if t.ready.get() {
            return;
        }
        // SAFETY: generated code only reads the limits, and not concurrently with this thread.
        unsafe { (*t.limits.get()).stack_limit = compute_stack_limit() };
        t.alt_stack.set(AltStack::install());
        t.ready.set(true);
    });
}

/// The current stack limit of this thread (0 until `prepare_thread` ran).
#[cfg(test)]
pub fn stack_limit() -> usize {
    // SAFETY: plain read of this thread's own value.
    THREAD.with(|t| unsafe { (*t.limits.get()).stack_limit })
}

fn approximate_sp() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

fn compute_stack_limit() -> usize {
    let sp = approximate_sp();
    let low = thread_stack_low().filter(|&low| low < sp && sp - low > STACK_MARGIN);
    match low {
        Some(low) => low + STACK_MARGIN,
        None => sp.saturating_sub(FALLBACK_STACK - STACK_MARGIN),
    }
}

/// The lowest usable address of the calling thread's stack.
fn thread_stack_low() -> Option<usize> {
    // SAFETY: standard pthread attribute calls on the current thread with local storage.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        (rc == 0 && !addr.is_null()).then_some(addr as usize)
    }
}

/// An alternate signal stack this module installed (and removes when the thread ends).
struct AltStack {
    mapping: *mut libc::c_void,
    len: usize,
}

impl AltStack {
    fn install() -> Option<AltStack> {
        // SAFETY: querying and setting the thread's own signal stack with local structs.
        unsafe {
            let mut old: libc::stack_t = std::mem::zeroed();
            if libc::sigaltstack(std::ptr::null(), &mut old) == 0
                && old.ss_flags & libc::SS_DISABLE == 0
                && old.ss_size >= ALT_STACK_SIZE
            {
                return None; // someone (e.g. Rust's std) already gave this thread a big enough one
            }
            let page = (libc::sysconf(libc::_SC_PAGESIZE) as usize).max(4096);
            let len = ALT_STACK_SIZE.max(libc::SIGSTKSZ) + page;
            let mapping = libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            if mapping == libc::MAP_FAILED {
                return None;
            }
            // The lowest page is a guard, so an overflowing handler faults instead of scribbling.
            libc::mprotect(mapping, page, libc::PROT_NONE);
            let stack = libc::stack_t {
                ss_sp: (mapping as *mut u8).add(page) as *mut libc::c_void,
                ss_flags: 0,
                ss_size: len - page,
            };
            if libc::sigaltstack(&stack, std::ptr::null_mut()) != 0 {
                libc::munmap(mapping, len);
                return None;
            }
            Some(AltStack { mapping, len })
        }
    }
}

impl Drop for AltStack {
    fn drop(&mut self) {
        // SAFETY: disables the stack we installed on this (exiting) thread, then frees it.
        unsafe {
            let disable = libc::stack_t { ss_sp: std::ptr::null_mut(), ss_flags: libc::SS_DISABLE, ss_size: 0 };
            libc::sigaltstack(&disable, std::ptr::null_mut());
            libc::munmap(self.mapping, self.len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_below_the_stack_pointer_with_room_to_spare() {
        std::thread::Builder::new()
            .stack_size(4 << 20)
            .spawn(|| {
                prepare_thread();
                let limit = stack_limit();
                let sp = approximate_sp();
                assert!(limit != 0 && limit < sp);
                assert!(sp - limit > 3 << 20, "limit {limit:#x} sp {sp:#x}");
                assert!(sp - limit < 4 << 20);
                // Idempotent.
                prepare_thread();
                assert_eq!(stack_limit(), limit);
                assert_eq!(unsafe { (*limits_ptr()).stack_limit }, limit);
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
