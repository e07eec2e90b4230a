// A tree-walking interpreter whose nodes carry a pointer to their evaluation function: every
// node visit is an indirect call (call_indirect in Wasm). It builds random expression trees over
// variables (add, sub, mul, min, max, select, shifts) and evaluates them over many inputs.
// args: [rounds] (default 200000). Checksum: the sum of all results.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct node node;
typedef uint32_t (*eval_fn)(const node *, const uint32_t *vars);
struct node { eval_fn eval; const node *a, *b, *c; uint32_t k; };

static uint32_t ev_const(const node *n, const uint32_t *v) { (void)v; return n->k; }
static uint32_t ev_var(const node *n, const uint32_t *v) { return v[n->k & 7]; }
static uint32_t ev_add(const node *n, const uint32_t *v) { return n->a->eval(n->a, v) + n->b->eval(n->b, v); }
static uint32_t ev_sub(const node *n, const uint32_t *v) { return n->a->eval(n->a, v) - n->b->eval(n->b, v); }
static uint32_t ev_mul(const node *n, const uint32_t *v) { return n->a->eval(n->a, v) * (n->b->eval(n->b, v) | 1); }
static uint32_t ev_min(const node *n, const uint32_t *v) {
    uint32_t x = n->a->eval(n->a, v), y = n->b->eval(n->b, v);
    return x < y ? x : y;
}
static uint32_t ev_max(const node *n, const uint32_t *v) {
    uint32_t x = n->a->eval(n->a, v), y = n->b->eval(n->b, v);
    return x > y ? x : y;
}
static uint32_t ev_sel(const node *n, const uint32_t *v) {
    return n->a->eval(n->a, v) & 1 ? n->b->eval(n->b, v) : n->c->eval(n->c, v);
}
static uint32_t ev_rot(const node *n, const uint32_t *v) {
    uint32_t x = n->a->eval(n->a, v), s = n->k & 31;
    return (x << s) | (x >> ((32 - s) & 31));
}
static uint32_t ev_xor(const node *n, const uint32_t *v) { return n->a->eval(n->a, v) ^ n->b->eval(n->b, v); }

static const eval_fn INNER[] = { ev_add, ev_sub, ev_mul, ev_min, ev_max, ev_sel, ev_rot, ev_xor };

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint32_t next(void) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

#define POOL 4096
static node pool[POOL];
static int used;

static const node *build(int depth) {
    node *n = &pool[used++];
    n->k = next();
    if (depth <= 0 || used + 3 >= POOL) {
        n->eval = (n->k & 3) ? ev_var : ev_const;
        return n;
    }
    n->eval = INNER[next() & 7];
    n->a = build(depth - 1);
    n->b = build(depth - 1 - (next() & 1));
    n->c = build(depth > 2 ? depth - 2 : 0);
    return n;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 200000;
    uint64_t sum = 0;
    for (int t = 0; t < 16; t++) {
        used = 0;
        const node *root = build(9);
        uint32_t vars[8];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 8; i++) vars[i] = next();
            sum += root->eval(root, vars);
        }
    }
    printf("fnptr_interp %llu\n", (unsigned long long)sum);
    return 0;
}
