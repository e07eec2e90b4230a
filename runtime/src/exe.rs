//! `wasmkiln_exe_main`: the entry point of a compiled executable. The generated C `main` calls
//! it with the process's arguments and the module descriptor; it instantiates the module with
//! WASI and Emscripten's `env`, runs the program's entry point on a thread with a big stack, and
//! turns the outcome into an exit status:
//! - normal end: 0 for `_start`, `main`'s result for a `main` export;
//! - `proc_exit(n)`/`exit(n)`: n;
//! - trap: `error: wasm trap: <message>` on stderr, exit status 134;
//! - uncaught exception: `error: uncaught wasm exception: tag <name>`, exit status 134 (what a
//!   native C++ program gets from `std::terminate`);
//! - link error: `error: <file>: unknown import: mod.name`, exit status 1 (the compiler reports
//!   such imports before building an executable, so only a changed runtime meets one).

use crate::emscripten;
use crate::error::InstantiateError;
use crate::instance::Instance;
use crate::linker::Linker;
use crate::memory::Memory;
use crate::types::MemoryType;
use crate::trap::{error_line, Trap, TrapKind};
use crate::types::ValType;
use crate::wasi;
use std::ffi::{c_char, c_int, CStr};
use wasmkiln_abi::trap::TRAP_EXIT_CODE;
use wasmkiln_abi::{ModuleDesc, ValRaw};

/// Native stack of the thread that runs WebAssembly. Memory is committed only as it is used;
/// the stack limit check traps with "call stack exhausted" near the end.
pub const WASM_STACK_SIZE: usize = 64 << 20;

/// Called by the generated `main`.
///
/// # Safety
/// `argv` must hold `argc` C strings and `desc` must be the module's compiler-emitted descriptor.
#[no_mangle]
pub unsafe extern "C" fn wasmkiln_exe_main(argc: c_int, argv: *const *const c_char, desc: *const ModuleDesc) -> c_int {
    let Some(desc) = desc.as_ref() else {
        eprintln!("error: no module descriptor");
        return 1;
    };
    let mut args = Vec::new();
    if !argv.is_null() {
        for i in 0..argc.max(0) as usize {
            let a = *argv.add(i);
            if !a.is_null() {
                args.push(CStr::from_ptr(a).to_bytes().to_vec());
            }
        }
    }
    let thread = std::thread::Builder::new().name("wasm".into()).stack_size(WASM_STACK_SIZE).spawn(move || run(desc, args));
    match thread {
        Ok(handle) => handle.join().unwrap_or_else(|_| {
            eprintln!("error: internal error in the wasmkiln runtime");
            70
        }),
        Err(e) => {
            eprintln!("error: cannot create a thread to run WebAssembly: {e}");
            1
        }
    }
}

/// Instantiates and runs a program; returns its exit status.
pub fn run(desc: &'static ModuleDesc, args: Vec<Vec<u8>>) -> i32 {
    // The sandbox: preopened directories and environment from $WASMKILN_SANDBOX or the
    // settings compiled in (none by default).
    let ctx = match wasi::config::executable_context(args.clone()) {
        Ok(ctx) => ctx,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let linker = match program_linker(desc, ctx) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {}: {e}", module_file(desc));
            return 1;
        }
    };
    let instance = match linker.instantiate(desc) {
        Ok(i) => i,
        Err(InstantiateError::Link(e)) => {
            eprintln!("error: {}: {e}", module_file(desc));
            return 1;
        }
        Err(InstantiateError::Trap(t)) => return status_for(&t),
    };
    match run_entry(&instance, &args) {
        Ok(status) => status,
        Err(EntryError::Trap(t)) => status_for(&t),
        Err(EntryError::Usage(message)) => {
            eprintln!("error: {}: {message}", module_file(desc));
            1
        }
    }
}

/// The host modules of every executable: WASI with `ctx` (and wasi-threads' `thread-spawn`),
/// and Emscripten's `env`. The compiler
/// checks an executable's imports against the same linker before building it.
pub fn executable_linker(ctx: wasi::WasiCtx) -> Linker {
    let mut linker = Linker::new();
    wasi::add_to_linker(&mut linker, ctx);
    wasi::threads::add_to_linker(&mut linker);
    emscripten::add_to_linker(&mut linker);
    linker
}

/// The linker of a program: [`executable_linker`], the shared memories it imports, made from
/// their declared types (a wasi-threads program imports its memory), and `wasi.thread-spawn`,
/// whose threads get the same memories and WASI descriptors.
fn program_linker(desc: &'static ModuleDesc, ctx: wasi::WasiCtx) -> Result<Linker, String> {
    let mut memories = Vec::new();
    // SAFETY: descriptor arrays and strings point at constant data.
    for imp in unsafe { ModuleDesc::slice(desc.imports, desc.num_imports) } {
        if imp.kind != wasmkiln_abi::extern_kind::MEMORY {
            continue;
        }
        let (module, name) = unsafe { (String::from_utf8_lossy(imp.module.as_bytes()), String::from_utf8_lossy(imp.name.as_bytes())) };
        let Some(d) = (unsafe { ModuleDesc::slice(desc.memories, desc.num_memories) }).get(imp.index as usize) else { continue };
        if d.shared == 0 {
            continue; // an unshared memory import is a link error, as the compiler said
        }
        let memory = Memory::new(MemoryType::from_desc(d)).map_err(|e| format!("cannot create imported memory {module}.{name}: {e}"))?;
        memories.push((module.to_string(), name.to_string(), memory));
    }
    let define = move |mut linker: Linker, memories: &[(String, String, Memory)]| {
        for (module, name, memory) in memories {
            linker.define(module, name, memory.clone());
        }
        linker
    };
    let thread_ctx = ctx.for_thread();
    let linker = define(executable_linker(ctx), &memories);
    let thread_memories = memories.clone();
    let make_linker = move || define(executable_linker(thread_ctx.for_thread()), &thread_memories);
    let mut linker = linker;
    wasi::threads::ThreadSpawner::new(desc, make_linker, status_for, WASM_STACK_SIZE).install(&mut linker);
    Ok(linker)
}

/// What messages call the module: the file it was compiled from, else its name.
fn module_file(desc: &ModuleDesc) -> String {
    // SAFETY: descriptor strings point at constant data.
    let (file, name) = unsafe { (desc.file.as_bytes(), desc.name.as_bytes()) };
    match (file, name) {
        ([], []) => "module".to_string(),
        ([], name) => String::from_utf8_lossy(name).into_owned(),
        (file, _) => String::from_utf8_lossy(file).into_owned(),
    }
}

/// The exit status for a program that ended with `trap` (printing the trap message).
fn status_for(trap: &Trap) -> i32 {
    match trap.kind() {
        TrapKind::Exit(status) => *status,
        _ => {
            eprintln!("{}", error_line(trap));
            TRAP_EXIT_CODE
        }
    }
}

enum EntryError {
    Trap(Trap),
    Usage(String),
}

impl From<Trap> for EntryError {
    fn from(t: Trap) -> EntryError {
        EntryError::Trap(t)
    }
}

/// Calls the export `name` if it exists and has type [] -> [].
fn call_optional(instance: &Instance, name: &str) -> Result<(), Trap> {
    if let Some(f) = instance.get_func(name) {
        let ty = f.ty();
        if ty.params().is_empty() && ty.results().is_empty() {
            f.call(&[])?;
        }
    }
    Ok(())
}

fn run_entry(instance: &Instance, args: &[Vec<u8>]) -> Result<i32, EntryError> {
    if let Some(start) = instance.get_func("_start") {
        start.call(&[])?;
        return Ok(0);
    }
    let Some(main) = instance.get_func("main").or_else(|| instance.get_func("__main_argc_argv")) else {
        return Err(EntryError::Usage("no `_start` or `main` export to run".into()));
    };
    call_optional(instance, "emscripten_stack_init")?;
    call_optional(instance, "__wasm_call_ctors")?;
    let ty = main.ty();
    let params = match ty.params() {
        [] => Vec::new(),
        [ValType::I32, ValType::I32] => {
            let (argc, argv) = guest_argv(instance, args)?;
            vec![ValRaw::from_u32(argc), ValRaw::from_u32(argv)]
        }
        _ => return Err(EntryError::Usage(format!("unsupported type of `main`: {ty}"))),
    };
    let results = main.call(&params)?;
    let status = match (ty.results(), results.first()) {
        ([ValType::I32], Some(v)) => v.as_u32() as i32,
        _ => 0,
    };
    call_optional(instance, "__stdio_exit")?;
    Ok(status)
}

/// Builds `argv` in guest memory with the module's own allocator (Emscripten's `stackAlloc`,
/// or `malloc`); `(0, 0)` if the module offers none.
fn guest_argv(instance: &Instance, args: &[Vec<u8>]) -> Result<(u32, u32), Trap> {
    let alloc = ["stackAlloc", "_emscripten_stack_alloc", "malloc"]
        .iter()
        .filter_map(|n| instance.get_func(n))
        .find(|f| f.ty().params() == [ValType::I32] && f.ty().results() == [ValType::I32]);
    let (Some(alloc), Some(memory)) = (alloc, instance.memory(0)) else { return Ok((0, 0)) };
    let argc = args.len() as u64;
    let table_size = (argc + 1) * 4;
    let total = table_size + args.iter().map(|a| a.len() as u64 + 1).sum::<u64>();
    let Ok(total32) = u32::try_from(total) else { return Ok((0, 0)) };
    let base = alloc.call(&[ValRaw::from_u32(total32)])?.first().map_or(0, ValRaw::as_u32);
    if base == 0 || !memory.write(base as u64, &vec![0; total as usize]) {
        return Ok((0, 0));
    }
    let mut string_at = base as u64 + table_size;
    for (i, a) in args.iter().enumerate() {
        memory.write(base as u64 + 4 * i as u64, &(string_at as u32).to_le_bytes());
        memory.write(string_at, a);
        string_at += a.len() as u64 + 1; // the NUL is already there
    }
    Ok((argc as u32, base))
}
