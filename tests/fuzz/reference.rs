//! The reference side: the `wasmi` interpreter as a library. Its trap codes are mapped onto
//! wasmkiln's (`TrapCode`); its funcrefs are named by the export they are.

use crate::generate::Call;
use crate::outcome::{Ended, Rejected, Run, State, Trap, Value};
use std::collections::HashMap;
use wasmi::{Config, Engine, Extern, Func, Linker, Module, Nullable, Ref, Store, Val};
use wasmkiln_abi::TrapCode;

/// wasmi's call depth limit, far above what the fuel allows (one unit per call).
const MAX_RECURSION: usize = 100_000;

fn engine() -> Engine {
    let mut config = Config::default();
    config
        .wasm_simd(true)
        .wasm_relaxed_simd(false)
        .wasm_extended_const(true)
        .wasm_tail_call(true)
        .wasm_multi_memory(false)
        .wasm_wide_arithmetic(false)
        .wasm_custom_page_sizes(false)
        .set_max_recursion_depth(MAX_RECURSION)
        .set_max_stack_height(64 * 1024 * 1024);
    Engine::new(&config)
}

fn trap(e: wasmi::Error) -> Trap {
    use wasmi::TrapCode as W;
    // An active element segment that does not fit is an instantiation error in wasmi, the
    // spec's trap "out of bounds table access" in wasmkiln.
    if let wasmi::errors::ErrorKind::Instantiation(wasmi::errors::InstantiationError::ElementSegmentDoesNotFit { .. }) = e.kind() {
        return Trap::Code(TrapCode::TableOutOfBounds);
    }
    let Some(code) = e.as_trap_code() else { return Trap::Other(e.to_string()) };
    Trap::Code(match code {
        W::UnreachableCodeReached => TrapCode::Unreachable,
        W::MemoryOutOfBounds => TrapCode::MemoryOutOfBounds,
        // Both call_indirect past the end and table instructions out of bounds (`Trap::class`).
        W::TableOutOfBounds => TrapCode::TableOutOfBounds,
        W::IndirectCallToNull => TrapCode::UninitializedElement,
        W::IntegerDivisionByZero => TrapCode::IntegerDivideByZero,
        W::IntegerOverflow => TrapCode::IntegerOverflow,
        W::BadConversionToInteger => TrapCode::BadConversionToInteger,
        W::StackOverflow => TrapCode::StackExhausted,
        W::BadSignature => TrapCode::IndirectCallTypeMismatch,
        other => return Trap::Other(format!("wasmi: {other}")),
    })
}

/// Names funcrefs by export: wasmi's handles have no equality, but their debug form is their
/// index in the store.
struct FuncNames(HashMap<String, String>);

impl FuncNames {
    fn name(&self, f: &Nullable<Func>) -> Option<String> {
        match f {
            Nullable::Null => None,
            Nullable::Val(f) => Some(self.0.get(&format!("{f:?}")).cloned().unwrap_or_else(|| "?".into())),
        }
    }

    fn value(&self, v: &Val) -> Value {
        match v {
            Val::I32(x) => Value::I32(*x as u32),
            Val::I64(x) => Value::I64(*x as u64),
            Val::F32(x) => Value::F32(x.to_bits()),
            Val::F64(x) => Value::F64(x.to_bits()),
            Val::V128(x) => Value::V128(x.as_u128()),
            Val::FuncRef(f) => Value::FuncRef(self.name(f)),
            Val::ExternRef(r) => Value::ExternRef(if r.is_null() { None } else { Some(1) }),
        }
    }
}

fn val(v: &Value) -> Val {
    match v {
        Value::I32(x) => Val::I32(*x as i32),
        Value::I64(x) => Val::I64(*x as i64),
        Value::F32(x) => Val::F32(wasmi::F32::from_bits(*x)),
        Value::F64(x) => Val::F64(wasmi::F64::from_bits(*x)),
        Value::V128(x) => Val::V128(wasmi::V128::from(*x)),
        Value::FuncRef(_) => Val::FuncRef(Nullable::Null),
        Value::ExternRef(_) => Val::ExternRef(Nullable::Null),
    }
}

pub fn run(wasm: &[u8], calls: &[Call]) -> Result<Run, Rejected> {
    let engine = engine();
    let module = Module::new(&engine, wasm).map_err(|e| format!("wasmi rejects the module: {e}"))?;
    let mut store = Store::new(&engine, ());
    let linker = Linker::<()>::new(&engine);
    let instance = match linker.instantiate_and_start(&mut store, &module) {
        Ok(i) => i,
        Err(e) => return Ok(Run { instantiation: Err(trap(e)), calls: Vec::new(), state: State::default() }),
    };
    let exports: Vec<(String, Extern)> = instance.exports(&store).map(|e| (e.name().to_string(), e.into_extern())).collect();
    let names = FuncNames(
        exports.iter().filter_map(|(n, e)| e.clone().into_func().map(|f| (format!("{f:?}"), n.clone()))).collect(),
    );
    let mut ended = Vec::new();
    for call in calls {
        let func = instance.get_func(&store, &call.export).expect("planned export exists");
        let ty = func.ty(&store);
        let args: Vec<Val> = call.args.iter().map(val).collect();
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for_ty(*t)).collect();
        let outcome: Ended = match func.call(&mut store, &args, &mut results) {
            Ok(()) => Ok(results.iter().map(|v| names.value(v)).collect()),
            Err(e) => Err(trap(e)),
        };
        ended.push(outcome);
    }
    let mut state = State::default();
    for (name, e) in &exports {
        match e {
            Extern::Memory(m) => state.memories.push((name.clone(), m.data(&store).to_vec())),
            Extern::Global(g) => state.globals.push((name.clone(), names.value(&g.get(&store)))),
            Extern::Table(t) => {
                let elems = (0..t.size(&store))
                    .map(|i| match t.get(&store, i).expect("index below size") {
                        Ref::Func(f) => Value::FuncRef(names.name(&f)),
                        Ref::Extern(r) => Value::ExternRef(if r.is_null() { None } else { Some(1) }),
                    })
                    .collect();
                state.tables.push((name.clone(), elems));
            }
            Extern::Func(_) => {}
        }
    }
    Ok(Run { instantiation: Ok(()), calls: ended, state })
}
