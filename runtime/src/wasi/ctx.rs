//! The WASI context: arguments, environment and the descriptor table. Guest descriptors map to
//! host descriptors through [`FdTable`]; today it holds the three stdio streams, and new kinds
//! (files, preopened directories) are added as [`FdKind`] variants.

use super::errno::Errno;
use std::cell::{Ref, RefCell, RefMut};
use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::io::RawFd;

/// Rights bits (`rights` in the WASI spec).
pub mod rights {
    pub const FD_DATASYNC: u64 = 1 << 0;
    pub const FD_READ: u64 = 1 << 1;
    pub const FD_SEEK: u64 = 1 << 2;
    pub const FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
    pub const FD_SYNC: u64 = 1 << 4;
    pub const FD_TELL: u64 = 1 << 5;
    pub const FD_WRITE: u64 = 1 << 6;
    pub const FD_FILESTAT_GET: u64 = 1 << 21;
    /// Every right defined by preview1 (bits 0..=29).
    pub const ALL: u64 = (1 << 30) - 1;
}

/// What a guest descriptor refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FdKind {
    /// One of the process's standard streams (guest 0/1/2 map to host 0/1/2). Not closed on the
    /// host when the guest closes it.
    Stdio,
}

#[derive(Clone, Debug)]
pub struct FdEntry {
    pub host_fd: RawFd,
    pub kind: FdKind,
    pub rights_base: u64,
    pub rights_inheriting: u64,
}

impl FdEntry {
    pub fn stdio(host_fd: RawFd) -> FdEntry {
        FdEntry { host_fd, kind: FdKind::Stdio, rights_base: rights::ALL, rights_inheriting: rights::ALL }
    }

    /// `ENOTCAPABLE` unless the descriptor has all of `needed`.
    pub fn require(&self, needed: u64) -> Result<RawFd, Errno> {
        if self.rights_base & needed == needed {
            Ok(self.host_fd)
        } else {
            Err(Errno::Notcapable)
        }
    }

    /// Whether closing the guest descriptor closes the host one.
    pub fn owns_host_fd(&self) -> bool {
        match self.kind {
            FdKind::Stdio => false,
        }
    }
}

/// Guest descriptor numbers to entries.
#[derive(Default, Debug)]
pub struct FdTable {
    entries: Vec<Option<FdEntry>>,
}

impl FdTable {
    pub fn with_stdio() -> FdTable {
        FdTable { entries: (0..3).map(|fd| Some(FdEntry::stdio(fd))).collect() }
    }

    pub fn get(&self, fd: u32) -> Result<&FdEntry, Errno> {
        self.entries.get(fd as usize).and_then(Option::as_ref).ok_or(Errno::Badf)
    }

    pub fn get_mut(&mut self, fd: u32) -> Result<&mut FdEntry, Errno> {
        self.entries.get_mut(fd as usize).and_then(Option::as_mut).ok_or(Errno::Badf)
    }

    /// Adds an entry at the lowest free number.
    pub fn insert(&mut self, entry: FdEntry) -> Result<u32, Errno> {
        let fd = match self.entries.iter().position(Option::is_none) {
            Some(free) => free,
            None => {
                self.entries.push(None);
                self.entries.len() - 1
            }
        };
        let fd32 = u32::try_from(fd).map_err(|_| Errno::Mfile)?;
        self.entries[fd] = Some(entry);
        Ok(fd32)
    }

    pub fn remove(&mut self, fd: u32) -> Result<FdEntry, Errno> {
        self.entries.get_mut(fd as usize).and_then(Option::take).ok_or(Errno::Badf)
    }
}

/// Per-program WASI state.
#[derive(Debug)]
pub struct WasiCtx {
    args: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    fds: RefCell<FdTable>,
}

impl WasiCtx {
    /// `args` become `argv` (the first is the program name); `env` entries are `KEY=VALUE`.
    pub fn new(args: Vec<Vec<u8>>, env: Vec<Vec<u8>>) -> WasiCtx {
        WasiCtx { args, env, fds: RefCell::new(FdTable::with_stdio()) }
    }

    /// The process's own arguments and environment.
    pub fn from_process() -> WasiCtx {
        let args = std::env::args_os().map(|a| a.as_bytes().to_vec()).collect();
        WasiCtx::new(args, process_env())
    }

    pub fn args(&self) -> &[Vec<u8>] {
        &self.args
    }

    pub fn env(&self) -> &[Vec<u8>] {
        &self.env
    }

    pub fn fds(&self) -> Result<Ref<'_, FdTable>, Errno> {
        self.fds.try_borrow().map_err(|_| Errno::Busy)
    }

    pub fn fds_mut(&self) -> Result<RefMut<'_, FdTable>, Errno> {
        self.fds.try_borrow_mut().map_err(|_| Errno::Busy)
    }

    /// The host descriptor of guest `fd`, if it has the `needed` rights.
    pub fn host_fd(&self, fd: u32, needed: u64) -> Result<RawFd, Errno> {
        self.fds()?.get(fd)?.require(needed)
    }
}

/// The process environment as `KEY=VALUE` byte strings.
pub fn process_env() -> Vec<Vec<u8>> {
    std::env::vars_os()
        .map(|(k, v): (OsString, OsString)| {
            let mut e = k.as_bytes().to_vec();
            e.push(b'=');
            e.extend_from_slice(v.as_bytes());
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fd_table_reuses_the_lowest_free_number() {
        let mut t = FdTable::with_stdio();
        assert_eq!(t.get(1).unwrap().host_fd, 1);
        assert_eq!(t.get(3).unwrap_err(), Errno::Badf);
        t.remove(1).unwrap();
        assert_eq!(t.remove(1).unwrap_err(), Errno::Badf);
        assert_eq!(t.insert(FdEntry::stdio(1)).unwrap(), 1);
        assert_eq!(t.insert(FdEntry::stdio(2)).unwrap(), 3);
        let mut e = FdEntry::stdio(0);
        e.rights_base = rights::FD_READ;
        assert_eq!(e.require(rights::FD_READ), Ok(0));
        assert_eq!(e.require(rights::FD_WRITE), Err(Errno::Notcapable));
    }
}
