//! WASI functions called the way generated code calls them (native entry, caller's vmctx),
//! checking results in guest memory, errno values, and that bad guest pointers are `EFAULT`.
//! `fs.rs`: files and directories; `rules.rs`: the file-type and rights rules; `sandbox.rs`:
//! escape attempts; `poll.rs`: poll_oneoff and sockets.

use super::ctx::{FdEntry, WasiCtx};
use super::errno::Errno;
use super::{args, clock, fd, proc};
use super::ctx::rights;
use crate::testutil::*;
use crate::*;
use std::rc::Rc;
use wasmkiln_abi::{extern_kind, VMContext, WASM_PAGE_SIZE};

mod fs;
mod poll;
mod rules;
mod sandbox;

pub(super) const FAULT: u32 = Errno::Fault as u32;
pub(super) const END: u32 = WASM_PAGE_SIZE as u32;

pub(super) struct Guest {
    instance: Instance,
    pub memory: Memory,
    pub ctx: Rc<WasiCtx>,
}

impl Guest {
    pub fn new(ctx: WasiCtx) -> Guest {
        let mut b = DescBuilder::new();
        let m = b.memory(1, None);
        b.export("memory", extern_kind::MEMORY, m);
        let ctx = Rc::new(ctx);
        let host = HostContext::new().with(ctx.clone());
        let instance = Instance::with_context(b.build(), |_, _, _| None, host).unwrap();
        let memory = instance.get_memory("memory").unwrap();
        Guest { instance, memory, ctx }
    }

    pub fn vmctx(&self) -> *mut VMContext {
        self.instance.vmctx()
    }

    pub fn u32_at(&self, at: u32) -> u32 {
        let mut b = [0; 4];
        assert!(self.memory.read(at as u64, &mut b));
        u32::from_le_bytes(b)
    }

    pub fn u64_at(&self, at: u32) -> u64 {
        let mut b = [0; 8];
        assert!(self.memory.read(at as u64, &mut b));
        u64::from_le_bytes(b)
    }

    pub fn bytes(&self, at: u32, n: usize) -> Vec<u8> {
        let mut b = vec![0; n];
        assert!(self.memory.read(at as u64, &mut b));
        b
    }

    /// Writes a ciovec array at `at` for `(ptr, len)` pairs.
    pub fn iovs(&self, at: u32, list: &[(u32, u32)]) {
        for (i, &(p, l)) in list.iter().enumerate() {
            self.memory.write(at as u64 + 8 * i as u64, &p.to_le_bytes());
            self.memory.write(at as u64 + 8 * i as u64 + 4, &l.to_le_bytes());
        }
    }

    /// Replaces guest fd 1 by a pipe; returns (read end, write end).
    pub fn pipe_as_stdout(&self) -> (i32, i32) {
        let mut fds = [0; 2];
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let mut table = self.ctx.fds_mut().unwrap();
        table.remove(1).unwrap();
        assert_eq!(table.insert(FdEntry::stdio(fds[1])).unwrap(), 1);
        (fds[0], fds[1])
    }
}

pub(super) fn ctx() -> WasiCtx {
    WasiCtx::new(vec![b"prog".to_vec(), b"-x".to_vec()], vec![b"A=1".to_vec(), b"LONG=hello".to_vec()])
}

pub(super) fn read_pipe(fd: i32) -> Vec<u8> {
    let mut buf = vec![0u8; 256];
    let n = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
    buf.truncate(n.max(0) as usize);
    buf
}

#[test]
fn args_and_environ() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    unsafe {
        assert_eq!(args::args_sizes_get(v, 0, 4), 0);
        assert_eq!((g.u32_at(0), g.u32_at(4)), (2, 8));
        assert_eq!(args::args_get(v, 16, 100), 0);
        assert_eq!((g.u32_at(16), g.u32_at(20)), (100, 105));
        assert_eq!(g.bytes(100, 8), b"prog\0-x\0");
        assert_eq!(args::environ_sizes_get(v, 0, 4), 0);
        assert_eq!((g.u32_at(0), g.u32_at(4)), (2, 15));
        assert_eq!(args::environ_get(v, 16, 200), 0);
        assert_eq!(g.u32_at(20), 204);
        assert_eq!(g.bytes(200, 15), b"A=1\0LONG=hello\0");
        // Bad pointers: EFAULT, and nothing written.
        assert_eq!(args::args_sizes_get(v, END - 2, 4), FAULT);
        assert_eq!(args::args_sizes_get(v, 0, u32::MAX), FAULT);
        assert_eq!(args::args_get(v, END - 4, 100), FAULT);
        assert_eq!(args::args_get(v, 16, END - 7), FAULT);
        assert_eq!(args::environ_get(v, u32::MAX - 1, 0), FAULT);
    }
}

#[test]
fn fd_write_gathers_and_checks_every_iovec() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    let (r, w) = g.pipe_as_stdout();
    g.memory.write(100, b"Hello, WebAssembly!\n");
    g.iovs(0, &[(100, 7), (107, 0), (107, 13)]);
    unsafe {
        assert_eq!(fd::fd_write(v, 1, 0, 3, 50), 0);
        assert_eq!(g.u32_at(50), 20);
        assert_eq!(read_pipe(r), b"Hello, WebAssembly!\n");
        // A bad iovec anywhere: EFAULT before anything is written.
        g.iovs(0, &[(100, 5), (END - 2, 3)]);
        assert_eq!(fd::fd_write(v, 1, 0, 2, 50), FAULT);
        g.iovs(0, &[(100, 5)]);
        assert_eq!(fd::fd_write(v, 1, 0, 1, END - 2), FAULT);
        assert_eq!(fd::fd_write(v, 1, END - 4, 1, 50), FAULT);
        assert_eq!(fd::fd_write(v, 1, 0, u32::MAX, 50), FAULT);
        // Zero iovecs write nothing and succeed.
        assert_eq!(fd::fd_write(v, 1, 0, 0, 50), 0);
        assert_eq!(g.u32_at(50), 0);
        assert_eq!(fd::fd_write(v, 1, 0, 1, 50), 0);
        assert_eq!(read_pipe(r), b"Hello");
        assert_eq!(fd::fd_write(v, 7, 0, 1, 50), Errno::Badf as u32);
        // Seeking a pipe is ESPIPE; its filetype is unknown (not a terminal).
        assert_eq!(fd::fd_seek(v, 1, 0, 1, 60), Errno::Spipe as u32);
        assert_eq!(fd::fd_seek(v, 1, 0, 9, 60), Errno::Inval as u32);
        assert_eq!(fd::fd_tell(v, 1, 60), Errno::Spipe as u32);
        assert_eq!(fd::fd_fdstat_get(v, 1, 64), 0);
        assert_eq!(g.bytes(64, 1), [0]);
        assert_eq!(fd::fd_fdstat_get(v, 1, END - 8), FAULT);
        // After close, the descriptor is gone.
        assert_eq!(fd::fd_close(v, 1), 0);
        assert_eq!(fd::fd_close(v, 1), Errno::Badf as u32);
        assert_eq!(fd::fd_write(v, 1, 0, 1, 50), Errno::Badf as u32);
        libc::close(r);
        libc::close(w);
    }
}

#[test]
fn fd_read_scatters() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    let mut fds = [0; 2];
    unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
        assert_eq!(libc::write(fds[1], b"abcdef".as_ptr() as *const libc::c_void, 6), 6);
        libc::close(fds[1]);
        {
            let mut t = g.ctx.fds_mut().unwrap();
            t.remove(0).unwrap();
            t.insert(FdEntry::stdio(fds[0])).unwrap();
        }
        g.iovs(0, &[(100, 2), (200, 10)]);
        assert_eq!(fd::fd_read(v, 0, 0, 2, 50), 0);
        assert_eq!(g.u32_at(50), 6);
        assert_eq!(g.bytes(100, 2), b"ab");
        assert_eq!(g.bytes(200, 4), b"cdef");
        assert_eq!(fd::fd_read(v, 0, 0, 2, 50), 0);
        assert_eq!(g.u32_at(50), 0); // end of file
        g.iovs(0, &[(END - 1, 2)]);
        assert_eq!(fd::fd_read(v, 0, 0, 1, 50), FAULT);
        libc::close(fds[0]);
    }
}

#[test]
fn stat_of_a_character_device_and_a_file() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
        assert!(null >= 0);
        let n = g.ctx.fds_mut().unwrap().insert(FdEntry::stdio(null)).unwrap();
        assert_eq!(fd::fd_fdstat_get(v, n, 64), 0);
        assert_eq!(g.bytes(64, 1), [2]); // character device
        // /dev/null is not a terminal: it keeps its seek/tell rights (wasi-libc's isatty()
        // looks for a character device without them).
        let r = g.u64_at(72);
        assert_eq!(r & (rights::FD_SEEK | rights::FD_TELL), rights::FD_SEEK | rights::FD_TELL);
        assert_ne!(r & rights::FD_WRITE, 0);
        assert_eq!(fd::fd_filestat_get(v, n, 128), 0);
        assert_eq!(g.bytes(128 + 16, 1), [2]);
        libc::close(null);

        let path = std::env::temp_dir().join(format!("wasmkiln-wasi-test-{}", std::process::id()));
        std::fs::write(&path, b"0123456789").unwrap();
        let file = std::fs::File::open(&path).unwrap();
        use std::os::unix::io::IntoRawFd;
        let raw = file.into_raw_fd();
        let n = g.ctx.fds_mut().unwrap().insert(FdEntry::stdio(raw)).unwrap();
        assert_eq!(fd::fd_filestat_get(v, n, 128), 0);
        assert_eq!(g.bytes(128 + 16, 1), [4]); // regular file
        assert_eq!(g.u64_at(128 + 32), 10); // size
        assert_eq!(fd::fd_seek(v, n, (-3i64) as u64, 2, 60), 0);
        assert_eq!(g.u64_at(60), 7);
        assert_eq!(fd::fd_seek_legalized(v, n, 2, 0, 0, 60), 0);
        assert_eq!(g.u64_at(60), 2);
        assert_eq!(fd::fd_tell(v, n, 60), 0);
        assert_eq!(g.u64_at(60), 2);
        assert_eq!(fd::fd_seek(v, n, 0, 0, END - 4), FAULT);
        libc::close(raw);
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn no_preopens() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    unsafe {
        assert_eq!(fd::fd_prestat_get(v, 3, 0), Errno::Badf as u32);
        assert_eq!(fd::fd_prestat_get(v, 1, 0), Errno::Badf as u32);
        assert_eq!(fd::fd_prestat_dir_name(v, 3, 0, 10), Errno::Badf as u32);
    }
}

#[test]
fn clocks_random_yield_exit() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    unsafe {
        for id in 0..4 {
            assert_eq!(clock::clock_time_get(v, id, 0, 8), 0, "clock {id}");
            assert_eq!(clock::clock_res_get(v, id, 16), 0, "clock {id}");
            assert!(g.u64_at(16) > 0);
        }
        assert_eq!(clock::clock_time_get(v, 1, 0, 8), 0);
        let t1 = g.u64_at(8);
        assert_eq!(clock::clock_time_get(v, 1, 0, 8), 0);
        assert!(g.u64_at(8) >= t1);
        assert_eq!(clock::clock_time_get(v, 0, 0, 8), 0);
        assert!(g.u64_at(8) > 1_600_000_000 * 1_000_000_000);
        assert_eq!(clock::clock_time_get(v, 4, 0, 8), Errno::Inval as u32);
        assert_eq!(clock::clock_time_get(v, 0, 0, END - 7), FAULT);
        assert_eq!(clock::clock_res_get(v, 0, u32::MAX), FAULT);

        assert_eq!(proc::random_get(v, 1000, 64), 0);
        assert_ne!(g.bytes(1000, 64), vec![0; 64]);
        assert_eq!(proc::random_get(v, END - 10, 11), FAULT);
        assert_eq!(proc::random_get(v, END, 0), 0);
        assert_eq!(proc::sched_yield(v), 0);

        let t = catch_traps(|| proc::proc_exit(v, 3)).unwrap_err();
        assert_eq!(t.exit_status(), Some(3));
    }
}

#[test]
fn a_module_without_memory_gets_efault() {
    let mut b = DescBuilder::new();
    b.name("nomem");
    let inst = Instance::new(b.build(), |_, _, _| None).unwrap();
    unsafe {
        assert_eq!(args::args_sizes_get(inst.vmctx(), 0, 4), FAULT);
        assert_eq!(args::args_sizes_get(std::ptr::null_mut(), 0, 4), FAULT);
    }
}

#[test]
fn the_function_table_has_preview1_signatures() {
    let sig = |name: &str| -> Vec<String> {
        super::FUNCS.iter().filter(|f| f.name == name).map(|f| f.ty().to_string()).collect()
    };
    assert_eq!(sig("fd_write"), ["[i32 i32 i32 i32] -> [i32]"]);
    assert_eq!(sig("clock_time_get"), ["[i32 i64 i32] -> [i32]"]);
    assert_eq!(sig("proc_exit"), ["[i32] -> []"]);
    assert_eq!(sig("fd_seek"), ["[i32 i64 i32 i32] -> [i32]", "[i32 i32 i32 i32 i32] -> [i32]"]);
    assert!(super::FUNCS.iter().all(|f| f.module == super::MODULE));
}

#[test]
fn linker_resolves_wasi_through_the_registry() {
    // fd_write imported by a module and called through its funcref, as generated code does.
    let mut b = DescBuilder::new();
    let t = b.ty(&[I32, I32, I32, I32], &[I32]);
    b.import_func("wasi_snapshot_preview1", "fd_write", t);
    b.memory(1, None);
    b.export("fd_write", extern_kind::FUNC, 0).export("memory", extern_kind::MEMORY, 0);
    let mut linker = Linker::new();
    super::add_to_linker(&mut linker, ctx());
    let inst = linker.instantiate(b.build()).unwrap();
    // Through the array entry (what the embedder uses), on a descriptor that does not exist.
    let args = [ValRaw::from_u32(9), ValRaw::from_u32(0), ValRaw::from_u32(0), ValRaw::from_u32(0)];
    assert_eq!(inst.call("fd_write", &args).unwrap(), vec![ValRaw::from_u32(Errno::Badf as u32)]);
    unsafe {
        let f = *(*inst.vmctx()).func_refs;
        assert_eq!((*f).vmctx, inst.vmctx()); // host functions get the importer's vmctx
    }
}

/// Guest addresses the file system tests use.
pub(super) mod at {
    /// The first and second path argument.
    pub const PATH: u32 = 2000;
    pub const PATH2: u32 = 3000;
    /// Results (descriptor numbers, sizes).
    pub const OUT: u32 = 50;
    pub const IOVS: u32 = 100;
    /// Data buffers.
    pub const BUF: u32 = 8192;
}

/// A scratch directory tree, removed when dropped: `root/` is what tests preopen, `outside/`
/// holds `secret.txt`, which must stay out of reach.
pub(super) struct Tree {
    pub base: std::path::PathBuf,
}

impl Tree {
    pub fn new(name: &str) -> Tree {
        static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let base = std::env::temp_dir().join(format!("wasmkiln-wasi-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(base.join("root")).unwrap();
        std::fs::create_dir_all(base.join("outside")).unwrap();
        std::fs::write(base.join("outside/secret.txt"), b"secret").unwrap();
        Tree { base }
    }

    pub fn root(&self) -> std::path::PathBuf {
        self.base.join("root")
    }

    /// A guest with `root/` preopened as `/sandbox` (descriptor 3).
    pub fn guest(&self) -> Guest {
        let g = Guest::new(ctx());
        assert_eq!(g.ctx.preopen_dir(&self.root(), b"/sandbox").unwrap(), 3);
        g
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

impl Guest {
    /// Writes `s` at `at`; returns (pointer, length) for a WASI string argument.
    pub fn put(&self, at: u32, s: &[u8]) -> (u32, u32) {
        assert!(self.memory.write(at as u64, s));
        (at, s.len() as u32)
    }

    /// path_open below `dir` asking for `rights` (and every right to pass on, as wasi-libc
    /// does); the new descriptor or the errno.
    pub fn open(&self, dir: u32, path: &str, oflags: u16, rights: u64, fdflags: u16, follow: bool) -> Result<u32, u32> {
        let (p, l) = self.put(at::PATH, path.as_bytes());
        let all = rights::ALL;
        let r = unsafe {
            super::path::path_open(self.vmctx(), dir, follow as u32, p, l, oflags as u32, rights, all, fdflags as u32, at::OUT)
        };
        if r == 0 {
            Ok(self.u32_at(at::OUT))
        } else {
            Err(r)
        }
    }

    /// Reads everything from `fd` (through fd_read, in 7-byte iovecs to exercise scattering).
    pub fn read_all(&self, fd: u32) -> Result<Vec<u8>, u32> {
        let mut out = Vec::new();
        loop {
            self.iovs(at::IOVS, &[(at::BUF, 7), (at::BUF + 7, 7)]);
            let r = unsafe { fd::fd_read(self.vmctx(), fd, at::IOVS, 2, at::OUT) };
            if r != 0 {
                return Err(r);
            }
            let n = self.u32_at(at::OUT) as usize;
            if n == 0 {
                return Ok(out);
            }
            out.extend(self.bytes(at::BUF, n));
        }
    }

    /// Writes `data` to `fd` with fd_write; the count written.
    pub fn write_all(&self, fd: u32, data: &[u8]) -> Result<u32, u32> {
        self.put(at::BUF, data);
        self.iovs(at::IOVS, &[(at::BUF, data.len() as u32)]);
        match unsafe { fd::fd_write(self.vmctx(), fd, at::IOVS, 1, at::OUT) } {
            0 => Ok(self.u32_at(at::OUT)),
            e => Err(e),
        }
    }
}

pub(super) fn errno(e: Errno) -> u32 {
    e as u32
}
