//! `fd_*` functions on the descriptor table. Reads and writes go straight to the host
//! descriptor with readv/writev (no buffering in the runtime, so nothing is lost when the
//! program traps or exits).

use super::ctx::rights;
use super::errno::{Errno, OrFault};
use crate::host::GuestMemory;
use std::os::unix::io::RawFd;
use wasmkiln_abi::VMContext;

/// Size of a guest `iovec`/`ciovec` (`buf: u32, buf_len: u32`).
const IOVEC_SIZE: u64 = 8;
/// Host iovecs passed per readv/writev call.
const IOV_CHUNK: usize = 1024;

/// WASI `filetype` values.
mod filetype {
    pub const UNKNOWN: u8 = 0;
    pub const BLOCK_DEVICE: u8 = 1;
    pub const CHARACTER_DEVICE: u8 = 2;
    pub const DIRECTORY: u8 = 3;
    pub const REGULAR_FILE: u8 = 4;
    pub const SOCKET_STREAM: u8 = 6;
    pub const SYMBOLIC_LINK: u8 = 7;
}

/// WASI `fdflags` bits.
mod fdflags {
    pub const APPEND: u16 = 1 << 0;
    pub const DSYNC: u16 = 1 << 1;
    pub const NONBLOCK: u16 = 1 << 2;
    pub const RSYNC: u16 = 1 << 3;
    pub const SYNC: u16 = 1 << 4;
}

/// Validates every guest iovec of `[iovs, iovs + count)` and returns them as host ranges,
/// stopping (truncating) where the total would exceed what the u32 result can report.
fn gather(mem: &GuestMemory, iovs: u32, count: u32) -> Result<Vec<libc::iovec>, Errno> {
    mem.range(iovs, count as u64 * IOVEC_SIZE).or_fault()?;
    let mut out = Vec::new();
    let mut total: u64 = 0;
    for i in 0..count {
        let entry = iovs + i * IOVEC_SIZE as u32;
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

/// readv/writev over `iovs` in chunks, stopping at the first short transfer.
fn transfer(fd: RawFd, iovs: &[libc::iovec], write: bool) -> Result<u32, Errno> {
    let mut total: u64 = 0;
    for chunk in iovs.chunks(IOV_CHUNK) {
        let want: u64 = chunk.iter().map(|v| v.iov_len as u64).sum();
        let n = loop {
            // SAFETY: every iovec was range-checked against the guest memory.
            let n = unsafe {
                if write {
                    libc::writev(fd, chunk.as_ptr(), chunk.len() as libc::c_int)
                } else {
                    libc::readv(fd, chunk.as_ptr(), chunk.len() as libc::c_int)
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

pub unsafe extern "C" fn fd_write(vmctx: *mut VMContext, fd: u32, iovs: u32, iovs_len: u32, nwritten: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let host = cx.host_fd(fd, rights::FD_WRITE)?;
        mem.range(nwritten, 4).or_fault()?;
        let bufs = gather(mem, iovs, iovs_len)?;
        let n = if bufs.is_empty() { 0 } else { transfer(host, &bufs, true)? };
        mem.write_u32(nwritten, n).or_fault()
    })
}

pub unsafe extern "C" fn fd_read(vmctx: *mut VMContext, fd: u32, iovs: u32, iovs_len: u32, nread: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let host = cx.host_fd(fd, rights::FD_READ)?;
        mem.range(nread, 4).or_fault()?;
        let bufs = gather(mem, iovs, iovs_len)?;
        let n = if bufs.is_empty() { 0 } else { transfer(host, &bufs, false)? };
        mem.write_u32(nread, n).or_fault()
    })
}

pub unsafe extern "C" fn fd_close(vmctx: *mut VMContext, fd: u32) -> u32 {
    super::call(vmctx, |cx, _| {
        let entry = cx.fds_mut()?.remove(fd)?;
        if entry.owns_host_fd() && libc::close(entry.host_fd) != 0 {
            return Err(Errno::last_host());
        }
        Ok(())
    })
}

fn seek(host: RawFd, offset: i64, whence: u32) -> Result<u64, Errno> {
    let whence = match whence {
        0 => libc::SEEK_SET,
        1 => libc::SEEK_CUR,
        2 => libc::SEEK_END,
        _ => return Err(Errno::Inval),
    };
    // SAFETY: lseek on a descriptor number; no memory involved.
    let r = unsafe { libc::lseek(host, offset, whence) };
    if r < 0 {
        return Err(Errno::last_host());
    }
    Ok(r as u64)
}

pub unsafe extern "C" fn fd_seek(vmctx: *mut VMContext, fd: u32, offset: u64, whence: u32, new_offset: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let host = cx.host_fd(fd, rights::FD_SEEK)?;
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
        let host = cx.host_fd(fd, rights::FD_TELL)?;
        mem.range(offset, 8).or_fault()?;
        let pos = seek(host, 0, 1)?;
        mem.write_u64(offset, pos).or_fault()
    })
}

fn fstat(host: RawFd) -> Result<libc::stat, Errno> {
    // SAFETY: fstat into a zeroed local struct.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(host, &mut st) != 0 {
            return Err(Errno::last_host());
        }
        Ok(st)
    }
}

fn filetype_of(mode: libc::mode_t) -> u8 {
    match mode & libc::S_IFMT {
        libc::S_IFCHR => filetype::CHARACTER_DEVICE,
        libc::S_IFREG => filetype::REGULAR_FILE,
        libc::S_IFDIR => filetype::DIRECTORY,
        libc::S_IFBLK => filetype::BLOCK_DEVICE,
        libc::S_IFSOCK => filetype::SOCKET_STREAM,
        libc::S_IFLNK => filetype::SYMBOLIC_LINK,
        _ => filetype::UNKNOWN, // pipes
    }
}

pub unsafe extern "C" fn fd_fdstat_get(vmctx: *mut VMContext, fd: u32, stat: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let entry = cx.fds()?.get(fd)?.clone();
        mem.range(stat, 24).or_fault()?;
        let st = fstat(entry.host_fd)?;
        let ty = filetype_of(st.st_mode);
        let fl = libc::fcntl(entry.host_fd, libc::F_GETFL);
        if fl < 0 {
            return Err(Errno::last_host());
        }
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
        if ty == filetype::CHARACTER_DEVICE {
            // wasi-libc's isatty(): a character device without seek/tell rights is a terminal.
            base &= !(rights::FD_SEEK | rights::FD_TELL);
        }
        let mut buf = [0u8; 24];
        buf[0] = ty;
        buf[2..4].copy_from_slice(&flags.to_le_bytes());
        buf[8..16].copy_from_slice(&base.to_le_bytes());
        buf[16..24].copy_from_slice(&entry.rights_inheriting.to_le_bytes());
        mem.write_bytes(stat, &buf).or_fault()
    })
}

pub unsafe extern "C" fn fd_fdstat_set_flags(vmctx: *mut VMContext, fd: u32, flags: u32) -> u32 {
    super::call(vmctx, |cx, _| {
        let host = cx.host_fd(fd, rights::FD_FDSTAT_SET_FLAGS)?;
        let flags = flags as u16;
        if flags & (fdflags::DSYNC | fdflags::RSYNC | fdflags::SYNC) != 0 {
            return Err(Errno::Inval); // cannot be changed after open
        }
        let old = libc::fcntl(host, libc::F_GETFL);
        if old < 0 {
            return Err(Errno::last_host());
        }
        let mut new = old & !(libc::O_APPEND | libc::O_NONBLOCK);
        if flags & fdflags::APPEND != 0 {
            new |= libc::O_APPEND;
        }
        if flags & fdflags::NONBLOCK != 0 {
            new |= libc::O_NONBLOCK;
        }
        if libc::fcntl(host, libc::F_SETFL, new) != 0 {
            return Err(Errno::last_host());
        }
        Ok(())
    })
}

fn timespec_nanos(sec: i64, nsec: i64) -> u64 {
    (sec as u64).wrapping_mul(1_000_000_000).wrapping_add(nsec as u64)
}

#[allow(clippy::unnecessary_cast)] // stat field types differ between targets
pub unsafe extern "C" fn fd_filestat_get(vmctx: *mut VMContext, fd: u32, stat: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let host = cx.host_fd(fd, rights::FD_FILESTAT_GET)?;
        mem.range(stat, 64).or_fault()?;
        let st = fstat(host)?;
        let mut buf = [0u8; 64];
        buf[0..8].copy_from_slice(&(st.st_dev as u64).to_le_bytes());
        buf[8..16].copy_from_slice(&(st.st_ino as u64).to_le_bytes());
        buf[16] = filetype_of(st.st_mode);
        buf[24..32].copy_from_slice(&(st.st_nlink as u64).to_le_bytes());
        buf[32..40].copy_from_slice(&(st.st_size as u64).to_le_bytes());
        buf[40..48].copy_from_slice(&timespec_nanos(st.st_atime, st.st_atime_nsec).to_le_bytes());
        buf[48..56].copy_from_slice(&timespec_nanos(st.st_mtime, st.st_mtime_nsec).to_le_bytes());
        buf[56..64].copy_from_slice(&timespec_nanos(st.st_ctime, st.st_ctime_nsec).to_le_bytes());
        mem.write_bytes(stat, &buf).or_fault()
    })
}

/// No descriptor is a preopened directory yet (`--dir` support adds that kind), so every
/// valid descriptor answers `EBADF`, which ends wasi-libc's preopen scan.
pub unsafe extern "C" fn fd_prestat_get(vmctx: *mut VMContext, fd: u32, _prestat: u32) -> u32 {
    super::call(vmctx, |cx, _| {
        cx.fds()?.get(fd)?;
        Err(Errno::Badf)
    })
}

pub unsafe extern "C" fn fd_prestat_dir_name(vmctx: *mut VMContext, fd: u32, _path: u32, _path_len: u32) -> u32 {
    super::call(vmctx, |cx, _| {
        cx.fds()?.get(fd)?;
        Err(Errno::Badf)
    })
}

fn sync(host: RawFd, data_only: bool) -> Result<(), Errno> {
    // SAFETY: fsync/fdatasync on a descriptor number.
    let rc = unsafe {
        if data_only {
            libc::fdatasync(host)
        } else {
            libc::fsync(host)
        }
    };
    if rc != 0 {
        return Err(Errno::last_host());
    }
    Ok(())
}

pub unsafe extern "C" fn fd_sync(vmctx: *mut VMContext, fd: u32) -> u32 {
    super::call(vmctx, |cx, _| sync(cx.host_fd(fd, rights::FD_SYNC)?, false))
}

pub unsafe extern "C" fn fd_datasync(vmctx: *mut VMContext, fd: u32) -> u32 {
    super::call(vmctx, |cx, _| sync(cx.host_fd(fd, rights::FD_DATASYNC)?, true))
}
