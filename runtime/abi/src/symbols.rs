//! Names of the symbols that connect generated code, the runtime and native embedders.

/// The module descriptor ([`crate::ModuleDesc`]) in every object the compiler writes.
pub const MODULE_DESC: &str = "wasmkiln_module";

/// Entry the generated `main` of an executable calls:
/// `fn(argc: c_int, argv: *const *const c_char, desc: *const ModuleDesc) -> c_int`.
pub const EXE_MAIN: &str = "wasmkiln_exe_main";

/// Prefix of every libcall symbol (see [`crate::libcalls`]).
pub const LIBCALL_PREFIX: &str = "wasmkiln_";

/// Escapes an arbitrary Wasm name to a C identifier fragment: ASCII letters and digits stay,
/// `_` becomes `__`, every other byte becomes `_xx` in lowercase hex. Injective, so two
/// different names never collide.
pub fn mangle_into(name: &[u8], out: &mut impl core::fmt::Write) -> core::fmt::Result {
    for &b in name {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => out.write_char(b as char)?,
            b'_' => out.write_str("__")?,
            _ => write!(out, "_{:02x}", b)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::String;

    fn mangle(s: &str) -> String {
        let mut out = String::new();
        super::mangle_into(s.as_bytes(), &mut out).unwrap();
        out
    }

    #[test]
    fn mangling_is_injective_on_tricky_names() {
        assert_eq!(mangle("fd_write"), "fd__write");
        assert_eq!(mangle("a.b"), "a_2eb");
        assert_ne!(mangle("a_2eb"), mangle("a.b"));
        assert_eq!(mangle("héllo"), "h_c3_a9llo");
    }
}
