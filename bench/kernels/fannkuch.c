// Fannkuch-redux: count pancake flips over all permutations of 1..n (the Benchmarks Game's kernel).
// args: [n] [reps] (default 10, 3). Checksum: the permutation checksum and the maximum flip count.
#include <stdio.h>
#include <stdlib.h>

static void fannkuch(int n) {
    int perm[16], perm1[16], count[16];
    int max_flips = 0, checksum = 0, perm_count = 0, r = n;
    for (int i = 0; i < n; i++) perm1[i] = i;
    for (;;) {
        while (r != 1) { count[r - 1] = r; r--; }
        for (int i = 0; i < n; i++) perm[i] = perm1[i];
        int flips = 0, k;
        while ((k = perm[0]) != 0) {
            for (int i = 0, j = k; i < j; i++, j--) { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
            flips++;
        }
        if (flips > max_flips) max_flips = flips;
        checksum += (perm_count & 1) ? -flips : flips;
        for (;;) {
            if (r == n) {
                printf("fannkuch n=%d checksum=%d maxflips=%d\n", n, checksum, max_flips);
                return;
            }
            int p0 = perm1[0];
            for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
            perm1[r] = p0;
            if (--count[r] > 0) break;
            r++;
        }
        perm_count++;
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 10;
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    if (n < 3 || n > 15) return 2;
    for (int r = 0; r < reps; r++) fannkuch(n);
    return 0;
}
