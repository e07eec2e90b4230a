//! Loads a module built with `wasmkiln --emit shared`, instantiates it with WASI and Emscripten's
//! `env`, calls one export with i32/i64 arguments and prints its raw results, or the trap:
//!
//! ```text
//! wasmkiln m.wasm --emit shared -o m.so
//! cargo run -p wasmkiln-runtime --example invoke -- ./m.so add 1 2
//! ```

use std::path::Path;
use std::process::ExitCode;
use wasmkiln_runtime::{emscripten, load_module, wasi, Linker, ValRaw, ValType, WasiCtx};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: invoke MODULE.so EXPORT [ARGS...]");
        return ExitCode::from(2);
    }
    let desc = match load_module(Path::new(&args[1])) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut linker = Linker::new();
    wasi::add_to_linker(&mut linker, WasiCtx::from_process());
    emscripten::add_to_linker(&mut linker);
    let instance = match linker.instantiate(desc) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(func) = instance.get_func(&args[2]) else {
        eprintln!("error: no exported function {}", args[2]);
        return ExitCode::FAILURE;
    };
    let ty = func.ty();
    let mut values = Vec::new();
    for (text, t) in args[3..].iter().zip(ty.params()) {
        let v = match t {
            ValType::I32 => text.parse::<i32>().map(|v| ValRaw::from_u32(v as u32)).ok(),
            ValType::I64 => text.parse::<i64>().map(|v| ValRaw::from_u64(v as u64)).ok(),
            _ => None,
        };
        match v {
            Some(v) => values.push(v),
            None => {
                eprintln!("error: cannot pass {text:?} as {t}");
                return ExitCode::FAILURE;
            }
        }
    }
    match func.call(&values) {
        Ok(results) => {
            for (r, t) in results.iter().zip(ty.results()) {
                match t {
                    ValType::I32 => println!("{}: {}", t, r.as_u32() as i32),
                    ValType::I64 => println!("{}: {}", t, r.as_u64() as i64),
                    ValType::F32 => println!("{}: {}", t, f32::from_bits(r.as_u32())),
                    ValType::F64 => println!("{}: {}", t, f64::from_bits(r.as_u64())),
                    _ => println!("{}: {:#x}", t, r.as_u128()),
                }
            }
            ExitCode::SUCCESS
        }
        Err(trap) => {
            println!("trap: {trap}");
            ExitCode::from(1)
        }
    }
}
