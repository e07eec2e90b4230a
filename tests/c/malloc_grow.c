// Heap-heavy code that makes linear memory grow (memory.grow) to tens of MB: many small allocations,
// a linked list, realloc growing a buffer past 16 MB (moving its contents), calloc zeroing, frees in
// a scattered order and reuse of the freed space. Checksums make a lost or corrupted byte visible.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
    struct node *next;
    uint32_t value;
    char pad[20];
};

static uint32_t rng = 0x9e3779b9u;
static uint32_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

int main(void) {
    // 1. A linked list of 200k nodes (about 6 MB with the allocator's headers).
    struct node *head = NULL;
    for (uint32_t i = 0; i < 200000; i++) {
        struct node *n = malloc(sizeof *n);
        if (!n) return 10;
        n->value = i * 2654435761u;
        memset(n->pad, (int)(i & 0xff), sizeof n->pad);
        n->next = head;
        head = n;
    }
    uint32_t sum = 0, count = 0;
    for (struct node *n = head; n; n = n->next) {
        sum += n->value ^ (uint32_t)(unsigned char)n->pad[19];
        count++;
    }
    printf("list: %u nodes, sum %08x\n", count, sum);

    // 2. realloc a byte buffer from 1 byte to 24 MB, checking the old contents each time.
    size_t cap = 1, len = 0;
    unsigned char *buf = malloc(cap);
    uint32_t check = 0;
    while (cap < (24u << 20)) {
        size_t ncap = cap * 2 + 7;
        unsigned char *nb = realloc(buf, ncap);
        if (!nb) return 11;
        buf = nb;
        for (size_t i = 0; i < len; i++)
            if (buf[i] != (unsigned char)(i * 7 + (i >> 8))) {
                printf("realloc corrupted byte %zu at capacity %zu\n", i, ncap);
                return 12;
            }
        for (; len < ncap; len++) buf[len] = (unsigned char)(len * 7 + (len >> 8));
        cap = ncap;
    }
    for (size_t i = 0; i < len; i += 4093) check = check * 33 + buf[i];
    printf("realloc: grew to %zu bytes, check %08x\n", cap, check);
    // Shrinking keeps the prefix.
    buf = realloc(buf, 1000);
    uint32_t pre = 0;
    for (int i = 0; i < 1000; i++) pre += buf[i];
    printf("shrunk prefix sum %u\n", pre);
    free(buf);

    // 3. Free every other node, then allocate differently sized blocks into the holes.
    struct node *n = head, *prev = NULL;
    int k = 0;
    while (n) {
        struct node *nx = n->next;
        if (k++ & 1) {
            prev->next = nx;
            free(n);
        } else {
            prev = n;
        }
        n = nx;
    }
    void *blocks[5000];
    uint32_t bsum = 0;
    for (int i = 0; i < 5000; i++) {
        size_t sz = 1 + next() % 3000;
        blocks[i] = malloc(sz);
        memset(blocks[i], i & 0x7f, sz);
        bsum += (uint32_t)sz;
    }
    uint32_t verify = 0;
    for (int i = 0; i < 5000; i++) verify += ((unsigned char *)blocks[i])[0];
    for (int i = 0; i < 5000; i += 3) free(blocks[i]);
    for (int i = 1; i < 5000; i += 3) free(blocks[i]);
    for (int i = 2; i < 5000; i += 3) free(blocks[i]);
    printf("blocks: %u bytes, verify %u\n", bsum, verify);

    // 4. calloc must return zeroed memory, even when reusing freed space.
    int zero_ok = 1;
    for (int r = 0; r < 50; r++) {
        size_t sz = 4096 + next() % 100000;
        unsigned char *c = calloc(sz, 1);
        for (size_t i = 0; i < sz; i++)
            if (c[i]) zero_ok = 0;
        memset(c, 0xab, sz);
        free(c);
    }
    printf("calloc zeroed: %d\n", zero_ok);

    // 5. One big block of 32 MB, touched at every page.
    size_t big = 32u << 20;
    uint32_t *w = malloc(big);
    if (!w) return 13;
    for (size_t i = 0; i < big / 4; i += 1024) w[i] = (uint32_t)i ^ 0x5a5a5a5au;
    uint32_t wsum = 0;
    for (size_t i = 0; i < big / 4; i += 1024) wsum += w[i];
    printf("big block sum %08x\n", wsum);
    free(w);

    uint32_t left = 0;
    while (head) {
        struct node *nx = head->next;
        left++;
        free(head);
        head = nx;
    }
    printf("freed %u remaining nodes\n", left);
    return 0;
}
