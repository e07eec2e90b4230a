// Every way out of the sandbox fails: `..` above the preopened directory, absolute paths,
// symbolic links pointing outside (absolute, relative, made by the program, chained), through
// every kind of call, with libc and with the raw WASI functions (whose errno must be exactly
// ENOTCAPABLE, 76). Bad pointers given to WASI functions are EFAULT (21), not a crash.
// The files the run leaves (the `files` section of escape.expected) prove outside/ was untouched.
// dir: data::/data
#include "common.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static void try_open(const char *path) {
    int fd = open(path, O_RDONLY);
    printf("open %s: %s\n", path, fd < 0 ? errname(errno) : "OPENED (escaped!)");
    if (fd >= 0) close(fd);
}

// path_open straight through WASI below the preopen (descriptor 3).
static void raw_open(const char *path, int follow, int oflags) {
    __wasi_fd_t fd;
    __wasi_errno_t e = __wasi_path_open(3, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, path, oflags,
                                        __WASI_RIGHTS_FD_READ, 0, 0, &fd);
    printf("path_open %s%s%s: errno %d\n", path, follow ? "" : " (nofollow)", oflags ? " (create)" : "", e);
}

int main(void) {
    // Through libc.
    try_open("/data/../outside/secret.txt");
    try_open("/data/sub/../../outside/secret.txt");
    try_open("/data/./sub/.././../outside/secret.txt");
    try_open("/etc/passwd");
    try_open("/data/link_out");
    try_open("/data/link_abs");
    SHOW("opendir /data/..", opendir("/data/..") == NULL);
    SHOW("mkdir /data/../made", mkdir("/data/../made", 0755) < 0);
    SHOW("creat /data/../outside/new.txt", open("/data/../outside/new.txt", O_WRONLY | O_CREAT, 0644) < 0);
    SHOW("unlink /data/../outside/secret.txt", unlink("/data/../outside/secret.txt") < 0);
    SHOW("rename into outside", rename("/data/hello.txt", "/data/../outside/stolen.txt") < 0);
    SHOW("rename out of outside", rename("/data/../outside/secret.txt", "/data/stolen.txt") < 0);
    SHOW("link out of outside", link("/data/../outside/secret.txt", "/data/stolen.txt") < 0);
    struct stat st;
    SHOW("stat /data/link_out", stat("/data/link_out", &st) < 0);
    SHOW("lstat /data/link_out (the link itself is inside)", lstat("/data/link_out", &st) < 0);
    SHOW("truncate through link_out", truncate("/data/link_out", 0) < 0);

    // Links the program makes itself: relative ones pointing out can be made but never followed;
    // absolute ones are refused.
    SHOW("symlink ../../outside", symlink("../../outside", "/data/sub/way_out") < 0);
    try_open("/data/sub/way_out/secret.txt");
    SHOW("symlink /etc", symlink("/etc", "/data/abs_link") < 0);
    SHOW("symlink to link_out (a chain)", symlink("link_out", "/data/chain") < 0);
    try_open("/data/chain");
    FILE *f = fopen("/data/chain", "w");
    SHOW("fopen chain for writing", !f);

    // Raw WASI calls: the exact errno.
    raw_open("../outside/secret.txt", 1, 0);
    raw_open("/etc/passwd", 1, 0);
    raw_open("..", 1, 0);
    raw_open("sub/../..", 1, 0);
    raw_open("link_out", 1, 0);
    raw_open("link_out", 0, 0);
    raw_open("link_abs", 1, 0);
    raw_open("sub/way_out/secret.txt", 1, 0);
    raw_open("../outside/new.txt", 1, __WASI_OFLAGS_CREAT);
    raw_open("sub/way_out/new.txt", 1, __WASI_OFLAGS_CREAT);
    printf("path_create_directory ../x: errno %d\n", __wasi_path_create_directory(3, "../x"));
    printf("path_remove_directory ..: errno %d\n", __wasi_path_remove_directory(3, ".."));
    printf("path_unlink_file ../outside/secret.txt: errno %d\n", __wasi_path_unlink_file(3, "../outside/secret.txt"));
    printf("path_rename hello.txt -> ../stolen: errno %d\n", __wasi_path_rename(3, "hello.txt", 3, "../stolen"));
    printf("path_link link_out (follow) -> stolen: errno %d\n",
           __wasi_path_link(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link_out", 3, "stolen"));
    printf("path_symlink /etc/passwd: errno %d\n", __wasi_path_symlink("/etc/passwd", 3, "abs2"));
    __wasi_filestat_t fst;
    printf("path_filestat_get link_abs (follow): errno %d\n",
           __wasi_path_filestat_get(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link_abs", &fst));
    printf("path_filestat_set_times ../outside: errno %d\n",
           __wasi_path_filestat_set_times(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "../outside", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    uint8_t buf[64];
    __wasi_size_t used;
    printf("path_readlink ../outside: errno %d\n", __wasi_path_readlink(3, "../outside", buf, sizeof buf, &used));
    printf("path_open on stdout as a directory: errno %d\n", __wasi_path_open(1, 0, "x", 0, 0, 0, 0, (__wasi_fd_t *)buf));
    printf("path_open on a closed descriptor: errno %d\n", __wasi_path_open(99, 0, "x", 0, 0, 0, 0, (__wasi_fd_t *)buf));

    // Bad guest pointers: EFAULT, and the program goes on.
    __wasi_ciovec_t far = {(const uint8_t *)(uintptr_t)0xfffffff0u, 64};
    __wasi_size_t n;
    printf("fd_write from an iovec past memory: errno %d\n", __wasi_fd_write(1, &far, 1, &n));
    printf("fd_write of an iovec array past memory: errno %d\n",
           __wasi_fd_write(1, (const __wasi_ciovec_t *)(uintptr_t)0xfffffff8u, 1, &n));
    printf("random_get into memory that does not exist: errno %d\n",
           __wasi_random_get((uint8_t *)(uintptr_t)0xffff0000u, 4096));
    printf("clock_time_get to a bad pointer: errno %d\n",
           __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, (__wasi_timestamp_t *)(uintptr_t)0xfffffffcu));
    printf("still running: yes\n");
    return 0;
}
