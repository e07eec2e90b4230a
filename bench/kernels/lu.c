// LU decomposition with partial pivoting (Doolittle, in place), then a solve with the factors.
// args: [n] (default 1400). Checksum: log-free determinant sign/scale summary and solution sum.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1400;
    double *a = malloc(sizeof(double) * n * n);
    int *piv = malloc(sizeof(int) * n);
    double *x = malloc(sizeof(double) * n);
    unsigned s = 777;
    for (int i = 0; i < n * n; i++) {
        s = s * 1664525u + 1013904223u;
        a[i] = (double)(s >> 8) / 16777216.0 - 0.5;
    }
    for (int i = 0; i < n; i++) a[i * n + i] += 2.0;
    int swaps = 0;
    for (int k = 0; k < n; k++) {
        int p = k;
        double best = fabs(a[k * n + k]);
        for (int i = k + 1; i < n; i++) {
            double v = fabs(a[i * n + k]);
            if (v > best) { best = v; p = i; }
        }
        piv[k] = p;
        if (p != k) {
            swaps++;
            for (int j = 0; j < n; j++) {
                double t = a[k * n + j]; a[k * n + j] = a[p * n + j]; a[p * n + j] = t;
            }
        }
        double inv = 1.0 / a[k * n + k];
        for (int i = k + 1; i < n; i++) {
            double f = a[i * n + k] * inv;
            a[i * n + k] = f;
            double *ri = a + i * n;
            const double *rk = a + k * n;
            for (int j = k + 1; j < n; j++) ri[j] -= f * rk[j];
        }
    }
    // Solve A x = b with b = (1, 1, ..., 1), applying the row swaps in order.
    for (int i = 0; i < n; i++) x[i] = 1.0;
    for (int k = 0; k < n; k++) { double t = x[k]; x[k] = x[piv[k]]; x[piv[k]] = t; }
    for (int i = 0; i < n; i++) {
        double v = x[i];
        for (int j = 0; j < i; j++) v -= a[i * n + j] * x[j];
        x[i] = v;
    }
    for (int i = n - 1; i >= 0; i--) {
        double v = x[i];
        for (int j = i + 1; j < n; j++) v -= a[i * n + j] * x[j];
        x[i] = v / a[i * n + i];
    }
    double xs = 0, diag = 0;
    for (int i = 0; i < n; i++) { xs += x[i]; diag += a[i * n + i]; }
    printf("lu n=%d swaps=%d diag=%.6f xsum=%.6f\n", n, swaps, diag, xs);
    return 0;
}
