// Unsigned 64-bit remainder by zero traps too (i64.rem_u).
// expect-exit: 134
// expect-stderr: error: wasm trap: integer divide by zero
#include <stdint.h>
#include <stdio.h>

static volatile uint64_t big = 0x123456789abcdefULL, zero = 0;

int main(void) {
    uint64_t r = big % zero;
    printf("not reached: %llu\n", (unsigned long long)r);
    return 0;
}
