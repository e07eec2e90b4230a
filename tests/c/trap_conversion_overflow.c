// Converting a finite double that does not fit in i32 with the trapping i32.trunc_f64_s must trap
// with "integer overflow" (a NaN would be "invalid conversion to integer", see trap_conversion.c).
// expect-exit: 134
// expect-stdout: in range: 2147483647
// expect-stderr: error: wasm trap: integer overflow
#include <stdio.h>

static volatile double edge = 2147483647.9, huge = 2147483648.0;

int main(void) {
    printf("in range: %d\n", __builtin_wasm_trunc_s_i32_f64(edge));
    fflush(stdout);
    printf("not reached: %d\n", __builtin_wasm_trunc_s_i32_f64(huge));
    return 0;
}
