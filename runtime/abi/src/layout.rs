//! Layouts for any pointer width. The compiler runs on a 64-bit host but generates code for
//! 32-bit targets too (Cortex-M), so it cannot take the offsets of the structures generated
//! code reads from `offset_of!` on the host. Each such structure is defined with
//! [`abi_struct!`], which also gives it a `layout(pointer_bytes)` function computing its C
//! layout from the kinds of its fields; a compile-time assertion checks that function against
//! `offset_of!` on every target this crate is built for (host, cross runtimes, firmware).

/// The kind of a field, which is all its C layout depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A pointer, `usize`, or `Option` of a function pointer.
    Ptr,
    U32,
    U64,
}

impl Field {
    /// Size and alignment for pointers of `ptr` bytes (`u64` is 8-aligned on every target
    /// wasmkiln supports; the assertion of [`abi_struct!`] would catch one where it is not).
    pub const fn size_align(self, ptr: usize) -> (usize, usize) {
        match self {
            Field::Ptr => (ptr, ptr),
            Field::U32 => (4, 4),
            Field::U64 => (8, 8),
        }
    }
}

/// `n` rounded up to a multiple of `align` (a power of two).
pub const fn align_up(n: usize, align: usize) -> usize {
    (n + align - 1) & !(align - 1)
}

/// Defines a `#[repr(C)]` struct whose fields are annotated with their [`Field`] kind, its
/// `…Layout` struct of field offsets, and `layout(pointer_bytes)`.
#[macro_export]
macro_rules! abi_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident / $layout:ident {
            $( $(#[$fmeta:meta])* pub $field:ident: $ty:ty = $kind:ident, )*
        }
    ) => {
        $(#[$meta])*
        #[repr(C)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        #[doc = concat!("Field offsets and size of [`", stringify!($name), "`] for one pointer width.")]
        #[derive(Clone, Copy, Debug)]
        pub struct $layout {
            $( pub $field: usize, )*
            /// Size of the whole struct.
            pub bytes: usize,
        }

        impl $name {
            /// The C layout of this struct when pointers are `ptr` bytes.
            pub const fn layout(ptr: usize) -> $layout {
                let mut offset = 0;
                let mut align = 1;
                $(
                    let (size, a) = $crate::layout::Field::$kind.size_align(ptr);
                    offset = $crate::layout::align_up(offset, a);
                    let $field = offset;
                    offset += size;
                    if a > align {
                        align = a;
                    }
                )*
                $layout { $( $field, )* bytes: $crate::layout::align_up(offset, align) }
            }
        }

        const _: () = {
            let l = $name::layout(core::mem::size_of::<usize>());
            $( assert!(l.$field == core::mem::offset_of!($name, $field)); )*
            assert!(l.bytes == core::mem::size_of::<$name>());
        };
    };
}
