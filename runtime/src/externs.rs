//! `Extern`: anything an instance exports or imports (function, table, memory, global, tag).

use crate::func::Func;
use crate::global::Global;
use crate::memory::Memory;
use crate::table::Table;
use crate::tag::Tag;
use crate::types::ExternType;
use wasmkiln_abi::extern_kind;

#[derive(Clone)]
pub enum Extern {
    Func(Func),
    Table(Table),
    Memory(Memory),
    Global(Global),
    Tag(Tag),
}

impl Extern {
    /// The current type (tables and memories report their current size as `min`).
    pub fn ty(&self) -> ExternType {
        match self {
            Extern::Func(f) => ExternType::Func(f.ty()),
            Extern::Table(t) => ExternType::Table(t.ty()),
            Extern::Memory(m) => ExternType::Memory(m.ty()),
            Extern::Global(g) => ExternType::Global(g.ty()),
            Extern::Tag(t) => ExternType::Tag(t.ty()),
        }
    }

    /// The binary format's external kind byte ([`wasmkiln_abi::extern_kind`]).
    pub fn kind(&self) -> u8 {
        match self {
            Extern::Func(_) => extern_kind::FUNC,
            Extern::Table(_) => extern_kind::TABLE,
            Extern::Memory(_) => extern_kind::MEMORY,
            Extern::Global(_) => extern_kind::GLOBAL,
            Extern::Tag(_) => extern_kind::TAG,
        }
    }

    pub fn into_func(self) -> Option<Func> {
        match self {
            Extern::Func(f) => Some(f),
            _ => None,
        }
    }

    pub fn into_table(self) -> Option<Table> {
        match self {
            Extern::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn into_memory(self) -> Option<Memory> {
        match self {
            Extern::Memory(m) => Some(m),
            _ => None,
        }
    }

    pub fn into_global(self) -> Option<Global> {
        match self {
            Extern::Global(g) => Some(g),
            _ => None,
        }
    }

    pub fn into_tag(self) -> Option<Tag> {
        match self {
            Extern::Tag(t) => Some(t),
            _ => None,
        }
    }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Extern {
        Extern::Func(f)
    }
}

impl From<Table> for Extern {
    fn from(t: Table) -> Extern {
        Extern::Table(t)
    }
}

impl From<Memory> for Extern {
    fn from(m: Memory) -> Extern {
        Extern::Memory(m)
    }
}

impl From<Global> for Extern {
    fn from(g: Global) -> Extern {
        Extern::Global(g)
    }
}

impl From<Tag> for Extern {
    fn from(t: Tag) -> Extern {
        Extern::Tag(t)
    }
}
