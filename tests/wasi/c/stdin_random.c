// Standard input read to its end through a pipe, arguments, random bytes (getentropy and
// WASI random_get), and an exit status other than 0 from main.
// args: count "the words"
// stdin: The quick brown fox
// stdin: jumps over
// stdin:
// stdin: the lazy dog.
// exit: 3
#include "common.h"
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <wasi/api.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    int lines = 0, words = 0, bytes = 0, in_word = 0, c;
    while ((c = getchar()) != EOF) {
        bytes++;
        if (c == '\n') lines++;
        if (isspace(c)) in_word = 0;
        else if (!in_word) in_word = 1, words++;
        putchar(toupper(c));
    }
    printf("%d lines, %d words, %d bytes\n", lines, words, bytes);
    printf("more input after EOF: %d\n", (int)read(0, &c, 1));

    unsigned char a[32] = {0}, b[32] = {0};
    SHOW("getentropy", getentropy(a, sizeof a) < 0);
    printf("random_get: errno %d\n", __wasi_random_get(b, sizeof b));
    int zeros = 0, same = 1;
    for (int i = 0; i < 32; i++) zeros += a[i] == 0, same &= a[i] == b[i];
    printf("random bytes look random: %s\n", zeros < 8 && !same ? "yes" : "no");
    return 3;
}
