/* The sandbox settings baked into an executable at compile time (see config.rs): the compiler
 * emits them as the NUL-terminated constant `wasmkiln_sandbox_config` when there are any. The
 * reference is weak, so an executable without settings (and every embedder) links without it
 * and sees a null pointer. */

extern const char wasmkiln_sandbox_config[] __attribute__((weak));

const char *wasmkiln_baked_sandbox_config(void) {
    return wasmkiln_sandbox_config;
}
