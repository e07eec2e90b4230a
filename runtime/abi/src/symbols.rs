//! Names of the symbols that connect generated code, the runtime and native embedders.

/// The module descriptor ([`crate::ModuleDesc`]) in every object the compiler writes.
pub const MODULE_DESC: &str = "wasmkiln_module";

/// Entry the generated `main` of an executable calls:
/// `fn(argc: c_int, argv: *const *const c_char, desc: *const ModuleDesc) -> c_int`.
pub const EXE_MAIN: &str = "wasmkiln_exe_main";

/// Prefix of every libcall symbol (see [`crate::libcalls`]).
pub const LIBCALL_PREFIX: &str = "wasmkiln_";

/// The personality routine of generated functions that have landing pads (exception handling),
/// defined by the hosted runtime. Every landing pad generated code emits is
/// `landingpad { ptr, i32 } catch ptr null`: for an exception the runtime threw (its own
/// exception class), the personality finds the call site's entry in the function's LSDA and, if
/// it has a landing pad, that frame catches it (search phase: handler found; cleanup phase:
/// installs the pad with the `VMException` pointer in the first landing-pad register and 1 in
/// the second). Every other frame, and every foreign exception, unwinds on.
pub const PERSONALITY: &str = "wasmkiln_personality";

/// The firmware runtime's instantiation entry, which the generated `wk_<module>_instantiate`
/// calls: `fn(desc: *const ModuleDesc, arena: *mut u8, len: usize, memory_bytes: u64) -> *mut
/// VMContext` (null if the arena cannot hold the instance).
pub const FIRMWARE_INSTANTIATE: &str = "wasmkiln_instantiate";

/// The C names of a module's interface (`--emit header`, firmware targets). With `m(x)` the
/// [`mangle_into`] escape of `x`:
/// - an imported function `module.name` is the C symbol `wk_` m(module) `_i_` m(name), which the
///   embedder defines, taking the calling instance first;
/// - an exported function `name` of the module called `self` is `wk_` m(self) `_e_` m(name),
///   taking the instance first;
/// - `wk_` m(self) `_instantiate` instantiates the module.
///
/// `_i_` and `_e_` cannot occur at a token boundary of an escaped name (`_` is always followed
/// by `_` or a lowercase hex digit there), so the rule stays injective.
pub enum CName<'a> {
    Import { module: &'a [u8], name: &'a [u8] },
    Export { module: &'a [u8], name: &'a [u8] },
    Instantiate { module: &'a [u8] },
}

impl CName<'_> {
    pub fn write(&self, out: &mut impl core::fmt::Write) -> core::fmt::Result {
        out.write_str("wk_")?;
        match self {
            CName::Import { module, name } | CName::Export { module, name } => {
                mangle_into(module, out)?;
                out.write_str(if matches!(self, CName::Import { .. }) { "_i_" } else { "_e_" })?;
                mangle_into(name, out)
            }
            CName::Instantiate { module } => {
                mangle_into(module, out)?;
                out.write_str("_instantiate")
            }
        }
    }
}

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

    #[test]
    fn c_names_follow_the_rule() {
        let name = |c: super::CName| {
            let mut out = String::new();
            c.write(&mut out).unwrap();
            out
        };
        assert_eq!(name(super::CName::Import { module: b"env", name: b"bench_start" }), "wk_env_i_bench__start");
        assert_eq!(name(super::CName::Export { module: b"crc", name: b"run" }), "wk_crc_e_run");
        assert_eq!(name(super::CName::Instantiate { module: b"crc" }), "wk_crc_instantiate");
        // The module/name boundary is never ambiguous.
        assert_ne!(name(super::CName::Import { module: b"a_i", name: b"b" }), name(super::CName::Import { module: b"a", name: b"i_b" }));
    }
}
