//! SIGSEGV/SIGBUS handling: a fault inside a linear memory's reservation while WebAssembly runs
//! under [`crate::catch_traps`] becomes a `MemoryOutOfBounds` trap; any other fault is handed to
//! whoever handled the signal before us, or to the default action (so real crashes still crash).
//! Accesses to a 64-bit memory are checked before they happen (it has no guard region), so only
//! 32-bit memories fault here by design; a 64-bit memory's reservation is registered all the same.

use crate::reservations;
use crate::trap;
use std::cell::UnsafeCell;
use std::sync::Once;
use wasmkiln_abi::TrapCode;

/// The handlers that were installed before ours, for chaining.
struct Previous(UnsafeCell<[libc::sigaction; 2]>);

// SAFETY: written once inside `INSTALL.call_once` (by sigaction itself), read-only afterwards.
unsafe impl Sync for Previous {}

static PREVIOUS: Previous = Previous(UnsafeCell::new(unsafe { std::mem::zeroed() }));
static INSTALL: Once = Once::new();
const SIGNALS: [libc::c_int; 2] = [libc::SIGSEGV, libc::SIGBUS];

/// Installs the handlers (once per process).
pub fn install() {
    INSTALL.call_once(|| {
        for (i, &sig) in SIGNALS.iter().enumerate() {
            // SAFETY: installing a handler with a zeroed, then filled, sigaction.
            unsafe {
                let mut sa: libc::sigaction = std::mem::zeroed();
                sa.sa_sigaction = handler as *const () as usize;
                sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
                libc::sigemptyset(&mut sa.sa_mask);
                let prev = (PREVIOUS.0.get() as *mut libc::sigaction).add(i);
                libc::sigaction(sig, &sa, prev);
            }
        }
    });
}

extern "C" fn handler(sig: libc::c_int, info: *mut libc::siginfo_t, context: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo; everything below is async-signal-safe.
    unsafe {
        let addr = (*info).si_addr() as usize;
        if trap::in_catch() && reservations::contains(addr) {
            trap::raise_code_from_signal(TrapCode::MemoryOutOfBounds);
        }
        let index = if sig == libc::SIGBUS { 1 } else { 0 };
        let prev = &*(PREVIOUS.0.get() as *const libc::sigaction).add(index);
        let action = prev.sa_sigaction;
        if action == libc::SIG_DFL || action == libc::SIG_IGN {
            // Not ours and nobody else's: restore the default action and return, so the faulting
            // instruction runs again and the process dies of the signal as it would without us.
            let mut dfl: libc::sigaction = std::mem::zeroed();
            dfl.sa_sigaction = libc::SIG_DFL;
            libc::sigemptyset(&mut dfl.sa_mask);
            libc::sigaction(sig, &dfl, std::ptr::null_mut());
        } else if prev.sa_flags & libc::SA_SIGINFO != 0 {
            let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) = std::mem::transmute(action);
            f(sig, info, context);
        } else {
            let f: extern "C" fn(libc::c_int) = std::mem::transmute(action);
            f(sig);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn install_is_idempotent() {
        super::install();
        super::install();
        // SAFETY: reading back our own handler.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            libc::sigaction(libc::SIGSEGV, std::ptr::null(), &mut sa);
            assert_eq!(sa.sa_sigaction, super::handler as *const () as usize);
            assert!(sa.sa_flags & libc::SA_ONSTACK != 0);
        }
    }
}
