// String search over a generated text of words: Boyer-Moore-Horspool, a naive scan with first-byte
// skipping, and Rabin-Karp, for several patterns (some frequent, some absent), plus a word count.
// args: [MiB] [rounds] (default 32, 2). Checksum: match counts.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *words[] = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "assembly",
                              "module", "memory", "table", "global", "function", "export", "import"};

static long horspool(const char *t, long n, const char *p, long m) {
    long skip[256], count = 0;
    for (int i = 0; i < 256; i++) skip[i] = m;
    for (long i = 0; i < m - 1; i++) skip[(unsigned char)p[i]] = m - 1 - i;
    for (long i = 0; i + m <= n;) {
        long j = m - 1;
        while (j >= 0 && t[i + j] == p[j]) j--;
        if (j < 0) count++;
        i += skip[(unsigned char)t[i + m - 1]];
    }
    return count;
}
static long naive(const char *t, long n, const char *p, long m) {
    long count = 0;
    for (long i = 0; i + m <= n; i++) {
        if (t[i] != p[0]) continue;
        long j = 1;
        while (j < m && t[i + j] == p[j]) j++;
        count += j == m;
    }
    return count;
}
// Rabin-Karp with a rolling hash. (Not libc's strstr: glibc's is SIMD and wasi-libc's is not, which
// would measure the libcs instead of the compilers.)
static long rabin_karp(const char *t, long n, const char *p, long m) {
    const unsigned B = 257;
    unsigned hp = 0, ht = 0, pow = 1;
    long count = 0;
    if (m > n) return 0;
    for (long i = 0; i < m; i++) {
        hp = hp * B + (unsigned char)p[i];
        ht = ht * B + (unsigned char)t[i];
        if (i) pow *= B;
    }
    for (long i = 0;; i++) {
        if (ht == hp && memcmp(t + i, p, m) == 0) count++;
        if (i + m >= n) break;
        ht = (ht - (unsigned char)t[i] * pow) * B + (unsigned char)t[i + m];
    }
    return count;
}

int main(int argc, char **argv) {
    long mib = argc > 1 ? atol(argv[1]) : 32;
    int rounds = argc > 2 ? atoi(argv[2]) : 2;
    long n = mib << 20;
    char *text = malloc(n + 1);
    unsigned s = 99;
    long len = 0;
    while (len < n) {
        s = s * 1103515245u + 12345u;
        const char *w = words[(s >> 16) % 16];
        for (; *w && len < n; w++) text[len++] = *w;
        if (len < n) text[len++] = ((s >> 8) & 15) == 0 ? '\n' : ' ';
    }
    text[n] = 0;
    const char *pats[] = {"fox jumps", "memory table global", "lazy lazy lazy", "function export import x",
                          "zebra", "dog\nthe"};
    long total = 0;
    printf("strsearch MiB=%ld", mib);
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < 6; k++) {
            long m = strlen(pats[k]);
            long a = horspool(text, n, pats[k], m), b = naive(text, n, pats[k], m);
            long c = rabin_karp(text, n, pats[k], m);
            if (a != b || a != c) { printf(" MISMATCH %s %ld %ld %ld\n", pats[k], a, b, c); return 1; }
            if (r == 0) printf(" %ld", a);
            total += a;
        }
    long spaces = 0;
    for (long i = 0; i < n; i++) spaces += text[i] == ' ' || text[i] == '\n';
    printf(" words=%ld total=%ld\n", spaces, total);
    return 0;
}
