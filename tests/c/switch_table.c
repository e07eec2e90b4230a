// switch statements: a dense switch whose cases do different work (lowered to br_table, not a lookup
// table), one with fallthrough, a sparse switch (compare trees), a switch on characters in a small
// lexer, a bytecode interpreter loop, and out-of-range selectors reaching the default.
#include <stdint.h>
#include <stdio.h>

static volatile int32_t vi;
static int32_t I(int32_t x) { vi = x; return vi; }

__attribute__((noinline)) static uint32_t dense(int32_t sel, uint32_t acc) {
    switch (sel) {
    case 0: acc = acc * 3 + 1; break;
    case 1: acc ^= acc >> 7; break;
    case 2: acc += 0x9e3779b9u; break;
    case 3: acc = (acc << 5) | (acc >> 27); break;
    case 4: acc -= 12345; break;
    case 5: acc = ~acc; break;
    case 6: acc *= 0x85ebca6bu; break;
    case 7: acc ^= acc << 13; break;
    case 8: acc = acc / 3 + 7; break;
    case 9: acc = acc % 1000003; break;
    case 10: acc += acc >> 3; break;
    case 11: acc ^= 0xdeadbeefu; break;
    case 12: acc = acc * acc; break;
    case 13: acc -= acc >> 1; break;
    case 14: acc = (acc >> 16) | (acc << 16); break;
    case 15: acc += 1; break;
    default: acc = acc * 7 + (uint32_t)sel; break;
    }
    return acc;
}

__attribute__((noinline)) static int32_t fallthrough(int32_t n) {
    int32_t r = 0;
    switch (n) {
    case 0: r += 1; /* fall through */
    case 1: r += 10; /* fall through */
    case 2: r += 100; break;
    case 3: r += 1000; /* fall through */
    case 4: r += 10000; /* fall through */
    default: r += 100000;
    }
    return r;
}

__attribute__((noinline)) static const char *sparse(int32_t code) {
    switch (code) {
    case -1000000: return "very negative";
    case -1: return "minus one";
    case 7: return "seven";
    case 404: return "not found";
    case 65535: return "ffff";
    case 1 << 20: return "mega";
    case 2147483647: return "max";
    default: return "other";
    }
}

// Counts token kinds of a tiny C-like source.
static void lex(const char *s) {
    int idents = 0, numbers = 0, ops = 0, parens = 0, spaces = 0, other = 0;
    while (*s) {
        switch (*s) {
        case 'a': case 'b': case 'c': case 'd': case 'e': case 'f': case 'g': case 'h': case 'i':
        case 'j': case 'k': case 'l': case 'm': case 'n': case 'o': case 'p': case 'q': case 'r':
        case 's': case 't': case 'u': case 'v': case 'w': case 'x': case 'y': case 'z': case '_':
            idents++;
            while ((*s >= 'a' && *s <= 'z') || *s == '_' || (*s >= '0' && *s <= '9')) s++;
            continue;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
            numbers++;
            while (*s >= '0' && *s <= '9') s++;
            continue;
        case '+': case '-': case '*': case '/': case '=': case '<': case '>': case ';':
            ops++;
            break;
        case '(': case ')': case '{': case '}':
            parens++;
            break;
        case ' ': case '\n': case '\t':
            spaces++;
            break;
        default:
            other++;
        }
        s++;
    }
    printf("lex: idents %d numbers %d ops %d parens %d spaces %d other %d\n", idents, numbers, ops, parens,
           spaces, other);
}

// A stack-machine interpreter: the classic br_table dispatch loop.
enum { PUSH, ADD, SUB, MUL, DUP, SWAP, OVER, JNZ, DEC, PRINT, HALT };
static void run(const int32_t *code) {
    int32_t stack[64], sp = 0, pc = 0;
    uint32_t steps = 0;
    for (;;) {
        steps++;
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { int32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case JNZ: { int32_t target = code[pc++]; if (stack[sp - 1] != 0) pc = target; } break;
        case DEC: stack[sp - 1]--; break;
        case PRINT: printf("vm: %d\n", stack[sp - 1]); break;
        case HALT: printf("vm: halted after %u steps, depth %d\n", steps, sp); return;
        default: printf("vm: bad opcode\n"); return;
        }
    }
}

int main(void) {
    uint32_t acc = 1;
    for (int32_t i = 0; i < 100000; i++) acc = dense(I(i % 19 - 1), acc);
    printf("dense acc %08x\n", acc);
    for (int32_t i = -2; i <= 17; i++) printf("dense(%d) = %08x\n", i, dense(I(i), 0x12345678u));
    printf("dense(INT_MIN) = %08x dense(INT_MAX) = %08x\n", dense(I(INT32_MIN), 5), dense(I(INT32_MAX), 5));
    for (int32_t i = -1; i <= 6; i++) printf("fallthrough(%d) = %d\n", i, fallthrough(I(i)));
    int32_t codes[] = {-1000000, -1, 0, 7, 8, 404, 65535, 1 << 20, 2147483647, -2147483647 - 1};
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++)
        printf("sparse(%d) = %s\n", codes[i], sparse(I(codes[i])));
    lex("int main(void) {\n\tfor (i = 0; i < 10; i++) x_1 = x_1 * 2 + 31;\n\treturn x_1 % 7; // done\n}\n");
    // 10! : stack [acc n]; loop: SWAP OVER MUL SWAP DEC JNZ loop
    static const int32_t fact[] = {PUSH, 1, PUSH, 10, SWAP, OVER, MUL, SWAP, DEC, JNZ, 4, SWAP, PRINT, HALT};
    run(fact);
    // Sum of squares 1..100: stack [sum n]; loop: SWAP OVER DUP MUL ADD SWAP DEC JNZ loop
    static const int32_t squares[] = {PUSH, 0,   PUSH, 100, SWAP, OVER,  DUP, MUL,
                                      ADD,  SWAP, DEC, JNZ, 4,    SWAP, PRINT, HALT};
    run(squares);
    static const int32_t diff[] = {PUSH, 1000, PUSH, 1, SUB, PRINT, PUSH, 77, HALT};
    run(diff);
    return 0;
}
