//! The wasmkiln runtime: everything compiled WebAssembly needs at run time, linked into every
//! executable as `libwasmkiln_runtime.a` and usable as a Rust library by embedders (the spec
//! test harness, native programs that load compiled modules).
//!
//! Layers, each naming only those below it:
//! 1. The instance machinery, which knows no host module:
//!    - `instance` — instantiate a compiler-emitted `ModuleDesc`: allocate the vmctx, link
//!      imports, run segment initialization and the start function; exports.
//!    - `memory`, `table`, `global`, `func`, `tag`, `externs` — the five kinds of definitions
//!      and their embedder handles; `reservations` — the fault handler's registry of memory reservations.
//!    - `types` — value/function/table/memory/global types and import matching; `sigs` — the
//!      process-wide canonical signature ids used by `call_indirect`.
//!    - `libcalls` — the `wasmkiln_*` functions generated code calls (checked against the ABI).
//!    - `exception` + `eh.c` + `eh_barrier.c` — Wasm exceptions: allocation, throwing by native
//!      unwinding, the personality routine, uncaught exceptions as traps;
//!    - `trap` + `trap.c` — catching traps (sigsetjmp/siglongjmp); `signals` — SIGSEGV/SIGBUS;
//!      `stack` — per-thread stack limit and alternate signal stack; `error` — error types.
//!    - the host function mechanism: `host` (the `host_funcs!` tables, `Caller`, `GuestMemory`),
//!      `host_context` (`HostContext`, per-instance state of host modules, keyed by type),
//!      `linker` (the `Linker` registry that resolves imports).
//! 2. Host modules, which add themselves to a `Linker`: `wasi` — WASI preview1, all of it,
//!    with file access confined to preopened directories (`wasi/sandbox.rs`) and the sandbox
//!    settings of executables (`wasi/config.rs`); `emscripten` — Emscripten's `env` imports.
//! 3. Entries, which choose the host modules: `exe` — `wasmkiln_exe_main`, the entry of compiled
//!    executables (WASI and Emscripten); embedders, with `dylib` to load modules built with
//!    `--emit shared`.
//!
//! Embedding in short:
//! ```ignore
//! let mut linker = Linker::new();
//! wasi::add_to_linker(&mut linker, WasiCtx::from_process());
//! emscripten::add_to_linker(&mut linker);
//! let instance = linker.instantiate(desc)?;          // Err(InstantiateError::Link | Trap)
//! linker.define_instance("M", &instance);            // spec `register`
//! let results = instance.call("f", &[ValRaw::from_u32(1)])?; // Err(Trap) on a trap
//! ```

mod atomics;
pub mod dylib;
pub mod emscripten;
mod error;
mod exception;
mod exe;
mod externs;
mod func;
mod global;
mod host;
mod host_context;
mod instance;
mod libcalls;
mod linker;
mod memory;
mod reservations;
mod signals;
mod sigs;
mod stack;
mod table;
mod tag;
mod trap;
mod types;
pub mod wasi;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod testutil;

pub use dylib::load_module;
pub use error::{InstantiateError, LinkError, ResourceError};
pub use exe::{executable_linker, run as run_executable, wasmkiln_exe_main, WASM_STACK_SIZE};
pub use externs::Extern;
pub use func::{Func, HostFunc};
pub use global::Global;
pub use host::{Caller, GuestMemory, HostFuncDef, WasmRet, WasmTy};
pub use host_context::HostContext;
pub use instance::Instance;
pub use linker::Linker;
pub use memory::{Memory, MAX_PAGES, MAX_PAGES64};
pub use sigs::{intern as intern_signature, lookup as signature_of};
pub use table::{Table, MAX_TABLE_ELEMENTS};
pub use tag::Tag;
pub use trap::{catch_traps, in_catch, raise, Trap, TrapKind, UncaughtException};
pub use types::{extern_type_matches, ExternType, FuncType, GlobalType, MemoryType, TableType, ValType};
pub use wasi::WasiCtx;
pub use wasmkiln_abi::{TrapCode, ValRaw};
