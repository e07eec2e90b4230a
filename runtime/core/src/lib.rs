//! The runtime's core: what both faces of the runtime share and what needs no OS (`core` only,
//! no allocation). The hosted runtime (`wasmkiln-runtime`: mmap reservations, signals, WASI,
//! the embedding API) and the firmware runtime (`wasmkiln-firmware`: Cortex-M, no OS) are
//! built on it.
//!
//! - `memory` — linear memory operations on a `VMMemory`: range checks, fill, copy, init, grow.
//! - `table` — table operations on a `VMTable`: get, set, fill, copy, init, grow.
//! - `arena` — an instance laid out in one caller-provided buffer (`wasmkiln_abi::arena`):
//!   instantiation from a `ModuleDesc`, and what libcalls need to find in such an instance.
#![no_std]

pub mod arena;
pub mod memory;
pub mod table;

pub use wasmkiln_abi::TrapCode;
