//! Functions as the embedder sees them: a funcref living in an instance, or a host function
//! waiting to be imported; and calling one with raw values through its array-call entry.

use crate::instance::InstanceInner;
use crate::sigs;
use crate::trap::{catch_traps, Trap};
use crate::types::FuncType;
use std::ffi::c_void;
use std::ptr::NonNull;
use std::rc::Rc;
use wasmkiln_abi::{ArrayCallFn, VMContext, VMFuncRef, ValRaw};

/// A function implemented by the host.
///
/// `native` is called by generated code exactly like a Wasm function:
/// `extern "C" fn(vmctx: *mut VMContext, params...) -> result` with i32 as `u32`, i64 as `u64`,
/// f32/f64 as themselves, references as `usize`. `vmctx` is the importing instance's context
/// (so the function can reach the caller's memory, see [`crate::Caller`]), or null when the
/// embedder calls an unbound host function directly. `array_call` serves embedder calls
/// ([`Func::call`]); without it the function can only be called from Wasm.
pub struct HostFunc {
    pub(crate) ty: FuncType,
    pub(crate) sig_id: u32,
    pub(crate) native: *const c_void,
    pub(crate) array_call: Option<ArrayCallFn>,
}

impl HostFunc {
    /// # Safety
    /// `native` and `array_call` must have the signatures described above for `ty`, and must
    /// stay valid for as long as any instance uses the function.
    pub unsafe fn new(ty: FuncType, native: *const c_void, array_call: Option<ArrayCallFn>) -> HostFunc {
        let sig_id = sigs::intern(&ty);
        HostFunc { ty, sig_id, native, array_call }
    }

    pub fn ty(&self) -> &FuncType {
        &self.ty
    }
}

#[derive(Clone)]
enum FuncKind {
    /// A funcref owned by an instance: one of its functions, or a host function it imported.
    Instance { ptr: NonNull<VMFuncRef>, _owner: Rc<InstanceInner> },
    /// A host function not bound to any instance yet.
    Host(Rc<HostFunc>),
}

/// A function: an export of an instance, or a host function to import.
#[derive(Clone)]
pub struct Func {
    kind: FuncKind,
}

impl Func {
    pub fn host(f: HostFunc) -> Func {
        Func { kind: FuncKind::Host(Rc::new(f)) }
    }

    pub(crate) fn from_instance(ptr: NonNull<VMFuncRef>, owner: Rc<InstanceInner>) -> Func {
        Func { kind: FuncKind::Instance { ptr, _owner: owner } }
    }

    pub(crate) fn host_func(&self) -> Option<&Rc<HostFunc>> {
        match &self.kind {
            FuncKind::Host(h) => Some(h),
            FuncKind::Instance { .. } => None,
        }
    }

    /// The function's canonical signature id.
    pub fn sig_id(&self) -> u32 {
        match &self.kind {
            // SAFETY: the owner keeps the funcref alive.
            FuncKind::Instance { ptr, .. } => unsafe { ptr.as_ref().sig_id },
            FuncKind::Host(h) => h.sig_id,
        }
    }

    pub fn ty(&self) -> FuncType {
        match &self.kind {
            FuncKind::Instance { .. } => sigs::lookup(self.sig_id()).unwrap_or_else(|| FuncType::new([], [])),
            FuncKind::Host(h) => h.ty.clone(),
        }
    }

    /// The `VMFuncRef` behind this function (what tables and funcref values hold), if bound to
    /// an instance.
    pub fn raw_ref(&self) -> Option<*const VMFuncRef> {
        match &self.kind {
            FuncKind::Instance { ptr, .. } => Some(ptr.as_ptr() as *const VMFuncRef),
            FuncKind::Host(_) => None,
        }
    }

    /// Whether two handles name the same function.
    pub fn same(&self, other: &Func) -> bool {
        match (&self.kind, &other.kind) {
            (FuncKind::Instance { ptr: a, .. }, FuncKind::Instance { ptr: b, .. }) => a == b,
            (FuncKind::Host(a), FuncKind::Host(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Calls the function with raw arguments (see [`ValRaw`]), catching traps.
    pub fn call(&self, args: &[ValRaw]) -> Result<Vec<ValRaw>, Trap> {
        let ty = self.ty();
        if args.len() != ty.params().len() {
            return Err(Trap::host(format!(
                "wrong number of arguments: expected {}, got {}",
                ty.params().len(),
                args.len()
            )));
        }
        let (entry, vmctx): (Option<ArrayCallFn>, *mut VMContext) = match &self.kind {
            // SAFETY: the owner keeps the funcref alive.
            FuncKind::Instance { ptr, .. } => unsafe { (ptr.as_ref().array_call, ptr.as_ref().vmctx) },
            FuncKind::Host(h) => (h.array_call, std::ptr::null_mut()),
        };
        let entry = entry.ok_or_else(|| Trap::host("function has no array-call entry point"))?;
        let mut values = vec![ValRaw::default(); args.len().max(ty.results().len()).max(1)];
        values[..args.len()].copy_from_slice(args);
        let buf = values.as_mut_ptr();
        // SAFETY: `values` has room for the parameters and the results of this signature.
        // Through the exception barrier: no Wasm exception unwinds into this frame.
        catch_traps(|| unsafe { crate::exception::enter_array(entry, vmctx, buf) })?;
        values.truncate(ty.results().len());
        Ok(values)
    }
}
