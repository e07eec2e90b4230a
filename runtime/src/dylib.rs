//! Loading modules compiled with `wasmkiln --emit shared` into an embedder's process.
//!
//! Such a library defines `wasmkiln_module` and leaves the `wasmkiln_*` libcalls undefined, so
//! every loaded module shares the one runtime of the process. The process must therefore export
//! those symbols dynamically: link the embedder with `-rdynamic` (in a build script:
//! `cargo:rustc-link-arg-bins=-rdynamic`, or `-tests`/`-examples`). Calling [`load_module`]
//! also keeps the libcalls in the link, so the linker cannot discard them as unused.

use std::ffi::{c_void, CStr, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use wasmkiln_abi::symbols::{MODULE_DESC, PERSONALITY};
use wasmkiln_abi::{ModuleDesc, ABI_VERSION};

/// Every runtime symbol generated code may reference, with its address: the libcalls and the
/// personality routine of functions with landing pads.
pub fn runtime_symbols() -> Vec<(&'static str, *const c_void)> {
    macro_rules! symbols {
        ($($name:ident($($arg:ident: $ty:ident),*) -> $ret:ident;)*) => {
            vec![$((concat!("wasmkiln_", stringify!($name)), crate::libcalls::$name as *const c_void)),*]
        };
    }
    let mut syms = wasmkiln_abi::for_each_libcall!(symbols);
    syms.push((PERSONALITY, crate::exception::personality()));
    syms
}

fn dlerror_message() -> String {
    // SAFETY: dlerror returns null or a NUL-terminated string owned by libc.
    unsafe {
        let e = libc::dlerror();
        if e.is_null() {
            "unknown error".into()
        } else {
            CStr::from_ptr(e).to_string_lossy().into_owned()
        }
    }
}

/// Loads a shared library built by `wasmkiln --emit shared` and returns its module descriptor.
/// The library stays loaded for the rest of the process (instances point into its code).
pub fn load_module(path: &Path) -> Result<&'static ModuleDesc, String> {
    std::hint::black_box(runtime_symbols());
    let c_path = CString::new(path.as_os_str().as_bytes()).map_err(|_| format!("{}: path contains NUL", path.display()))?;
    // SAFETY: dlopen/dlsym with valid C strings; the handle is never closed, so the descriptor
    // (constant data of the library) lives for the rest of the process.
    unsafe {
        let handle = libc::dlopen(c_path.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL);
        if handle.is_null() {
            let mut message = format!("{}: {}", path.display(), dlerror_message());
            if message.contains("undefined symbol: wasmkiln_") {
                message.push_str(" (link the loading program with -rdynamic so it exports the runtime's symbols)");
            }
            return Err(message);
        }
        let name = CString::new(MODULE_DESC).map_err(|_| "bad symbol name".to_string())?;
        let desc = libc::dlsym(handle, name.as_ptr()) as *const ModuleDesc;
        if desc.is_null() {
            return Err(format!("{}: no `{MODULE_DESC}` symbol: not built by wasmkiln --emit shared", path.display()));
        }
        let desc = &*desc;
        if desc.abi_version != ABI_VERSION {
            return Err(format!(
                "{}: built for runtime ABI version {}, this runtime speaks {ABI_VERSION}",
                path.display(),
                desc.abi_version
            ));
        }
        Ok(desc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_libcall_has_a_symbol() {
        let syms = runtime_symbols();
        assert!(syms.iter().any(|(name, _)| *name == "wasmkiln_memory_grow"));
        assert!(syms.iter().any(|(name, _)| *name == "wasmkiln_personality"));
        assert!(syms.iter().all(|(name, addr)| name.starts_with("wasmkiln_") && !addr.is_null()));
        let names: std::collections::HashSet<&str> = syms.iter().map(|(name, _)| *name).collect();
        assert_eq!(names.len(), syms.len(), "a libcall is listed twice");
    }

    #[test]
    fn loading_a_missing_file_is_an_error() {
        let e = load_module(Path::new("/nonexistent/module.so")).err().unwrap();
        assert!(e.contains("/nonexistent/module.so"), "{e}");
        let e = load_module(Path::new("/dev/null")).err().unwrap();
        assert!(e.contains("/dev/null"), "{e}");
    }
}
