// C++ `try` on the path that does not throw: a hot loop calls small non-inlined functions inside
// `try { } catch (...) { }` blocks, every frame holding an object with a destructor; the functions
// can throw (past a limit read from argv), but no exception is ever thrown, so this measures what
// `try` blocks and cleanups cost when nothing is thrown. args: [n] [limit] (default 70000000).
// Checksum: the hash chain, destructor count; it checks that no catch ran.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

static uint64_t live, made, sink, caught;

struct TooBig {
    uint64_t v;
};

struct Span {  // bookkeeping in the constructor and the destructor, as RAII objects do
    uint64_t acc;
    explicit Span(uint64_t a) : acc(a) { live++; made++; }
    ~Span() { live--; sink += acc; }
};

__attribute__((noinline)) static uint64_t check(uint64_t v, uint64_t limit) {
    if (v > limit) throw TooBig{v};
    return v;
}

__attribute__((noinline)) static uint64_t mix(uint64_t x, uint64_t limit) {
    Span s(x & 0xff);
    uint64_t y = check(x ^ (x >> 29), limit);
    return (y * 0xbf58476d1ce4e5b9ULL) ^ (y >> 31);
}

__attribute__((noinline)) static uint64_t step(uint64_t x, uint64_t limit) {
    Span s(x >> 56);
    uint64_t r;
    try {
        r = mix(x, limit) + mix(x + 0x9e3779b97f4a7c15ULL, limit);
    } catch (...) {
        caught++;
        r = 0;
    }
    return r ^ (r >> 27);
}

int main(int argc, char **argv) {
    uint64_t n = argc > 1 ? strtoull(argv[1], 0, 10) : 70000000;
    uint64_t limit = argc > 2 ? strtoull(argv[2], 0, 10) : UINT64_MAX;  // never exceeded
    uint64_t h = 0x243f6a8885a308d3ULL;
    for (uint64_t i = 0; i < n; i++) {
        Span s(i & 7);
        try {
            h = step(h + i, limit);
        } catch (...) {
            caught++;
        }
    }
    bool ok = caught == 0 && live == 0 && made == 4 * n;
    printf("eh_nothrow %s: n %llu spans %llu caught %llu checksum %016llx\n", ok ? "ok" : "FAILED",
           (unsigned long long)n, (unsigned long long)made, (unsigned long long)caught,
           (unsigned long long)(h ^ sink));
    return ok ? 0 : 1;
}
