// Directories: mkdir (nested, existing), listing with readdir (sorted here, the host's order is
// its own), rename of files and directories (over an existing file, into another directory),
// unlink, rmdir of a non-empty and an empty directory, stat of what is left.
// dir: data::/data
// also-with: zig-cc
#include "common.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir %s: %s\n", path, errname(errno));
        return;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        char type = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
        names[n] = malloc(strlen(e->d_name) + 3);
        sprintf(names[n++], "%c %s", type, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    printf("%s:", path);
    for (int i = 0; i < n; i++) printf(" [%s]", names[i]), free(names[i]);
    printf("\n");
}

static void touch(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) {
        printf("create %s: %s\n", path, errname(errno));
        return;
    }
    fputs(text, f);
    fclose(f);
}

int main(void) {
    list("/data");
    SHOW("mkdir tree", mkdir("/data/tree", 0755) < 0);
    SHOW("mkdir tree again", mkdir("/data/tree", 0755) < 0);
    SHOW("mkdir a/b without a", mkdir("/data/tree/a/b", 0755) < 0);
    SHOW("mkdir tree/a", mkdir("/data/tree/a", 0755) < 0);
    SHOW("mkdir tree/a/b/", mkdir("/data/tree/a/b/", 0755) < 0);
    SHOW("mkdir tree/c", mkdir("/data/tree/c", 0755) < 0);
    // Many entries, more than one fd_readdir buffer holds.
    for (int i = 0; i < 300; i++) {
        char name[64];
        sprintf(name, "/data/tree/c/file-%03d.txt", i);
        touch(name, "x");
    }
    int count = 0;
    DIR *d = opendir("/data/tree/c");
    while (readdir(d)) count++;
    rewinddir(d);
    int again = 0;
    while (readdir(d)) again++;
    closedir(d);
    printf("tree/c has %d entries (with . and ..), %d after rewinddir\n", count, again);
    for (int i = 0; i < 300; i++) {
        char name[64];
        sprintf(name, "/data/tree/c/file-%03d.txt", i);
        if (i % 100 != 0) unlink(name);
    }
    list("/data/tree/c");

    touch("/data/tree/a/one.txt", "one\n");
    touch("/data/tree/a/two.txt", "two\n");
    list("/data/tree/a");
    SHOW("rename one -> uno", rename("/data/tree/a/one.txt", "/data/tree/a/uno.txt") < 0);
    SHOW("rename missing", rename("/data/tree/a/one.txt", "/data/tree/a/x.txt") < 0);
    SHOW("rename two over uno", rename("/data/tree/a/two.txt", "/data/tree/a/uno.txt") < 0);
    SHOW("rename into another directory", rename("/data/tree/a/uno.txt", "/data/tree/c/moved.txt") < 0);
    SHOW("rename a directory", rename("/data/tree/a/b", "/data/tree/b") < 0);
    SHOW("rename a file over a directory", rename("/data/tree/c/moved.txt", "/data/tree/b") < 0);
    SHOW("rename a directory into itself", rename("/data/tree/c", "/data/tree/c/inner") < 0);
    list("/data/tree");
    list("/data/tree/a");

    SHOW("rmdir non-empty", rmdir("/data/tree/c") < 0);
    SHOW("rmdir a file", rmdir("/data/tree/c/moved.txt") < 0);
    SHOW("unlink a directory", unlink("/data/tree/b") < 0);
    SHOW("rmdir empty", rmdir("/data/tree/b") < 0);
    SHOW("rmdir missing", rmdir("/data/tree/b") < 0);
    SHOW("unlink file", unlink("/data/tree/c/moved.txt") < 0);
    SHOW("unlink again", unlink("/data/tree/c/moved.txt") < 0);
    SHOW("remove() of an empty directory", remove("/data/tree/a") < 0);

    struct stat st;
    SHOW("stat tree/c", stat("/data/tree/c", &st) < 0);
    printf("tree/c is a directory: %d\n", S_ISDIR(st.st_mode));
    SHOW("stat tree/c/file-000.txt/", stat("/data/tree/c/file-000.txt/", &st) < 0);
    SHOW("opendir a file", opendir("/data/hello.txt") == NULL);
    list("/data/tree");
    list("/data/sub");
    return 0;
}
