//! Compiles the runtime's C parts: `src/trap.c` (the sigsetjmp/siglongjmp half of trap
//! handling), `src/eh.c` (exception allocation, raising, the personality routine),
//! `src/eh_barrier.c` (the host→Wasm entries, without unwind information) and
//! `src/wasi/config.c`.

fn main() {
    for f in ["src/trap.c", "src/eh.c", "src/eh_barrier.c", "src/wasi/config.c"] {
        println!("cargo:rerun-if-changed={f}");
    }
    // Examples load modules built with `--emit shared`, which need the runtime's symbols
    // exported from the executable.
    println!("cargo:rustc-link-arg-examples=-rdynamic");
    cc::Build::new()
        .file("src/trap.c")
        .file("src/eh.c")
        .file("src/wasi/config.c")
        .opt_level(2)
        // The unwinder steps through eh.c's raising frame on its way to the Wasm frames: it
        // needs unwind tables, which not every target's gcc emits by default (riscv64's does
        // not, and every exception there ended as uncaught).
        .flag("-funwind-tables")
        .flag_if_supported("-fno-omit-frame-pointer")
        .warnings(true)
        .extra_warnings(true)
        .compile("wasmkiln_trap");
    // The unwinder must find no unwind information for these frames (see the file).
    cc::Build::new()
        .file("src/eh_barrier.c")
        .opt_level(2)
        .flag("-fno-exceptions")
        .flag("-fno-asynchronous-unwind-tables")
        .flag("-fno-unwind-tables")
        .flag_if_supported("-fno-omit-frame-pointer")
        .warnings(true)
        .extra_warnings(true)
        .compile("wasmkiln_eh_barrier");
}
