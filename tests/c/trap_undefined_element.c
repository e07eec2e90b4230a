// A function pointer whose value is past the end of the function table: call_indirect traps with
// "undefined element".
// expect-exit: 134
// expect-stdout: valid call: 42
// expect-stderr: error: wasm trap: undefined element
#include <stdint.h>
#include <stdio.h>

static int answer(void) { return 42; }
static int (*volatile fp)(void) = answer;
static volatile uintptr_t bogus = 100000;

int main(void) {
    printf("valid call: %d\n", fp());
    fflush(stdout);
    fp = (int (*)(void))bogus;
    printf("not reached: %d\n", fp());
    return 0;
}
