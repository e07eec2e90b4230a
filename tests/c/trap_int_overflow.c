// INT_MIN / -1 overflows: i32.div_s traps with "integer overflow" (not "divide by zero").
// expect-exit: 134
// expect-stdout: INT_MIN / 2 = -1073741824
// expect-stderr: error: wasm trap: integer overflow
#include <limits.h>
#include <stdio.h>

static volatile int min = INT_MIN, two = 2, minus_one = -1;

int main(void) {
    printf("INT_MIN / 2 = %d\n", min / two);
    fflush(stdout);
    int r = min / minus_one;
    printf("not reached: %d\n", r);
    return 0;
}
