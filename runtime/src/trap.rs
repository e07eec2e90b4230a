//! Traps: the [`Trap`] value embedders receive, [`catch_traps`] which runs code that may trap,
//! and [`raise`] which ends the innermost such call.
//!
//! The non-local exit itself is `sigsetjmp`/`siglongjmp` in `trap.c`. Frames skipped by a trap
//! are generated code, libcalls and host functions, which are written so that nothing with a
//! destructor is alive when they trap (values are moved out first; at worst something leaks).

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{c_int, c_void};
use std::fmt;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use wasmkiln_abi::trap::TRAP_EXIT_CODE;
use crate::types::FuncType;
use wasmkiln_abi::{TrapCode, ValRaw};

extern "C" {
    fn wasmkiln_catch(f: unsafe extern "C" fn(*mut c_void), data: *mut c_void) -> c_int;
    fn wasmkiln_in_catch() -> c_int;
    fn wasmkiln_unwind(code: u32) -> !;
}

/// Unwind code meaning "the trap is in `PENDING`" (codes below it are `TrapCode`s, which the
/// signal handler can raise without touching Rust thread-locals).
const UNWIND_PENDING: u32 = 0x1_0000;

thread_local! {
    static PENDING: RefCell<Option<Trap>> = const { RefCell::new(None) };
}

/// Why a call into WebAssembly did not return normally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrapKind {
    /// A trap of the WebAssembly semantics.
    Wasm(TrapCode),
    /// WASI `proc_exit` (or Emscripten `exit`): the program asked to end with this status.
    Exit(i32),
    /// A host function failed with this message.
    Host(String),
    /// A WebAssembly exception no Wasm frame caught reached the host.
    Exception(UncaughtException),
}

/// An exception that left WebAssembly: its tag's name and type, and its payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UncaughtException {
    /// The tag's name from the name section, else the name its module exports it under, else
    /// `#N of FILE` (tag index and module); `unknown` if the tag's instance is gone.
    pub tag: String,
    /// The tag's type (the payload's types are its parameters); `None` if unknown.
    pub ty: Option<FuncType>,
    /// The payload, one raw value per parameter of the tag's type.
    pub values: Vec<ValRaw>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trap {
    kind: TrapKind,
}

impl Trap {
    pub fn new(code: TrapCode) -> Trap {
        Trap { kind: TrapKind::Wasm(code) }
    }

    pub fn exit(status: i32) -> Trap {
        Trap { kind: TrapKind::Exit(status) }
    }

    pub fn host(message: impl Into<String>) -> Trap {
        Trap { kind: TrapKind::Host(message.into()) }
    }

    /// An uncaught exception of the tag called `tag` with this payload.
    pub fn exception(exception: UncaughtException) -> Trap {
        Trap { kind: TrapKind::Exception(exception) }
    }

    /// The uncaught exception, if this is one (the tag's name and the payload, for embedders).
    pub fn uncaught_exception(&self) -> Option<&UncaughtException> {
        match &self.kind {
            TrapKind::Exception(e) => Some(e),
            _ => None,
        }
    }

    pub fn kind(&self) -> &TrapKind {
        &self.kind
    }

    /// The WebAssembly trap code, if this is one.
    pub fn code(&self) -> Option<TrapCode> {
        match self.kind {
            TrapKind::Wasm(c) => Some(c),
            _ => None,
        }
    }

    /// The exit status, if the program called `proc_exit`.
    pub fn exit_status(&self) -> Option<i32> {
        match self.kind {
            TrapKind::Exit(s) => Some(s),
            _ => None,
        }
    }

    /// Ends the innermost [`catch_traps`] call with this trap (see [`raise`]).
    pub fn raise(self) -> ! {
        raise(self)
    }
}

impl fmt::Display for Trap {
    /// The spec interpreter's message for Wasm traps (`out of bounds memory access`, ...).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            TrapKind::Wasm(c) => f.write_str(c.message()),
            TrapKind::Exit(s) => write!(f, "exit with status {s}"),
            TrapKind::Host(m) => f.write_str(m),
            TrapKind::Exception(e) => write!(f, "uncaught exception: tag {}", e.tag),
        }
    }
}

impl std::error::Error for Trap {}

impl From<TrapCode> for Trap {
    fn from(c: TrapCode) -> Trap {
        Trap::new(c)
    }
}

/// Whether the calling thread is inside [`catch_traps`].
pub fn in_catch() -> bool {
    // SAFETY: reads a thread-local of trap.c.
    unsafe { wasmkiln_in_catch() != 0 }
}

/// Ends the innermost [`catch_traps`] call on this thread, which returns `Err(trap)`.
///
/// Outside any catch (e.g. generated code called directly by a native embedder) there is no one
/// to return to: an exit request exits the process with its status; any other trap prints
/// [`error_line`] and exits with [`TRAP_EXIT_CODE`].
///
/// Callers must not hold values with destructors (they are skipped, not run).
pub fn raise(trap: Trap) -> ! {
    if !in_catch() {
        exit_for(&trap)
    }
    let code = match trap.kind {
        TrapKind::Wasm(c) => c as u32,
        _ => {
            PENDING.with(|p| {
                if let Ok(mut slot) = p.try_borrow_mut() {
                    *slot = Some(trap);
                }
            });
            UNWIND_PENDING
        }
    };
    // SAFETY: in_catch() said there is a frame to jump to.
    unsafe { wasmkiln_unwind(code) }
}

/// Raises a Wasm trap code. Async-signal-safe (used by the signal handler); the caller must
/// have checked [`in_catch`].
pub(crate) unsafe fn raise_code_from_signal(code: TrapCode) -> ! {
    wasmkiln_unwind(code as u32)
}

/// Ends the process the way an uncaught trap ends an executable.
pub fn exit_for(trap: &Trap) -> ! {
    match trap.kind {
        TrapKind::Exit(status) => std::process::exit(status),
        _ => {
            eprintln!("{}", error_line(trap));
            std::process::exit(TRAP_EXIT_CODE)
        }
    }
}

/// The one line a program ending with `trap` prints: `error: wasm trap: <message>`, or for an
/// uncaught exception `error: uncaught wasm exception: tag <name>`.
pub fn error_line(trap: &Trap) -> String {
    match &trap.kind {
        TrapKind::Exception(e) => format!("error: uncaught wasm exception: tag {}", e.tag),
        _ => format!("error: wasm trap: {trap}"),
    }
}

fn trap_from_unwind_code(code: u32) -> Trap {
    if code == UNWIND_PENDING {
        let pending = PENDING.with(|p| p.try_borrow_mut().ok().and_then(|mut s| s.take()));
        return pending.unwrap_or_else(|| Trap::host("trap with lost details"));
    }
    match TrapCode::from_u32(code) {
        Some(c) => Trap::new(c),
        None => Trap::host(format!("unknown trap code {code}")),
    }
}

struct CatchState<F, R> {
    f: Option<F>,
    result: Option<Result<R, Box<dyn Any + Send>>>,
}

unsafe extern "C" fn call_closure<F: FnOnce() -> R, R>(data: *mut c_void) {
    // SAFETY: `data` is the `CatchState` of `catch_traps`, alive for this call.
    let state = &mut *(data as *mut CatchState<F, R>);
    if let Some(f) = state.f.take() {
        // A panic must not unwind through the C frame; it is carried across and resumed.
        state.result = Some(catch_unwind(AssertUnwindSafe(f)));
    }
}

/// Runs `f`, returning `Err` if it (or WebAssembly code it calls) traps. Catches nest.
///
/// Prepares the calling thread for running WebAssembly first: installs the fault handlers, an
/// alternate signal stack, and the thread's stack limit that generated prologues check.
/// A panic inside `f` propagates as a panic.
pub fn catch_traps<R, F: FnOnce() -> R>(f: F) -> Result<R, Trap> {
    crate::signals::install();
    crate::stack::prepare_thread();
    let mut state = CatchState { f: Some(f), result: None };
    // SAFETY: the callback only touches `state`, which outlives the call.
    let rc = unsafe { wasmkiln_catch(call_closure::<F, R>, &mut state as *mut CatchState<F, R> as *mut c_void) };
    if rc != 0 {
        return Err(trap_from_unwind_code((rc - 1) as u32));
    }
    match state.result {
        Some(Ok(r)) => Ok(r),
        Some(Err(panic)) => resume_unwind(panic),
        None => Err(Trap::host("internal error: trap callback did not run")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_return_and_each_kind_of_trap() {
        assert_eq!(catch_traps(|| 42), Ok(42));
        let t = catch_traps(|| -> u32 { raise(Trap::new(TrapCode::IntegerDivideByZero)) }).unwrap_err();
        assert_eq!(t.code(), Some(TrapCode::IntegerDivideByZero));
        assert_eq!(t.to_string(), "integer divide by zero");
        let t = catch_traps(|| raise(Trap::exit(3))).unwrap_err();
        assert_eq!(t.exit_status(), Some(3));
        let t = catch_traps(|| raise(Trap::host("boom"))).unwrap_err();
        assert_eq!(t, Trap::host("boom"));
        assert!(!in_catch());
    }

    #[test]
    fn catches_nest() {
        let r = catch_traps(|| {
            assert!(in_catch());
            let inner = catch_traps(|| raise(Trap::new(TrapCode::Unreachable)));
            assert_eq!(inner.unwrap_err().code(), Some(TrapCode::Unreachable));
            assert!(in_catch());
            let inner_ok = catch_traps(|| 5).unwrap();
            raise(Trap::host(format!("outer {inner_ok}")))
        });
        assert_eq!(r.unwrap_err().to_string(), "outer 5");
        assert!(!in_catch());
    }

    #[test]
    fn every_trap_code_round_trips() {
        for code in TrapCode::ALL {
            let t = catch_traps(|| raise(Trap::new(code))).unwrap_err();
            assert_eq!(t.code(), Some(code));
            assert_eq!(t.to_string(), code.message());
        }
    }

    #[test]
    fn panics_propagate_as_panics() {
        let r = std::panic::catch_unwind(|| catch_traps(|| panic!("inside")));
        assert!(r.is_err());
        assert!(!in_catch());
    }
}
