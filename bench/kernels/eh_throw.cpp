// C++ exceptions thrown and caught in a loop: each round descends 5 to 10 frames, all but the
// last holding a guard whose destructor runs as the exception unwinds it, then throws one of four
// types (two derived from others), caught by base class at the top; a middle frame turns a thrown
// `int` into an exception object and another catches, counts and rethrows (`throw;`); some rounds
// return without throwing. args: [rounds] (default 350000). Checksum: caught codes, guards.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

static uint64_t guards_made, guards_gone, guard_sum, rethrown;

struct Error {
    int code;
    explicit Error(int c) : code(c) {}
    virtual ~Error() {}
    virtual uint64_t weight() const { return 1; }
};
struct ParseError : Error {
    explicit ParseError(int c) : Error(c) {}
    uint64_t weight() const override { return 3; }
};
struct RangeError : Error {
    uint64_t lo, hi;
    RangeError(int c, uint64_t l, uint64_t h) : Error(c), lo(l), hi(h) {}
    uint64_t weight() const override { return 5 + (hi - lo); }
};
struct Overflow : RangeError {
    Overflow(int c, uint64_t l, uint64_t h) : RangeError(c, l, h) {}
    uint64_t weight() const override { return 7 + 2 * lo; }
};

struct Guard {
    uint64_t v;
    explicit Guard(uint64_t x) : v(x) { guards_made++; }
    ~Guard() { guards_gone++; guard_sum += v; }
};

__attribute__((noinline)) static uint64_t leaf(uint64_t x, uint32_t round) {
    switch (x >> 61) {
    case 0: throw ParseError(int(round & 0xff));
    case 1: throw RangeError(2, x & 15, 16 + ((x >> 8) & 15));
    case 2: throw Overflow(3, x & 31, 64);
    case 3: throw int(x & 0x7f);  // not an Error: turned into one by middle()
    default: return (x >> 7) * 3 + 1;
    }
}

__attribute__((noinline)) static uint64_t descend(int depth, uint64_t x, uint32_t round) {
    Guard g(x & 0xffff);
    if (depth == 0) return leaf(x, round);
    uint64_t next = x * 6364136223846793005ULL + 1442695040888963407ULL;
    if (depth == 2) {
        try {
            return descend(depth - 1, next, round) ^ g.v;
        } catch (const Overflow &) {
            rethrown++;
            throw;
        }
    }
    return descend(depth - 1, next, round) + (g.v & 1);
}

__attribute__((noinline)) static uint64_t middle(int depth, uint64_t x, uint32_t round) {
    Guard g(round);
    try {
        return descend(depth, x, round);
    } catch (int v) {
        throw ParseError(v + 1000);
    }
}

int main(int argc, char **argv) {
    uint32_t rounds = argc > 1 ? uint32_t(atol(argv[1])) : 350000;
    uint64_t x = 88172645463325252ULL, value = 0, codes = 0;
    uint64_t normal = 0, parse = 0, range = 0, overflow = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int depth = 2 + int(x % 6);
        try {
            value += middle(depth, x, r);
            normal++;
        } catch (const Overflow &e) {  // before RangeError: the most derived first
            overflow++;
            codes += e.code * e.weight() + e.hi;
        } catch (const RangeError &e) {
            range++;
            codes += e.code * e.weight() + e.lo;
        } catch (const Error &e) {  // ParseError, by its base
            parse++;
            codes = codes * 31 + uint64_t(e.code) * e.weight();
        }
    }
    bool ok = guards_made == guards_gone && normal + parse + range + overflow == rounds && rethrown == overflow;
    printf("eh_throw %s: rounds %u normal %llu parse %llu range %llu overflow %llu guards %llu "
           "checksum %016llx\n", ok ? "ok" : "FAILED", rounds, (unsigned long long)normal,
           (unsigned long long)parse, (unsigned long long)range, (unsigned long long)overflow,
           (unsigned long long)guards_gone, (unsigned long long)(value ^ codes ^ guard_sum * 0x9e3779b97f4a7c15ULL));
    return ok ? 0 : 1;
}
