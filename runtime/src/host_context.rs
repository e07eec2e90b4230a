//! `HostContext`: the per-instance state of host modules, one value per type. The runtime only
//! carries it from the linker to each instance it makes; each host module (WASI, an embedder's
//! own functions) stores its state there and finds it again by its type (`Caller::context`).

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::rc::Rc;

/// State an instance's host functions reach through the caller's vmctx: at most one value of
/// each type, shared (cloning the context shares the values).
#[derive(Clone, Default)]
pub struct HostContext {
    slots: HashMap<TypeId, Rc<dyn Any>>,
}

impl HostContext {
    pub fn new() -> HostContext {
        HostContext::default()
    }

    /// Sets the value of type `T`, replacing an earlier one.
    pub fn insert<T: Any>(&mut self, value: Rc<T>) -> &mut Self {
        self.slots.insert(TypeId::of::<T>(), value);
        self
    }

    /// [`HostContext::insert`] for building a context in one expression.
    pub fn with<T: Any>(mut self, value: Rc<T>) -> HostContext {
        self.insert(value);
        self
    }

    /// The value of type `T`, if one was set.
    pub fn get<T: Any>(&self) -> Option<Rc<T>> {
        self.slots.get(&TypeId::of::<T>())?.clone().downcast().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_type() {
        let mut cx = HostContext::new().with(Rc::new(7u32));
        assert_eq!(cx.get::<u32>().as_deref(), Some(&7));
        assert!(cx.get::<u64>().is_none());
        cx.insert(Rc::new(8u32)).insert(Rc::new(String::from("s")));
        assert_eq!(cx.get::<u32>().as_deref(), Some(&8));
        assert_eq!(cx.clone().get::<String>().as_deref().map(String::as_str), Some("s"));
    }
}
