/* The native half of WebAssembly exception handling: the unwinder header in front of every
 * exception, raising it with _Unwind_RaiseException (Itanium/DWARF unwinding, libgcc_s), and
 * `wasmkiln_personality`, the personality routine of generated functions with landing pads.
 *
 * This file knows nothing of the VMException layout (the ABI crate defines it once; the Rust
 * side, exception.rs, fills it in): it allocates `bytes` behind a private header and deals in
 * pointers to that payload (what generated code calls a `*mut VMException`).
 *
 * The personality's contract (wasmkiln_abi::symbols::PERSONALITY): every landing pad generated
 * code emits is `landingpad { ptr, i32 } catch ptr null`, so a frame whose call site has a
 * landing pad catches every exception of our class, and no frame needs cleanups. Foreign
 * exceptions (C++, forced unwinds) pass through Wasm frames untouched. */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unwind.h>

/* "WASMKILN", packed big-endian like the C++ ABI's "GNUCC++\0". */
#define WASMKILN_EXCEPTION_CLASS ((_Unwind_Exception_Class)0x5741534D4B494C4EULL)

/* The allocation: unwinder header, then the VMException (16-aligned, as its payload ValRaws). */
struct wasmkiln_exception {
    struct _Unwind_Exception unwind;
    _Alignas(16) unsigned char vm[];
};

/* Defined in Rust (exception.rs): frees an exception unless it escaped as an exnref. */
extern void wasmkiln_eh_cleanup(void *vm);

static struct wasmkiln_exception *header_of(void *vm) {
    return (struct wasmkiln_exception *)((unsigned char *)vm - offsetof(struct wasmkiln_exception, vm));
}

/* Called by a foreign runtime that caught and ended one of our exceptions (generated code never
 * lets them into host frames, so this should not happen; it is there for completeness). */
static void wasmkiln_exception_cleanup(_Unwind_Reason_Code reason, struct _Unwind_Exception *ue) {
    (void)reason;
    wasmkiln_eh_cleanup(((struct wasmkiln_exception *)ue)->vm);
}

/* A zeroed exception with `bytes` for the VMException; returns the VMException pointer, or
 * null when out of memory. */
void *wasmkiln_eh_alloc(size_t bytes) {
    size_t size = offsetof(struct wasmkiln_exception, vm) + bytes;
    size = (size + 15) & ~(size_t)15;
    struct wasmkiln_exception *e = aligned_alloc(16, size);
    if (e == NULL) {
        return NULL;
    }
    memset(e, 0, size);
    return e->vm;
}

/* Frees what wasmkiln_eh_alloc returned. */
void wasmkiln_eh_free(void *vm) {
    free(header_of(vm));
}

/* Raises `vm` (a VMException pointer). Returns only if no frame catches it, with the reason
 * (_URC_END_OF_STACK: no handler up to a frame without unwind info; _URC_FATAL_PHASE1_ERROR: a
 * frame's personality refused). The header's private fields are reset first: the same object is
 * raised again by a rethrow after it was caught. */
int wasmkiln_eh_raise(void *vm) {
    struct _Unwind_Exception *ue = &header_of(vm)->unwind;
    memset(ue, 0, sizeof *ue);
    ue->exception_class = WASMKILN_EXCEPTION_CLASS;
    ue->exception_cleanup = wasmkiln_exception_cleanup;
    return (int)_Unwind_RaiseException(ue);
}

/* The uncaught_exception libcall (libcalls.rs). */
extern void wasmkiln_uncaught_exception(void *vmctx, void *vm) __attribute__((noreturn));

/* The throw libcall's body: raises `vm`; if no frame catches it, ends the Wasm call as an
 * uncaught exception. In C so that the frames between generated code and the unwinder have no
 * personality that could stop the search: the Rust libcall only calls this. */
__attribute__((noreturn)) void wasmkiln_eh_throw(void *vmctx, void *vm) {
    (void)wasmkiln_eh_raise(vm);
    wasmkiln_uncaught_exception(vmctx, vm);
}

/* ---- the personality routine ---- */

#define DW_EH_PE_absptr 0x00
#define DW_EH_PE_uleb128 0x01
#define DW_EH_PE_udata2 0x02
#define DW_EH_PE_udata4 0x03
#define DW_EH_PE_udata8 0x04
#define DW_EH_PE_sleb128 0x09
#define DW_EH_PE_sdata2 0x0a
#define DW_EH_PE_sdata4 0x0b
#define DW_EH_PE_sdata8 0x0c
#define DW_EH_PE_pcrel 0x10
#define DW_EH_PE_textrel 0x20
#define DW_EH_PE_datarel 0x30
#define DW_EH_PE_funcrel 0x40
#define DW_EH_PE_indirect 0x80
#define DW_EH_PE_omit 0xff

static uintptr_t read_uleb128(const uint8_t **p) {
    uintptr_t result = 0;
    unsigned shift = 0;
    uint8_t byte;
    do {
        byte = *(*p)++;
        if (shift < 8 * sizeof result) {
            result |= (uintptr_t)(byte & 0x7f) << shift;
        }
        shift += 7;
    } while (byte & 0x80);
    return result;
}

static intptr_t read_sleb128(const uint8_t **p) {
    uintptr_t result = 0;
    unsigned shift = 0;
    uint8_t byte;
    do {
        byte = *(*p)++;
        if (shift < 8 * sizeof result) {
            result |= (uintptr_t)(byte & 0x7f) << shift;
        }
        shift += 7;
    } while (byte & 0x80);
    if (shift < 8 * sizeof result && (byte & 0x40)) {
        result |= ~(uintptr_t)0 << shift;
    }
    return (intptr_t)result;
}

/* Reads a value of `encoding`'s format (low nibble) and applies its base (pcrel, textrel,
 * datarel, funcrel) and indirection. Returns 0 with *ok = 0 for an unknown encoding. */
static uintptr_t read_encoded(const uint8_t **p, uint8_t encoding, struct _Unwind_Context *ctx, int *ok) {
    const uint8_t *start = *p;
    uintptr_t value;
    /* A fixed-size field of type T, sign- or zero-extended as T is. */
#define READ_FIXED(T)                         \
    {                                         \
        T v;                                  \
        memcpy(&v, *p, sizeof v);             \
        *p += sizeof v;                       \
        value = (uintptr_t)(intptr_t)v;       \
        break;                                \
    }
    switch (encoding & 0x0f) {
    case DW_EH_PE_absptr:
        READ_FIXED(uintptr_t)
    case DW_EH_PE_uleb128:
        value = read_uleb128(p);
        break;
    case DW_EH_PE_sleb128:
        value = (uintptr_t)read_sleb128(p);
        break;
    case DW_EH_PE_udata2:
        READ_FIXED(uint16_t)
    case DW_EH_PE_sdata2:
        READ_FIXED(int16_t)
    case DW_EH_PE_udata4:
        READ_FIXED(uint32_t)
    case DW_EH_PE_sdata4:
        READ_FIXED(int32_t)
    case DW_EH_PE_udata8:
    case DW_EH_PE_sdata8:
        READ_FIXED(uint64_t)
#undef READ_FIXED
    default:
        *ok = 0;
        return 0;
    }
    if (value == 0) {
        return 0;
    }
    switch (encoding & 0x70) {
    case 0:
        break;
    case DW_EH_PE_pcrel:
        value += (uintptr_t)start;
        break;
    case DW_EH_PE_textrel:
        value += _Unwind_GetTextRelBase(ctx);
        break;
    case DW_EH_PE_datarel:
        value += _Unwind_GetDataRelBase(ctx);
        break;
    case DW_EH_PE_funcrel:
        value += _Unwind_GetRegionStart(ctx);
        break;
    default:
        *ok = 0;
        return 0;
    }
    if (encoding & DW_EH_PE_indirect) {
        value = *(const uintptr_t *)value;
    }
    return value;
}

/* The landing pad of the call site containing the frame's IP, or 0 (no LSDA, no entry, no
 * landing pad, or an LSDA this parser does not understand). */
static uintptr_t find_landing_pad(struct _Unwind_Context *ctx) {
    const uint8_t *lsda = (const uint8_t *)_Unwind_GetLanguageSpecificData(ctx);
    if (lsda == NULL) {
        return 0;
    }
    int ok = 1;
    uintptr_t func_start = _Unwind_GetRegionStart(ctx);
    int ip_before_insn = 0;
    uintptr_t ip = _Unwind_GetIPInfo(ctx, &ip_before_insn);
    if (!ip_before_insn) {
        ip -= 1;
    }

    const uint8_t *p = lsda;
    uint8_t lpstart_encoding = *p++;
    uintptr_t lpstart = func_start;
    if (lpstart_encoding != DW_EH_PE_omit) {
        lpstart = read_encoded(&p, lpstart_encoding, ctx, &ok);
    }
    uint8_t ttype_encoding = *p++;
    if (ttype_encoding != DW_EH_PE_omit) {
        (void)read_uleb128(&p); /* the type table's offset: our pads catch everything */
    }
    uint8_t call_site_encoding = *p++;
    uintptr_t table_length = read_uleb128(&p);
    const uint8_t *end = p + table_length;
    if (!ok) {
        return 0;
    }
    while (p < end) {
        /* Call-site fields are offsets: their format only (LLVM emits uleb128 on ELF). */
        uintptr_t start = read_encoded(&p, call_site_encoding & 0x0f, ctx, &ok);
        uintptr_t length = read_encoded(&p, call_site_encoding & 0x0f, ctx, &ok);
        uintptr_t pad = read_encoded(&p, call_site_encoding & 0x0f, ctx, &ok);
        (void)read_uleb128(&p); /* action */
        if (!ok) {
            return 0;
        }
        if (ip < func_start + start) {
            break; /* the table is sorted */
        }
        if (ip < func_start + start + length) {
            return pad == 0 ? 0 : lpstart + pad;
        }
    }
    return 0;
}

_Unwind_Reason_Code wasmkiln_personality(int version, _Unwind_Action actions, _Unwind_Exception_Class exception_class,
                                         struct _Unwind_Exception *ue, struct _Unwind_Context *ctx) {
    if (version != 1 || ue == NULL || ctx == NULL) {
        return _URC_FATAL_PHASE1_ERROR;
    }
    if (exception_class != WASMKILN_EXCEPTION_CLASS) {
        return _URC_CONTINUE_UNWIND;
    }
    uintptr_t pad = find_landing_pad(ctx);
    if (pad == 0) {
        return _URC_CONTINUE_UNWIND;
    }
    if (actions & _UA_SEARCH_PHASE) {
        return _URC_HANDLER_FOUND;
    }
    if ((actions & _UA_CLEANUP_PHASE) && (actions & _UA_HANDLER_FRAME)) {
        _Unwind_SetGR(ctx, __builtin_eh_return_data_regno(0), (_Unwind_Word)(uintptr_t)((struct wasmkiln_exception *)ue)->vm);
        _Unwind_SetGR(ctx, __builtin_eh_return_data_regno(1), 1);
        _Unwind_SetIP(ctx, pad);
        return _URC_INSTALL_CONTEXT;
    }
    /* Cleanup phase before the handler frame, or a forced unwind: our pads only catch. */
    return _URC_CONTINUE_UNWIND;
}
