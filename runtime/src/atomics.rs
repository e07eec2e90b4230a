//! `memory.atomic.wait32/64` and `memory.atomic.notify` (threads): one process-wide table of
//! waiting threads by host address, so instances on different threads that share a memory
//! meet at the same queue.
//!
//! No wake-up is lost: a waiter compares the value and enqueues itself under the table's lock,
//! and a notifier (which stored the new value before calling `notify`) takes the same lock to
//! dequeue. Waiters are woken in the order they started waiting.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// `memory.atomic.wait*` results.
pub const WOKEN: u32 = 0;
pub const NOT_EQUAL: u32 = 1;
pub const TIMED_OUT: u32 = 2;

#[derive(Default)]
struct Waiter {
    woken: bool,
}

type Queue = VecDeque<Arc<(Mutex<Waiter>, Condvar)>>;

static WAITERS: Mutex<Option<HashMap<usize, Queue>>> = Mutex::new(None);

fn table() -> MutexGuard<'static, Option<HashMap<usize, Queue>>> {
    WAITERS.lock().unwrap_or_else(|e| e.into_inner())
}

/// The value a wait compares: 4 or 8 bytes.
#[derive(Clone, Copy)]
pub enum Expected {
    U32(u32),
    U64(u64),
}

impl Expected {
    /// # Safety
    /// `addr` is valid and aligned for the value's width.
    unsafe fn matches(self, addr: *mut u8) -> bool {
        match self {
            Expected::U32(v) => AtomicU32::from_ptr(addr as *mut u32).load(Ordering::SeqCst) == v,
            Expected::U64(v) => AtomicU64::from_ptr(addr as *mut u64).load(Ordering::SeqCst) == v,
        }
    }
}

/// Waits at `addr` while it holds `expected`, until notified or `timeout_ns` (negative: no
/// limit) passes.
///
/// # Safety
/// `addr` is valid (inside a shared memory, which is never unmapped while an instance using it
/// runs) and aligned for `expected`'s width.
pub unsafe fn wait(addr: *mut u8, expected: Expected, timeout_ns: i64) -> u32 {
    let deadline = u64::try_from(timeout_ns).ok().map(|ns| Instant::now() + Duration::from_nanos(ns));
    let me = Arc::new((Mutex::new(Waiter::default()), Condvar::new()));
    {
        let mut t = table();
        if !expected.matches(addr) {
            return NOT_EQUAL;
        }
        t.get_or_insert_with(HashMap::new).entry(addr as usize).or_default().push_back(me.clone());
    }
    let (state, cond) = &*me;
    let mut w = state.lock().unwrap_or_else(|e| e.into_inner());
    while !w.woken {
        match deadline {
            None => w = cond.wait(w).unwrap_or_else(|e| e.into_inner()),
            Some(deadline) => {
                let now = Instant::now();
                if now >= deadline {
                    break;
                }
                w = cond.wait_timeout(w, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
            }
        }
    }
    if w.woken {
        return WOKEN;
    }
    drop(w);
    // Timed out: leave the queue, unless a notifier took us out meanwhile (then we were woken).
    let mut t = table();
    let queue = t.as_mut().and_then(|m| m.get_mut(&(addr as usize)));
    let removed = queue.is_some_and(|q| {
        let before = q.len();
        q.retain(|x| !Arc::ptr_eq(x, &me));
        q.len() != before
    });
    if removed {
        forget_empty(&mut t, addr as usize);
        TIMED_OUT
    } else {
        WOKEN
    }
}

/// Wakes up to `count` threads waiting at `addr`; returns how many.
pub fn notify(addr: *mut u8, count: u32) -> u32 {
    let mut t = table();
    let Some(queue) = t.as_mut().and_then(|m| m.get_mut(&(addr as usize))) else { return 0 };
    let mut woken = 0;
    while woken < count {
        let Some(w) = queue.pop_front() else { break };
        w.0.lock().unwrap_or_else(|e| e.into_inner()).woken = true;
        w.1.notify_one();
        woken += 1;
    }
    forget_empty(&mut t, addr as usize);
    woken
}

fn forget_empty(t: &mut Option<HashMap<usize, Queue>>, addr: usize) {
    if let Some(m) = t.as_mut() {
        if m.get(&addr).is_some_and(VecDeque::is_empty) {
            m.remove(&addr);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn not_equal_and_timeout() {
        let mut cell = 5u64;
        let p = &mut cell as *mut u64 as *mut u8;
        unsafe {
            assert_eq!(wait(p, Expected::U64(4), -1), NOT_EQUAL);
            assert_eq!(wait(p, Expected::U64(5), 0), TIMED_OUT);
            assert_eq!(wait(p, Expected::U64(5), 1_000_000), TIMED_OUT);
        }
        assert_eq!(notify(p, 1), 0);
    }

    #[test]
    fn notify_wakes_waiters() {
        let cell = Box::leak(Box::new(AtomicU32::new(0)));
        let addr = cell as *const AtomicU32 as usize;
        let started = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..3)
            .map(|_| {
                let started = started.clone();
                std::thread::spawn(move || {
                    started.fetch_add(1, Ordering::SeqCst);
                    unsafe { wait(addr as *mut u8, Expected::U32(0), -1) }
                })
            })
            .collect();
        // Wake until every thread is done (some may not be waiting yet when we notify).
        let mut total = 0;
        while total < 3 {
            total += notify(addr as *mut u8, 2);
            std::thread::yield_now();
        }
        for t in threads {
            assert_eq!(t.join().unwrap(), WOKEN);
        }
        assert_eq!(started.load(Ordering::SeqCst), 3);
    }
}
