// Unbounded recursion exhausts the native stack: it must end in the "call stack exhausted" trap, not
// in a crash. The recursion is not a tail call and keeps everything in Wasm locals (no shadow stack in
// linear memory, which would run out first and fault differently).
// expect-exit: 134
// expect-stdout: recursing forever
// expect-stderr: error: wasm trap: call stack exhausted
#include <stdio.h>

static volatile unsigned limit = 0xffffffffu;

__attribute__((noinline)) static unsigned deep(unsigned n) {
    if (n == limit) return 0;
    return deep(n + 1) * 3 + n;
}

int main(void) {
    printf("recursing forever\n");
    fflush(stdout);
    printf("not reached %u\n", deep(0));
    return 0;
}
