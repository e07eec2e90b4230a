//! The operations a spec script performs on compiled modules, and their implementation over the
//! runtime's embedding API.

use std::path::Path;
use wasmkiln_abi::{ModuleDesc, TrapCode, ValRaw};
use wasmkiln_runtime::{load_module, InstantiateError, Instance, Linker, Trap};

/// A loaded module (the engine's index).
pub type ModuleId = u32;
/// An instance (the engine's index).
pub type InstanceId = u32;

/// A trap: the runtime's message and, for a Wasm trap, its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trapped {
    pub code: Option<TrapCode>,
    pub message: String,
}

/// How the runtime's message (`Trap`'s `Display`) starts when a Wasm exception escaped the
/// called function (e.g. `uncaught exception: tag e0`): `assert_exception` expects it, and no
/// `assert_trap` accepts it.
pub const UNCAUGHT_EXCEPTION: &str = "uncaught exception";

impl Trapped {
    /// Whether this is an exception that escaped to the embedder rather than a trap.
    pub fn is_uncaught_exception(&self) -> bool {
        self.message.starts_with(UNCAUGHT_EXCEPTION)
    }
}

impl From<&Trap> for Trapped {
    fn from(t: &Trap) -> Trapped {
        Trapped { code: t.code(), message: t.to_string() }
    }
}

/// Why instantiation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstantiateFailure {
    /// The imports did not link (`assert_unlinkable` expects this).
    Link(String),
    /// Initialization or the start function trapped.
    Trap(Trapped),
    /// Anything else (unknown module, the engine is gone).
    Other(String),
}

impl std::fmt::Display for InstantiateFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InstantiateFailure::Link(m) => write!(f, "link error: {m}"),
            InstantiateFailure::Trap(t) => write!(f, "trap: {}", t.message),
            InstantiateFailure::Other(m) => f.write_str(m),
        }
    }
}

/// What a script does with compiled modules. `Err(String)`: the operation could not be
/// attempted (no such export, the engine died); a trap is a result, not an error.
pub trait Engine {
    /// Loads a shared object built by `wasmkiln --emit shared` (the file may be removed after).
    fn load(&mut self, path: &Path) -> Result<ModuleId, String>;
    /// Instantiates a loaded module against the `spectest` module and the registered instances.
    fn instantiate(&mut self, module: ModuleId) -> Result<InstanceId, InstantiateFailure>;
    /// Makes an instance's exports importable as module `name`.
    fn register(&mut self, name: &str, instance: InstanceId) -> Result<(), String>;
    /// Calls an exported function with raw argument values.
    fn invoke(&mut self, instance: InstanceId, name: &str, args: &[ValRaw]) -> Result<Result<Vec<ValRaw>, Trapped>, String>;
    /// Reads an exported global.
    fn global(&mut self, instance: InstanceId, name: &str) -> Result<ValRaw, String>;
}

/// The engine in this process: the runtime's `Linker` with the `spectest` module.
pub struct Local {
    linker: Linker,
    modules: Vec<&'static ModuleDesc>,
    instances: Vec<Instance>,
}

impl Default for Local {
    fn default() -> Local {
        Local { linker: crate::spectest::linker(), modules: Vec::new(), instances: Vec::new() }
    }
}

impl Local {
    fn instance(&self, id: InstanceId) -> Result<&Instance, String> {
        self.instances.get(id as usize).ok_or_else(|| format!("no instance {id}"))
    }
}

impl Engine for Local {
    fn load(&mut self, path: &Path) -> Result<ModuleId, String> {
        let desc = load_module(path)?;
        self.modules.push(desc);
        Ok(self.modules.len() as ModuleId - 1)
    }

    fn instantiate(&mut self, module: ModuleId) -> Result<InstanceId, InstantiateFailure> {
        let desc = *self.modules.get(module as usize).ok_or_else(|| InstantiateFailure::Other(format!("no module {module}")))?;
        match self.linker.instantiate(desc) {
            Ok(instance) => {
                self.instances.push(instance);
                Ok(self.instances.len() as InstanceId - 1)
            }
            Err(InstantiateError::Link(e)) => Err(InstantiateFailure::Link(e.to_string())),
            Err(InstantiateError::Trap(t)) => Err(InstantiateFailure::Trap(Trapped::from(&t))),
        }
    }

    fn register(&mut self, name: &str, instance: InstanceId) -> Result<(), String> {
        let instance = self.instance(instance)?.clone();
        self.linker.define_instance(name, &instance);
        Ok(())
    }

    fn invoke(&mut self, instance: InstanceId, name: &str, args: &[ValRaw]) -> Result<Result<Vec<ValRaw>, Trapped>, String> {
        let func = self.instance(instance)?.get_func(name).ok_or_else(|| format!("no exported function \"{name}\""))?;
        Ok(func.call(args).map_err(|t| Trapped::from(&t)))
    }

    fn global(&mut self, instance: InstanceId, name: &str) -> Result<ValRaw, String> {
        let g = self.instance(instance)?.get_global(name).ok_or_else(|| format!("no exported global \"{name}\""))?;
        Ok(g.get())
    }
}
