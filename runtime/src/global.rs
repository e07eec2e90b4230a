//! Globals: boxed `VMGlobal` storage shared by the defining instance and every importer.

use crate::instance::InstanceInner;
use crate::types::{GlobalType, ValType};
use std::cell::UnsafeCell;
use std::rc::Rc;
use wasmkiln_abi::{VMGlobal, ValRaw};

pub(crate) struct GlobalData {
    value: UnsafeCell<VMGlobal>,
    ty: GlobalType,
}

impl GlobalData {
    pub(crate) fn new(ty: GlobalType) -> GlobalData {
        GlobalData { value: UnsafeCell::new(VMGlobal::default()), ty }
    }

    pub(crate) fn vm(&self) -> *mut VMGlobal {
        self.value.get()
    }

    pub(crate) fn ty(&self) -> GlobalType {
        self.ty
    }

    pub(crate) fn get(&self) -> ValRaw {
        // SAFETY: single-threaded; generated code does not run concurrently with this read.
        ValRaw { bytes: unsafe { (*self.value.get()).bytes } }
    }

    pub(crate) fn set(&self, v: ValRaw) {
        let mut bytes = v.bytes;
        // Keep the unused high bytes zero, as generated code writes them.
        let width = match self.ty.ty {
            ValType::I32 | ValType::F32 => 4,
            ValType::I64 | ValType::F64 => 8,
            ValType::FuncRef | ValType::ExternRef | ValType::ExnRef => std::mem::size_of::<usize>(),
            ValType::V128 => 16,
        };
        bytes[width..].fill(0);
        // SAFETY: as in `get`.
        unsafe { (*self.value.get()).bytes = bytes };
    }

    /// The pointer-sized value of a reference global (element segments' `global.get` items).
    pub(crate) fn get_ref(&self) -> usize {
        let v = self.get();
        if std::mem::size_of::<usize>() == 8 {
            v.as_u64() as usize
        } else {
            v.as_u32() as usize
        }
    }
}

/// A global, shared by every instance that defines or imports it. Values are raw
/// ([`ValRaw`]): scalars in the low bytes, little-endian; references pointer-sized.
#[derive(Clone)]
pub struct Global {
    pub(crate) data: Rc<GlobalData>,
    /// Keeps the defining instance alive (a funcref global points into it).
    pub(crate) _owner: Option<Rc<InstanceInner>>,
}

impl Global {
    /// A new host global (e.g. `spectest.global_i32`).
    pub fn new(ty: GlobalType, value: ValRaw) -> Global {
        let data = GlobalData::new(ty);
        data.set(value);
        Global { data: Rc::new(data), _owner: None }
    }

    pub fn ty(&self) -> GlobalType {
        self.data.ty()
    }

    pub fn get(&self) -> ValRaw {
        self.data.get()
    }

    /// Sets a mutable global; `false` for an immutable one.
    pub fn set(&self, value: ValRaw) -> bool {
        if !self.data.ty().mutable {
            return false;
        }
        self.data.set(value);
        true
    }

    /// Whether two handles name the same global.
    pub fn same(&self, other: &Global) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_mutability_is_enforced() {
        let g = Global::new(GlobalType::new(ValType::I32, false), ValRaw::from_u64(0x1_0000_0007));
        assert_eq!(g.get(), ValRaw::from_u32(7)); // high bytes cleared
        assert!(!g.set(ValRaw::from_u32(1)));
        let m = Global::new(GlobalType::new(ValType::V128, true), ValRaw::from_u128(u128::MAX));
        assert_eq!(m.get().as_u128(), u128::MAX);
        assert!(m.set(ValRaw::from_u32(5)));
        assert_eq!(m.get().as_u128(), 5);
        assert_eq!(unsafe { (*m.data.vm()).bytes[0] }, 5);
    }
}
