// A mix of classic kernels: sieve of Eratosthenes, dense matrix multiplication in double, CRC-32 with
// a generated table, N-queens by backtracking with bit masks, big-number factorial in base 10^9,
// SHA-256 of a test vector (rotates, shifts, 32-bit adds), and a dynamic-programming edit distance.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc_table[256];
static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
static uint32_t crc32(const uint8_t *p, size_t n) {
    uint32_t c = 0xffffffffu;
    while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static int queens(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2) {
    if (row == n) return 1;
    int count = 0;
    uint32_t free = ~(cols | d1 | d2) & ((1u << n) - 1);
    while (free) {
        uint32_t bit = free & -free;
        free ^= bit;
        count += queens(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
    }
    return count;
}

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
static void sha256(const uint8_t *msg, size_t len, uint8_t out[32]) {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    uint8_t block[64];
    size_t total = ((len + 9 + 63) / 64) * 64;
    for (size_t off = 0; off < total; off += 64) {
        for (int i = 0; i < 64; i++) {
            size_t j = off + (size_t)i;
            block[i] = j < len ? msg[j] : j == len ? 0x80 : 0;
            if (j >= total - 8) block[i] = (uint8_t)(((uint64_t)len * 8) >> (8 * (total - 1 - j)));
        }
        uint32_t w[64];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
                   (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = hh + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    for (int i = 0; i < 32; i++) out[i] = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
}

static int edit_distance(const char *a, const char *b) {
    static int dp[64][64];
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i <= n; i++) dp[i][0] = i;
    for (int j = 0; j <= m; j++) dp[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++) {
            int best = dp[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (dp[i - 1][j] + 1 < best) best = dp[i - 1][j] + 1;
            if (dp[i][j - 1] + 1 < best) best = dp[i][j - 1] + 1;
            dp[i][j] = best;
        }
    return dp[n][m];
}

int main(void) {
    enum { LIMIT = 2000000 };
    static uint8_t composite[LIMIT + 1];
    int primes = 0;
    uint64_t psum = 0;
    for (uint32_t i = 2; i <= LIMIT; i++) {
        if (composite[i]) continue;
        primes++;
        psum += i;
        for (uint64_t j = (uint64_t)i * i; j <= LIMIT; j += i) composite[j] = 1;
    }
    printf("sieve: %d primes below %d, sum %llu\n", primes, LIMIT, (unsigned long long)psum);

    enum { N = 96 };
    static double A[N][N], B[N][N], C[N][N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = (double)((i * 7 + j * 3) % 17) / 4.0 - 2.0;
            B[i][j] = (double)((i * 5 + j * 11) % 13) / 8.0 + 0.5;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) s += A[i][k] * B[k][j];
            C[i][j] = s;
        }
    double trace = 0, total = 0;
    for (int i = 0; i < N; i++) {
        trace += C[i][i];
        for (int j = 0; j < N; j++) total += C[i][j] * (double)((i + j) % 3);
    }
    printf("matmul: trace %.17g weighted %.17g\n", trace, total);

    crc_init();
    const char *text = "The quick brown fox jumps over the lazy dog";
    printf("crc32: %08x %08x\n", crc32((const uint8_t *)text, strlen(text)), crc32(composite, LIMIT));

    for (int n = 4; n <= 10; n++) printf("queens(%d) = %d\n", n, queens(n, 0, 0, 0, 0));

    // 300! in base 10^9.
    uint32_t digits[100] = {1};
    int len = 1;
    for (uint32_t f = 2; f <= 300; f++) {
        uint64_t carry = 0;
        for (int i = 0; i < len; i++) {
            uint64_t v = (uint64_t)digits[i] * f + carry;
            digits[i] = (uint32_t)(v % 1000000000u);
            carry = v / 1000000000u;
        }
        while (carry) {
            digits[len++] = (uint32_t)(carry % 1000000000u);
            carry /= 1000000000u;
        }
    }
    printf("300! = %u", digits[len - 1]);
    for (int i = len - 2; i >= 0; i--) printf("%09u", digits[i]);
    printf("\n");

    const char *vectors[] = {"", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", text};
    for (int v = 0; v < 4; v++) {
        uint8_t out[32];
        sha256((const uint8_t *)vectors[v], strlen(vectors[v]), out);
        printf("sha256(\"%.10s...\") = ", vectors[v]);
        for (int i = 0; i < 32; i++) printf("%02x", out[i]);
        printf("\n");
    }
    const char *pairs[][2] = {{"kitten", "sitting"}, {"flaw", "lawn"}, {"", "abc"}, {"webassembly", "assembler"},
                              {"intention", "execution"}};
    for (int i = 0; i < 5; i++)
        printf("edit(%s, %s) = %d\n", pairs[i][0], pairs[i][1], edit_distance(pairs[i][0], pairs[i][1]));
    return 0;
}
