// Shared by the SIMD programs (simd_*.c). They use the wasm_simd128.h API: in Wasm clang's own
// header (the programs are built with `wasm-cflags: -msimd128`), natively SIMDe's implementation
// of the same API (Debian's libsimde-dev, <simde/wasm/simd128.h>, whose native aliases give the
// wasm_* names), so the native build is the reference as for every other program.
//
// Inputs live in mutable globals with external linkage and results are printed by functions that
// are not inlined, so clang can fold nothing: every operation stays a SIMD instruction in the
// module (each program's `wasm-simd:` annotation checks that there are many).
#ifndef SIMD_H
#define SIMD_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __wasm__
#include <wasm_simd128.h>
#else
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/wasm/simd128.h>
#endif

typedef union {
    uint8_t u8[16];
    uint16_t u16[8];
    uint32_t u32[4];
    uint64_t u64[2];
    float f32[4];
    double f64[2];
} lanes;

#ifndef __wasm__
// SIMDe 0.7.4~rc2 gets a few cases wrong, which the native reference computes lane by lane instead:
// min/max of -0 and +0 (the result must be -0 for min, +0 for max, in either order),
// f64x2.ceil of values in (-1, -0] (+0 instead of -0), u32x4.trunc_sat_f32x4 of 2^31 and above
// (wrapped), q15mulr_sat of 0x8000 * 0x8000 (0x8000 instead of the saturated 0x7fff).
#define LANEWISE(name, out, in, n, f)                                                             \
    static inline v128_t name(v128_t va, v128_t vb) {                                             \
        lanes x, y, r;                                                                            \
        wasm_v128_store(&x, va);                                                                  \
        wasm_v128_store(&y, vb);                                                                  \
        for (int i = 0; i < n; i++)                                                               \
            r.out[i] = f(x.in[i], y.in[i]);                                                       \
        return wasm_v128_load(&r);                                                                \
    }
static inline double fmin_wasm(double a, double b) {
    return isnan(a) || isnan(b) ? NAN : a == b ? (signbit(a) ? a : b) : a < b ? a : b;
}
static inline double fmax_wasm(double a, double b) {
    return isnan(a) || isnan(b) ? NAN : a == b ? (signbit(a) ? b : a) : a > b ? a : b;
}
static inline double ceil_wasm(double a, double b) { return (void)b, ceil(a); }
static inline uint32_t trunc_sat_u32(float a, float b) {
    return (void)b, isnan(a) || a <= -1.0f ? 0 : a >= 4294967296.0f ? 0xffffffff : (uint32_t)a;
}
static inline uint16_t q15mulr_sat(uint16_t a, uint16_t b) {
    int32_t p = ((int16_t)a * (int16_t)b + 0x4000) >> 15;
    return p > 0x7fff ? 0x7fff : p;
}
#undef wasm_f32x4_min
#undef wasm_f32x4_max
#undef wasm_f64x2_min
#undef wasm_f64x2_max
#undef wasm_f64x2_ceil
#undef wasm_u32x4_trunc_sat_f32x4
#undef wasm_i16x8_q15mulr_sat
LANEWISE(wasm_f32x4_min, f32, f32, 4, fmin_wasm)
LANEWISE(wasm_f32x4_max, f32, f32, 4, fmax_wasm)
LANEWISE(wasm_f64x2_min, f64, f64, 2, fmin_wasm)
LANEWISE(wasm_f64x2_max, f64, f64, 2, fmax_wasm)
LANEWISE(f64x2_ceil, f64, f64, 2, ceil_wasm)
LANEWISE(u32x4_trunc_sat_f32x4, u32, f32, 4, trunc_sat_u32)
LANEWISE(wasm_i16x8_q15mulr_sat, u16, u16, 8, q15mulr_sat)
#define wasm_f64x2_ceil(v) f64x2_ceil(v, v)
#define wasm_u32x4_trunc_sat_f32x4(v) u32x4_trunc_sat_f32x4(v, v)
#endif

#define NOINLINE __attribute__((noinline, unused))

// Constant lane indices for the instructions that take one as an immediate.
#define LANES2(X) X(0) X(1)
#define LANES4(X) LANES2(X) X(2) X(3)
#define LANES8(X) LANES4(X) X(4) X(5) X(6) X(7)
#define LANES16(X) LANES8(X) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)

static lanes lanes_of(v128_t v) {
    lanes l;
    wasm_v128_store(&l, v);
    return l;
}

// Integer lanes of `bits` bits, in hex.
NOINLINE static void show(const char *what, int bits, v128_t v) {
    lanes l = lanes_of(v);
    printf("%s:", what);
    for (int i = 0; i < 128 / bits; i++) {
        uint64_t x = bits == 8 ? l.u8[i] : bits == 16 ? l.u16[i] : bits == 32 ? l.u32[i] : l.u64[i];
        printf(" %0*llx", bits / 4, (unsigned long long)x);
    }
    printf("\n");
}

// A float, or "nan" for every NaN: the sign and payload of a NaN that arithmetic produces differ
// between CPUs (and Wasm leaves them open).
static void put_float(double x, int digits) {
    if (isnan(x))
        printf(" nan");
    else
        printf(" %.*g", digits, x);
}

// Float lanes of `bits` bits, with enough digits to tell every value apart.
NOINLINE static void show_float(const char *what, int bits, v128_t v) {
    lanes l = lanes_of(v);
    printf("%s:", what);
    for (int i = 0; i < 128 / bits; i++)
        put_float(bits == 32 ? l.f32[i] : l.f64[i], bits == 32 ? 9 : 17);
    printf("\n");
}
#define show_f32(what, v) show_float(what, 32, v)
#define show_f64(what, v) show_float(what, 64, v)

#endif
