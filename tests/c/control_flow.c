// Structured and unstructured control flow without setjmp: nested loops with break/continue, goto out
// of nested loops, goto-based retry and cleanup chains, a goto state machine whose CFG is irreducible
// (LLVM's Wasm backend rebuilds it with a dispatch loop), do/while, loops with several exits, and
// short-circuit conditions with side effects.
#include <stdint.h>
#include <stdio.h>

static volatile int32_t vi;
static int32_t I(int32_t x) { vi = x; return vi; }

static int calls;
static int side(int v) {
    calls++;
    return v;
}

// Find the first (i, j, k) with i*i + j*j == k*k and i+j+k == target, leaving all loops with goto.
static void triple(int target) {
    for (int i = 1; i < target; i++)
        for (int j = i; j < target; j++)
            for (int k = j; k < target; k++) {
                if (i + j + k > target) break;
                if (i * i + j * j == k * k && i + j + k == target) {
                    printf("triple(%d) = %d %d %d\n", target, i, j, k);
                    goto found;
                }
            }
    printf("triple(%d) none\n", target);
found:
    return;
}

// Irreducible: two loop entries (A and B) into the same cycle, picked at run time.
__attribute__((noinline)) static uint32_t irreducible(int32_t start, int32_t n) {
    uint32_t x = (uint32_t)n;
    if (start & 1) goto B;
A:
    x = x * 3 + 1;
    if (--n <= 0) return x;
    if (x & 4) goto C;
B:
    x ^= x >> 3;
    if (--n <= 0) return x + 7;
    if (x & 8) goto A;
C:
    x += 0x1234;
    if (--n <= 0) return x ^ 0xff;
    if (x & 16) goto B;
    goto A;
}

// Resource acquisition with a cleanup chain, as in C code without exceptions.
static int acquire(int what, int fail_at, int *log) {
    int ok = 0;
    *log = 0;
    if (what == fail_at) goto fail0;
    *log = *log * 10 + 1;
    if (what + 1 == fail_at) goto fail1;
    *log = *log * 10 + 2;
    if (what + 2 == fail_at) goto fail2;
    *log = *log * 10 + 3;
    ok = 1;
    *log = *log * 10 + 7;
fail2:
    *log = *log * 10 + 8;
fail1:
    *log = *log * 10 + 9;
fail0:
    return ok;
}

// Collatz with retry through goto, continue in do/while, and a loop with three exits.
static void loops(void) {
    uint32_t longest = 0, arg = 0;
    for (uint32_t start = 1; start < 30000; start++) {
        uint32_t x = start, steps = 0;
    again:
        if (x != 1) {
            x = (x & 1) ? 3 * x + 1 : x / 2;
            steps++;
            goto again;
        }
        if (steps > longest) {
            longest = steps;
            arg = start;
        }
    }
    printf("collatz: %u steps from %u\n", longest, arg);

    int i = 0, odd = 0;
    do {
        i++;
        if (i % 2 == 0) continue;
        odd += i;
    } while (i < I(99));
    printf("do-while odd sum %d\n", odd);

    int32_t n = I(1000), exit_kind = 0, it = 0;
    while (1) {
        it++;
        if (n % 97 == 0) { exit_kind = 1; break; }
        if (n < 0) { exit_kind = 2; break; }
        n = n * 7 % 1013 - 3;
        if (it > 10000) { exit_kind = 3; break; }
    }
    printf("three exits: kind %d after %d iterations, n %d\n", exit_kind, it, n);

    // Labeled-break emulation and continue of an outer loop.
    int primes = 0;
    for (int p = 2; p < I(5000); p++) {
        for (int d = 2; d * d <= p; d++)
            if (p % d == 0) goto next_p;
        primes++;
    next_p:;
    }
    printf("primes below 5000: %d\n", primes);
}

int main(void) {
    triple(12);
    triple(30);
    triple(1000);
    triple(7);
    for (int32_t s = 0; s < 2; s++)
        for (int32_t n = 1; n <= 40; n += 13) printf("irreducible(%d,%d) = %08x\n", s, n, irreducible(I(s), I(n)));
    uint32_t h = 0;
    for (int32_t n = 1; n < 3000; n++) h = h * 31 + irreducible(I(n), I(n % 50 + 1));
    printf("irreducible hash %08x\n", h);
    for (int f = 0; f < 5; f++) {
        int log;
        int ok = acquire(I(1), f, &log);
        printf("acquire(fail_at=%d) ok=%d log=%d\n", f, ok, log);
    }
    loops();
    calls = 0;
    int r = (side(0) && side(1)) || (side(1) && side(0)) || (side(2) > 1 && side(3));
    printf("short-circuit result %d after %d calls\n", r, calls);
    calls = 0;
    r = side(I(5)) > 3 ? side(10) : side(20);
    printf("ternary %d after %d calls\n", r, calls);
    return 0;
}
