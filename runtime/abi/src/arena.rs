//! The layout of a freestanding (firmware) instance: everything an instance needs, in one
//! buffer the compiler reserves statically (no heap). The compiler sizes the buffer with
//! [`ArenaPlan::new`] and the firmware runtime carves it with the same plan, so the two never
//! disagree. The vmctx comes first, so an instance's vmctx is also its arena's address.

use crate::layout::align_up;
use crate::vmctx::{VMContext, VMFuncRef, VMGlobal, VMLimits, VMMemory, VMTable};

/// What an instance holds, counted from its module.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArenaCounts {
    pub funcs: u32,
    pub types: u32,
    pub globals: u32,
    pub tables: u32,
    /// Sum of the tables' capacities (their minimum sizes: firmware tables do not grow).
    pub table_elements: u64,
    pub data: u32,
    pub elems: u32,
    /// Bytes reserved for linear memory 0 (its capacity: `memory.grow` stops there).
    pub memory_bytes: u64,
}

/// Byte offsets of each region from the arena's start, for one pointer width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArenaPlan {
    pub vmctx: usize,
    pub limits: usize,
    pub memory: usize,
    /// `*const VMFuncRef` per function (`VMContext::func_refs`).
    pub func_ref_ptrs: usize,
    /// `VMFuncRef` per function.
    pub func_refs: usize,
    pub global_ptrs: usize,
    pub globals: usize,
    pub table_ptrs: usize,
    pub tables: usize,
    pub table_elements: usize,
    pub sig_ids: usize,
    /// One byte per data segment, then one per element segment: nonzero once dropped.
    pub data_dropped: usize,
    pub elem_dropped: usize,
    /// Linear memory 0, 16-aligned.
    pub memory_bytes: usize,
    /// Size of the whole arena.
    pub bytes: usize,
    /// Alignment the arena needs.
    pub align: usize,
}

impl ArenaPlan {
    /// The plan for pointers of `ptr` bytes; `None` if it does not fit the address space.
    pub const fn new(c: &ArenaCounts, ptr: usize) -> Option<ArenaPlan> {
        let limit: u64 = if ptr >= 8 { u64::MAX / 4 } else { (1u64 << (8 * ptr as u32)) / 2 };
        let mut at: u64 = 0;
        // Each region: align, then take `n * size` bytes.
        macro_rules! region {
            ($n:expr, $size:expr, $align:expr) => {{
                at = align_up(at as usize, $align) as u64;
                let start = at;
                at += ($n as u64) * ($size as u64);
                if at > limit {
                    return None;
                }
                start as usize
            }};
        }
        let vmctx = region!(1, VMContext::layout(ptr).bytes, ptr);
        let limits = region!(1, VMLimits::layout(ptr).bytes, ptr);
        let memory = region!(1, VMMemory::layout(ptr).bytes, 8);
        let func_ref_ptrs = region!(c.funcs, ptr, ptr);
        let func_refs = region!(c.funcs, VMFuncRef::layout(ptr).bytes, ptr);
        let global_ptrs = region!(c.globals, ptr, ptr);
        let globals = region!(c.globals, core::mem::size_of::<VMGlobal>(), 16);
        let table_ptrs = region!(c.tables, ptr, ptr);
        let tables = region!(c.tables, VMTable::layout(ptr).bytes, ptr);
        let table_elements = region!(c.table_elements, ptr, ptr);
        let sig_ids = region!(c.types, 4, 4);
        let data_dropped = region!(c.data, 1, 1);
        let elem_dropped = region!(c.elems, 1, 1);
        let memory_bytes = region!(c.memory_bytes, 1, 16);
        let bytes = align_up(at as usize, 16);
        Some(ArenaPlan {
            vmctx, limits, memory, func_ref_ptrs, func_refs, global_ptrs, globals, table_ptrs, tables,
            table_elements, sig_ids, data_dropped, elem_dropped, memory_bytes, bytes, align: 16,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_aligned_and_disjoint() {
        let c = ArenaCounts { funcs: 3, types: 2, globals: 1, tables: 1, table_elements: 5, data: 2, elems: 1, memory_bytes: 65536 };
        for ptr in [4, 8] {
            let p = ArenaPlan::new(&c, ptr).unwrap();
            assert_eq!(p.vmctx, 0);
            assert_eq!(p.globals % 16, 0);
            assert_eq!(p.memory_bytes % 16, 0);
            assert!(p.memory_bytes + 65536 <= p.bytes);
            assert!(p.func_refs >= p.func_ref_ptrs + 3 * ptr);
        }
        assert!(ArenaPlan::new(&ArenaCounts { memory_bytes: 1 << 32, ..c }, 4).is_none());
    }
}
