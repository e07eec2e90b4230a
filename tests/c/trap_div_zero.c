// Integer division by zero traps (i32.div_s with a zero divisor only known at run time). The output
// printed (and flushed: Wasm's libc buffers stdout in linear memory) before the trap must appear.
// expect-exit: 134
// expect-stdout: 10 / 3 = 3
// expect-stdout: about to divide by zero
// expect-stderr: error: wasm trap: integer divide by zero
#include <stdio.h>

static volatile int zero = 0, ten = 10, three = 3;

int main(void) {
    printf("10 / 3 = %d\n", ten / three);
    printf("about to divide by zero\n");
    fflush(stdout);
    int r = ten / zero;
    printf("not reached: %d\n", r);
    return 0;
}
