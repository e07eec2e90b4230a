// Pointer chasing: walks of a singly linked list laid out in a random order over 4 MiB of nodes
// (each step a dependent load that misses the cache), with an update of every visited node.
// args: [walks] (default 300). Checksum: the sum of the visited payloads.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; uint32_t payload, visits; };

#define N (1 << 18)

int main(int argc, char **argv) {
    int walks = argc > 1 ? atoi(argv[1]) : 300;
    struct node *nodes = malloc(sizeof(struct node) * N);
    uint32_t *order = malloc(sizeof(uint32_t) * N);
    if (!nodes || !order) return 1;
    for (uint32_t i = 0; i < N; i++) order[i] = i;
    uint64_t s = 88172645463325252u;
    for (uint32_t i = N - 1; i > 0; i--) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        uint32_t j = (uint32_t)(s % (i + 1));
        uint32_t t = order[i]; order[i] = order[j]; order[j] = t;
    }
    for (uint32_t i = 0; i < N; i++) {
        struct node *n = &nodes[order[i]];
        n->next = &nodes[order[(i + 1) % N]];
        n->payload = order[i] * 2654435761u;
        n->visits = 0;
    }
    uint64_t sum = 0;
    for (int w = 0; w < walks; w++) {
        struct node *n = &nodes[order[w]];
        for (uint32_t k = 0; k < N; k++) {
            sum += n->payload ^ n->visits;
            n->visits += 1;
            n = n->next;
        }
    }
    printf("ptrchase %llu\n", (unsigned long long)sum);
    free(order);
    free(nodes);
    return 0;
}
