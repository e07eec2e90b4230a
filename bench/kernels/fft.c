// Iterative radix-2 complex FFT (bit reversal + butterflies), forward then inverse, repeated.
// Twiddles come from our own sin/cos (Taylor series) so every libc gives the same bits.
// args: [log2 n] [reps] (default 20, 4). Checksum: error after the round trips and a spectrum sample.
#include <stdio.h>
#include <stdlib.h>

static double my_sin(double x) {  // |x| <= pi; range-reduce to [-pi/2, pi/2]
    const double pi = 3.14159265358979323846;
    if (x > pi / 2) x = pi - x;
    if (x < -pi / 2) x = -pi - x;
    double x2 = x * x, term = x, sum = x;
    for (int k = 1; k < 12; k++) { term *= -x2 / ((2 * k) * (2 * k + 1)); sum += term; }
    return sum;
}
static double my_cos(double x) {
    const double pi = 3.14159265358979323846;
    return my_sin(x + pi / 2 > pi ? x + pi / 2 - 2 * pi : x + pi / 2);
}

static void fft(double *re, double *im, int n, const double *wr, const double *wi, int inverse) {
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (int len = 2; len <= n; len <<= 1) {
        int half = len >> 1, step = n / len;
        for (int i = 0; i < n; i += len) {
            for (int k = 0; k < half; k++) {
                double c = wr[k * step], s = inverse ? -wi[k * step] : wi[k * step];
                int a = i + k, b = a + half;
                double tr = re[b] * c - im[b] * s;
                double ti = re[b] * s + im[b] * c;
                re[b] = re[a] - tr; im[b] = im[a] - ti;
                re[a] += tr; im[a] += ti;
            }
        }
    }
    if (inverse)
        for (int i = 0; i < n; i++) { re[i] /= n; im[i] /= n; }
}

int main(int argc, char **argv) {
    int lg = argc > 1 ? atoi(argv[1]) : 20;
    int reps = argc > 2 ? atoi(argv[2]) : 4;
    int n = 1 << lg;
    const double pi = 3.14159265358979323846;
    double *re = malloc(sizeof(double) * n), *im = malloc(sizeof(double) * n);
    double *r0 = malloc(sizeof(double) * n);
    double *wr = malloc(sizeof(double) * n / 2), *wi = malloc(sizeof(double) * n / 2);
    for (int k = 0; k < n / 2; k++) {
        double ang = -2 * pi * k / n;
        wr[k] = my_cos(ang);
        wi[k] = my_sin(ang);
    }
    unsigned s = 42;
    for (int i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        re[i] = r0[i] = (double)((s >> 16) & 0x7fff) / 32768.0 - 0.5;
        im[i] = 0;
    }
    double peak = 0;
    for (int r = 0; r < reps; r++) {
        fft(re, im, n, wr, wi, 0);
        peak += re[1] * re[1] + im[1] * im[1] + re[n / 3] - im[n / 5];
        fft(re, im, n, wr, wi, 1);
    }
    double err = 0;
    for (int i = 0; i < n; i++) {
        double d = re[i] - r0[i];
        err += d * d + im[i] * im[i];
    }
    printf("fft n=%d reps=%d peak=%.6f roundtrip_ok=%d\n", n, reps, peak, err < 1e-12 * n);
    return 0;
}
