// Function pointers: call_indirect through tables of functions with several signatures (i32, i64,
// f32, f64, void, pointer arguments, many parameters), pointers stored in structs and global arrays,
// callbacks, and pointers chosen at run time so the optimizer cannot devirtualize them.
#include <stdint.h>
#include <stdio.h>

typedef int32_t (*unop)(int32_t);
typedef int32_t (*binop)(int32_t, int32_t);
typedef double (*dfn)(double);
typedef float (*ffn)(float, float);
typedef int64_t (*lfn)(int64_t, int32_t);
typedef void (*vfn)(int32_t *);
typedef double (*manyfn)(int32_t, int64_t, float, double, int32_t, int64_t, float, double);

static int32_t inc(int32_t x) { return x + 1; }
static int32_t dbl(int32_t x) { return x * 2; }
static int32_t neg(int32_t x) { return -x; }
static int32_t sq(int32_t x) { return x * x; }
static int32_t add(int32_t a, int32_t b) { return a + b; }
static int32_t sub(int32_t a, int32_t b) { return a - b; }
static int32_t mul(int32_t a, int32_t b) { return a * b; }
static int32_t mx(int32_t a, int32_t b) { return a > b ? a : b; }
static double half(double x) { return x / 2; }
static double cube(double x) { return x * x * x; }
static float fadd(float a, float b) { return a + b; }
static float fmul(float a, float b) { return a * b; }
static int64_t lshift(int64_t a, int32_t s) { return (int64_t)((uint64_t)a << (s & 63)); }
static int64_t lmuladd(int64_t a, int32_t s) { return a * 1000003 + s; }
static void bump(int32_t *p) { *p += 10; }
static void twice(int32_t *p) { *p *= 2; }
static double many(int32_t a, int64_t b, float c, double d, int32_t e, int64_t f, float g, double h) {
    return a + (double)b * 2 + c * 3 + d * 4 + e * 5 + (double)f * 6 + g * 7 + h * 8;
}
static double many2(int32_t a, int64_t b, float c, double d, int32_t e, int64_t f, float g, double h) {
    return a - (double)b + c - d + e - (double)f + g - h;
}

static unop unops[] = {inc, dbl, neg, sq};
static binop binops[] = {add, sub, mul, mx};
static dfn dfns[] = {half, cube};
static ffn ffns[] = {fadd, fmul};
static lfn lfns[] = {lshift, lmuladd};
static vfn vfns[] = {bump, twice};
static manyfn manyfns[] = {many, many2};

struct op {
    const char *name;
    binop fn;
};
static const struct op ops[] = {{"add", add}, {"sub", sub}, {"mul", mul}, {"max", mx}};

static volatile uint32_t seed = 12345;
static uint32_t next(void) {
    seed = seed * 1103515245u + 12345u;
    return seed >> 16;
}

static int32_t fold(binop f, const int32_t *xs, int n, int32_t init) {
    for (int i = 0; i < n; i++) init = f(init, xs[i]);
    return init;
}

static unop compose_table[3];
static int32_t apply_all(int32_t x) {
    for (int i = 0; i < 3; i++) x = compose_table[i](x);
    return x;
}

int main(void) {
    uint32_t h = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t r = next();
        int32_t a = (int32_t)(r % 1000) - 500, b = (int32_t)(next() % 100) - 50;
        h = h * 31 + (uint32_t)unops[r % 4](a);
        h = h * 31 + (uint32_t)binops[(r >> 2) % 4](a, b);
        h = h * 31 + (uint32_t)(int64_t)(dfns[r % 2]((double)a) * 8);
        h = h * 31 + (uint32_t)(int32_t)ffns[(r >> 3) % 2]((float)a, (float)b);
        h = h * 31 + (uint32_t)lfns[(r >> 1) % 2](a, b);
        int32_t v = a;
        vfns[r % 2](&v);
        h = h * 31 + (uint32_t)v;
        h = h * 31 + (uint32_t)(int64_t)manyfns[r % 2](a, b, 0.5f, 0.25, a ^ b, (int64_t)a * b, -1.5f, 1e3);
    }
    printf("mixed-signature hash %08x\n", h);

    int32_t xs[] = {3, -1, 4, 1, -5, 9, 2, -6};
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
        printf("fold %s = %d\n", ops[i].name, fold(ops[i].fn, xs, 8, 1));

    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 3; j++) compose_table[j] = unops[(i + j) % 4];
        printf("compose %d: %d\n", i, apply_all(7));
    }
    printf("many: %.17g %.17g\n", many(1, 2, 3.0f, 4.0, 5, 6, 7.0f, 8.0),
           manyfns[1](1, 2, 3.0f, 4.0, 5, 6, 7.0f, 8.0));
    printf("%d %d %.17g %.9g %lld\n", unops[3](-12), binops[2](7, -6), dfns[1](1.5),
           (double)ffns[1](1.5f, 2.25f), (long long)lfns[0](1, 40));
    return 0;
}
