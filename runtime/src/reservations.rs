//! A lock-free registry of live linear-memory reservations, read by the signal handler.
//!
//! The handler must decide, without locks or allocation, whether a faulting address lies in
//! some memory's reservation (then it is an out-of-bounds access, a trap) or elsewhere (a real
//! crash). Slots are claimed with a compare-and-swap on `start`; `end` is published after it,
//! so a half-registered slot has `end == 0` and matches nothing.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Enough for thousands of live memories (each reserves 8 GiB, a 64-bit one up to 64 GiB, of a
/// 128 TiB address space, so the address space runs out first). The array is zero-initialized
/// BSS: untouched slots cost nothing.
const SLOTS: usize = 16384;

struct Slot {
    start: AtomicUsize,
    end: AtomicUsize,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot { start: AtomicUsize::new(0), end: AtomicUsize::new(0) };
static TABLE: [Slot; SLOTS] = [EMPTY; SLOTS];
/// One past the highest slot ever used, so lookups scan only what was touched.
static HIGH: AtomicUsize = AtomicUsize::new(0);

/// Records `[start, start + len)`; returns the slot to pass to [`unregister`], or `None` when
/// the registry is full.
pub fn register(start: usize, len: usize) -> Option<usize> {
    if start == 0 || len == 0 {
        return None;
    }
    for (i, slot) in TABLE.iter().enumerate() {
        if slot.start.compare_exchange(0, start, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            slot.end.store(start + len, Ordering::Release);
            HIGH.fetch_max(i + 1, Ordering::AcqRel);
            return Some(i);
        }
    }
    None
}

/// Forgets a slot returned by [`register`].
pub fn unregister(slot: usize) {
    if let Some(s) = TABLE.get(slot) {
        s.end.store(0, Ordering::Release);
        s.start.store(0, Ordering::Release);
    }
}

/// Whether `addr` lies in a registered reservation. Async-signal-safe.
pub fn contains(addr: usize) -> bool {
    let high = HIGH.load(Ordering::Acquire).min(SLOTS);
    TABLE[..high].iter().any(|s| {
        let start = s.start.load(Ordering::Acquire);
        let end = s.end.load(Ordering::Acquire);
        start != 0 && addr >= start && addr < end
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_lookup_unregister() {
        // Addresses far from anything real; the registry never dereferences them.
        let a = register(0x7000_0000_0000, 0x1000).unwrap();
        let b = register(0x7100_0000_0000, 0x2000).unwrap();
        assert_ne!(a, b);
        assert!(contains(0x7000_0000_0000));
        assert!(contains(0x7000_0000_0fff));
        assert!(!contains(0x7000_0000_1000));
        assert!(contains(0x7100_0000_1fff));
        unregister(a);
        assert!(!contains(0x7000_0000_0000));
        assert!(contains(0x7100_0000_0000));
        unregister(b);
        assert!(!contains(0x7100_0000_0000));
        assert!(register(0, 10).is_none());
    }
}
