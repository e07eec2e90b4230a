// bzip2 (the sources bundled by the bzip2-sys crate): compress a generated, text-like buffer with
// 900 kB blocks, decompress it, and check the round trip. args: [MiB] (default 6).
// Checksum: the compressed size and a hash of the compressed stream.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bzlib.h"

// Built with BZ_NO_STDIO, bzip2 reports internal errors through this hook.
void bz_internal_error(int code) {
    fprintf(stderr, "bzip2: internal error %d\n", code);
    exit(3);
}

static const char *words[] = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
                              "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et"};

int main(int argc, char **argv) {
    unsigned n = (unsigned)(argc > 1 ? atoi(argv[1]) : 6) << 20;
    char *src = malloc(n);
    unsigned s = 5;
    for (unsigned i = 0; i < n;) {
        s = s * 1103515245u + 12345u;
        if ((s >> 28) == 0) {
            i += snprintf(src + i, n - i, "%u ", s >> 4);
            if (i >= n) break;
            continue;
        }
        for (const char *w = words[(s >> 16) & 15]; *w && i < n; w++) src[i++] = *w;
        if (i < n) src[i++] = (s & 0x3f) == 0 ? '\n' : ' ';
    }
    unsigned cap = n + n / 100 + 600, c = cap, d = n;
    char *dst = malloc(cap), *back = malloc(n);
    if (BZ2_bzBuffToBuffCompress(dst, &c, src, n, 9, 0, 30) != BZ_OK) { printf("compress failed\n"); return 1; }
    if (BZ2_bzBuffToBuffDecompress(back, &d, dst, c, 0, 0) != BZ_OK || d != n || memcmp(src, back, n) != 0) {
        printf("round trip failed\n");
        return 1;
    }
    unsigned h = 2166136261u;
    for (unsigned i = 0; i < c; i++) h = (h ^ (unsigned char)dst[i]) * 16777619u;
    printf("bzip2 %s MiB=%u compressed=%u hash=%08x\n", BZ2_bzlibVersion(), n >> 20, c, h);
    return 0;
}
