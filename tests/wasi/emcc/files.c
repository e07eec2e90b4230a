// Emscripten (emcc -sSTANDALONE_WASM): a standalone module whose libc writes to stdout and reads
// arguments and the environment through WASI. Emscripten 3.1's standalone libc has no file
// system (fopen fails with EPERM), so file I/O goes through the WASI functions Emscripten
// declares in <wasi/api.h> (path_open, fd_write, fd_read, fd_seek, fd_readdir, ...), which stay
// imports of the module. An escape attempt fails with ENOTCAPABLE (76).
// dir: data::/data
// env: GREETING=hello from the environment
// args: first "second arg"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static __wasi_errno_t open_at(const char *path, __wasi_oflags_t oflags, __wasi_rights_t rights, __wasi_fd_t *fd) {
    return __wasi_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, strlen(path), oflags, rights, rights, 0, fd);
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    const char *g = getenv("GREETING");
    printf("GREETING = %s\n", g ? g : "(unset)");
    FILE *f = fopen("/data/hello.txt", "r");
    printf("fopen in standalone mode: %s\n", f ? "opened" : "fails (no file system in Emscripten's standalone libc)");

    __wasi_prestat_t ps;
    printf("prestat: errno %d, name length %u\n", __wasi_fd_prestat_get(3, &ps), (unsigned)ps.u.dir.pr_name_len);

    __wasi_fd_t in;
    printf("open hello.txt: errno %d\n", open_at("hello.txt", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK, &in));
    char buf[64] = {0};
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
    __wasi_size_t n;
    __wasi_fd_read(in, &iov, 1, &n);
    printf("read %u bytes: %s", (unsigned)n, buf);
    __wasi_filesize_t pos;
    printf("seek: errno %d", __wasi_fd_seek(in, 6, __WASI_WHENCE_SET, &pos));
    printf(", position %llu\n", (unsigned long long)pos);
    memset(buf, 0, sizeof buf);
    __wasi_fd_read(in, &iov, 1, &n);
    printf("from there: %s", buf);
    __wasi_fd_close(in);

    __wasi_fd_t out;
    printf("create emcc.txt: errno %d\n",
           open_at("emcc.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_WRITE, &out));
    const char *text = "written by an Emscripten program\n";
    __wasi_ciovec_t c = {(const uint8_t *)text, strlen(text)};
    printf("write: errno %d", __wasi_fd_write(out, &c, 1, &n));
    printf(", %u bytes\n", (unsigned)n);
    __wasi_fd_close(out);

    __wasi_fd_t bad;
    printf("escape ../outside/secret.txt: errno %d\n", open_at("../outside/secret.txt", 0, __WASI_RIGHTS_FD_READ, &bad));
    printf("escape link_out: errno %d\n", open_at("link_out", 0, __WASI_RIGHTS_FD_READ, &bad));
    return 0;
}
