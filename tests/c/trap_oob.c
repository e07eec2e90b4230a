// A store far beyond the end of linear memory traps with "out of bounds memory access" (on 64-bit
// hosts the address lands in the guard region, so the fault itself is the trap).
// expect-exit: 134
// expect-stdout: in bounds: 7
// expect-stderr: error: wasm trap: out of bounds memory access
#include <stdint.h>
#include <stdio.h>

static int cell;

int main(void) {
    *(volatile int *)&cell = 7;
    printf("in bounds: %d\n", *(volatile int *)&cell);
    fflush(stdout);
    *(volatile int *)0xFFFFFFF0u = 1;
    printf("not reached\n");
    return 0;
}
