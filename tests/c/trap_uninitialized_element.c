// Calling a null function pointer: table slot 0 is left empty by the linker, so call_indirect traps
// with "uninitialized element".
// expect-exit: 134
// expect-stderr: error: wasm trap: uninitialized element
#include <stdio.h>

static void (*volatile callback)(int) = 0;

int main(void) {
    callback(1);
    printf("not reached\n");
    return 0;
}
