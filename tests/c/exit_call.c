// Exit status from exit(42) called deep inside nested calls (proc_exit), after atexit handlers run in
// reverse order of registration; output written before must all be flushed.
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

static int depth(int n) {
    if (n == 0) {
        printf("calling exit(42) at depth 0\n");
        exit(42);
    }
    return depth(n - 1) + 1;
}

int main(void) {
    atexit(first);
    atexit(second);
    printf("starting\n");
    fprintf(stderr, "a line on stderr\n");
    int r = depth(10);
    printf("not reached %d\n", r);
    return 0;
}
