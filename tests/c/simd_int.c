// SIMD-128 integer instructions on vectors of edge values (0, ±1, the minimum and maximum of each
// lane type, mixed patterns): add/sub/mul, saturating add/sub, min/max, avgr, abs, neg, popcnt,
// shifts (by counts from 0 to past twice the lane width, and negative: taken modulo the width),
// comparisons of every lane type, bitwise operations, any_true/all_true/bitmask, saturating
// narrowing, extend low/high, extmul, extadd_pairwise, dot and q15mulr_sat.
// wasm-cflags: -msimd128
// wasm-simd: 1000
// also-cpu: portable
#include "simd.h"

uint64_t in[][2] = {
    {0x80ff7f0100017ffe, 0x8000000000007fff}, {0xffffffff80000000, 0x7fffffffffffffff},
    {0x0123456789abcdef, 0xfedcba9876543210}, {0x8000800080008000, 0x80007fff8000ffff},
    {0xffffffffffffffff, 0xffffffffffffffff}, {0x7f7f808001010202, 0xc0c040403f3fbfbf},
    {0, 0},
};
#define N_IN (int)(sizeof in / sizeof in[0])
int pairs[][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 0}, {3, 3}, {5, 2}, {1, 0}};
#define N_PAIRS (int)(sizeof pairs / sizeof pairs[0])
int counts[] = {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, -1};

static v128_t vec(int i) { return wasm_v128_load(in[i]); }

#define BINARY(bits, op)                                                                          \
    for (int i = 0; i < N_PAIRS; i++)                                                             \
        show(#op, bits, op(vec(pairs[i][0]), vec(pairs[i][1])));
#define UNARY(bits, op)                                                                           \
    for (int i = 0; i < N_IN; i++)                                                                \
        show(#op, bits, op(vec(i)));
#define TO_INT(op)                                                                                \
    for (int i = 0; i < N_IN; i++)                                                                \
        printf("%s: %d\n", #op, (int)op(vec(i)));
#define SHIFT(bits, op)                                                                           \
    for (int i = 0; i < (int)(sizeof counts / sizeof counts[0]); i++) {                           \
        char what[48];                                                                            \
        snprintf(what, sizeof what, "%s(%d)", #op, counts[i]);                                    \
        show(what, bits, op(vec(0), counts[i]));                                                  \
        show(what, bits, op(vec(5), counts[i]));                                                  \
    }

static void arithmetic(void) {
    BINARY(8, wasm_i8x16_add) BINARY(16, wasm_i16x8_add) BINARY(32, wasm_i32x4_add) BINARY(64, wasm_i64x2_add)
    BINARY(8, wasm_i8x16_sub) BINARY(16, wasm_i16x8_sub) BINARY(32, wasm_i32x4_sub) BINARY(64, wasm_i64x2_sub)
    BINARY(16, wasm_i16x8_mul) BINARY(32, wasm_i32x4_mul) BINARY(64, wasm_i64x2_mul)
    BINARY(8, wasm_i8x16_add_sat) BINARY(8, wasm_u8x16_add_sat) BINARY(16, wasm_i16x8_add_sat) BINARY(16, wasm_u16x8_add_sat)
    BINARY(8, wasm_i8x16_sub_sat) BINARY(8, wasm_u8x16_sub_sat) BINARY(16, wasm_i16x8_sub_sat) BINARY(16, wasm_u16x8_sub_sat)
    BINARY(8, wasm_i8x16_min) BINARY(8, wasm_u8x16_min) BINARY(16, wasm_i16x8_min) BINARY(16, wasm_u16x8_min)
    BINARY(32, wasm_i32x4_min) BINARY(32, wasm_u32x4_min)
    BINARY(8, wasm_i8x16_max) BINARY(8, wasm_u8x16_max) BINARY(16, wasm_i16x8_max) BINARY(16, wasm_u16x8_max)
    BINARY(32, wasm_i32x4_max) BINARY(32, wasm_u32x4_max)
    BINARY(8, wasm_u8x16_avgr) BINARY(16, wasm_u16x8_avgr)
    UNARY(8, wasm_i8x16_abs) UNARY(16, wasm_i16x8_abs) UNARY(32, wasm_i32x4_abs) UNARY(64, wasm_i64x2_abs)
    UNARY(8, wasm_i8x16_neg) UNARY(16, wasm_i16x8_neg) UNARY(32, wasm_i32x4_neg) UNARY(64, wasm_i64x2_neg)
    UNARY(8, wasm_i8x16_popcnt)
}

static void shifts(void) {
    SHIFT(8, wasm_i8x16_shl) SHIFT(8, wasm_i8x16_shr) SHIFT(8, wasm_u8x16_shr)
    SHIFT(16, wasm_i16x8_shl) SHIFT(16, wasm_i16x8_shr) SHIFT(16, wasm_u16x8_shr)
    SHIFT(32, wasm_i32x4_shl) SHIFT(32, wasm_i32x4_shr) SHIFT(32, wasm_u32x4_shr)
    SHIFT(64, wasm_i64x2_shl) SHIFT(64, wasm_i64x2_shr) SHIFT(64, wasm_u64x2_shr)
    // Constant counts (an i32.const operand in Wasm).
    show("i8x16_shl(9)", 8, wasm_i8x16_shl(vec(5), 9));
    show("u8x16_shr(3)", 8, wasm_u8x16_shr(vec(5), 3));
    show("i16x8_shr(17)", 16, wasm_i16x8_shr(vec(0), 17));
    show("i32x4_shl(35)", 32, wasm_i32x4_shl(vec(2), 35));
    show("u32x4_shr(31)", 32, wasm_u32x4_shr(vec(1), 31));
    show("i64x2_shr(65)", 64, wasm_i64x2_shr(vec(1), 65));
    show("u64x2_shr(4)", 64, wasm_u64x2_shr(vec(2), 4));
}

static void comparisons(void) {
    BINARY(8, wasm_i8x16_eq) BINARY(16, wasm_i16x8_eq) BINARY(32, wasm_i32x4_eq) BINARY(64, wasm_i64x2_eq)
    BINARY(8, wasm_i8x16_ne) BINARY(16, wasm_i16x8_ne) BINARY(32, wasm_i32x4_ne) BINARY(64, wasm_i64x2_ne)
    BINARY(8, wasm_i8x16_lt) BINARY(8, wasm_u8x16_lt) BINARY(16, wasm_i16x8_lt) BINARY(16, wasm_u16x8_lt)
    BINARY(32, wasm_i32x4_lt) BINARY(32, wasm_u32x4_lt) BINARY(64, wasm_i64x2_lt)
    BINARY(8, wasm_i8x16_gt) BINARY(8, wasm_u8x16_gt) BINARY(16, wasm_i16x8_gt) BINARY(16, wasm_u16x8_gt)
    BINARY(32, wasm_i32x4_gt) BINARY(32, wasm_u32x4_gt) BINARY(64, wasm_i64x2_gt)
    BINARY(8, wasm_i8x16_le) BINARY(8, wasm_u8x16_le) BINARY(16, wasm_i16x8_le) BINARY(16, wasm_u16x8_le)
    BINARY(32, wasm_i32x4_le) BINARY(32, wasm_u32x4_le) BINARY(64, wasm_i64x2_le)
    BINARY(8, wasm_i8x16_ge) BINARY(8, wasm_u8x16_ge) BINARY(16, wasm_i16x8_ge) BINARY(16, wasm_u16x8_ge)
    BINARY(32, wasm_i32x4_ge) BINARY(32, wasm_u32x4_ge) BINARY(64, wasm_i64x2_ge)
}

static void bitwise(void) {
    BINARY(64, wasm_v128_and) BINARY(64, wasm_v128_or) BINARY(64, wasm_v128_xor) BINARY(64, wasm_v128_andnot)
    UNARY(64, wasm_v128_not)
    for (int i = 0; i < N_PAIRS; i++)
        show("wasm_v128_bitselect", 64, wasm_v128_bitselect(vec(pairs[i][0]), vec(pairs[i][1]), vec(2)));
    TO_INT(wasm_v128_any_true)
    TO_INT(wasm_i8x16_all_true) TO_INT(wasm_i16x8_all_true) TO_INT(wasm_i32x4_all_true) TO_INT(wasm_i64x2_all_true)
    TO_INT(wasm_i8x16_bitmask) TO_INT(wasm_i16x8_bitmask) TO_INT(wasm_i32x4_bitmask) TO_INT(wasm_i64x2_bitmask)
}

static void widening(void) {
    BINARY(8, wasm_i8x16_narrow_i16x8) BINARY(8, wasm_u8x16_narrow_i16x8)
    BINARY(16, wasm_i16x8_narrow_i32x4) BINARY(16, wasm_u16x8_narrow_i32x4)
    UNARY(16, wasm_i16x8_extend_low_i8x16) UNARY(16, wasm_i16x8_extend_high_i8x16)
    UNARY(16, wasm_u16x8_extend_low_u8x16) UNARY(16, wasm_u16x8_extend_high_u8x16)
    UNARY(32, wasm_i32x4_extend_low_i16x8) UNARY(32, wasm_i32x4_extend_high_i16x8)
    UNARY(32, wasm_u32x4_extend_low_u16x8) UNARY(32, wasm_u32x4_extend_high_u16x8)
    UNARY(64, wasm_i64x2_extend_low_i32x4) UNARY(64, wasm_i64x2_extend_high_i32x4)
    UNARY(64, wasm_u64x2_extend_low_u32x4) UNARY(64, wasm_u64x2_extend_high_u32x4)
    BINARY(16, wasm_i16x8_extmul_low_i8x16) BINARY(16, wasm_i16x8_extmul_high_i8x16)
    BINARY(16, wasm_u16x8_extmul_low_u8x16) BINARY(16, wasm_u16x8_extmul_high_u8x16)
    BINARY(32, wasm_i32x4_extmul_low_i16x8) BINARY(32, wasm_i32x4_extmul_high_i16x8)
    BINARY(32, wasm_u32x4_extmul_low_u16x8) BINARY(32, wasm_u32x4_extmul_high_u16x8)
    BINARY(64, wasm_i64x2_extmul_low_i32x4) BINARY(64, wasm_i64x2_extmul_high_i32x4)
    BINARY(64, wasm_u64x2_extmul_low_u32x4) BINARY(64, wasm_u64x2_extmul_high_u32x4)
    UNARY(16, wasm_i16x8_extadd_pairwise_i8x16) UNARY(16, wasm_u16x8_extadd_pairwise_u8x16)
    UNARY(32, wasm_i32x4_extadd_pairwise_i16x8) UNARY(32, wasm_u32x4_extadd_pairwise_u16x8)
    BINARY(32, wasm_i32x4_dot_i16x8)
    BINARY(16, wasm_i16x8_q15mulr_sat)
}

int main(void) {
    arithmetic();
    shifts();
    comparisons();
    bitwise();
    widening();
    return 0;
}
