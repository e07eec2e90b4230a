/* The non-local exit half of trap handling: a per-thread chain of sigjmp_buf frames.
 *
 * `wasmkiln_catch` runs a callback with a frame pushed; `wasmkiln_unwind` jumps back to the
 * innermost frame with a code. It lives in C because setjmp cannot be called from Rust (the
 * returns-twice contract is invisible to rustc). The signal handler calls `wasmkiln_unwind`
 * too, so everything here is async-signal-safe: plain thread-local loads and stores. The
 * signal mask is not saved (sigsetjmp(.., 0)): the handlers are installed with SA_NODEFER, so
 * no signal is blocked while they run, and a catch costs no system call. */

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

struct wasmkiln_frame {
    sigjmp_buf buf;
    struct wasmkiln_frame *prev;
};

static __thread struct wasmkiln_frame *wasmkiln_current;
static __thread volatile uint32_t wasmkiln_code;

/* Runs f(data). Returns 0 when it returned normally, 1 + code when it was unwound by
 * wasmkiln_unwind(code). Frames nest (host -> wasm -> host -> wasm). */
int wasmkiln_catch(void (*f)(void *), void *data) {
    struct wasmkiln_frame frame;
    frame.prev = wasmkiln_current;
    if (sigsetjmp(frame.buf, 0) != 0) {
        wasmkiln_current = frame.prev;
        return 1 + (int)wasmkiln_code;
    }
    wasmkiln_current = &frame;
    f(data);
    wasmkiln_current = frame.prev;
    return 0;
}

/* Nonzero when the calling thread is inside wasmkiln_catch. */
int wasmkiln_in_catch(void) {
    return wasmkiln_current != 0;
}

/* Jumps to the innermost catch frame, which returns 1 + code. The caller checks
 * wasmkiln_in_catch() first; without a frame there is nowhere to go, so this aborts. */
__attribute__((noreturn)) void wasmkiln_unwind(uint32_t code) {
    struct wasmkiln_frame *frame = wasmkiln_current;
    if (frame == 0) {
        abort();
    }
    wasmkiln_code = code;
    siglongjmp(frame->buf, 1);
}
