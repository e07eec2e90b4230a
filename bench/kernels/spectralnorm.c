// Spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1), by the power method.
// args: [n] (default 3000). Checksum: the norm to 9 digits.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double A(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_av(int n, const double *v, double *av) {
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += A(i, j) * v[j];
        av[i] = s;
    }
}
static void mul_atv(int n, const double *v, double *atv) {
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += A(j, i) * v[j];
        atv[i] = s;
    }
}
static void mul_atav(int n, const double *v, double *out, double *tmp) {
    mul_av(n, v, tmp);
    mul_atv(n, tmp, out);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3000;
    double *u = malloc(sizeof(double) * n), *v = malloc(sizeof(double) * n), *t = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++) u[i] = 1;
    for (int i = 0; i < 10; i++) {
        mul_atav(n, u, v, t);
        mul_atav(n, v, u, t);
    }
    double vbv = 0, vv = 0;
    for (int i = 0; i < n; i++) { vbv += u[i] * v[i]; vv += v[i] * v[i]; }
    printf("spectralnorm n=%d %.9f\n", n, sqrt(vbv / vv));
    return 0;
}
