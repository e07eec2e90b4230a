// Files in a preopened directory through wasi-libc's stdio and POSIX calls: create, write, read,
// seek, append, pread/pwrite, truncate, stat and fstat, and reading a file the host provided.
// dir: data::/data
// also-with: zig-cc
#include "common.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    // A file the host put there.
    FILE *in = fopen("/data/lines.txt", "r");
    char line[64];
    int n = 0;
    while (in && fgets(line, sizeof line, in)) printf("lines.txt %d: %s", ++n, line);
    if (in) fclose(in);

    // Create and write with stdio, read back with POSIX calls.
    FILE *f = fopen("/data/out/notes.txt", "w");
    SHOW("fopen in a missing directory", !f);
    mkdir("/data/out", 0755);
    f = fopen("/data/out/notes.txt", "w");
    SHOW("fopen for writing", !f);
    for (int i = 1; i <= 5; i++) fprintf(f, "note %d of 5\n", i);
    fclose(f);

    int fd = open("/data/out/notes.txt", O_RDWR);
    SHOW("open O_RDWR", fd < 0);
    char buf[128] = {0};
    ssize_t got = read(fd, buf, 12);
    printf("read %d bytes: [%.*s]\n", (int)got, (int)got, buf);
    off_t pos = lseek(fd, 0, SEEK_CUR);
    printf("position after read: %d\n", (int)pos);
    pos = lseek(fd, -12, SEEK_END);
    got = read(fd, buf, sizeof buf);
    printf("last line: [%.*s]\n", (int)got, buf);
    printf("seek before start: %d %s\n", (int)lseek(fd, -100, SEEK_SET), errname(errno));

    // Positioned I/O does not move the position.
    lseek(fd, 5, SEEK_SET);
    pwrite(fd, "NOTE", 4, 12);
    got = pread(fd, buf, 4, 12);
    printf("pread at 12: [%.*s], position still %d\n", (int)got, buf, (int)lseek(fd, 0, SEEK_CUR));

    // Sizes: fstat, truncate, ftruncate.
    struct stat st;
    fstat(fd, &st);
    printf("size %d, regular %d, links %d\n", (int)st.st_size, S_ISREG(st.st_mode), (int)st.st_nlink);
    ftruncate(fd, 24);
    fstat(fd, &st);
    printf("after ftruncate: %d\n", (int)st.st_size);
    close(fd);
    truncate("/data/out/notes.txt", 36);
    stat("/data/out/notes.txt", &st);
    printf("after truncate: %d\n", (int)st.st_size);

    // Append mode writes at the end whatever the position.
    fd = open("/data/out/log.txt", O_WRONLY | O_CREAT | O_APPEND, 0644);
    write(fd, "first\n", 6);
    lseek(fd, 0, SEEK_SET);
    write(fd, "second\n", 7);
    close(fd);
    f = fopen("/data/out/log.txt", "a");
    fputs("third\n", f);
    fclose(f);

    // O_EXCL, O_TRUNC, and reading what is there.
    fd = open("/data/out/log.txt", O_WRONLY | O_CREAT | O_EXCL, 0644);
    SHOW("O_CREAT|O_EXCL on an existing file", fd < 0);
    fd = open("/data/out/empty.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    close(fd);
    stat("/data/out/empty.txt", &st);
    printf("empty.txt size %d\n", (int)st.st_size);
    SHOW("open a missing file", open("/data/out/none.txt", O_RDONLY) < 0);
    SHOW("open a directory for writing", open("/data/out", O_WRONLY) < 0);
    SHOW("write to a read-only descriptor", write(open("/data/hello.txt", O_RDONLY), "x", 1) < 0);

    f = fopen("/data/out/log.txt", "r");
    while (fgets(line, sizeof line, f)) printf("log: %s", line);
    fclose(f);
    return 0;
}
