//! wasi-threads: the `wasi.thread-spawn` import. Each new thread gets an instance of its own of
//! the same module (its own vmctx, globals such as the stack pointer, tables, and its thread's
//! stack limit), linked with the same shared memory and WASI descriptors, and runs the module's
//! `wasi_thread_start(tid, start_arg)` export. A trap or `proc_exit` in any thread ends the whole
//! program with that status, as the proposal asks; a thread that returns just ends.
//!
//! [`add_to_linker`] adds the import; without a [`ThreadSpawner`] in the linker's context it
//! fails (returns -1). The entry that runs a program (exe.rs) installs one: it decides how a
//! thread's linker is made and what a trap's status is.

use crate::host::host_funcs;
use crate::host_context::HostContext;
use crate::host::Caller;
use crate::linker::Linker;
use crate::trap::Trap;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use wasmkiln_abi::{ModuleDesc, VMContext, ValRaw};

/// The largest thread id (the proposal reserves the top bits).
const MAX_TID: u32 = 0x1FFF_FFFF;

host_funcs! {
    /// wasi-threads.
    pub static FUNCS for "wasi" {
        "thread-spawn" => fn (thread_spawn)(start_arg: u32) -> u32;
    }
}

/// How the program's threads are made: per-thread linkers, the exit policy.
pub struct ThreadSpawner {
    shared: Arc<Shared>,
}

struct Shared {
    desc: &'static ModuleDesc,
    /// A linker for a new thread, made on that thread: the program's host modules, the same
    /// shared memories and WASI descriptors.
    make_linker: Box<dyn Fn() -> Linker + Send + Sync>,
    /// The exit status of a thread that ended in `trap` (printing what the program's main thread
    /// prints for it).
    status: fn(&Trap) -> i32,
    stack_size: usize,
    next_tid: AtomicU32,
}

impl ThreadSpawner {
    pub fn new(
        desc: &'static ModuleDesc,
        make_linker: impl Fn() -> Linker + Send + Sync + 'static,
        status: fn(&Trap) -> i32,
        stack_size: usize,
    ) -> ThreadSpawner {
        let shared = Shared { desc, make_linker: Box::new(make_linker), status, stack_size, next_tid: AtomicU32::new(1) };
        ThreadSpawner { shared: Arc::new(shared) }
    }

    /// Makes `linker`'s instances spawn their threads with this spawner.
    pub fn install(self, linker: &mut Linker) {
        linker.context_mut().insert(Rc::new(self));
    }
}

/// Adds `wasi.thread-spawn` to `linker`.
pub fn add_to_linker(linker: &mut Linker) -> &mut Linker {
    linker.add_host_funcs(FUNCS)
}

/// `thread-spawn(start_arg)`: the new thread's id (1 ..= 0x1FFFFFFF), or a negative value when
/// no thread can be made (no spawner, ids exhausted, the host refused).
unsafe extern "C" fn thread_spawn(vmctx: *mut VMContext, start_arg: u32) -> u32 {
    const FAILED: u32 = -1i32 as u32;
    let caller = Caller::new(vmctx);
    let Some(spawner) = caller.context().and_then(HostContext::get::<ThreadSpawner>) else { return FAILED };
    let shared = spawner.shared.clone();
    let tid = shared.next_tid.fetch_add(1, Ordering::Relaxed);
    if tid == 0 || tid > MAX_TID {
        return FAILED;
    }
    let thread = std::thread::Builder::new()
        .name(format!("wasm-{tid}"))
        .stack_size(shared.stack_size)
        .spawn(move || run_thread(shared, tid, start_arg));
    match thread {
        Ok(_) => tid,
        Err(_) => FAILED,
    }
}

/// The body of a spawned thread. Ends the process if the thread traps or exits.
fn run_thread(shared: Arc<Shared>, tid: u32, start_arg: u32) {
    let mut linker = (shared.make_linker)();
    ThreadSpawner { shared: shared.clone() }.install(&mut linker);
    let instance = match linker.instantiate(shared.desc) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: cannot start wasm thread {tid}: {e}");
            std::process::exit(1);
        }
    };
    let Some(start) = instance.get_func("wasi_thread_start") else {
        eprintln!("error: cannot start wasm thread {tid}: the module exports no `wasi_thread_start`");
        std::process::exit(1);
    };
    if let Err(trap) = start.call(&[ValRaw::from_u32(tid), ValRaw::from_u32(start_arg)]) {
        std::process::exit((shared.status)(&trap));
    }
}
