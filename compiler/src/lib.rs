//! wasmkiln: an ahead-of-time compiler from WebAssembly to native code through LLVM 19.
//! See ARCHITECTURE.md for the map of this crate.

pub mod background;
pub mod backend;
pub mod cache;
pub mod codegen;
pub mod driver;
pub mod error;
pub mod header;
pub mod imports;
pub mod link;
pub mod module_info;
pub mod pass_timing;
pub mod progress;
pub mod run;
pub mod target;
pub mod tier;
pub mod timings;
pub mod translate;
