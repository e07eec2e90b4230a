// A threaded bytecode interpreter whose handlers dispatch to each other with
// __attribute__((musttail)) through a table of function pointers: built with
// `clang-19 --target=wasm32-wasi -O2 -mtail-call`, every dispatch is a return_call_indirect
// (or return_call), so the program runs ~3*10^7 tail calls in constant stack. Without real tail
// calls it would need one frame per executed instruction and overflow any stack.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    uint32_t acc, x, y;
    uint64_t steps;
} State;

enum { OP_ADD, OP_XOR, OP_ROT, OP_MUL, OP_DEC, OP_JNZ, OP_SWAP, OP_HALT, NOPS };

typedef uint32_t (*Handler)(const uint8_t *pc, State *s, uint32_t acc, uint32_t n);
static Handler table[NOPS];

#define DISPATCH(pc, s, acc, n) __attribute__((musttail)) return table[*(pc)](pc, s, acc, n)

static uint32_t op_add(const uint8_t *pc, State *s, uint32_t acc, uint32_t n) {
    s->steps++;
    acc += pc[1] + s->x;
    DISPATCH(pc + 2, s, acc, n);
}
static uint32_t op_xor(const uint8_t *pc, State *s, uint32_t acc, uint32_t n) {
    s->steps++;
    acc ^= s->y + n;
    DISPATCH(pc + 1, s, acc, n);
}
static uint32_t op_rot(const uint8_t *pc, State *s, uint32_t acc, uint32_t n) {
    s->steps++;
    acc = (acc << 7) | (acc >> 25);
    DISPATCH(pc + 1, s, acc, n);
}
static uint32_t op_mul(const uint8_t *pc, State *s, uint32_t acc, uint32_t n) {
    s->steps++;
    acc = acc * 2654435761u + pc[1];
    DISPATCH(pc + 2, s, acc, n);
}
static uint32_t op_dec(const uint8_t *pc, State *s, uint32_t acc, uint32_t n) {
    s->steps++;
    DISPATCH(pc + 1, s, acc, n - 1);
}
static uint32_t op_swap(const uint8_t *pc, State *s, uint32_t acc, uint32_t n) {
    s->steps++;
    uint32_t t = s->x;
    s->x = s->y;
    s->y = t ^ acc;
    DISPATCH(pc + 1, s, acc, n);
}
// Relative jump back by pc[1] bytes while n != 0.
static uint32_t op_jnz(const uint8_t *pc, State *s, uint32_t acc, uint32_t n) {
    s->steps++;
    const uint8_t *next = n ? pc - pc[1] : pc + 2;
    DISPATCH(next, s, acc, n);
}
static uint32_t op_halt(const uint8_t *pc, State *s, uint32_t acc, uint32_t n) {
    (void)pc;
    (void)n;
    s->steps++;
    s->acc = acc;
    return acc;
}

// A second machine: two mutually recursive functions called directly (return_call rather
// than return_call_indirect; musttail wants the same signature on both sides).
static uint64_t even_step(uint64_t n, uint64_t acc, uint32_t salt);
__attribute__((noinline)) static uint64_t odd_step(uint64_t n, uint64_t acc, uint32_t salt) {
    if (n == 0) return acc ^ salt;
    __attribute__((musttail)) return even_step(n - 1, acc * 31 + salt, salt + 1);
}
__attribute__((noinline)) static uint64_t even_step(uint64_t n, uint64_t acc, uint32_t salt) {
    if (n == 0) return acc;
    __attribute__((musttail)) return odd_step(n - 1, acc + (n & 0xff), salt ^ (uint32_t)n);
}

int main(int argc, char **argv) {
    table[OP_ADD] = op_add;
    table[OP_XOR] = op_xor;
    table[OP_ROT] = op_rot;
    table[OP_MUL] = op_mul;
    table[OP_DEC] = op_dec;
    table[OP_JNZ] = op_jnz;
    table[OP_SWAP] = op_swap;
    table[OP_HALT] = op_halt;
    // The loop body: add 3; xor; rot; mul 5; swap; dec; jnz back to the start (11 bytes).
    static const uint8_t program[] = {
        OP_ADD, 3, OP_XOR, OP_ROT, OP_MUL, 5, OP_SWAP, OP_DEC, OP_JNZ, 9, OP_HALT,
    };
    uint32_t iterations = argc > 1 ? (uint32_t)strtoul(argv[1], 0, 10) : 4000000;
    State s = {0, 1, 2, 0};
    uint32_t acc = table[program[0]](program, &s, 0x12345678u, iterations);
    printf("interpreter: acc %08x x %08x y %08x steps %llu\n", acc, s.x, s.y,
           (unsigned long long)s.steps);
    uint64_t r = even_step(20000001, 1, 7);
    printf("state machine: %016llx\n", (unsigned long long)r);
    return 0;
}
