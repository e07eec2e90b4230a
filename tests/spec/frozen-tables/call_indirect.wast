;; call_indirect and return_call_indirect on frozen tables (compiler/src/codegen/frozen_tables.rs:
;; defined, not exported, filled only by active segments of constants, never changed), which
;; wasmkiln compiles against constant entries. The traps and their order are the spec's:
;; undefined element at and above the table's size, uninitialized element for a null slot
;; (between the functions or above the last one), indirect call type mismatch otherwise.

(module
  (type $ii (func (param i32) (result i32)))
  (type $ii2 (func (param i32) (result i32)))
  (type $v (func))
  (type $l (func (param i64) (result i64)))
  (type $none (func (param f32)))
  (table $t 10 funcref)
  (table $other 3 funcref)
  (elem (table $t) (i32.const 0) func $inc $dbl)
  (elem (table $t) (i32.const 3) func $nop $neg)
  ;; Later segments overwrite earlier ones: slot 1 becomes $sq, slot 2 stays null.
  (elem (table $t) (i32.const 1) funcref (ref.func $sq) (ref.null func))
  (elem (table $t) (i32.const 6) func $inc)
  (elem (table $other) (i32.const 0) func $neg $dbl $dbl)
  ;; Table $t: 0 $inc, 1 $sq, 2 null, 3 $nop, 4 $neg, 5 null, 6 $inc, 7 to 9 null.
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  ;; Of the other, structurally equal, type.
  (func $sq (type $ii2) (i32.mul (local.get 0) (local.get 0)))
  (func $nop (type $v))
  ;; The only function of its type in each table: called directly.
  (func $neg (type $l) (i64.sub (i64.const 0) (local.get 0)))

  (func (export "ii") (param $i i32) (param $x i32) (result i32)
    (call_indirect $t (type $ii) (local.get $x) (local.get $i)))
  (func (export "ii2") (param $i i32) (param $x i32) (result i32)
    (call_indirect $t (type $ii2) (local.get $x) (local.get $i)))
  (func (export "v") (param $i i32)
    (call_indirect $t (type $v) (local.get $i)))
  (func (export "l") (param $i i32) (param $x i64) (result i64)
    (call_indirect $t (type $l) (local.get $x) (local.get $i)))
  (func (export "none") (param $i i32)
    (call_indirect $t (type $none) (f32.const 1) (local.get $i)))
  (func (export "tail-ii") (param $i i32) (param $x i32) (result i32)
    (return_call_indirect $t (type $ii) (local.get $x) (local.get $i)))
  (func (export "tail-l") (param $i i32) (param $x i64) (result i64)
    (return_call_indirect $t (type $l) (local.get $x) (local.get $i)))
  (func (export "other-ii") (param $i i32) (param $x i32) (result i32)
    (call_indirect $other (type $ii) (local.get $x) (local.get $i)))
  (func (export "other-l") (param $i i32) (param $x i64) (result i64)
    (call_indirect $other (type $l) (local.get $x) (local.get $i)))
  (func (export "size") (result i32) (table.size $t))
  (func (export "is-null") (param $i i32) (result i32) (ref.is_null (table.get $t (local.get $i))))
)

(assert_return (invoke "ii" (i32.const 0) (i32.const 5)) (i32.const 6))
(assert_return (invoke "ii" (i32.const 1) (i32.const 5)) (i32.const 25))
(assert_trap (invoke "ii" (i32.const 2) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "ii" (i32.const 3) (i32.const 5)) "indirect call type mismatch")
(assert_trap (invoke "ii" (i32.const 4) (i32.const 5)) "indirect call type mismatch")
(assert_trap (invoke "ii" (i32.const 5) (i32.const 5)) "uninitialized element")
(assert_return (invoke "ii" (i32.const 6) (i32.const 5)) (i32.const 6))
(assert_trap (invoke "ii" (i32.const 7) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "ii" (i32.const 9) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "ii" (i32.const 10) (i32.const 5)) "undefined element")
(assert_trap (invoke "ii" (i32.const 0x7fffffff) (i32.const 5)) "undefined element")
(assert_trap (invoke "ii" (i32.const -1) (i32.const 5)) "undefined element")

(assert_return (invoke "ii2" (i32.const 0) (i32.const 7)) (i32.const 8))
(assert_return (invoke "ii2" (i32.const 1) (i32.const 7)) (i32.const 49))
(assert_trap (invoke "ii2" (i32.const 3) (i32.const 7)) "indirect call type mismatch")

(assert_return (invoke "v" (i32.const 3)))
(assert_trap (invoke "v" (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "v" (i32.const 2)) "uninitialized element")
(assert_trap (invoke "v" (i32.const 8)) "uninitialized element")
(assert_trap (invoke "v" (i32.const 10)) "undefined element")

(assert_return (invoke "l" (i32.const 4) (i64.const 7)) (i64.const -7))
(assert_trap (invoke "l" (i32.const 0) (i64.const 7)) "indirect call type mismatch")
(assert_trap (invoke "l" (i32.const 3) (i64.const 7)) "indirect call type mismatch")
(assert_trap (invoke "l" (i32.const 2) (i64.const 7)) "uninitialized element")
(assert_trap (invoke "l" (i32.const 5) (i64.const 7)) "uninitialized element")
(assert_trap (invoke "l" (i32.const 9) (i64.const 7)) "uninitialized element")
(assert_trap (invoke "l" (i32.const 10) (i64.const 7)) "undefined element")

(assert_trap (invoke "none" (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "none" (i32.const 2)) "uninitialized element")
(assert_trap (invoke "none" (i32.const 7)) "uninitialized element")
(assert_trap (invoke "none" (i32.const 10)) "undefined element")

(assert_return (invoke "tail-ii" (i32.const 1) (i32.const 3)) (i32.const 9))
(assert_trap (invoke "tail-ii" (i32.const 2) (i32.const 3)) "uninitialized element")
(assert_trap (invoke "tail-ii" (i32.const 4) (i32.const 3)) "indirect call type mismatch")
(assert_trap (invoke "tail-ii" (i32.const 9) (i32.const 3)) "uninitialized element")
(assert_trap (invoke "tail-ii" (i32.const 10) (i32.const 3)) "undefined element")
(assert_return (invoke "tail-l" (i32.const 4) (i64.const -2)) (i64.const 2))
(assert_trap (invoke "tail-l" (i32.const 6) (i64.const 1)) "indirect call type mismatch")
(assert_trap (invoke "tail-l" (i32.const 5) (i64.const 1)) "uninitialized element")

;; Table $other is full: no null slot, entries up to its size.
(assert_return (invoke "other-ii" (i32.const 1) (i32.const 4)) (i32.const 8))
(assert_return (invoke "other-ii" (i32.const 2) (i32.const 5)) (i32.const 10))
(assert_trap (invoke "other-ii" (i32.const 0) (i32.const 4)) "indirect call type mismatch")
(assert_trap (invoke "other-ii" (i32.const 3) (i32.const 4)) "undefined element")
(assert_return (invoke "other-l" (i32.const 0) (i64.const 3)) (i64.const -3))
(assert_trap (invoke "other-l" (i32.const 1) (i64.const 3)) "indirect call type mismatch")
(assert_trap (invoke "other-l" (i32.const 3) (i64.const 3)) "undefined element")

;; The table itself is still there for the instructions that read it.
(assert_return (invoke "size") (i32.const 10))
(assert_return (invoke "is-null" (i32.const 1)) (i32.const 0))
(assert_return (invoke "is-null" (i32.const 2)) (i32.const 1))
(assert_return (invoke "is-null" (i32.const 8)) (i32.const 1))

;; A table that code changes, or that is exported, keeps the general path: the same results, and
;; another module changes the exported one.
(module $M
  (type $ii (func (param i32) (result i32)))
  (table $set 4 funcref)
  (table $exported (export "t") 4 funcref)
  (elem (table $set) (i32.const 0) func $inc $dbl)
  (elem (table $exported) (i32.const 0) func $inc $dbl)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "swap") (table.set $set (i32.const 0) (table.get $set (i32.const 1))))
  (func (export "set") (param $i i32) (param $x i32) (result i32)
    (call_indirect $set (type $ii) (local.get $x) (local.get $i)))
  (func (export "exported") (param $i i32) (param $x i32) (result i32)
    (call_indirect $exported (type $ii) (local.get $x) (local.get $i)))
)

(assert_return (invoke "set" (i32.const 0) (i32.const 5)) (i32.const 6))
(invoke "swap")
(assert_return (invoke "set" (i32.const 0) (i32.const 5)) (i32.const 10))
(assert_trap (invoke "set" (i32.const 2) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "set" (i32.const 4) (i32.const 5)) "undefined element")
(assert_return (invoke "exported" (i32.const 1) (i32.const 5)) (i32.const 10))
(assert_trap (invoke "exported" (i32.const 2) (i32.const 5)) "uninitialized element")
(register "m" $M)
(module
  (type $ii (func (param i32) (result i32)))
  (import "m" "t" (table 4 funcref))
  (func $triple (type $ii) (i32.mul (local.get 0) (i32.const 3)))
  (elem declare func $triple)
  (func (export "patch") (table.set (i32.const 1) (ref.func $triple))))
(invoke "patch")
(assert_return (invoke $M "exported" (i32.const 1) (i32.const 5)) (i32.const 15))

;; A segment out of bounds fails instantiation (the table is not frozen; nothing runs).
(assert_trap
  (module
    (table 2 funcref)
    (func $f)
    (elem (i32.const 1) func $f $f)
    (func (export "call") (param i32) (call_indirect (local.get 0))))
  "out of bounds table access")
