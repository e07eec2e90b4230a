// A freestanding C library just large enough for bench/kernels/sort.c, built into both of its
// memory64 rows (bench.py: `sort.mem32` for wasm32, `sort.mem64` for wasm64), so the two builds
// differ only in their address width: Debian has no wasm64 wasi-libc. WASI preview1 is imported
// with its i32 pointers; everything handed to it (arguments, the output line) lives in the
// first 4 GiB. malloc is a bump allocator over memory.grow (memory it hands out is fresh, so
// zeroed; free does nothing); printf knows %d %u %x %s %c %% with flags 0 and -, a width, and the
// l/ll/z length modifiers.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))
WASI("fd_write") int32_t wasi_fd_write(int32_t fd, int32_t iovs, int32_t count, int32_t written);
WASI("args_sizes_get") int32_t wasi_args_sizes_get(int32_t argc, int32_t size);
WASI("args_get") int32_t wasi_args_get(int32_t argv, int32_t buf);
WASI("proc_exit") _Noreturn void wasi_proc_exit(int32_t code);

// A pointer as WASI's i32: every pointer given to WASI is below 4 GiB.
#define W(p) ((int32_t)(uintptr_t)(p))

extern unsigned char __heap_base;
static uintptr_t heap_top;

void *malloc(size_t n) {
    if (!heap_top) heap_top = (uintptr_t)&__heap_base;
    uintptr_t p = (heap_top + 15) & ~(uintptr_t)15, end = p + n;
    size_t have = __builtin_wasm_memory_size(0) * 65536;
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t)-1) return 0;
    heap_top = end;
    return (void *)p;
}
void *calloc(size_t n, size_t size) { return malloc(n * size); }
void free(void *p) { (void)p; }

// Calls the compiler may emit for copies and clears (not recognized back into themselves).
__attribute__((no_builtin)) void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}
__attribute__((no_builtin)) void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) while (n--) *d++ = *s++;
    else while (n--) d[n] = s[n];
    return dst;
}
__attribute__((no_builtin)) void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

int atoi(const char *s) {
    int sign = 1, v = 0;
    if (*s == '-') sign = -1, s++;
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    return sign * v;
}

static char line[512];
static size_t used;
static void put(char c) {
    if (used < sizeof line) line[used++] = c;
}
static void number(unsigned long long v, unsigned base, int negative, int width, char pad, int left) {
    char digits[24];
    int n = 0;
    do digits[n++] = "0123456789abcdef"[v % base]; while (v /= base);
    int len = n + negative;
    if (negative && pad == '0') put('-');
    for (; !left && width > len; width--) put(pad);
    if (negative && pad != '0') put('-');
    while (n) put(digits[--n]);
    for (; left && width > len; width--) put(' ');
}

int printf(const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    used = 0;
    for (; *f; f++) {
        if (*f != '%') { put(*f); continue; }
        char pad = ' ';
        int left = 0, width = 0, longs = 0;
        for (;; f++) {
            if (f[1] == '0') pad = '0';
            else if (f[1] == '-') left = 1;
            else break;
        }
        while (f[1] >= '0' && f[1] <= '9') width = width * 10 + (*++f - '0');
        while (f[1] == 'l' || f[1] == 'z') longs += *++f == 'z' ? 2 : 1;
        switch (*++f) {
        case 'd': case 'i': {
            long long v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            number(v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, 10, v < 0, width, pad, left);
            break;
        }
        case 'u': case 'x': {
            unsigned long long v = longs >= 2 ? va_arg(ap, unsigned long long)
                                   : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            number(v, *f == 'x' ? 16 : 10, 0, width, pad, left);
            break;
        }
        case 's': for (const char *s = va_arg(ap, const char *); *s; s++) put(*s); break;
        case 'c': put((char)va_arg(ap, int)); break;
        case '%': put('%'); break;
        default: put('?'); break;
        }
    }
    va_end(ap);
    struct { uint32_t buf, len; } iov = {W(line), (uint32_t)used};
    uint32_t written;
    wasi_fd_write(1, W(&iov), 1, W(&written));
    return (int)used;
}

int main(int argc, char **argv);

void _start(void) {
    uint32_t argc = 0, size = 0;
    wasi_args_sizes_get(W(&argc), W(&size));
    uint32_t *argv32 = malloc(sizeof(uint32_t) * (argc + 1));
    char *buf = malloc(size);
    char **argv = malloc(sizeof(char *) * (argc + 1));
    wasi_args_get(W(argv32), W(buf));
    for (uint32_t i = 0; i < argc; i++) argv[i] = (char *)(uintptr_t)argv32[i];
    argv[argc] = 0;
    wasi_proc_exit(main((int)argc, argv));
}
