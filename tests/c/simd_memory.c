// SIMD-128 memory instructions at every alignment: v128.load/store, load splat (8/16/32/64),
// load zero (32/64), load extend (8x8, 16x4, 32x2, signed and unsigned), lane loads and stores of
// every width (first, middle and last lane), through constant addresses, memarg offsets and
// run-time pointers; and v128 values as function parameters and results, in locals carried
// around loops, selected by a condition and kept in arrays on the stack.
// wasm-cflags: -msimd128
// wasm-simd: 50
// also-cpu: portable
#include "simd.h"

uint8_t buf[96];
uint8_t out[56];
int sizes[] = {0, 3, 1, 7, 16};

static void show_out(const char *what) {
    printf("%s:", what);
    for (int i = 0; i < (int)sizeof out; i++)
        printf(" %02x", out[i]);
    printf("\n");
}

// The offsets are memarg offsets of the loads (a run-time pointer plus a constant).
NOINLINE static void loads(const uint8_t *p) {
    show("v128_load", 8, wasm_v128_load(p));
    show("v128_load+17", 8, wasm_v128_load(p + 17));
    show("load8_splat", 8, wasm_v128_load8_splat(p + 1));
    show("load16_splat", 16, wasm_v128_load16_splat(p + 3));
    show("load32_splat", 32, wasm_v128_load32_splat(p + 5));
    show("load64_splat", 64, wasm_v128_load64_splat(p + 7));
    show("load32_zero", 32, wasm_v128_load32_zero(p + 9));
    show("load64_zero", 64, wasm_v128_load64_zero(p + 11));
    show("i16x8_load8x8", 16, wasm_i16x8_load8x8(p + 2));
    show("u16x8_load8x8", 16, wasm_u16x8_load8x8(p + 2));
    show("i32x4_load16x4", 32, wasm_i32x4_load16x4(p + 13));
    show("u32x4_load16x4", 32, wasm_u32x4_load16x4(p + 13));
    show("i64x2_load32x2", 64, wasm_i64x2_load32x2(p + 6));
    show("u64x2_load32x2", 64, wasm_u64x2_load32x2(p + 6));
    v128_t v = wasm_i64x2_const(0x0706050403020100, 0x0f0e0d0c0b0a0908);
    show("load8_lane0", 8, wasm_v128_load8_lane(p + 4, v, 0));
    show("load8_lane7", 8, wasm_v128_load8_lane(p + 4, v, 7));
    show("load8_lane15", 8, wasm_v128_load8_lane(p + 4, v, 15));
    show("load16_lane0", 16, wasm_v128_load16_lane(p + 1, v, 0));
    show("load16_lane5", 16, wasm_v128_load16_lane(p + 1, v, 5));
    show("load16_lane7", 16, wasm_v128_load16_lane(p + 1, v, 7));
    show("load32_lane0", 32, wasm_v128_load32_lane(p + 3, v, 0));
    show("load32_lane3", 32, wasm_v128_load32_lane(p + 3, v, 3));
    show("load64_lane0", 64, wasm_v128_load64_lane(p + 5, v, 0));
    show("load64_lane1", 64, wasm_v128_load64_lane(p + 5, v, 1));
}

NOINLINE static void stores(uint8_t *p, v128_t v) {
    memset(out, 0, sizeof out);
    wasm_v128_store(p, v);
    wasm_v128_store(p + 20, wasm_i8x16_add(v, v));
    show_out("v128_store");
    memset(out, 0, sizeof out);
    wasm_v128_store8_lane(p, v, 0);
    wasm_v128_store8_lane(p + 1, v, 9);
    wasm_v128_store8_lane(p + 2, v, 15);
    wasm_v128_store16_lane(p + 3, v, 0);
    wasm_v128_store16_lane(p + 5, v, 3);
    wasm_v128_store16_lane(p + 7, v, 7);
    wasm_v128_store32_lane(p + 9, v, 0);
    wasm_v128_store32_lane(p + 13, v, 2);
    wasm_v128_store32_lane(p + 17, v, 3);
    wasm_v128_store64_lane(p + 21, v, 0);
    wasm_v128_store64_lane(p + 29, v, 1);
    show_out("store_lane");
}

// v128 parameters and results; the condition picks one of two vectors.
NOINLINE static v128_t pick(int c, v128_t a, v128_t b) { return c ? a : wasm_i32x4_sub(b, a); }

NOINLINE static v128_t sum_of(const uint8_t *p, int n) {
    v128_t acc = wasm_i32x4_splat(0);
    for (int i = 0; i < n; i++)
        acc = wasm_i32x4_add(acc, wasm_u32x4_load16x4(p + 3 * i));
    return acc;
}

int main(void) {
    for (int i = 0; i < (int)sizeof buf; i++)
        buf[i] = (uint8_t)(i * 37 + 11);
    for (int off = 0; off < 16; off++) {
        printf("offset %d\n", off);
        loads(buf + off);
        stores(out + off, wasm_v128_load(buf + 2 * off));
    }
    // Constant addresses.
    show("v128_load(buf+33)", 8, wasm_v128_load(buf + 33));
    wasm_v128_store(out + 5, wasm_v128_load(buf + 50));
    show_out("v128_store(out+5)");
    v128_t kept[5];
    for (int i = 0; i < 5; i++)
        kept[i] = sum_of(buf + i, sizes[i]);
    for (int i = 0; i < 5; i++) {
        show("sum_of", 32, kept[i]);
        show("pick", 32, pick(i & 1, kept[i], kept[4 - i]));
    }
    return 0;
}
