// String functions of libc: strlen, strcmp/strncmp, strchr/strrchr, strstr, strspn/strcspn, memcmp,
// memcpy/memmove (overlapping), memset, strcpy/strncpy/strcat, snprintf (truncation and return
// value) with integer formats, strtol/strtoul/strtoll with bases and end pointers, strtod, atoi,
// toupper/isalpha, strtok, and a hand-written hex dump.
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int vi;
static int I(int x) { vi = x; return vi; }

int main(void) {
    const char *s = "The quick brown fox jumps over the lazy dog";
    char buf[256];
    printf("strlen %zu %zu %zu\n", strlen(s), strlen(""), strlen(s + I(40)));
    printf("strcmp %d %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("abc", "abc"), strcmp("b", "abc") > 0,
           strcmp("abc", "ab") > 0);
    printf("strncmp %d %d\n", strncmp("abcdef", "abcxyz", 3), strncmp("abcdef", "abcxyz", 4) < 0);
    printf("strchr %td strrchr %td null %d\n", strchr(s, 'o') - s, strrchr(s, 'o') - s, strchr(s, 'Z') == NULL);
    printf("strstr %td %td %d\n", strstr(s, "fox") - s, strstr(s, "") - s, strstr(s, "cat") == NULL);
    printf("strspn %zu strcspn %zu\n", strspn("aaabbbccc", "ab"), strcspn(s, "xyz"));
    printf("memcmp %d %d\n", memcmp("abc\0x", "abc\0y", 5) < 0, memcmp(s, s, 10));

    // Overlapping moves in both directions.
    strcpy(buf, "0123456789abcdef");
    memmove(buf + 2, buf, 10);
    printf("memmove fwd %s\n", buf);
    strcpy(buf, "0123456789abcdef");
    memmove(buf, buf + 3, 10);
    printf("memmove back %s\n", buf);
    memset(buf, '*', 8);
    buf[I(8)] = 0;
    printf("memset %s\n", buf);
    // Bigger copies (the aligned word loops of memcpy).
    static char big1[10000], big2[10000];
    for (int i = 0; i < 10000; i++) big1[i] = (char)(i * 31 + 7);
    uint32_t h = 0;
    for (int off = 0; off < 8; off++) {
        memcpy(big2 + off, big1 + I(7 - off), 9000 - off);
        for (int i = 0; i < 9000; i++) h = h * 31 + (unsigned char)big2[i];
    }
    printf("memcpy hash %08x\n", h);

    strcpy(buf, "Hello");
    strcat(buf, ", ");
    strncat(buf, "World!!!", 6);
    printf("strcat [%s]\n", buf);
    char small[8];
    strncpy(small, "abcdefghij", sizeof small - 1);
    small[sizeof small - 1] = 0;
    printf("strncpy [%s]\n", small);

    // snprintf: return value is the untruncated length.
    int n = snprintf(small, sizeof small, "%d-%s", 123456, "xyz");
    printf("snprintf %d [%s]\n", n, small);
    n = snprintf(buf, sizeof buf, "[%5d|%-5d|%05d|%+d|%x|%X|%#o|%c|%.3s|%10s|%-4s|%%|%u]", 42, 42, 42, 42, 255,
                 0xbeef, 8, 'q', "abcdef", "right", "l", 4000000000u);
    printf("%d %s\n", n, buf);
    n = snprintf(buf, sizeof buf, "%" PRId64 " %" PRIu64 " %" PRIx64 " %hhd %hd %lld", INT64_MIN, UINT64_MAX,
                 (uint64_t)0xdeadbeefcafeULL, (signed char)200, (short)70000, -1LL);
    printf("%d %s\n", n, buf);
    printf("snprintf(NULL,0) = %d\n", snprintf(NULL, 0, "%s=%d", "answer", 42));

    // strtol and friends (values kept within 32 bits where the type is long: it is 32-bit in wasm32).
    const char *nums[] = {"42", "-17", "  +99xyz", "0x1f", "0777", "z", "2147483647", "-2147483648", "12abc"};
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *end;
        long v0 = strtol(nums[i], &end, 0);
        long v10 = strtol(nums[i], NULL, 10);
        printf("strtol(\"%s\") base0 %ld rest [%s] base10 %ld base8 %ld\n", nums[i], v0, end, v10,
               strtol(nums[i], NULL, 8));
    }
    errno = 0;
    long long ll = strtoll("-9223372036854775808", NULL, 10);
    int e1 = errno;
    errno = 0;
    long long over = strtoll("9223372036854775808", NULL, 10);
    printf("strtoll %lld errno %d; overflow %lld erange %d\n", ll, e1, over, errno == ERANGE);
    printf("strtoul %lu %lu\n", strtoul("4294967295", NULL, 10), strtoul("ff", NULL, 16));
    printf("strtoull %llu\n", strtoull("18446744073709551615", NULL, 10));
    printf("atoi %d %d\n", atoi("  -123abc"), atoi("junk"));

    const char *dbls[] = {"3.14159", "-0.0", "1e308", "1e309", "2.2250738585072011e-308", "0x1.8p3", "inf",
                          "  -12.5e-3rest", "0.1", "123456789012345678901234567890", "4.9e-324", ".5"};
    for (unsigned i = 0; i < sizeof dbls / sizeof dbls[0]; i++) {
        char *end;
        double d = strtod(dbls[i], &end);
        printf("strtod(\"%s\") = %.17g rest [%s]\n", dbls[i], d, end);
    }

    // Character classes and case mapping.
    strcpy(buf, s);
    int alpha = 0, space = 0;
    for (char *p = buf; *p; p++) {
        alpha += isalpha((unsigned char)*p) != 0;
        space += isspace((unsigned char)*p) != 0;
        *p = (char)toupper((unsigned char)*p);
    }
    printf("upper [%s] alpha %d space %d\n", buf, alpha, space);

    // strtok splits in place.
    strcpy(buf, "a,b;;c,,d;eee");
    int k = 0;
    for (char *t = strtok(buf, ",;"); t; t = strtok(NULL, ",;")) printf("tok%d=%s ", k++, t);
    printf("\n");

    // Reverse words in place and a hex dump.
    strcpy(buf, "one two three four");
    size_t len = strlen(buf);
    for (size_t i = 0; i < len / 2; i++) {
        char t = buf[i];
        buf[i] = buf[len - 1 - i];
        buf[len - 1 - i] = t;
    }
    printf("reversed [%s]\n", buf);
    static const char hex[] = "0123456789abcdef";
    char dump[64];
    const unsigned char *bytes = (const unsigned char *)"\x00\x7f\x80\xffWasm";
    for (int i = 0; i < 8; i++) {
        dump[2 * i] = hex[bytes[i] >> 4];
        dump[2 * i + 1] = hex[bytes[i] & 15];
    }
    dump[16] = 0;
    printf("hex %s\n", dump);
    return 0;
}
