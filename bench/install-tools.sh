#!/usr/bin/env bash
# Installs the engines bench.py compares wasmkiln with, at pinned versions, into bench/.tools
# (`cargo install --locked`, from crates.io). An install that fails is recorded in
# bench/.tools/<binary>.error (the command and cargo's first errors); bench.py then reports that
# engine as not measured, with that reason, and runs the others. Arguments after the binary's
# name go to cargo install; bench/.tools/<binary>.installed remembers them, so a change reinstalls.
set -u
cd "$(dirname "$0")"
root=.tools
mkdir -p "$root"

install() {
    local crate=$1 version=$2 bin=$3
    shift 3
    local want="$crate $version $*"
    if [ -x "$root/bin/$bin" ] && "$root/bin/$bin" --version 2>/dev/null | grep -qF "$version" &&
        [ "$(cat "$root/$bin.installed" 2>/dev/null || echo "$crate $version ")" = "$want" ]; then
        return 0
    fi
    echo "installing $crate $version into bench/$root (cargo install; this takes a while)"
    local log="$root/$bin.log"
    if nice -n 19 cargo install "$crate" --version "$version" --locked --root "$root" "$@" >"$log" 2>&1; then
        rm -f "$root/$bin.error"
        echo "$want" >"$root/$bin.installed"
    else
        { echo "cargo install $crate --version $version --locked $* failed:"; grep -E '^error' "$log" | head -5; } \
            >"$root/$bin.error"
        cat "$root/$bin.error" >&2
    fi
}

install wasmtime-cli 48.0.8 wasmtime
# wasmi runs SIMD modules only with its simd feature (not a default one).
install wasmi_cli 2.0.0 wasmi --features simd
