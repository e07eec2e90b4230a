//! `fd_readdir`: directory entries as a stream of WASI `dirent`s. The cookie of an entry is the
//! host's `d_off` for it (where the next read continues), so a call needs no state: it seeks the
//! host directory to the cookie and reads on with `getdents64`. Cookie 0 is the start.

use super::consts::{filetype, rights, size};
use super::errno::{Errno, OrFault};
use super::sys;
use std::ffi::CStr;
use std::os::unix::io::RawFd;
use wasmkiln_abi::VMContext;

/// Host buffer for one `getdents64` call.
const HOST_BUF: usize = 32 * 1024;

/// One host directory entry.
pub(crate) struct Entry {
    pub next: u64,
    pub ino: u64,
    pub ty: u8,
    pub name: Vec<u8>,
}

fn wasi_type(dir: RawFd, d_type: u8, name: &[u8]) -> u8 {
    match d_type {
        libc::DT_BLK => filetype::BLOCK_DEVICE,
        libc::DT_CHR => filetype::CHARACTER_DEVICE,
        libc::DT_DIR => filetype::DIRECTORY,
        libc::DT_REG => filetype::REGULAR_FILE,
        libc::DT_LNK => filetype::SYMBOLIC_LINK,
        libc::DT_SOCK => filetype::SOCKET_STREAM,
        libc::DT_UNKNOWN => {
            let Ok(c) = sys::cstring(name) else { return filetype::UNKNOWN };
            sys::lstatat(dir, &c).map_or(filetype::UNKNOWN, |st| sys::filetype_of(st.st_mode, None))
        }
        _ => filetype::UNKNOWN, // FIFOs
    }
}

/// Reads the entries of `dir` from `cookie` on, calling `each` until it returns false.
pub(crate) fn for_each_entry(dir: RawFd, cookie: u64, mut each: impl FnMut(Entry) -> bool) -> Result<(), Errno> {
    let start = i64::try_from(cookie).map_err(|_| Errno::Inval)?;
    sys::lseek(dir, start, libc::SEEK_SET)?;
    let mut buf = vec![0u8; HOST_BUF];
    loop {
        // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`.
        let n = unsafe { libc::syscall(libc::SYS_getdents64, dir, buf.as_mut_ptr(), buf.len()) };
        if n < 0 {
            return Err(Errno::last_host());
        }
        if n == 0 {
            return Ok(());
        }
        let mut at = 0usize;
        while at < n as usize {
            // struct linux_dirent64 { u64 d_ino; i64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
            let rec = &buf[at..n as usize];
            let ino = u64::from_ne_bytes(rec[0..8].try_into().expect("8 bytes"));
            let off = i64::from_ne_bytes(rec[8..16].try_into().expect("8 bytes"));
            let reclen = u16::from_ne_bytes([rec[16], rec[17]]) as usize;
            let d_type = rec[18];
            let name = CStr::from_bytes_until_nul(&rec[19..reclen]).map_err(|_| Errno::Io)?.to_bytes();
            let entry = Entry { next: off as u64, ino, ty: wasi_type(dir, d_type, name), name: name.to_vec() };
            if !each(entry) {
                return Ok(());
            }
            at += reclen;
        }
    }
}

pub unsafe extern "C" fn fd_readdir(vmctx: *mut VMContext, fd: u32, buf: u32, buf_len: u32, cookie: u64, bufused: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let dir = cx.dir(fd, rights::FD_READDIR)?;
        let host = dir.host_fd();
        mem.range(bufused, 4).or_fault()?;
        let out = mem.range(buf, buf_len as u64).or_fault()?;
        // SAFETY: `out..out+buf_len` is inside the guest memory (checked above).
        let out = std::slice::from_raw_parts_mut(out, buf_len as usize);
        let mut used = 0usize;
        for_each_entry(host, cookie, |e| {
            let mut dirent = [0u8; size::DIRENT];
            dirent[0..8].copy_from_slice(&e.next.to_le_bytes());
            dirent[8..16].copy_from_slice(&e.ino.to_le_bytes());
            dirent[16..20].copy_from_slice(&(e.name.len() as u32).to_le_bytes());
            dirent[20] = e.ty;
            // As many bytes as fit; a truncated last entry tells the reader to retry with more room.
            for part in [&dirent[..], &e.name[..]] {
                let n = part.len().min(out.len() - used);
                out[used..used + n].copy_from_slice(&part[..n]);
                used += n;
            }
            used < out.len()
        })?;
        mem.write_u32(bufused, used as u32).or_fault()
    })
}
