//! Files and directories below a preopened directory: open flags and rights, I/O, metadata,
//! directory listing, renames, links, removal, descriptor numbering.

use super::*;
use crate::wasi::consts::{fdflags, filetype, oflags};
use crate::wasi::{path, readdir};
use std::collections::BTreeMap;

const R: u64 = rights::ALL & !rights::NEED_WRITE;
const RW: u64 = rights::ALL;

fn e(x: Errno) -> Result<u32, u32> {
    Err(errno(x))
}

#[test]
fn preopens_are_announced() {
    let t = Tree::new("prestat");
    let g = t.guest();
    let v = g.vmctx();
    unsafe {
        assert_eq!(fd::fd_prestat_get(v, 3, at::OUT), 0);
        assert_eq!(g.bytes(at::OUT, 1), [0]); // a directory
        assert_eq!(g.u32_at(at::OUT + 4), 8); // "/sandbox"
        assert_eq!(fd::fd_prestat_dir_name(v, 3, at::BUF, 8), 0);
        assert_eq!(g.bytes(at::BUF, 8), b"/sandbox");
        assert_eq!(fd::fd_prestat_dir_name(v, 3, at::BUF, 7), errno(Errno::Nametoolong));
        assert_eq!(fd::fd_prestat_dir_name(v, 3, END - 4, 8), FAULT);
        assert_eq!(fd::fd_prestat_get(v, 3, END - 4), FAULT);
        assert_eq!(fd::fd_prestat_get(v, 4, at::OUT), errno(Errno::Badf)); // end of the scan
        assert_eq!(fd::fd_prestat_get(v, 1, at::OUT), errno(Errno::Badf)); // not a preopen
        assert_eq!(fd::fd_fdstat_get(v, 3, at::OUT), 0);
        assert_eq!(g.bytes(at::OUT, 1), [filetype::DIRECTORY]);
    }
}

#[test]
fn create_write_read_seek_stat() {
    let t = Tree::new("rw");
    let g = t.guest();
    let v = g.vmctx();
    let fd = g.open(3, "notes.txt", oflags::CREAT | oflags::EXCL, RW, 0, true).unwrap();
    assert_eq!(fd, 4);
    assert_eq!(g.open(3, "notes.txt", oflags::CREAT | oflags::EXCL, RW, 0, true), e(Errno::Exist));
    assert_eq!(g.write_all(fd, b"hello, sandbox\n"), Ok(15));
    assert_eq!(std::fs::read(t.root().join("notes.txt")).unwrap(), b"hello, sandbox\n");
    unsafe {
        // Seek and tell.
        assert_eq!(fd::fd_seek(v, fd, 7, 0, at::OUT), 0);
        assert_eq!(g.u64_at(at::OUT), 7);
        assert_eq!(g.read_all(fd).unwrap(), b"sandbox\n");
        assert_eq!(fd::fd_tell(v, fd, at::OUT), 0);
        assert_eq!(g.u64_at(at::OUT), 15);
        assert_eq!(fd::fd_seek(v, fd, (-1i64) as u64, 0, at::OUT), errno(Errno::Inval));
        // Positioned I/O leaves the position alone.
        g.put(at::BUF, b"HELLO");
        g.iovs(at::IOVS, &[(at::BUF, 5)]);
        assert_eq!(fd::fd_pwrite(v, fd, at::IOVS, 1, 0, at::OUT), 0);
        assert_eq!(g.u32_at(at::OUT), 5);
        g.iovs(at::IOVS, &[(at::BUF + 100, 4)]);
        assert_eq!(fd::fd_pread(v, fd, at::IOVS, 1, 1, at::OUT), 0);
        assert_eq!(g.bytes(at::BUF + 100, 4), b"ELLO");
        assert_eq!(fd::fd_tell(v, fd, at::OUT), 0);
        assert_eq!(g.u64_at(at::OUT), 15);
        // Size, times, allocation, advice, sync.
        assert_eq!(fd::fd_filestat_set_size(v, fd, 5), 0);
        assert_eq!(fd::fd_filestat_get(v, fd, at::BUF), 0);
        assert_eq!(g.bytes(at::BUF + 16, 1), [filetype::REGULAR_FILE]);
        assert_eq!(g.u64_at(at::BUF + 24), 1); // nlink
        assert_eq!(g.u64_at(at::BUF + 32), 5); // size
        assert_eq!(fd::fd_filestat_set_times(v, fd, 1_000_000_000, 2_000_000_123, 1 | 4), 0);
        assert_eq!(fd::fd_filestat_get(v, fd, at::BUF), 0);
        assert_eq!(g.u64_at(at::BUF + 40), 1_000_000_000);
        assert_eq!(g.u64_at(at::BUF + 48), 2_000_000_123);
        assert_eq!(fd::fd_filestat_set_times(v, fd, 0, 0, 1 | 2), errno(Errno::Inval));
        assert_eq!(fd::fd_allocate(v, fd, 0, 4096), 0);
        assert_eq!(fd::fd_filestat_get(v, fd, at::BUF), 0);
        assert_eq!(g.u64_at(at::BUF + 32), 4096);
        assert_eq!(fd::fd_advise(v, fd, 0, 0, 2), 0);
        assert_eq!(fd::fd_advise(v, fd, 0, 0, 6), errno(Errno::Inval));
        assert_eq!(fd::fd_sync(v, fd), 0);
        assert_eq!(fd::fd_datasync(v, fd), 0);
        assert_eq!(fd::fd_filestat_get(v, fd, END - 63), FAULT);
        assert_eq!(fd::fd_close(v, fd), 0);
        assert_eq!(fd::fd_close(v, fd), errno(Errno::Badf));
    }
}

#[test]
fn open_flags_and_rights() {
    let t = Tree::new("flags");
    std::fs::write(t.root().join("data.txt"), b"0123456789").unwrap();
    std::fs::create_dir(t.root().join("dir")).unwrap();
    let g = t.guest();
    let v = g.vmctx();
    assert_eq!(g.open(3, "missing.txt", 0, R, 0, true), e(Errno::Noent));
    assert_eq!(g.open(3, "data.txt", oflags::DIRECTORY, R, 0, true), e(Errno::Notdir));
    assert_eq!(g.open(3, "dir", 0, RW, 0, true), e(Errno::Isdir));
    assert_eq!(g.open(3, "data.txt/", 0, R, 0, true), e(Errno::Notdir));
    assert_eq!(g.open(3, "new/", oflags::CREAT, RW, 0, true), e(Errno::Isdir));
    assert_eq!(g.open(3, "", 0, R, 0, true), e(Errno::Noent));
    // Read-only: no write right, and the host descriptor is read-only too.
    let ro = g.open(3, "data.txt", 0, R, 0, true).unwrap();
    assert_eq!(g.write_all(ro, b"x"), e(Errno::Badf));
    unsafe {
        assert_eq!(fd::fd_fdstat_get(v, ro, at::OUT), 0);
        assert_eq!(g.u64_at(at::OUT + 8) & rights::FD_WRITE, 0);
        assert_ne!(g.u64_at(at::OUT + 8) & rights::FD_READ, 0);
        // Rights only shrink.
        assert_eq!(fd::fd_fdstat_set_rights(v, ro, rights::FD_READ, 0), 0);
        assert_eq!(fd::fd_fdstat_set_rights(v, ro, rights::FD_READ | rights::FD_SEEK, 0), errno(Errno::Notcapable));
        assert_eq!(fd::fd_seek(v, ro, 1, 0, at::OUT), errno(Errno::Notcapable));
    }
    assert_eq!(g.read_all(ro).unwrap(), b"0123456789");
    // Truncate and append.
    let w = g.open(3, "data.txt", oflags::TRUNC, RW, fdflags::APPEND, true).unwrap();
    assert_eq!(g.write_all(w, b"ab"), Ok(2));
    unsafe {
        assert_eq!(fd::fd_seek(v, w, 0, 0, at::OUT), 0);
        assert_eq!(fd::fd_fdstat_get(v, w, at::OUT), 0);
        assert_eq!(u16::from_le_bytes(g.bytes(at::OUT + 2, 2).try_into().unwrap()), fdflags::APPEND);
    }
    assert_eq!(g.write_all(w, b"cd"), Ok(2)); // appends despite the seek
    assert_eq!(std::fs::read(t.root().join("data.txt")).unwrap(), b"abcd");
    unsafe {
        assert_eq!(fd::fd_fdstat_set_flags(v, w, 0), 0);
        assert_eq!(fd::fd_fdstat_set_flags(v, w, fdflags::SYNC as u32), errno(Errno::Inval));
    }
    // A directory opened by the program can be used as a base and listed.
    let d = g.open(3, "dir", oflags::DIRECTORY, R, 0, true).unwrap();
    let f = g.open(d, "inner.txt", oflags::CREAT, RW, 0, true).unwrap();
    assert_eq!(g.write_all(f, b"in"), Ok(2));
    assert!(t.root().join("dir/inner.txt").is_file());
    // A file is no base for paths.
    assert_eq!(g.open(f, "x", 0, R, 0, true), e(Errno::Notdir));
    // Bad flags, bad pointers.
    assert_eq!(g.open(3, "data.txt", 1 << 4, R, 0, true), e(Errno::Inval));
    unsafe {
        assert_eq!(path::path_open(v, 3, 1, END - 2, 8, 0, R, R, 0, at::OUT), FAULT);
        let (p, l) = g.put(at::PATH, b"data.txt");
        assert_eq!(path::path_open(v, 3, 1, p, l, 0, R, R, 0, END - 2), FAULT);
        assert_eq!(path::path_open(v, 99, 1, p, l, 0, R, R, 0, at::OUT), errno(Errno::Badf));
    }
}

/// The names in directory `fd` (through fd_readdir with a small buffer, so it takes several
/// calls and truncated entries), with their types.
fn list(g: &Guest, fd: u32) -> BTreeMap<String, u8> {
    let mut names = BTreeMap::new();
    let mut cookie = 0u64;
    const LEN: u32 = 64;
    loop {
        assert_eq!(unsafe { readdir::fd_readdir(g.vmctx(), fd, at::BUF, LEN, cookie, at::OUT) }, 0);
        let used = g.u32_at(at::OUT);
        let mut pos = 0u32;
        let mut progressed = false;
        while pos + 24 <= used {
            let namlen = g.u32_at(at::BUF + pos + 16);
            if pos + 24 + namlen > used {
                break; // truncated: read again from its cookie
            }
            let name = String::from_utf8(g.bytes(at::BUF + pos + 24, namlen as usize)).unwrap();
            names.insert(name, g.bytes(at::BUF + pos + 20, 1)[0]);
            cookie = g.u64_at(at::BUF + pos);
            pos += 24 + namlen;
            progressed = true;
        }
        if used < LEN {
            return names;
        }
        assert!(progressed, "a 64-byte buffer holds at least one entry");
    }
}

#[test]
fn directories_renames_links_and_removal() {
    let t = Tree::new("dirs");
    let g = t.guest();
    let v = g.vmctx();
    let put2 = |a: &str, b: &str| {
        let (p1, l1) = g.put(at::PATH, a.as_bytes());
        let (p2, l2) = g.put(at::PATH2, b.as_bytes());
        (p1, l1, p2, l2)
    };
    unsafe {
        let (p, l) = g.put(at::PATH, b"a/b");
        assert_eq!(path::path_create_directory(v, 3, p, l), errno(Errno::Noent));
        let (p, l) = g.put(at::PATH, b"a");
        assert_eq!(path::path_create_directory(v, 3, p, l), 0);
        assert_eq!(path::path_create_directory(v, 3, p, l), errno(Errno::Exist));
        let (p, l) = g.put(at::PATH, b"a/b/");
        assert_eq!(path::path_create_directory(v, 3, p, l), 0);
        let f = g.open(3, "a/b/file", oflags::CREAT, RW, 0, true).unwrap();
        g.write_all(f, b"12345").unwrap();
        for i in 0..12 {
            g.open(3, &format!("a/many-{i:02}"), oflags::CREAT, RW, 0, true).unwrap();
        }
        let d = g.open(3, "a", oflags::DIRECTORY, R, 0, true).unwrap();
        let names = list(&g, d);
        assert_eq!(names.len(), 2 + 1 + 12, "{names:?}");
        assert_eq!(names["."], filetype::DIRECTORY);
        assert_eq!(names[".."], filetype::DIRECTORY);
        assert_eq!(names["b"], filetype::DIRECTORY);
        assert_eq!(names["many-11"], filetype::REGULAR_FILE);
        assert_eq!(readdir::fd_readdir(v, f, at::BUF, 64, 0, at::OUT), errno(Errno::Notdir));
        assert_eq!(readdir::fd_readdir(v, d, END - 10, 64, 0, at::OUT), FAULT);

        // Rename a file, then a directory; rename over an existing file replaces it.
        let (p1, l1, p2, l2) = put2("a/b/file", "a/renamed");
        assert_eq!(path::path_rename(v, 3, p1, l1, 3, p2, l2), 0);
        assert!(t.root().join("a/renamed").is_file());
        assert_eq!(path::path_rename(v, 3, p1, l1, 3, p2, l2), errno(Errno::Noent));
        let (p1, l1, p2, l2) = put2("a/many-00", "a/renamed");
        assert_eq!(path::path_rename(v, 3, p1, l1, d, p2 + 2, l2 - 2), 0); // "renamed" relative to a/
        assert_eq!(std::fs::read(t.root().join("a/renamed")).unwrap(), b"");
        let (p1, l1, p2, l2) = put2("a/b", "c");
        assert_eq!(path::path_rename(v, 3, p1, l1, 3, p2, l2), 0);
        assert!(t.root().join("c").is_dir());
        let (p1, l1, p2, l2) = put2("a/renamed", "c/");
        assert_eq!(path::path_rename(v, 3, p1, l1, 3, p2, l2), errno(Errno::Notdir));

        // Hard and symbolic links.
        let (p1, l1, p2, l2) = put2("a/renamed", "hard");
        assert_eq!(path::path_link(v, 3, 0, p1, l1, 3, p2, l2), 0);
        assert_eq!(path::path_link(v, 3, 0, p1, l1, 3, p2, l2), errno(Errno::Exist));
        let (p, l) = g.put(at::PATH, b"hard");
        assert_eq!(path::path_filestat_get(v, 3, 0, p, l, at::BUF), 0);
        assert_eq!(g.u64_at(at::BUF + 24), 2); // nlink
        let (p1, l1, p2, l2) = put2("a/renamed", "soft");
        assert_eq!(path::path_symlink(v, p1, l1, 3, p2, l2), 0);
        assert_eq!(path::path_symlink(v, p1, l1, 3, p2, l2), errno(Errno::Exist));
        let (p, l) = g.put(at::PATH, b"soft");
        assert_eq!(path::path_filestat_get(v, 3, 0, p, l, at::BUF), 0);
        assert_eq!(g.bytes(at::BUF + 16, 1), [filetype::SYMBOLIC_LINK]);
        assert_eq!(path::path_filestat_get(v, 3, 1, p, l, at::BUF), 0);
        assert_eq!(g.bytes(at::BUF + 16, 1), [filetype::REGULAR_FILE]);
        assert_eq!(path::path_readlink(v, 3, p, l, at::BUF, 100, at::OUT), 0);
        assert_eq!(g.u32_at(at::OUT), 9);
        assert_eq!(g.bytes(at::BUF, 9), b"a/renamed");
        assert_eq!(path::path_readlink(v, 3, p, l, at::BUF + 200, 3, at::OUT), 0); // truncated
        assert_eq!((g.u32_at(at::OUT), g.bytes(at::BUF + 200, 4)), (3, b"a/r\0".to_vec()));
        let (p, l) = g.put(at::PATH, b"hard");
        assert_eq!(path::path_readlink(v, 3, p, l, at::BUF, 100, at::OUT), errno(Errno::Inval));
        assert_eq!(g.open(3, "soft", 0, R, 0, false), e(Errno::Loop)); // O_NOFOLLOW on a link
        let s = g.open(3, "soft", 0, R, 0, true).unwrap();
        assert_eq!(g.read_all(s).unwrap(), b"");
        // A dangling link is created; following it to create a file creates the target.
        let (p1, l1, p2, l2) = put2("c/target-to-be", "dangling");
        assert_eq!(path::path_symlink(v, p1, l1, 3, p2, l2), 0);
        assert_eq!(g.open(3, "dangling", 0, R, 0, true), e(Errno::Noent));
        g.open(3, "dangling", oflags::CREAT, RW, 0, true).unwrap();
        assert!(t.root().join("c/target-to-be").is_file());

        // Times by path, following or not.
        let (p, l) = g.put(at::PATH, b"hard");
        assert_eq!(path::path_filestat_set_times(v, 3, 0, p, l, 0, 5_000_000_000, 4), 0);
        assert_eq!(path::path_filestat_get(v, 3, 0, p, l, at::BUF), 0);
        assert_eq!(g.u64_at(at::BUF + 48), 5_000_000_000);

        // Removal.
        let (p, l) = g.put(at::PATH, b"c");
        assert_eq!(path::path_remove_directory(v, 3, p, l), errno(Errno::Notempty));
        assert_eq!(path::path_unlink_file(v, 3, p, l), errno(Errno::Isdir));
        let (p, l) = g.put(at::PATH, b"c/");
        assert_eq!(path::path_unlink_file(v, 3, p, l), errno(Errno::Isdir));
        let (p, l) = g.put(at::PATH, b"hard/");
        assert_eq!(path::path_unlink_file(v, 3, p, l), errno(Errno::Notdir));
        let (p, l) = g.put(at::PATH, b"hard");
        assert_eq!(path::path_remove_directory(v, 3, p, l), errno(Errno::Notdir));
        assert_eq!(path::path_unlink_file(v, 3, p, l), 0);
        assert_eq!(path::path_unlink_file(v, 3, p, l), errno(Errno::Noent));
        let (p, l) = g.put(at::PATH, b"c/target-to-be");
        assert_eq!(path::path_unlink_file(v, 3, p, l), 0);
        let (p, l) = g.put(at::PATH, b"c/");
        assert_eq!(path::path_remove_directory(v, 3, p, l), 0);
        assert!(!t.root().join("c").exists());
        let (p, l) = g.put(at::PATH, b".");
        assert_eq!(path::path_remove_directory(v, 3, p, l), errno(Errno::Inval));
        // The symlink "soft" itself is removed, not its target.
        let (p, l) = g.put(at::PATH, b"soft");
        assert_eq!(path::path_unlink_file(v, 3, p, l), 0);
        assert!(t.root().join("a/renamed").is_file());
    }
}

#[test]
fn renumber_and_close() {
    let t = Tree::new("renumber");
    let g = t.guest();
    let v = g.vmctx();
    let a = g.open(3, "a", oflags::CREAT, RW, 0, true).unwrap();
    let b = g.open(3, "b", oflags::CREAT, RW, 0, true).unwrap();
    unsafe {
        assert_eq!(fd::fd_renumber(v, a, b), 0);
        assert_eq!(fd::fd_close(v, a), errno(Errno::Badf));
        g.write_all(b, b"to a").unwrap();
        assert_eq!(std::fs::read(t.root().join("a")).unwrap(), b"to a");
        assert_eq!(fd::fd_renumber(v, b, 77), errno(Errno::Badf));
        assert_eq!(fd::fd_renumber(v, 77, b), errno(Errno::Badf));
        // The preopen can be closed; paths below it are then gone.
        assert_eq!(fd::fd_close(v, 3), 0);
        assert_eq!(g.open(3, "a", 0, R, 0, true), e(Errno::Badf));
        assert_eq!(g.write_all(b, b"!"), Ok(1));
    }
}

#[test]
fn path_functions_check_rights_of_the_directory() {
    let t = Tree::new("dirrights");
    std::fs::write(t.root().join("f"), b"x").unwrap();
    let g = t.guest();
    let v = g.vmctx();
    // A directory descriptor without the right to create files or open paths.
    let d = g.open(3, ".", oflags::DIRECTORY, rights::PATH_OPEN | rights::FD_READDIR, 0, true).unwrap();
    assert_eq!(g.open(d, "new", oflags::CREAT, RW, 0, true), e(Errno::Notcapable));
    unsafe {
        let (p, l) = g.put(at::PATH, b"f");
        assert_eq!(path::path_unlink_file(v, d, p, l), errno(Errno::Notcapable));
        assert_eq!(fd::fd_fdstat_set_rights(v, d, rights::FD_READDIR, 0), 0);
    }
    assert_eq!(g.open(d, "f", 0, R, 0, true), e(Errno::Notcapable));
    // What it opens gets no more than it passes on.
    let d = g.open(3, ".", oflags::DIRECTORY, R, 0, true).unwrap();
    unsafe { assert_eq!(fd::fd_fdstat_set_rights(v, d, rights::DIR_BASE, rights::FD_READ | rights::PATH_OPEN), 0) };
    let f = g.open(d, "f", 0, RW, 0, true).unwrap();
    unsafe {
        assert_eq!(fd::fd_fdstat_get(v, f, at::OUT), 0);
        assert_eq!(g.u64_at(at::OUT + 8), rights::FD_READ | rights::PATH_OPEN);
    }
    assert_eq!(g.write_all(f, b"y"), e(Errno::Badf));
}
