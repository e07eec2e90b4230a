//! Process-wide interning of function types into canonical `u32` signature ids.
//!
//! `call_indirect` compares the id stored in a `VMFuncRef` with the id of the expected type
//! (`VMContext::sig_ids`), so structurally equal types of different modules must get the same
//! id. Ids start at 1; 0 is never handed out, so a zeroed funcref can never match.

use crate::types::FuncType;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

#[derive(Default)]
struct Registry {
    ids: HashMap<FuncType, u32>,
    types: Vec<FuncType>,
}

fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

/// The canonical id of `ty`, allocating one on first sight.
pub fn intern(ty: &FuncType) -> u32 {
    // A poisoned lock only means another thread panicked while holding it; the map itself is
    // always consistent (inserts are single statements), so keep using it.
    let mut reg = registry().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&id) = reg.ids.get(ty) {
        return id;
    }
    reg.types.push(ty.clone());
    let id = reg.types.len() as u32;
    reg.ids.insert(ty.clone(), id);
    id
}

/// The type behind a canonical id.
pub fn lookup(id: u32) -> Option<FuncType> {
    let reg = registry().lock().unwrap_or_else(|e| e.into_inner());
    reg.types.get((id as usize).checked_sub(1)?).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ValType;

    #[test]
    fn equal_types_share_an_id() {
        let a = FuncType::new([ValType::I32, ValType::I64], [ValType::F32]);
        let b = FuncType::new(vec![ValType::I32, ValType::I64], vec![ValType::F32]);
        let c = FuncType::new([ValType::I64, ValType::I32], [ValType::F32]);
        let d = FuncType::new([ValType::I32, ValType::I64], []);
        assert_eq!(intern(&a), intern(&b));
        assert_ne!(intern(&a), intern(&c));
        assert_ne!(intern(&a), intern(&d));
        assert_ne!(intern(&a), 0);
        assert_eq!(lookup(intern(&c)), Some(c));
        assert_eq!(lookup(0), None);
    }

    #[test]
    fn interning_is_thread_safe() {
        let handles: Vec<_> = (0..4)
            .map(|_| std::thread::spawn(|| intern(&FuncType::new([ValType::V128; 3], [ValType::ExternRef]))))
            .collect();
        let ids: Vec<u32> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] == w[1]));
    }
}
