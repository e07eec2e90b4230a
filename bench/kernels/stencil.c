// 2-D Jacobi iteration, 5-point stencil on an n x n grid with fixed boundaries, two buffers.
// args: [n] [iters] (default 1024, 2000). Checksum: sum of the grid and one value near the top.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1024;
    int iters = argc > 2 ? atoi(argv[2]) : 2000;
    float *u = calloc((size_t)n * n, sizeof(float));
    float *v = calloc((size_t)n * n, sizeof(float));
    for (int i = 0; i < n; i++) {
        u[i] = v[i] = 1.0f;                                   // top edge hot
        u[(n - 1) * n + i] = v[(n - 1) * n + i] = -0.5f;      // bottom edge cold
        u[i * n] = v[i * n] = (float)i / n;                   // left edge ramp
    }
    for (int it = 0; it < iters; it++) {
        for (int i = 1; i < n - 1; i++) {
            const float *up = u + (i - 1) * n, *mid = u + i * n, *dn = u + (i + 1) * n;
            float *out = v + i * n;
            for (int j = 1; j < n - 1; j++)
                out[j] = 0.25f * (up[j] + dn[j] + mid[j - 1] + mid[j + 1]);
        }
        float *t = u; u = v; v = t;
    }
    double sum = 0;
    for (int i = 0; i < n * n; i++) sum += u[i];
    printf("stencil n=%d iters=%d sum=%.4f probe=%.6e\n", n, iters, sum, u[16 * n + n / 3]);
    return 0;
}
