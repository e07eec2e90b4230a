//! `proc_exit`, `random_get` and `sched_yield`.

use super::errno::{Errno, OrFault};
use crate::trap::{raise, Trap};
use wasmkiln_abi::VMContext;

/// Ends the program with `code`: the innermost catch returns `Trap::exit(code)` (an executable
/// then exits with it), or the process exits directly when there is no catch.
pub unsafe extern "C" fn proc_exit(_vmctx: *mut VMContext, code: u32) {
    raise(Trap::exit(code as i32))
}

pub unsafe extern "C" fn random_get(vmctx: *mut VMContext, buf: u32, buf_len: u32) -> u32 {
    super::call(vmctx, |_, mem| {
        let start = mem.range(buf, buf_len as u64).or_fault()?;
        let mut done = 0usize;
        while done < buf_len as usize {
            // SAFETY: `start..start+buf_len` is inside the guest memory.
            let n = libc::getrandom(start.add(done) as *mut libc::c_void, buf_len as usize - done, 0);
            if n < 0 {
                let e = Errno::last_host();
                if e == Errno::Intr {
                    continue;
                }
                return Err(e);
            }
            done += n as usize;
        }
        Ok(())
    })
}

pub unsafe extern "C" fn sched_yield(_vmctx: *mut VMContext) -> u32 {
    libc::sched_yield();
    Errno::Success as u32
}

/// The host number of WASI signal `sig` (preview1 numbers them like Linux on x86, but only by
/// name: the table keeps the mapping explicit).
fn host_signal(sig: u32) -> Option<libc::c_int> {
    const SIGNALS: [libc::c_int; 30] = [
        libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGILL, libc::SIGTRAP, libc::SIGABRT, libc::SIGBUS,
        libc::SIGFPE, libc::SIGKILL, libc::SIGUSR1, libc::SIGSEGV, libc::SIGUSR2, libc::SIGPIPE, libc::SIGALRM,
        libc::SIGTERM, libc::SIGCHLD, libc::SIGCONT, libc::SIGSTOP, libc::SIGTSTP, libc::SIGTTIN, libc::SIGTTOU,
        libc::SIGURG, libc::SIGXCPU, libc::SIGXFSZ, libc::SIGVTALRM, libc::SIGPROF, libc::SIGWINCH, libc::SIGPOLL,
        libc::SIGPWR, libc::SIGSYS,
    ];
    SIGNALS.get((sig as usize).checked_sub(1)?).copied()
}

/// `proc_raise`: a program cannot install signal handlers in preview1, so a signal has its
/// default action. Signals ignored by default (and signal 0) do nothing; stop signals do
/// nothing either (there is no job control for a sandboxed program); every other signal ends
/// the program with exit status 128 + the host signal number, as a shell reports a process
/// killed by it.
pub unsafe extern "C" fn proc_raise(_vmctx: *mut VMContext, sig: u32) -> u32 {
    if sig == 0 {
        return Errno::Success as u32;
    }
    let Some(host) = host_signal(sig) else { return Errno::Inval as u32 };
    match host {
        libc::SIGCHLD | libc::SIGCONT | libc::SIGURG | libc::SIGWINCH | libc::SIGSTOP | libc::SIGTSTP | libc::SIGTTIN
        | libc::SIGTTOU => Errno::Success as u32,
        _ => raise(Trap::exit(128 + host)),
    }
}
