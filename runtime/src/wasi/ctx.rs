//! The WASI context: arguments, environment and the descriptor table. Guest descriptors map to
//! host descriptors through [`FdTable`]: the three stdio streams, the preopened directories
//! (numbered from 3 in the order they were given), and whatever the program opens.

pub use super::consts::rights;
use super::errno::Errno;
use std::ops::{Deref, DerefMut};
use std::ffi::{CString, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::io::{FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

/// A host descriptor, closed when the last guest descriptor referring to it goes away (unless
/// borrowed, like the process's stdio).
#[derive(Debug)]
pub struct HostFd {
    fd: RawFd,
    owned: bool,
}

impl HostFd {
    pub fn owned(fd: OwnedFd) -> Arc<HostFd> {
        Arc::new(HostFd { fd: fd.into_raw_fd(), owned: true })
    }

    pub fn borrowed(fd: RawFd) -> Arc<HostFd> {
        Arc::new(HostFd { fd, owned: false })
    }

    pub fn raw(&self) -> RawFd {
        self.fd
    }
}

impl Drop for HostFd {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: we own the descriptor; nothing else closes it.
            drop(unsafe { OwnedFd::from_raw_fd(self.fd) });
        }
    }
}

/// What a guest descriptor refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FdKind {
    /// One of the process's standard streams (guest 0/1/2 map to host 0/1/2). Not closed on the
    /// host when the guest closes it.
    Stdio,
    /// A file, device, pipe or socket the program opened (or accepted).
    File,
    /// A directory; `preopen` is the guest name of a preopened one (what `fd_prestat_dir_name`
    /// reports), `None` for directories the program opened itself.
    Dir { preopen: Option<Vec<u8>> },
}

#[derive(Clone, Debug)]
pub struct FdEntry {
    pub host: Arc<HostFd>,
    pub kind: FdKind,
    pub rights_base: u64,
    pub rights_inheriting: u64,
}

impl FdEntry {
    pub fn stdio(host_fd: RawFd) -> FdEntry {
        FdEntry { host: HostFd::borrowed(host_fd), kind: FdKind::Stdio, rights_base: rights::ALL, rights_inheriting: rights::ALL }
    }

    /// A directory keeps only the rights a directory can hold ([`rights::DIR_BASE`]).
    pub fn new(fd: OwnedFd, kind: FdKind, rights_base: u64, rights_inheriting: u64) -> FdEntry {
        let rights_base = if matches!(kind, FdKind::Dir { .. }) { rights_base & rights::DIR_BASE } else { rights_base };
        FdEntry { host: HostFd::owned(fd), kind, rights_base, rights_inheriting }
    }

    pub fn host_fd(&self) -> RawFd {
        self.host.raw()
    }

    pub fn is_dir(&self) -> bool {
        matches!(self.kind, FdKind::Dir { .. })
    }

    /// `ENOTCAPABLE` unless the descriptor has all of `needed`.
    pub fn require(&self, needed: u64) -> Result<RawFd, Errno> {
        if self.rights_base & needed == needed {
            Ok(self.host_fd())
        } else {
            Err(Errno::Notcapable)
        }
    }
}

/// Guest descriptor numbers to entries.
#[derive(Default, Debug)]
pub struct FdTable {
    entries: Vec<Option<FdEntry>>,
}

/// Guest descriptors a program may have open at once.
pub const MAX_FDS: usize = 1 << 16;

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
            None if self.entries.len() < MAX_FDS => {
                self.entries.push(None);
                self.entries.len() - 1
            }
            None => return Err(Errno::Mfile),
        };
        self.entries[fd] = Some(entry);
        Ok(fd as u32)
    }

    pub fn remove(&mut self, fd: u32) -> Result<FdEntry, Errno> {
        self.entries.get_mut(fd as usize).and_then(Option::take).ok_or(Errno::Badf)
    }

    /// `fd_renumber`: moves `from` to `to`, closing what `to` was. Both must be open.
    pub fn renumber(&mut self, from: u32, to: u32) -> Result<(), Errno> {
        self.get(from)?;
        self.get(to)?;
        if from != to {
            let entry = self.remove(from)?;
            self.entries[to as usize] = Some(entry);
        }
        Ok(())
    }
}

/// The descriptor table of a program, shared by its threads (wasi-threads): a lock that a
/// thread taking it twice (one WASI function holding the table while it asks again) gets `EBUSY`
/// from, as from a `RefCell`, instead of deadlocking; other threads wait for it.
#[derive(Debug, Default)]
struct SharedFds {
    table: Mutex<FdTable>,
    /// [`thread_token`] of the thread holding `table`, 0 when free.
    owner: AtomicUsize,
}

/// A number that identifies the calling thread while it lives (never 0).
fn thread_token() -> usize {
    thread_local! { static TOKEN: u8 = const { 0 }; }
    TOKEN.with(|t| t as *const u8 as usize)
}

/// The descriptor table, locked by this thread.
pub struct FdGuard<'a> {
    table: MutexGuard<'a, FdTable>,
    owner: &'a AtomicUsize,
}

impl Drop for FdGuard<'_> {
    fn drop(&mut self) {
        // Runs before `table` unlocks.
        self.owner.store(0, Ordering::Relaxed);
    }
}

impl Deref for FdGuard<'_> {
    type Target = FdTable;
    fn deref(&self) -> &FdTable {
        &self.table
    }
}

impl DerefMut for FdGuard<'_> {
    fn deref_mut(&mut self) -> &mut FdTable {
        &mut self.table
    }
}

impl SharedFds {
    fn lock(&self) -> Result<FdGuard<'_>, Errno> {
        let me = thread_token();
        let table = match self.table.try_lock() {
            Ok(g) => g,
            Err(TryLockError::WouldBlock) if self.owner.load(Ordering::Relaxed) == me => return Err(Errno::Busy),
            Err(TryLockError::WouldBlock) => self.table.lock().unwrap_or_else(|e| e.into_inner()),
            Err(TryLockError::Poisoned(e)) => e.into_inner(),
        };
        self.owner.store(me, Ordering::Relaxed);
        Ok(FdGuard { table, owner: &self.owner })
    }
}

/// Per-program WASI state. The threads of a program (wasi-threads) each have a context of their
/// own made by [`WasiCtx::for_thread`], with the same arguments, environment and descriptors.
#[derive(Debug)]
pub struct WasiCtx {
    args: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    fds: Arc<SharedFds>,
}

impl WasiCtx {
    /// `args` become `argv` (the first is the program name); `env` entries are `KEY=VALUE`.
    /// Only the three stdio streams are open; add directories with [`WasiCtx::preopen_dir`].
    pub fn new(args: Vec<Vec<u8>>, env: Vec<Vec<u8>>) -> WasiCtx {
        let fds = SharedFds { table: Mutex::new(FdTable::with_stdio()), owner: AtomicUsize::new(0) };
        WasiCtx { args, env, fds: Arc::new(fds) }
    }

    /// The context of another thread of the same program: the same descriptor table (a file
    /// one thread opens, the others can use), arguments and environment.
    pub fn for_thread(&self) -> WasiCtx {
        WasiCtx { args: self.args.clone(), env: self.env.clone(), fds: self.fds.clone() }
    }

    /// The process's own arguments and environment, no preopened directory.
    pub fn from_process() -> WasiCtx {
        let args = std::env::args_os().map(|a| a.as_bytes().to_vec()).collect();
        WasiCtx::new(args, process_env())
    }

    /// Opens host directory `host` and gives the program access to it, and to everything below
    /// it, under the name `guest`. Returns the guest descriptor.
    pub fn preopen_dir(&self, host: &Path, guest: &[u8]) -> std::io::Result<u32> {
        let path = CString::new(host.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "path contains a NUL byte"))?;
        // SAFETY: opening a NUL-terminated path.
        let fd = unsafe { libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: a fresh descriptor we own.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let entry = FdEntry::new(fd, FdKind::Dir { preopen: Some(guest.to_vec()) }, rights::ALL, rights::ALL);
        let mut fds = self.fds.lock().map_err(|_| std::io::Error::from_raw_os_error(libc::EBUSY))?;
        fds.insert(entry).map_err(|_| std::io::Error::from_raw_os_error(libc::EMFILE))
    }

    pub fn args(&self) -> &[Vec<u8>] {
        &self.args
    }

    pub fn env(&self) -> &[Vec<u8>] {
        &self.env
    }

    pub fn fds(&self) -> Result<FdGuard<'_>, Errno> {
        self.fds.lock()
    }

    pub fn fds_mut(&self) -> Result<FdGuard<'_>, Errno> {
        self.fds.lock()
    }

    /// A copy of guest `fd`'s entry (sharing the host descriptor).
    pub fn entry(&self, fd: u32) -> Result<FdEntry, Errno> {
        Ok(self.fds()?.get(fd)?.clone())
    }

    /// The host descriptor of guest `fd`, if it has the `needed` rights (any file type; the
    /// type rules are in `rights.rs`).
    pub fn host_fd(&self, fd: u32, needed: u64) -> Result<RawFd, Errno> {
        self.fds()?.get(fd)?.require(needed)
    }

}

/// The process environment as `KEY=VALUE` byte strings.
pub fn process_env() -> Vec<Vec<u8>> {
    std::env::vars_os().map(|(k, v)| env_entry(k, v)).collect()
}

fn env_entry(k: OsString, v: OsString) -> Vec<u8> {
    let mut e = k.into_vec();
    e.push(b'=');
    e.extend_from_slice(v.as_bytes());
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fd_table_reuses_the_lowest_free_number() {
        let mut t = FdTable::with_stdio();
        assert_eq!(t.get(1).unwrap().host_fd(), 1);
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

    #[test]
    fn renumber_moves_and_closes() {
        let mut t = FdTable::with_stdio();
        t.insert(FdEntry::stdio(7)).unwrap();
        assert_eq!(t.renumber(3, 9), Err(Errno::Badf));
        assert_eq!(t.renumber(9, 3), Err(Errno::Badf));
        t.renumber(3, 1).unwrap();
        assert_eq!(t.get(1).unwrap().host_fd(), 7);
        assert_eq!(t.get(3).unwrap_err(), Errno::Badf);
        t.renumber(1, 1).unwrap();
        assert_eq!(t.get(1).unwrap().host_fd(), 7);
    }

    #[test]
    fn preopens_are_numbered_from_three() {
        let ctx = WasiCtx::new(vec![], vec![]);
        assert_eq!(ctx.preopen_dir(Path::new("/"), b"/").unwrap(), 3);
        assert_eq!(ctx.preopen_dir(Path::new("."), b".").unwrap(), 4);
        assert!(ctx.dir(4, rights::PATH_OPEN).is_ok());
        assert_eq!(ctx.dir(1, 0).unwrap_err(), Errno::Notdir);
        let e = ctx.preopen_dir(Path::new("/surely/not/here"), b"x").unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ENOENT));
    }
}
