// The module may grow its memory to 8 MiB (wasm-ld --max-memory): past that, memory.grow returns
// -1 and malloc returns NULL, cleanly; once the program frees what it holds it can allocate again.
// wasm-cflags: -Wl,--max-memory=8388608
// expect-exit: 0
// expect-stdout: memory.grow past the maximum: -1
// expect-stdout: malloc returned NULL after 6 to 8 MiB
// expect-stdout: after free: malloc works again
#include <stdio.h>
#include <stdlib.h>

int main(void) {
#ifdef __wasm__
    // 200 pages (12.5 MiB) more than the memory has: beyond its 8 MiB maximum.
    printf("memory.grow past the maximum: %d\n", (int)__builtin_wasm_memory_grow(0, 200));
#else
    printf("memory.grow past the maximum: -1\n");
#endif
    enum { BLOCK = 256 * 1024, MAX_BLOCKS = 64 };
    static void *blocks[MAX_BLOCKS];
    int n = 0;
    while (n < MAX_BLOCKS && (blocks[n] = malloc(BLOCK)) != NULL) {
        ((volatile char *)blocks[n])[BLOCK - 1] = 1;
        n++;
    }
    int kib = n * (BLOCK / 1024);
    printf("malloc returned NULL after %s\n", n < MAX_BLOCKS && kib >= 6 * 1024 && kib <= 8 * 1024 ? "6 to 8 MiB" : "an unexpected amount");
    for (int i = 0; i < n; i++) {
        free(blocks[i]);
    }
    void *again = malloc(4 * BLOCK);
    printf("after free: malloc %s\n", again != NULL ? "works again" : "still fails");
    free(again);
    return 0;
}
