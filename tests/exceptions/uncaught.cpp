// An exception escapes main: natively std::terminate aborts (status 134); under wasmkiln the
// Wasm exception escapes the module and the executable reports it.
#include <cstdio>
#include <stdexcept>

__attribute__((noinline)) static void fail(int n) {
    if (n == 0) throw std::runtime_error("nobody catches this");
    fail(n - 1);
}

int main() {
    printf("before\n");
    fflush(stdout);
    fail(3);
    printf("after\n");
    return 0;
}
