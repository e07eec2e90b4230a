/* The native reference of tests/firmware/main.c: the module's C source called directly, printing
 * what the firmware prints for the "run" scenario. */
#include <stdio.h>
#define IMPORT(n)
#define EXPORT(n)
#include "checksum.c"

unsigned get_seed(void) { return 12345; }
void report(unsigned round, unsigned value) { printf("round %u: %08x\n", round, value); }

int main(void) {
    printf("memory: %u bytes\n", MEMORY_BYTES);
    printf("checksum: %08x\n", run(8));
    printf("harmonic: %d\n", (int)(harmonic(1000) * 1e6));
    printf("apply: %d %d\n", apply(0, 6, 7), apply(1, 6, 7));
    printf("load: %d\n", 0);
    printf("done\n");
    return 0;
}
