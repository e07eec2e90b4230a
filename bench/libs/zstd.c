// zstd (the sources bundled by the zstd-sys crate): compress a generated, text-like buffer at
// levels 1, 3 and 9, decompress each result, and check the round trip.
// args: [MiB] (default 24). Checksum: compressed sizes and XXH64 of the input.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zstd.h"
#define XXH_STATIC_LINKING_ONLY
#include "xxhash.h"

static const char *words[] = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
                              "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et"};

int main(int argc, char **argv) {
    size_t n = (size_t)(argc > 1 ? atoi(argv[1]) : 24) << 20;
    char *src = malloc(n);
    unsigned s = 7;
    for (size_t i = 0; i < n;) {
        s = s * 1103515245u + 12345u;
        if ((s >> 28) == 0) {  // a number now and then, which compresses worse
            i += snprintf(src + i, n - i, "%u ", s >> 4);
            if (i >= n) break;
            continue;
        }
        for (const char *w = words[(s >> 16) & 15]; *w && i < n; w++) src[i++] = *w;
        if (i < n) src[i++] = (s & 0x3f) == 0 ? '\n' : ' ';
    }
    size_t cap = ZSTD_compressBound(n);
    char *dst = malloc(cap), *back = malloc(n);
    printf("zstd %s MiB=%zu xxh64=%016llx", ZSTD_versionString(), n >> 20, (unsigned long long)XXH64(src, n, 0));
    int levels[] = {1, 3, 9};
    for (int k = 0; k < 3; k++) {
        size_t c = ZSTD_compress(dst, cap, src, n, levels[k]);
        if (ZSTD_isError(c)) { printf(" error %s\n", ZSTD_getErrorName(c)); return 1; }
        size_t d = ZSTD_decompress(back, n, dst, c);
        if (ZSTD_isError(d) || d != n || memcmp(src, back, n) != 0) { printf(" round trip failed\n"); return 1; }
        printf(" L%d=%zu", levels[k], c);
    }
    printf("\n");
    return 0;
}
