//! Compiles `src/trap.c` (the sigsetjmp/siglongjmp half of trap handling) into the runtime.

fn main() {
    println!("cargo:rerun-if-changed=src/trap.c");
    println!("cargo:rerun-if-changed=src/wasi/config.c");
    // Examples load modules built with `--emit shared`, which need the runtime's symbols
    // exported from the executable.
    println!("cargo:rustc-link-arg-examples=-rdynamic");
    cc::Build::new()
        .file("src/trap.c")
        .file("src/wasi/config.c")
        .opt_level(2)
        .flag_if_supported("-fno-omit-frame-pointer")
        .warnings(true)
        .extra_warnings(true)
        .compile("wasmkiln_trap");
}
