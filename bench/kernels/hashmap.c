// Open-addressing hash map (linear probing, 64-bit keys, tombstones, growth by rehashing):
// inserts, lookups that hit and miss, deletions. args: [ops] (default 2000000). Checksum: sums.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { uint64_t key; uint64_t val; } slot;  // key 0 = empty, 1 = tombstone
typedef struct { slot *s; uint32_t cap, used, live; } map;

static uint64_t mix(uint64_t k) {
    k ^= k >> 33; k *= 0xff51afd7ed558ccdULL; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ULL; k ^= k >> 33;
    return k;
}
static void put(map *m, uint64_t k, uint64_t v);
static void grow(map *m) {
    slot *old = m->s;
    uint32_t oc = m->cap;
    m->cap = oc ? oc * 2 : 16;
    m->s = calloc(m->cap, sizeof(slot));
    m->used = m->live = 0;
    for (uint32_t i = 0; i < oc; i++)
        if (old[i].key > 1) put(m, old[i].key, old[i].val);
    free(old);
}
static void put(map *m, uint64_t k, uint64_t v) {
    if ((m->used + 1) * 4 >= m->cap * 3) grow(m);
    uint32_t mask = m->cap - 1, i = (uint32_t)mix(k) & mask, tomb = UINT32_MAX;
    for (;; i = (i + 1) & mask) {
        if (m->s[i].key == k) { m->s[i].val = v; return; }
        if (m->s[i].key == 1 && tomb == UINT32_MAX) tomb = i;
        if (m->s[i].key == 0) break;
    }
    if (tomb != UINT32_MAX) i = tomb; else m->used++;
    m->s[i].key = k; m->s[i].val = v; m->live++;
}
static slot *get(map *m, uint64_t k) {
    uint32_t mask = m->cap - 1, i = (uint32_t)mix(k) & mask;
    for (;; i = (i + 1) & mask) {
        if (m->s[i].key == k) return &m->s[i];
        if (m->s[i].key == 0) return 0;
    }
}
static int del(map *m, uint64_t k) {
    slot *s = get(m, k);
    if (!s) return 0;
    s->key = 1; m->live--;
    return 1;
}

int main(int argc, char **argv) {
    int ops = argc > 1 ? atoi(argv[1]) : 2000000;
    map m = {0};
    uint64_t x = 88172645463325252ULL, sum = 0, hits = 0, dels = 0;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < ops; i++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            uint64_t k = (x % (ops * 2)) + 2;
            switch (x >> 62) {
            case 0: case 1: put(&m, k, x); break;
            case 2: { slot *s = get(&m, k); if (s) { hits++; sum += s->val; } break; }
            default: dels += del(&m, k); break;
            }
        }
    }
    printf("hashmap ops=%d live=%u hits=%llu dels=%llu sum=%llu\n", ops, m.live,
           (unsigned long long)hits, (unsigned long long)dels, (unsigned long long)sum);
    return 0;
}
