//! Thin wrappers around the host system calls WASI needs: each returns `Result<_, Errno>` with
//! the host error translated, and retries on `EINTR` where the call is restartable.

use super::consts::filetype;
use super::errno::Errno;
use std::ffi::{CStr, CString};
use std::os::unix::io::{FromRawFd, OwnedFd, RawFd};

/// `Err(last host errno)` for a negative result.
pub fn cvt(r: libc::c_int) -> Result<libc::c_int, Errno> {
    if r < 0 {
        Err(Errno::last_host())
    } else {
        Ok(r)
    }
}

/// Repeats `f` while it fails with `EINTR`.
pub fn retry<T>(mut f: impl FnMut() -> Result<T, Errno>) -> Result<T, Errno> {
    loop {
        match f() {
            Err(Errno::Intr) => continue,
            r => return r,
        }
    }
}

/// A path component or relative path as a C string (`EILSEQ` for an embedded NUL).
pub fn cstring(bytes: &[u8]) -> Result<CString, Errno> {
    CString::new(bytes).map_err(|_| Errno::Ilseq)
}

pub fn openat(dir: RawFd, name: &CStr, flags: libc::c_int, mode: libc::mode_t) -> Result<OwnedFd, Errno> {
    // SAFETY: `name` is NUL-terminated; the result is a fresh descriptor we own.
    retry(|| cvt(unsafe { libc::openat(dir, name.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) }))
        .map(|fd| unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The target of symbolic link `name` in `dir` (`EINVAL` if it is not one).
pub fn readlinkat(dir: RawFd, name: &CStr) -> Result<Vec<u8>, Errno> {
    let mut buf = vec![0u8; 256];
    loop {
        // SAFETY: writes at most `buf.len()` bytes into `buf`.
        let n = unsafe { libc::readlinkat(dir, name.as_ptr(), buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
        if n < 0 {
            return Err(Errno::last_host());
        }
        if (n as usize) < buf.len() {
            buf.truncate(n as usize);
            return Ok(buf);
        }
        if buf.len() >= 1 << 20 {
            return Err(Errno::Nametoolong);
        }
        let len = buf.len() * 4;
        buf.resize(len, 0);
    }
}

pub fn fstat(fd: RawFd) -> Result<libc::stat, Errno> {
    // SAFETY: fstat into a zeroed local struct.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        cvt(libc::fstat(fd, &mut st))?;
        Ok(st)
    }
}

/// `fstatat` without following a final symbolic link.
pub fn lstatat(dir: RawFd, name: &CStr) -> Result<libc::stat, Errno> {
    // SAFETY: fstatat into a zeroed local struct.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        cvt(libc::fstatat(dir, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW))?;
        Ok(st)
    }
}

pub fn lseek(fd: RawFd, offset: i64, whence: libc::c_int) -> Result<u64, Errno> {
    // SAFETY: lseek on a descriptor number.
    let r = unsafe { libc::lseek(fd, offset, whence) };
    if r < 0 {
        return Err(Errno::last_host());
    }
    Ok(r as u64)
}

/// The WASI file type of a host `st_mode` (`fd` tells datagram from stream sockets).
pub fn filetype_of(mode: libc::mode_t, fd: Option<RawFd>) -> u8 {
    match mode & libc::S_IFMT {
        libc::S_IFCHR => filetype::CHARACTER_DEVICE,
        libc::S_IFREG => filetype::REGULAR_FILE,
        libc::S_IFDIR => filetype::DIRECTORY,
        libc::S_IFBLK => filetype::BLOCK_DEVICE,
        libc::S_IFLNK => filetype::SYMBOLIC_LINK,
        libc::S_IFSOCK => match fd.map(socket_type) {
            Some(libc::SOCK_DGRAM) => filetype::SOCKET_DGRAM,
            _ => filetype::SOCKET_STREAM,
        },
        _ => filetype::UNKNOWN, // pipes
    }
}

fn socket_type(fd: RawFd) -> libc::c_int {
    let mut ty: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt into a local int.
    let r = unsafe { libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_TYPE, &mut ty as *mut _ as *mut libc::c_void, &mut len) };
    if r == 0 {
        ty
    } else {
        0
    }
}

pub fn timespec_nanos(sec: i64, nsec: i64) -> u64 {
    (sec as u64).wrapping_mul(1_000_000_000).wrapping_add(nsec as u64)
}

/// A WASI `filestat` (64 bytes) from a host `stat`.
#[allow(clippy::unnecessary_cast)] // stat field types differ between targets
pub fn filestat_bytes(st: &libc::stat, fd: Option<RawFd>) -> [u8; 64] {
    let mut buf = [0u8; 64];
    buf[0..8].copy_from_slice(&(st.st_dev as u64).to_le_bytes());
    buf[8..16].copy_from_slice(&(st.st_ino as u64).to_le_bytes());
    buf[16] = filetype_of(st.st_mode, fd);
    buf[24..32].copy_from_slice(&(st.st_nlink as u64).to_le_bytes());
    buf[32..40].copy_from_slice(&(st.st_size as u64).to_le_bytes());
    buf[40..48].copy_from_slice(&timespec_nanos(st.st_atime as i64, st.st_atime_nsec as i64).to_le_bytes());
    buf[48..56].copy_from_slice(&timespec_nanos(st.st_mtime as i64, st.st_mtime_nsec as i64).to_le_bytes());
    buf[56..64].copy_from_slice(&timespec_nanos(st.st_ctime as i64, st.st_ctime_nsec as i64).to_le_bytes());
    buf
}

/// The two `timespec`s of `futimens`/`utimensat` for WASI times and `fstflags`.
pub fn utimens_times(atim: u64, mtim: u64, flags: u16) -> Result<[libc::timespec; 2], Errno> {
    use super::consts::fstflags::*;
    if flags & !ALL != 0 || (flags & ATIM != 0 && flags & ATIM_NOW != 0) || (flags & MTIM != 0 && flags & MTIM_NOW != 0) {
        return Err(Errno::Inval);
    }
    let one = |t: u64, set: u16, now: u16| -> libc::timespec {
        if flags & now != 0 {
            libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW }
        } else if flags & set != 0 {
            libc::timespec { tv_sec: (t / 1_000_000_000) as libc::time_t, tv_nsec: (t % 1_000_000_000) as libc::c_long }
        } else {
            libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_OMIT }
        }
    };
    Ok([one(atim, ATIM, ATIM_NOW), one(mtim, MTIM, MTIM_NOW)])
}
