//! Emscripten's `env` imports, as a host module ([`add_to_linker`]): what `emcc hello.c -o
//! hello.html` (and small programs like it) import besides WASI, whose clocks they share.
//! Signatures were taken from real emcc output (3.1.x), e.g.
//! `emscripten_memcpy_big: (i32, i32, i32) -> i32` and `setTempRet0: (i32) -> nil`.
//! Behaviour follows Emscripten's JS library, minus the JS: there are no typed-array views to
//! refresh after growth, so `emscripten_notify_memory_growth` has nothing to do.

use crate::host::{host_funcs, Caller};
use crate::linker::Linker;
use crate::trap::{raise, Trap};
use crate::wasi;
use std::cell::Cell;
use std::sync::OnceLock;
use std::time::Instant;
use wasmkiln_abi::{TrapCode, VMContext, WASM_PAGE_SIZE};

host_funcs! {
    /// Every implemented `env` function of Emscripten.
    pub static FUNCS for "env" {
        "emscripten_memcpy_big" => fn (memcpy_big)(dest: u32, src: u32, num: u32) -> u32;
        "_emscripten_memcpy_js" => fn (memcpy_js)(dest: u32, src: u32, num: u32);
        "emscripten_resize_heap" => fn (resize_heap)(requested_size: u32) -> u32;
        "emscripten_notify_memory_growth" => fn (notify_memory_growth)(memory_index: u32);
        "emscripten_get_heap_max" => fn (get_heap_max)() -> u32;
        "setTempRet0" => fn (set_temp_ret0)(value: u32);
        "getTempRet0" => fn (get_temp_ret0)() -> u32;
        "emscripten_get_now" => fn (get_now)() -> f64;
        "emscripten_date_now" => fn (date_now)() -> f64;
        "time" => fn (time)(ptr: u32) -> u32;
        "clock" => fn (clock)() -> u32;
        "abort" => fn (abort)();
        "_abort_js" => fn (abort)();
        "exit" => fn (exit)(status: u32);
        "__assert_fail" => fn (assert_fail)(condition: u32, file: u32, line: u32, func: u32);
        "__handle_stack_overflow" => fn (handle_stack_overflow)(addr: u32);
    }
}

/// Adds Emscripten's `env` functions to `linker`. They keep no state in the instance (the
/// `tempRet0` register is per thread), so there is no context to give; a program built by
/// Emscripten also imports WASI, which `wasi::add_to_linker` adds.
pub fn add_to_linker(linker: &mut Linker) -> &mut Linker {
    linker.add_host_funcs(FUNCS)
}

/// Emscripten's default `getHeapMax()`: 2 GiB.
const HEAP_MAX: u64 = 2 << 30;

thread_local! {
    static TEMP_RET0: Cell<u32> = const { Cell::new(0) };
}

/// `memmove` within the caller's memory; out-of-bounds ranges trap as a Wasm access would.
unsafe fn copy(vmctx: *mut VMContext, dest: u32, src: u32, num: u32) {
    if Caller::new(vmctx).memory().copy_within(dest, src, num).is_none() {
        raise(Trap::new(TrapCode::MemoryOutOfBounds))
    }
}

unsafe extern "C" fn memcpy_big(vmctx: *mut VMContext, dest: u32, src: u32, num: u32) -> u32 {
    copy(vmctx, dest, src, num);
    dest
}

unsafe extern "C" fn memcpy_js(vmctx: *mut VMContext, dest: u32, src: u32, num: u32) {
    copy(vmctx, dest, src, num)
}

fn heap_max(max_pages: Option<u64>) -> u64 {
    max_pages.map_or(HEAP_MAX, |p| (p * WASM_PAGE_SIZE).min(HEAP_MAX))
}

/// Grows memory 0 to at least `requested_size` bytes with Emscripten's over-allocation
/// strategy; 1 on success, 0 on failure (malloc then returns NULL).
unsafe extern "C" fn resize_heap(vmctx: *mut VMContext, requested_size: u32) -> u32 {
    let Some(memory) = Caller::new(vmctx).memory_handle() else { return 0 };
    let old = memory.size_bytes();
    let requested = requested_size as u64;
    let max = heap_max(memory.ty().max);
    if requested > max {
        return 0;
    }
    for cut_down in 1..=4u64 {
        let overgrown = old + old / (5 * cut_down); // old * (1 + 0.2 / cut_down)
        let overgrown = overgrown.min(requested + 96 * 1024 * 1024);
        let target = requested.max(overgrown).div_ceil(WASM_PAGE_SIZE) * WASM_PAGE_SIZE;
        let new_size = target.min(max);
        let delta = new_size.saturating_sub(old).div_ceil(WASM_PAGE_SIZE);
        if memory.grow(delta).is_some() {
            return 1;
        }
    }
    0
}

unsafe extern "C" fn notify_memory_growth(_vmctx: *mut VMContext, _memory_index: u32) {}

unsafe extern "C" fn get_heap_max(vmctx: *mut VMContext) -> u32 {
    let max = Caller::new(vmctx).memory_handle().map_or(0, |m| heap_max(m.ty().max));
    max.min(u32::MAX as u64) as u32
}

unsafe extern "C" fn set_temp_ret0(_vmctx: *mut VMContext, value: u32) {
    TEMP_RET0.with(|t| t.set(value))
}

unsafe extern "C" fn get_temp_ret0(_vmctx: *mut VMContext) -> u32 {
    TEMP_RET0.with(Cell::get)
}

/// `performance.now()`: milliseconds since the program started, monotonic.
unsafe extern "C" fn get_now(_vmctx: *mut VMContext) -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// `Date.now()`: milliseconds since the epoch.
unsafe extern "C" fn date_now(_vmctx: *mut VMContext) -> f64 {
    wasi::clock_nanos(0).map_or(0.0, |ns| (ns / 1_000_000) as f64)
}

unsafe extern "C" fn time(vmctx: *mut VMContext, ptr: u32) -> u32 {
    let secs = wasi::clock_nanos(0).map_or(0, |ns| ns / 1_000_000_000) as u32;
    if ptr != 0 && Caller::new(vmctx).memory().write_u32(ptr, secs).is_none() {
        raise(Trap::new(TrapCode::MemoryOutOfBounds))
    }
    secs
}

/// `clock()`: processor time in microseconds (`CLOCKS_PER_SEC` is 1000000).
unsafe extern "C" fn clock(_vmctx: *mut VMContext) -> u32 {
    wasi::clock_nanos(2).map_or(u32::MAX, |ns| (ns / 1000) as u32)
}

unsafe extern "C" fn abort(_vmctx: *mut VMContext) {
    raise(Trap::host("Aborted()"))
}

unsafe extern "C" fn exit(_vmctx: *mut VMContext, status: u32) {
    raise(Trap::exit(status as i32))
}

fn guest_string(caller: &Caller<'_>, ptr: u32, default: &str) -> String {
    if ptr == 0 {
        return default.to_string();
    }
    match caller.memory().read_cstr(ptr) {
        Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        None => default.to_string(),
    }
}

unsafe fn assertion_message(vmctx: *mut VMContext, condition: u32, file: u32, line: u32, func: u32) -> String {
    let caller = Caller::new(vmctx);
    format!(
        "Assertion failed: {}, at: {},{},{}",
        guest_string(&caller, condition, "?"),
        guest_string(&caller, file, "unknown filename"),
        line,
        guest_string(&caller, func, "unknown function")
    )
}

unsafe extern "C" fn assert_fail(vmctx: *mut VMContext, condition: u32, file: u32, line: u32, func: u32) {
    let message = assertion_message(vmctx, condition, file, line, func);
    raise(Trap::host(message))
}

unsafe extern "C" fn handle_stack_overflow(_vmctx: *mut VMContext, _addr: u32) {
    raise(Trap::new(TrapCode::StackExhausted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_match_emcc_output() {
        let find = |name: &str| FUNCS.iter().find(|f| f.name == name).unwrap().ty().to_string();
        assert_eq!(find("emscripten_memcpy_big"), "[i32 i32 i32] -> [i32]");
        assert_eq!(find("setTempRet0"), "[i32] -> []");
        assert_eq!(find("getTempRet0"), "[] -> [i32]");
        assert_eq!(find("emscripten_resize_heap"), "[i32] -> [i32]");
        assert_eq!(find("emscripten_notify_memory_growth"), "[i32] -> []");
        assert_eq!(find("time"), "[i32] -> [i32]");
        assert!(FUNCS.iter().all(|f| f.module == "env"));
    }

    #[test]
    fn temp_ret0_round_trips() {
        unsafe {
            set_temp_ret0(std::ptr::null_mut(), 77);
            assert_eq!(get_temp_ret0(std::ptr::null_mut()), 77);
        }
    }

    #[test]
    fn heap_max_is_capped() {
        assert_eq!(heap_max(None), HEAP_MAX);
        assert_eq!(heap_max(Some(256)), 256 * WASM_PAGE_SIZE);
        assert_eq!(heap_max(Some(65536)), HEAP_MAX);
    }
}
