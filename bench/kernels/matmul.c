// Dense matrix multiply: C = A * B, doubles, i-k-j loop order (row-major, unit stride inner loop).
// args: [n] (default 1000), repeated 2 times. Checksum: sum and trace of C.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    double *a = malloc(sizeof(double) * n * n);
    double *b = malloc(sizeof(double) * n * n);
    double *c = malloc(sizeof(double) * n * n);
    unsigned s = 12345;
    for (int i = 0; i < n * n; i++) {
        s = s * 1103515245u + 12345u;
        a[i] = (double)((s >> 16) & 1023) / 1024.0 - 0.5;
        s = s * 1103515245u + 12345u;
        b[i] = (double)((s >> 16) & 1023) / 1024.0 - 0.5;
    }
    double sum = 0, trace = 0;
    for (int rep = 0; rep < 2; rep++) {
        for (int i = 0; i < n * n; i++) c[i] = 0;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                double *crow = c + i * n;
                const double *brow = b + k * n;
                for (int j = 0; j < n; j++) crow[j] += aik * brow[j];
            }
        for (int i = 0; i < n * n; i++) sum += c[i];
        for (int i = 0; i < n; i++) trace += c[i * n + i];
        b[rep] += 1.0;
    }
    printf("matmul n=%d sum=%.6f trace=%.6f\n", n, sum, trace);
    return 0;
}
