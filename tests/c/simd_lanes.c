// SIMD-128 lane instructions: v128.const of every shape, splat of run-time scalars, vectors made
// lane by lane (wasm_*_make), extract_lane (signed and unsigned) and replace_lane of every lane of
// every shape, i8x16.shuffle with patterns taking lanes from either operand, and swizzle with
// indices in and out of range (16 and above select 0).
// wasm-cflags: -msimd128
// wasm-simd: 100
// also-cpu: portable
#include "simd.h"

uint64_t in[][2] = {{0x8786858483828180, 0x8f8e8d8c8b8a8988}, {0x1716151413121110, 0x1f1e1d1c1b1a1918}};
uint64_t idx[][2] = {{0x0706050403020100, 0x0f0e0d0c0b0a0908}, {0x0001020304050607, 0x08090a0b0c0d0e0f},
                     {0xff8011101f200f0e, 0x0302017f10c80809}, {0x0505050505050505, 0x1005050505050511}};
int32_t scalars[] = {-2, 0x7f, 0x8081, 0x12345678};
int64_t scalar64 = -0x123456789abcdefLL;
float scalar_f32 = -1.25f;
double scalar_f64 = 6.02214076e23;

static v128_t vec(uint64_t *v) { return wasm_v128_load(v); }

static void constants(void) {
    show("i8x16_const", 8, wasm_i8x16_const(0, 1, -1, 127, -128, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -2));
    show("i16x8_const", 16, wasm_i16x8_const(0, 1, -1, 32767, -32768, 0x1234, 6, 7));
    show("i32x4_const", 32, wasm_i32x4_const(0, -1, 0x7fffffff, (int32_t)0x80000000));
    show("i64x2_const", 64, wasm_i64x2_const(-1, 0x0123456789abcdefLL));
    show_f32("f32x4_const", wasm_f32x4_const(0.0f, -0.0f, 1.5f, -INFINITY));
    show_f64("f64x2_const", wasm_f64x2_const(-0.0, 1e300));
    show("v128_zero", 64, wasm_i64x2_const(0, 0));
    show("v128_ones", 64, wasm_i64x2_const(-1, -1));
}

static void splats(void) {
    for (int i = 0; i < 4; i++) {
        show("i8x16_splat", 8, wasm_i8x16_splat(scalars[i]));
        show("i16x8_splat", 16, wasm_i16x8_splat(scalars[i]));
        show("i32x4_splat", 32, wasm_i32x4_splat(scalars[i]));
    }
    show("i64x2_splat", 64, wasm_i64x2_splat(scalar64));
    show_f32("f32x4_splat", wasm_f32x4_splat(scalar_f32));
    show_f64("f64x2_splat", wasm_f64x2_splat(scalar_f64));
    int a = scalars[0], b = scalars[1], c = scalars[2], d = scalars[3];
    show("i8x16_make", 8, wasm_i8x16_make(a, b, c, d, 1, 2, 3, 4, d, c, b, a, 5, 6, 7, 8));
    show("i16x8_make", 16, wasm_i16x8_make(a, b, c, d, d, c, b, 9));
    show("i32x4_make", 32, wasm_i32x4_make(d, c, 0, a));
    show("i64x2_make", 64, wasm_i64x2_make(scalar64, a));
    show_f32("f32x4_make", wasm_f32x4_make(scalar_f32, 2.0f, scalar_f32 * 3, 0.5f));
    show_f64("f64x2_make", wasm_f64x2_make(scalar_f64, scalar_f32));
}

// One lane each, for extract(): of v (integers), f (f32x4) and d (f64x2).
#define I8(i) printf(" %d", wasm_i8x16_extract_lane(v, i));
#define U8(i) printf(" %u", wasm_u8x16_extract_lane(v, i));
#define I16(i) printf(" %d", wasm_i16x8_extract_lane(v, i));
#define U16(i) printf(" %u", wasm_u16x8_extract_lane(v, i));
#define I32(i) printf(" %d", wasm_i32x4_extract_lane(v, i));
#define I64(i) printf(" %lld", (long long)wasm_i64x2_extract_lane(v, i));
#define F32(i) put_float(wasm_f32x4_extract_lane(f, i), 9);
#define F64(i) put_float(wasm_f64x2_extract_lane(d, i), 17);
#define EACH(title, LANES, X) printf("%s:", title), LANES(X) printf("\n");

static void extract(void) {
    v128_t v = vec(in[0]);
    v128_t f = wasm_f32x4_make(scalar_f32, -0.0f, 3.5f, 1e30f);
    v128_t d = wasm_f64x2_make(scalar_f64, -2.0);
    EACH("i8x16_extract_lane", LANES16, I8) EACH("u8x16_extract_lane", LANES16, U8)
    EACH("i16x8_extract_lane", LANES8, I16) EACH("u16x8_extract_lane", LANES8, U16)
    EACH("i32x4_extract_lane", LANES4, I32) EACH("i64x2_extract_lane", LANES2, I64)
    EACH("f32x4_extract_lane", LANES4, F32) EACH("f64x2_extract_lane", LANES2, F64)
}

// One lane each, for replace(): a vector with that lane replaced by s (or a float).
#define R8(i) show("i8x16_replace_lane", 8, wasm_i8x16_replace_lane(vec(in[0]), i, s));
#define R16(i) show("i16x8_replace_lane", 16, wasm_i16x8_replace_lane(vec(in[0]), i, s));
#define R32(i) show("i32x4_replace_lane", 32, wasm_i32x4_replace_lane(vec(in[0]), i, s));
#define R64(i) show("i64x2_replace_lane", 64, wasm_i64x2_replace_lane(vec(in[0]), i, scalar64));
#define RF32(i) show_f32("f32x4_replace_lane", wasm_f32x4_replace_lane(wasm_f32x4_splat(1), i, scalar_f32));
#define RF64(i) show_f64("f64x2_replace_lane", wasm_f64x2_replace_lane(wasm_f64x2_splat(1), i, scalar_f64));

static void replace(void) {
    int s = scalars[3];
    LANES16(R8) LANES8(R16) LANES4(R32) LANES2(R64) LANES4(RF32) LANES2(RF64)
}

static void shuffles(void) {
    v128_t a = vec(in[0]), b = vec(in[1]);
    show("shuffle identity", 8, wasm_i8x16_shuffle(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    show("shuffle second", 8, wasm_i8x16_shuffle(a, b, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31));
    show("shuffle reverse", 8, wasm_i8x16_shuffle(a, b, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
    show("shuffle interleave", 8, wasm_i8x16_shuffle(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
    show("shuffle broadcast", 8, wasm_i8x16_shuffle(a, b, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5));
    show("shuffle mixed", 8, wasm_i8x16_shuffle(a, b, 31, 0, 30, 1, 7, 7, 16, 16, 3, 19, 15, 24, 8, 9, 28, 2));
    show("shuffle same", 8, wasm_i8x16_shuffle(a, a, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31));
    show("i16x8_shuffle", 16, wasm_i16x8_shuffle(a, b, 7, 15, 0, 8, 3, 3, 12, 1));
    show("i32x4_shuffle", 32, wasm_i32x4_shuffle(a, b, 3, 6, 1, 4));
    show("i64x2_shuffle", 64, wasm_i64x2_shuffle(a, b, 1, 2));
    for (int i = 0; i < 4; i++) {
        show("swizzle", 8, wasm_i8x16_swizzle(a, vec(idx[i])));
        show("swizzle", 8, wasm_i8x16_swizzle(b, vec(idx[i])));
    }
}

int main(void) {
    constants();
    splats();
    extract();
    replace();
    shuffles();
    return 0;
}
