// Binary trees: allocate and free many perfect binary trees with malloc/free (allocator heavy),
// the Benchmarks Game's shape. args: [max depth] (default 17). Checksum: node counts per depth.
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *left, *right; };

static struct node *make(int depth) {
    struct node *n = malloc(sizeof *n);
    if (depth > 0) { n->left = make(depth - 1); n->right = make(depth - 1); }
    else n->left = n->right = 0;
    return n;
}
static int check(const struct node *n) { return n->left ? 1 + check(n->left) + check(n->right) : 1; }
static void release(struct node *n) {
    if (n->left) { release(n->left); release(n->right); }
    free(n);
}

int main(int argc, char **argv) {
    int max_depth = argc > 1 ? atoi(argv[1]) : 17;
    if (max_depth < 6) max_depth = 6;
    struct node *stretch = make(max_depth + 1);
    printf("stretch depth %d check %d\n", max_depth + 1, check(stretch));
    release(stretch);
    struct node *long_lived = make(max_depth);
    unsigned total = 0;
    for (int d = 4; d <= max_depth; d += 2) {
        int iters = 1 << (max_depth - d + 4), sum = 0;
        for (int i = 0; i < iters; i++) {
            struct node *t = make(d);
            sum += check(t);
            release(t);
        }
        printf("%d trees of depth %d check %d\n", iters, d, sum);
        total += sum;
    }
    printf("long lived depth %d check %d total %u\n", max_depth, check(long_lived), total);
    release(long_lived);
    return 0;
}
