// The program of the run::* and sandbox::* trials in tests/wasi_support.rs (not a case of its
// own): prints its arguments, its environment (sorted), its preopened directories, the first
// line of each file named by a `cat=PATH` argument (or the errno name), the first line of
// standard input for a `stdin` argument, and exits with N for `exit=N`.
#include "../c/common.h"
#include <stdlib.h>
#include <wasi/api.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    printf("argc %d:", argc);
    for (int i = 0; i < argc; i++) printf(" [%s]", argv[i]);
    int n = 0;
    while (environ[n]) n++;
    qsort(environ, n, sizeof *environ, cmp);
    printf("\nenv:");
    for (int i = 0; i < n; i++) printf(" [%s]", environ[i]);
    printf("\npreopens:");
    for (__wasi_fd_t fd = 3;; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        char name[256] = {0};
        __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, ps.u.dir.pr_name_len < 255 ? ps.u.dir.pr_name_len : 255);
        printf(" [%s]", name);
    }
    printf("\n");
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char line[256];
        if (!strncmp(argv[i], "cat=", 4)) {
            FILE *f = fopen(argv[i] + 4, "r");
            if (!f) {
                printf("%s: %s\n", argv[i] + 4, errname(errno));
                continue;
            }
            printf("%s: %s", argv[i] + 4, fgets(line, sizeof line, f) ? line : "(empty)\n");
            fclose(f);
        } else if (!strcmp(argv[i], "stdin")) {
            printf("stdin: %s", fgets(line, sizeof line, stdin) ? line : "(empty)\n");
        } else if (!strncmp(argv[i], "exit=", 5)) {
            status = atoi(argv[i] + 5);
        }
    }
    return status;
}
