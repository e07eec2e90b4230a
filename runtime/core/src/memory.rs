//! Linear memory operations with the spec's rules: the whole range is checked before any byte
//! changes, an empty range is allowed exactly at the end, copies may overlap. Addresses and
//! lengths are 64-bit (a 32-bit memory's zero-extended); a checked range lies inside the memory,
//! so it fits in `usize`.

use wasmkiln_abi::{TrapCode, VMMemory, WASM_PAGE_SIZE};

/// Whether `[offset, offset + len)` lies inside the memory's current size.
pub fn in_bounds(m: &VMMemory, offset: u64, len: u64) -> bool {
    offset.checked_add(len).is_some_and(|end| end <= m.size_bytes)
}

fn check(ok: bool) -> Result<(), TrapCode> {
    if ok {
        Ok(())
    } else {
        Err(TrapCode::MemoryOutOfBounds)
    }
}

/// The host address of an atomic access of `bytes` bytes at `addr + offset`
/// (`memory.atomic.wait32/64`, `notify`): `MemoryOutOfBounds` if the sum overflows or the access
/// leaves the memory, then `UnalignedAtomic` unless it is a multiple of `bytes` (generated code
/// checks the alignment first; this keeps the pointer sound for any caller).
pub fn atomic_address(m: &VMMemory, addr: u64, offset: u64, bytes: u64) -> Result<*mut u8, TrapCode> {
    let ea = addr.checked_add(offset).ok_or(TrapCode::MemoryOutOfBounds)?;
    check(in_bounds(m, ea, bytes))?;
    if ea % bytes != 0 {
        return Err(TrapCode::UnalignedAtomic);
    }
    // In bounds: inside the memory's accessible bytes.
    Ok(m.base.wrapping_add(ea as usize))
}

/// `memory.fill`.
///
/// # Safety
/// `m` describes live memory of `m.size_bytes` bytes at `m.base`.
pub unsafe fn fill(m: &VMMemory, dst: u64, val: u8, len: u64) -> Result<(), TrapCode> {
    check(in_bounds(m, dst, len))?;
    core::ptr::write_bytes(m.base.add(dst as usize), val, len as usize);
    Ok(())
}

/// `memory.copy` (the two may be the same memory; the ranges may overlap).
///
/// # Safety
/// As [`fill`], for both memories.
pub unsafe fn copy(dst_mem: &VMMemory, src_mem: &VMMemory, dst: u64, src: u64, len: u64) -> Result<(), TrapCode> {
    check(in_bounds(dst_mem, dst, len) && in_bounds(src_mem, src, len))?;
    core::ptr::copy(src_mem.base.add(src as usize), dst_mem.base.add(dst as usize), len as usize);
    Ok(())
}

/// `memory.init` from the data segment `data` (empty once dropped).
///
/// # Safety
/// As [`fill`].
pub unsafe fn init(m: &VMMemory, data: &[u8], dst: u64, src: u32, len: u32) -> Result<(), TrapCode> {
    check(src as u64 + len as u64 <= data.len() as u64 && in_bounds(m, dst, len as u64))?;
    core::ptr::copy_nonoverlapping(data.as_ptr().add(src as usize), m.base.add(dst as usize), len as usize);
    Ok(())
}

/// `memory.grow` by `delta` pages, up to `m.max_pages` and `limit_pages` (the runtime's own
/// limit): `commit(old_bytes, new_bytes)` makes the new pages accessible (an `mprotect` in the
/// hosted runtime; nothing in a static arena, where they are zero already) and may refuse.
/// Returns the old size in pages, or `None` (Wasm's -1).
pub fn grow(m: &mut VMMemory, delta: u64, limit_pages: u64, commit: impl FnOnce(u64, u64) -> bool) -> Option<u64> {
    let old_pages = m.size_bytes / WASM_PAGE_SIZE;
    if delta == 0 {
        return Some(old_pages);
    }
    let new_pages = old_pages.checked_add(delta)?;
    if new_pages > m.max_pages || new_pages > limit_pages {
        return None;
    }
    let new_bytes = new_pages * WASM_PAGE_SIZE;
    if !commit(m.size_bytes, new_bytes) {
        return None;
    }
    m.size_bytes = new_bytes;
    Some(old_pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mem(buf: &mut [u8]) -> VMMemory {
        VMMemory { base: buf.as_mut_ptr(), size_bytes: buf.len() as u64, max_pages: 2 }
    }

    #[test]
    fn atomic_addresses_are_checked() {
        let mut buf = [0u8; 16];
        let m = mem(&mut buf);
        assert_eq!(atomic_address(&m, 4, 8, 4), Ok(m.base.wrapping_add(12)));
        assert_eq!(atomic_address(&m, 8, 4, 8), Err(TrapCode::MemoryOutOfBounds));
        assert_eq!(atomic_address(&m, u64::MAX, 1, 4), Err(TrapCode::MemoryOutOfBounds));
        assert_eq!(atomic_address(&m, 2, 0, 4), Err(TrapCode::UnalignedAtomic));
    }

    #[test]
    fn ranges_are_checked_before_any_effect() {
        let mut buf = [0u8; 16];
        let m = mem(&mut buf);
        unsafe {
            assert_eq!(fill(&m, 8, 7, 9), Err(TrapCode::MemoryOutOfBounds));
            assert_eq!(fill(&m, 16, 7, 0), Ok(()));
            assert_eq!(fill(&m, 17, 7, 0), Err(TrapCode::MemoryOutOfBounds));
            // A 64-bit range whose end wraps is out of bounds, not empty.
            assert_eq!(fill(&m, u64::MAX, 7, 2), Err(TrapCode::MemoryOutOfBounds));
            assert_eq!(copy(&m, &m, 0, 1 << 32, 1), Err(TrapCode::MemoryOutOfBounds));
            assert_eq!(init(&m, &[9], u64::MAX, 0, 1), Err(TrapCode::MemoryOutOfBounds));
            fill(&m, 0, 1, 4).unwrap();
            copy(&m, &m, 2, 0, 4).unwrap();
            assert_eq!(init(&m, &[9, 9], 0, 1, 2), Err(TrapCode::MemoryOutOfBounds));
            init(&m, &[9, 9], 14, 0, 2).unwrap();
        }
        assert_eq!(&buf[..8], &[1, 1, 1, 1, 1, 1, 0, 0]);
        assert_eq!(&buf[14..], &[9, 9]);
    }

    #[test]
    fn grow_respects_both_limits_and_commit() {
        let mut m = VMMemory { base: core::ptr::null_mut(), size_bytes: WASM_PAGE_SIZE, max_pages: 3 };
        assert_eq!(grow(&mut m, 0, 10, |_, _| false), Some(1));
        assert_eq!(grow(&mut m, 1, 10, |_, _| false), None);
        assert_eq!(grow(&mut m, 1, 10, |old, new| old == WASM_PAGE_SIZE && new == 2 * WASM_PAGE_SIZE), Some(1));
        assert_eq!(grow(&mut m, 1, 2, |_, _| true), None);
        assert_eq!(grow(&mut m, 2, 10, |_, _| true), None);
        assert_eq!(grow(&mut m, u64::MAX, 10, |_, _| true), None);
    }
}
