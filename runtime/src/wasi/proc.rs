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
