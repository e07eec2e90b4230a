//! A module with a giant function (over `GIANT_FUNCTION_BYTES`) is compiled with that function
//! in a part of its own at -O1, linked with the rest, and computes the right result.

use std::path::Path;
use wasmkiln::codegen::GIANT_FUNCTION_BYTES;
use wasmkiln::driver::{self, Emit, Options, Timings};

/// `x = x * 3 + i % 7` unrolled `steps` times; `_start` exits with `x & 127`. Calls go through a
/// frozen table (codegen/frozen_tables.rs) between the parts: `_start` calls `$big` through the
/// table's code offsets (two functions of its type, a slot LLVM cannot know), `$big` calls `$mask` directly (the only one
/// of its type).
fn giant_module(steps: u32) -> (Vec<u8>, i32) {
    let mut body = String::from("(local $x i32) (local.set $x (i32.const 1))");
    let mut x: u32 = 1;
    for i in 0..steps {
        body.push_str(&format!("(local.set $x (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const {})))", i % 7));
        x = x.wrapping_mul(3).wrapping_add(i % 7);
    }
    let wat = format!(
        r#"(module
            (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
            (memory (export "memory") 1)
            (type $r (func (result i32)))
            (type $m (func (param i32) (result i32)))
            (table 4 funcref)
            (elem (i32.const 1) func $big $mask $other)
            (global $slot (mut i32) (i32.const 1))
            (func $big (type $r) {body} (call_indirect (type $m) (local.get $x) (i32.const 2)))
            (func $mask (type $m) (i32.and (local.get 0) (i32.const 127)))
            (func $other (type $r) (i32.const 0))
            (func (export "_start") (call $exit (call_indirect (type $r) (global.get $slot)))))"#
    );
    (wat::parse_str(&wat).expect("valid module"), (x & 127) as i32)
}

#[test]
fn giant_function_compiles_and_runs() {
    let (wasm, expected) = giant_module(12_000);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("giant");
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("giant.wasm");
    std::fs::write(&input, &wasm).unwrap();
    let info = wasmkiln::module_info::parse(&wasm, wasmkiln::module_info::features()).unwrap();
    let parts = wasmkiln::codegen::plan_parts(&info, 1);
    assert!(parts.iter().any(|p| p.giant && p.funcs.len() == 1), "the giant function has a part of its own: {parts:?}");
    assert!(wasm.len() > GIANT_FUNCTION_BYTES);
    for jobs in [1, 2] {
        let output = dir.join(format!("giant-j{jobs}"));
        let opts = Options { jobs, ..Options::new(input.clone(), output.clone(), Emit::Exe) };
        driver::compile(&opts, &mut Timings::default()).unwrap();
        let status = std::process::Command::new(&output).status().unwrap();
        assert_eq!(status.code(), Some(expected), "-j {jobs}");
    }
}
