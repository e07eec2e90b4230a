// Converting a NaN to int with the trapping i32.trunc_f64_s must trap with "invalid conversion to
// integer" (an out-of-range finite value would be "integer overflow"). (A plain C cast does not produce that instruction: clang guards it and yields
// INT_MIN, since the C behaviour is undefined anyway; the builtin asks for the raw instruction. This
// program is Wasm-only, which is fine for a trap test: no native reference is built.)
// expect-exit: 134
// expect-stdout: in range: -3
// expect-stderr: error: wasm trap: invalid conversion to integer
#include <stdio.h>

static volatile double ok = -3.75, not_a_number = __builtin_nan("");

int main(void) {
    printf("in range: %d\n", __builtin_wasm_trunc_s_i32_f64(ok));
    fflush(stdout);
    printf("not reached: %d\n", __builtin_wasm_trunc_s_i32_f64(not_a_number));
    return 0;
}
