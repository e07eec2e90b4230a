// Command-line arguments and the environment: argc, each argv entry (argv[0] is skipped: it is the
// executable's path, which differs between the native and the Wasm build), getenv of a set variable, of
// an empty one and of an unset one.
// args: first-arg "second arg" --flag=value 12345 ""
// env: WASMKILN_E2E_GREETING=hello from the environment
// env: WASMKILN_E2E_EMPTY=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    printf("argc = %d\n", argc);
    printf("argv[0] present: %d\n", argv[0] != NULL);
    size_t total = 0;
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] = [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
        total += strlen(argv[i]);
    }
    printf("argv[argc] is NULL: %d, total %zu\n", argv[argc] == NULL, total);
    const char *g = getenv("WASMKILN_E2E_GREETING");
    const char *e = getenv("WASMKILN_E2E_EMPTY");
    const char *u = getenv("WASMKILN_E2E_SURELY_UNSET");
    printf("greeting = [%s]\n", g ? g : "(unset)");
    printf("empty = [%s] set %d\n", e ? e : "(unset)", e != NULL);
    printf("unset = %s\n", u ? u : "(unset)");
    return argc == 6 ? 0 : 1;
}
