;; Instantiated by the embedding API on several threads over one shared memory
;; (threads::embedding): each instance adds to a counter with atomics and to a second one under
;; a spin lock made of cmpxchg, and wakes a waiter when it is done.
(module
  (import "env" "memory" (memory 1 1 shared))
  (func $lock
    (loop $spin
      (br_if $spin (i32.atomic.rmw.cmpxchg (i32.const 8) (i32.const 0) (i32.const 1)))))
  (func $unlock (i32.atomic.store (i32.const 8) (i32.const 0)))
  (func (export "work") (param $n i32)
    (loop $again
      (drop (i64.atomic.rmw.add (i32.const 0) (i64.const 1)))
      (call $lock)
      (i64.store (i32.const 16) (i64.add (i64.load (i32.const 16)) (i64.const 2)))
      (call $unlock)
      (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (drop (i32.atomic.rmw.add (i32.const 24) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 24) (i32.const 1))))
  (func (export "wait_done") (param $threads i32) (result i32)
    (local $seen i32)
    (block $done
      (loop $wait
        (br_if $done (i32.ge_u (local.tee $seen (i32.atomic.load (i32.const 24))) (local.get $threads)))
        (drop (memory.atomic.wait32 (i32.const 24) (local.get $seen) (i64.const -1)))
        (br $wait)))
    (local.get $seen))
  (func (export "counters") (result i64 i64) (i64.atomic.load (i32.const 0)) (i64.atomic.load (i32.const 16)))
)
