// zlib (the sources bundled by the libz-sys crate): deflate a generated, text-like buffer at levels
// 1 and 6, inflate it back, check the round trip, and crc32/adler32 it.
// args: [MiB] (default 12). Checksum: compressed sizes, crc32 and adler32.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zlib.h"

static const char *words[] = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
                              "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et"};

int main(int argc, char **argv) {
    uLong n = (uLong)(argc > 1 ? atoi(argv[1]) : 12) << 20;
    unsigned char *src = malloc(n);
    unsigned s = 11;
    for (uLong i = 0; i < n;) {
        s = s * 1103515245u + 12345u;
        if ((s >> 28) == 0) {
            i += snprintf((char *)src + i, n - i, "%u ", s >> 4);
            if (i >= n) break;
            continue;
        }
        for (const char *w = words[(s >> 16) & 15]; *w && i < n; w++) src[i++] = *w;
        if (i < n) src[i++] = (s & 0x3f) == 0 ? '\n' : ' ';
    }
    uLong cap = compressBound(n);
    unsigned char *dst = malloc(cap), *back = malloc(n);
    printf("zlib %s MiB=%lu crc32=%08lx adler32=%08lx", zlibVersion(), n >> 20, crc32(0, src, n), adler32(1, src, n));
    int levels[] = {1, 6};
    for (int k = 0; k < 2; k++) {
        uLongf c = cap, d = n;
        if (compress2(dst, &c, src, n, levels[k]) != Z_OK) { printf(" compress failed\n"); return 1; }
        if (uncompress(back, &d, dst, c) != Z_OK || d != n || memcmp(src, back, n) != 0) {
            printf(" round trip failed\n");
            return 1;
        }
        printf(" L%d=%lu", levels[k], c);
    }
    printf("\n");
    return 0;
}
