//! The spec harness loads compiled modules as shared objects whose runtime calls
//! (`wasmkiln_*`) resolve against the harness executable, so its symbols must be exported.
fn main() {
    println!("cargo:rustc-link-arg-tests=-rdynamic");
}
