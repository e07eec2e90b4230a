;; memory.atomic.wait32/64 and memory.atomic.notify on one thread (wasmkiln's own script; the
;; threads proposal's atomic.wast only checks the "not-equal" result): timeouts, traps in the
;; spec's order (alignment, bounds, then an unshared memory), offsets, and a second memory.

(module
  (memory 1 1 shared)
  (memory $m1 1 2 shared)
  (memory $plain 1)
  (func (export "wait32") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait64") (param i32 i64 i64) (result i32)
    (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait32_offset") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 offset=65532 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32)
    (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "notify_offset") (param i32 i32) (result i32)
    (memory.atomic.notify offset=65532 (local.get 0) (local.get 1)))
  (func (export "wait32_m1") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 $m1 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "store_m1") (param i32 i32)
    (i32.atomic.store $m1 (local.get 0) (local.get 1)))
  (func (export "grow_m1") (result i32) (memory.grow $m1 (i32.const 1)))
  (func (export "wait32_plain") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 $plain (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify_plain") (param i32 i32) (result i32)
    (memory.atomic.notify $plain (local.get 0) (local.get 1)))
  (func (export "rmw_plain") (param i32 i32) (result i32)
    (i32.atomic.rmw.add $plain (local.get 0) (local.get 1)))
  (func (export "cmpxchg16") (param i32 i32 i32) (result i32)
    (i32.atomic.rmw16.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "load16") (param i32) (result i32) (i32.atomic.load16_u (local.get 0)))
  (func (export "load64_offset") (param i32) (result i64) (i64.atomic.load offset=8 (local.get 0)))
)

;; Timeouts: 0 and 1 ms return "timed-out" (2); a different value "not-equal" (1).
(assert_return (invoke "wait32" (i32.const 0) (i32.const 0) (i64.const 0)) (i32.const 2))
(assert_return (invoke "wait32" (i32.const 0) (i32.const 0) (i64.const 1000000)) (i32.const 2))
(assert_return (invoke "wait32" (i32.const 0) (i32.const 1) (i64.const -1)) (i32.const 1))
(assert_return (invoke "wait64" (i32.const 8) (i64.const 0) (i64.const 1000)) (i32.const 2))
(assert_return (invoke "wait64" (i32.const 8) (i64.const 0x100000000) (i64.const -1)) (i32.const 1))
(assert_return (invoke "wait32_offset" (i32.const 0) (i32.const 0) (i64.const 0)) (i32.const 2))
;; Nobody waits: notify wakes 0.
(assert_return (invoke "notify" (i32.const 0) (i32.const 1)) (i32.const 0))
(assert_return (invoke "notify" (i32.const 65532) (i32.const -1)) (i32.const 0))
(assert_return (invoke "notify_offset" (i32.const 0) (i32.const 1)) (i32.const 0))

;; Alignment first, then bounds.
(assert_trap (invoke "wait32" (i32.const 2) (i32.const 0) (i64.const 0)) "unaligned atomic")
(assert_trap (invoke "wait64" (i32.const 4) (i64.const 0) (i64.const 0)) "unaligned atomic")
(assert_trap (invoke "notify" (i32.const 1) (i32.const 0)) "unaligned atomic")
(assert_trap (invoke "wait32" (i32.const 65533) (i32.const 0) (i64.const 0)) "unaligned atomic")
(assert_trap (invoke "wait32" (i32.const 65536) (i32.const 0) (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "wait64" (i32.const 65536) (i64.const 0) (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "notify" (i32.const 65536) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "notify_offset" (i32.const 4) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "wait32_offset" (i32.const 0xfffffffc) (i32.const 0) (i64.const 0)) "out of bounds memory access")

;; A second shared memory, grown while in use; its own values.
(invoke "store_m1" (i32.const 0) (i32.const 7))
(assert_return (invoke "wait32_m1" (i32.const 0) (i32.const 0) (i64.const 0)) (i32.const 1))
(assert_return (invoke "wait32_m1" (i32.const 0) (i32.const 7) (i64.const 0)) (i32.const 2))
(assert_trap (invoke "wait32_m1" (i32.const 65536) (i32.const 0) (i64.const 0)) "out of bounds memory access")
(assert_return (invoke "grow_m1") (i32.const 1))
(assert_return (invoke "wait32_m1" (i32.const 65536) (i32.const 0) (i64.const 0)) (i32.const 2))

;; An unshared memory: wait traps (after the bounds check), notify and RMWs work.
(assert_trap (invoke "wait32_plain" (i32.const 0) (i32.const 0) (i64.const 0)) "expected shared memory")
(assert_trap (invoke "wait32_plain" (i32.const 65536) (i32.const 0) (i64.const 0)) "out of bounds memory access")
(assert_return (invoke "notify_plain" (i32.const 0) (i32.const 5)) (i32.const 0))
(assert_return (invoke "rmw_plain" (i32.const 0) (i32.const 5)) (i32.const 0))
(assert_return (invoke "rmw_plain" (i32.const 0) (i32.const 5)) (i32.const 5))

;; Narrow compare-exchange wraps the expected value to the access width.
(assert_return (invoke "cmpxchg16" (i32.const 16) (i32.const 0x10000) (i32.const 0x1234)) (i32.const 0))
(assert_return (invoke "load16" (i32.const 16)) (i32.const 0x1234))
(assert_return (invoke "cmpxchg16" (i32.const 16) (i32.const 0x1234) (i32.const 0xabcd)) (i32.const 0x1234))
(assert_return (invoke "load16" (i32.const 16)) (i32.const 0xabcd))
(assert_trap (invoke "load64_offset" (i32.const 4)) "unaligned atomic")
(assert_trap (invoke "load64_offset" (i32.const 65528)) "out of bounds memory access")

;; Shared memories need a maximum; atomics need a memory.
(assert_invalid (module (memory 1 shared)) "shared memory must have maximum")
(assert_invalid (module (func (drop (i32.atomic.load (i32.const 0))))) "unknown memory")
(assert_invalid (module (memory 1) (func (drop (i32.atomic.load 1 (i32.const 0))))) "unknown memory")
