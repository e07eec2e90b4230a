// Descriptor-level WASI: the preopen's name (fd_prestat_*), rights in fdstat (a read-only file has
// no write right), fcntl flags (append, non-blocking), isatty, fd_renumber, posix_fadvise and
// posix_fallocate, fsync, futimens/utimensat with exact times, a raw fd_readdir with cookies, a
// raw poll_oneoff on a file, sched_yield, and finally proc_raise(SIGTERM): exit status 143.
// dir: data::/data
// exit: 143
#include "common.h"
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

// proc_raise is not in wasi-libc's header (it is deprecated), but it is in preview1.
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise"))) uint16_t raw_proc_raise(uint8_t sig);

int main(void) {
    __wasi_prestat_t ps;
    printf("prestat 3: errno %d, name length %u\n", __wasi_fd_prestat_get(3, &ps), (unsigned)ps.u.dir.pr_name_len);
    char name[16] = {0};
    printf("prestat_dir_name: errno %d, %s\n", __wasi_fd_prestat_dir_name(3, (uint8_t *)name, ps.u.dir.pr_name_len), name);
    printf("prestat 4 (none): errno %d\n", __wasi_fd_prestat_get(4, &ps));

    int ro = open("/data/hello.txt", O_RDONLY);
    __wasi_fdstat_t fs;
    (void)__wasi_fd_fdstat_get(ro, &fs);
    printf("read-only file: type %d, read right %d, write right %d\n", fs.fs_filetype,
           !!(fs.fs_rights_base & __WASI_RIGHTS_FD_READ), !!(fs.fs_rights_base & __WASI_RIGHTS_FD_WRITE));
    printf("isatty(read-only file) %d, isatty(stdout) %d\n", isatty(ro), isatty(1));

    int fd = open("/data/desc.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    printf("O_APPEND before: %d\n", !!(fcntl(fd, F_GETFL) & O_APPEND));
    SHOW("fcntl F_SETFL O_APPEND|O_NONBLOCK", fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK) < 0);
    int fl = fcntl(fd, F_GETFL);
    printf("O_APPEND after: %d, O_NONBLOCK: %d\n", !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
    write(fd, "abc", 3);
    printf("posix_fadvise: %s\n", errname(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)));
    printf("posix_fallocate: %s\n", errname(posix_fallocate(fd, 0, 100)));
    struct stat st;
    fstat(fd, &st);
    printf("size after fallocate: %d\n", (int)st.st_size);
    SHOW("fsync", fsync(fd) < 0);
    SHOW("fdatasync", fdatasync(fd) < 0);
    struct timespec times[2] = {{1000000000, 0}, {1234567890, 500}};
    SHOW("futimens", futimens(fd, times) < 0);
    fstat(fd, &st);
    printf("mtime %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec later[2] = {{0, UTIME_OMIT}, {1500000000, 0}};
    SHOW("utimensat", utimensat(AT_FDCWD, "/data/desc.txt", later, 0) < 0);
    stat("/data/desc.txt", &st);
    printf("mtime %lld, atime %lld\n", (long long)st.st_mtim.tv_sec, (long long)st.st_atim.tv_sec);

    // fd_renumber: the descriptor `fd` now also answers as `ro`'s number.
    printf("fd_renumber: errno %d\n", __wasi_fd_renumber(fd, ro));
    printf("old number closed: %s\n", errname(write(fd, "x", 1) < 0 ? errno : 0));
    lseek(ro, 0, SEEK_SET);
    char buf[8] = {0};
    read(ro, buf, 3);
    printf("read through the new number: %s\n", buf);
    printf("fd_renumber to a closed number: errno %d\n", __wasi_fd_renumber(ro, 77));
    close(ro);

    // fd_readdir by hand: read two entries at a time, continuing from the cookie.
    int dir = open("/data/sub", O_RDONLY | O_DIRECTORY);
    __wasi_dircookie_t cookie = 0;
    int entries = 0, calls = 0;
    for (;;) {
        uint8_t dbuf[2 * (sizeof(__wasi_dirent_t) + 10)];
        __wasi_size_t used;
        (void)__wasi_fd_readdir(dir, dbuf, sizeof dbuf, cookie, &used);
        calls++;
        size_t at = 0;
        while (at + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, dbuf + at, sizeof d);
            if (at + sizeof d + d.d_namlen > used) break;
            entries++;
            cookie = d.d_next;
            at += sizeof d + d.d_namlen;
        }
        if (used < sizeof dbuf) break;
    }
    printf("fd_readdir of sub: %d entries in more than one call: %s\n", entries, calls > 1 ? "yes" : "no");

    // A file is always ready; fd_read reports the bytes left.
    int file = open("/data/hello.txt", O_RDONLY);
    lseek(file, 6, SEEK_SET);
    __wasi_subscription_t sub = {.userdata = 42, .u = {.tag = __WASI_EVENTTYPE_FD_READ}};
    sub.u.u.fd_read.file_descriptor = file;
    __wasi_event_t ev;
    __wasi_size_t nev;
    printf("poll_oneoff: errno %d\n", __wasi_poll_oneoff(&sub, &ev, 1, &nev));
    printf("%u event: userdata %llu, type %d, error %d, %llu bytes to read\n", (unsigned)nev,
           (unsigned long long)ev.userdata, ev.type, ev.error, (unsigned long long)ev.fd_readwrite.nbytes);
    printf("poll_oneoff with nothing: errno %d\n", __wasi_poll_oneoff(&sub, &ev, 0, &nev));
    SHOW("sched_yield", sched_yield() < 0);

    printf("raising SIGTERM\n");
    fflush(stdout);
    raw_proc_raise(15); // SIGTERM in preview1 numbering
    printf("not reached\n");
    return 0;
}
