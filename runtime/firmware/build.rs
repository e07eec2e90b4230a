// The weak default trap hook, compiled with the target's C compiler (arm-none-eabi-gcc).
fn main() {
    println!("cargo:rerun-if-changed=trap_hook.c");
    cc::Build::new().file("trap_hook.c").opt_level_str("s").compile("wasmkiln_trap_hook");
}
