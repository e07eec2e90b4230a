// SIMD-128 float instructions on vectors of edge values (±0, ±1, ±inf, NaNs with and without
// payload, signalling NaNs, the largest and smallest values, halfway cases): add/sub/mul/div,
// min/max (NaN in, NaN out; -0 below +0) against pmin/pmax (the first operand unless the second
// is less), sqrt, ceil/floor/trunc/nearest, abs/neg (exact bits, NaNs included), comparisons, and
// the conversions: trunc_sat (NaN and out of range), convert, demote/promote.
// wasm-cflags: -msimd128
// wasm-simd: 200
// also-cpu: portable
#include "simd.h"

lanes f32_in[] = {
    {.f32 = {0.0f, -0.0f, 1.0f, -1.0f}},
    {.u32 = {0x80000000, 0x00000000, 0x7fc00000, 0x3fc00000}}, // -0, +0, NaN, 1.5
    {.f32 = {INFINITY, -INFINITY, 2.5f, -2.5f}},
    {.u32 = {0x7fc00000, 0xffc01234, 0x3f000000, 0xbf000000}}, // NaN, -NaN:0x1234, 0.5, -0.5
    {.f32 = {3.40282347e38f, 1.4e-45f, -1e-38f, 16777216.0f}},
    {.f32 = {3e9f, -3e9f, 4.5e9f, 2147483520.0f}},
    {.f32 = {0.1f, 1.0f / 3, 7.0f, -7.75f}},
    {.f32 = {2147483648.0f, -2147483648.0f, -2147483904.0f, 4294967040.0f}},
    {.u32 = {0x7fa00000, 0xbf7d70a4, 0x4f800000, 0xff800001}}, // sNaN, -0.99, 2^32, -sNaN
};
lanes f64_in[] = {
    {.f64 = {0.0, -0.0}},
    {.f64 = {-0.0, 0.0}},
    {.u64 = {0x7ff8000000000000, 0x3ff0000000000000}}, // NaN, 1
    {.u64 = {0x3ff0000000000000, 0xfff8000000001234}}, // 1, -NaN:0x1234
    {.f64 = {INFINITY, -INFINITY}},
    {.f64 = {2.5, -0.5}},
    {.f64 = {0.5, -1.5}},
    {.f64 = {1.7976931348623157e308, 4.9406564584124654e-324}},
    {.f64 = {0.1, -1e300}},
    {.f64 = {3e9, -3e9}},
    {.f64 = {4294967295.5, -0.99}},
    {.f64 = {2147483647.9, -2147483648.9}},
    {.f64 = {3.4028235677973366e38, 1e-46}},
    {.f64 = {1.0000000596046448, 1.0000001788139343}}, // halfway between two floats
    {.u64 = {0x7ff4000000000000, 0xbff8000000000000}}, // sNaN, -1.5
};
lanes i32_in[] = {
    {.u32 = {0x7fffffff, 0x80000000, 0xffffffff, 1}},
    {.u32 = {0x01000001, 0x7fffffc0, 123456789, (uint32_t)-123456789}},
    {.u32 = {0xffffff80, 0x00ffffff, 0x80000080, 0}},
};
int f32_pairs[][2] = {{0, 1}, {1, 0}, {1, 3}, {3, 1}, {0, 0}, {2, 2}, {2, 6}, {6, 2},
                      {4, 4}, {4, 6}, {5, 7}, {3, 3}, {6, 0}, {8, 2}, {2, 8}};
int f64_pairs[][2] = {{0, 1}, {1, 0}, {2, 3}, {3, 2}, {0, 2}, {4, 4}, {4, 5}, {5, 6},
                      {6, 5}, {7, 7}, {8, 9}, {2, 2}, {1, 1}, {13, 14}, {14, 4}};
#define COUNT(a) (int)(sizeof a / sizeof a[0])

static v128_t vec(lanes *in, int i) { return wasm_v128_load(&in[i]); }

#define BINARY(show, ty, op)                                                                      \
    for (int i = 0; i < COUNT(ty##_pairs); i++)                                                   \
        show(#op, op(vec(ty##_in, ty##_pairs[i][0]), vec(ty##_in, ty##_pairs[i][1])));
#define UNARY(show, ty, op)                                                                       \
    for (int i = 0; i < COUNT(ty##_in); i++)                                                      \
        show(#op, op(vec(ty##_in, i)));
#define BITS32(what, v) show(what, 32, v)
#define BITS64(what, v) show(what, 64, v)

// Every operation of one float shape (f32x4 or f64x2) on the inputs of its type (f32 or f64).
#define FLOAT_OPS(shape, ty, show_float, show_bits)                                              \
    BINARY(show_float, ty, wasm_##shape##_add) BINARY(show_float, ty, wasm_##shape##_sub)         \
    BINARY(show_float, ty, wasm_##shape##_mul) BINARY(show_float, ty, wasm_##shape##_div)         \
    BINARY(show_float, ty, wasm_##shape##_min) BINARY(show_float, ty, wasm_##shape##_max)         \
    BINARY(show_float, ty, wasm_##shape##_pmin) BINARY(show_float, ty, wasm_##shape##_pmax)       \
    UNARY(show_float, ty, wasm_##shape##_sqrt) UNARY(show_float, ty, wasm_##shape##_ceil)         \
    UNARY(show_float, ty, wasm_##shape##_floor) UNARY(show_float, ty, wasm_##shape##_trunc)       \
    UNARY(show_float, ty, wasm_##shape##_nearest)                                                 \
    UNARY(show_bits, ty, wasm_##shape##_abs) UNARY(show_bits, ty, wasm_##shape##_neg)             \
    BINARY(show_bits, ty, wasm_##shape##_eq) BINARY(show_bits, ty, wasm_##shape##_ne)             \
    BINARY(show_bits, ty, wasm_##shape##_lt) BINARY(show_bits, ty, wasm_##shape##_gt)             \
    BINARY(show_bits, ty, wasm_##shape##_le) BINARY(show_bits, ty, wasm_##shape##_ge)

static void conversions(void) {
    UNARY(BITS32, f32, wasm_i32x4_trunc_sat_f32x4) UNARY(BITS32, f32, wasm_u32x4_trunc_sat_f32x4)
    UNARY(BITS32, f64, wasm_i32x4_trunc_sat_f64x2_zero) UNARY(BITS32, f64, wasm_u32x4_trunc_sat_f64x2_zero)
    UNARY(show_f32, i32, wasm_f32x4_convert_i32x4) UNARY(show_f32, i32, wasm_f32x4_convert_u32x4)
    UNARY(show_f64, i32, wasm_f64x2_convert_low_i32x4) UNARY(show_f64, i32, wasm_f64x2_convert_low_u32x4)
    UNARY(show_f32, f64, wasm_f32x4_demote_f64x2_zero)
    UNARY(show_f64, f32, wasm_f64x2_promote_low_f32x4)
}

int main(void) {
    FLOAT_OPS(f32x4, f32, show_f32, BITS32)
    FLOAT_OPS(f64x2, f64, show_f64, BITS64)
    conversions();
    return 0;
}
