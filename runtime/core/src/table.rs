//! Table operations with the spec's rules, on a `VMTable` whose element array has room for
//! `max` elements (firmware tables: capacity fixed at instantiation). The hosted runtime's
//! tables grow a vector instead, but check ranges with [`in_bounds`] too.

use wasmkiln_abi::{TrapCode, VMTable};

/// Whether `[start, start + len)` lies inside a table of `size` elements.
pub fn in_bounds(size: u32, start: u32, len: u32) -> bool {
    start as u64 + len as u64 <= size as u64
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
pub unsafe fn get(t: &VMTable, index: u32) -> Result<usize, TrapCode> {
    elements(t).get(index as usize).copied().ok_or(TrapCode::TableOutOfBounds)
}

/// `table.set`.
///
/// # Safety
/// As [`elements`].
pub unsafe fn set(t: &VMTable, index: u32, value: usize) -> Result<(), TrapCode> {
    let slot = elements(t).get_mut(index as usize).ok_or(TrapCode::TableOutOfBounds)?;
    *slot = value;
    Ok(())
}

/// `table.fill`.
///
/// # Safety
/// As [`elements`].
pub unsafe fn fill(t: &VMTable, dst: u32, value: usize, len: u32) -> Result<(), TrapCode> {
    check(in_bounds(t.size, dst, len))?;
    elements(t)[dst as usize..][..len as usize].fill(value);
    Ok(())
}

/// `table.copy` (the same table or two; ranges may overlap).
///
/// # Safety
/// As [`elements`], for both tables.
pub unsafe fn copy(dst_t: &VMTable, src_t: &VMTable, dst: u32, src: u32, len: u32) -> Result<(), TrapCode> {
    check(in_bounds(dst_t.size, dst, len) && in_bounds(src_t.size, src, len))?;
    core::ptr::copy(src_t.elements.add(src as usize), dst_t.elements.add(dst as usize), len as usize);
    Ok(())
}

/// `table.init` from an element segment whose item `i` is `item(i)`, `count` items (0 once
/// dropped).
///
/// # Safety
/// As [`elements`].
pub unsafe fn init(t: &VMTable, count: u32, item: impl Fn(u32) -> usize, dst: u32, src: u32, len: u32) -> Result<(), TrapCode> {
    check(in_bounds(count, src, len) && in_bounds(t.size, dst, len))?;
    for (i, slot) in elements(t)[dst as usize..][..len as usize].iter_mut().enumerate() {
        *slot = item(src + i as u32);
    }
    Ok(())
}

/// `table.grow` within the element array's capacity `t.max`: the old size, or `None`.
///
/// # Safety
/// `t.elements` has room for `t.max` elements.
pub unsafe fn grow(t: &mut VMTable, delta: u32, init: usize) -> Option<u32> {
    let old = t.size;
    let new = old.checked_add(delta).filter(|&n| n <= t.max)?;
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
        }
        assert_eq!(storage, [5, 10, 11, 11]);
    }
}
