// Linear-memory loads and stores of every width and signedness (i32.load8_s/u, load16_s/u, i64.load32_s/u,
// f32/f64 loads, the narrowing stores), unaligned accesses through memcpy and packed structs, constant
// offsets folded into the access (struct fields, array indexes), byte order, and little-endian views of
// one buffer through different types.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct __attribute__((packed)) packed {
    uint8_t tag;
    uint32_t a;
    uint16_t b;
    uint64_t c;
    double d;
};

static volatile int32_t vi;
static int32_t I(int32_t x) { vi = x; return vi; }

static uint8_t buf[4096];

int main(void) {
    for (int i = 0; i < 4096; i++) buf[i] = (uint8_t)(i * 37 + (i >> 7));
    uint64_t h = 0;
    for (int off = 0; off < 64; off++) {
        int o = I(off);
        int8_t s8;
        uint8_t u8;
        int16_t s16;
        uint16_t u16;
        int32_t s32;
        uint32_t u32;
        uint64_t u64;
        float f;
        double d;
        memcpy(&s8, buf + o, 1);
        memcpy(&u8, buf + o, 1);
        memcpy(&s16, buf + o, 2);
        memcpy(&u16, buf + o, 2);
        memcpy(&s32, buf + o, 4);
        memcpy(&u32, buf + o, 4);
        memcpy(&u64, buf + o, 8);
        memcpy(&f, buf + o, 4);
        memcpy(&d, buf + o, 8);
        int64_t widened = (int64_t)s32 + (int64_t)u32 + s8 + u8 + s16 + u16;
        h = h * 1000003 + (uint64_t)widened + u64;
        h ^= (f == f) ? (uint64_t)(int64_t)(f > 1e18f || f < -1e18f ? 0 : f) : 1;
        h += (d == d && d < 1e18 && d > -1e18) ? (uint64_t)(int64_t)d : 3;
    }
    printf("unaligned load hash %016llx\n", (unsigned long long)h);

    // Narrowing stores at odd addresses.
    memset(buf, 0, 64);
    uint64_t v = 0x0123456789abcdefULL;
    int32_t o = I(3);
    uint8_t b8 = (uint8_t)v;
    uint16_t b16 = (uint16_t)v;
    uint32_t b32 = (uint32_t)v;
    memcpy(buf + o, &b8, 1);
    memcpy(buf + o + 2, &b16, 2);
    memcpy(buf + o + 5, &b32, 4);
    memcpy(buf + o + 11, &v, 8);
    for (int i = 0; i < 24; i++) printf("%02x", buf[i]);
    printf("\n");

    // Sign extension on aligned loads of each width.
    static int8_t i8s[4] = {-1, 127, -128, 5};
    static int16_t i16s[4] = {-1, 32767, -32768, 1000};
    static uint16_t u16s[4] = {65535, 1, 32768, 0};
    static int32_t i32s[4] = {-1, 2147483647, -2147483647 - 1, 77};
    for (int i = 0; i < 4; i++) {
        int k = I(i);
        int64_t a = i8s[k], b = i16s[k], c = u16s[k], d = i32s[k];
        uint64_t e = (uint32_t)i32s[k];
        printf("ext %lld %lld %lld %lld %llu\n", (long long)a, (long long)b, (long long)c, (long long)d,
               (unsigned long long)e);
    }

    // A packed struct: every field misaligned.
    static struct packed ps[3];
    for (int i = 0; i < 3; i++) {
        ps[i].tag = (uint8_t)(0xf0 + i);
        ps[i].a = 0xdeadbeefu + (uint32_t)I(i);
        ps[i].b = (uint16_t)(0xabcd ^ i);
        ps[i].c = 0x1122334455667788ULL * (uint64_t)(i + 1);
        ps[i].d = 1.0 / (i + 3);
    }
    for (int i = 0; i < 3; i++)
        printf("packed %02x %08x %04x %016llx %.17g\n", ps[I(i)].tag, ps[i].a, ps[i].b, (unsigned long long)ps[i].c,
               ps[i].d);
    const uint8_t *raw = (const uint8_t *)ps;
    uint32_t rs = 0;
    for (size_t i = 0; i < sizeof ps; i++) rs = rs * 31 + raw[i];
    printf("packed bytes %zu hash %08x\n", sizeof ps, rs);

    // Byte order: a little-endian view of a 64-bit value.
    uint64_t word = 0x0807060504030201ULL + (uint64_t)I(0);
    uint8_t le[8];
    memcpy(le, &word, 8);
    printf("little endian: %d %d %d %d %d %d %d %d\n", le[0], le[1], le[2], le[3], le[4], le[5], le[6], le[7]);
    uint32_t halves[2];
    memcpy(halves, &word, 8);
    printf("halves %08x %08x\n", halves[0], halves[1]);

    // Large constant offsets from one base pointer.
    uint32_t *base = (uint32_t *)buf;
    base[I(0)] = 1;
    base[1000] = 2;
    base[1023] = 3;
    printf("offsets %u %u %u\n", base[0], base[I(1000)], base[1023]);
    return 0;
}
