//! Tags (exception handling): the `VMTag` generated code compares by address, with the runtime's
//! description of the tag behind it, and the [`Tag`] handle shared by the defining instance and
//! every importer.
//!
//! A `*const VMTag` is a pointer to the first field of a [`TagData`], so the runtime can describe
//! any tag generated code hands it (an uncaught exception's); [`describe`] first checks that the
//! tag is still alive in the registry of live tags (an escaped `exnref` may outlive the instance
//! that defined its tag).

use crate::sigs;
use crate::types::FuncType;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::{Mutex, OnceLock};
use wasmkiln_abi::VMTag;

/// A tag's storage: `vm` first, so a `*const VMTag` is a `*const TagData`.
#[repr(C)]
pub(crate) struct TagData {
    vm: VMTag,
    ty: FuncType,
    name: String,
}

/// The addresses of the live `TagData`s (of every thread: a registry is simpler than proving
/// which thread a stale pointer came from).
fn live() -> &'static Mutex<HashSet<usize>> {
    static LIVE: OnceLock<Mutex<HashSet<usize>>> = OnceLock::new();
    LIVE.get_or_init(Default::default)
}

impl TagData {
    fn new(ty: FuncType, name: String) -> Rc<TagData> {
        let data = Rc::new(TagData { vm: VMTag { sig_id: sigs::intern(&ty) }, ty, name });
        live().lock().unwrap_or_else(|e| e.into_inner()).insert(Rc::as_ptr(&data) as usize);
        data
    }

    pub(crate) fn vm(&self) -> *const VMTag {
        &self.vm
    }
}

impl Drop for TagData {
    fn drop(&mut self) {
        live().lock().unwrap_or_else(|e| e.into_inner()).remove(&(self as *const TagData as usize));
    }
}

/// The name and parameter types of the tag at `tag` (a `VMTag` pointer generated code holds),
/// if it is a live tag.
pub(crate) fn describe(tag: *const VMTag) -> Option<(String, FuncType)> {
    let live = live().lock().unwrap_or_else(|e| e.into_inner());
    if !live.contains(&(tag as usize)) {
        return None;
    }
    // SAFETY: a live TagData (registered until dropped; the lock keeps it from being dropped
    // concurrently by another thread, and this thread is here, not dropping it).
    let data = unsafe { &*(tag as *const TagData) };
    Some((data.name.clone(), data.ty.clone()))
}

/// A tag, shared by the instance that defines it and every instance that imports it. Its
/// identity is its address: two handles are the same tag when [`Tag::same`] says so.
#[derive(Clone)]
pub struct Tag {
    pub(crate) data: Rc<TagData>,
}

impl Tag {
    /// A new tag of type `ty` (its parameters are the payload; it must have no results), named
    /// `name` in messages about uncaught exceptions. `None` if `ty` has results.
    pub fn new(ty: FuncType, name: impl Into<String>) -> Option<Tag> {
        ty.results().is_empty().then(|| Tag { data: TagData::new(ty, name.into()) })
    }

    /// The tag's type (`[params] -> []`).
    pub fn ty(&self) -> FuncType {
        self.data.ty.clone()
    }

    /// The name used in messages (the name section's, else the export's, else `#N of FILE`).
    pub fn name(&self) -> &str {
        &self.data.name
    }

    /// The `VMTag` generated code compares (what `VMContext::tags` holds).
    pub fn vm(&self) -> *const VMTag {
        self.data.vm()
    }

    /// Whether two handles name the same tag.
    pub fn same(&self, other: &Tag) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ValType;

    #[test]
    fn tags_are_described_while_alive() {
        assert!(Tag::new(FuncType::new([], [ValType::I32]), "r").is_none());
        let t = Tag::new(FuncType::new([ValType::I32], []), "e").unwrap();
        let u = Tag::new(FuncType::new([ValType::I32], []), "e").unwrap();
        assert!(t.same(&t.clone()) && !t.same(&u));
        assert_eq!(unsafe { (*t.vm()).sig_id }, sigs::intern(&t.ty()));
        let (name, ty) = describe(t.vm()).unwrap();
        assert_eq!((name.as_str(), ty), ("e", FuncType::new([ValType::I32], [])));
        let stale = t.vm();
        drop(t);
        assert!(describe(stale).is_none());
        assert!(describe(u.vm()).is_some());
    }
}
