//! WASI preview1 (`wasi_snapshot_preview1`): the table of implemented functions with their Wasm
//! signatures (used to type-check imports), and the glue every function shares: finding the
//! caller's [`WasiCtx`] and memory, and turning `Result<(), Errno>` into the i32 result.
//!
//! Guest pointers are always range-checked against the current memory size ([`GuestMemory`]);
//! a bad one yields `EFAULT`, never a host fault. To add a function: write it in the file of its
//! family and add one line to [`FUNCS`].

mod args;
mod clock;
pub mod ctx;
pub mod errno;
mod fd;
mod proc;

pub use ctx::WasiCtx;
pub use errno::Errno;

use crate::host::{host_funcs, Caller, GuestMemory};
use std::rc::Rc;
use wasmkiln_abi::VMContext;

/// The import module name.
pub const MODULE: &str = "wasi_snapshot_preview1";

host_funcs! {
    /// Every implemented WASI function. Parameter types: `u32` is Wasm i32, `u64` is i64.
    pub static FUNCS for "wasi_snapshot_preview1" {
        "args_get" => fn (args::args_get)(argv: u32, argv_buf: u32) -> u32;
        "args_sizes_get" => fn (args::args_sizes_get)(argc: u32, argv_buf_size: u32) -> u32;
        "environ_get" => fn (args::environ_get)(environ: u32, environ_buf: u32) -> u32;
        "environ_sizes_get" => fn (args::environ_sizes_get)(count: u32, buf_size: u32) -> u32;
        "clock_res_get" => fn (clock::clock_res_get)(id: u32, resolution: u32) -> u32;
        "clock_time_get" => fn (clock::clock_time_get)(id: u32, precision: u64, time: u32) -> u32;
        "fd_close" => fn (fd::fd_close)(fd: u32) -> u32;
        "fd_datasync" => fn (fd::fd_datasync)(fd: u32) -> u32;
        "fd_fdstat_get" => fn (fd::fd_fdstat_get)(fd: u32, stat: u32) -> u32;
        "fd_fdstat_set_flags" => fn (fd::fd_fdstat_set_flags)(fd: u32, flags: u32) -> u32;
        "fd_filestat_get" => fn (fd::fd_filestat_get)(fd: u32, stat: u32) -> u32;
        "fd_prestat_get" => fn (fd::fd_prestat_get)(fd: u32, prestat: u32) -> u32;
        "fd_prestat_dir_name" => fn (fd::fd_prestat_dir_name)(fd: u32, path: u32, path_len: u32) -> u32;
        "fd_read" => fn (fd::fd_read)(fd: u32, iovs: u32, iovs_len: u32, nread: u32) -> u32;
        "fd_seek" => fn (fd::fd_seek)(fd: u32, offset: u64, whence: u32, new_offset: u32) -> u32;
        // Emscripten without WASM_BIGINT legalizes the i64 offset into two i32 halves.
        "fd_seek" => fn (fd::fd_seek_legalized)(fd: u32, offset_lo: u32, offset_hi: u32, whence: u32, new_offset: u32) -> u32;
        "fd_sync" => fn (fd::fd_sync)(fd: u32) -> u32;
        "fd_tell" => fn (fd::fd_tell)(fd: u32, offset: u32) -> u32;
        "fd_write" => fn (fd::fd_write)(fd: u32, iovs: u32, iovs_len: u32, nwritten: u32) -> u32;
        "proc_exit" => fn (proc::proc_exit)(code: u32);
        "random_get" => fn (proc::random_get)(buf: u32, buf_len: u32) -> u32;
        "sched_yield" => fn (proc::sched_yield)() -> u32;
    }
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
    let ctx = match caller.context().and_then(|c| c.wasi.clone()) {
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
