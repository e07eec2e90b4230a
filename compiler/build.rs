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

    for dir in ["runtime/src", "runtime/abi/src", "runtime/core/src", "runtime/Cargo.toml", "runtime/build.rs", "runtime/abi/Cargo.toml", "runtime/core/Cargo.toml", "Cargo.lock"] {
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
    // The runtimes of cross targets, built by `make runtime TARGET=...` (see src/target.rs).
    println!("cargo:rustc-env=WASMKILN_RUNTIME_DIR={}", root.join("build/runtime").display());
    write_cpu_lists(&out_dir);
}

/// LLVM aborts on a CPU name it does not know and only warns about a feature, and its C API
/// cannot tell which names it knows; so the names `llc -mcpu=help` lists are recorded at build
/// time per LLVM target, and `--cpu`/`--features` are checked against them (see src/target.rs).
fn write_cpu_lists(out_dir: &std::path::Path) {
    let bin = PathBuf::from(env::var("LLVM_SYS_191_PREFIX").unwrap_or_else(|_| "/usr/lib/llvm-19".into())).join("bin");
    // `--emit staticlib` archives with LLVM's llvm-ar (see src/link.rs).
    println!("cargo:rustc-env=WASMKILN_LLVM_BIN={}", bin.display());
    let llc = bin.join("llc");
    let mut code = String::from("pub const LISTS: &[(&str, &[&str], &[&str])] = &[\n");
    let targets = [
        ("x86-64", "x86_64-unknown-linux-gnu"),
        ("aarch64", "aarch64-unknown-linux-gnu"),
        ("riscv64", "riscv64-unknown-linux-gnu"),
        ("riscv32", "riscv32-unknown-none-elf"),
        ("arm", "armv7-unknown-linux-gnueabihf"),
        ("thumb", "thumbv7em-none-eabihf"),
    ];
    for (name, triple) in targets {
        let help = Command::new(&llc).arg(format!("-mtriple={triple}")).arg("-mcpu=help").stdin(std::process::Stdio::null()).output();
        let text = help.map(|o| String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout)).unwrap_or_default();
        let list = |title: &str| -> Vec<String> {
            text.lines()
                .skip_while(|l| !l.starts_with(title))
                .skip(1)
                .skip_while(|l| l.trim().is_empty())
                .take_while(|l| !l.trim().is_empty())
                .filter_map(|l| l.split_whitespace().next().map(str::to_string))
                .collect()
        };
        code.push_str(&format!("    ({name:?}, &{:?}, &{:?}),\n", list("Available CPUs"), list("Available features")));
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("cpus.rs"), code).unwrap();
}
