// Rotate-heavy hashing: the ChaCha20 block function (RFC 8439 quarter rounds on a 16-word state
// in memory) generating a keystream, and BLAKE2s-style G mixing of its output.
// args: [blocks] (default 15000000). Checksum: a fold of every keystream block.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define QR(a, b, c, d) \
    (a += b, d ^= a, d = ROTL(d, 16), c += d, b ^= c, b = ROTL(b, 12), \
     a += b, d ^= a, d = ROTL(d, 8), c += d, b ^= c, b = ROTL(b, 7))

static void chacha_block(uint32_t out[16], const uint32_t in[16]) {
    uint32_t x[16];
    for (int i = 0; i < 16; i++) x[i] = in[i];
    for (int i = 0; i < 10; i++) {
        QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]); QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++) out[i] = x[i] + in[i];
}

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
static void g(uint32_t *v, int a, int b, int c, int d, uint32_t x, uint32_t y) {
    v[a] = v[a] + v[b] + x; v[d] = ROTR(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d];     v[b] = ROTR(v[b] ^ v[c], 12);
    v[a] = v[a] + v[b] + y; v[d] = ROTR(v[d] ^ v[a], 8);
    v[c] = v[c] + v[d];     v[b] = ROTR(v[b] ^ v[c], 7);
}

int main(int argc, char **argv) {
    int blocks = argc > 1 ? atoi(argv[1]) : 15000000;
    uint32_t state[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
    for (int i = 4; i < 12; i++) state[i] = 0x01020304u * (uint32_t)i;
    state[12] = 0; state[13] = 0x09000000; state[14] = 0x4a000000; state[15] = 0;
    uint32_t h[16] = { 0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19 };
    uint32_t ks[16];
    for (int n = 0; n < blocks; n++) {
        state[12] = (uint32_t)n;
        chacha_block(ks, state);
        for (int i = 8; i < 16; i++) h[i] = h[i - 8] ^ (uint32_t)n;
        g(h, 0, 4, 8, 12, ks[0], ks[1]); g(h, 1, 5, 9, 13, ks[2], ks[3]);
        g(h, 2, 6, 10, 14, ks[4], ks[5]); g(h, 3, 7, 11, 15, ks[6], ks[7]);
        g(h, 0, 5, 10, 15, ks[8], ks[9]); g(h, 1, 6, 11, 12, ks[10], ks[11]);
        g(h, 2, 7, 8, 13, ks[12], ks[13]); g(h, 3, 4, 9, 14, ks[14], ks[15]);
        for (int i = 0; i < 8; i++) h[i] ^= h[i + 8];
    }
    uint64_t fold = 0;
    for (int i = 0; i < 8; i++) fold = fold * 0x100000001B3u + h[i];
    printf("chacha %llu\n", (unsigned long long)fold);
    return 0;
}
