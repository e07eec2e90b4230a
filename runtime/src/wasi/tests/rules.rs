//! The file-type and rights rules of `rights.rs`, one test per row of its table, on a
//! preopened directory, a directory the program opened, a file and stdio.

use super::*;
use crate::wasi::consts::oflags;
use crate::wasi::{path, readdir, sock};

const BADF: u32 = Errno::Badf as u32;
const NOTDIR: u32 = Errno::Notdir as u32;

/// A tree with `file` (10 bytes) and `dir/`; the guest's fd 3 is the preopen, `dir` is `dir/`
/// opened with every right asked for that a directory can be opened with.
fn setup(name: &str) -> (Tree, Guest, u32) {
    let t = Tree::new(name);
    std::fs::write(t.root().join("file"), b"0123456789").unwrap();
    std::fs::create_dir(t.root().join("dir")).unwrap();
    let g = t.guest();
    let dir = g.open(3, "dir", oflags::DIRECTORY, rights::ALL & !rights::FD_WRITE, 0, true).unwrap();
    (t, g, dir)
}

#[test]
fn read_and_write_on_a_directory_are_ebadf() {
    let (_t, g, dir) = setup("rw-dir");
    let v = g.vmctx();
    g.iovs(at::IOVS, &[(at::BUF, 16)]);
    for fd in [3, dir] {
        unsafe {
            assert_eq!(fd::fd_read(v, fd, at::IOVS, 1, at::OUT), BADF);
            assert_eq!(fd::fd_pread(v, fd, at::IOVS, 1, 0, at::OUT), BADF);
            assert_eq!(fd::fd_write(v, fd, at::IOVS, 1, at::OUT), BADF);
            assert_eq!(fd::fd_pwrite(v, fd, at::IOVS, 1, 0, at::OUT), BADF);
        }
    }
}

#[test]
fn seek_and_tell_on_a_directory_are_ebadf() {
    let (_t, g, dir) = setup("seek-dir");
    let v = g.vmctx();
    // Also without any right (as the WASI test suite's directory_seek opens it): EBADF first.
    let bare = g.open(3, "dir", oflags::DIRECTORY, 0, 0, true).unwrap();
    for fd in [3, dir, bare] {
        unsafe {
            for whence in 0..3 {
                assert_eq!(fd::fd_seek(v, fd, 0, whence, at::OUT), BADF, "fd {fd} whence {whence}");
            }
            assert_eq!(fd::fd_seek(v, fd, 5, 0, at::OUT), BADF);
            assert_eq!(fd::fd_tell(v, fd, at::OUT), BADF);
        }
    }
}

#[test]
fn file_only_fd_functions_on_a_directory_are_ebadf() {
    let (_t, g, dir) = setup("fileonly-dir");
    let v = g.vmctx();
    for fd in [3, dir] {
        unsafe {
            assert_eq!(fd::fd_advise(v, fd, 0, 0, 4), BADF);
            assert_eq!(fd::fd_allocate(v, fd, 0, 0), BADF);
            assert_eq!(fd::fd_allocate(v, fd, 0, 1), BADF);
            assert_eq!(fd::fd_datasync(v, fd), BADF);
            assert_eq!(fd::fd_sync(v, fd), BADF);
            assert_eq!(fd::fd_fdstat_set_flags(v, fd, 4), BADF);
            assert_eq!(fd::fd_filestat_set_size(v, fd, 0), BADF);
            // What works on any descriptor still does.
            assert_eq!(fd::fd_filestat_get(v, fd, at::BUF), 0);
            assert_eq!(fd::fd_fdstat_get(v, fd, at::OUT), 0);
        }
    }
}

#[test]
fn read_or_write_without_the_right_is_ebadf() {
    let (_t, g, _) = setup("rw-rights");
    let v = g.vmctx();
    let ro = g.open(3, "file", 0, rights::FD_READ | rights::FD_SEEK, 0, true).unwrap();
    let wo = g.open(3, "file", 0, rights::FD_WRITE, 0, true).unwrap();
    g.iovs(at::IOVS, &[(at::BUF, 4)]);
    unsafe {
        assert_eq!(fd::fd_write(v, ro, at::IOVS, 1, at::OUT), BADF);
        assert_eq!(fd::fd_pwrite(v, ro, at::IOVS, 1, 0, at::OUT), BADF);
        assert_eq!(fd::fd_read(v, wo, at::IOVS, 1, at::OUT), BADF);
        assert_eq!(fd::fd_pread(v, wo, at::IOVS, 1, 0, at::OUT), BADF);
        // The positioned forms also need fd_seek, which `wo` lacks: ENOTCAPABLE.
        assert_eq!(fd::fd_pwrite(v, wo, at::IOVS, 1, 0, at::OUT), errno(Errno::Notcapable));
        assert_eq!(fd::fd_pread(v, ro, at::IOVS, 1, 2, at::OUT), 0);
        assert_eq!(g.bytes(at::BUF, 4), b"2345");
    }
}

#[test]
fn readdir_on_a_file_is_enotdir_before_rights() {
    let (_t, g, _) = setup("readdir-file");
    let v = g.vmctx();
    // A file opened without fd_readdir: the type is checked first.
    let f = g.open(3, "file", 0, rights::FD_READ, 0, true).unwrap();
    unsafe {
        assert_eq!(readdir::fd_readdir(v, f, at::BUF, 128, 0, at::OUT), NOTDIR);
        assert_eq!(readdir::fd_readdir(v, 1, at::BUF, 128, 0, at::OUT), NOTDIR);
        assert_eq!(readdir::fd_readdir(v, 3, at::BUF, 128, 0, at::OUT), 0);
    }
}

#[test]
fn path_functions_on_a_file_are_enotdir() {
    let (_t, g, _) = setup("path-file");
    let v = g.vmctx();
    let f = g.open(3, "file", 0, rights::FD_READ | rights::FD_SEEK, 0, true).unwrap();
    let (p, l) = g.put(at::PATH, b"foo");
    let (q, m) = g.put(at::PATH2, b"bar");
    for fd in [f, 1] {
        unsafe {
            assert_eq!(path::path_create_directory(v, fd, p, l), NOTDIR);
            assert_eq!(path::path_filestat_get(v, fd, 0, p, l, at::BUF), NOTDIR);
            assert_eq!(path::path_filestat_set_times(v, fd, 0, p, l, 0, 0, 0), NOTDIR);
            assert_eq!(path::path_link(v, fd, 0, p, l, 3, q, m), NOTDIR);
            assert_eq!(path::path_link(v, 3, 0, p, l, fd, q, m), NOTDIR);
            assert_eq!(path::path_open(v, fd, 0, p, l, 0, 0, 0, 0, at::OUT), NOTDIR);
            assert_eq!(path::path_readlink(v, fd, p, l, at::BUF, 0, at::OUT), NOTDIR);
            assert_eq!(path::path_remove_directory(v, fd, p, l), NOTDIR);
            assert_eq!(path::path_rename(v, fd, p, l, 3, q, m), NOTDIR);
            assert_eq!(path::path_rename(v, 3, p, l, fd, q, m), NOTDIR);
            assert_eq!(path::path_symlink(v, p, l, fd, q, m), NOTDIR);
            assert_eq!(path::path_unlink_file(v, fd, q, m), NOTDIR);
        }
    }
}

#[test]
fn prestat_of_a_directory_that_is_not_preopened_is_ebadf() {
    let (_t, g, dir) = setup("prestat-dir");
    let v = g.vmctx();
    unsafe {
        assert_eq!(fd::fd_prestat_get(v, dir, at::OUT), BADF);
        assert_eq!(fd::fd_prestat_dir_name(v, dir, at::BUF, 64), BADF);
        assert_eq!(fd::fd_prestat_get(v, 3, at::OUT), 0);
    }
}

#[test]
fn open_directory_with_write_right_is_eisdir() {
    let (_t, g, _) = setup("open-dir-rw");
    let rw = rights::FD_READ | rights::FD_WRITE;
    assert_eq!(g.open(3, ".", oflags::DIRECTORY, rw, 0, true), Err(errno(Errno::Isdir)));
    assert_eq!(g.open(3, "dir", oflags::DIRECTORY, rights::FD_WRITE, 0, true), Err(errno(Errno::Isdir)));
    assert_eq!(g.open(3, "dir/", 0, rw, 0, true), Err(errno(Errno::Isdir)));
    assert_eq!(g.open(3, "file", oflags::DIRECTORY, rw, 0, true), Err(errno(Errno::Notdir)));
    // Read alone, or no rights at all, is fine.
    assert!(g.open(3, ".", oflags::DIRECTORY, rights::FD_READ, 0, true).is_ok());
    assert!(g.open(3, ".", oflags::DIRECTORY, 0, 0, true).is_ok());
    // Other write rights are for the path functions: a directory still opens (read-only).
    assert!(g.open(3, "dir", oflags::DIRECTORY, rights::NEED_WRITE & !rights::FD_WRITE, 0, true).is_ok());
}

#[test]
fn open_directory_with_create_excl_or_trunc_is_einval() {
    let (t, g, _) = setup("open-dir-creat");
    for extra in [oflags::CREAT, oflags::EXCL, oflags::TRUNC, oflags::CREAT | oflags::EXCL] {
        assert_eq!(g.open(3, "new", oflags::DIRECTORY | extra, rights::FD_READ, 0, true), Err(errno(Errno::Inval)));
        assert_eq!(g.open(3, "dir", oflags::DIRECTORY | extra, rights::FD_READ, 0, true), Err(errno(Errno::Inval)));
    }
    assert!(!t.root().join("new").exists());
}

#[test]
fn a_directory_holds_only_directory_rights() {
    let (_t, g, dir) = setup("dir-rights");
    let v = g.vmctx();
    for fd in [3, dir] {
        unsafe {
            assert_eq!(fd::fd_fdstat_get(v, fd, at::OUT), 0);
            let base = g.u64_at(at::OUT + 8);
            assert_eq!(base & !rights::DIR_BASE, 0, "fd {fd}: {base:#x}");
            assert_eq!(base & (rights::FD_SEEK | rights::FD_READ | rights::FD_WRITE), 0);
            assert_ne!(base & rights::PATH_OPEN, 0);
            assert_ne!(base & rights::FD_READDIR, 0);
            // Rights it cannot hold cannot be set either.
            assert_eq!(fd::fd_fdstat_set_rights(v, fd, base | rights::FD_SEEK, rights::ALL), errno(Errno::Notcapable));
        }
    }
    // The preopen passes every right on to the files it opens.
    unsafe {
        assert_eq!(fd::fd_fdstat_get(v, 3, at::OUT), 0);
        assert_eq!(g.u64_at(at::OUT + 16), rights::ALL);
    }
    let f = g.open(3, "file", 0, rights::ALL, 0, true).unwrap();
    unsafe {
        assert_eq!(fd::fd_fdstat_get(v, f, at::OUT), 0);
        assert_eq!(g.u64_at(at::OUT + 8), rights::ALL);
    }
}

#[test]
fn a_right_not_granted_is_enotcapable() {
    let (_t, g, _) = setup("notcapable");
    let v = g.vmctx();
    let f = g.open(3, "file", 0, rights::FD_READ | rights::FD_WRITE, 0, true).unwrap();
    unsafe {
        assert_eq!(fd::fd_seek(v, f, 1, 0, at::OUT), errno(Errno::Notcapable));
        assert_eq!(fd::fd_tell(v, f, at::OUT), errno(Errno::Notcapable));
        assert_eq!(fd::fd_sync(v, f), errno(Errno::Notcapable));
        assert_eq!(fd::fd_datasync(v, f), errno(Errno::Notcapable));
        assert_eq!(fd::fd_advise(v, f, 0, 0, 0), errno(Errno::Notcapable));
        assert_eq!(fd::fd_allocate(v, f, 0, 1), errno(Errno::Notcapable));
        assert_eq!(fd::fd_filestat_set_size(v, f, 0), errno(Errno::Notcapable));
        assert_eq!(fd::fd_filestat_get(v, f, at::BUF), errno(Errno::Notcapable));
        assert_eq!(fd::fd_fdstat_set_flags(v, f, 0), errno(Errno::Notcapable));
        assert_eq!(fd::fd_fdstat_set_rights(v, f, rights::FD_READ | rights::FD_SEEK, 0), errno(Errno::Notcapable));
        assert_eq!(Errno::Notcapable as u32, 76);
    }
    // A directory without fd_readdir.
    let d = g.open(3, "dir", oflags::DIRECTORY, rights::PATH_OPEN, 0, true).unwrap();
    unsafe { assert_eq!(readdir::fd_readdir(v, d, at::BUF, 128, 0, at::OUT), errno(Errno::Notcapable)) };
}

#[test]
fn socket_functions_on_a_directory_or_file_are_enotsock() {
    let (_t, g, dir) = setup("sock-dir");
    let v = g.vmctx();
    let f = g.open(3, "file", 0, rights::FD_READ, 0, true).unwrap();
    g.iovs(at::IOVS, &[(at::BUF, 4)]);
    for fd in [3, dir, f] {
        unsafe {
            assert_eq!(sock::sock_accept(v, fd, 0, at::OUT), errno(Errno::Notsock), "fd {fd}");
            assert_eq!(sock::sock_recv(v, fd, at::IOVS, 1, 0, at::OUT, at::OUT + 4), errno(Errno::Notsock));
            assert_eq!(sock::sock_send(v, fd, at::IOVS, 1, 0, at::OUT), errno(Errno::Notsock));
            assert_eq!(sock::sock_shutdown(v, fd, 1), errno(Errno::Notsock));
        }
    }
}
