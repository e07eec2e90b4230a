// Symbolic and hard links inside the sandbox: symlink, readlink, lstat against stat, following
// links to files and directories, dangling links, relative links through `..` that stay inside,
// link(), and unlinking a link rather than its target.
// dir: data::/data
// also-with: zig-cc
#include "common.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void cat(const char *path) {
    char buf[128];
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("read %s: %s\n", path, errname(errno));
        return;
    }
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    printf("read %s: [%.*s]\n", path, (int)n - (n && buf[n - 1] == '\n'), buf);
}

static void show_link(const char *path) {
    char buf[128];
    ssize_t n = readlink(path, buf, sizeof buf);
    if (n < 0)
        printf("readlink %s: %s\n", path, errname(errno));
    else
        printf("readlink %s: %.*s\n", path, (int)n, buf);
}

int main(void) {
    show_link("/data/link_ok");
    cat("/data/link_ok");
    struct stat st, lst;
    stat("/data/link_ok", &st);
    lstat("/data/link_ok", &lst);
    printf("stat: regular %d size %d; lstat: link %d\n", S_ISREG(st.st_mode), (int)st.st_size, S_ISLNK(lst.st_mode));

    mkdir("/data/links", 0755);
    SHOW("symlink to a file", symlink("../hello.txt", "/data/links/to_hello") < 0);
    SHOW("symlink to a directory", symlink("../sub", "/data/links/to_sub") < 0);
    SHOW("symlink that exists", symlink("x", "/data/links/to_sub") < 0);
    SHOW("dangling symlink", symlink("nowhere/file", "/data/links/dangling") < 0);
    SHOW("symlink chain", symlink("to_hello", "/data/links/chain") < 0);
    SHOW("symlink loop a", symlink("loop_b", "/data/links/loop_a") < 0);
    SHOW("symlink loop b", symlink("loop_a", "/data/links/loop_b") < 0);
    show_link("/data/links/to_hello");
    show_link("/data/links/dangling");
    show_link("/data/hello.txt");
    cat("/data/links/to_hello");
    cat("/data/links/chain");
    cat("/data/links/to_sub/nested.txt");
    cat("/data/links/to_sub/../hello.txt");
    cat("/data/links/dangling");
    cat("/data/links/loop_a");
    SHOW("lstat dangling", lstat("/data/links/dangling", &lst) < 0);
    SHOW("stat dangling", stat("/data/links/dangling", &st) < 0);
    SHOW("open O_NOFOLLOW on a link", open("/data/links/to_hello", O_RDONLY | O_NOFOLLOW) < 0);

    // Creating through a dangling link creates its target (inside the sandbox).
    SHOW("symlink to a new file", symlink("created.txt", "/data/links/to_new") < 0);
    FILE *f = fopen("/data/links/to_new", "w");
    SHOW("fopen through a dangling link", !f);
    if (f) fputs("made through a link\n", f), fclose(f);
    cat("/data/links/created.txt");

    // Hard links share the file.
    SHOW("link", link("/data/links/created.txt", "/data/links/hard.txt") < 0);
    stat("/data/links/hard.txt", &st);
    printf("hard link count: %d\n", (int)st.st_nlink);
    SHOW("link over an existing name", link("/data/hello.txt", "/data/links/hard.txt") < 0);

    // Unlinking a link removes the link, not the target.
    SHOW("unlink to_hello", unlink("/data/links/to_hello") < 0);
    cat("/data/hello.txt");
    SHOW("unlink to_sub (a link to a directory)", unlink("/data/links/to_sub") < 0);
    SHOW("rmdir through a link", rmdir("/data/links/chain") < 0);
    SHOW("rename a link", rename("/data/links/chain", "/data/links/chain2") < 0);
    show_link("/data/links/chain2");
    return 0;
}
