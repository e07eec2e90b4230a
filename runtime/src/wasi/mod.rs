//! WASI preview1 (`wasi_snapshot_preview1`), all of it, as a host module: the table of functions
//! with their Wasm signatures (used to type-check imports), [`add_to_linker`], and the glue every
//! function shares: finding the caller's [`WasiCtx`] (in its host context, else a per-thread
//! default) and memory, and turning `Result<(), Errno>` into the i32 result.
//!
//! Guest pointers are always range-checked against the current memory size ([`GuestMemory`]);
//! a bad one yields `EFAULT`, never a host fault. Files are reached only through preopened
//! directories, by paths resolved in `sandbox.rs` (read that file before touching `path.rs`).
//!
//! Code map: `ctx` (descriptor table, context), `rights` (the file-type and rights rules, a
//! table of them), `config` (sandbox settings of executables),
//! `consts` (preview1 constants and layouts), `errno`, `sys` (host call wrappers), `args`,
//! `clock`, `proc`, `fd` (descriptor I/O and metadata), `readdir`, `path` (`path_*`),
//! `sandbox` (path resolution), `poll` (`poll_oneoff`), `sock` (`sock_*`).
//! To add a function: write it in the file of its family and add one line to [`FUNCS`].

mod args;
mod clock;
pub mod config;
pub mod consts;
pub mod ctx;
pub mod errno;
mod fd;
mod path;
mod poll;
mod proc;
mod readdir;
mod rights;
pub mod sandbox;
mod sock;
mod sys;
pub mod threads;

pub use ctx::WasiCtx;
pub use errno::Errno;

use crate::host::{host_funcs, Caller, GuestMemory};
use crate::host_context::HostContext;
use crate::linker::Linker;
use std::rc::Rc;
use wasmkiln_abi::VMContext;

/// The import module name.
pub const MODULE: &str = "wasi_snapshot_preview1";

host_funcs! {
    /// Every WASI preview1 function. Parameter types: `u32` is Wasm i32, `u64` is i64.
    pub static FUNCS for "wasi_snapshot_preview1" {
        "args_get" => fn (args::args_get)(argv: u32, argv_buf: u32) -> u32;
        "args_sizes_get" => fn (args::args_sizes_get)(argc: u32, argv_buf_size: u32) -> u32;
        "environ_get" => fn (args::environ_get)(environ: u32, environ_buf: u32) -> u32;
        "environ_sizes_get" => fn (args::environ_sizes_get)(count: u32, buf_size: u32) -> u32;
        "clock_res_get" => fn (clock::clock_res_get)(id: u32, resolution: u32) -> u32;
        "clock_time_get" => fn (clock::clock_time_get)(id: u32, precision: u64, time: u32) -> u32;
        "fd_advise" => fn (fd::fd_advise)(fd: u32, offset: u64, len: u64, advice: u32) -> u32;
        "fd_allocate" => fn (fd::fd_allocate)(fd: u32, offset: u64, len: u64) -> u32;
        "fd_close" => fn (fd::fd_close)(fd: u32) -> u32;
        "fd_datasync" => fn (fd::fd_datasync)(fd: u32) -> u32;
        "fd_fdstat_get" => fn (fd::fd_fdstat_get)(fd: u32, stat: u32) -> u32;
        "fd_fdstat_set_flags" => fn (fd::fd_fdstat_set_flags)(fd: u32, flags: u32) -> u32;
        "fd_fdstat_set_rights" => fn (fd::fd_fdstat_set_rights)(fd: u32, base: u64, inheriting: u64) -> u32;
        "fd_filestat_get" => fn (fd::fd_filestat_get)(fd: u32, stat: u32) -> u32;
        "fd_filestat_set_size" => fn (fd::fd_filestat_set_size)(fd: u32, size: u64) -> u32;
        "fd_filestat_set_times" => fn (fd::fd_filestat_set_times)(fd: u32, atim: u64, mtim: u64, flags: u32) -> u32;
        "fd_pread" => fn (fd::fd_pread)(fd: u32, iovs: u32, iovs_len: u32, offset: u64, nread: u32) -> u32;
        "fd_prestat_get" => fn (fd::fd_prestat_get)(fd: u32, prestat: u32) -> u32;
        "fd_prestat_dir_name" => fn (fd::fd_prestat_dir_name)(fd: u32, path: u32, path_len: u32) -> u32;
        "fd_pwrite" => fn (fd::fd_pwrite)(fd: u32, iovs: u32, iovs_len: u32, offset: u64, nwritten: u32) -> u32;
        "fd_read" => fn (fd::fd_read)(fd: u32, iovs: u32, iovs_len: u32, nread: u32) -> u32;
        "fd_readdir" => fn (readdir::fd_readdir)(fd: u32, buf: u32, buf_len: u32, cookie: u64, bufused: u32) -> u32;
        "fd_renumber" => fn (fd::fd_renumber)(fd: u32, to: u32) -> u32;
        "fd_seek" => fn (fd::fd_seek)(fd: u32, offset: u64, whence: u32, new_offset: u32) -> u32;
        // Emscripten without WASM_BIGINT legalizes the i64 offset into two i32 halves.
        "fd_seek" => fn (fd::fd_seek_legalized)(fd: u32, offset_lo: u32, offset_hi: u32, whence: u32, new_offset: u32) -> u32;
        "fd_sync" => fn (fd::fd_sync)(fd: u32) -> u32;
        "fd_tell" => fn (fd::fd_tell)(fd: u32, offset: u32) -> u32;
        "fd_write" => fn (fd::fd_write)(fd: u32, iovs: u32, iovs_len: u32, nwritten: u32) -> u32;
        "path_create_directory" => fn (path::path_create_directory)(fd: u32, path: u32, path_len: u32) -> u32;
        "path_filestat_get" => fn (path::path_filestat_get)(fd: u32, flags: u32, path: u32, path_len: u32, stat: u32) -> u32;
        "path_filestat_set_times" => fn (path::path_filestat_set_times)(fd: u32, flags: u32, path: u32, path_len: u32, atim: u64, mtim: u64, fst_flags: u32) -> u32;
        "path_link" => fn (path::path_link)(old_fd: u32, old_flags: u32, old_path: u32, old_path_len: u32, new_fd: u32, new_path: u32, new_path_len: u32) -> u32;
        "path_open" => fn (path::path_open)(fd: u32, dirflags: u32, path: u32, path_len: u32, oflags: u32, rights_base: u64, rights_inheriting: u64, fdflags: u32, opened: u32) -> u32;
        "path_readlink" => fn (path::path_readlink)(fd: u32, path: u32, path_len: u32, buf: u32, buf_len: u32, bufused: u32) -> u32;
        "path_remove_directory" => fn (path::path_remove_directory)(fd: u32, path: u32, path_len: u32) -> u32;
        "path_rename" => fn (path::path_rename)(fd: u32, old_path: u32, old_path_len: u32, new_fd: u32, new_path: u32, new_path_len: u32) -> u32;
        "path_symlink" => fn (path::path_symlink)(old_path: u32, old_path_len: u32, fd: u32, new_path: u32, new_path_len: u32) -> u32;
        "path_unlink_file" => fn (path::path_unlink_file)(fd: u32, path: u32, path_len: u32) -> u32;
        "poll_oneoff" => fn (poll::poll_oneoff)(subscriptions: u32, events: u32, nsubscriptions: u32, nevents: u32) -> u32;
        "proc_exit" => fn (proc::proc_exit)(code: u32);
        "proc_raise" => fn (proc::proc_raise)(sig: u32) -> u32;
        "random_get" => fn (proc::random_get)(buf: u32, buf_len: u32) -> u32;
        "sched_yield" => fn (proc::sched_yield)() -> u32;
        "sock_accept" => fn (sock::sock_accept)(fd: u32, flags: u32, ro_fd: u32) -> u32;
        "sock_recv" => fn (sock::sock_recv)(fd: u32, ri_data: u32, ri_data_len: u32, ri_flags: u32, ro_datalen: u32, ro_flags: u32) -> u32;
        "sock_send" => fn (sock::sock_send)(fd: u32, si_data: u32, si_data_len: u32, si_flags: u32, so_datalen: u32) -> u32;
        "sock_shutdown" => fn (sock::sock_shutdown)(fd: u32, how: u32) -> u32;
    }
}

/// Adds every WASI function to `linker`, with `ctx` as the state of the instances it makes
/// (their arguments, environment and descriptors). A linker given [`FUNCS`] alone
/// ([`Linker::add_host_funcs`]) leaves the functions on a per-thread default context built from
/// the process's arguments and environment, with no preopened directory.
pub fn add_to_linker(linker: &mut Linker, ctx: impl Into<Rc<WasiCtx>>) -> &mut Linker {
    linker.context_mut().insert(ctx.into());
    linker.add_host_funcs(FUNCS)
}

/// Reads WASI clock `id` (0 realtime, 1 monotonic, 2 process CPU, 3 thread CPU) in nanoseconds.
pub fn clock_nanos(id: u32) -> Option<u64> {
    clock::read_clock(id, false).ok()
}

thread_local! {
    static DEFAULT_CTX: Rc<WasiCtx> = Rc::new(WasiCtx::from_process());
}

/// Runs a WASI function body with the caller's context and memory; the errno is the result.
///
/// # Safety
/// `vmctx` is what generated code passes (or null).
pub(crate) unsafe fn call(
    vmctx: *mut VMContext,
    body: impl FnOnce(&WasiCtx, &GuestMemory) -> Result<(), Errno>,
) -> u32 {
    let caller = Caller::new(vmctx);
    let memory = caller.memory();
    let ctx = match caller.context().and_then(HostContext::get::<WasiCtx>) {
        Some(ctx) => ctx,
        None => DEFAULT_CTX.with(Rc::clone),
    };
    match body(&ctx, &memory) {
        Ok(()) => Errno::Success as u32,
        Err(e) => e as u32,
    }
}

#[cfg(test)]
mod tests;
