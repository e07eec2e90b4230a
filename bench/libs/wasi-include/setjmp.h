// An empty <setjmp.h> for the Wasm build of Lua: wasi-libc has none, and ldo.c includes it even
// when, as in our build (bench.py defines LUAI_THROW/LUAI_TRY), nothing from it is used.
#pragma once
