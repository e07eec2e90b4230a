//! Exception handling: tags linked and exported, exceptions allocated, thrown, caught by frames
//! with `wasmkiln_personality` (hand-written IR compiled to x86-64 assembly: eh_test.ll,
//! eh_x86_64.s), and uncaught ones ending the call as a trap naming the tag.

use crate::exe::run;
use crate::testutil::*;
use crate::*;
use wasmkiln_abi::{extern_kind, valtype, VMContext, VMException, VMTag, EXCEPTION_VALUES_OFFSET};

/// Native code for the descriptor (these tests call functions through their array entries only).
fn code() -> *const std::ffi::c_void {
    fnptr(const7 as unsafe extern "C" fn(_) -> _)
}

fn no_imports(_: &str, _: &str, _: &ExternType) -> Option<Extern> {
    None
}

/// Tag `i` of the calling instance, as generated code loads it.
unsafe fn tag(vmctx: *mut VMContext, i: usize) -> *const VMTag {
    *(*vmctx).tags.add(i)
}

/// `throw $tag0 (i32.const 42)` up to the exception's creation: the exception with its payload.
unsafe fn new_exception_42(vmctx: *mut VMContext) -> usize {
    let exn = libcall::exception_new(vmctx, tag(vmctx, 0) as usize, 1);
    let values = (exn + EXCEPTION_VALUES_OFFSET) as *mut ValRaw;
    *values = ValRaw::from_u32(42);
    exn
}

/// An array-call entry whose exception reaches the host: the trampoline's landing pad calls
/// `uncaught_exception` (what generated trampolines do).
unsafe extern "C" fn uncaught_array(vmctx: *mut VMContext, _v: *mut ValRaw) {
    let exn = new_exception_42(vmctx);
    libcall::uncaught_exception(vmctx, exn)
}

/// An array-call entry that throws with no Wasm frame to catch it.
unsafe extern "C" fn throw_array(vmctx: *mut VMContext, _v: *mut ValRaw) {
    let exn = new_exception_42(vmctx);
    libcall::throw(vmctx, exn)
}

/// A module with tags: 0 `[i32]` exported as "e0", 1 `[]` named "named", 2 `[i64 f64]` neither.
fn thrower() -> &'static wasmkiln_abi::ModuleDesc {
    let mut b = DescBuilder::new();
    let t_i32 = b.ty(&[I32], &[]);
    let t_none = b.ty(&[], &[]);
    let t_2 = b.ty(&[valtype::I64, valtype::F64], &[]);
    let e0 = b.tag(t_i32, "");
    b.tag(t_none, "named");
    b.tag(t_2, "");
    let un = b.func(code(), Some(uncaught_array), t_none, "uncaught");
    let th = b.func(code(), Some(throw_array), t_none, "throw");
    b.export("e0", extern_kind::TAG, e0)
        .export("uncaught", extern_kind::FUNC, un)
        .export("throw", extern_kind::FUNC, th)
        .name("thrower");
    b.build()
}

/// A module importing `M.e0` with parameters `params`, re-exporting it as "again".
fn tag_importer(params: &[u8]) -> &'static wasmkiln_abi::ModuleDesc {
    let mut b = DescBuilder::new();
    let t = b.ty(params, &[]);
    let e = b.import_tag("M", "e0", t);
    b.export("again", extern_kind::TAG, e);
    b.build()
}

#[test]
fn tags_are_named_exported_and_shared_with_importers() {
    let a = Instance::new(thrower(), no_imports).unwrap();
    let names: Vec<String> = (0..3).map(|i| a.tag(i).unwrap().name().to_string()).collect();
    assert_eq!(names, ["e0", "named", "#2 of thrower"]);
    let e0 = a.get_tag("e0").unwrap();
    assert_eq!(e0.ty(), FuncType::new([ValType::I32], []));
    assert_eq!(unsafe { *(*a.vmctx()).tags }, e0.vm());
    assert!(matches!(a.get_export("e0"), Some(Extern::Tag(_))));
    let mut linker = Linker::new();
    linker.define_instance("M", &a);
    let b = linker.instantiate(tag_importer(&[I32])).unwrap();
    // The importer's tag 0 is the exporter's: same address, same handle.
    assert_eq!(unsafe { *(*b.vmctx()).tags }, e0.vm());
    assert!(b.get_tag("again").unwrap().same(&e0));
    // The importer keeps the tag alive.
    drop((a, linker, e0));
    assert_eq!(b.get_tag("again").unwrap().name(), "e0");
}

#[test]
fn tag_imports_need_exactly_the_same_type() {
    let a = Instance::new(thrower(), no_imports).unwrap();
    let mut linker = Linker::new();
    linker.define_instance("M", &a);
    for params in [&[valtype::I64][..], &[], &[I32, I32]] {
        let e = linker.instantiate(tag_importer(params)).err().unwrap();
        assert!(e.to_string().starts_with("incompatible import type for M.e0"), "{e}");
    }
    // A function where a tag is expected.
    linker.define("M", "e0", a.get_func("throw").unwrap());
    let e = linker.instantiate(tag_importer(&[I32])).err().unwrap();
    assert!(e.to_string().starts_with("incompatible import type for M.e0"), "{e}");
    // A host-made tag.
    linker.define("M", "e0", Tag::new(FuncType::new([ValType::I32], []), "host").unwrap());
    assert!(linker.instantiate(tag_importer(&[I32])).is_ok());
    let e = Instance::new(tag_importer(&[I32]), no_imports).err().unwrap();
    assert_eq!(e.to_string(), "unknown import: M.e0");
}

#[test]
fn bad_tag_descriptors_are_rejected() {
    let mut b = DescBuilder::new();
    let t = b.ty(&[], &[I32]);
    b.tag(t, "");
    let e = Instance::new(b.build(), no_imports).err().unwrap();
    assert!(e.to_string().contains("tag 0 has a type with results"), "{e}");
    let mut b = DescBuilder::new();
    b.tag(3, "");
    let e = Instance::new(b.build(), no_imports).err().unwrap();
    assert!(e.to_string().contains("tag 0 has type index 3"), "{e}");
}

#[test]
fn exceptions_are_allocated_with_their_payload_and_dropped() {
    let a = Instance::new(thrower(), no_imports).unwrap();
    let vmctx = a.vmctx();
    unsafe {
        let t = tag(vmctx, 2);
        for count in [0u32, 1, 2, 100] {
            let exn = libcall::exception_new(vmctx, t as usize, count);
            assert_eq!(exn % 16, 0);
            let e = &*(exn as *const VMException);
            assert_eq!((e.tag, e.pins, e.count), (t, 0, count));
            let values = std::slice::from_raw_parts_mut((exn + EXCEPTION_VALUES_OFFSET) as *mut ValRaw, count as usize);
            assert!(values.iter().all(|v| *v == ValRaw::default()));
            values.iter_mut().for_each(|v| *v = ValRaw::from_u128(u128::MAX));
            libcall::exception_drop(vmctx, exn);
        }
        // An escaped one is never freed (still readable after the drop).
        let exn = libcall::exception_new(vmctx, t as usize, 1);
        (*(exn as *mut VMException)).pins = wasmkiln_abi::EXCEPTION_ESCAPED;
        libcall::exception_drop(vmctx, exn);
        assert_eq!((*(exn as *const VMException)).count, 1);
    }
}

fn assert_uncaught_e0_42(t: &Trap) {
    assert_eq!(t.to_string(), "uncaught exception: tag e0");
    let e = t.uncaught_exception().unwrap();
    assert_eq!((e.tag.as_str(), &e.values[..]), ("e0", &[ValRaw::from_u32(42)][..]));
    assert_eq!(e.ty, Some(FuncType::new([ValType::I32], [])));
    assert!(t.code().is_none() && t.exit_status().is_none());
}

#[test]
fn an_exception_reaching_the_host_is_a_trap_naming_its_tag() {
    let a = Instance::new(thrower(), no_imports).unwrap();
    for _ in 0..3 {
        assert_uncaught_e0_42(&a.call("uncaught", &[]).unwrap_err());
    }
    assert!(!in_catch());
}

#[test]
fn a_throw_no_frame_catches_ends_the_call_as_uncaught() {
    let a = Instance::new(thrower(), no_imports).unwrap();
    for _ in 0..3 {
        assert_uncaught_e0_42(&a.call("throw", &[]).unwrap_err());
    }
    assert!(!in_catch());
}

#[test]
fn an_uncaught_exception_ends_an_executable_with_134() {
    let mut b = DescBuilder::new();
    let t_i32 = b.ty(&[I32], &[]);
    let t = b.ty(&[], &[]);
    b.tag(t_i32, "oops");
    let f = b.func(code(), Some(throw_array), t, "_start");
    b.export("_start", extern_kind::FUNC, f);
    assert_eq!(run(b.build(), vec![]), 134);
    let trap = Trap::exception(UncaughtException { tag: "oops".into(), ty: None, values: vec![] });
    assert_eq!(crate::trap::error_line(&trap), "error: uncaught wasm exception: tag oops");
}

/// Frames as generated code makes them, with `wasmkiln_personality` (eh_test.ll):
/// `wk_test_catch(vmctx, f, exn)` calls `f(vmctx, exn)` with a `catch ptr null` landing pad and
/// returns what the pad received (the exception pointer if the selector is 1, else 1; 0 if `f`
/// returned); `wk_test_pass(vmctx, exn)` throws `exn` from a call site without a landing pad.
#[cfg(target_arch = "x86_64")]
mod personality {
    use super::*;
    use std::sync::atomic::{AtomicI32, Ordering};

    std::arch::global_asm!(include_str!("eh_x86_64.s"), options(att_syntax));

    extern "C" {
        fn wk_test_catch(vmctx: *mut VMContext, f: unsafe extern "C" fn(*mut VMContext, usize), exn: usize) -> usize;
        fn wk_test_pass(vmctx: *mut VMContext, exn: usize);
    }

    /// Not a throw: `f` returns.
    unsafe extern "C" fn returns(_vmctx: *mut VMContext, _exn: usize) {}

    /// Throws from a frame with no landing pad at all (and no LSDA).
    unsafe extern "C" fn throw_direct(vmctx: *mut VMContext, exn: usize) {
        libcall::throw(vmctx, exn)
    }

    /// Throws the exception, catches it through `wk_test_pass`, rethrows the same object and
    /// catches it again, then checks its payload; the result is 1 when all went as expected.
    unsafe extern "C" fn catch_array(vmctx: *mut VMContext, v: *mut ValRaw) {
        let exn = new_exception_42(vmctx);
        let mut ok = wk_test_catch(vmctx, returns, exn) == 0;
        ok &= wk_test_catch(vmctx, wk_test_pass, exn) == exn;
        ok &= wk_test_catch(vmctx, throw_direct, exn) == exn; // a rethrow of the caught object
        ok &= wk_test_catch(vmctx, wk_test_pass, exn) == exn;
        ok &= *((exn + EXCEPTION_VALUES_OFFSET) as *const ValRaw) == ValRaw::from_u32(42);
        libcall::exception_drop(vmctx, exn);
        *v = ValRaw::from_u32(ok as u32);
    }

    /// The exception passes a frame with our personality but no pad at its call site
    /// (`wk_test_pass`) and the outer pad catches it; then it is thrown again where no frame
    /// catches it: uncaught (the search ends at the runtime's barrier, nothing is unwound).
    unsafe extern "C" fn pass_then_uncaught_array(vmctx: *mut VMContext, v: *mut ValRaw) {
        let exn = new_exception_42(vmctx);
        let caught = wk_test_catch(vmctx, wk_test_pass, exn);
        *v = ValRaw::from_u32((caught == exn) as u32);
        wk_test_pass(vmctx, exn) // no frame above catches: uncaught
    }

    fn module() -> &'static wasmkiln_abi::ModuleDesc {
        let mut b = DescBuilder::new();
        let t_i32 = b.ty(&[I32], &[]);
        let t = b.ty(&[], &[I32]);
        let e0 = b.tag(t_i32, "e0");
        let c = b.func(code(), Some(catch_array), t, "catch");
        let p = b.func(code(), Some(pass_then_uncaught_array), t, "pass");
        b.export("catch", extern_kind::FUNC, c).export("pass", extern_kind::FUNC, p).export("e0", extern_kind::TAG, e0);
        b.build()
    }

    #[test]
    fn landing_pads_with_wasmkiln_personality_catch_and_rethrow() {
        let a = Instance::new(module(), no_imports).unwrap();
        for _ in 0..3 {
            assert_eq!(a.call("catch", &[]).unwrap(), vec![ValRaw::from_u32(1)]);
        }
        assert_uncaught_e0_42(&a.call("pass", &[]).unwrap_err());
    }

    /// A foreign exception (not ours) passes frames with our personality: one raised with
    /// another class under `wk_test_catch` is not caught there, and `_Unwind_RaiseException`
    /// returns (the search stops at a Rust frame whose personality refuses, or at the barrier).
    #[test]
    fn foreign_exceptions_are_not_caught() {
        extern "C" {
            fn _Unwind_RaiseException(e: *mut ForeignException) -> i32;
        }
        #[repr(C, align(16))]
        struct ForeignException {
            class: u64,
            cleanup: usize,
            private: [usize; 2],
        }
        static RESULT: AtomicI32 = AtomicI32::new(-1);
        unsafe extern "C" fn raise_foreign(_vmctx: *mut VMContext, _exn: usize) {
            let mut e = ForeignException { class: u64::from_be_bytes(*b"OTHERXXX"), cleanup: 0, private: [0; 2] };
            RESULT.store(_Unwind_RaiseException(&mut e), Ordering::SeqCst);
        }
        unsafe extern "C" fn foreign_array(vmctx: *mut VMContext, v: *mut ValRaw) {
            let r = wk_test_catch(vmctx, raise_foreign, 0);
            *v = ValRaw::from_u32(r as u32);
        }
        let mut b = DescBuilder::new();
        let t = b.ty(&[], &[I32]);
        let f = b.func(code(), Some(foreign_array), t, "f");
        b.export("f", extern_kind::FUNC, f);
        let a = Instance::new(b.build(), no_imports).unwrap();
        assert_eq!(a.call("f", &[]).unwrap(), vec![ValRaw::from_u32(0)]);
        // _URC_FATAL_PHASE1_ERROR or _URC_END_OF_STACK, never a landing pad.
        assert!(matches!(RESULT.load(Ordering::SeqCst), 3 | 5), "{}", RESULT.load(Ordering::SeqCst));
    }
}
