/* The boundary between the host and Wasm code for exceptions: the runtime enters Wasm (array-call
 * trampolines, `init`) through these functions, which are compiled WITHOUT unwind information
 * (build.rs). The unwinder's search stops at a frame it cannot unwind (_URC_END_OF_STACK), so a
 * Wasm exception that no Wasm frame catches can never reach the host's Rust frames (where
 * `catch_unwind` would abort on a foreign exception): `_Unwind_RaiseException` returns to the
 * `throw` libcall, which ends the call as an uncaught exception. Generated trampolines catch
 * every exception themselves; this is the safety net for code that does not. Rust panics never
 * cross it either: they are carried across catch_traps' C frame (trap.rs). */

void wasmkiln_enter_array(void (*f)(void *, void *), void *vmctx, void *values) {
    f(vmctx, values);
    __asm__ volatile("" ::: "memory"); /* no tail call: this frame must stay on the stack */
}

void wasmkiln_enter_init(void (*f)(void *), void *vmctx) {
    f(vmctx);
    __asm__ volatile("" ::: "memory");
}
