// f64 arithmetic with division and square roots over an array of structs, accumulating into
// the structs' own fields: each particle is pulled toward fixed attractors (1/r^3 forces) and
// keeps running sums of its kinetic energy and travelled distance. args: [steps] (default 300000).
// Checksum: sums of the fields, rounded.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// Wasm has no fused multiply-add: keep -march=native builds from contracting, so every build
// computes the same (chaotic) trajectory.
#pragma STDC FP_CONTRACT OFF

#define N 256
#define M 8

struct particle { double x, y, vx, vy, energy, dist, minr, mass; };
struct attractor { double x, y, strength; };

static struct particle p[N];
static struct attractor a[M];

int main(int argc, char **argv) {
    int steps = argc > 1 ? atoi(argv[1]) : 300000;
    uint32_t s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u; p[i].x = (s >> 8) % 1000 / 10.0;
        s = s * 1103515245u + 12345u; p[i].y = (s >> 8) % 1000 / 10.0;
        p[i].vx = p[i].vy = p[i].energy = p[i].dist = 0;
        p[i].minr = 1e30;
        p[i].mass = 1.0 + i % 5;
    }
    for (int j = 0; j < M; j++) {
        a[j].x = 12.5 * j; a[j].y = 100.0 - 12.5 * j; a[j].strength = 50.0 + j;
    }
    const double dt = 0.001;
    for (int t = 0; t < steps; t++) {
        for (int i = 0; i < N; i++) {
            struct particle *q = &p[i];
            double fx = 0, fy = 0;
            for (int j = 0; j < M; j++) {
                double dx = a[j].x - q->x, dy = a[j].y - q->y;
                double r2 = dx * dx + dy * dy + 0.01;
                double r = sqrt(r2);
                double f = a[j].strength / (r2 * r);
                fx += f * dx;
                fy += f * dy;
                if (r < q->minr) q->minr = r;
            }
            q->vx += dt * fx / q->mass;
            q->vy += dt * fy / q->mass;
            double v2 = q->vx * q->vx + q->vy * q->vy;
            q->energy += 0.5 * q->mass * v2;
            q->dist += sqrt(v2) * dt;
            q->x += dt * q->vx;
            q->y += dt * q->vy;
        }
    }
    double e = 0, d = 0, m = 0;
    for (int i = 0; i < N; i++) { e += p[i].energy; d += p[i].dist; m += p[i].minr; }
    printf("aos_float %.6e %.6e %.6e\n", e, d, m);
    return 0;
}
