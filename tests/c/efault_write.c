// A host call given a buffer outside the guest memory (outside the address space natively)
// fails with EFAULT instead of crashing; the program goes on.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    void *bad = (void *)(unsigned long)0xfffffff0u;
    for (int len = 1; len <= 16; len *= 4) {
        errno = 0;
        ssize_t n = write(1, bad, len);
        int e = errno;
        printf("write %d: %d %s\n", len, (int)n, e == EFAULT ? "EFAULT" : strerror(e));
    }
    fflush(stdout);
    printf("still running\n");
    return 0;
}
