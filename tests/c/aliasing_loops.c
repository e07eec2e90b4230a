// Loops that clang unrolls for wasm32 and wasmkiln lets LLVM vectorize (add nuw after an access,
// one base per root pointer; compiler/src/translate/bounds.rs, codegen/roots.rs), run on arrays
// that overlap by every small distance and with every small length, so both the vector path and
// the scalar fallback the run-time overlap check chooses are compared with the native build.
#include <stdint.h>
#include <stdio.h>

#define N 160
static double buf[3 * N];
static int32_t ibuf[3 * N];

// noinline keeps the pointers unknown to the compiler, so the overlap is only known at run time.
__attribute__((noinline)) static void axpy(double *c, const double *b, double a, int n) {
    for (int j = 0; j < n; j++) c[j] += a * b[j];
}
__attribute__((noinline)) static void lu_row(double *ri, const double *rk, double f, int from, int n) {
    for (int j = from; j < n; j++) ri[j] -= f * rk[j];
}
__attribute__((noinline)) static void iadd(int32_t *d, const int32_t *s, int n) {
    for (int j = 0; j < n; j++) d[j] = d[j] * 3 + s[j];
}
__attribute__((noinline)) static void copy_back(int32_t *d, const int32_t *s, int n) {
    for (int j = n - 1; j >= 0; j--) d[j] = s[j] + 1;
}

static void fill(void) {
    for (int i = 0; i < 3 * N; i++) {
        buf[i] = (double)((i * 37) % 101) / 8.0 - 6.0;
        ibuf[i] = (i * 7919) % 1009 - 500;
    }
}

static uint64_t checksum(void) {
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 3 * N; i++) {
        int64_t q = (int64_t)(buf[i] * 1024.0);
        h = (h ^ (uint64_t)q) * 1099511628211ull;
        h = (h ^ (uint32_t)ibuf[i]) * 1099511628211ull;
    }
    return h;
}

int main(void) {
    uint64_t total = 0;
    for (int shift = -4; shift <= 4; shift++) {
        for (int n = 0; n <= 41; n++) {
            fill();
            axpy(buf + N + shift, buf + N, 0.5, n);
            lu_row(buf + N, buf + N + shift, 0.25, n % 3, n);
            iadd(ibuf + N + shift, ibuf + N, n);
            copy_back(ibuf + N, ibuf + N + shift, n);
            uint64_t h = checksum();
            total = total * 31 + h;
            if (n % 20 == 0) printf("shift %+d n %2d: %016llx\n", shift, n, (unsigned long long)h);
        }
    }
    // Long, disjoint: the vector loops run.
    fill();
    for (int r = 0; r < 50; r++) {
        axpy(buf, buf + 2 * N, 0.125, N);
        lu_row(buf + N, buf, 0.5, 1, N);
        iadd(ibuf, ibuf + 2 * N, N);
    }
    printf("disjoint: %016llx\n", (unsigned long long)checksum());
    printf("total: %016llx\n", (unsigned long long)total);
    return 0;
}
