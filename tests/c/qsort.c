// qsort and bsearch from libc, driven through comparator callbacks (call_indirect from libc code back
// into the program): integers, doubles (with negative zero and infinities), strings, and structs with a
// multi-key order. All keys are distinct under the full order, so the result does not depend on which
// (unstable) sorting algorithm the libc uses.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng = 2463534242u;
static uint32_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static int cmp_i32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}
static int cmp_u64_desc(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x < y) - (x > y);
}
static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    if (x < y) return -1;
    if (x > y) return 1;
    return (signbit(y) != 0) - (signbit(x) != 0); // -0 before +0
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

struct person {
    char name[12];
    int16_t age;
    float score;
};
static int cmp_person(const void *a, const void *b) {
    const struct person *p = a, *q = b;
    if (p->age != q->age) return p->age - q->age;
    if (p->score != q->score) return p->score < q->score ? 1 : -1;
    return strcmp(p->name, q->name);
}

int main(void) {
    enum { N = 50000 };
    static int32_t a[N];
    // Distinct keys: random high half, the index in the low half.
    for (int i = 0; i < N; i++) a[i] = (int32_t)((next() & 0xffff0000u) | (uint32_t)i);
    qsort(a, N, sizeof a[0], cmp_i32);
    int sorted = 1;
    uint32_t h = 0;
    for (int i = 1; i < N; i++) sorted &= a[i - 1] < a[i];
    for (int i = 0; i < N; i += 97) h = h * 31 + (uint32_t)a[i];
    printf("i32: sorted %d min %d max %d hash %08x\n", sorted, a[0], a[N - 1], h);
    int32_t key = a[12345];
    int32_t *found = bsearch(&key, a, N, sizeof a[0], cmp_i32);
    int32_t missing = 0x1234ffff; // no index has these low bits
    printf("bsearch: index %d, missing found %d\n", found ? (int)(found - a) : -1,
           bsearch(&missing, a, N, sizeof a[0], cmp_i32) != NULL);

    static uint64_t u[10000];
    for (int i = 0; i < 10000; i++) u[i] = ((uint64_t)next() << 32 | next()) ^ (uint64_t)i;
    qsort(u, 10000, sizeof u[0], cmp_u64_desc);
    sorted = 1;
    for (int i = 1; i < 10000; i++) sorted &= u[i - 1] >= u[i];
    printf("u64 desc: sorted %d first %016llx last %016llx\n", sorted, (unsigned long long)u[0],
           (unsigned long long)u[9999]);

    double d[] = {3.5, -0.0, 1e300, -INFINITY, 0.0, 2.25, -1e-300, INFINITY, -7.0, 1e-300, 42.0, -42.5};
    qsort(d, sizeof d / sizeof d[0], sizeof d[0], cmp_double);
    enum { ND = sizeof d / sizeof d[0] };
    for (int i = 0; i < ND; i++) printf("%g%s", d[i], i + 1 < ND ? " " : "\n");

    const char *words[] = {"pear", "apple", "fig", "banana", "apples", "Apple", "kiwi", "", "zebra", "appl",
                           "cherry", "date", "elderberry", "grape", "honeydew", "fig2"};
    enum { NW = sizeof words / sizeof words[0] };
    qsort(words, NW, sizeof words[0], cmp_str);
    for (int i = 0; i < NW; i++) printf("[%s]%s", words[i], i + 1 < NW ? " " : "\n");

    static struct person people[3000];
    for (int i = 0; i < 3000; i++) {
        snprintf(people[i].name, sizeof people[i].name, "p%05d", i);
        people[i].age = (int16_t)(18 + next() % 60);
        people[i].score = (float)(next() % 1000) / 8.0f;
    }
    qsort(people, 3000, sizeof people[0], cmp_person);
    h = 0;
    for (int i = 0; i < 3000; i++)
        h = h * 131 + (uint32_t)people[i].age * 7 + (uint32_t)people[i].score + (uint32_t)people[i].name[5];
    printf("people: first %s %d %.3f last %s %d %.3f hash %08x\n", people[0].name, people[0].age,
           people[0].score, people[2999].name, people[2999].age, people[2999].score, h);
    return 0;
}
