// Structs and unions: passing small and large structs by value, returning them (sret and
// multi-field returns: the "multi-value-ish" code of C), nested structs and arrays inside structs,
// bit-fields, unions for type punning, struct assignment and comparison by fields, and _Complex
// double arithmetic (a struct of two doubles in the ABI).
#include <complex.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct pair { int32_t a, b; };
struct vec3 { double x, y, z; };
struct mixed { char c; int64_t big; float f; uint16_t s; double d; };
struct big { int32_t v[32]; char name[16]; };
struct divmod { int64_t quot, rem; };
struct minmax { double min, max; int32_t argmin, argmax; };
struct flags {
    unsigned ready : 1;
    unsigned mode : 3;
    signed level : 5;
    unsigned count : 12;
    unsigned wide : 11;
};
union pun { uint32_t u; float f; uint8_t bytes[4]; };

static volatile int32_t vi;
static int32_t rt(int32_t x) { vi = x; return vi; }

__attribute__((noinline)) static struct pair swap(struct pair p) { return (struct pair){p.b, p.a}; }
__attribute__((noinline)) static struct vec3 cross(struct vec3 u, struct vec3 v) {
    return (struct vec3){u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x};
}
__attribute__((noinline)) static double dot(const struct vec3 *u, struct vec3 v) {
    return u->x * v.x + u->y * v.y + u->z * v.z;
}
__attribute__((noinline)) static struct mixed bump(struct mixed m, int32_t k) {
    m.c = (char)(m.c + k);
    m.big = m.big * k - 1;
    m.f *= (float)k;
    m.s = (uint16_t)(m.s + 60000 * k);
    m.d /= k;
    return m;
}
__attribute__((noinline)) static int32_t sum_big(struct big b) {
    int32_t s = 0;
    for (int i = 0; i < 32; i++) s += b.v[i] * (i + 1);
    b.v[0] = 999999; // the caller's copy must not change
    return s + (int32_t)strlen(b.name);
}
__attribute__((noinline)) static struct big make_big(int32_t seed) {
    struct big b;
    for (int i = 0; i < 32; i++) b.v[i] = seed * i - 7;
    snprintf(b.name, sizeof b.name, "big-%d", seed);
    return b;
}
__attribute__((noinline)) static struct divmod divmod64(int64_t n, int64_t d) { return (struct divmod){n / d, n % d}; }
__attribute__((noinline)) static struct minmax scan(const double *xs, int n) {
    struct minmax r = {xs[0], xs[0], 0, 0};
    for (int i = 1; i < n; i++) {
        if (xs[i] < r.min) { r.min = xs[i]; r.argmin = i; }
        if (xs[i] > r.max) { r.max = xs[i]; r.argmax = i; }
    }
    return r;
}
__attribute__((noinline)) static struct flags step(struct flags f) {
    f.ready = !f.ready;
    f.mode = f.mode + 5;
    f.level = f.level - 3;
    f.count = f.count * 3 + 1;
    f.wide ^= 0x555;
    return f;
}
__attribute__((noinline)) static double complex cmul(double complex a, double complex b) { return a * b; }

struct node { int32_t key; struct pair kv[2]; struct vec3 pos; };

int main(void) {
    struct pair p = swap((struct pair){rt(3), rt(-4)});
    printf("swap %d %d\n", p.a, p.b);
    struct vec3 u = {1, 2, 3}, v = {rt(4), -5, 6.5};
    struct vec3 c = cross(u, v);
    printf("cross %.17g %.17g %.17g dot %.17g\n", c.x, c.y, c.z, dot(&u, v));
    struct mixed m = {'A', -1234567890123LL, 1.5f, 65000, 10.0};
    for (int k = 1; k <= 3; k++) {
        m = bump(m, rt(k));
        printf("mixed %c %lld %.9g %u %.17g\n", m.c, (long long)m.big, (double)m.f, m.s, m.d);
    }
    struct big b = make_big(rt(11));
    printf("big sum %d first %d name %s\n", sum_big(b), b.v[0], b.name);
    struct big b2 = b;
    b2.v[31] = 0;
    printf("copy independent %d %d\n", b.v[31], b2.v[31]);
    int64_t ns[] = {100, -100, 9223372036854775807LL, -9223372036854775807LL, 7};
    for (int i = 0; i < 5; i++) {
        struct divmod dm = divmod64(ns[i], rt(i % 2 ? -7 : 13));
        printf("divmod %lld %lld\n", (long long)dm.quot, (long long)dm.rem);
    }
    double xs[] = {3.5, -2, 8.25, 8.25, -2.5, 0, 1e9};
    struct minmax mm = scan(xs, rt(7));
    printf("minmax %g@%d %g@%d\n", mm.min, mm.argmin, mm.max, mm.argmax);

    struct flags f = {1, 6, -9, 4000, 0x7ff};
    for (int i = 0; i < 4; i++) {
        f = step(f);
        printf("flags ready=%u mode=%u level=%d count=%u wide=%03x\n", f.ready, f.mode, f.level, f.count, f.wide);
    }

    union pun pu;
    pu.f = (float)rt(1) / 3.0f;
    printf("pun %08x %02x%02x%02x%02x\n", pu.u, pu.bytes[0], pu.bytes[1], pu.bytes[2], pu.bytes[3]);
    pu.u = 0xc0490fdbu + (uint32_t)rt(0);
    printf("pun back %.9g\n", (double)pu.f);

    double complex z = cmul(rt(1) + 2.0 * I, 3.0 - 4.0 * I);
    double complex w = cmul(z, z) / (1.0 + 1.0 * I);
    printf("complex %.17g%+.17gi %.17g%+.17gi\n", creal(z), cimag(z), creal(w), cimag(w));

    struct node nodes[4];
    for (int i = 0; i < 4; i++) {
        nodes[i] = (struct node){rt(i * 10), {{i, -i}, {i * i, 1}}, {i * 0.5, i * 1.5, -i * 1.0}};
    }
    struct node tmp = nodes[0];
    nodes[0] = nodes[3];
    nodes[3] = tmp;
    for (int i = 0; i < 4; i++)
        printf("node %d kv %d,%d %d,%d pos %g %g %g\n", nodes[i].key, nodes[i].kv[0].a, nodes[i].kv[0].b,
               nodes[i].kv[1].a, nodes[i].kv[1].b, nodes[i].pos.x, nodes[i].pos.y, nodes[i].pos.z);
    return 0;
}
