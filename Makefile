# wasmkiln: build, demo and tests. On a fresh Debian 12 machine with Rust (rustup) installed,
# `make demo` and `make test` install what they need and run.
#
#   make deps    install the missing Debian packages (apt-get; sudo when not root)
#   make build   build the compiler: target/release/wasmkiln
#   make demo    compile examples/hello.c to Wasm, then to a native executable, and run it
#   make test    every unit test of the workspace plus the end-to-end suite (tests/), on the release build
#   make spec    the official spec test suite alone (wasm-v2 minus SIMD; must pass 100%)
#   make spec-v3 the wasm-v3 scripts that need no unimplemented proposal; reports counts only
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
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: deps build demo test spec spec-v3 clean

deps:
	@missing=""; \
	for pkg in $(DEB_PACKAGES); do \
	  dpkg -s "$$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
	@command -v $(CARGO) >/dev/null || { echo "error: $(CARGO) not found: install Rust (1.85 or newer) with rustup" >&2; exit 1; }

build: deps
	$(CARGO) build --release

demo: build
	mkdir -p build
	$(CLANG) --target=wasm32-wasi -O2 examples/hello.c -o build/hello.wasm
	$(WASMKILN) build/hello.wasm -o build/hello
	./build/hello

# The end-to-end suite (tests/e2e.rs) tests the release compiler just built.
test: build
	WASMKILN=$(WASMKILN) $(CARGO) test --release --workspace

spec: deps
	$(CARGO) test --release -p wasmkiln-tests --test spec

spec-v3: deps
	$(CARGO) test --release -p wasmkiln-tests --test spec -- --set wasm-v3 --report-only

clean:
	$(CARGO) clean
	rm -rf build

# Benchmarks (not part of `make test`): bench/bench.py builds every workload natively and to Wasm
# and runs it on native code, wasmkiln, Wasmtime, wasm2c + clang and the wasmi interpreter
# (installed into bench/.tools by bench-tools); results go to bench/results/. Heavy: everything
# runs under `nice -n 19`. `make bench-quick` checks the harness with small inputs in a few minutes.
# Options: make bench BENCH_ARGS="--runs 3 --only nbody,sqlite --engines native,wasmkiln"
BENCH_ARGS ?=
.PHONY: bench bench-quick bench-tools bench-deps

bench: build bench-deps bench-tools
	WASMKILN=$(WASMKILN) nice -n 19 python3 bench/bench.py $(BENCH_ARGS)

bench-quick: build bench-deps bench-tools
	WASMKILN=$(WASMKILN) nice -n 19 python3 bench/bench.py --quick $(BENCH_ARGS)

bench-tools:
	bash bench/install-tools.sh

bench-deps: deps
	@command -v python3 >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3
