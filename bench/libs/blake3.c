// BLAKE3 (the C implementation bundled by the blake3 crate): hash a generated buffer repeatedly
// (each round with the previous digest mixed in), then a keyed hash of it fed in uneven pieces, with
// 64 bytes of extended output. Built portable (blake3) and with BLAKE3's SIMD code (blake3.simd).
// args: [MiB] [rounds] (default 16, 40). Checksum: the digests.
#include <stdio.h>
#include <stdlib.h>
#include "blake3.h"

static void hex(const char *label, const uint8_t *p, size_t n) {
    printf(" %s=", label);
    for (size_t i = 0; i < n; i++) printf("%02x", p[i]);
}

int main(int argc, char **argv) {
    size_t n = (size_t)(argc > 1 ? atoi(argv[1]) : 16) << 20;
    int rounds = argc > 2 ? atoi(argv[2]) : 40;
    uint8_t *buf = malloc(n), digest[BLAKE3_OUT_LEN] = {0}, key[BLAKE3_KEY_LEN], xof[64];
    unsigned s = 7;
    for (size_t i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        buf[i] = (uint8_t)(s >> 16);
    }
    blake3_hasher h;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < BLAKE3_OUT_LEN; i++) buf[i] ^= digest[i];
        blake3_hasher_init(&h);
        blake3_hasher_update(&h, buf, n);
        blake3_hasher_finalize(&h, digest, BLAKE3_OUT_LEN);
    }
    for (int i = 0; i < BLAKE3_KEY_LEN; i++) key[i] = digest[i] ^ 0x5c;
    blake3_hasher_init_keyed(&h, key);
    for (size_t i = 0, step = 1; i < n; i += step, step = step * 7 % 4099 + 1)
        blake3_hasher_update(&h, buf + i, i + step <= n ? step : n - i);
    blake3_hasher_finalize(&h, xof, sizeof xof);
    printf("blake3 %s MiB=%zu rounds=%d", blake3_version(), n >> 20, rounds);
    hex("digest", digest, sizeof digest);
    hex("keyed", xof, sizeof xof);
    printf("\n");
    return 0;
}
