//! Crate-level tests that exercise several modules together.

mod exceptions;
mod exe;
mod instance;
mod libcalls;
