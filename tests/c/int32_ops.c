// 32-bit integer edge cases: wrapping arithmetic, signed division and remainder (INT_MIN / -1 is
// avoided: it is undefined in C and traps in Wasm), shifts with every count, rotates, clz/ctz/popcount
// through builtins (i32.clz, i32.ctz, i32.popcnt), sign and zero extension, signed/unsigned compares.
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static const int32_t S[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, 12345, -12345, 0x7fff, -0x8000,
                            0x10000, INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1, 0x55555555,
                            (int32_t)0xaaaaaaaau, 0x12345678, (int32_t)0x80000001u};
#define NS (int)(sizeof S / sizeof S[0])

// Opaque to the optimizer, so the operations below happen at run time in the Wasm code.
static volatile int32_t sink;
static int32_t opaque(int32_t x) {
    sink = x;
    return sink;
}

static uint32_t hash = 2166136261u;
static void mix(uint32_t v) {
    hash ^= v;
    hash *= 16777619u;
}

static uint32_t rotl(uint32_t x, unsigned n) { return (x << (n & 31)) | (x >> ((32 - n) & 31)); }
static uint32_t rotr(uint32_t x, unsigned n) { return (x >> (n & 31)) | (x << ((32 - n) & 31)); }

int main(void) {
    // Division and remainder, signed and unsigned, all pairs except /0 and INT_MIN/-1.
    for (int i = 0; i < NS; i++) {
        for (int j = 0; j < NS; j++) {
            int32_t a = opaque(S[i]), b = opaque(S[j]);
            uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            mix(ua + ub);
            mix(ua - ub);
            mix(ua * ub);
            if (b != 0) {
                mix(ua / ub);
                mix(ua % ub);
                if (!(a == INT32_MIN && b == -1)) {
                    mix((uint32_t)(a / b));
                    mix((uint32_t)(a % b));
                }
            }
            mix((uint32_t)(a < b) | (uint32_t)(ua < ub) << 1 | (uint32_t)(a <= b) << 2 |
                (uint32_t)(ua >= ub) << 3 | (uint32_t)(a == b) << 4);
        }
    }
    printf("arith hash %08x\n", hash);

    // A few spelled-out cases so a failure is readable.
    int32_t m7 = opaque(-7), p2 = opaque(2), imin = opaque(INT32_MIN);
    printf("-7/2=%d -7%%2=%d 7/-2=%d 7%%-2=%d\n", m7 / p2, m7 % p2, -m7 / -p2, -m7 % -p2);
    printf("INT_MIN/2=%d INT_MIN%%3=%d INT_MIN/-2=%d\n", imin / 2, imin % 3, imin / opaque(-2));
    printf("(u)INT_MIN/3=%u 0xffffffff/7=%u\n", (uint32_t)imin / 3u, (uint32_t)opaque(-1) / 7u);
    printf("wrap: %u %u %d\n", (uint32_t)opaque(-1) + 1u, 0u - (uint32_t)opaque(1),
           (int32_t)((uint32_t)opaque(INT32_MAX) + 1u));

    // Shifts with every count 0..31, arithmetic and logical.
    hash = 2166136261u;
    for (int i = 0; i < NS; i++) {
        for (int n = 0; n < 32; n++) {
            int32_t a = opaque(S[i]);
            int32_t c = opaque(n);
            mix((uint32_t)a << c);
            mix((uint32_t)(a >> c));
            mix((uint32_t)a >> c);
            mix(rotl((uint32_t)a, (unsigned)c));
            mix(rotr((uint32_t)a, (unsigned)c));
        }
    }
    printf("shift hash %08x\n", hash);
    uint32_t x = (uint32_t)opaque(0x80000001);
    printf("shl31=%08x sar31=%08x shr31=%08x rotl1=%08x rotr1=%08x rotl0=%08x\n", x << 31,
           (uint32_t)((int32_t)x >> 31), x >> 31, rotl(x, 1), rotr(x, 1), rotl(x, 0));

    // Bit counting: defined for 0 through the conditional, which clang folds into i32.clz/ctz.
    for (int i = 0; i < NS; i++) {
        uint32_t v = (uint32_t)opaque(S[i]);
        int clz = v ? __builtin_clz(v) : 32;
        int ctz = v ? __builtin_ctz(v) : 32;
        printf("bits %08x clz=%d ctz=%d pop=%d parity=%d\n", v, clz, ctz, __builtin_popcount(v),
               __builtin_parity(v));
    }

    // Sign and zero extension (i32.extend8_s / extend16_s, and the and-masks).
    for (int i = 0; i < NS; i++) {
        int32_t v = opaque((int32_t)((uint32_t)S[i] * 0x01010101u));
        printf("ext %d %d %u %u\n", (int8_t)v, (int16_t)v, (uint8_t)v, (uint16_t)v);
    }

    // Signed versus unsigned comparison of the same bits.
    int32_t neg = opaque(-1);
    uint32_t big = (uint32_t)opaque(1);
    printf("cmp %d %d %d\n", neg < 1, (uint32_t)neg < big, (int32_t)0x80000000u < 0);

    // Multiplication high parts through 64-bit.
    uint32_t p = (uint32_t)opaque(0xdeadbeef), q = (uint32_t)opaque(0xcafebabe);
    printf("mulhi %08x %08x\n", (uint32_t)(((uint64_t)p * q) >> 32),
           (uint32_t)(((int64_t)(int32_t)p * (int32_t)q) >> 32));

    // Byte swap and abs.
    printf("bswap %08x abs %d %d\n", __builtin_bswap32(p), __builtin_abs(opaque(-42)),
           __builtin_abs(opaque(INT32_MIN + 1)));
    return 0;
}
