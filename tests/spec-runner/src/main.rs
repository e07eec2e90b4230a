//! The spec runner: runs on the target (natively, or under qemu-user for a cross target) and
//! serves the spec harness's requests on stdin/stdout (protocol.rs) with the runtime's embedding
//! API. The harness compiles the modules (`--emit shared`) on the host; the runner loads them.

use std::io::{stdin, stdout, BufWriter};
use std::process::ExitCode;
use wasmkiln_runtime::WASM_STACK_SIZE;
use wasmkiln_spec_runner::{protocol, Local};

fn main() -> ExitCode {
    // Wasm runs on a thread with the stack compiled executables give it.
    let serve = std::thread::Builder::new()
        .name("wasm".into())
        .stack_size(WASM_STACK_SIZE)
        .spawn(|| protocol::serve(&mut Local::default(), stdin().lock(), BufWriter::new(stdout().lock())));
    match serve.map(|t| t.join()) {
        Ok(Ok(Ok(()))) => ExitCode::SUCCESS,
        Ok(Ok(Err(e))) => {
            eprintln!("wasmkiln-spec-runner: {e}");
            ExitCode::FAILURE
        }
        _ => {
            eprintln!("wasmkiln-spec-runner: the serving thread failed");
            ExitCode::FAILURE
        }
    }
}
