//! `sock_*`: preview1's socket functions work on descriptors that already are sockets (a
//! listening socket handed to the program, or stdio connected to one, inetd-style); preview1
//! has no way to create or connect a socket. Anything else is `ENOTSOCK`.

use super::consts::{rights, sock};
use super::ctx::{FdEntry, FdKind};
use super::errno::{Errno, OrFault};
use super::fd::gather;
use super::sys::{self, retry};
use std::os::unix::io::{FromRawFd, OwnedFd, RawFd};
use wasmkiln_abi::VMContext;

fn require_socket(host: RawFd) -> Result<RawFd, Errno> {
    let st = sys::fstat(host)?;
    if st.st_mode & libc::S_IFMT != libc::S_IFSOCK {
        return Err(Errno::Notsock);
    }
    Ok(host)
}

/// Guest `fd` as a socket with the `needed` rights: `ENOTSOCK` first, then `ENOTCAPABLE`.
fn socket(cx: &super::WasiCtx, fd: u32, needed: u64) -> Result<RawFd, Errno> {
    require_socket(cx.host_fd(fd, 0)?)?;
    cx.host_fd(fd, needed)
}

pub unsafe extern "C" fn sock_accept(vmctx: *mut VMContext, fd: u32, flags: u32, ro_fd: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let listener = cx.entry(fd)?;
        require_socket(listener.host_fd())?;
        let host = listener.require(rights::SOCK_ACCEPT)?;
        let flags = flags as u16;
        if flags & !super::consts::fdflags::NONBLOCK != 0 {
            return Err(Errno::Inval);
        }
        mem.range(ro_fd, 4).or_fault()?;
        let mut host_flags = libc::SOCK_CLOEXEC;
        if flags != 0 {
            host_flags |= libc::SOCK_NONBLOCK;
        }
        let conn = retry(|| sys::cvt(libc::accept4(host, std::ptr::null_mut(), std::ptr::null_mut(), host_flags)))?;
        let conn = OwnedFd::from_raw_fd(conn);
        let base = rights::FD_READ
            | rights::FD_WRITE
            | rights::FD_FDSTAT_SET_FLAGS
            | rights::FD_FILESTAT_GET
            | rights::POLL_FD_READWRITE
            | rights::SOCK_SHUTDOWN;
        let entry = FdEntry::new(conn, FdKind::File, base & listener.rights_inheriting, 0);
        let new_fd = cx.fds_mut()?.insert(entry)?;
        mem.write_u32(ro_fd, new_fd).or_fault()
    })
}

pub unsafe extern "C" fn sock_recv(
    vmctx: *mut VMContext,
    fd: u32,
    ri_data: u32,
    ri_data_len: u32,
    ri_flags: u32,
    ro_datalen: u32,
    ro_flags: u32,
) -> u32 {
    super::call(vmctx, |cx, mem| {
        let host = socket(cx, fd, rights::FD_READ)?;
        let flags = ri_flags as u16;
        if flags & !(sock::RECV_PEEK | sock::RECV_WAITALL) != 0 {
            return Err(Errno::Inval);
        }
        mem.range(ro_datalen, 4).or_fault()?;
        mem.range(ro_flags, 2).or_fault()?;
        let mut iovs = gather(mem, ri_data, ri_data_len)?;
        let mut host_flags = 0;
        if flags & sock::RECV_PEEK != 0 {
            host_flags |= libc::MSG_PEEK;
        }
        if flags & sock::RECV_WAITALL != 0 {
            host_flags |= libc::MSG_WAITALL;
        }
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = iovs.as_mut_ptr();
        msg.msg_iovlen = iovs.len() as _;
        // SAFETY: the iovecs were range-checked against the guest memory.
        let n = retry(|| {
            let n = libc::recvmsg(host, &mut msg, host_flags);
            if n < 0 {
                Err(Errno::last_host())
            } else {
                Ok(n as u64)
            }
        })?;
        let out_flags = if msg.msg_flags & libc::MSG_TRUNC != 0 { sock::RECV_DATA_TRUNCATED } else { 0 };
        mem.write_u32(ro_datalen, n.min(u32::MAX as u64) as u32).or_fault()?;
        mem.write_u16(ro_flags, out_flags).or_fault()
    })
}

pub unsafe extern "C" fn sock_send(vmctx: *mut VMContext, fd: u32, si_data: u32, si_data_len: u32, si_flags: u32, so_datalen: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let host = socket(cx, fd, rights::FD_WRITE)?;
        if si_flags != 0 {
            return Err(Errno::Inval); // preview1 defines no send flags
        }
        mem.range(so_datalen, 4).or_fault()?;
        let mut iovs = gather(mem, si_data, si_data_len)?;
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = iovs.as_mut_ptr();
        msg.msg_iovlen = iovs.len() as _;
        // SAFETY: the iovecs were range-checked against the guest memory.
        let n = retry(|| {
            let n = libc::sendmsg(host, &msg, libc::MSG_NOSIGNAL);
            if n < 0 {
                Err(Errno::last_host())
            } else {
                Ok(n as u64)
            }
        })?;
        mem.write_u32(so_datalen, n.min(u32::MAX as u64) as u32).or_fault()
    })
}

pub unsafe extern "C" fn sock_shutdown(vmctx: *mut VMContext, fd: u32, how: u32) -> u32 {
    super::call(vmctx, |cx, _| {
        let host = socket(cx, fd, rights::SOCK_SHUTDOWN)?;
        const BOTH: u32 = (sock::SHUT_RD | sock::SHUT_WR) as u32;
        let how = match how {
            1 => libc::SHUT_RD,
            2 => libc::SHUT_WR,
            BOTH => libc::SHUT_RDWR,
            _ => return Err(Errno::Inval),
        };
        sys::cvt(libc::shutdown(host, how)).map(drop)
    })
}
