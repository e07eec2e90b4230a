//! The `spectest` host module every spec script may import: print functions, four globals,
//! a table and a memory.

use wasmkiln_abi::{VMContext, ValRaw};
use wasmkiln_runtime::{Global, GlobalType, HostFuncDef, Linker, Memory, MemoryType, Table, TableType, ValType};

unsafe extern "C" fn print(_: *mut VMContext) {}
unsafe extern "C" fn print_i32(_: *mut VMContext, _: u32) {}
unsafe extern "C" fn print_i64(_: *mut VMContext, _: u64) {}
unsafe extern "C" fn print_f32(_: *mut VMContext, _: f32) {}
unsafe extern "C" fn print_f64(_: *mut VMContext, _: f64) {}
unsafe extern "C" fn print_i32_f32(_: *mut VMContext, _: u32, _: f32) {}
unsafe extern "C" fn print_f64_f64(_: *mut VMContext, _: f64, _: f64) {}
/// The print functions have no results and ignore their arguments, so one array-call entry
/// serves them all.
unsafe extern "C" fn print_array(_: *mut VMContext, _: *mut ValRaw) {}

macro_rules! print_def {
    ($name:literal, $f:ident, [$($t:ident),*]) => {
        HostFuncDef {
            module: "spectest",
            name: $name,
            params: &[$(ValType::$t),*],
            results: &[],
            native: $f as *const std::ffi::c_void,
            array_call: print_array,
        }
    };
}

static PRINTS: &[HostFuncDef] = &[
    print_def!("print", print, []),
    print_def!("print_i32", print_i32, [I32]),
    print_def!("print_i64", print_i64, [I64]),
    print_def!("print_f32", print_f32, [F32]),
    print_def!("print_f64", print_f64, [F64]),
    print_def!("print_i32_f32", print_i32_f32, [I32, F32]),
    print_def!("print_f64_f64", print_f64_f64, [F64, F64]),
];

/// A linker holding the `spectest` module.
pub fn linker() -> Linker {
    let mut linker = Linker::new();
    linker.add_host_funcs(PRINTS);
    let global = |ty: ValType, bits: u64| Global::new(GlobalType::new(ty, false), ValRaw::from_u64(bits));
    linker.define("spectest", "global_i32", global(ValType::I32, 666));
    linker.define("spectest", "global_i64", global(ValType::I64, 666));
    linker.define("spectest", "global_f32", global(ValType::F32, 666.6f32.to_bits() as u64));
    linker.define("spectest", "global_f64", global(ValType::F64, 666.6f64.to_bits()));
    let table = Table::new(TableType::new(ValType::FuncRef, 10, Some(20))).expect("spectest table");
    linker.define("spectest", "table", table);
    let memory = Memory::new(MemoryType::new(1, Some(2))).expect("spectest memory");
    linker.define("spectest", "memory", memory);
    linker
}
