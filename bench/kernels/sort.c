// Sorting: our own quicksort (median of three, insertion sort for small ranges) on 32-bit ints, a
// bottom-up merge sort on 64-bit keys, and a heap sort through a comparator pointer on a smaller array.
// args: [n] (default 5000000). Checksum: order checks and position-weighted sums.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void isort(int32_t *a, int n) {
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}
static void quick(int32_t *a, int n) {
    while (n > 24) {
        int32_t x = a[0], y = a[n / 2], z = a[n - 1];
        int32_t p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        int i = 0, j = n - 1;
        for (;;) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i >= j) break;
            int32_t t = a[i]; a[i] = a[j]; a[j] = t;
            i++; j--;
        }
        if (j + 1 < n - j - 1) { quick(a, j + 1); a += j + 1; n -= j + 1; }
        else { quick(a + j + 1, n - j - 1); n = j + 1; }
    }
    isort(a, n);
}
static void merge_sort(uint64_t *a, uint64_t *tmp, int n) {
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        uint64_t *t = a; a = tmp; tmp = t;
    }
}
// Heap sort through a comparison function pointer, like qsort (an indirect call per comparison).
// Our own rather than libc's qsort: glibc's and wasi-libc's (musl's smoothsort) differ by 5x,
// which would measure the libcs instead of the compilers.
typedef int (*cmp_fn)(const void *, const void *);
static int cmp_u32(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}
static int cmp_u32_desc(const void *x, const void *y) { return cmp_u32(y, x); }
static void sift(uint32_t *a, int root, int n, cmp_fn cmp) {
    for (;;) {
        int child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && cmp(&a[child], &a[child + 1]) < 0) child++;
        if (cmp(&a[root], &a[child]) >= 0) return;
        uint32_t t = a[root]; a[root] = a[child]; a[child] = t;
        root = child;
    }
}
static void heap_sort(uint32_t *a, int n, cmp_fn cmp) {
    for (int i = n / 2 - 1; i >= 0; i--) sift(a, i, n, cmp);
    for (int end = n - 1; end > 0; end--) {
        uint32_t t = a[0]; a[0] = a[end]; a[end] = t;
        sift(a, 0, end, cmp);
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 5000000;
    int32_t *a = malloc(sizeof(int32_t) * n);
    uint64_t *b = malloc(sizeof(uint64_t) * n), *tmp = malloc(sizeof(uint64_t) * n);
    uint32_t *c = malloc(sizeof(uint32_t) * (n / 4));
    uint64_t x = 2463534242ULL;
    for (int i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        a[i] = (int32_t)(x >> 20);
        b[i] = x;
        if (i < n / 4) c[i] = (uint32_t)(x >> 32);
    }
    quick(a, n);
    merge_sort(b, tmp, n);
    // merge_sort leaves the result in b or tmp depending on the number of passes.
    int passes = 0;
    for (int w = 1; w < n; w *= 2) passes++;
    uint64_t *sorted = (passes & 1) ? tmp : b;
    cmp_fn cmps[2] = {cmp_u32_desc, cmp_u32};
    heap_sort(c, n / 4, cmps[n & 1 ? 0 : 1]);  // chosen at run time, so the call stays indirect
    int ok = 1;
    uint64_t h = 0;
    for (int i = 1; i < n; i++) ok &= a[i - 1] <= a[i] && sorted[i - 1] <= sorted[i];
    for (int i = 1; i < n / 4; i++) ok &= c[i - 1] <= c[i];
    for (int i = 0; i < n; i += 97) h = h * 31 + (uint32_t)a[i] + (sorted[i] >> 40);
    for (int i = 0; i < n / 4; i += 89) h = h * 31 + c[i];
    printf("sort n=%d sorted=%d hash=%016llx\n", n, ok, (unsigned long long)h);
    return 0;
}
