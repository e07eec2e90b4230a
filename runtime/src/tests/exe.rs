//! The executable entry's outcomes (exit status for return, exit, trap and link error) and the
//! Emscripten `main(argc, argv)` convention, through `run` (which returns instead of exiting).

use crate::exe::run;
use crate::testutil::*;
use crate::*;
use wasmkiln_abi::{extern_kind, VMContext};

unsafe extern "C" fn exit_5(vmctx: *mut VMContext) {
    // What wasi-libc's exit(5) does.
    let f = *(*vmctx).func_refs;
    let native: unsafe extern "C" fn(*mut VMContext, u32) = std::mem::transmute((*f).native);
    native((*f).vmctx, 5);
}

unsafe extern "C" fn exit_5_array(vmctx: *mut VMContext, _v: *mut ValRaw) {
    exit_5(vmctx)
}

fn start_module(start: unsafe extern "C" fn(*mut VMContext, *mut ValRaw), native: *const std::ffi::c_void) -> &'static wasmkiln_abi::ModuleDesc {
    let mut b = DescBuilder::new();
    let t_exit = b.ty(&[I32], &[]);
    let t = b.ty(&[], &[]);
    b.import_func("wasi_snapshot_preview1", "proc_exit", t_exit);
    let f = b.func(native, Some(start), t, "_start");
    b.export("_start", extern_kind::FUNC, f);
    b.build()
}

#[test]
fn start_exit_and_trap_statuses() {
    let desc = start_module(exit_5_array, fnptr(exit_5 as unsafe extern "C" fn(_)));
    assert_eq!(run(desc, vec![b"prog".to_vec()]), 5);
    let desc = start_module(unreachable_array, fnptr(unreachable as unsafe extern "C" fn(_) -> _));
    assert_eq!(run(desc, vec![]), 134);
}

#[test]
fn unknown_import_is_status_1() {
    let mut b = DescBuilder::new();
    let t = b.ty(&[], &[]);
    b.import_func("wasi_snapshot_preview1", "no_such_function", t);
    assert_eq!(run(b.build(), vec![]), 1);
    let mut b = DescBuilder::new();
    let t = b.ty(&[I32, I32], &[]);
    b.import_func("env", "setTempRet0", t); // wrong signature
    assert_eq!(run(b.build(), vec![]), 1);
}

/// A bump allocator in guest memory, like Emscripten's stackAlloc.
unsafe extern "C" fn bump_alloc_array(_vmctx: *mut VMContext, v: *mut ValRaw) {
    *v = ValRaw::from_u32(1024);
}

/// main(argc, argv): returns argc * 100 + the first byte of argv[1].
unsafe extern "C" fn main_array(vmctx: *mut VMContext, v: *mut ValRaw) {
    let argc = (*v).as_u32();
    let argv = (*v.add(1)).as_u32();
    let base = (*vmctx).memory_base;
    let arg1 = std::ptr::read_unaligned(base.add(argv as usize + 4) as *const u32);
    let last = std::ptr::read_unaligned(base.add(argv as usize + 4 * argc as usize) as *const u32);
    let first = if last == 0 { *base.add(arg1 as usize) as u32 } else { 999 };
    *v = ValRaw::from_u32(argc * 100 + first);
}

#[test]
fn main_gets_argv_in_guest_memory() {
    let mut b = DescBuilder::new();
    let t_main = b.ty(&[I32, I32], &[I32]);
    let t_alloc = b.ty(&[I32], &[I32]);
    let m = b.func(fnptr(add as unsafe extern "C" fn(_, _, _) -> _), Some(main_array), t_main, "main");
    let a = b.func(fnptr(load as unsafe extern "C" fn(_, _) -> _), Some(bump_alloc_array), t_alloc, "stackAlloc");
    b.memory(1, None);
    b.export("main", extern_kind::FUNC, m).export("stackAlloc", extern_kind::FUNC, a);
    assert_eq!(run(b.build(), vec![b"prog".to_vec(), b"A".to_vec()]), 200 + b'A' as i32);
}

#[test]
fn main_without_params_returns_its_status() {
    let mut b = DescBuilder::new();
    let t = b.ty(&[], &[I32]);
    let m = b.func(fnptr(const7 as unsafe extern "C" fn(_) -> _), Some(const7_array), t, "main");
    b.export("main", extern_kind::FUNC, m);
    assert_eq!(run(b.build(), vec![]), 7);
    let b = DescBuilder::new();
    assert_eq!(run(b.build(), vec![]), 1); // nothing to run
}
