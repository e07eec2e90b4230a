// Clocks and sleeping: clock_gettime on the realtime and monotonic clocks, clock_getres,
// nanosleep/usleep/sleep (WASI poll_oneoff with a clock subscription), and poll() on standard
// input with a timeout (poll_oneoff with a descriptor and a clock).
// stdin: ready
#include "common.h"
#include <poll.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(void) {
    int64_t real = now_ns(CLOCK_REALTIME);
    printf("realtime is after 2020: %s\n", real > (int64_t)1577836800 * 1000000000 ? "yes" : "no");
    printf("time() agrees with it: %s\n", (int64_t)time(NULL) - real / 1000000000 <= 1 ? "yes" : "no");
    struct timespec res;
    SHOW("clock_getres monotonic", clock_getres(CLOCK_MONOTONIC, &res) < 0);
    printf("resolution at most 1 ms: %s\n", res.tv_sec == 0 && res.tv_nsec <= 1000000 ? "yes" : "no");

    int64_t t0 = now_ns(CLOCK_MONOTONIC);
    struct timespec req = {0, 50 * 1000000};
    SHOW("nanosleep 50 ms", nanosleep(&req, NULL) < 0);
    int64_t t1 = now_ns(CLOCK_MONOTONIC);
    printf("slept at least 50 ms: %s, less than 5 s: %s\n", t1 - t0 >= 50000000 ? "yes" : "no",
           t1 - t0 < 5000000000LL ? "yes" : "no");
    SHOW("usleep 20 ms", usleep(20000) < 0);
    int64_t t2 = now_ns(CLOCK_MONOTONIC);
    printf("usleep slept at least 20 ms: %s\n", t2 - t1 >= 20000000 ? "yes" : "no");
    printf("sleep(1) returns %u\n", sleep(1));
    int64_t t3 = now_ns(CLOCK_MONOTONIC);
    printf("sleep slept at least 1 s: %s\n", t3 - t2 >= 1000000000 ? "yes" : "no");
    printf("monotonic never went back: %s\n", t0 <= t1 && t1 <= t2 && t2 <= t3 ? "yes" : "no");

    // Standard input has a line: poll says readable at once.
    struct pollfd p = {.fd = 0, .events = POLLIN};
    int n = poll(&p, 1, 5000);
    int64_t t4 = now_ns(CLOCK_MONOTONIC);
    printf("poll stdin: %d ready, readable %s, at once %s\n", n, p.revents & POLLIN ? "yes" : "no",
           t4 - t3 < 2000000000 ? "yes" : "no");
    char line[32] = {0};
    if (fgets(line, sizeof line, stdin)) printf("read: %s", line);
    // Only a timeout: poll with no descriptor sleeps.
    n = poll(NULL, 0, 30);
    printf("poll with only a timeout: %d, waited at least 30 ms: %s\n", n, now_ns(CLOCK_MONOTONIC) - t4 >= 30000000 ? "yes" : "no");
    return 0;
}
