// A load that straddles the end of the 4 GiB address space: address 0xFFFFFFFE plus a 4-byte access
// is out of bounds even though the address itself is a valid i32.
// expect-exit: 134
// expect-stderr: error: wasm trap: out of bounds memory access
#include <stdint.h>
#include <stdio.h>

static volatile uintptr_t addr = 0xFFFFFFFEu;

int main(void) {
    int v = *(volatile int *)addr;
    printf("not reached %d\n", v);
    return 0;
}
