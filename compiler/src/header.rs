//! `--emit header`: the C header of a firmware module's interface. It declares what the
//! embedder implements (one function per imported function) and what it may call (the
//! instantiation function, one function per exported function, the firmware runtime's
//! accessors and trap hook), with the names of `wasmkiln_abi::symbols::CName`; the trap codes
//! come from the ABI's list.

use crate::codegen::firmware::{c_name, func_import, has_c_signature};
use crate::module_info::ModuleInfo;
use std::fmt::Write;
use wasmkiln_abi::symbols::CName;
use wasmkiln_abi::TrapCode;
use wasmparser::{ExternalKind, FuncType, ValType};

fn c_type(t: ValType) -> &'static str {
    match t {
        ValType::I32 => "uint32_t",
        ValType::I64 => "uint64_t",
        ValType::F32 => "float",
        ValType::F64 => "double",
        ValType::Ref(_) => "void *",
        ValType::V128 => "v128 /* no C type */",
    }
}

/// `RET NAME(wasmkiln_instance *FIRST, T0 p0, ...)`.
fn prototype(name: &str, first: &str, ty: &FuncType) -> String {
    let ret = ty.results().first().map_or("void", |t| c_type(*t));
    let mut params = format!("wasmkiln_instance *{first}");
    for (i, p) in ty.params().iter().enumerate() {
        let _ = write!(params, ", {} p{i}", c_type(*p));
    }
    format!("{ret} {name}({params})")
}

/// The header text for module `module` compiled for `triple`.
pub fn header(info: &ModuleInfo<'_>, module: &str, triple: &str, memory_bytes: u64, arena_bytes: usize) -> String {
    let mut guard = String::from("WK_");
    let _ = wasmkiln_abi::symbols::mangle_into(module.as_bytes(), &mut guard);
    let guard = format!("{}_H", guard.to_uppercase());
    let mut h = String::new();
    let _ = writeln!(h, "/* {module}: the C interface of a WebAssembly module compiled by wasmkiln for {triple}.");
    let _ = writeln!(h, " * Link the static library (`--emit staticlib`) into the firmware and implement the imports.");
    let _ = writeln!(h, " *");
    let _ = writeln!(h, " * Names: every Wasm name is escaped (letters and digits stay, `_` becomes `__`, any other byte");
    let _ = writeln!(h, " * `_xx` in hex); import MODULE.NAME is wk_MODULE_i_NAME, export NAME is wk_{module}_e_NAME.");
    let _ = writeln!(h, " * Each takes the instance first: an import gets the calling instance. */");
    let _ = writeln!(h, "#ifndef {guard}\n#define {guard}\n\n#include <stddef.h>\n#include <stdint.h>\n");
    let _ = writeln!(h, "#ifdef __cplusplus\nextern \"C\" {{\n#endif\n");
    let _ = writeln!(h, "#ifndef WASMKILN_INSTANCE_DEFINED\n#define WASMKILN_INSTANCE_DEFINED");
    let _ = writeln!(h, "typedef struct wasmkiln_instance wasmkiln_instance;\n");
    let _ = writeln!(h, "/* Traps: the module's instance (or NULL) and one of these codes. */");
    for code in TrapCode::ALL {
        let _ = writeln!(h, "#define WASMKILN_TRAP_{} {} /* {} */", screaming(&format!("{code:?}")), code as u32, code.message());
    }
    let _ = writeln!(h, "\n/* Called when WebAssembly code traps. It must not return: report, then reset, halt or longjmp");
    let _ = writeln!(h, " * back to a setjmp before the call into the module. The runtime's default loops forever. */");
    let _ = writeln!(h, "void wasmkiln_trap_hook(wasmkiln_instance *instance, uint32_t code) __attribute__((noreturn));");
    let _ = writeln!(h, "/* The spec's text of a trap code. */\nconst char *wasmkiln_trap_message(uint32_t code);");
    let _ = writeln!(h, "/* An instance's linear memory: its base address and current size in bytes. */");
    let _ = writeln!(h, "uint8_t *wasmkiln_memory_base(wasmkiln_instance *instance);\nsize_t wasmkiln_memory_size(wasmkiln_instance *instance);");
    let _ = writeln!(h, "/* The lowest stack address the instance's code may use; below it a call traps (call stack");
    let _ = writeln!(h, " * exhausted). 0, the default, checks nothing: set it, or a runaway recursion overruns the stack. */");
    let _ = writeln!(h, "void wasmkiln_set_stack_limit(wasmkiln_instance *instance, uintptr_t lowest);");
    let _ = writeln!(h, "#endif\n");

    let inst = c_name(CName::Instantiate { module: module.as_bytes() });
    let _ = writeln!(h, "/* Instantiates the module in its static arena ({arena_bytes} bytes of RAM, {} KiB of them linear", memory_bytes / 1024);
    let _ = writeln!(h, " * memory; --max-memory sets that), runs its start function and returns the instance. Calling it");
    let _ = writeln!(h, " * again starts the module afresh. */\nwasmkiln_instance *{inst}(void);\n");

    if info.num_imported_funcs > 0 {
        let _ = writeln!(h, "/* Imports: define these. */");
        for i in 0..info.num_imported_funcs {
            let (m, n) = func_import(info, i);
            let name = c_name(CName::Import { module: m.as_bytes(), name: n.as_bytes() });
            let ty = info.func_type(i);
            let _ = writeln!(h, "{}; /* {m}.{n} */", prototype(&name, "caller", ty));
        }
        h.push('\n');
    }
    let _ = writeln!(h, "/* Exports. */");
    for export in &info.exports {
        if export.kind != ExternalKind::Func {
            let note = if export.kind == ExternalKind::Memory { " (memory 0: wasmkiln_memory_base)" } else { "" };
            let _ = writeln!(h, "/* {:?} export \"{}\": no C function{note}. */", export.kind, export.name);
            continue;
        }
        let ty = info.func_type(export.index);
        if !has_c_signature(ty) {
            let _ = writeln!(h, "/* \"{}\": left out (v128 or several results have no C type). */", export.name);
            continue;
        }
        let name = c_name(CName::Export { module: module.as_bytes(), name: export.name.as_bytes() });
        let _ = writeln!(h, "{};", prototype(&name, "instance", ty));
    }
    let _ = writeln!(h, "\n#ifdef __cplusplus\n}}\n#endif\n#endif");
    h
}

/// `MemoryOutOfBounds` → `MEMORY_OUT_OF_BOUNDS`.
fn screaming(camel: &str) -> String {
    let mut s = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            s.push('_');
        }
        s.push(c.to_ascii_uppercase());
    }
    s
}
