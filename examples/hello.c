// The example of the README and of `make demo`:
//   clang-19 --target=wasm32-wasi -O2 examples/hello.c -o build/hello.wasm
//   target/release/wasmkiln build/hello.wasm -o build/hello
//   build/hello
#include <stdio.h>

int main(void) {
    printf("Hello, WebAssembly!\n");
    return 0;
}
