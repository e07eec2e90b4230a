//! `poll_oneoff`: wait for clock deadlines and for descriptors to become readable or writable,
//! with one host `ppoll` (nanosecond timeout). `sleep`/`nanosleep`/`usleep` in wasi-libc are a
//! single clock subscription.
//!
//! A subscription that cannot be waited for (unknown descriptor, missing right, unsupported
//! clock) is reported at once as an event carrying its error, as the specification asks; the
//! call itself fails only for bad pointers or an empty subscription list.

use super::consts::{event, rights, size};
use super::errno::{Errno, OrFault};
use super::{clock, sys};
use crate::host::GuestMemory;
use std::os::unix::io::RawFd;
use wasmkiln_abi::VMContext;

/// Subscriptions accepted in one call (`EINVAL` beyond): the host copy must stay small.
const MAX_SUBSCRIPTIONS: u32 = 1 << 16;

enum What {
    /// A deadline on the monotonic clock, in nanoseconds.
    Clock { deadline: u64 },
    Fd { host: RawFd, write: bool },
    /// Reported at once with this error.
    Failed(Errno),
}

struct Sub {
    userdata: u64,
    ty: u8,
    what: What,
}

struct Event {
    userdata: u64,
    error: Errno,
    ty: u8,
    nbytes: u64,
    flags: u16,
}

fn monotonic_now() -> u64 {
    clock::read_clock(1, false).unwrap_or(0)
}

/// The monotonic deadline of a clock subscription.
fn deadline(id: u32, timeout: u64, flags: u16) -> Result<u64, Errno> {
    let now = monotonic_now();
    if flags & event::SUBSCRIPTION_CLOCK_ABSTIME == 0 {
        return match id {
            0..=1 => Ok(now.saturating_add(timeout)),
            _ => Err(Errno::Inval), // CPU-time clocks cannot be waited for
        };
    }
    match id {
        1 => Ok(timeout),
        0 => {
            // An absolute realtime deadline: wait the same distance on the monotonic clock.
            let real = clock::read_clock(0, false)?;
            Ok(now.saturating_add(timeout.saturating_sub(real)))
        }
        _ => Err(Errno::Inval),
    }
}

fn read_subscriptions(cx: &super::WasiCtx, mem: &GuestMemory, at: u32, n: u32) -> Result<Vec<Sub>, Errno> {
    let mut subs = Vec::with_capacity(n as usize);
    for i in 0..n {
        let s = at + i * size::SUBSCRIPTION as u32;
        let userdata = mem.read_u64(s).or_fault()?;
        let ty = mem.read::<1>(s + 8).or_fault()?[0];
        let what = match ty {
            event::CLOCK => {
                let id = mem.read_u32(s + 16).or_fault()?;
                let timeout = mem.read_u64(s + 24).or_fault()?;
                let flags = u16::from_le_bytes(mem.read::<2>(s + 40).or_fault()?);
                match deadline(id, timeout, flags) {
                    Ok(deadline) => What::Clock { deadline },
                    Err(e) => What::Failed(e),
                }
            }
            event::FD_READ | event::FD_WRITE => {
                let fd = mem.read_u32(s + 16).or_fault()?;
                match cx.host_fd(fd, rights::POLL_FD_READWRITE) {
                    Ok(host) => What::Fd { host, write: ty == event::FD_WRITE },
                    Err(e) => What::Failed(e),
                }
            }
            _ => return Err(Errno::Inval),
        };
        subs.push(Sub { userdata, ty, what });
    }
    Ok(subs)
}

/// Bytes available to read from `fd` (0 if unknown).
fn readable_bytes(fd: RawFd) -> u64 {
    if let Ok(st) = sys::fstat(fd) {
        if st.st_mode & libc::S_IFMT == libc::S_IFREG {
            let pos = sys::lseek(fd, 0, libc::SEEK_CUR).unwrap_or(0);
            return (st.st_size as u64).saturating_sub(pos);
        }
    }
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int.
    if unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) } == 0 {
        n.max(0) as u64
    } else {
        0
    }
}

fn wait(subs: &[Sub]) -> Result<Vec<Event>, Errno> {
    let ev = |s: &Sub, error: Errno, nbytes: u64, flags: u16| Event { userdata: s.userdata, error, ty: s.ty, nbytes, flags };
    let failed: Vec<Event> =
        subs.iter().filter_map(|s| if let What::Failed(e) = s.what { Some(ev(s, e, 0, 0)) } else { None }).collect();
    if !failed.is_empty() {
        return Ok(failed);
    }
    let fd_subs: Vec<&Sub> = subs.iter().filter(|s| matches!(s.what, What::Fd { .. })).collect();
    let mut pollfds: Vec<libc::pollfd> = fd_subs
        .iter()
        .map(|s| match s.what {
            What::Fd { host, write } => libc::pollfd { fd: host, events: if write { libc::POLLOUT } else { libc::POLLIN }, revents: 0 },
            _ => unreachable!(),
        })
        .collect();
    let first_deadline = subs.iter().filter_map(|s| if let What::Clock { deadline } = s.what { Some(deadline) } else { None }).min();
    loop {
        let now = monotonic_now();
        let timeout = first_deadline.map(|d| {
            let left = d.saturating_sub(now);
            libc::timespec { tv_sec: (left / 1_000_000_000) as libc::time_t, tv_nsec: (left % 1_000_000_000) as libc::c_long }
        });
        let ts = timeout.as_ref().map_or(std::ptr::null(), |t| t as *const libc::timespec);
        // SAFETY: `pollfds` is a live array of `len` entries; `ts` is null or a local timespec.
        let r = unsafe { libc::ppoll(pollfds.as_mut_ptr(), pollfds.len() as libc::nfds_t, ts, std::ptr::null()) };
        if r < 0 {
            match Errno::last_host() {
                Errno::Intr => continue,
                e => return Err(e),
            }
        }
        let now = monotonic_now();
        let mut events = Vec::new();
        for s in subs {
            if let What::Clock { deadline } = s.what {
                if deadline <= now {
                    events.push(ev(s, Errno::Success, 0, 0));
                }
            }
        }
        for (s, p) in fd_subs.iter().zip(&pollfds) {
            let What::Fd { host, write } = s.what else { continue };
            let re = p.revents;
            if re == 0 {
                continue;
            }
            if re & libc::POLLNVAL != 0 {
                events.push(ev(s, Errno::Badf, 0, 0));
                continue;
            }
            let hangup = if re & libc::POLLHUP != 0 { event::FD_READWRITE_HANGUP } else { 0 };
            let error = if re & libc::POLLERR != 0 && re & (libc::POLLIN | libc::POLLOUT) == 0 { Errno::Io } else { Errno::Success };
            let nbytes = if write { 0 } else { readable_bytes(host) };
            events.push(ev(s, error, nbytes, hangup));
        }
        if !events.is_empty() {
            return Ok(events);
        }
        // Woken early (a timer slightly ahead of our clock): wait for the rest.
    }
}

pub unsafe extern "C" fn poll_oneoff(vmctx: *mut VMContext, subs: u32, out: u32, nsubscriptions: u32, nevents: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        mem.range(nevents, 4).or_fault()?;
        if nsubscriptions == 0 {
            return Err(Errno::Inval);
        }
        mem.range(subs, nsubscriptions as u64 * size::SUBSCRIPTION).or_fault()?;
        mem.range(out, nsubscriptions as u64 * size::EVENT).or_fault()?;
        if nsubscriptions > MAX_SUBSCRIPTIONS {
            return Err(Errno::Inval);
        }
        let list = read_subscriptions(cx, mem, subs, nsubscriptions)?;
        let events = wait(&list)?;
        for (i, e) in events.iter().enumerate() {
            let mut buf = [0u8; size::EVENT as usize];
            buf[0..8].copy_from_slice(&e.userdata.to_le_bytes());
            buf[8..10].copy_from_slice(&(e.error as u16).to_le_bytes());
            buf[10] = e.ty;
            buf[16..24].copy_from_slice(&e.nbytes.to_le_bytes());
            buf[24..26].copy_from_slice(&e.flags.to_le_bytes());
            mem.write_bytes(out + i as u32 * size::EVENT as u32, &buf).or_fault()?;
        }
        mem.write_u32(nevents, events.len() as u32).or_fault()
    })
}
