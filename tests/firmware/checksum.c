/* The WebAssembly module of the firmware tests (tests/firmware.rs): a CRC-32 over a buffer filled
 * from an imported seed, reporting progress through an imported function, a float loop (soft
 * float on Cortex-M3, single-precision FPU with double in software on M4), and exports that trap.
 * Built with clang --target=wasm32 -nostdlib; the same file is built natively (IMPORT empty) for
 * the reference output. */
#ifndef IMPORT
#define IMPORT(n) __attribute__((import_module("env"), import_name(n)))
#endif
#ifndef EXPORT
#define EXPORT(n) __attribute__((export_name(n)))
#endif

IMPORT("get_seed") unsigned get_seed(void);
IMPORT("report") void report(unsigned round, unsigned value);

static unsigned char buf[4096];
static unsigned table[256];

static void init_table(void) {
    for (unsigned i = 0; i < 256; i++) {
        unsigned c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

EXPORT("run") unsigned run(unsigned rounds) {
    init_table();
    unsigned x = get_seed();
    for (unsigned i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = x >> 16;
    }
    unsigned crc = 0;
    for (unsigned r = 0; r < rounds; r++) {
        crc = ~crc;
        for (unsigned i = 0; i < sizeof buf; i++) crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
        crc = ~crc;
        if (r % 4 == 3) report(r, crc);
    }
    return crc;
}

EXPORT("harmonic") double harmonic(int n) {
    double s = 0;
    for (int i = 1; i <= n; i++) s += 1.0 / i;
    return s;
}

static int (*volatile ops[2])(int, int);
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }

/* An indirect call through the table. */
EXPORT("apply") int apply(int op, int a, int b) {
    ops[0] = add;
    ops[1] = mul;
    return ops[op & 1](a, b);
}

/* Recursion without end (not a tail call: the result is used). */
EXPORT("recurse") int recurse(volatile int depth) { return recurse(depth + 1) + depth; }

EXPORT("load") int load(int addr) { return *(volatile int *)addr; }
EXPORT("divide") int divide(int a, int b) { return a / b; }
