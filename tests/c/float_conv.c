// Conversions between integers and floats in both directions: i32/u32/i64/u64 <-> f32/f64 with large
// values and round-to-nearest-even cases (u64 -> f32 is the classic trap for code generators),
// f32 <-> f64 (promote/demote), float -> int truncation toward zero, and saturating casts written safely
// in C (range-checked first, so the trapping trunc instructions only see in-range values).
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static volatile double vd;
static volatile float vf;
static volatile uint64_t vu;
static volatile int64_t vi;
static double D(double x) { vd = x; return vd; }
static float F(float x) { vf = x; return vf; }
static uint64_t U(uint64_t x) { vu = x; return vu; }
static int64_t I(int64_t x) { vi = x; return vi; }

static int32_t sat_i32(double d) {
    if (isnan(d)) return 0;
    if (d <= -2147483648.0) return INT32_MIN;
    if (d >= 2147483647.0) return INT32_MAX;
    return (int32_t)d;
}
static uint32_t sat_u32(double d) {
    if (isnan(d) || d <= 0) return 0;
    if (d >= 4294967295.0) return UINT32_MAX;
    return (uint32_t)d;
}
static int64_t sat_i64(double d) {
    if (isnan(d)) return 0;
    if (d < -9223372036854775808.0) return INT64_MIN;
    if (d >= 9223372036854775808.0) return INT64_MAX;
    return (int64_t)d;
}
static uint64_t sat_u64(double d) {
    if (isnan(d) || d <= 0) return 0;
    if (d >= 18446744073709551616.0) return UINT64_MAX;
    return (uint64_t)d;
}
static int32_t sat_i32f(float f) {
    if (isnan(f)) return 0;
    if (f < -2147483648.0f) return INT32_MIN;
    if (f >= 2147483648.0f) return INT32_MAX;
    return (int32_t)f;
}

static const uint64_t UV[] = {0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000001ULL,
                              (1ULL << 24) + 1, (1ULL << 53) + 1, (1ULL << 53) + 3, 0x7fffffffffffffffULL,
                              0x8000000000000000ULL, 0x8000000000000401ULL, 0xfffffffffffff800ULL,
                              0xfffffffffffffbffULL, 0xffffffffffffffffULL, 0x20000020000001ULL,
                              0xffffff7fffffffffULL, 12345678901234567ULL};
#define NUV (int)(sizeof UV / sizeof UV[0])

static const double DV[] = {0.0, -0.0, 0.9, -0.9, 1.5, -1.5, 2147483647.0, 2147483647.9, 2147483648.0,
                            -2147483648.0, -2147483648.9, -2147483649.0, 4294967295.0, 4294967296.0,
                            1e10, -1e10, 9007199254740993.0, 9223372036854774784.0,
                            9223372036854775808.0, -9223372036854775808.0, 18446744073709549568.0,
                            18446744073709551616.0, 1e30, -1e30, INFINITY, -INFINITY, NAN, 1e-300};
#define NDV (int)(sizeof DV / sizeof DV[0])

int main(void) {
    printf("-- integers to floats\n");
    for (int i = 0; i < NUV; i++) {
        uint64_t u = U(UV[i]);
        int64_t s = I((int64_t)UV[i]);
        uint32_t u32 = (uint32_t)u;
        int32_t s32 = (int32_t)u32;
        printf("%016" PRIx64 ": u64->f64 %.17g u64->f32 %.9g i64->f64 %.17g i64->f32 %.9g\n", u,
               (double)u, (double)(float)u, (double)s, (double)(float)s);
        printf("  u32->f64 %.17g u32->f32 %.9g i32->f64 %.17g i32->f32 %.9g\n", (double)u32,
               (double)(float)u32, (double)s32, (double)(float)s32);
    }

    printf("-- floats to integers (in range, truncating)\n");
    for (int i = 0; i < NDV; i++) {
        double d = D(DV[i]);
        printf("%.17g: i32 %d u32 %u i64 %" PRId64 " u64 %" PRIu64 "\n", isnan(d) ? 0.0 : d, sat_i32(d),
               sat_u32(d), sat_i64(d), sat_u64(d));
        float f = F((float)DV[i]);
        printf("  as f32 %.9g: i32 %d\n", isnan(f) ? 0.0 : (double)f, sat_i32f(f));
    }
    printf("plain: %d %d %u %" PRId64 " %" PRIu64 " %" PRIu64 "\n", (int32_t)D(-7.99), (int32_t)F(123.75f),
           (uint32_t)D(4000000000.5), (int64_t)D(-9.2e18), (uint64_t)D(1.8e19),
           (uint64_t)F(1.5e19f));

    printf("-- f64 <-> f32\n");
    static const double P[] = {0.1, 1.0 / 3.0, 16777217.0, 3.4028235677973366e38, 3.5e38, 1e-40, 1e-46,
                               -2.5, 0.333333343267, 1.00000005960464478};
    for (unsigned i = 0; i < sizeof P / sizeof P[0]; i++) {
        float f = (float)D(P[i]);
        printf("demote %.17g -> %.9g -> %.17g\n", P[i], (double)f, (double)F(f));
    }
    double nd = (double)F(NAN);
    printf("promote nan isnan %d, demote inf %g\n", isnan(nd), (double)(float)D(1e300));

    printf("-- bit patterns\n");
    union { double d; uint64_t u; } ud;
    union { float f; uint32_t u; } uf;
    ud.d = D(-1.5);
    uf.f = F(0.15625f);
    printf("bits(-1.5) %016" PRIx64 " bits(0.15625f) %08x\n", ud.u, uf.u);
    ud.u = U(0x400921fb54442d18ULL);
    uf.u = (uint32_t)U(0x40490fdb);
    printf("pi %.17g pif %.9g\n", ud.d, (double)uf.f);

    printf("-- round trip sums\n");
    double sum = 0;
    uint64_t back = 0;
    for (int i = 0; i < 2000; i++) {
        int64_t k = I((int64_t)i * 7919 * 104729 - 500000000LL);
        double d = (double)k * 1.25;
        sum += d;
        back += (uint64_t)(int64_t)(d / 1.25);
    }
    printf("sum %.17g back %" PRIu64 "\n", sum, back);
    return 0;
}
