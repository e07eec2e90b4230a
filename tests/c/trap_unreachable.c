// __builtin_trap() compiles to the unreachable instruction.
// expect-exit: 134
// expect-stdout: before the trap
// expect-stderr: error: wasm trap: unreachable
#include <stdio.h>

static volatile int go = 1;

int main(void) {
    printf("before the trap\n");
    fflush(stdout);
    if (go) __builtin_trap();
    printf("not reached\n");
    return 0;
}
