//! Every way out of a preopened directory fails: `..` past the top, absolute paths, symbolic
//! links whose target leads outside (absolute or by `..`, directly or through other links), and
//! every path function is checked, not only path_open.

use super::*;
use crate::wasi::consts::oflags;
use crate::wasi::path;
use std::os::unix::fs::symlink;

const R: u64 = rights::ALL & !rights::NEED_WRITE;
const NOTCAPABLE: u32 = Errno::Notcapable as u32;

/// root/ with sub/ (and sub/inner.txt), in.txt, and links: esc_abs -> /etc (absolute),
/// esc_up -> ../outside, sub/up2 -> ../.. (outside), sub/up -> .. (root: fine), ok -> sub/inner.txt,
/// chain -> sub/up2/outside (outside, through another link), loop_a <-> loop_b.
fn escape_tree() -> Tree {
    let t = Tree::new("escape");
    let root = t.root();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/inner.txt"), b"inner").unwrap();
    std::fs::write(root.join("in.txt"), b"in").unwrap();
    symlink("/etc", root.join("esc_abs")).unwrap();
    symlink("../outside", root.join("esc_up")).unwrap();
    symlink("../..", root.join("sub/up2")).unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink("sub/inner.txt", root.join("ok")).unwrap();
    symlink("sub/up2/outside", root.join("chain")).unwrap();
    symlink("loop_b", root.join("loop_a")).unwrap();
    symlink("loop_a", root.join("loop_b")).unwrap();
    t
}

const ESCAPES: [&str; 11] = [
    "../outside/secret.txt",
    "sub/../../outside/secret.txt",
    "./../outside/secret.txt",
    "/etc/passwd",
    "esc_abs/passwd",
    "esc_up/secret.txt",
    "sub/up2/outside/secret.txt",
    "sub/up/sub/up2/outside/secret.txt",
    "chain/secret.txt",
    "sub/up/..",
    "..",
];

#[test]
fn path_open_cannot_escape() {
    let t = escape_tree();
    let g = t.guest();
    for p in ESCAPES {
        for follow in [true, false] {
            assert_eq!(g.open(3, p, 0, R, 0, follow), Err(NOTCAPABLE), "{p} (follow {follow})");
        }
        assert_eq!(g.open(3, p, oflags::CREAT, rights::ALL, 0, true), Err(NOTCAPABLE), "{p} (create)");
    }
    // Links whose last component escapes: followed, they fail; not followed, they are links.
    for p in ["esc_abs", "esc_up", "sub/up2", "chain"] {
        assert_eq!(g.open(3, p, 0, R, 0, true), Err(NOTCAPABLE), "{p}");
        assert_eq!(g.open(3, p, 0, R, 0, false), Err(Errno::Loop as u32), "{p}");
    }
    assert_eq!(g.open(3, "loop_a", 0, R, 0, true), Err(Errno::Loop as u32));
    assert_eq!(g.open(3, "loop_a/x", 0, R, 0, true), Err(Errno::Loop as u32));
    // Links and `..` that stay inside work.
    for (p, want) in [("ok", &b"inner"[..]), ("sub/up/in.txt", b"in"), ("sub/../in.txt", b"in"), ("./sub/./inner.txt", b"inner")] {
        let fd = g.open(3, p, 0, R, 0, true).unwrap_or_else(|e| panic!("{p}: errno {e}"));
        assert_eq!(g.read_all(fd).unwrap(), want, "{p}");
    }
    let d = g.open(3, "sub/up", oflags::DIRECTORY, R, 0, true).unwrap();
    assert_eq!(g.open(d, "../outside/secret.txt", 0, R, 0, true), Err(NOTCAPABLE));
    // A directory opened below the preopen is a new root for its own paths: `..` from it is
    // outside what it was given, even though the preopen is above.
    let sub = g.open(3, "sub", oflags::DIRECTORY, R, 0, true).unwrap();
    assert_eq!(g.open(sub, "../in.txt", 0, R, 0, true), Err(NOTCAPABLE));
    assert_eq!(g.open(sub, "up/in.txt", 0, R, 0, true), Err(NOTCAPABLE));
    assert_eq!(g.open(sub, "inner.txt", 0, R, 0, true).map(|_| ()), Ok(()));
}

#[test]
fn other_path_functions_cannot_escape() {
    let t = escape_tree();
    let g = t.guest();
    let v = g.vmctx();
    let outside = t.base.join("outside");
    for p in ESCAPES {
        let (a, l) = g.put(at::PATH, p.as_bytes());
        let (b, m) = g.put(at::PATH2, b"moved");
        unsafe {
            assert_eq!(path::path_filestat_get(v, 3, 1, a, l, at::BUF), NOTCAPABLE, "stat {p}");
            assert_eq!(path::path_filestat_set_times(v, 3, 1, a, l, 0, 0, 8), NOTCAPABLE, "utimes {p}");
            assert_eq!(path::path_create_directory(v, 3, a, l), NOTCAPABLE, "mkdir {p}");
            assert_eq!(path::path_remove_directory(v, 3, a, l), NOTCAPABLE, "rmdir {p}");
            assert_eq!(path::path_unlink_file(v, 3, a, l), NOTCAPABLE, "unlink {p}");
            assert_eq!(path::path_readlink(v, 3, a, l, at::BUF, 64, at::OUT), NOTCAPABLE, "readlink {p}");
            assert_eq!(path::path_rename(v, 3, a, l, 3, b, m), NOTCAPABLE, "rename from {p}");
            assert_eq!(path::path_rename(v, 3, b, m, 3, a, l), NOTCAPABLE, "rename to {p}");
            assert_eq!(path::path_link(v, 3, 1, a, l, 3, b, m), NOTCAPABLE, "link from {p}");
            assert_eq!(path::path_link(v, 3, 0, b, m, 3, a, l), NOTCAPABLE, "link to {p}");
            assert_eq!(path::path_symlink(v, b, m, 3, a, l), NOTCAPABLE, "symlink at {p}");
        }
    }
    unsafe {
        // Hard links to a file outside through a link that escapes.
        let (a, l) = g.put(at::PATH, b"esc_up/secret.txt");
        let (b, m) = g.put(at::PATH2, b"stolen");
        assert_eq!(path::path_link(v, 3, 0, a, l, 3, b, m), NOTCAPABLE);
        // Removing an escaping link removes the link, never its target.
        let (a, l) = g.put(at::PATH, b"esc_up");
        assert_eq!(path::path_unlink_file(v, 3, a, l), 0);
        // Symbolic links with absolute targets are refused; relative ones that point outside can
        // be made (they are text) but never followed.
        let (a, l) = g.put(at::PATH, b"/etc/passwd");
        let (b, m) = g.put(at::PATH2, b"abs");
        assert_eq!(path::path_symlink(v, a, l, 3, b, m), NOTCAPABLE);
        let (a, l) = g.put(at::PATH, b"../outside/secret.txt");
        let (b, m) = g.put(at::PATH2, b"rel");
        assert_eq!(path::path_symlink(v, a, l, 3, b, m), 0);
    }
    assert_eq!(g.open(3, "rel", 0, R, 0, true), Err(NOTCAPABLE));
    assert_eq!(std::fs::read(outside.join("secret.txt")).unwrap(), b"secret");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1);
}

#[test]
fn paths_are_checked_before_use() {
    let t = escape_tree();
    let g = t.guest();
    let v = g.vmctx();
    unsafe {
        // A NUL inside the path.
        let (a, l) = g.put(at::PATH, b"in.txt\0/../../x");
        assert_eq!(path::path_filestat_get(v, 3, 1, a, l, at::BUF), Errno::Ilseq as u32);
        // Out-of-range paths and lengths.
        assert_eq!(path::path_filestat_get(v, 3, 1, END - 3, 4, at::BUF), FAULT);
        assert_eq!(path::path_filestat_get(v, 3, 1, 0, u32::MAX, at::BUF), FAULT);
        assert_eq!(path::path_unlink_file(v, 3, u32::MAX, 2), FAULT);
        // Too long.
        let long = vec![b'a'; 5000];
        let (a, l) = g.put(at::BUF, &long);
        assert_eq!(path::path_create_directory(v, 3, a, l), Errno::Nametoolong as u32);
        // Not a directory descriptor.
        let (a, l) = g.put(at::PATH, b"in.txt");
        assert_eq!(path::path_filestat_get(v, 1, 1, a, l, at::BUF), Errno::Notdir as u32);
        assert_eq!(path::path_filestat_get(v, 9, 1, a, l, at::BUF), Errno::Badf as u32);
    }
}

#[test]
fn huge_lengths_are_refused_without_copying() {
    // A guest with a 4 GiB memory could name that much; the runtime must not copy it.
    let g = Guest::new(ctx());
    assert!(g.memory.grow(100).is_some());
    let v = g.vmctx();
    unsafe {
        assert_eq!(path::path_create_directory(v, 3, 0, 6_000_000), Errno::Badf as u32);
        assert_eq!(crate::wasi::fd::fd_write(v, 1, 0, 700_000, at::OUT), Errno::Inval as u32);
        assert_eq!(crate::wasi::poll::poll_oneoff(v, 0, 0, 100_000, at::OUT), Errno::Inval as u32);
    }
    let t = Tree::new("huge");
    let g = t.guest();
    assert!(g.memory.grow(100).is_some());
    unsafe { assert_eq!(path::path_create_directory(g.vmctx(), 3, 0, 6_000_000), Errno::Nametoolong as u32) };
}
