// A bytecode interpreter loop: a stack machine with locals, arithmetic, comparisons and jumps,
// dispatched by a switch. It runs a program that counts primes below a bound by trial division
// and sums Collatz sequence lengths. args: [bound] (default 150000). Checksum: the VM's results.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, DIV2, LT, LE, EQ, JMP, JZ, JNZ, DUP, POP, PRINT, HALT };

typedef struct { int32_t op, arg; } insn;

static int64_t out[8];
static int nout;

static void run(const insn *code, int64_t *locals) {
    int64_t stack[64];
    int sp = 0, pc = 0;
    for (;;) {
        const insn in = code[pc++];
        switch (in.op) {
        case PUSH: stack[sp++] = in.arg; break;
        case LOAD: stack[sp++] = locals[in.arg]; break;
        case STORE: locals[in.arg] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case DIV2: stack[sp - 1] >>= 1; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case LE: sp--; stack[sp - 1] = stack[sp - 1] <= stack[sp]; break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case JMP: pc = in.arg; break;
        case JZ: if (stack[--sp] == 0) pc = in.arg; break;
        case JNZ: if (stack[--sp] != 0) pc = in.arg; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        case PRINT: out[nout++] = stack[--sp]; break;
        case HALT: return;
        }
    }
}

// A tiny assembler with labels so the program below stays readable.
static insn prog[256];
static int n_insn, labels[32], fix_at[64], fix_label[64], n_fix;
static void emit(int op, int arg) { prog[n_insn].op = op; prog[n_insn].arg = arg; n_insn++; }
static void jump(int op, int label) { fix_at[n_fix] = n_insn; fix_label[n_fix++] = label; emit(op, 0); }
static void label(int l) { labels[l] = n_insn; }

int main(int argc, char **argv) {
    int bound = argc > 1 ? atoi(argv[1]) : 150000;
    enum { N, I, D, COUNT, PRIME, X, STEPS, TOTAL };
    // count = 0; for (n = 2; n < bound; n++) { prime = 1; for (d = 2; d*d <= n; d++) if (n % d == 0) { prime = 0; break; } count += prime; }
    emit(PUSH, 0); emit(STORE, COUNT);
    emit(PUSH, 2); emit(STORE, N);
    label(0);
    emit(LOAD, N); emit(PUSH, bound); emit(LT, 0); jump(JZ, 1);
    emit(PUSH, 1); emit(STORE, PRIME);
    emit(PUSH, 2); emit(STORE, D);
    label(2);
    emit(LOAD, D); emit(LOAD, D); emit(MUL, 0); emit(LOAD, N); emit(LE, 0); jump(JZ, 3);
    emit(LOAD, N); emit(LOAD, D); emit(MOD, 0); jump(JNZ, 4);
    emit(PUSH, 0); emit(STORE, PRIME); jump(JMP, 3);
    label(4);
    emit(LOAD, D); emit(PUSH, 1); emit(ADD, 0); emit(STORE, D); jump(JMP, 2);
    label(3);
    emit(LOAD, COUNT); emit(LOAD, PRIME); emit(ADD, 0); emit(STORE, COUNT);
    emit(LOAD, N); emit(PUSH, 1); emit(ADD, 0); emit(STORE, N); jump(JMP, 0);
    label(1);
    emit(LOAD, COUNT); emit(PRINT, 0);
    // total = 0; for (i = 1; i < bound; i++) { x = i; while (x != 1) { x = x odd ? 3x+1 : x/2; total++; } }
    emit(PUSH, 0); emit(STORE, TOTAL);
    emit(PUSH, 1); emit(STORE, I);
    label(5);
    emit(LOAD, I); emit(PUSH, bound); emit(LT, 0); jump(JZ, 6);
    emit(LOAD, I); emit(STORE, X);
    label(7);
    emit(LOAD, X); emit(PUSH, 1); emit(EQ, 0); jump(JNZ, 8);
    emit(LOAD, TOTAL); emit(PUSH, 1); emit(ADD, 0); emit(STORE, TOTAL);
    emit(LOAD, X); emit(PUSH, 2); emit(MOD, 0); jump(JZ, 9);
    emit(LOAD, X); emit(PUSH, 3); emit(MUL, 0); emit(PUSH, 1); emit(ADD, 0); emit(STORE, X); jump(JMP, 7);
    label(9);
    emit(LOAD, X); emit(DIV2, 0); emit(STORE, X); jump(JMP, 7);
    label(8);
    emit(LOAD, I); emit(PUSH, 1); emit(ADD, 0); emit(STORE, I); jump(JMP, 5);
    label(6);
    emit(LOAD, TOTAL); emit(PRINT, 0);
    emit(HALT, 0);
    for (int i = 0; i < n_fix; i++) prog[fix_at[i]].arg = labels[fix_label[i]];
    int64_t locals[8] = {0};
    run(prog, locals);
    printf("interp bound=%d insns=%d primes=%lld collatz_steps=%lld\n", bound, n_insn, (long long)out[0],
           (long long)out[1]);
    return 0;
}
