// For Wasm builds (-msimd128): NEON intrinsics through SIMD Everywhere (Debian's libsimde-dev),
// which implements them with wasm_simd128.h. BLAKE3's NEON code is built this way.
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <arm/neon.h> /* from /usr/include/simde, which bench.py adds with -I */
