/* The firmware of tests/firmware.rs: runs the checksum module (checksum.h, from --emit header)
 * and prints through semihosting (newlib's rdimon). The scenario is the first argument
 * (qemu -append): "run" computes and prints, "oob", "div0" and "stack" end in a trap, which the hook
 * below reports and turns into exit status 3. native.c prints the same lines natively. */
#include "checksum.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t wk_env_i_get__seed(wasmkiln_instance *caller) {
    (void)caller;
    return 12345;
}

void wk_env_i_report(wasmkiln_instance *caller, uint32_t round, uint32_t value) {
    (void)caller;
    printf("round %u: %08x\n", (unsigned)round, (unsigned)value);
}

void wasmkiln_trap_hook(wasmkiln_instance *instance, uint32_t code) {
    (void)instance;
    printf("trap: %s\n", wasmkiln_trap_message(code));
    exit(3);
}

int main(int argc, char **argv) {
    const char *scenario = argc > 1 ? argv[1] : "run";
    wasmkiln_instance *m = wk_checksum_instantiate();
    if (!m) {
        printf("instantiation failed\n");
        return 1;
    }
    /* WebAssembly code may use 32 KiB of stack below this frame. */
    char here;
    wasmkiln_set_stack_limit(m, (uintptr_t)&here - 32 * 1024);
    printf("memory: %u bytes\n", (unsigned)wasmkiln_memory_size(m));
    printf("checksum: %08x\n", (unsigned)wk_checksum_e_run(m, 8));
    printf("harmonic: %d\n", (int)(wk_checksum_e_harmonic(m, 1000) * 1e6));
    printf("apply: %d %d\n", (int)wk_checksum_e_apply(m, 0, 6, 7), (int)wk_checksum_e_apply(m, 1, 6, 7));
    uint32_t last = (uint32_t)wasmkiln_memory_size(m) - 4;
    printf("load: %d\n", (int)wk_checksum_e_load(m, last));
    if (strcmp(scenario, "oob") == 0) {
        printf("load past the end\n");
        wk_checksum_e_load(m, last + 1);
    } else if (strcmp(scenario, "div0") == 0) {
        printf("divide by zero\n");
        wk_checksum_e_divide(m, 1, 0);
    } else if (strcmp(scenario, "stack") == 0) {
        printf("recursion\n");
        wk_checksum_e_recurse(m, 0);
    }
    printf("done\n");
    return 0;
}
