//! The runtime side of the spec harness (tests/spec): what a script's directives do to modules
//! and instances, behind the [`Engine`] trait, implemented once over the runtime's embedding API
//! ([`Local`]). The harness uses it in process for the host; for a cross target, the runner
//! binary (`main.rs`) serves the same engine on the target (under qemu) over the line protocol
//! of [`protocol`], and the harness talks to it through its own `Engine` implementation.
//! Everything that compares values stays in the harness.

pub mod engine;
pub mod protocol;
pub mod spectest;

pub use engine::{Engine, InstanceId, InstantiateFailure, Local, ModuleId, Trapped, UNCAUGHT_EXCEPTION};
