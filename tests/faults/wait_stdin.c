// Says "ready" and then waits for its input to end. `faults.rs` keeps the input open and sends
// SIGINT or SIGTERM: the program must die of that signal, as its native build does.
#include <stdio.h>

int main(void) {
    printf("ready\n");
    fflush(stdout);
    int c, n = 0;
    while ((c = getchar()) != EOF) n++;
    printf("%d bytes\n", n);
    return 0;
}
