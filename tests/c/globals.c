// Global state: initialized data (data segments), zero-initialized arrays (bss), const tables, arrays
// of string pointers and of function pointers (relocated addresses in data, the element segment),
// static locals that keep their value across calls, globals changed through pointers, and a large
// static 2-D array.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int32_t counter = 100;
int64_t big_global = -5000000000LL;
double ratio = 0.75;
float fscale = 2.5f;
static uint8_t bytes[] = {1, 2, 3, 4, 250, 251, 252, 253};
static const uint16_t primes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47};
static const char *const names[] = {"zero", "one", "two", "three", "four", "five"};
static char message[64] = "initial message";
static int32_t zeros[4096];        // bss
static uint32_t grid[256][256];    // 256 KB of bss
struct config { const char *key; int32_t value; const struct config *next; };
static const struct config c3 = {"gamma", 3, NULL};
static const struct config c2 = {"beta", 2, &c3};
static const struct config c1 = {"alpha", 1, &c2};
static int32_t *counter_ptr = &counter;
static int32_t twice(int32_t x) { return 2 * x; }
static int32_t square(int32_t x) { return x * x; }
static int32_t (*const transforms[])(int32_t) = {twice, square, twice};

static volatile int32_t vi;
static int32_t I(int32_t x) { vi = x; return vi; }

static int32_t next_id(void) {
    static int32_t id = 1000;
    return id++;
}
static const char *memo_name(int32_t n) {
    static char cache[8][16];
    static int32_t filled[8];
    int32_t slot = n & 7;
    if (!filled[slot]) {
        snprintf(cache[slot], sizeof cache[slot], "item#%d", n);
        filled[slot] = 1;
    }
    return cache[slot];
}

int main(void) {
    printf("initial %d %lld %g %g\n", counter, (long long)big_global, ratio, (double)fscale);
    for (int i = 0; i < 5; i++) {
        counter += I(i);
        big_global *= -3;
        ratio = ratio * ratio + 0.125;
        fscale /= 2;
    }
    printf("updated %d %lld %.17g %.9g\n", counter, (long long)big_global, ratio, (double)fscale);
    *counter_ptr = *counter_ptr * 2;
    printf("via pointer %d\n", counter);

    uint32_t s = 0;
    for (unsigned i = 0; i < sizeof bytes; i++) s = s * 256 + bytes[i] + (uint32_t)i;
    bytes[I(3)] = 99;
    printf("bytes %08x %d\n", s, bytes[3]);
    uint32_t ps = 0;
    for (unsigned i = 0; i < sizeof primes / sizeof primes[0]; i++) ps += primes[i] * primes[i];
    printf("primes squares %u\n", ps);
    for (int i = I(0); i < 6; i++) printf("%s%s", names[i], i < 5 ? "," : "\n");
    printf("message [%s] len %zu\n", message, strlen(message));
    strcpy(message + I(8), "changed");
    printf("message [%s]\n", message);

    int nonzero = 0;
    for (int i = 0; i < 4096; i++) nonzero += zeros[i] != 0;
    zeros[I(4095)] = 7;
    printf("bss nonzero %d then %d\n", nonzero, zeros[4095]);
    for (int y = 0; y < 256; y++)
        for (int x = 0; x < 256; x++) grid[y][x] = (uint32_t)(x * y) ^ (uint32_t)(x + y);
    uint32_t g = 0;
    for (int y = 0; y < 256; y += 3)
        for (int x = 0; x < 256; x += 5) g = g * 17 + grid[y][x];
    printf("grid hash %08x corner %u\n", g, grid[255][255]);

    for (const struct config *c = &c1; c; c = c->next) printf("config %s=%d\n", c->key, c->value);
    int32_t v = I(3);
    for (int i = 0; i < 3; i++) v = transforms[i](v);
    printf("transforms %d\n", v);
    for (int i = 0; i < 3; i++) printf("id %d\n", next_id());
    printf("memo %s %s %s\n", memo_name(I(3)), memo_name(I(11)), memo_name(I(4)));
    return 0;
}
