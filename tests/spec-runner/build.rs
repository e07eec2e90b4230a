//! The runner loads `--emit shared` modules whose runtime calls (`wasmkiln_*`) resolve against
//! the runner executable, so its symbols must be exported.
fn main() {
    println!("cargo:rustc-link-arg-bins=-rdynamic");
}
