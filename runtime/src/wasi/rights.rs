//! The file-type and rights rules every preview1 function checks before it touches the host,
//! in this order: the descriptor exists (`EBADF`), it is of the type the function works on,
//! then it holds the rights the function needs. The errno values are the ones Wasmtime returns
//! (the official WASI test suite's preview1 programs are written against it); each rule has a
//! test in `tests/rules.rs`.
//!
//! | function(s) | descriptor | errno |
//! | --- | --- | --- |
//! | any function on a descriptor that is not open | — | `EBADF` |
//! | `fd_read`, `fd_pread`, `fd_write`, `fd_pwrite` | a directory | `EBADF` (POSIX: `EISDIR`) |
//! | `fd_seek`, `fd_tell` (any offset, any `whence`) | a directory | `EBADF` (Linux: succeeds) |
//! | `fd_advise`, `fd_allocate`, `fd_datasync`, `fd_sync` | a directory | `EBADF` |
//! | `fd_fdstat_set_flags`, `fd_filestat_set_size` | a directory | `EBADF` |
//! | `fd_read`, `fd_pread` / `fd_write`, `fd_pwrite` | without `fd_read` / `fd_write` | `EBADF` (as POSIX on a write-/read-only descriptor) |
//! | `fd_readdir` | not a directory | `ENOTDIR` (before rights) |
//! | every `path_*` (each directory argument) | not a directory (a file, stdio) | `ENOTDIR` (before rights) |
//! | `fd_prestat_get`, `fd_prestat_dir_name` | not a preopened directory | `EBADF` |
//! | `path_open` with `O_DIRECTORY` and the `fd_write` right | a directory | `EISDIR`; a file: `ENOTDIR` |
//! | `path_open` with `O_DIRECTORY` and `O_CREAT`, `O_EXCL` or `O_TRUNC` | — | `EINVAL` |
//! | `sock_accept`, `sock_recv`, `sock_send`, `sock_shutdown` | not a socket (a directory too) | `ENOTSOCK` (before rights) |
//! | any function whose right was not granted (or was dropped) | — | `ENOTCAPABLE` (76) |
//! | `fd_fdstat_set_rights` adding a right | — | `ENOTCAPABLE` |
//!
//! A directory holds at most `rights::DIR_BASE` (what `fd_fdstat_get` reports): never
//! `fd_seek`, `fd_read` or `fd_write`; the file rights are its inheriting rights.
//! `fd_filestat_get`, `fd_filestat_set_times`, `fd_fdstat_get`, `fd_close` and `fd_renumber`
//! work on every type. Stdio is a file here: seeking a pipe or terminal is the host's `ESPIPE`.

use super::ctx::{FdEntry, WasiCtx};
use super::errno::Errno;
use std::os::unix::io::RawFd;

impl WasiCtx {
    /// Guest `fd` for a file-only function: `EBADF` for a directory, else `ENOTCAPABLE` without
    /// the `needed` rights.
    pub fn file(&self, fd: u32, needed: u64) -> Result<RawFd, Errno> {
        let fds = self.fds()?;
        let entry = fds.get(fd)?;
        if entry.is_dir() {
            return Err(Errno::Badf);
        }
        entry.require(needed)
    }

    /// Guest `fd` for reading or writing: [`WasiCtx::file`], but without the `rw` right
    /// (`fd_read` or `fd_write`) it is `EBADF`, as a descriptor not open for it is on the host;
    /// `extra` rights (`fd_seek` for the positioned forms) are `ENOTCAPABLE`.
    pub fn io_fd(&self, fd: u32, rw: u64, extra: u64) -> Result<RawFd, Errno> {
        let fds = self.fds()?;
        let entry = fds.get(fd)?;
        if entry.is_dir() || entry.rights_base & rw != rw {
            return Err(Errno::Badf);
        }
        entry.require(extra)
    }

    /// Guest `fd` as a directory with the `needed` rights (`ENOTDIR` if it is not one).
    pub fn dir(&self, fd: u32, needed: u64) -> Result<FdEntry, Errno> {
        let entry = self.entry(fd)?;
        if !entry.is_dir() {
            return Err(Errno::Notdir);
        }
        entry.require(needed)?;
        Ok(entry)
    }
}
