//! Compiling a test module through the user-facing path (`--emit shared`, in process) and
//! loading it.

use std::ffi::CString;
use std::path::{Path, PathBuf};
use wasmkiln::backend::OptLevel;
use wasmkiln::codegen::BoundsChecks;
use wasmkiln::driver::{self, Emit, Options, Timings};
use wasmkiln_abi::ModuleDesc;

/// Where the harness writes modules; one directory per process.
pub fn scratch_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("spec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the spec scratch directory");
    dir
}

/// Compiles `bytes` to a shared object and loads it. `Err` carries the compiler's message.
/// How a set's modules are compiled (besides `--emit shared -O2`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Variant {
    /// `--cpu`; `None`: the host's.
    pub cpu: Option<&'static str>,
    pub bounds_checks: BoundsChecks,
}

pub fn compile_and_load(bytes: &[u8], dir: &Path, id: &str, variant: Variant) -> Result<&'static ModuleDesc, String> {
    let input = dir.join(format!("{id}.wasm"));
    let output = dir.join(format!("{id}.so"));
    std::fs::write(&input, bytes).map_err(|e| format!("cannot write {}: {e}", input.display()))?;
    let opts = Options { input: input.clone(), output: output.clone(), emit: Emit::Shared, opt: OptLevel::O2, target: None, cpu: variant.cpu.map(str::to_string), features: None, jobs: 1, bounds_checks: variant.bounds_checks, max_memory: None };
    let result = driver::compile(&opts, &mut Timings::default());
    let _ = std::fs::remove_file(&input);
    result.map_err(|e| e.to_string())?;
    let desc = load(&output);
    // The mapping stays valid after the file is gone.
    let _ = std::fs::remove_file(&output);
    desc
}

fn load(path: &Path) -> Result<&'static ModuleDesc, String> {
    let c_path = CString::new(path.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
    // SAFETY: dlopen/dlsym with valid C strings; the handle is never closed, so the descriptor
    // and the code it points to live for the rest of the process.
    unsafe {
        let handle = libc::dlopen(c_path.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL);
        if handle.is_null() {
            return Err(format!("dlopen {}: {}", path.display(), dl_error()));
        }
        let sym = CString::new(wasmkiln_abi::symbols::MODULE_DESC).expect("symbol name");
        let desc = libc::dlsym(handle, sym.as_ptr()) as *const ModuleDesc;
        if desc.is_null() {
            return Err(format!("{} has no module descriptor", path.display()));
        }
        Ok(&*desc)
    }
}

unsafe fn dl_error() -> String {
    let e = libc::dlerror();
    if e.is_null() {
        "unknown error".into()
    } else {
        std::ffi::CStr::from_ptr(e).to_string_lossy().into_owned()
    }
}
