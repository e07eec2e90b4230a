//! The libcalls' spec semantics, called through their exported `wasmkiln_*` symbols on a real
//! instance: bounds checks and trap codes, overlap, empty ranges at the end, dropped segments.

use crate::testutil::*;
use crate::*;
use wasmkiln_abi::{elem_item, extern_kind, valtype, VMContext, WASM_PAGE_SIZE};

const PAGE: u64 = WASM_PAGE_SIZE;

/// Memory 0 (1 page, max 3), memory 1 (1 page); table 0 externref (4, max 6), table 1 funcref
/// (3); data 0 = "abcdef"; elem 0 = [c7, null, c7].
fn instance() -> Instance {
    let mut b = DescBuilder::new();
    let t = b.ty(&[], &[I32]);
    let c7 = b.func(fnptr(const7 as unsafe extern "C" fn(_) -> _), Some(const7_array), t, "c7");
    b.memory(1, Some(3));
    b.memory(1, None);
    b.table(valtype::EXTERNREF, 4, Some(6));
    b.table(valtype::FUNCREF, 3, None);
    b.data(b"abcdef");
    b.elem(&[(elem_item::FUNC, c7), (elem_item::NULL, 0), (elem_item::FUNC, c7)]);
    b.export("m0", extern_kind::MEMORY, 0).export("m1", extern_kind::MEMORY, 1);
    Instance::new(b.build(), |_, _, _| None).unwrap()
}

/// Runs `f` as compiled code would (inside a catch), returning the trap message if any.
fn run(f: impl FnOnce()) -> Result<(), String> {
    catch_traps(f).map_err(|t| t.to_string())
}

const OOB_MEM: &str = "out of bounds memory access";
const OOB_TABLE: &str = "out of bounds table access";

fn bytes(inst: &Instance, mem: &str, at: u64, n: usize) -> Vec<u8> {
    let mut v = vec![0; n];
    assert!(inst.get_memory(mem).unwrap().read(at, &mut v));
    v
}

#[test]
fn memory_grow() {
    let inst = instance();
    let v = inst.vmctx();
    unsafe {
        assert_eq!(libcall::memory_grow(v, 0, 1), 1);
        assert_eq!(libcall::memory_grow(v, 0, 2), u64::MAX);
        assert_eq!(libcall::memory_grow(v, 0, 0), 2);
        assert_eq!(libcall::memory_grow(v, 1, 65536), u64::MAX);
        assert_eq!(libcall::memory_grow(v, 1, 0x7fff_ffff), u64::MAX);
        assert_eq!(libcall::memory_grow(v, 1, 3), 1);
        assert_eq!((*(*v).memory).size_bytes, 2 * WASM_PAGE_SIZE);
    }
    assert_eq!(inst.get_memory("m1").unwrap().size_pages(), 4);
}

#[test]
fn memory_fill_bounds() {
    let inst = instance();
    let v = inst.vmctx();
    unsafe {
        assert_eq!(run(|| libcall::memory_fill(v, 0, 10, 0x1ff, 3)), Ok(()));
        assert_eq!(bytes(&inst, "m0", 9, 5), [0, 0xff, 0xff, 0xff, 0]);
        assert_eq!(run(|| libcall::memory_fill(v, 0, PAGE, 1, 0)), Ok(()));
        assert_eq!(run(|| libcall::memory_fill(v, 0, PAGE + 1, 1, 0)), Err(OOB_MEM.into()));
        // Out of bounds: nothing written, not even the in-bounds part.
        assert_eq!(run(|| libcall::memory_fill(v, 0, PAGE - 2, 7, 3)), Err(OOB_MEM.into()));
        assert_eq!(bytes(&inst, "m0", PAGE as u64 - 2, 2), [0, 0]);
        assert_eq!(run(|| libcall::memory_fill(v, 0, u64::MAX, 7, u64::MAX)), Err(OOB_MEM.into()));
        assert_eq!(run(|| libcall::memory_fill(v, 1, 0, 9, PAGE)), Ok(()));
        assert_eq!(bytes(&inst, "m1", PAGE as u64 - 1, 1), [9]);
    }
}

#[test]
fn memory_copy_overlap_and_bounds() {
    let inst = instance();
    let v = inst.vmctx();
    let m0 = inst.get_memory("m0").unwrap();
    m0.write(0, b"123456789");
    unsafe {
        assert_eq!(run(|| libcall::memory_copy(v, 0, 0, 2, 0, 5)), Ok(()));
        assert_eq!(bytes(&inst, "m0", 0, 9), b"121234589");
        assert_eq!(run(|| libcall::memory_copy(v, 0, 0, 0, 3, 5)), Ok(()));
        assert_eq!(bytes(&inst, "m0", 0, 9), b"234584589");
        assert_eq!(run(|| libcall::memory_copy(v, 0, 0, PAGE, 0, 0)), Ok(()));
        assert_eq!(run(|| libcall::memory_copy(v, 0, 0, 0, PAGE, 0)), Ok(()));
        assert_eq!(run(|| libcall::memory_copy(v, 0, 0, PAGE + 1, 0, 0)), Err(OOB_MEM.into()));
        assert_eq!(run(|| libcall::memory_copy(v, 0, 0, 0, PAGE - 1, 2)), Err(OOB_MEM.into()));
        assert_eq!(bytes(&inst, "m0", 0, 2), b"23");
        // Between memories.
        assert_eq!(run(|| libcall::memory_copy(v, 1, 0, 100, 0, 4)), Ok(()));
        assert_eq!(bytes(&inst, "m1", 100, 4), b"2345");
    }
}

#[test]
fn memory_init_and_data_drop() {
    let inst = instance();
    let v = inst.vmctx();
    unsafe {
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, 100, 1, 4)), Ok(()));
        assert_eq!(bytes(&inst, "m0", 100, 4), b"bcde");
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, 0, 6, 0)), Ok(()));
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, 0, 7, 0)), Err(OOB_MEM.into()));
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, 0, 3, 4)), Err(OOB_MEM.into()));
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, PAGE - 3, 0, 4)), Err(OOB_MEM.into()));
        assert_eq!(run(|| libcall::memory_init(v, 1, 0, PAGE - 3, 0, 3)), Ok(()));
        libcall::data_drop(v, 0);
        libcall::data_drop(v, 0); // dropping twice is fine
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, 0, 0, 0)), Ok(()));
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, 0, 0, 1)), Err(OOB_MEM.into()));
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, 0, 1, 0)), Err(OOB_MEM.into()));
    }
}

#[test]
fn table_get_set_grow_fill() {
    let inst = instance();
    let v = inst.vmctx();
    unsafe {
        assert_eq!(run(|| libcall::table_set(v, 0, 3, 0x55)), Ok(()));
        assert_eq!(libcall::table_get(v, 0, 3), 0x55);
        assert_eq!(run(|| libcall::table_set(v, 0, 4, 1)), Err(OOB_TABLE.into()));
        assert_eq!(run(|| { libcall::table_get(v, 0, 4); }), Err(OOB_TABLE.into()));
        assert_eq!(libcall::table_grow(v, 0, 0x66, 2), 4);
        assert_eq!(libcall::table_get(v, 0, 5), 0x66);
        assert_eq!(libcall::table_grow(v, 0, 0, 1), u64::MAX);
        assert_eq!(libcall::table_grow(v, 0, 0, 0), 6);
        assert_eq!(libcall::table_grow(v, 1, 0, u64::MAX), u64::MAX);
        assert_eq!(run(|| libcall::table_fill(v, 0, 1, 0x77, 5)), Ok(()));
        assert_eq!(libcall::table_get(v, 0, 5), 0x77);
        assert_eq!(run(|| libcall::table_fill(v, 0, 6, 0x77, 0)), Ok(()));
        assert_eq!(run(|| libcall::table_fill(v, 0, 7, 0x77, 0)), Err(OOB_TABLE.into()));
        assert_eq!(run(|| libcall::table_fill(v, 0, 0, 0x88, 7)), Err(OOB_TABLE.into()));
        assert_eq!(libcall::table_get(v, 0, 0), 0); // untouched by the failed fill
        let vm = &**(*v).tables;
        assert_eq!(vm.size, 6);
        assert_eq!(*vm.elements.add(2), 0x77);
    }
}

#[test]
fn table_copy_overlap_and_bounds() {
    let inst = instance();
    let v = inst.vmctx();
    let get = |i| unsafe { libcall::table_get(v, 0, i) };
    unsafe {
        for i in 0..4 {
            libcall::table_set(v, 0, i, 10 + i as usize);
        }
        assert_eq!(run(|| libcall::table_copy(v, 0, 0, 1, 0, 3)), Ok(()));
        assert_eq!((0..4).map(get).collect::<Vec<_>>(), [10, 10, 11, 12]);
        assert_eq!(run(|| libcall::table_copy(v, 0, 0, 0, 1, 3)), Ok(()));
        assert_eq!((0..4).map(get).collect::<Vec<_>>(), [10, 11, 12, 12]);
        assert_eq!(run(|| libcall::table_copy(v, 0, 0, 4, 0, 0)), Ok(()));
        assert_eq!(run(|| libcall::table_copy(v, 0, 0, 5, 0, 0)), Err(OOB_TABLE.into()));
        assert_eq!(run(|| libcall::table_copy(v, 0, 0, 0, 2, 3)), Err(OOB_TABLE.into()));
    }
}

#[test]
fn table_init_and_elem_drop() {
    let inst = instance();
    let v: *mut VMContext = inst.vmctx();
    unsafe {
        assert_eq!(run(|| libcall::table_init(v, 1, 0, 0, 0, 3)), Ok(()));
        let c7 = libcall::table_get(v, 1, 0) as *const wasmkiln_abi::VMFuncRef;
        assert_eq!(c7, *(*v).func_refs);
        assert_eq!((*c7).vmctx, v);
        assert_eq!(libcall::table_get(v, 1, 1), 0);
        assert_eq!(run(|| libcall::table_init(v, 1, 0, 3, 3, 0)), Ok(()));
        assert_eq!(run(|| libcall::table_init(v, 1, 0, 0, 4, 0)), Err(OOB_TABLE.into()));
        assert_eq!(run(|| libcall::table_init(v, 1, 0, 1, 0, 3)), Err(OOB_TABLE.into()));
        libcall::elem_drop(v, 0);
        assert_eq!(run(|| libcall::table_init(v, 1, 0, 0, 0, 0)), Ok(()));
        assert_eq!(run(|| libcall::table_init(v, 1, 0, 0, 0, 1)), Err(OOB_TABLE.into()));
    }
}

/// memory64 and table64: the same libcalls with operands past 2^32, ranges whose end wraps
/// past 2^64 out of bounds (not empty), growth past the runtime's limits failing with -1.
#[test]
fn memory64_and_table64_operands() {
    let mut b = DescBuilder::new();
    b.memory64(1, None);
    b.table64(valtype::EXTERNREF, 2, Some(1 << 40));
    b.data(b"xyz");
    b.export("m", extern_kind::MEMORY, 0);
    let inst = Instance::new(b.build(), |_, _, _| None).unwrap();
    let v = inst.vmctx();
    let far = 4u64 << 30;
    unsafe {
        assert_eq!(libcall::memory_grow(v, 0, 65536), 1);
        assert_eq!(run(|| libcall::memory_init(v, 0, 0, far + 100, 0, 3)), Ok(()));
        assert_eq!(run(|| libcall::memory_copy(v, 0, 0, 8, far + 100, 3)), Ok(()));
        assert_eq!(run(|| libcall::memory_fill(v, 0, far + PAGE - 4, b'!' as u32, 4)), Ok(()));
        assert_eq!(run(|| libcall::memory_fill(v, 0, far + PAGE - 4, 0, 5)), Err(OOB_MEM.into()));
        assert_eq!(run(|| libcall::memory_fill(v, 0, u64::MAX, 0, 2)), Err(OOB_MEM.into()));
        assert_eq!(run(|| libcall::memory_copy(v, 0, 0, 0, u64::MAX - 1, 3)), Err(OOB_MEM.into()));
        assert_eq!(libcall::memory_grow(v, 0, crate::MAX_PAGES64), u64::MAX);
        assert_eq!(libcall::memory_grow(v, 0, u64::MAX), u64::MAX);
        assert_eq!(run(|| libcall::table_set(v, 0, 1 << 32, 1)), Err(OOB_TABLE.into()));
        assert_eq!(run(|| libcall::table_fill(v, 0, u64::MAX, 0, 2)), Err(OOB_TABLE.into()));
        assert_eq!(libcall::table_grow(v, 0, 5, 1 << 32), u64::MAX);
        assert_eq!(libcall::table_grow(v, 0, 5, 3), 2);
        assert_eq!(libcall::table_get(v, 0, 4), 5);
    }
    assert_eq!(bytes(&inst, "m", 8, 3), b"xyz");
    assert_eq!(bytes(&inst, "m", far + PAGE - 4, 4), b"!!!!");
    // A 64-bit memory import matches only a 64-bit memory.
    let memory = inst.get_memory("m").unwrap();
    let import = |memory64: bool| {
        let mut b = DescBuilder::new();
        if memory64 { b.import_memory64("M", "m", 1, None) } else { b.import_memory("M", "m", 1, None) };
        let m = memory.clone();
        Instance::new(b.build(), move |_, _, _| Some(Extern::Memory(m.clone())))
    };
    assert!(import(true).is_ok());
    assert!(import(false).err().unwrap().to_string().contains("incompatible import type"));
}

#[test]
fn trap_libcall_reports_each_code() {
    let inst = instance();
    let v = inst.vmctx();
    for code in TrapCode::ALL {
        assert_eq!(run(|| unsafe { libcall::trap(v, code as u32) }), Err(code.message().to_string()));
    }
    assert!(run(|| unsafe { libcall::trap(v, 999) }).unwrap_err().contains("999"));
}
