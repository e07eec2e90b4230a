//! `clock_time_get` and `clock_res_get`: WASI clock ids 0 realtime, 1 monotonic, 2 process CPU
//! time, 3 thread CPU time, mapped to the host's `clock_gettime` clocks.

use super::errno::{Errno, OrFault};
use wasmkiln_abi::VMContext;

fn host_clock(id: u32) -> Result<libc::clockid_t, Errno> {
    Ok(match id {
        0 => libc::CLOCK_REALTIME,
        1 => libc::CLOCK_MONOTONIC,
        2 => libc::CLOCK_PROCESS_CPUTIME_ID,
        3 => libc::CLOCK_THREAD_CPUTIME_ID,
        _ => return Err(Errno::Inval),
    })
}

fn nanos(ts: &libc::timespec) -> u64 {
    (ts.tv_sec as u64).wrapping_mul(1_000_000_000).wrapping_add(ts.tv_nsec as u64)
}

/// Reads a host clock (or its resolution) in nanoseconds.
pub(crate) fn read_clock(id: u32, resolution: bool) -> Result<u64, Errno> {
    let clock = host_clock(id)?;
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: writes into a local timespec.
    let rc = unsafe {
        if resolution {
            libc::clock_getres(clock, &mut ts)
        } else {
            libc::clock_gettime(clock, &mut ts)
        }
    };
    if rc != 0 {
        return Err(Errno::last_host());
    }
    Ok(nanos(&ts))
}

pub unsafe extern "C" fn clock_time_get(vmctx: *mut VMContext, id: u32, _precision: u64, time: u32) -> u32 {
    super::call(vmctx, |_, mem| {
        mem.range(time, 8).or_fault()?;
        let t = read_clock(id, false)?;
        mem.write_u64(time, t).or_fault()
    })
}

pub unsafe extern "C" fn clock_res_get(vmctx: *mut VMContext, id: u32, resolution: u32) -> u32 {
    super::call(vmctx, |_, mem| {
        mem.range(resolution, 8).or_fault()?;
        let r = read_clock(id, true)?;
        mem.write_u64(resolution, r).or_fault()
    })
}
