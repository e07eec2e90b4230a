//! Trap codes. Generated code passes one of these to the `trap` libcall; the signal handler maps
//! faults to the same codes. `message()` is the spec interpreter's text, which the spec tests match.

/// Exit status of an executable that ended in a trap (the same as Wasmtime's, 128 + SIGABRT).
pub const TRAP_EXIT_CODE: i32 = 134;

#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrapCode {
    Unreachable = 0,
    MemoryOutOfBounds = 1,
    IntegerDivideByZero = 2,
    IntegerOverflow = 3,
    BadConversionToInteger = 4,
    /// `call_indirect` with an index past the end of the table.
    UndefinedElement = 5,
    /// `call_indirect` through a null entry.
    UninitializedElement = 6,
    IndirectCallTypeMismatch = 7,
    TableOutOfBounds = 8,
    StackExhausted = 9,
    NullReference = 10,
    /// `call_ref` (or `return_call_ref`) of a null reference.
    NullFunctionReference = 11,
    /// `throw_ref` of a null exception reference.
    NullExceptionReference = 12,
    /// An atomic access (threads) at an address that is not a multiple of its size.
    UnalignedAtomic = 13,
    /// `memory.atomic.wait32/64` on a memory that is not shared.
    ExpectedSharedMemory = 14,
}

impl TrapCode {
    pub const ALL: [TrapCode; 15] = [
        TrapCode::Unreachable,
        TrapCode::MemoryOutOfBounds,
        TrapCode::IntegerDivideByZero,
        TrapCode::IntegerOverflow,
        TrapCode::BadConversionToInteger,
        TrapCode::UndefinedElement,
        TrapCode::UninitializedElement,
        TrapCode::IndirectCallTypeMismatch,
        TrapCode::TableOutOfBounds,
        TrapCode::StackExhausted,
        TrapCode::NullReference,
        TrapCode::NullFunctionReference,
        TrapCode::NullExceptionReference,
        TrapCode::UnalignedAtomic,
        TrapCode::ExpectedSharedMemory,
    ];

    pub fn from_u32(code: u32) -> Option<TrapCode> {
        Self::ALL.get(code as usize).copied()
    }

    /// The spec's message for this trap.
    pub const fn message(self) -> &'static str {
        match self {
            TrapCode::Unreachable => "unreachable",
            TrapCode::MemoryOutOfBounds => "out of bounds memory access",
            TrapCode::IntegerDivideByZero => "integer divide by zero",
            TrapCode::IntegerOverflow => "integer overflow",
            TrapCode::BadConversionToInteger => "invalid conversion to integer",
            TrapCode::UndefinedElement => "undefined element",
            TrapCode::UninitializedElement => "uninitialized element",
            TrapCode::IndirectCallTypeMismatch => "indirect call type mismatch",
            TrapCode::TableOutOfBounds => "out of bounds table access",
            TrapCode::StackExhausted => "call stack exhausted",
            TrapCode::NullReference => "null reference",
            TrapCode::NullFunctionReference => "null function reference",
            TrapCode::NullExceptionReference => "null exception reference",
            TrapCode::UnalignedAtomic => "unaligned atomic",
            TrapCode::ExpectedSharedMemory => "expected shared memory",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn codes_round_trip() {
        for (i, c) in TrapCode::ALL.iter().enumerate() {
            assert_eq!(*c as u32, i as u32);
            assert_eq!(TrapCode::from_u32(i as u32), Some(*c));
        }
        assert_eq!(TrapCode::from_u32(TrapCode::ALL.len() as u32), None);
    }
}
