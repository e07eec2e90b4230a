// Calling a function through a pointer of the wrong type: the table entry exists but its signature
// differs from the call's, so call_indirect traps with "indirect call type mismatch".
// expect-exit: 134
// expect-stdout: right type: 49
// expect-stderr: error: wasm trap: indirect call type mismatch
#include <stdio.h>

static int square(int x) { return x * x; }
typedef int (*int_fn)(int);
typedef double (*double_fn)(double, double);
static volatile int_fn fp = square;

int main(void) {
    printf("right type: %d\n", fp(7));
    fflush(stdout);
    double_fn wrong = (double_fn)fp;
    printf("not reached: %g\n", wrong(1.0, 2.0));
    return 0;
}
