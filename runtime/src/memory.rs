//! Linear memory: a `PROT_NONE` reservation whose accessible prefix grows with `memory.grow`.
//!
//! A 32-bit memory reserves 8 GiB: generated code computes `base + zext(addr) + offset` without
//! a bounds check. That is only sound because the reservation covers every such address (two
//! 32-bit values sum to less than 8 GiB) and everything past the current size is `PROT_NONE`: an
//! out-of-bounds access faults, and the signal handler turns the fault into a
//! `MemoryOutOfBounds` trap.
//!
//! A 64-bit memory (memory64) reserves its maximum, or [`MAX_PAGES64`] (64 GiB) when it has
//! none or a larger one, and never grows past that (`memory.grow` returns -1): no guard region
//! could cover a 64-bit address, so generated code checks every access explicitly, and the
//! reservation only has to hold the memory itself.
//!
//! Either way the base never moves, so generated code and importing instances may keep it.
//!
//! A shared memory (threads) is the same thing used by instances on several threads: `grow`
//! is serialized by a lock and makes the new pages accessible before it publishes the new size,
//! so a thread that sees the size can use every page below it.

use crate::error::ResourceError;
use crate::reservations;
use crate::types::MemoryType;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use wasmkiln_abi::{VMMemory, WASM_PAGE_SIZE};

/// Largest 32-bit memory, one page short of 4 GiB (see the ABI's `MAX_MEMORY32_PAGES`).
pub const MAX_PAGES: u64 = wasmkiln_abi::MAX_MEMORY32_PAGES;
/// Largest 64-bit memory, in pages (64 GiB; the ABI's `MAX_MEMORY64_PAGES`).
pub const MAX_PAGES64: u64 = wasmkiln_abi::MAX_MEMORY64_PAGES;
/// 4 GiB of addressable memory + 4 GiB of guard, plus one page so that a 16-byte access at the
/// very last address still faults inside the reservation.
pub const RESERVATION_BYTES: usize = (8u64 << 30) as usize + WASM_PAGE_SIZE as usize;

/// The runtime's limit on a memory of type `ty`, in pages, and the bytes its reservation spans.
fn reservation(ty: &MemoryType) -> (u64, usize) {
    if !ty.memory64 {
        return (MAX_PAGES, RESERVATION_BYTES);
    }
    let limit = ty.max.unwrap_or(MAX_PAGES64).min(MAX_PAGES64);
    // At least a page: an empty mapping cannot be made (nor registered).
    (limit, (limit.max(1) * WASM_PAGE_SIZE) as usize)
}

pub(crate) struct MemoryData {
    vm: UnsafeCell<VMMemory>,
    declared_max: Option<u64>,
    shared: bool,
    memory64: bool,
    /// The most pages this memory may have (the runtime's limit, below the declared maximum).
    limit_pages: u64,
    /// Bytes of the reservation at `base`.
    reserved: usize,
    slot: Option<usize>,
    /// Serializes `grow` (only a shared memory is grown from several threads).
    grow_lock: Mutex<()>,
}

// SAFETY: the definition is written only by `grow`, under `grow_lock`, which publishes the size
// with an atomic store after the pages are accessible; everything else reads it (the size with
// atomic loads). Memory contents are the guest's, accessed through raw pointers.
unsafe impl Send for MemoryData {}
unsafe impl Sync for MemoryData {}

impl MemoryData {
    pub(crate) fn new(ty: MemoryType) -> Result<MemoryData, ResourceError> {
        let (limit_pages, reserved) = reservation(&ty);
        if ty.min > limit_pages {
            return Err(ResourceError(format!("memory size {} pages exceeds the limit of {limit_pages} pages", ty.min)));
        }
        // SAFETY: a fresh anonymous mapping; nothing else refers to the range.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                reserved,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(ResourceError(format!(
                "cannot reserve address space for a linear memory: {}",
                std::io::Error::last_os_error()
            )));
        }
        let base = base as *mut u8;
        let slot = reservations::register(base as usize, reserved);
        let max_pages = ty.max.unwrap_or(limit_pages).min(limit_pages);
        let data = MemoryData {
            vm: UnsafeCell::new(VMMemory { base, size_bytes: 0, max_pages }),
            declared_max: ty.max,
            shared: ty.shared,
            memory64: ty.memory64,
            limit_pages,
            reserved,
            slot,
            grow_lock: Mutex::new(()),
        };
        if slot.is_none() {
            return Err(ResourceError("too many live linear memories".into()));
        }
        if data.grow(ty.min).is_none() {
            return Err(ResourceError(format!(
                "cannot make {} pages of linear memory accessible: {}",
                ty.min,
                std::io::Error::last_os_error()
            )));
        }
        Ok(data)
    }

    pub(crate) fn vm(&self) -> *mut VMMemory {
        self.vm.get()
    }

    pub(crate) fn base(&self) -> *mut u8 {
        // SAFETY: the base is written once, at creation.
        unsafe { (*self.vm.get()).base }
    }

    pub(crate) fn size_bytes(&self) -> u64 {
        // SAFETY: an aligned field of the definition, which lives as long as `self`.
        unsafe { AtomicU64::from_ptr(&raw mut (*self.vm.get()).size_bytes).load(Ordering::Acquire) }
    }

    pub(crate) fn is_shared(&self) -> bool {
        self.shared
    }

    /// `memory.grow`: the old size in pages, or `None` when the result would exceed the maximum.
    pub(crate) fn grow(&self, delta: u64) -> Option<u64> {
        let _serialized = self.grow_lock.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: `grow_lock` makes this the only writer; readers see the size change only
        // through the atomic store below, after the pages are accessible.
        let mut vm = unsafe { std::ptr::read(self.vm.get()) };
        let base = vm.base;
        let old = wasmkiln_core::memory::grow(&mut vm, delta, self.limit_pages, |old, new| {
            // SAFETY: the range lies inside our reservation (at most `limit_pages` pages).
            let rc = unsafe {
                libc::mprotect(base.add(old as usize) as *mut libc::c_void, (new - old) as usize, libc::PROT_READ | libc::PROT_WRITE)
            };
            rc == 0
        })?;
        // SAFETY: as above; only `size_bytes` changes.
        unsafe { AtomicU64::from_ptr(&raw mut (*self.vm.get()).size_bytes).store(vm.size_bytes, Ordering::Release) };
        Some(old)
    }

    /// The definition generated code reads, for the operations of `wasmkiln_core::memory`.
    pub(crate) fn def(&self) -> &VMMemory {
        // SAFETY: as in `base`.
        unsafe { &*self.vm.get() }
    }

    /// Checks `[offset, offset + len)` against the current size.
    pub(crate) fn check_range(&self, offset: u64, len: u64) -> bool {
        wasmkiln_core::memory::in_bounds(self.def(), offset, len)
    }
}

impl Drop for MemoryData {
    fn drop(&mut self) {
        let base = self.vm.get_mut().base;
        if let Some(slot) = self.slot {
            reservations::unregister(slot);
        }
        // SAFETY: `base` is our mapping of `reserved` bytes; nothing refers to it any more.
        unsafe {
            libc::munmap(base as *mut libc::c_void, self.reserved);
        }
    }
}

/// A linear memory, shared by every instance that defines or imports it. A handle may be sent
/// to other threads, where instances that import a shared memory run on it (threads).
#[derive(Clone)]
pub struct Memory(pub(crate) Arc<MemoryData>);

impl Memory {
    /// A new memory of `ty.min` zeroed pages (for host-defined memories, e.g. `spectest.memory`).
    pub fn new(ty: MemoryType) -> Result<Memory, ResourceError> {
        Ok(Memory(Arc::new(MemoryData::new(ty)?)))
    }

    /// The current type: `min` is the current size in pages.
    pub fn ty(&self) -> MemoryType {
        MemoryType { min: self.size_pages(), max: self.0.declared_max, shared: self.0.shared, memory64: self.0.memory64 }
    }

    pub fn size_pages(&self) -> u64 {
        self.0.size_bytes() / WASM_PAGE_SIZE
    }

    pub fn size_bytes(&self) -> u64 {
        self.0.size_bytes()
    }

    /// The base address; stable for the memory's lifetime.
    pub fn data_ptr(&self) -> *mut u8 {
        self.0.base()
    }

    /// `memory.grow`: the old size in pages, or `None` on failure.
    pub fn grow(&self, delta_pages: u64) -> Option<u64> {
        self.0.grow(delta_pages)
    }

    /// Copies `buf.len()` bytes at `offset` out of the memory; `false` if out of bounds.
    pub fn read(&self, offset: u64, buf: &mut [u8]) -> bool {
        if !self.0.check_range(offset, buf.len() as u64) {
            return false;
        }
        // SAFETY: bounds checked against the accessible size.
        unsafe { std::ptr::copy_nonoverlapping(self.0.base().add(offset as usize), buf.as_mut_ptr(), buf.len()) };
        true
    }

    /// Copies `data` into the memory at `offset`; `false` if out of bounds.
    pub fn write(&self, offset: u64, data: &[u8]) -> bool {
        if !self.0.check_range(offset, data.len() as u64) {
            return false;
        }
        // SAFETY: bounds checked against the accessible size.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.0.base().add(offset as usize), data.len()) };
        true
    }

    /// Whether two handles name the same memory.
    pub fn same(&self, other: &Memory) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trap::catch_traps;
    use wasmkiln_abi::TrapCode;

    #[test]
    fn grow_respects_max_and_keeps_base() {
        let m = Memory::new(MemoryType::new(1, Some(3))).unwrap();
        let base = m.data_ptr();
        assert_eq!(m.size_pages(), 1);
        assert_eq!(m.grow(1), Some(1));
        assert_eq!(m.grow(0), Some(2));
        assert_eq!(m.grow(2), None);
        assert_eq!(m.grow(1), Some(2));
        assert_eq!(m.grow(1), None);
        assert_eq!(m.data_ptr(), base);
        assert_eq!(m.size_bytes(), 3 * WASM_PAGE_SIZE);
        assert_eq!(m.ty(), MemoryType::new(3, Some(3)));
        // The new pages are accessible and zeroed.
        let mut b = [1u8; 4];
        assert!(m.read(3 * WASM_PAGE_SIZE - 4, &mut b));
        assert_eq!(b, [0; 4]);
        assert!(!m.read(3 * WASM_PAGE_SIZE - 3, &mut b));
    }

    #[test]
    fn unbounded_memory_stops_one_page_short_of_4gib() {
        // The compiler's `add nuw` on addresses relies on this page (ABI `MAX_MEMORY32_PAGES`).
        assert_eq!(MAX_PAGES, 65535);
        assert_eq!(wasmkiln_abi::ADDRESS_NO_WRAP_SLACK, WASM_PAGE_SIZE);
        let m = Memory::new(MemoryType::new(0, None)).unwrap();
        assert_eq!(m.grow(65536), None);
        assert_eq!(m.grow(u64::MAX), None);
        assert_eq!(m.grow(2), Some(0));
        assert!(Memory::new(MemoryType::new(65536, None)).is_err());
        assert!(Memory::new(MemoryType::new(0, Some(65536))).unwrap().grow(65536).is_none());
    }

    #[test]
    fn memory64_reserves_its_maximum_or_64_gib_and_grows_past_4_gib() {
        assert_eq!(reservation(&MemoryType::new64(0, Some(3))), (3, 3 * WASM_PAGE_SIZE as usize));
        assert_eq!(reservation(&MemoryType::new64(0, Some(0))).1, WASM_PAGE_SIZE as usize);
        assert_eq!(reservation(&MemoryType::new64(0, None)), (MAX_PAGES64, 64 << 30));
        assert_eq!(reservation(&MemoryType::new64(0, Some(1 << 48))).0, MAX_PAGES64);
        assert!(Memory::new(MemoryType::new64(MAX_PAGES64 + 1, None)).is_err());
        let m = Memory::new(MemoryType::new64(1, None)).unwrap();
        let base = m.data_ptr();
        assert_eq!(m.ty(), MemoryType::new64(1, None));
        // 4 GiB + 2 pages: sparse, only the touched pages are committed.
        assert_eq!(m.grow(65537), Some(1));
        assert!(m.write((4u64 << 30) + 5, b"far"));
        let mut b = [0u8; 3];
        assert!(m.read((4u64 << 30) + 5, &mut b));
        assert_eq!(&b, b"far");
        assert!(!m.read((4u64 << 30) + 2 * WASM_PAGE_SIZE - 2, &mut b));
        assert_eq!(m.grow(MAX_PAGES64), None);
        assert_eq!(m.grow(MAX_PAGES64 - 65538), Some(65538));
        assert_eq!(m.grow(1), None);
        assert_eq!(m.data_ptr(), base);
        let small = Memory::new(MemoryType::new64(0, Some(2))).unwrap();
        assert_eq!(small.grow(3), None);
        assert_eq!(small.grow(2), Some(0));
    }

    #[test]
    fn access_past_the_end_traps() {
        let m = Memory::new(MemoryType::new(1, None)).unwrap();
        let base = m.data_ptr();
        let ok = catch_traps(|| unsafe { std::ptr::read_volatile(base.add(100)) });
        assert_eq!(ok.unwrap(), 0);
        for offset in [WASM_PAGE_SIZE as usize, (4u64 << 30) as usize, (8u64 << 30) as usize - 1] {
            let r = catch_traps(|| unsafe { std::ptr::write_volatile(base.add(offset), 1u8) });
            assert_eq!(r.unwrap_err().code(), Some(TrapCode::MemoryOutOfBounds));
        }
        // Still usable after a trap, and after growing the faulting page is accessible.
        assert_eq!(m.grow(1), Some(1));
        let r = catch_traps(|| unsafe { std::ptr::write_volatile(base.add(WASM_PAGE_SIZE as usize), 7u8) });
        assert!(r.is_ok());
    }

    #[test]
    fn many_memories_come_and_go() {
        for _ in 0..200 {
            let m = Memory::new(MemoryType::new(1, Some(1))).unwrap();
            assert!(m.write(0, b"abc"));
        }
    }
}
