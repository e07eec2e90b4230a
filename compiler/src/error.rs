//! The compiler's error type: a message and, when known, the byte offset in the input module.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Byte offset in the input module the error refers to.
    pub offset: Option<u64>,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error { offset: None, message: message.into() }
    }
    pub fn at(offset: u64, message: impl Into<String>) -> Error {
        Error { offset: Some(offset), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(off) => write!(f, "offset 0x{off:x}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl From<wasmparser::BinaryReaderError> for Error {
    fn from(e: wasmparser::BinaryReaderError) -> Error {
        // Some messages embed pretty-printed values; errors are reported on one line.
        let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
        Error::at(e.offset() as u64, unsupported_proposal(&message).unwrap_or(message))
    }
}

/// wasmparser says "X support is not enabled" or "X proposal not enabled" for a proposal
/// switched off in the validator, which reads as if a switch existed. These are proposals
/// wasmkiln does not implement yet, and the message says so.
fn unsupported_proposal(message: &str) -> Option<String> {
    let proposal = message
        .strip_suffix(" support is not enabled")
        .or_else(|| message.strip_suffix(" proposal not enabled"))
        .or_else(|| message.strip_suffix(" are not enabled"))?;
    Some(format!("uses the {proposal} proposal, which wasmkiln does not support yet"))
}

/// An LLVM builder failure is a bug in the translator, but it is still reported as an error
/// rather than a panic.
impl From<inkwell::builder::BuilderError> for Error {
    fn from(e: inkwell::builder::BuilderError) -> Error {
        Error::new(format!("internal error: LLVM builder: {e}"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn missing_proposals_are_named() {
        assert_eq!(
            super::unsupported_proposal("tail calls support is not enabled").as_deref(),
            Some("uses the tail calls proposal, which wasmkiln does not support yet")
        );
        assert_eq!(
            super::unsupported_proposal("exceptions proposal not enabled").as_deref(),
            Some("uses the exceptions proposal, which wasmkiln does not support yet")
        );
        assert_eq!(super::unsupported_proposal("type mismatch"), None);
    }
}

/// Returns early with an [`Error`] at an offset.
#[macro_export]
macro_rules! bail_at {
    ($off:expr, $($fmt:tt)*) => {
        return Err($crate::error::Error::at($off as u64, format!($($fmt)*)))
    };
}
