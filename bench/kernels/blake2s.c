// Rotate-heavy hashing as a library writes it: BLAKE2s (RFC 7693) with its state in a struct in
// memory, a compression function of ten rounds whose message words are picked through the
// SIGMA permutation table, and the usual init/update/final interface. Hashes a 1 KiB message
// repeatedly, each time with the previous digest mixed in. args: [messages] (default 700000).
// Checksum: the last digest.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint32_t IV[8] = { 0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                                0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19 };
static const uint8_t SIGMA[10][16] = {
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 }, { 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
    { 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4 }, { 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8 },
    { 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13 }, { 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9 },
    { 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11 }, { 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10 },
    { 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5 }, { 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 },
};

struct blake2s { uint32_t h[8], t[2], f[2]; uint8_t buf[64]; size_t buflen, outlen; };

static uint32_t load32(const uint8_t *p) { uint32_t w; memcpy(&w, p, 4); return w; }
static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

#define G(r, i, a, b, c, d)                                               \
    do {                                                                  \
        a = a + b + m[SIGMA[r][2 * i]]; d = rotr(d ^ a, 16);              \
        c = c + d; b = rotr(b ^ c, 12);                                   \
        a = a + b + m[SIGMA[r][2 * i + 1]]; d = rotr(d ^ a, 8);           \
        c = c + d; b = rotr(b ^ c, 7);                                    \
    } while (0)
#define ROUND(r)                                                          \
    do {                                                                  \
        G(r, 0, v[0], v[4], v[8], v[12]); G(r, 1, v[1], v[5], v[9], v[13]);  \
        G(r, 2, v[2], v[6], v[10], v[14]); G(r, 3, v[3], v[7], v[11], v[15]); \
        G(r, 4, v[0], v[5], v[10], v[15]); G(r, 5, v[1], v[6], v[11], v[12]); \
        G(r, 6, v[2], v[7], v[8], v[13]); G(r, 7, v[3], v[4], v[9], v[14]);  \
    } while (0)

static void compress(struct blake2s *S, const uint8_t block[64]) {
    uint32_t m[16], v[16];
    for (int i = 0; i < 16; i++) m[i] = load32(block + 4 * i);
    for (int i = 0; i < 8; i++) v[i] = S->h[i];
    for (int i = 0; i < 4; i++) v[8 + i] = IV[i];
    v[12] = S->t[0] ^ IV[4]; v[13] = S->t[1] ^ IV[5]; v[14] = S->f[0] ^ IV[6]; v[15] = S->f[1] ^ IV[7];
    ROUND(0); ROUND(1); ROUND(2); ROUND(3); ROUND(4); ROUND(5); ROUND(6); ROUND(7); ROUND(8); ROUND(9);
    for (int i = 0; i < 8; i++) S->h[i] ^= v[i] ^ v[i + 8];
}

static void add_counter(struct blake2s *S, uint32_t n) { S->t[0] += n; S->t[1] += S->t[0] < n; }

static void init(struct blake2s *S, size_t outlen) {
    memset(S, 0, sizeof *S);
    memcpy(S->h, IV, sizeof IV);
    S->h[0] ^= 0x01010000u ^ (uint32_t)outlen;
    S->outlen = outlen;
}

static void update(struct blake2s *S, const uint8_t *in, size_t n) {
    while (n > 0) {
        if (S->buflen == 64) { add_counter(S, 64); compress(S, S->buf); S->buflen = 0; }
        size_t take = 64 - S->buflen < n ? 64 - S->buflen : n;
        memcpy(S->buf + S->buflen, in, take);
        S->buflen += take; in += take; n -= take;
    }
}

static void final(struct blake2s *S, uint8_t *out) {
    add_counter(S, (uint32_t)S->buflen);
    S->f[0] = ~0u;
    memset(S->buf + S->buflen, 0, 64 - S->buflen);
    compress(S, S->buf);
    memcpy(out, S->h, S->outlen);
}

int main(int argc, char **argv) {
    int messages = argc > 1 ? atoi(argv[1]) : 700000;
    static uint8_t msg[1024];
    for (int i = 0; i < 1024; i++) msg[i] = (uint8_t)(i * 131 + 7);
    uint8_t digest[32] = { 0 };
    struct blake2s S;
    for (int k = 0; k < messages; k++) {
        memcpy(msg + (k % 31) * 32, digest, 32);
        init(&S, 32);
        update(&S, msg, sizeof msg);
        final(&S, digest);
    }
    printf("blake2s ");
    for (int i = 0; i < 32; i++) printf("%02x", digest[i]);
    printf("\n");
    return 0;
}
