//! Table operations with the spec's rules, on a `VMTable` whose element array has room for
//! `max` elements (firmware tables: capacity fixed at instantiation). The hosted runtime's
//! tables grow a vector instead, but check ranges with [`in_bounds`] too. Indices and lengths
//! are 64-bit (a 32-bit table's zero-extended: table64); sizes stay 32-bit.

use wasmkiln_abi::{TrapCode, VMTable};

/// Whether `[start, start + len)` lies inside a table of `size` elements.
pub fn in_bounds(size: u32, start: u64, len: u64) -> bool {
    start.checked_add(len).is_some_and(|end| end <= size as u64)
}

fn check(ok: bool) -> Result<(), TrapCode> {
    if ok {
        Ok(())
    } else {
        Err(TrapCode::TableOutOfBounds)
    }
}

/// # Safety
/// `t.elements` points at `t.size` (and room for `t.max`) elements.
unsafe fn elements<'a>(t: &VMTable) -> &'a mut [usize] {
    if t.size == 0 {
        &mut []
    } else {
        core::slice::from_raw_parts_mut(t.elements, t.size as usize)
    }
}

/// `table.get`.
///
/// # Safety
/// As [`elements`].
pub unsafe fn get(t: &VMTable, index: u64) -> Result<usize, TrapCode> {
    check(index < t.size as u64)?;
    Ok(elements(t)[index as usize])
}

/// `table.set`.
///
/// # Safety
/// As [`elements`].
pub unsafe fn set(t: &VMTable, index: u64, value: usize) -> Result<(), TrapCode> {
    check(index < t.size as u64)?;
    elements(t)[index as usize] = value;
    Ok(())
}

/// `table.fill`.
///
/// # Safety
/// As [`elements`].
pub unsafe fn fill(t: &VMTable, dst: u64, value: usize, len: u64) -> Result<(), TrapCode> {
    check(in_bounds(t.size, dst, len))?;
    elements(t)[dst as usize..][..len as usize].fill(value);
    Ok(())
}

/// `table.copy` (the same table or two; ranges may overlap).
///
/// # Safety
/// As [`elements`], for both tables.
pub unsafe fn copy(dst_t: &VMTable, src_t: &VMTable, dst: u64, src: u64, len: u64) -> Result<(), TrapCode> {
    check(in_bounds(dst_t.size, dst, len) && in_bounds(src_t.size, src, len))?;
    core::ptr::copy(src_t.elements.add(src as usize), dst_t.elements.add(dst as usize), len as usize);
    Ok(())
}

/// `table.init` from an element segment whose item `i` is `item(i)`, `count` items (0 once
/// dropped).
///
/// # Safety
/// As [`elements`].
pub unsafe fn init(t: &VMTable, count: u32, item: impl Fn(u32) -> usize, dst: u64, src: u32, len: u32) -> Result<(), TrapCode> {
    check(in_bounds(count, src as u64, len as u64) && in_bounds(t.size, dst, len as u64))?;
    for (i, slot) in elements(t)[dst as usize..][..len as usize].iter_mut().enumerate() {
        *slot = item(src + i as u32);
    }
    Ok(())
}

/// `table.grow` within the element array's capacity `t.max`: the old size, or `None`.
///
/// # Safety
/// `t.elements` has room for `t.max` elements.
pub unsafe fn grow(t: &mut VMTable, delta: u64, init: usize) -> Option<u32> {
    let old = t.size;
    let new = u32::try_from(delta).ok().and_then(|d| old.checked_add(d)).filter(|&n| n <= t.max)?;
    for i in old..new {
        *t.elements.add(i as usize) = init;
    }
    t.size = new;
    Some(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_operations_check_ranges() {
        let mut storage = [0usize; 4];
        let mut t = VMTable { elements: storage.as_mut_ptr(), size: 2, max: 4 };
        unsafe {
            assert_eq!(get(&t, 2), Err(TrapCode::TableOutOfBounds));
            set(&t, 1, 5).unwrap();
            assert_eq!(fill(&t, 1, 9, 2), Err(TrapCode::TableOutOfBounds));
            assert_eq!(grow(&mut t, 3, 7), None);
            assert_eq!(grow(&mut t, 2, 7), Some(2));
            init(&t, 2, |i| 10 + i as usize, 2, 0, 2).unwrap();
            assert_eq!(init(&t, 2, |_| 0, 0, 1, 2), Err(TrapCode::TableOutOfBounds));
            copy(&t, &t, 0, 1, 3).unwrap();
            // 64-bit indices past 2^32 are out of bounds, not wrapped.
            assert_eq!(get(&t, 1 << 32), Err(TrapCode::TableOutOfBounds));
            assert_eq!(fill(&t, u64::MAX, 0, 2), Err(TrapCode::TableOutOfBounds));
            assert_eq!(grow(&mut t, 1 << 32, 0), None);
        }
        assert_eq!(storage, [5, 10, 11, 11]);
    }
}
