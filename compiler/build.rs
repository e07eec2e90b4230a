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
    write_cpu_lists(&out_dir);
}

/// LLVM aborts on a CPU name it does not know, and its C API cannot tell which names it knows;
/// so the names `llc -mcpu=help` lists are recorded at build time for the main architectures,
/// and `--cpu` is checked against them.
fn write_cpu_lists(out_dir: &std::path::Path) {
    let llc = PathBuf::from(env::var("LLVM_SYS_191_PREFIX").unwrap_or_else(|_| "/usr/lib/llvm-19".into())).join("bin/llc");
    let mut code = String::new();
    for (name, triple) in [("X86_64", "x86_64-unknown-linux-gnu"), ("AARCH64", "aarch64-unknown-linux-gnu")] {
        let help = Command::new(&llc).arg(format!("-mtriple={triple}")).arg("-mcpu=help").stdin(std::process::Stdio::null()).output();
        let text = help.map(|o| String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout)).unwrap_or_default();
        let cpus: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("Available CPUs"))
            .skip(1)
            .take_while(|l| !l.starts_with("Available features"))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        code.push_str(&format!("pub const {name}: &[&str] = &{cpus:?};\n"));
    }
    std::fs::write(out_dir.join("cpus.rs"), code).unwrap();
}
