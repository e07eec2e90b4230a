/* The default trap hook of the wasmkiln firmware runtime: a weak symbol, so a firmware that
 * defines its own wasmkiln_trap_hook (to report the trap, longjmp back to its main loop, or
 * reset) replaces it. This one stops the core: an endless loop, as a debugger shows it. */
#include <stdint.h>

__attribute__((weak, noreturn)) void wasmkiln_trap_hook(void *instance, uint32_t code) {
    (void)instance;
    (void)code;
    for (;;) {
        __asm__ volatile("" ::: "memory");
    }
}
