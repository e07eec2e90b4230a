//! The [`Linker`]: a registry of definitions by `(module, name)` that resolves a module's
//! imports, type-checked, and the [`HostContext`] it gives each instance it makes. Host modules
//! add themselves to it, each with an `add_to_linker` function of its own; it names none.

use crate::error::{InstantiateError, LinkError};
use crate::externs::Extern;
use crate::host::HostFuncDef;
use crate::host_context::HostContext;
use crate::instance::{check_definition, Instance};
use crate::types::{extern_type_matches, ExternType};
use std::collections::HashMap;
use wasmkiln_abi::ModuleDesc;

/// A registry of definitions by `(module, name)` that resolves imports.
///
/// Host functions may be registered under one name with several signatures (Emscripten
/// legalizes i64 parameters of imports into pairs of i32); resolution picks the one whose type
/// matches the import, so a mismatch is still reported as an incompatible type.
#[derive(Clone, Default)]
pub struct Linker {
    defs: HashMap<(String, String), Vec<Extern>>,
    context: HostContext,
}

impl Linker {
    pub fn new() -> Linker {
        Linker::default()
    }

    /// Registers each function of a static table, alongside existing ones of the same name.
    pub fn add_host_funcs(&mut self, defs: &[HostFuncDef]) -> &mut Self {
        for d in defs {
            self.defs.entry((d.module.to_string(), d.name.to_string())).or_default().push(Extern::Func(d.to_func()));
        }
        self
    }

    /// Defines `module.name`, replacing earlier definitions.
    pub fn define(&mut self, module: &str, name: &str, ext: impl Into<Extern>) -> &mut Self {
        self.defs.insert((module.to_string(), name.to_string()), vec![ext.into()]);
        self
    }

    /// Defines every export of `instance` under `module` (the spec's `register`).
    pub fn define_instance(&mut self, module: &str, instance: &Instance) -> &mut Self {
        for (name, ext) in instance.exports() {
            self.define(module, &name, ext);
        }
        self
    }

    /// The definition of `module.name`: the one matching `want` if several, else the first.
    pub fn get(&self, module: &str, name: &str, want: Option<&ExternType>) -> Option<Extern> {
        let defs = self.defs.get(&(module.to_string(), name.to_string()))?;
        let matching = want.and_then(|w| defs.iter().find(|d| extern_type_matches(&d.ty(), w)));
        matching.or(defs.first()).cloned()
    }

    /// The definition of import `module.name` of type `want`, or the link error instantiation
    /// would report (how the compiler checks an executable's imports before building it).
    pub fn resolve(&self, module: &str, name: &str, want: &ExternType) -> Result<Extern, LinkError> {
        check_definition(module.to_string(), name.to_string(), want, self.get(module, name, Some(want)))
    }

    /// The state given to every instance this linker makes.
    pub fn context(&self) -> &HostContext {
        &self.context
    }

    /// Where host modules put their state (see [`HostContext::insert`]).
    pub fn context_mut(&mut self) -> &mut HostContext {
        &mut self.context
    }

    /// Replaces the whole context, with what host modules put in it (add them afterwards).
    pub fn set_context(&mut self, context: HostContext) -> &mut Self {
        self.context = context;
        self
    }

    /// Instantiates `desc` with this linker's definitions and context.
    pub fn instantiate(&self, desc: &'static ModuleDesc) -> Result<Instance, InstantiateError> {
        Instance::with_context(desc, |m, n, want| self.get(m, n, Some(want)), self.context.clone())
    }
}
