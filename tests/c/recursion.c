// Recursion: naive Fibonacci, Ackermann (deep, non-tail), Takeuchi, mutual recursion, Towers of Hanoi,
// permutations by backtracking, and a recursive-descent expression evaluator. Several functions are
// noinline so they stay real calls (with their argument and result passing) in the Wasm code.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static int32_t fib(int32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline)) static int64_t fib64(int64_t n) { return n < 2 ? n : fib64(n - 1) + fib64(n - 2); }

__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static int tak(int x, int y, int z) {
    return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static uint64_t moves;
static uint32_t hanoi_hash;
__attribute__((noinline)) static void hanoi(int n, int from, int to, int via) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    hanoi_hash = hanoi_hash * 31 + (uint32_t)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}

static int perm[9], used[9], count;
static uint32_t perm_hash;
static void permute(int depth, int n) {
    if (depth == n) {
        count++;
        for (int i = 0; i < n; i++) perm_hash = perm_hash * 17 + (uint32_t)perm[i];
        return;
    }
    for (int i = 0; i < n; i++) {
        if (used[i]) continue;
        used[i] = 1;
        perm[depth] = i;
        permute(depth + 1, n);
        used[i] = 0;
    }
}

// expr := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*; factor := num | '(' expr ')' | '-' factor
static const char *p;
static int64_t expr(void);
static int64_t factor(void) {
    if (*p == '(') {
        p++;
        int64_t v = expr();
        p++;
        return v;
    }
    if (*p == '-') {
        p++;
        return -factor();
    }
    int64_t v = 0;
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    return v;
}
static int64_t term(void) {
    int64_t v = factor();
    while (*p == '*' || *p == '/') {
        char op = *p++;
        int64_t r = factor();
        v = op == '*' ? v * r : (r ? v / r : 0);
    }
    return v;
}
static int64_t expr(void) {
    int64_t v = term();
    while (*p == '+' || *p == '-') {
        char op = *p++;
        int64_t r = term();
        v = op == '+' ? v + r : v - r;
    }
    return v;
}

int main(void) {
    for (int i = 0; i <= 30; i += 3) printf("fib(%d) = %d\n", i, fib(i));
    printf("fib64(32) = %lld\n", (long long)fib64(32));
    for (uint32_t m = 0; m <= 3; m++)
        for (uint32_t n = 0; n <= (m < 3 ? 6u : 8u); n++) printf("ack(%u,%u) = %u\n", m, n, ack(m, n));
    printf("tak(18,12,6) = %d tak(24,16,8) = %d\n", tak(18, 12, 6), tak(24, 16, 8));
    printf("is_even(10001) = %d is_odd(7777) = %d\n", is_even(10001), is_odd(7777));
    hanoi(20, 1, 3, 2);
    printf("hanoi(20): %llu moves, hash %08x\n", (unsigned long long)moves, hanoi_hash);
    for (int n = 1; n <= 8; n++) {
        count = 0;
        perm_hash = 0;
        memset(used, 0, sizeof used);
        permute(0, n);
        printf("perms(%d) = %d hash %08x\n", n, count, perm_hash);
    }
    const char *exprs[] = {"1+2*3", "(1+2)*3", "-(4-10)*-(3+-5)", "100/7/2", "2*(3*(4*(5*(6*(7+1)))))",
                           "((((((((((1))))))))))+((((2))))*3-4/(1+1)"};
    for (unsigned i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        p = exprs[i];
        printf("%s = %lld\n", exprs[i], (long long)expr());
    }
    return 0;
}
