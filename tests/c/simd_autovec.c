// Plain C loops that clang-19 -O3 -msimd128 vectorizes into SIMD-128 code (the native reference is
// the usual -O2 build): saxpy, integer and float dot products (the float one by a loop pragma, on
// small integers so the order of the additions does not matter), 16-bit multiply-accumulate, a byte
// checksum and histogram, min/max reductions, strided (interleaved) loads and stores, saturating
// byte arithmetic on unaligned arrays, int/float conversions, and a conditional update; each at
// every length from 0 to 70, so the vector bodies and the scalar remainders both run.
// wasm-cflags: -msimd128 -O3
// wasm-simd: 100
// also-cpu: portable
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 70
#define NOINLINE __attribute__((noinline))

float xf[N], yf[N];
int32_t xi[2 * N], yi[2 * N];
int16_t s16[N], t16[N];
uint8_t bytes[N + 8], sat[N + 8], dst[N + 8];

NOINLINE void saxpy(int n, float a, const float *restrict x, float *restrict y) {
    for (int i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
}

NOINLINE float dot_f32(int n, const float *x, const float *y) {
    float s = 0;
#pragma clang loop vectorize(enable)
    for (int i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

NOINLINE int32_t dot_i32(int n, const int32_t *x, const int32_t *y) {
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

NOINLINE int32_t mac_i16(int n, const int16_t *x, const int16_t *y) {
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += (int32_t)x[i] * y[i];
    return s;
}

NOINLINE uint32_t checksum(int n, const uint8_t *p) {
    uint32_t sum = 0;
    uint8_t x = 0;
    for (int i = 0; i < n; i++) {
        sum += p[i];
        x ^= p[i];
    }
    return sum * 256 + x;
}

NOINLINE uint32_t histogram(int n, const uint8_t *p) {
    uint32_t counts[16] = {0}, h = 0;
    for (int i = 0; i < n; i++)
        counts[p[i] & 15]++;
    for (int k = 0; k < 16; k++)
        h = h * 31 + counts[k] * (uint32_t)k;
    return h;
}

NOINLINE void minmax(int n, const int32_t *x, const uint8_t *p, int32_t out[4]) {
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    uint8_t blo = 255, bhi = 0;
    for (int i = 0; i < n; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    for (int i = 0; i < n; i++) {
        blo = p[i] < blo ? p[i] : blo;
        bhi = p[i] > bhi ? p[i] : bhi;
    }
    out[0] = lo, out[1] = hi, out[2] = blo, out[3] = bhi;
}

// Interleaved pairs: a reduction over x[2i], x[2i+1], and a store to y[2i], y[2i+1].
NOINLINE int32_t strided(int n, const int32_t *restrict x, int32_t *restrict y) {
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += x[2 * i] - 3 * x[2 * i + 1];
    for (int i = 0; i < n; i++) {
        y[2 * i] = x[i] + 1;
        y[2 * i + 1] = x[i] - 1;
    }
    return s;
}

// Saturating add and absolute difference of bytes, on arrays at odd addresses.
NOINLINE void bytes_sat(int n, const uint8_t *restrict a, const uint8_t *restrict b, uint8_t *restrict d) {
    for (int i = 0; i < n; i++) {
        int v = a[i] + b[i];
        int diff = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
        d[i] = (uint8_t)((v > 255 ? 255 : v) ^ diff);
    }
}

NOINLINE void convert(int n, const int32_t *restrict x, float *restrict y, int32_t *restrict z) {
    for (int i = 0; i < n; i++) {
        y[i] = (float)x[i] * 0.5f;
        z[i] = (int32_t)(y[i] * 3.0f);
    }
}

NOINLINE void clamp_update(int n, int32_t *x, int32_t limit) {
    for (int i = 0; i < n; i++)
        if (x[i] > limit)
            x[i] = limit - x[i];
}

static uint32_t hash(const void *p, int size) {
    uint32_t h = 2166136261u;
    for (int i = 0; i < size; i++)
        h = (h ^ ((const uint8_t *)p)[i]) * 16777619u;
    return h;
}

static void init(void) {
    for (int i = 0; i < N; i++) {
        xf[i] = (float)(i % 7 - 3);
        yf[i] = (float)(i % 5 + 1);
        s16[i] = (int16_t)(i * 1021 - 30000);
        t16[i] = (int16_t)(i * -777 + 12345);
    }
    for (int i = 0; i < 2 * N; i++) {
        xi[i] = i * 2654435761u >> 7;
        yi[i] = (i % 11) * 100003 - 500000;
    }
    for (int i = 0; i < N + 8; i++) {
        bytes[i] = (uint8_t)(i * 97 + 13);
        sat[i] = (uint8_t)(i * 53 + 200);
        dst[i] = 0;
    }
}

int main(void) {
    for (int n = 0; n <= N; n++) {
        init();
        int32_t mm[4], z[N];
        float df = dot_f32(n, xf, yf);
        saxpy(n, 1.5f, xf, yf);
        printf("n=%d saxpy %08x dot_f32 %.9g dot_i32 %d mac_i16 %d", n, hash(yf, sizeof yf), df,
               dot_i32(n, xi, yi), mac_i16(n, s16, t16));
        printf(" checksum %08x histogram %08x", checksum(n, bytes + 1), histogram(n, bytes + 3));
        minmax(n, xi + 1, bytes + 5, mm);
        printf(" minmax %d %d %d %d", mm[0], mm[1], mm[2], mm[3]);
        printf(" strided %d %08x", strided(n, xi, yi), hash(yi, sizeof yi));
        bytes_sat(n, bytes + 1, sat + 3, dst + 1);
        memset(z, 0, sizeof z);
        convert(n, xi + 3, yf, z);
        clamp_update(n, xi, 1 << 22);
        printf(" bytes %08x convert %08x %08x clamp %08x\n", hash(dst, sizeof dst), hash(yf, sizeof yf),
               hash(z, sizeof z), hash(xi, sizeof xi));
    }
    return 0;
}
