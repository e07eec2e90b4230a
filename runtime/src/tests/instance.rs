//! Instantiation, linking, exports, traps and stack exhaustion, end to end with hand-written
//! "generated" functions.

use crate::testutil::*;
use crate::*;
use std::rc::Rc;
use wasmkiln_abi::{elem_item, extern_kind, valtype, ArrayCallFn, VMContext};

fn no_imports(_: &str, _: &str, _: &ExternType) -> Option<Extern> {
    None
}

/// A module exporting `add`, `load`, `memory` (1 page, max 2), `g` (mut i32) and `tab`.
fn exporter() -> &'static wasmkiln_abi::ModuleDesc {
    let mut b = DescBuilder::new();
    let t_add = b.ty(&[I32, I32], &[I32]);
    let t_load = b.ty(&[I32], &[I32]);
    let add = b.func(fnptr(add as unsafe extern "C" fn(_, _, _) -> _), Some(add_array), t_add, "add");
    let load = b.func(fnptr(load as unsafe extern "C" fn(_, _) -> _), Some(load_array), t_load, "load");
    let mem = b.memory(1, Some(2));
    let g = b.global(I32, true);
    let tab = b.table(valtype::FUNCREF, 2, Some(10));
    b.export("add", extern_kind::FUNC, add)
        .export("load", extern_kind::FUNC, load)
        .export("memory", extern_kind::MEMORY, mem)
        .export("g", extern_kind::GLOBAL, g)
        .export("tab", extern_kind::TABLE, tab)
        .name("exporter");
    b.build()
}

#[test]
fn call_exports_and_read_state() {
    let inst = Instance::new(exporter(), no_imports).unwrap();
    assert_eq!(inst.name(), "exporter");
    let r = inst.call("add", &[ValRaw::from_u32(2), ValRaw::from_u32(40)]).unwrap();
    assert_eq!(r, vec![ValRaw::from_u32(42)]);
    let mem = inst.get_memory("memory").unwrap();
    assert!(mem.write(8, &0xdead_beefu32.to_le_bytes()));
    assert_eq!(inst.call("load", &[ValRaw::from_u32(8)]).unwrap()[0].as_u32(), 0xdead_beef);
    assert_eq!(inst.get_global("g").unwrap().get().as_u32(), 0);
    assert_eq!(inst.get_table("tab").unwrap().size(), 2);
    assert_eq!(inst.exports().len(), 5);
    assert!(inst.get_export("nope").is_none());
    assert!(inst.call("add", &[ValRaw::from_u32(1)]).is_err());
    assert_eq!(inst.func_name(0).as_deref(), Some("add"));
}

#[test]
fn out_of_bounds_load_traps_and_the_instance_survives() {
    let inst = Instance::new(exporter(), no_imports).unwrap();
    for addr in [65533u32, 65536, 0xffff_fffc, u32::MAX] {
        let t = inst.call("load", &[ValRaw::from_u32(addr)]).unwrap_err();
        assert_eq!(t.code(), Some(TrapCode::MemoryOutOfBounds), "addr {addr:#x}");
        assert_eq!(t.to_string(), "out of bounds memory access");
    }
    assert_eq!(inst.call("load", &[ValRaw::from_u32(65532)]).unwrap()[0].as_u32(), 0);
    // Growing makes the next page accessible to the same (unchanged) base.
    assert_eq!(inst.get_memory("memory").unwrap().grow(1), Some(1));
    assert_eq!(inst.call("load", &[ValRaw::from_u32(65536)]).unwrap()[0].as_u32(), 0);
}

/// A module importing everything `exporter` exports.
fn importer(mem_min: u64, mem_max: Option<u64>, global_mutable: bool) -> &'static wasmkiln_abi::ModuleDesc {
    let mut b = DescBuilder::new();
    let t_add = b.ty(&[I32, I32], &[I32]);
    let t_g = b.ty(&[], &[I32]);
    b.import_func("M", "add", t_add);
    b.import_memory("M", "memory", mem_min, mem_max);
    b.import_global("M", "g", I32, global_mutable);
    b.import_table("M", "tab", valtype::FUNCREF, 1, None);
    let get = b.func(fnptr(get_global0 as unsafe extern "C" fn(_) -> _), Some(get_global0_array), t_g, "get");
    b.export("get", extern_kind::FUNC, get).export("add2", extern_kind::FUNC, 0);
    b.build()
}

#[test]
fn imports_are_shared_with_the_exporter() {
    let a = Instance::new(exporter(), no_imports).unwrap();
    let mut linker = Linker::new();
    linker.define_instance("M", &a);
    let b = linker.instantiate(importer(1, None, true)).unwrap();
    // The global is shared: a write through A's handle is seen by B's code.
    assert!(a.get_global("g").unwrap().set(ValRaw::from_u32(99)));
    assert_eq!(b.call("get", &[]).unwrap()[0].as_u32(), 99);
    // A re-exported import is the same function.
    assert!(b.get_func("add2").unwrap().same(&a.get_func("add").unwrap()));
    assert_eq!(b.call("add2", &[ValRaw::from_u32(1), ValRaw::from_u32(2)]).unwrap()[0].as_u32(), 3);
    // The memory is shared: B's vmctx points at A's memory.
    let mem = a.get_memory("memory").unwrap();
    assert_eq!(unsafe { (*b.vmctx()).memory_base }, mem.data_ptr());
    assert!(b.memory(0).unwrap().same(&mem));
    // B keeps A alive.
    drop(a);
    drop(linker);
    assert_eq!(b.call("add2", &[ValRaw::from_u32(5), ValRaw::from_u32(6)]).unwrap()[0].as_u32(), 11);
}

#[test]
fn link_errors_use_the_spec_messages() {
    let e = Instance::new(importer(1, None, true), no_imports).err().unwrap();
    assert_eq!(e.to_string(), "unknown import: M.add");
    let a = Instance::new(exporter(), no_imports).unwrap();
    let mut linker = Linker::new();
    linker.define_instance("M", &a);
    // Memory max 1 < exporter's max 2; immutable global vs mutable.
    for desc in [importer(1, Some(1), true), importer(2, None, true), importer(1, None, false)] {
        let e = linker.instantiate(desc).err().unwrap();
        assert!(e.to_string().starts_with("incompatible import type for M."), "{e}");
    }
    // Exporter max 2 <= import max 3: fine.
    assert!(linker.instantiate(importer(1, Some(3), true)).is_ok());
    // A function with the wrong signature.
    linker.define("M", "add", a.get_func("load").unwrap());
    let e = linker.instantiate(importer(1, None, true)).err().unwrap();
    assert!(e.to_string().starts_with("incompatible import type for M.add"), "{e}");
    // A global where a function is expected.
    linker.define("M", "add", a.get_global("g").unwrap());
    assert!(linker.instantiate(importer(1, None, true)).is_err());
}

#[test]
fn bad_descriptors_are_rejected() {
    let mut b = DescBuilder::new();
    let t = b.ty(&[I32], &[]);
    b.func(std::ptr::null(), None, t, "no code");
    let e = Instance::new(b.build(), no_imports).err().unwrap();
    assert!(e.to_string().starts_with("invalid module descriptor"), "{e}");
    let mut b = DescBuilder::new();
    let t = b.ty(&[I32], &[]);
    let f = b.func(fnptr(const7 as unsafe extern "C" fn(_) -> _), None, t, "");
    b.start(f); // start must be [] -> []
    assert!(Instance::new(b.build(), no_imports).is_err());
}

unsafe extern "C" fn init_with_segments(vmctx: *mut VMContext) {
    // (global i32 (i32.const 5)), (elem (i32.const 0) $const7 $unreachable), (data (i32.const 16) "hi")
    (*(*(*vmctx).globals)).bytes = ValRaw::from_u32(5).bytes;
    libcall::table_init(vmctx, 0, 0, 0, 0, 2);
    libcall::elem_drop(vmctx, 0);
    libcall::memory_init(vmctx, 0, 0, 16, 0, 2);
    libcall::data_drop(vmctx, 0);
}

fn module_with_segments() -> &'static wasmkiln_abi::ModuleDesc {
    let mut b = DescBuilder::new();
    let t0 = b.ty(&[], &[I32]);
    let t1 = b.ty(&[I32], &[I32]);
    let c7 = b.func(fnptr(const7 as unsafe extern "C" fn(_) -> _), Some(const7_array), t0, "c7");
    let un = b.func(fnptr(unreachable as unsafe extern "C" fn(_) -> _), Some(unreachable_array), t0, "un");
    let ci = b.func(fnptr(call_indirect0 as unsafe extern "C" fn(_, _) -> _), Some(call_indirect0_array), t1, "ci");
    let ld = b.func(fnptr(load as unsafe extern "C" fn(_, _) -> _), Some(load_array), t1, "ld");
    let t2 = b_ty_add(&mut b);
    let add = b.func(fnptr(add as unsafe extern "C" fn(_, _, _) -> _), Some(add_array), t2, "add");
    b.table(valtype::FUNCREF, 4, None);
    b.memory(1, None);
    let g = b.global(I32, false);
    b.elem(&[(elem_item::FUNC, c7), (elem_item::FUNC, un)]);
    b.data(b"hi");
    b.export("ci", extern_kind::FUNC, ci)
        .export("ld", extern_kind::FUNC, ld)
        .export("g", extern_kind::GLOBAL, g)
        .export("tab", extern_kind::TABLE, 0)
        .export("add", extern_kind::FUNC, add)
        .init(init_with_segments);
    b.build()
}

fn b_ty_add(b: &mut DescBuilder) -> u32 {
    b.ty(&[I32, I32], &[I32])
}

#[test]
fn init_applies_segments_and_call_indirect_checks_signatures() {
    let inst = Instance::new(module_with_segments(), no_imports).unwrap();
    assert_eq!(inst.get_global("g").unwrap().get().as_u32(), 5);
    assert_eq!(inst.call("ld", &[ValRaw::from_u32(16)]).unwrap()[0].as_u32(), u32::from_le_bytes(*b"hi\0\0"));
    let ci = |i: u32| inst.call("ci", &[ValRaw::from_u32(i)]);
    assert_eq!(ci(0).unwrap()[0].as_u32(), 7);
    assert_eq!(ci(1).unwrap_err().to_string(), "unreachable");
    assert_eq!(ci(2).unwrap_err().to_string(), "uninitialized element");
    assert_eq!(ci(4).unwrap_err().to_string(), "undefined element");
    // A function of another type in the table.
    let tab = inst.get_table("tab").unwrap();
    assert!(tab.set_func(2, Some(&inst.get_func("add").unwrap())));
    assert_eq!(ci(2).unwrap_err().to_string(), "indirect call type mismatch");
}

#[test]
fn signature_ids_are_shared_across_instances() {
    // A function of instance B stored in A's table passes A's signature check.
    let a = Instance::new(module_with_segments(), no_imports).unwrap();
    let b = Instance::new(module_with_segments(), no_imports).unwrap();
    let tab = a.get_table("tab").unwrap();
    let b_c7 = b.get_table("tab").unwrap().get_raw(0).unwrap();
    unsafe {
        assert_eq!((*(b_c7 as *const wasmkiln_abi::VMFuncRef)).vmctx, b.vmctx());
    }
    assert!(tab.set_func(3, b.get_func("ci").as_ref()));
    assert_eq!(a.call("ci", &[ValRaw::from_u32(3)]).unwrap_err().to_string(), "indirect call type mismatch");
}

unsafe extern "C" fn init_then_trap(vmctx: *mut VMContext) {
    // The first segment lands in the imported table, the second is out of bounds.
    libcall::table_init(vmctx, 0, 0, 3, 0, 1);
    libcall::table_init(vmctx, 0, 0, 4, 0, 1);
}

#[test]
fn a_failed_instantiation_keeps_its_effects_and_functions_alive() {
    let a = Instance::new(module_with_segments(), no_imports).unwrap();
    let mut linker = Linker::new();
    linker.define("M", "tab", a.get_table("tab").unwrap());
    let mut b = DescBuilder::new();
    let t0 = b.ty(&[], &[I32]);
    b.import_table("M", "tab", valtype::FUNCREF, 4, None);
    let f = b.func(fnptr(const7 as unsafe extern "C" fn(_) -> _), Some(const7_array), t0, "");
    b.elem(&[(elem_item::FUNC, f)]);
    b.init(init_then_trap);
    let e = linker.instantiate(b.build()).err().unwrap();
    match e {
        InstantiateError::Trap(t) => assert_eq!(t.to_string(), "out of bounds table access"),
        other => panic!("{other}"),
    }
    drop(linker);
    // The failed instance's function is still callable through A's table.
    assert_eq!(a.call("ci", &[ValRaw::from_u32(3)]).unwrap()[0].as_u32(), 7);
}

#[test]
fn init_runs_at_instantiation() {
    // The generated initializer ends with the start function's call; here `init` itself sets
    // the global, and the start function is only validated.
    let mut b = DescBuilder::new();
    let t = b.ty(&[], &[]);
    let t_g = b.ty(&[], &[I32]);
    let s = b.func(fnptr(set_global0_42 as unsafe extern "C" fn(_)), None, t, "start");
    let get = b.func(fnptr(get_global0 as unsafe extern "C" fn(_) -> _), Some(get_global0_array), t_g, "get");
    b.global(I32, true);
    b.start(s).init(set_global0_42).export("get", extern_kind::FUNC, get);
    let inst = Instance::new(b.build(), no_imports).unwrap();
    assert_eq!(inst.call("get", &[]).unwrap()[0].as_u32(), 42);
}

#[test]
fn deep_recursion_is_call_stack_exhausted() {
    let mut b = DescBuilder::new();
    let t = b.ty(&[], &[I32]);
    let r = b.func(fnptr(recurse as unsafe extern "C" fn(_, _) -> _), Some(recurse_array), t, "recurse");
    let t2 = b_ty_add(&mut b);
    let a = b.func(fnptr(add as unsafe extern "C" fn(_, _, _) -> _), Some(add_array), t2, "add");
    b.export("recurse", extern_kind::FUNC, r).export("add", extern_kind::FUNC, a);
    let desc = b.build();
    // On a fresh thread with a known stack, and on the test thread itself.
    let run = move || {
        let inst = Instance::new(desc, no_imports).unwrap();
        for _ in 0..3 {
            assert_eq!(inst.call("recurse", &[]).unwrap_err().to_string(), "call stack exhausted");
        }
        assert_eq!(inst.call("add", &[ValRaw::from_u32(1), ValRaw::from_u32(1)]).unwrap()[0].as_u32(), 2);
    };
    std::thread::Builder::new().stack_size(8 << 20).spawn(run).unwrap().join().unwrap();
    run();
}

/// A host function that calls back into Wasm (host -> wasm -> host -> wasm).
unsafe extern "C" fn host_reenter(vmctx: *mut VMContext) -> u32 {
    let caller = Caller::new(vmctx);
    let Some(callee) = caller.context().and_then(HostContext::get::<Func>) else { return 0 };
    // The inner call traps; the host sees Err and carries on.
    let inner = callee.call(&[ValRaw::from_u32(0xffff_fff0)]);
    let inner_is_oob = matches!(&inner, Err(t) if t.code() == Some(TrapCode::MemoryOutOfBounds));
    drop(inner);
    if inner_is_oob {
        1000
    } else {
        0
    }
}

#[test]
fn nested_host_and_wasm_calls() {
    let a = Instance::new(exporter(), no_imports).unwrap();
    let mut b = DescBuilder::new();
    let t = b.ty(&[], &[I32]);
    b.import_func("host", "reenter", t);
    let f = b.func(fnptr(call_import0 as unsafe extern "C" fn(_) -> _), Some(call_import0_array), t, "");
    b.export("f", extern_kind::FUNC, f).export("imp", extern_kind::FUNC, 0);
    let host = unsafe {
        HostFunc::new(
            FuncType::new([], [ValType::I32]),
            fnptr(host_reenter as unsafe extern "C" fn(_) -> _),
            None::<ArrayCallFn>,
        )
    };
    let mut linker = Linker::new();
    linker.define("host", "reenter", Func::host(host));
    linker.set_context(HostContext::new().with(Rc::new(a.get_func("load").unwrap())));
    let inst = linker.instantiate(b.build()).unwrap();
    assert_eq!(inst.call("f", &[]).unwrap()[0].as_u32(), 1000);
    assert!(!in_catch());
    // The host function re-exported has no array entry.
    assert!(inst.call("imp", &[]).is_err());
}
