// Mandelbrot set, n x n pixels over [-1.5,0.5] x [-1,1], 50 iterations, one bit per pixel.
// args: [n] (default 3000). Checksum: the number of points inside and a hash of the bitmap.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3000;
    unsigned hash = 2166136261u, inside = 0;
    for (int y = 0; y < n; y++) {
        double ci = 2.0 * y / n - 1.0;
        unsigned byte = 0;
        for (int x = 0; x < n; x++) {
            double cr = 2.0 * x / n - 1.5, zr = 0, zi = 0, tr = 0, ti = 0;
            int i = 0;
            for (; i < 50 && tr + ti <= 4.0; i++) {
                zi = 2.0 * zr * zi + ci;
                zr = tr - ti + cr;
                tr = zr * zr;
                ti = zi * zi;
            }
            byte = (byte << 1) | (tr + ti <= 4.0);
            inside += tr + ti <= 4.0;
            if ((x & 7) == 7 || x == n - 1) { hash = (hash ^ byte) * 16777619u; byte = 0; }
        }
    }
    printf("mandelbrot n=%d inside=%u hash=%08x\n", n, inside, hash);
    return 0;
}
