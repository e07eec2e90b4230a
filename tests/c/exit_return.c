// Exit status from main's return value: prints, then returns 3 (buffered stdout must be flushed by
// the normal exit path).
#include <stdio.h>

int main(void) {
    for (int i = 0; i < 3; i++) printf("line %d before returning\n", i);
    printf("no newline at the end");
    return 3;
}
