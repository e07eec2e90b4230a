// func_ptr.c with its function table exported, as Emscripten always does: in an executable
// nothing but the module reaches the table, so call_indirect still reads its constant entries
// (compiler/src/codegen/frozen_tables.rs).
// wasm-cflags: -Wl,--export-table
#include "func_ptr.c"
