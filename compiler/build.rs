//! Builds the runtime static library and embeds it in the compiler, so an installed `wasmkiln`
//! links executables from any working directory without looking for files next to itself.
//!
//! The runtime is built by a nested `cargo build` in its own target directory (below OUT_DIR),
//! always in release mode: it is linked into user programs, so it must be optimized even when
//! the compiler is a debug build.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest_dir.parent().unwrap().to_path_buf();
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let target_dir = out_dir.join("runtime-target");
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());

    for dir in ["runtime/src", "runtime/abi/src", "runtime/Cargo.toml", "runtime/build.rs", "runtime/abi/Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }

    let mut cmd = Command::new(cargo);
    cmd.current_dir(&root)
        .args(["build", "--release", "--locked", "-p", "wasmkiln-runtime", "--lib"])
        .arg("--target-dir")
        .arg(&target_dir);
    // Settings meant for the outer build must not leak into the runtime's.
    for var in ["CARGO_ENCODED_RUSTFLAGS", "RUSTFLAGS", "CARGO_TARGET_DIR", "CARGO_BUILD_TARGET", "CARGO_MAKEFLAGS", "MAKEFLAGS", "MFLAGS"] {
        cmd.env_remove(var);
    }
    let status = cmd.status().expect("could not run cargo to build the runtime");
    if !status.success() {
        panic!("building wasmkiln-runtime failed");
    }
    let lib = target_dir.join("release").join("libwasmkiln_runtime.a");
    assert!(lib.exists(), "runtime library missing at {}", lib.display());
    println!("cargo:rustc-env=WASMKILN_RUNTIME_LIB={}", lib.display());
    println!("cargo:rustc-env=WASMKILN_HOST_TARGET={}", env::var("TARGET").unwrap());
}
