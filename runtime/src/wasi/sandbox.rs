//! ======================================================================================
//! SANDBOX-CRITICAL: resolving a guest path inside a directory descriptor.
//! ======================================================================================
//!
//! Every `path_*` function names a file by a directory descriptor and a relative path. The
//! program may only reach what lies below its preopened directories, so the host kernel is
//! never handed a guest path with more than one component: we walk the path ourselves, one
//! component at a time, the way cap-std (and so wasmtime) does:
//!
//! - each intermediate directory is opened with `openat(dir, name, O_PATH | O_DIRECTORY |
//!   O_NOFOLLOW)` relative to the previous one, so the kernel follows no symbolic link and
//!   never sees `..`;
//! - `..` pops the stack of directories we opened; popping past the starting directory is an
//!   escape and fails with `ENOTCAPABLE`, as does an absolute path (or symlink target);
//! - a symbolic link met on the way is read with `readlinkat` and its target spliced into the
//!   remaining components, so it is resolved by the same rules (at most [`MAX_SYMLINKS`]);
//! - the result is the directory holding the last component plus that component's name, for
//!   the caller's `*at(dir, name, ...)` call, which must not follow a symbolic link there
//!   (`O_NOFOLLOW`, `AT_SYMLINK_NOFOLLOW`, or an operation that never follows: unlink, rename,
//!   mkdir, readlink). If the last component was a link to follow, it was resolved here.
//!
//! Because each step holds a descriptor of the directory it came from, renaming or replacing
//! directories concurrently cannot move the walk outside the starting directory: the worst a
//! race can do is make an operation fail.

use super::errno::Errno;
use super::sys;
use std::ffi::{CStr, CString};
use std::os::unix::io::{AsRawFd, OwnedFd, RawFd};

/// Symbolic links followed in one resolution before `ELOOP` (Linux's own limit).
pub const MAX_SYMLINKS: usize = 40;

/// A resolved path: the directory that holds its last component, and that component.
pub struct Resolved {
    /// `None` when it is the starting directory itself.
    dir: Option<OwnedFd>,
    start: RawFd,
    /// A single component: never empty, never containing `/`, never `..`; `.` when the path
    /// names the directory itself.
    pub name: CString,
    /// The path ended with `/` or `/.`: it must name a directory.
    pub must_be_dir: bool,
}

impl Resolved {
    /// The directory holding [`Resolved::name`].
    pub fn dir(&self) -> RawFd {
        self.dir.as_ref().map_or(self.start, |d| d.as_raw_fd())
    }

    pub fn name(&self) -> &CStr {
        &self.name
    }

    /// Whether the path names the starting directory or one of its subdirectories by `.`.
    pub fn is_dot(&self) -> bool {
        self.name.as_bytes() == b"."
    }

    /// `ENOTDIR` if the path had a trailing slash and names something that exists and is not a
    /// directory (a trailing slash on a symbolic link that was not followed included).
    pub fn check_dir_suffix(&self) -> Result<(), Errno> {
        if self.must_be_dir {
            match sys::lstatat(self.dir(), &self.name) {
                Ok(st) if st.st_mode & libc::S_IFMT != libc::S_IFDIR => return Err(Errno::Notdir),
                _ => {}
            }
        }
        Ok(())
    }
}

/// Resolves `path` below directory `start`. With `follow`, a symbolic link as last component
/// is followed (and so must stay inside too); without, it is the result.
pub fn resolve(start: RawFd, path: &[u8], follow: bool) -> Result<Resolved, Errno> {
    if path.is_empty() {
        return Err(Errno::Noent);
    }
    if path.contains(&0) {
        return Err(Errno::Ilseq);
    }
    if path[0] == b'/' {
        return Err(Errno::Notcapable);
    }
    // Remaining components, the next one last.
    let mut pending: Vec<Vec<u8>> = Vec::new();
    let mut must_be_dir = push_components(&mut pending, path);
    let mut stack: Vec<OwnedFd> = Vec::new();
    let mut links = 0usize;
    let top = |stack: &Vec<OwnedFd>| stack.last().map_or(start, |d| d.as_raw_fd());

    while let Some(component) = pending.pop() {
        let last = pending.is_empty();
        if component == b".." {
            if stack.pop().is_none() {
                return Err(Errno::Notcapable);
            }
            if last {
                return Ok(done(start, stack, b".", true));
            }
            continue;
        }
        let name = sys::cstring(&component)?;
        let dir = top(&stack);
        if last && !follow {
            return Ok(done(start, stack, &component, must_be_dir));
        }
        if last {
            // Follow a final symbolic link; anything else (or nothing: a name to create) is it.
            match sys::readlinkat(dir, &name) {
                Ok(target) => {
                    links += 1;
                    if links > MAX_SYMLINKS {
                        return Err(Errno::Loop);
                    }
                    must_be_dir = splice_link(&mut pending, &target)? || must_be_dir;
                    continue;
                }
                Err(Errno::Inval) | Err(Errno::Noent) => return Ok(done(start, stack, &component, must_be_dir)),
                Err(e) => return Err(e),
            }
        }
        // O_DIRECTORY | O_NOFOLLOW: a symbolic link fails (ENOTDIR, or ELOOP), and is then read.
        match sys::openat(dir, &name, libc::O_PATH | libc::O_DIRECTORY | libc::O_NOFOLLOW, 0) {
            Ok(fd) => stack.push(fd),
            Err(e @ (Errno::Notdir | Errno::Loop)) => match sys::readlinkat(dir, &name) {
                Ok(target) => {
                    links += 1;
                    if links > MAX_SYMLINKS {
                        return Err(Errno::Loop);
                    }
                    splice_link(&mut pending, &target)?;
                }
                Err(_) => return Err(if e == Errno::Loop { Errno::Notdir } else { e }),
            },
            Err(e) => return Err(e),
        }
    }
    // Only `.` components (or a link to `.`): the directory itself.
    Ok(done(start, stack, b".", true))
}

fn done(start: RawFd, mut stack: Vec<OwnedFd>, name: &[u8], must_be_dir: bool) -> Resolved {
    Resolved { dir: stack.pop(), start, name: CString::new(name).expect("checked for NUL"), must_be_dir }
}

/// Pushes the components of `path` (relative, NUL-free) onto `pending` so that the first one is
/// popped first; `.` and empty components are dropped. Returns whether the path ends in `/` or
/// `/.` (it must then name a directory).
fn push_components(pending: &mut Vec<Vec<u8>>, path: &[u8]) -> bool {
    let trailing = path.ends_with(b"/") || path.ends_with(b"/.") || path == b".";
    for c in path.split(|&b| b == b'/').rev() {
        if !c.is_empty() && c != b"." {
            pending.push(c.to_vec());
        }
    }
    trailing
}

/// Splices a symbolic link's target in front of the remaining components.
fn splice_link(pending: &mut Vec<Vec<u8>>, target: &[u8]) -> Result<bool, Errno> {
    if target.is_empty() {
        return Err(Errno::Noent);
    }
    if target[0] == b'/' {
        return Err(Errno::Notcapable);
    }
    let at_end = pending.is_empty();
    let trailing = push_components(pending, target);
    Ok(at_end && trailing)
}
