//! What one engine did with one module, in a form both engines produce: the values, how each
//! call ended, and the final state of the exported memories, globals and tables.

use wasmkiln_abi::TrapCode;

/// A Wasm value. Floats are their bits; a funcref is the name of the export it is (every
/// function is exported, so every funcref has one), or `"?"` for one that is not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    I32(u32),
    I64(u64),
    F32(u32),
    F64(u64),
    V128(u128),
    FuncRef(Option<String>),
    /// Externrefs: only null is ever passed in, so only null can come out.
    ExternRef(Option<u64>),
}

/// Why something did not return: a trap in wasmkiln's set of codes (wasmi's are mapped onto it,
/// `reference.rs`), or anything else (a host error, an engine limit) as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trap {
    Code(TrapCode),
    Other(String),
}

impl Trap {
    /// The class compared: `call_indirect` past the end of a table is wasmkiln's "undefined
    /// element" and wasmi's "table out of bounds"; both are the same trap of the spec.
    pub fn class(&self) -> Trap {
        match self {
            Trap::Code(TrapCode::UndefinedElement) => Trap::Code(TrapCode::TableOutOfBounds),
            other => other.clone(),
        }
    }

    pub fn is_stack_exhaustion(&self) -> bool {
        matches!(self, Trap::Code(TrapCode::StackExhausted))
    }
}

/// How an instantiation or a call ended.
pub type Ended = Result<Vec<Value>, Trap>;

/// The final state of everything the module exports besides functions, in export order.
#[derive(Debug, Default)]
pub struct State {
    pub memories: Vec<(String, Vec<u8>)>,
    pub globals: Vec<(String, Value)>,
    pub tables: Vec<(String, Vec<Value>)>,
}

/// One engine's run of a case: the instantiation, then each planned call, then the state.
#[derive(Debug)]
pub struct Run {
    pub instantiation: Result<(), Trap>,
    pub calls: Vec<Ended>,
    pub state: State,
}

/// An engine could not take the module at all (compile error, validation error).
pub type Rejected = String;

/// A run in a few lines (for `--one`): how each call ended, the globals, the memories' sizes.
pub fn summary(run: &Result<Run, Rejected>) -> String {
    let run = match run {
        Ok(r) => r,
        Err(e) => return e.clone(),
    };
    let mut s = format!("instantiation {:?}", run.instantiation);
    for (i, c) in run.calls.iter().enumerate() {
        s += &format!("\n  call {i}: {c:?}");
    }
    for (n, v) in &run.state.globals {
        s += &format!("\n  global \"{n}\": {v:?}");
    }
    for (n, m) in &run.state.memories {
        s += &format!("\n  memory \"{n}\": {} bytes", m.len());
    }
    for (n, t) in &run.state.tables {
        s += &format!("\n  table \"{n}\": {} elements", t.len());
    }
    s
}

/// Whether an instantiation or a call of the run ended in an out-of-bounds memory access.
pub fn traps_out_of_bounds(run: &Result<Run, Rejected>) -> bool {
    let oob = |t: &Trap| *t == Trap::Code(TrapCode::MemoryOutOfBounds);
    run.as_ref().is_ok_and(|r| r.instantiation.as_ref().err().is_some_and(oob) || r.calls.iter().any(|c| c.as_ref().err().is_some_and(oob)))
}
