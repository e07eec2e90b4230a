// 64-bit integer arithmetic: multiplication, signed/unsigned division and remainder, shifts and
// rotates with every count, clz/ctz/popcount on i64, mixed 32/64-bit expressions (extend/wrap), and
// 128-bit multiplication (__multi3, built from i64 operations; Debian's wasm32 compiler-rt cannot
// link 128-bit division, it was built with a stack protector).
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static const int64_t S[] = {0, 1, -1, 2, -3, 10, -10, 1000000007, -1000000007, 0xffffffffLL,
                            0x100000000LL, -0x100000000LL, 0x7fffffffffffffffLL,
                            (int64_t)0x8000000000000000ULL, 0x123456789abcdefLL,
                            (int64_t)0xfedcba9876543210ULL, 0x5555555555555555LL, 3037000499LL};
#define NS (int)(sizeof S / sizeof S[0])

static volatile int64_t sink;
static int64_t opaque(int64_t x) {
    sink = x;
    return sink;
}

static uint64_t hash = 1469598103934665603ULL;
static void mix(uint64_t v) {
    hash ^= v;
    hash *= 1099511628211ULL;
}

static uint64_t rotl64(uint64_t x, unsigned n) { return (x << (n & 63)) | (x >> ((64 - n) & 63)); }

int main(void) {
    for (int i = 0; i < NS; i++) {
        for (int j = 0; j < NS; j++) {
            int64_t a = opaque(S[i]), b = opaque(S[j]);
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            mix(ua + ub);
            mix(ua - ub);
            mix(ua * ub);
            if (b != 0) {
                mix(ua / ub);
                mix(ua % ub);
                if (!(a == INT64_MIN && b == -1)) {
                    mix((uint64_t)(a / b));
                    mix((uint64_t)(a % b));
                }
            }
            mix((uint64_t)((a < b) | (ua < ub) << 1 | (a >= b) << 2 | (a != b) << 3));
        }
    }
    printf("arith hash %016" PRIx64 "\n", hash);

    hash = 1469598103934665603ULL;
    for (int i = 0; i < NS; i++) {
        for (int n = 0; n < 64; n++) {
            uint64_t a = (uint64_t)opaque(S[i]);
            unsigned c = (unsigned)opaque(n);
            mix(a << c);
            mix((uint64_t)((int64_t)a >> c));
            mix(a >> c);
            mix(rotl64(a, c));
        }
    }
    printf("shift hash %016" PRIx64 "\n", hash);

    for (int i = 0; i < NS; i++) {
        uint64_t v = (uint64_t)opaque(S[i]);
        printf("bits %016" PRIx64 " clz=%d ctz=%d pop=%d\n", v, v ? __builtin_clzll(v) : 64,
               v ? __builtin_ctzll(v) : 64, __builtin_popcountll(v));
    }

    // Spelled-out cases.
    int64_t big = opaque(INT64_MAX), mn = opaque(INT64_MIN);
    printf("%" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 "\n", big / 7, big % 7, mn / 7, mn % 7);
    printf("%" PRIu64 " %" PRIu64 "\n", (uint64_t)mn / 3, (uint64_t)opaque(-1) % UINT64_C(1000000007));
    printf("%" PRId64 " %" PRId64 "\n", opaque(-17) / 5, opaque(-17) % 5);
    printf("mul %" PRIu64 " %" PRId64 "\n", (uint64_t)opaque(3037000499LL) * UINT64_C(3037000499),
           opaque(-123456789) * opaque(987654321));

    // Mixed widths: sign and zero extension of i32 into i64, wrapping i64 to i32.
    int32_t n32 = (int32_t)opaque(-5);
    uint32_t u32 = (uint32_t)opaque(0xfffffffb);
    int64_t w = opaque(0x123456789LL);
    printf("mixed %" PRId64 " %" PRId64 " %" PRIu64 " %d %u\n", (int64_t)n32 * INT64_C(1000000000),
           (int64_t)u32 * 3, (uint64_t)u32 << 20, (int32_t)w, (uint32_t)(w >> 4));
    printf("mixed2 %" PRId64 " %" PRId64 "\n", (int64_t)n32 + (int64_t)u32, w / n32);

    // 128-bit products through __multi3 and friends.
    unsigned __int128 p = (unsigned __int128)(uint64_t)opaque(0xfedcba9876543210LL) *
                          (uint64_t)opaque(0x0123456789abcdefLL);
    printf("u128 %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)(p >> 64), (uint64_t)p);
    __int128 q = (__int128)opaque(-0x7654321076543210LL) * opaque(0x1234567812345678LL);
    printf("i128 %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)((unsigned __int128)q >> 64), (uint64_t)q);

    // Fibonacci mod 2^64 and a 64-bit LCG.
    uint64_t f0 = 0, f1 = 1;
    for (int i = 0; i < (int)opaque(200); i++) {
        uint64_t t = f0 + f1;
        f0 = f1;
        f1 = t;
    }
    uint64_t s = (uint64_t)opaque(42);
    for (int i = 0; i < 1000; i++) s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    printf("fib200 %" PRIu64 " lcg %" PRIu64 " bswap %016" PRIx64 "\n", f0, s, __builtin_bswap64(s));
    return 0;
}
