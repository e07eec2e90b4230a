// Prints 20000 numbered lines (far more than a pipe holds), then reports on stderr whether
// writing stdout failed. `faults.rs` runs it with stdout closed after the first line, as
// `prog | head -1` does: it must end the way the native build ends (SIGPIPE, or with SIGPIPE
// ignored, EPIPE and this program's own report).
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    for (int i = 0; i < 20000; i++) {
        if (printf("line %d of a long output\n", i) < 0) {
            int e = errno;
            fprintf(stderr, "stdout: %s\n", strerror(e));
            return 3;
        }
    }
    if (fflush(stdout) != 0) {
        int e = errno;
        fprintf(stderr, "stdout: %s\n", strerror(e));
        return 3;
    }
    return 0;
}
