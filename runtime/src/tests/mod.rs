//! Crate-level tests that exercise several modules together.

mod exe;
mod instance;
mod libcalls;
