//! `fd_*` functions on the descriptor table. Reads and writes go straight to the host
//! descriptor with readv/writev (no buffering in the runtime, so nothing is lost when the
//! program traps or exits).

use super::consts::{fdflags, filetype, rights, size, PREOPENTYPE_DIR};
use super::ctx::FdKind;
use super::errno::{Errno, OrFault};
use super::sys::{self, cvt, retry};
use crate::host::GuestMemory;
use std::os::unix::io::RawFd;
use wasmkiln_abi::VMContext;

/// Host iovecs passed per readv/writev call.
const IOV_CHUNK: usize = 1024;

/// iovecs accepted in one call (`EINVAL` beyond, as writev does past IOV_MAX): the host copy
/// of the list must stay small whatever the guest claims.
const MAX_IOVS: u32 = 1 << 16;

/// Validates every guest iovec of `[iovs, iovs + count)` and returns them as host ranges,
/// stopping (truncating) where the total would exceed what the u32 result can report.
pub(crate) fn gather(mem: &GuestMemory, iovs: u32, count: u32) -> Result<Vec<libc::iovec>, Errno> {
    mem.range(iovs, count as u64 * size::IOVEC).or_fault()?;
    if count > MAX_IOVS {
        return Err(Errno::Inval);
    }
    let mut out = Vec::new();
    let mut total: u64 = 0;
    for i in 0..count {
        let entry = iovs + i * size::IOVEC as u32;
        let buf = mem.read_u32(entry).or_fault()?;
        let len = mem.read_u32(entry + 4).or_fault()?;
        let base = mem.range(buf, len as u64).or_fault()?;
        let len = (len as u64).min(u32::MAX as u64 - total);
        total += len;
        if len > 0 {
            out.push(libc::iovec { iov_base: base as *mut libc::c_void, iov_len: len as usize });
        }
    }
    Ok(out)
}

/// How [`transfer`] moves data.
#[derive(Clone, Copy)]
enum Op {
    Read,
    Write,
    /// pread/pwrite at this offset.
    ReadAt(u64),
    WriteAt(u64),
}

/// readv/writev (or their positioned forms) over `iovs` in chunks, stopping at the first short
/// transfer.
fn transfer(fd: RawFd, iovs: &[libc::iovec], op: Op) -> Result<u32, Errno> {
    let mut total: u64 = 0;
    for chunk in iovs.chunks(IOV_CHUNK) {
        let want: u64 = chunk.iter().map(|v| v.iov_len as u64).sum();
        let n = loop {
            let (ptr, cnt) = (chunk.as_ptr(), chunk.len() as libc::c_int);
            // SAFETY: every iovec was range-checked against the guest memory.
            let n = unsafe {
                match op {
                    Op::Read => libc::readv(fd, ptr, cnt),
                    Op::Write => libc::writev(fd, ptr, cnt),
                    Op::ReadAt(at) => libc::preadv(fd, ptr, cnt, offset(at + total)?),
                    Op::WriteAt(at) => libc::pwritev(fd, ptr, cnt, offset(at + total)?),
                }
            };
            if n >= 0 {
                break n as u64;
            }
            let e = Errno::last_host();
            if e != Errno::Intr {
                if total > 0 {
                    return Ok(total as u32); // report what was transferred; the error recurs
                }
                return Err(e);
            }
        };
        total += n;
        if n < want {
            break;
        }
    }
    Ok(total.min(u32::MAX as u64) as u32)
}

/// A WASI file offset as a host `off_t` (`EINVAL` past its range).
fn offset(at: u64) -> Result<libc::off_t, Errno> {
    libc::off_t::try_from(at).map_err(|_| Errno::Inval)
}

/// The common shape of fd_read/fd_write/fd_pread/fd_pwrite.
unsafe fn io(vmctx: *mut VMContext, fd: u32, iovs: u32, iovs_len: u32, result: u32, rw: u64, op: Op) -> u32 {
    super::call(vmctx, |cx, mem| {
        let extra = if matches!(op, Op::ReadAt(_) | Op::WriteAt(_)) { rights::FD_SEEK } else { 0 };
        let host = cx.io_fd(fd, rw, extra)?;
        mem.range(result, 4).or_fault()?;
        let bufs = gather(mem, iovs, iovs_len)?;
        let n = if bufs.is_empty() { 0 } else { transfer(host, &bufs, op)? };
        mem.write_u32(result, n).or_fault()
    })
}

pub unsafe extern "C" fn fd_write(vmctx: *mut VMContext, fd: u32, iovs: u32, iovs_len: u32, nwritten: u32) -> u32 {
    io(vmctx, fd, iovs, iovs_len, nwritten, rights::FD_WRITE, Op::Write)
}

pub unsafe extern "C" fn fd_read(vmctx: *mut VMContext, fd: u32, iovs: u32, iovs_len: u32, nread: u32) -> u32 {
    io(vmctx, fd, iovs, iovs_len, nread, rights::FD_READ, Op::Read)
}

pub unsafe extern "C" fn fd_pread(vmctx: *mut VMContext, fd: u32, iovs: u32, iovs_len: u32, at: u64, nread: u32) -> u32 {
    io(vmctx, fd, iovs, iovs_len, nread, rights::FD_READ, Op::ReadAt(at))
}

pub unsafe extern "C" fn fd_pwrite(vmctx: *mut VMContext, fd: u32, iovs: u32, iovs_len: u32, at: u64, nwritten: u32) -> u32 {
    io(vmctx, fd, iovs, iovs_len, nwritten, rights::FD_WRITE, Op::WriteAt(at))
}

/// Closing a descriptor closes the host one once nothing refers to it (stdio stays open on the
/// host). Preopened directories may be closed too.
pub unsafe extern "C" fn fd_close(vmctx: *mut VMContext, fd: u32) -> u32 {
    super::call(vmctx, |cx, _| cx.fds_mut()?.remove(fd).map(drop))
}

pub unsafe extern "C" fn fd_renumber(vmctx: *mut VMContext, from: u32, to: u32) -> u32 {
    super::call(vmctx, |cx, _| cx.fds_mut()?.renumber(from, to))
}

fn seek(host: RawFd, offset: i64, whence: u32) -> Result<u64, Errno> {
    let whence = match whence {
        0 => libc::SEEK_SET,
        1 => libc::SEEK_CUR,
        2 => libc::SEEK_END,
        _ => return Err(Errno::Inval),
    };
    sys::lseek(host, offset, whence)
}

pub unsafe extern "C" fn fd_seek(vmctx: *mut VMContext, fd: u32, offset: u64, whence: u32, new_offset: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        // A seek that cannot move the position only needs the tell right (as wasi-libc assumes).
        let needed = if offset == 0 && whence == 1 { rights::FD_TELL } else { rights::FD_SEEK };
        let host = cx.file(fd, needed)?;
        mem.range(new_offset, 8).or_fault()?;
        let pos = seek(host, offset as i64, whence)?;
        mem.write_u64(new_offset, pos).or_fault()
    })
}

/// Emscripten's legalized `fd_seek`: the i64 offset arrives as two i32 halves.
pub unsafe extern "C" fn fd_seek_legalized(
    vmctx: *mut VMContext,
    fd: u32,
    offset_lo: u32,
    offset_hi: u32,
    whence: u32,
    new_offset: u32,
) -> u32 {
    fd_seek(vmctx, fd, (offset_hi as u64) << 32 | offset_lo as u64, whence, new_offset)
}

pub unsafe extern "C" fn fd_tell(vmctx: *mut VMContext, fd: u32, offset: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let host = cx.file(fd, rights::FD_TELL)?;
        mem.range(offset, 8).or_fault()?;
        let pos = seek(host, 0, 1)?;
        mem.write_u64(offset, pos).or_fault()
    })
}

pub unsafe extern "C" fn fd_fdstat_get(vmctx: *mut VMContext, fd: u32, stat: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let entry = cx.entry(fd)?;
        mem.range(stat, size::FDSTAT).or_fault()?;
        let host = entry.host_fd();
        let st = sys::fstat(host)?;
        let ty = sys::filetype_of(st.st_mode, Some(host));
        let fl = cvt(libc::fcntl(host, libc::F_GETFL))?;
        let mut flags = 0u16;
        if fl & libc::O_APPEND != 0 {
            flags |= fdflags::APPEND;
        }
        if fl & libc::O_DSYNC != 0 {
            flags |= fdflags::DSYNC;
        }
        if fl & libc::O_NONBLOCK != 0 {
            flags |= fdflags::NONBLOCK;
        }
        if fl & libc::O_SYNC == libc::O_SYNC {
            flags |= fdflags::SYNC | fdflags::RSYNC;
        }
        let mut base = entry.rights_base;
        if ty == filetype::CHARACTER_DEVICE && libc::isatty(host) == 1 {
            // wasi-libc's isatty(): a character device without seek/tell rights is a terminal.
            base &= !(rights::FD_SEEK | rights::FD_TELL);
        }
        let mut buf = [0u8; size::FDSTAT as usize];
        buf[0] = ty;
        buf[2..4].copy_from_slice(&flags.to_le_bytes());
        buf[8..16].copy_from_slice(&base.to_le_bytes());
        buf[16..24].copy_from_slice(&entry.rights_inheriting.to_le_bytes());
        mem.write_bytes(stat, &buf).or_fault()
    })
}

pub unsafe extern "C" fn fd_fdstat_set_flags(vmctx: *mut VMContext, fd: u32, flags: u32) -> u32 {
    super::call(vmctx, |cx, _| {
        let host = cx.file(fd, rights::FD_FDSTAT_SET_FLAGS)?;
        let flags = flags as u16;
        if flags & !fdflags::ALL != 0 || flags & (fdflags::DSYNC | fdflags::RSYNC | fdflags::SYNC) != 0 {
            return Err(Errno::Inval); // the sync flags cannot be changed after open
        }
        let old = cvt(libc::fcntl(host, libc::F_GETFL))?;
        let mut new = old & !(libc::O_APPEND | libc::O_NONBLOCK);
        if flags & fdflags::APPEND != 0 {
            new |= libc::O_APPEND;
        }
        if flags & fdflags::NONBLOCK != 0 {
            new |= libc::O_NONBLOCK;
        }
        cvt(libc::fcntl(host, libc::F_SETFL, new)).map(drop)
    })
}

/// Rights can only be dropped, never gained back.
pub unsafe extern "C" fn fd_fdstat_set_rights(vmctx: *mut VMContext, fd: u32, base: u64, inheriting: u64) -> u32 {
    super::call(vmctx, |cx, _| {
        let mut fds = cx.fds_mut()?;
        let entry = fds.get_mut(fd)?;
        if base & !entry.rights_base != 0 || inheriting & !entry.rights_inheriting != 0 {
            return Err(Errno::Notcapable);
        }
        entry.rights_base = base;
        entry.rights_inheriting = inheriting;
        Ok(())
    })
}

pub unsafe extern "C" fn fd_filestat_get(vmctx: *mut VMContext, fd: u32, stat: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let host = cx.host_fd(fd, rights::FD_FILESTAT_GET)?;
        mem.range(stat, size::FILESTAT).or_fault()?;
        let st = sys::fstat(host)?;
        mem.write_bytes(stat, &sys::filestat_bytes(&st, Some(host))).or_fault()
    })
}

pub unsafe extern "C" fn fd_filestat_set_size(vmctx: *mut VMContext, fd: u32, size: u64) -> u32 {
    super::call(vmctx, |cx, _| {
        let host = cx.file(fd, rights::FD_FILESTAT_SET_SIZE)?;
        let size = offset(size)?;
        retry(|| cvt(libc::ftruncate(host, size))).map(drop)
    })
}

pub unsafe extern "C" fn fd_filestat_set_times(vmctx: *mut VMContext, fd: u32, atim: u64, mtim: u64, flags: u32) -> u32 {
    super::call(vmctx, |cx, _| {
        let host = cx.host_fd(fd, rights::FD_FILESTAT_SET_TIMES)?;
        let times = sys::utimens_times(atim, mtim, flags as u16)?;
        cvt(libc::futimens(host, times.as_ptr())).map(drop)
    })
}

pub unsafe extern "C" fn fd_advise(vmctx: *mut VMContext, fd: u32, at: u64, len: u64, advice: u32) -> u32 {
    super::call(vmctx, |cx, _| {
        let host = cx.file(fd, rights::FD_ADVISE)?;
        let advice = match advice {
            0 => libc::POSIX_FADV_NORMAL,
            1 => libc::POSIX_FADV_SEQUENTIAL,
            2 => libc::POSIX_FADV_RANDOM,
            3 => libc::POSIX_FADV_WILLNEED,
            4 => libc::POSIX_FADV_DONTNEED,
            5 => libc::POSIX_FADV_NOREUSE,
            _ => return Err(Errno::Inval),
        };
        match libc::posix_fadvise(host, offset(at)?, offset(len)?, advice) {
            0 => Ok(()),
            e => Err(Errno::from_host(e)),
        }
    })
}

pub unsafe extern "C" fn fd_allocate(vmctx: *mut VMContext, fd: u32, at: u64, len: u64) -> u32 {
    super::call(vmctx, |cx, _| {
        let host = cx.file(fd, rights::FD_ALLOCATE)?;
        let (at, len) = (offset(at)?, offset(len)?);
        if at.checked_add(len).is_none() {
            return Err(Errno::Fbig);
        }
        if len == 0 {
            return Err(Errno::Inval);
        }
        loop {
            match libc::posix_fallocate(host, at, len) {
                0 => return Ok(()),
                libc::EINTR => continue,
                e => return Err(Errno::from_host(e)),
            }
        }
    })
}

/// Only preopened directories have a prestat; every other descriptor answers `EBADF`, which
/// ends wasi-libc's preopen scan.
pub unsafe extern "C" fn fd_prestat_get(vmctx: *mut VMContext, fd: u32, prestat: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let FdKind::Dir { preopen: Some(name) } = cx.entry(fd)?.kind else { return Err(Errno::Badf) };
        mem.range(prestat, size::PRESTAT).or_fault()?;
        let len = u32::try_from(name.len()).map_err(|_| Errno::Nametoolong)?;
        let mut buf = [0u8; size::PRESTAT as usize];
        buf[0] = PREOPENTYPE_DIR;
        buf[4..8].copy_from_slice(&len.to_le_bytes());
        mem.write_bytes(prestat, &buf).or_fault()
    })
}

pub unsafe extern "C" fn fd_prestat_dir_name(vmctx: *mut VMContext, fd: u32, path: u32, path_len: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let FdKind::Dir { preopen: Some(name) } = cx.entry(fd)?.kind else { return Err(Errno::Badf) };
        if (path_len as usize) < name.len() {
            return Err(Errno::Nametoolong);
        }
        mem.write_bytes(path, &name).or_fault()
    })
}

fn sync(host: RawFd, data_only: bool) -> Result<(), Errno> {
    // SAFETY: fsync/fdatasync on a descriptor number.
    cvt(unsafe {
        if data_only {
            libc::fdatasync(host)
        } else {
            libc::fsync(host)
        }
    })
    .map(drop)
}

pub unsafe extern "C" fn fd_sync(vmctx: *mut VMContext, fd: u32) -> u32 {
    super::call(vmctx, |cx, _| sync(cx.file(fd, rights::FD_SYNC)?, false))
}

pub unsafe extern "C" fn fd_datasync(vmctx: *mut VMContext, fd: u32) -> u32 {
    super::call(vmctx, |cx, _| sync(cx.file(fd, rights::FD_DATASYNC)?, true))
}
