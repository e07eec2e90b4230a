//! `path_*` functions: files named by a directory descriptor and a relative path. Every path is
//! resolved by [`sandbox::resolve`] (the only way to the host file system), then the operation
//! is one `*at` call on the directory holding the last component, never following a symbolic
//! link there.

use super::consts::{fdflags, oflags, rights, size, LOOKUP_SYMLINK_FOLLOW};
use super::ctx::{FdEntry, FdKind, WasiCtx};
use super::errno::{Errno, OrFault};
use super::sandbox::{self, Resolved};
use super::sys::{self, cvt};
use crate::host::GuestMemory;
use wasmkiln_abi::VMContext;

/// Paths longer than this are `ENAMETOOLONG` (Linux's PATH_MAX).
const MAX_PATH: u32 = 4096;

/// The guest string `[ptr, ptr + len)`.
fn guest_path(mem: &GuestMemory, ptr: u32, len: u32) -> Result<Vec<u8>, Errno> {
    mem.range(ptr, len as u64).or_fault()?;
    if len > MAX_PATH {
        return Err(Errno::Nametoolong); // checked before copying: a path may claim gigabytes
    }
    mem.read_vec(ptr, len).or_fault()
}

/// Resolves guest `path` below directory `fd`, which needs the `needed` rights. The returned
/// entry keeps the starting directory open while the result is used.
fn resolve(
    cx: &WasiCtx,
    mem: &GuestMemory,
    fd: u32,
    needed: u64,
    path: (u32, u32),
    follow: bool,
) -> Result<(FdEntry, Resolved), Errno> {
    let dir = cx.dir(fd, needed)?;
    let path = guest_path(mem, path.0, path.1)?;
    let resolved = sandbox::resolve(dir.host_fd(), &path, follow)?;
    Ok((dir, resolved))
}

fn follows(lookupflags: u32) -> bool {
    lookupflags & LOOKUP_SYMLINK_FOLLOW != 0
}

#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn path_open(
    vmctx: *mut VMContext,
    fd: u32,
    dirflags: u32,
    path: u32,
    path_len: u32,
    oflags: u32,
    rights_base: u64,
    rights_inheriting: u64,
    fdflags: u32,
    opened: u32,
) -> u32 {
    super::call(vmctx, |cx, mem| {
        let (oflags, fdflags) = (oflags as u16, fdflags as u16);
        if oflags & !oflags::ALL != 0 || fdflags & !fdflags::ALL != 0 {
            return Err(Errno::Inval);
        }
        if oflags & oflags::DIRECTORY != 0 && oflags & (oflags::CREAT | oflags::EXCL | oflags::TRUNC) != 0 {
            return Err(Errno::Inval); // as Wasmtime: a directory is neither created nor truncated here
        }
        let mut needed = rights::PATH_OPEN;
        if oflags & oflags::CREAT != 0 {
            needed |= rights::PATH_CREATE_FILE;
        }
        if oflags & oflags::TRUNC != 0 {
            needed |= rights::PATH_FILESTAT_SET_SIZE;
        }
        mem.range(opened, 4).or_fault()?;
        // O_CREAT|O_EXCL never follows a final symbolic link (POSIX).
        let excl = oflags & (oflags::CREAT | oflags::EXCL) == oflags::CREAT | oflags::EXCL;
        let (dir, r) = resolve(cx, mem, fd, needed, (path, path_len), follows(dirflags) && !excl)?;

        // What the new descriptor may do: what was asked, within what the directory passes on.
        let base = rights_base & dir.rights_inheriting;
        let inheriting = rights_inheriting & dir.rights_inheriting;
        let read = base & rights::NEED_READ != 0;
        let directory = oflags & oflags::DIRECTORY != 0 || r.must_be_dir;
        // A directory opens read-only unless `fd_write` is asked for, which the host refuses with
        // `EISDIR` (the other write rights are for the path functions).
        let write = if directory {
            base & rights::FD_WRITE != 0
        } else {
            base & rights::NEED_WRITE != 0 || fdflags & fdflags::APPEND != 0
        };
        let mut flags = match (read, write) {
            (_, false) => libc::O_RDONLY,
            (false, true) => libc::O_WRONLY,
            (true, true) => libc::O_RDWR,
        };
        flags |= libc::O_NOFOLLOW | libc::O_NOCTTY;
        if oflags & oflags::CREAT != 0 {
            if r.must_be_dir {
                return Err(Errno::Isdir);
            }
            flags |= libc::O_CREAT;
        }
        if directory {
            flags |= libc::O_DIRECTORY;
        }
        if oflags & oflags::EXCL != 0 {
            flags |= libc::O_EXCL;
        }
        if oflags & oflags::TRUNC != 0 {
            flags |= libc::O_TRUNC;
        }
        for (bit, host) in [
            (fdflags::APPEND, libc::O_APPEND),
            (fdflags::DSYNC, libc::O_DSYNC),
            (fdflags::NONBLOCK, libc::O_NONBLOCK),
            (fdflags::RSYNC, libc::O_RSYNC),
            (fdflags::SYNC, libc::O_SYNC),
        ] {
            if fdflags & bit != 0 {
                flags |= host;
            }
        }
        let file = sys::openat(r.dir(), r.name(), flags, 0o666)?;
        let st = sys::fstat(std::os::unix::io::AsRawFd::as_raw_fd(&file))?;
        let kind = if st.st_mode & libc::S_IFMT == libc::S_IFDIR { FdKind::Dir { preopen: None } } else { FdKind::File };
        let new_fd = cx.fds_mut()?.insert(FdEntry::new(file, kind, base, inheriting))?;
        mem.write_u32(opened, new_fd).or_fault()
    })
}

pub unsafe extern "C" fn path_create_directory(vmctx: *mut VMContext, fd: u32, path: u32, path_len: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let (_dir, r) = resolve(cx, mem, fd, rights::PATH_CREATE_DIRECTORY, (path, path_len), false)?;
        cvt(libc::mkdirat(r.dir(), r.name().as_ptr(), 0o777)).map(drop)
    })
}

pub unsafe extern "C" fn path_remove_directory(vmctx: *mut VMContext, fd: u32, path: u32, path_len: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let (_dir, r) = resolve(cx, mem, fd, rights::PATH_REMOVE_DIRECTORY, (path, path_len), false)?;
        cvt(libc::unlinkat(r.dir(), r.name().as_ptr(), libc::AT_REMOVEDIR)).map(drop)
    })
}

pub unsafe extern "C" fn path_unlink_file(vmctx: *mut VMContext, fd: u32, path: u32, path_len: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let (_dir, r) = resolve(cx, mem, fd, rights::PATH_UNLINK_FILE, (path, path_len), false)?;
        if r.must_be_dir {
            // `x/` names a directory (which unlink does not remove) or nothing valid.
            let st = sys::lstatat(r.dir(), r.name())?;
            return Err(if st.st_mode & libc::S_IFMT == libc::S_IFDIR { Errno::Isdir } else { Errno::Notdir });
        }
        cvt(libc::unlinkat(r.dir(), r.name().as_ptr(), 0)).map(drop)
    })
}

/// Both ends of a rename or link: if either path ends in `/`, the source must be a directory.
fn check_dir_pair(old: &Resolved, new: &Resolved) -> Result<(), Errno> {
    if old.must_be_dir || new.must_be_dir {
        let st = sys::lstatat(old.dir(), old.name())?;
        if st.st_mode & libc::S_IFMT != libc::S_IFDIR {
            return Err(Errno::Notdir);
        }
    }
    Ok(())
}

pub unsafe extern "C" fn path_rename(
    vmctx: *mut VMContext,
    fd: u32,
    old_path: u32,
    old_path_len: u32,
    new_fd: u32,
    new_path: u32,
    new_path_len: u32,
) -> u32 {
    super::call(vmctx, |cx, mem| {
        let (_d1, old) = resolve(cx, mem, fd, rights::PATH_RENAME_SOURCE, (old_path, old_path_len), false)?;
        let (_d2, new) = resolve(cx, mem, new_fd, rights::PATH_RENAME_TARGET, (new_path, new_path_len), false)?;
        check_dir_pair(&old, &new)?;
        cvt(libc::renameat(old.dir(), old.name().as_ptr(), new.dir(), new.name().as_ptr())).map(drop)
    })
}

#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn path_link(
    vmctx: *mut VMContext,
    old_fd: u32,
    old_flags: u32,
    old_path: u32,
    old_path_len: u32,
    new_fd: u32,
    new_path: u32,
    new_path_len: u32,
) -> u32 {
    super::call(vmctx, |cx, mem| {
        let follow = follows(old_flags);
        let (_d1, old) = resolve(cx, mem, old_fd, rights::PATH_LINK_SOURCE, (old_path, old_path_len), follow)?;
        let (_d2, new) = resolve(cx, mem, new_fd, rights::PATH_LINK_TARGET, (new_path, new_path_len), false)?;
        if new.must_be_dir {
            return Err(Errno::Noent);
        }
        check_dir_pair(&old, &new)?;
        // A followed link was resolved above, so the host must not follow anything here.
        cvt(libc::linkat(old.dir(), old.name().as_ptr(), new.dir(), new.name().as_ptr(), 0)).map(drop)
    })
}

/// Creates symbolic link `new_path` with the target text `old_path`. The target is stored as
/// given, but an absolute one is refused (`ENOTCAPABLE`): it could only ever point outside.
pub unsafe extern "C" fn path_symlink(
    vmctx: *mut VMContext,
    old_path: u32,
    old_path_len: u32,
    fd: u32,
    new_path: u32,
    new_path_len: u32,
) -> u32 {
    super::call(vmctx, |cx, mem| {
        let target = guest_path(mem, old_path, old_path_len)?;
        let (_dir, new) = resolve(cx, mem, fd, rights::PATH_SYMLINK, (new_path, new_path_len), false)?;
        if target.first() == Some(&b'/') {
            return Err(Errno::Notcapable);
        }
        let target = sys::cstring(&target)?;
        if new.must_be_dir {
            return Err(Errno::Noent);
        }
        cvt(libc::symlinkat(target.as_ptr(), new.dir(), new.name().as_ptr())).map(drop)
    })
}

pub unsafe extern "C" fn path_readlink(
    vmctx: *mut VMContext,
    fd: u32,
    path: u32,
    path_len: u32,
    buf: u32,
    buf_len: u32,
    bufused: u32,
) -> u32 {
    super::call(vmctx, |cx, mem| {
        let (_dir, r) = resolve(cx, mem, fd, rights::PATH_READLINK, (path, path_len), false)?;
        mem.range(buf, buf_len as u64).or_fault()?;
        mem.range(bufused, 4).or_fault()?;
        let target = sys::readlinkat(r.dir(), r.name())?;
        // Truncated to the buffer, as readlink(2) does.
        let n = target.len().min(buf_len as usize);
        mem.write_bytes(buf, &target[..n]).or_fault()?;
        mem.write_u32(bufused, n as u32).or_fault()
    })
}

pub unsafe extern "C" fn path_filestat_get(vmctx: *mut VMContext, fd: u32, flags: u32, path: u32, path_len: u32, stat: u32) -> u32 {
    super::call(vmctx, |cx, mem| {
        let (_dir, r) = resolve(cx, mem, fd, rights::PATH_FILESTAT_GET, (path, path_len), follows(flags))?;
        mem.range(stat, size::FILESTAT).or_fault()?;
        let st = sys::lstatat(r.dir(), r.name())?;
        if r.must_be_dir && st.st_mode & libc::S_IFMT != libc::S_IFDIR {
            return Err(Errno::Notdir);
        }
        mem.write_bytes(stat, &sys::filestat_bytes(&st, None)).or_fault()
    })
}

#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn path_filestat_set_times(
    vmctx: *mut VMContext,
    fd: u32,
    flags: u32,
    path: u32,
    path_len: u32,
    atim: u64,
    mtim: u64,
    fst_flags: u32,
) -> u32 {
    super::call(vmctx, |cx, mem| {
        let (_dir, r) = resolve(cx, mem, fd, rights::PATH_FILESTAT_SET_TIMES, (path, path_len), follows(flags))?;
        r.check_dir_suffix()?;
        let times = sys::utimens_times(atim, mtim, fst_flags as u16)?;
        cvt(libc::utimensat(r.dir(), r.name().as_ptr(), times.as_ptr(), libc::AT_SYMLINK_NOFOLLOW)).map(drop)
    })
}
