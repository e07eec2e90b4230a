//! Errors of instantiation: linking failures (with the spec's messages), resource exhaustion and
//! malformed descriptors, and traps raised while initializing or running the start function.

use crate::trap::Trap;
use std::fmt;

/// An allocation the runtime could not make (address space, table size, too many memories).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceError(pub String);

impl fmt::Display for ResourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ResourceError {}

/// Why a module could not be linked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// No definition for `module.name` (the spec's `unknown import`).
    UnknownImport { module: String, name: String },
    /// A definition exists but its type does not match (the spec's `incompatible import type`).
    IncompatibleImportType { module: String, name: String, detail: String },
    Resource(ResourceError),
    /// The descriptor is not one this runtime understands (ABI version, inconsistent counts).
    InvalidDescriptor(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::UnknownImport { module, name } => write!(f, "unknown import: {module}.{name}"),
            LinkError::IncompatibleImportType { module, name, detail } => {
                write!(f, "incompatible import type for {module}.{name}")?;
                if !detail.is_empty() {
                    write!(f, " ({detail})")?;
                }
                Ok(())
            }
            LinkError::Resource(e) => write!(f, "{e}"),
            LinkError::InvalidDescriptor(what) => write!(f, "invalid module descriptor: {what}"),
        }
    }
}

impl std::error::Error for LinkError {}

impl From<ResourceError> for LinkError {
    fn from(e: ResourceError) -> LinkError {
        LinkError::Resource(e)
    }
}

/// Why `Instance::new` failed.
#[derive(Debug)]
pub enum InstantiateError {
    Link(LinkError),
    /// Segment initialization or the start function trapped. Effects on imported tables and
    /// memories before the trap persist, as the spec requires.
    Trap(Trap),
}

impl fmt::Display for InstantiateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstantiateError::Link(e) => write!(f, "{e}"),
            InstantiateError::Trap(t) => write!(f, "{t}"),
        }
    }
}

impl std::error::Error for InstantiateError {}

impl From<LinkError> for InstantiateError {
    fn from(e: LinkError) -> InstantiateError {
        InstantiateError::Link(e)
    }
}

impl From<ResourceError> for InstantiateError {
    fn from(e: ResourceError) -> InstantiateError {
        InstantiateError::Link(LinkError::Resource(e))
    }
}

impl From<Trap> for InstantiateError {
    fn from(t: Trap) -> InstantiateError {
        InstantiateError::Trap(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_start_with_the_spec_text() {
        let e = LinkError::UnknownImport { module: "wasi_snapshot_preview1".into(), name: "foo".into() };
        assert_eq!(e.to_string(), "unknown import: wasi_snapshot_preview1.foo");
        let e = LinkError::IncompatibleImportType { module: "env".into(), name: "f".into(), detail: String::new() };
        assert_eq!(e.to_string(), "incompatible import type for env.f");
    }
}
