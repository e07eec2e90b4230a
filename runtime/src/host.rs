//! The host function mechanism: how host functions are declared (a static table of `(module,
//! name, Wasm signature, native entry, array entry)`, built by the `host_funcs!` macro) and what
//! they see of their caller ([`Caller`]: its memory as a checked [`GuestMemory`], its
//! [`HostContext`]). Host modules are built on it; it names none of them.

use crate::func::{Func, HostFunc};
use crate::host_context::HostContext;
use crate::instance::InstanceInner;
use crate::memory::Memory;
use crate::types::{FuncType, ValType};
use std::ffi::c_void;
use wasmkiln_abi::{ArrayCallFn, VMContext, ValRaw};

/// A Wasm value type as a native parameter/result type of a host function.
pub trait WasmTy: Copy {
    const TYPE: ValType;
    fn from_raw(v: ValRaw) -> Self;
    fn to_raw(self) -> ValRaw;
}

impl WasmTy for u32 {
    const TYPE: ValType = ValType::I32;
    fn from_raw(v: ValRaw) -> u32 {
        v.as_u32()
    }
    fn to_raw(self) -> ValRaw {
        ValRaw::from_u32(self)
    }
}

impl WasmTy for u64 {
    const TYPE: ValType = ValType::I64;
    fn from_raw(v: ValRaw) -> u64 {
        v.as_u64()
    }
    fn to_raw(self) -> ValRaw {
        ValRaw::from_u64(self)
    }
}

impl WasmTy for f32 {
    const TYPE: ValType = ValType::F32;
    fn from_raw(v: ValRaw) -> f32 {
        f32::from_bits(v.as_u32())
    }
    fn to_raw(self) -> ValRaw {
        ValRaw::from_u32(self.to_bits())
    }
}

impl WasmTy for f64 {
    const TYPE: ValType = ValType::F64;
    fn from_raw(v: ValRaw) -> f64 {
        f64::from_bits(v.as_u64())
    }
    fn to_raw(self) -> ValRaw {
        ValRaw::from_u64(self.to_bits())
    }
}

/// The result of a host function: nothing or one value.
pub trait WasmRet {
    const TYPES: &'static [ValType];
    /// # Safety
    /// `out` must have room for the results.
    unsafe fn store(self, out: *mut ValRaw);
}

impl WasmRet for () {
    const TYPES: &'static [ValType] = &[];
    unsafe fn store(self, _out: *mut ValRaw) {}
}

impl<T: WasmTy> WasmRet for T {
    const TYPES: &'static [ValType] = &[T::TYPE];
    unsafe fn store(self, out: *mut ValRaw) {
        *out = self.to_raw();
    }
}

/// One statically declared host function.
pub struct HostFuncDef {
    pub module: &'static str,
    pub name: &'static str,
    pub params: &'static [ValType],
    pub results: &'static [ValType],
    /// `unsafe extern "C" fn(*mut VMContext, params...) -> result`.
    pub native: *const c_void,
    pub array_call: ArrayCallFn,
}

// SAFETY: the pointers are code addresses, immutable and valid for the whole process.
unsafe impl Sync for HostFuncDef {}

impl HostFuncDef {
    pub fn ty(&self) -> FuncType {
        FuncType::new(self.params, self.results)
    }

    pub fn to_func(&self) -> Func {
        // SAFETY: `host_funcs!` checked `native` against the declared signature and generated
        // `array_call` from it.
        Func::host(unsafe { HostFunc::new(self.ty(), self.native, Some(self.array_call)) })
    }
}

/// Declares a static table of host functions. Each entry names an existing
/// `unsafe extern "C" fn(*mut VMContext, args...) -> ret` (checked against the declared types)
/// and gets a generated array-call entry.
macro_rules! host_funcs {
    ($(#[$meta:meta])* $vis:vis static $list:ident for $module:literal {
        $( $name:literal => fn ($f:path) ( $($arg:ident : $ty:ty),* ) $(-> $ret:ty)? ; )*
    }) => {
        $(#[$meta])*
        $vis static $list: &[$crate::host::HostFuncDef] = &[
            $(
                $crate::host::HostFuncDef {
                    module: $module,
                    name: $name,
                    params: &[$(<$ty as $crate::host::WasmTy>::TYPE),*],
                    results: <host_funcs!(@ret $($ret)?) as $crate::host::WasmRet>::TYPES,
                    native: {
                        const F: unsafe extern "C" fn(*mut wasmkiln_abi::VMContext $(, $ty)*)
                            -> host_funcs!(@ret $($ret)?) = $f;
                        F as *const ::std::ffi::c_void
                    },
                    array_call: {
                        unsafe extern "C" fn array(
                            vmctx: *mut wasmkiln_abi::VMContext,
                            values: *mut wasmkiln_abi::ValRaw,
                        ) {
                            let mut _i = 0usize;
                            $(
                                let $arg = <$ty as $crate::host::WasmTy>::from_raw(*values.add(_i));
                                _i += 1;
                            )*
                            let r = $f(vmctx $(, $arg)*);
                            $crate::host::WasmRet::store(r, values);
                        }
                        array
                    },
                },
            )*
        ];
    };
    (@ret) => { () };
    (@ret $t:ty) => { $t };
}
pub(crate) use host_funcs;

/// A bounds-checked view of the caller's linear memory 0. Every access checks the guest range
/// against the current size; a bad range is `None` (the host function reports an error), never a fault.
#[derive(Clone, Copy)]
pub struct GuestMemory {
    base: *mut u8,
    size: usize,
}

impl GuestMemory {
    /// An empty view (every access fails).
    pub fn empty() -> GuestMemory {
        GuestMemory { base: std::ptr::null_mut(), size: 0 }
    }

    /// # Safety
    /// `base` must be valid for `size` bytes while the view is used.
    pub unsafe fn new(base: *mut u8, size: usize) -> GuestMemory {
        GuestMemory { base, size }
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// The host address of guest range `[ptr, ptr + len)`, if it is inside the memory.
    pub fn range(&self, ptr: u32, len: u64) -> Option<*mut u8> {
        let end = (ptr as u64).checked_add(len)?;
        if self.base.is_null() || end > self.size as u64 {
            return None;
        }
        // SAFETY: checked to be inside the accessible memory.
        Some(unsafe { self.base.add(ptr as usize) })
    }

    pub fn read<const N: usize>(&self, ptr: u32) -> Option<[u8; N]> {
        let p = self.range(ptr, N as u64)?;
        let mut out = [0u8; N];
        // SAFETY: range-checked.
        unsafe { std::ptr::copy_nonoverlapping(p, out.as_mut_ptr(), N) };
        Some(out)
    }

    pub fn read_u32(&self, ptr: u32) -> Option<u32> {
        self.read::<4>(ptr).map(u32::from_le_bytes)
    }

    pub fn read_u64(&self, ptr: u32) -> Option<u64> {
        self.read::<8>(ptr).map(u64::from_le_bytes)
    }

    /// A copy of `len` guest bytes.
    pub fn read_vec(&self, ptr: u32, len: u32) -> Option<Vec<u8>> {
        let p = self.range(ptr, len as u64)?;
        // SAFETY: range-checked.
        Some(unsafe { std::slice::from_raw_parts(p, len as usize) }.to_vec())
    }

    /// A NUL-terminated guest string (without the NUL); `None` if it runs off the memory.
    pub fn read_cstr(&self, ptr: u32) -> Option<Vec<u8>> {
        let start = self.range(ptr, 0)?;
        let avail = self.size - ptr as usize;
        // SAFETY: `avail` bytes from `start` are inside the memory.
        let bytes = unsafe { std::slice::from_raw_parts(start, avail) };
        let len = bytes.iter().position(|&b| b == 0)?;
        Some(bytes[..len].to_vec())
    }

    pub fn write_bytes(&self, ptr: u32, data: &[u8]) -> Option<()> {
        let p = self.range(ptr, data.len() as u64)?;
        // SAFETY: range-checked; `data` is host memory, so no overlap.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
        Some(())
    }

    pub fn write_u8(&self, ptr: u32, v: u8) -> Option<()> {
        self.write_bytes(ptr, &[v])
    }

    pub fn write_u16(&self, ptr: u32, v: u16) -> Option<()> {
        self.write_bytes(ptr, &v.to_le_bytes())
    }

    pub fn write_u32(&self, ptr: u32, v: u32) -> Option<()> {
        self.write_bytes(ptr, &v.to_le_bytes())
    }

    pub fn write_u64(&self, ptr: u32, v: u64) -> Option<()> {
        self.write_bytes(ptr, &v.to_le_bytes())
    }

    /// `memmove` inside the memory.
    pub fn copy_within(&self, dst: u32, src: u32, len: u32) -> Option<()> {
        let d = self.range(dst, len as u64)?;
        let s = self.range(src, len as u64)?;
        // SAFETY: both ranges checked; `copy` allows overlap.
        unsafe { std::ptr::copy(s, d, len as usize) };
        Some(())
    }
}

/// What a host function knows about its caller, from the vmctx it was passed.
pub struct Caller<'a> {
    vmctx: *mut VMContext,
    instance: Option<&'a InstanceInner>,
}

impl<'a> Caller<'a> {
    /// # Safety
    /// `vmctx` must be null or the context of a live instance (what generated code passes).
    pub unsafe fn new(vmctx: *mut VMContext) -> Caller<'a> {
        let instance = if vmctx.is_null() || (*vmctx).instance.is_null() {
            None
        } else {
            Some(InstanceInner::from_vmctx(vmctx))
        };
        Caller { vmctx, instance }
    }

    pub fn vmctx(&self) -> *mut VMContext {
        self.vmctx
    }

    /// The caller's memory 0 as a checked view (empty if it has none).
    pub fn memory(&self) -> GuestMemory {
        if self.vmctx.is_null() {
            return GuestMemory::empty();
        }
        // SAFETY: a live vmctx; `memory` is null or its memory 0's definition.
        unsafe {
            let m = (*self.vmctx).memory;
            if m.is_null() {
                return GuestMemory::empty();
            }
            GuestMemory::new((*m).base, (*m).size_bytes as usize)
        }
    }

    /// The caller's memory 0 as a handle (e.g. to grow it).
    pub fn memory_handle(&self) -> Option<Memory> {
        self.instance?.memory_handle(0)
    }

    /// The per-instance state of host modules (`None` without a calling instance).
    pub fn context(&self) -> Option<&'a HostContext> {
        self.instance.map(|i| i.host_context())
    }
}
