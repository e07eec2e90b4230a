;; opt: 2
;; emit: asm
;; target: aarch64-unknown-linux-gnu
;; cpu: portable
;; Threads: a 32-bit atomic add and a compare-exchange on aarch64 (baseline, no LSE) are
;; acquire/release exclusive loops (`ldaxr`/`stlxr`), after one alignment test each (`tst`, a
;; branch to the trap block: `unaligned atomic`); the atomic store is `stlr`, the load `ldar`.
;; No bounds check: guard pages catch an aligned access whole.
(module
  (memory 1 1 shared)
  (func (export "add") (param $p i32) (param $v i32) (result i32)
    (i32.atomic.rmw.add (local.get $p) (local.get $v)))
  (func (export "cas") (param $p i32) (param $e i32) (param $r i32) (result i32)
    (i32.atomic.rmw.cmpxchg (local.get $p) (local.get $e) (local.get $r)))
  (func (export "publish") (param $p i32) (param $v i32) (result i32)
    (i32.atomic.store offset=4 (local.get $p) (local.get $v))
    (i32.atomic.load (local.get $p))))

;; ---- expected IR ----
;; wasm_f0:
;;  str x30, [sp, #-16]!
;;  tst w1, #0x3
;;  b.ne .LBB0_4
;;  ldr x8, [x0]
;;  add x8, x8, w1, uxtw
;; .LBB0_2:
;;  ldaxr w0, [x8]
;;  add w9, w0, w2
;;  stlxr w10, w9, [x8]
;;  cbnz w10, .LBB0_2
;;  ldr x30, [sp], #16
;;  ret
;; .LBB0_4:
;;  mov w1, #13
;;  bl wasmkiln_trap
;;
;; wasm_f1:
;;  str x30, [sp, #-16]!
;;  tst w1, #0x3
;;  b.ne .LBB1_6
;;  ldr x8, [x0]
;;  add x8, x8, w1, uxtw
;; .LBB1_2:
;;  ldaxr w0, [x8]
;;  cmp w0, w2
;;  b.ne .LBB1_5
;;  stlxr w9, w3, [x8]
;;  cbnz w9, .LBB1_2
;;  ldr x30, [sp], #16
;;  ret
;; .LBB1_5:
;;  clrex
;;  ldr x30, [sp], #16
;;  ret
;; .LBB1_6:
;;  mov w1, #13
;;  bl wasmkiln_trap
;;
;; wasm_f2:
;;  tst w1, #0x3
;;  b.ne .LBB2_2
;;  ldr x8, [x0]
;;  add x8, x8, w1, uxtw
;;  add x9, x8, #4
;;  stlr w2, [x9]
;;  ldar w0, [x8]
;;  ret
;; .LBB2_2:
;;  str x30, [sp, #-16]!
;;  mov w1, #13
;;  bl wasmkiln_trap
