//! The sandbox settings of a compiled executable: the preopened directories and the environment
//! the program gets. Secure by default: no directory, no environment variable.
//!
//! They come from, in this order of precedence:
//! 1. the environment variable `WASMKILN_SANDBOX` ([`wasmkiln_abi::sandbox::ENV_VAR`]), if set
//!    (even empty): it replaces the baked-in settings entirely;
//! 2. the settings baked in at compile time (`wasmkiln prog.wasm --dir ... --env ...`), which the
//!    compiler emits as the symbol [`wasmkiln_abi::sandbox::SYMBOL`] (read through `config.c`,
//!    where it is a weak reference, so executables without settings need no symbol);
//! 3. nothing.
//!
//! Both are texts of words in the syntax of [`wasmkiln_abi::sandbox`]:
//! - `--dir HOST[::GUEST]`: preopen host directory HOST (relative to the working directory at
//!   run time) under the guest name GUEST (default: HOST as written);
//! - `--env NAME=VALUE`: set a variable; `--env NAME`: pass the host's NAME, if set;
//! - `--inherit-env`: pass the whole host environment (less `WASMKILN_SANDBOX` itself);
//!   `--env` settings apply on top of it.

use super::ctx::WasiCtx;
use std::ffi::{CStr, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use wasmkiln_abi::sandbox;

/// One `--env` setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvSetting {
    /// `NAME=VALUE`.
    Set(Vec<u8>, Vec<u8>),
    /// `NAME`: the host's value, if it has one.
    FromHost(Vec<u8>),
}

/// A preopened directory: the host path and the name the program sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirSetting {
    pub host: PathBuf,
    pub guest: Vec<u8>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SandboxConfig {
    pub dirs: Vec<DirSetting>,
    pub env: Vec<EnvSetting>,
    pub inherit_env: bool,
}

impl SandboxConfig {
    /// Parses a settings text (`origin` names it in error messages).
    pub fn parse(text: &[u8], origin: &str) -> Result<SandboxConfig, String> {
        let mut words = Vec::new();
        for raw in sandbox::words(text) {
            let raw = raw.map_err(|e| format!("{origin}: unterminated quote at byte {}", e.0))?;
            let mut word = Vec::new();
            sandbox::unquote(raw, &mut |b| word.push(b));
            words.push(word);
        }
        SandboxConfig::from_words(words, origin)
    }

    /// Reads `--dir`, `--env` (each also as `--flag=value`) and `--inherit-env`.
    pub fn from_words(words: Vec<Vec<u8>>, origin: &str) -> Result<SandboxConfig, String> {
        let mut config = SandboxConfig::default();
        let mut words = words.into_iter();
        while let Some(word) = words.next() {
            let (flag, inline) = match word.iter().position(|&b| b == b'=') {
                Some(eq) if word.starts_with(b"--") => (word[..eq].to_vec(), Some(word[eq + 1..].to_vec())),
                _ => (word.clone(), None),
            };
            let shown = String::from_utf8_lossy(&flag).into_owned();
            let mut value = || {
                inline.clone().or_else(|| words.next()).ok_or_else(|| format!("{origin}: `{shown}` needs a value"))
            };
            match &flag[..] {
                b"--dir" => config.dirs.push(parse_dir(&value()?, origin)?),
                b"--env" => config.env.push(parse_env(&value()?, origin)?),
                b"--inherit-env" if inline.is_none() => config.inherit_env = true,
                _ => {
                    return Err(format!(
                        "{origin}: unknown setting `{}` (expected --dir HOST[::GUEST], --env NAME[=VALUE] or --inherit-env)",
                        String::from_utf8_lossy(&word)
                    ))
                }
            }
        }
        Ok(config)
    }

    /// The program's environment, given the host's (`KEY=VALUE` entries).
    pub fn environment(&self, host_env: &[Vec<u8>]) -> Vec<Vec<u8>> {
        let key_of = |e: &[u8]| e.iter().position(|&b| b == b'=').map_or(e.len(), |i| i).min(e.len());
        let mut env: Vec<Vec<u8>> = Vec::new();
        let mut set = |entry: Vec<u8>| {
            let k = key_of(&entry);
            match env.iter_mut().find(|e| e[..key_of(e)] == entry[..k]) {
                Some(old) => *old = entry,
                None => env.push(entry),
            }
        };
        if self.inherit_env {
            for e in host_env {
                if &e[..key_of(e)] != sandbox::ENV_VAR.as_bytes() {
                    set(e.clone());
                }
            }
        }
        for s in &self.env {
            match s {
                EnvSetting::Set(k, v) => set([&k[..], b"=", &v[..]].concat()),
                EnvSetting::FromHost(k) => {
                    if let Some(e) = host_env.iter().find(|e| e[..key_of(e)] == k[..]) {
                        set(e.clone());
                    }
                }
            }
        }
        env
    }

    /// A WASI context with these settings; `args` become argv. Fails if a directory cannot be
    /// opened.
    pub fn context(&self, args: Vec<Vec<u8>>, host_env: &[Vec<u8>]) -> Result<WasiCtx, String> {
        let ctx = WasiCtx::new(args, self.environment(host_env));
        for d in &self.dirs {
            ctx.preopen_dir(&d.host, &d.guest).map_err(|e| {
                format!("--dir {}::{}: cannot open the directory: {e}", d.host.display(), String::from_utf8_lossy(&d.guest))
            })?;
        }
        Ok(ctx)
    }
}

fn parse_dir(value: &[u8], origin: &str) -> Result<DirSetting, String> {
    let (host, guest) = sandbox::split_dir(value)
        .ok_or_else(|| format!("{origin}: --dir `{}`: expected HOST or HOST::GUEST", String::from_utf8_lossy(value)))?;
    Ok(DirSetting { host: PathBuf::from(OsStr::from_bytes(host)), guest: guest.to_vec() })
}

fn parse_env(value: &[u8], origin: &str) -> Result<EnvSetting, String> {
    match sandbox::split_env(value) {
        Some((name, Some(v))) => Ok(EnvSetting::Set(name.to_vec(), v.to_vec())),
        Some((name, None)) => Ok(EnvSetting::FromHost(name.to_vec())),
        None => Err(format!("{origin}: --env `{}`: expected NAME=VALUE or NAME", String::from_utf8_lossy(value))),
    }
}

extern "C" {
    /// `config.c`: the baked-in settings text, or null when the executable has none.
    fn wasmkiln_baked_sandbox_config() -> *const libc::c_char;
}

/// The settings baked into this executable, if any.
pub fn baked() -> Option<&'static [u8]> {
    // SAFETY: null or the compiler-emitted NUL-terminated constant.
    unsafe {
        let p = wasmkiln_baked_sandbox_config();
        (!p.is_null()).then(|| CStr::from_ptr(p).to_bytes())
    }
}

/// The settings of the running executable (see the module documentation for the precedence).
pub fn for_executable() -> Result<SandboxConfig, String> {
    if let Some(text) = std::env::var_os(sandbox::ENV_VAR) {
        return SandboxConfig::parse(text.as_bytes(), &format!("${}", sandbox::ENV_VAR));
    }
    match baked() {
        Some(text) => SandboxConfig::parse(text, "the settings compiled into this program"),
        None => Ok(SandboxConfig::default()),
    }
}

/// The WASI context of a compiled executable started with `args`.
pub fn executable_context(args: Vec<Vec<u8>>) -> Result<WasiCtx, String> {
    for_executable()?.context(args, &super::ctx::process_env())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<Vec<u8>> {
        list.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn parses_flags() {
        let c = SandboxConfig::parse(b"--dir data::/data --dir=. --env 'A=1 2' --env=B --inherit-env", "t").unwrap();
        assert_eq!(
            c.dirs,
            [
                DirSetting { host: "data".into(), guest: b"/data".to_vec() },
                DirSetting { host: ".".into(), guest: b".".to_vec() }
            ]
        );
        assert_eq!(c.env, [EnvSetting::Set(b"A".to_vec(), b"1 2".to_vec()), EnvSetting::FromHost(b"B".to_vec())]);
        assert!(c.inherit_env);
        assert_eq!(SandboxConfig::parse(b"", "t").unwrap(), SandboxConfig::default());
    }

    #[test]
    fn rejects_bad_settings() {
        let err = |w: &[&str]| SandboxConfig::from_words(words(w), "t").unwrap_err();
        assert!(err(&["--dir"]).contains("needs a value"));
        assert!(err(&["--dir", "::x"]).contains("HOST::GUEST"));
        assert!(err(&["--env", "=x"]).contains("NAME=VALUE"));
        assert!(err(&["--frobnicate"]).contains("unknown setting `--frobnicate`"));
        assert!(err(&["--inherit-env=yes"]).contains("unknown setting"));
        assert!(SandboxConfig::parse(b"--dir 'x", "t").unwrap_err().contains("unterminated quote"));
    }

    #[test]
    fn environment_is_empty_unless_asked() {
        let host = words(&["HOME=/root", "WASMKILN_SANDBOX=--inherit-env", "B=host"]);
        assert!(SandboxConfig::default().environment(&host).is_empty());
        let c = SandboxConfig::from_words(words(&["--env", "B", "--env", "C=3", "--env", "MISSING"]), "t").unwrap();
        assert_eq!(c.environment(&host), words(&["B=host", "C=3"]));
        let c = SandboxConfig::from_words(words(&["--inherit-env", "--env", "HOME=/guest"]), "t").unwrap();
        assert_eq!(c.environment(&host), words(&["HOME=/guest", "B=host"]));
    }

    #[test]
    fn context_opens_the_directories() {
        let c = SandboxConfig::from_words(words(&["--dir", "/::/", "--dir", "/surely/missing::m"]), "t").unwrap();
        let e = c.context(vec![], &[]).unwrap_err();
        assert!(e.starts_with("--dir /surely/missing::m: cannot open the directory: No such file"), "{e}");
        let c = SandboxConfig::from_words(words(&["--dir", "/::/"]), "t").unwrap();
        let ctx = c.context(vec![b"p".to_vec()], &[]).unwrap();
        assert!(ctx.dir(3, 0).is_ok());
    }

    #[test]
    fn tests_have_no_baked_settings() {
        assert_eq!(baked(), None);
    }
}
