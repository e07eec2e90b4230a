//! The wasmkiln side: the module compiled in process with `--emit shared` and loaded, as the
//! spec harness does (`spec/compile.rs`), instantiated with nothing to import, and run.

use crate::compile::{compile, Variant};
use crate::generate::{Call, Compilation};
use crate::outcome::{Ended, Rejected, Run, State, Trap, Value};
use std::collections::HashMap;
use std::path::Path;
use wasmkiln_abi::ValRaw;
use wasmkiln_runtime::{Extern, InstantiateError, Linker, TrapKind, ValType};

fn trap(t: wasmkiln_runtime::Trap) -> Trap {
    match t.kind() {
        TrapKind::Wasm(code) => Trap::Code(*code),
        other => Trap::Other(format!("wasmkiln: {other:?}")),
    }
}

/// Names funcrefs (`*const VMFuncRef`) by the export they are.
struct FuncNames(HashMap<u64, String>);

impl FuncNames {
    fn value(&self, ty: ValType, raw: &ValRaw) -> Value {
        match ty {
            ValType::I32 => Value::I32(raw.as_u32()),
            ValType::I64 => Value::I64(raw.as_u64()),
            ValType::F32 => Value::F32(raw.as_u32()),
            ValType::F64 => Value::F64(raw.as_u64()),
            ValType::V128 => Value::V128(raw.as_u128()),
            ValType::FuncRef => Value::FuncRef(self.func(raw.as_u64())),
            // Exceptions are not generated (wasmi has none); an exnref would compare as opaque.
            ValType::ExternRef | ValType::ExnRef => Value::ExternRef(Some(raw.as_u64()).filter(|r| *r != 0)),
        }
    }

    fn func(&self, ptr: u64) -> Option<String> {
        (ptr != 0).then(|| self.0.get(&ptr).cloned().unwrap_or_else(|| "?".into()))
    }
}

fn raw(v: &Value) -> ValRaw {
    match v {
        Value::I32(x) | Value::F32(x) => ValRaw::from_u32(*x),
        Value::I64(x) | Value::F64(x) => ValRaw::from_u64(*x),
        Value::V128(x) => ValRaw::from_u128(*x),
        // Only null references are passed in.
        Value::FuncRef(_) | Value::ExternRef(_) => ValRaw::from_u64(0),
    }
}

pub fn run(wasm: &[u8], calls: &[Call], compilation: Compilation, dir: &Path, id: &str) -> Result<Run, Rejected> {
    let variant = Variant { cpu: compilation.portable.then_some("portable"), bounds_checks: compilation.bounds_checks, ..Default::default() };
    let so = compile(wasm, dir, id, variant).map_err(|e| format!("wasmkiln rejects the module: {e}"))?;
    let desc = wasmkiln_runtime::load_module(&so);
    // The mapping stays valid after the file is gone.
    let _ = std::fs::remove_file(&so);
    let desc = desc?;
    let instance = match Linker::new().instantiate(desc) {
        Ok(i) => i,
        Err(InstantiateError::Trap(t)) => return Ok(Run { instantiation: Err(trap(t)), calls: Vec::new(), state: State::default() }),
        Err(InstantiateError::Link(e)) => return Err(format!("wasmkiln cannot link the module: {e}")),
    };
    let exports = instance.exports();
    let names = FuncNames(
        exports
            .iter()
            .filter_map(|(n, e)| match e {
                Extern::Func(f) => f.raw_ref().map(|p| (p as u64, n.clone())),
                _ => None,
            })
            .collect(),
    );
    let mut ended = Vec::new();
    for call in calls {
        let func = instance.get_func(&call.export).expect("planned export exists");
        let args: Vec<ValRaw> = call.args.iter().map(raw).collect();
        let outcome: Ended = match func.call(&args) {
            Ok(results) => Ok(func.ty().results().iter().zip(&results).map(|(t, r)| names.value(*t, r)).collect()),
            Err(t) => Err(trap(t)),
        };
        ended.push(outcome);
    }
    let mut state = State::default();
    for (name, e) in &exports {
        match e {
            Extern::Memory(m) => {
                let mut bytes = vec![0; m.size_bytes() as usize];
                assert!(m.read(0, &mut bytes), "a memory reads whole");
                state.memories.push((name.clone(), bytes));
            }
            Extern::Global(g) => state.globals.push((name.clone(), names.value(g.ty().ty, &g.get()))),
            Extern::Table(t) => {
                let elem = t.ty().elem;
                let elems = (0..t.size())
                    .map(|i| {
                        let r = t.get_raw(i).expect("index below size") as u64;
                        names.value(elem, &ValRaw::from_u64(r))
                    })
                    .collect();
                state.tables.push((name.clone(), elems));
            }
            Extern::Func(_) | Extern::Tag(_) => {}
        }
    }
    Ok(Run { instantiation: Ok(()), calls: ended, state })
}
