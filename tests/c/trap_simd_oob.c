// A v128.load that straddles the end of linear memory (its first 8 bytes are the last 8 of the
// memory) traps. Before it, the accesses that end exactly at the end of memory must not: a v128
// load and store of the last 16 bytes, load32_zero, load64_splat, load16x4 of the last 4 and 8,
// and a lane load and store of the last byte.
// wasm-cflags: -msimd128
// wasm-simd: 8
// expect-exit: 134
// expect-stdout: last 16 bytes: 0 0
// expect-stdout: narrower loads: 0 0 0
// expect-stdout: last byte: 5 5
// expect-stderr: error: wasm trap: out of bounds memory access
#include <stdint.h>
#include <stdio.h>
#include <wasm_simd128.h>

static volatile uintptr_t back = 8;

int main(void) {
    uint8_t *end = (uint8_t *)(__builtin_wasm_memory_size(0) * 65536);
    v128_t last = wasm_v128_load(end - 16);
    wasm_v128_store(end - 16, wasm_i8x16_add(last, last));
    printf("last 16 bytes: %d %d\n", wasm_v128_any_true(last), wasm_v128_any_true(wasm_v128_load(end - 16)));
    printf("narrower loads: %d %d %d\n", wasm_v128_any_true(wasm_v128_load32_zero(end - 4)),
           wasm_v128_any_true(wasm_v128_load64_splat(end - 8)), wasm_v128_any_true(wasm_u32x4_load16x4(end - 8)));
    wasm_v128_store8_lane(end - 1, wasm_i8x16_splat(5), 3);
    v128_t one = wasm_v128_load8_lane(end - 1, wasm_i32x4_splat(0), 15);
    printf("last byte: %d %d\n", wasm_i8x16_bitmask(one) ? -1 : end[-1], wasm_u8x16_extract_lane(wasm_i8x16_add(one, one), 15) / 2);
    fflush(stdout);
    v128_t v = wasm_v128_load(end - back);
    printf("not reached %d\n", wasm_v128_any_true(v));
    return 0;
}
