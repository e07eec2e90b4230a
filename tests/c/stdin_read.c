// Reading standard input to the end: fgets line by line, then counts like wc, a checksum of all bytes,
// the longest line, numbers parsed with sscanf, and the lines printed in reverse order.
// stdin: The quick brown fox
// stdin: jumps over the lazy dog.
// stdin:
// stdin:   42 17 -8 numbers here
// stdin: 3.25 and 1e3
// stdin: last line, followed by a newline
#include <stdio.h>
#include <string.h>

int main(void) {
    static char lines[64][256];
    int n = 0;
    long chars = 0, words = 0;
    unsigned sum = 0;
    size_t longest = 0;
    while (n < 64 && fgets(lines[n], sizeof lines[n], stdin)) {
        const char *s = lines[n];
        size_t len = strlen(s);
        chars += (long)len;
        if (len > longest) longest = len;
        int in_word = 0;
        for (const char *p = s; *p; p++) {
            sum = sum * 31 + (unsigned char)*p;
            int space = *p == ' ' || *p == '\n' || *p == '\t';
            if (!space && !in_word) words++;
            in_word = !space;
        }
        int a, b, c;
        double x, y;
        if (sscanf(s, "%d %d %d", &a, &b, &c) == 3) printf("ints on line %d: sum %d\n", n + 1, a + b + c);
        if (sscanf(s, "%lf and %lf", &x, &y) == 2) printf("doubles on line %d: product %g\n", n + 1, x * y);
        n++;
    }
    printf("eof %d error %d\n", feof(stdin) != 0, ferror(stdin) != 0);
    printf("lines %d words %ld chars %ld longest %zu checksum %08x\n", n, words, chars, longest, sum);
    for (int i = n - 1; i >= 0; i--) printf("%d: %s", i + 1, lines[i]);
    return 0;
}
