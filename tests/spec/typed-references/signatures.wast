;; Signatures that differ only in their typed function references are different types: a
;; `call_indirect` between them traps, so a function never receives a reference of another
;; type than it declares (it would then `call_ref` it with the wrong signature).

(module
  (type $t1 (func (param i32) (result i32)))
  (type $t2 (func (param i64 i64) (result i32)))
  (type $a (func (param (ref $t1)) (result i32)))
  (type $b (func (param (ref $t2)) (result i32)))
  (type $c (func (param (ref null $t1)) (result i32)))
  (type $d (func (param funcref) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $f)
  (elem declare func $g $h)
  (func $f (type $a) (call_ref $t1 (i32.const 5) (local.get 0)))
  (func $g (type $t2) (i32.const 7))
  (func $h (type $t1) (i32.add (local.get 0) (i32.const 1)))
  (func (export "same") (result i32)
    (call_indirect (type $a) (ref.func $h) (i32.const 0)))
  (func (export "other-type") (result i32)
    (call_indirect (type $b) (ref.func $g) (i32.const 0)))
  (func (export "nullable") (result i32)
    (call_indirect (type $c) (ref.func $h) (i32.const 0)))
  (func (export "funcref") (result i32)
    (call_indirect (type $d) (ref.func $h) (i32.const 0))))

(assert_return (invoke "same") (i32.const 6))
(assert_trap (invoke "other-type") "indirect call type mismatch")
(assert_trap (invoke "nullable") "indirect call type mismatch")
(assert_trap (invoke "funcref") "indirect call type mismatch")

;; Results too.
(module
  (type $t1 (func (result i32)))
  (type $t2 (func (result f64)))
  (type $get1 (func (result (ref $t1))))
  (type $get2 (func (result (ref $t2))))
  (table 1 funcref)
  (elem (i32.const 0) $getter)
  (elem declare func $one)
  (func $one (type $t1) (i32.const 1))
  (func $getter (type $get1) (ref.func $one))
  (func (export "right") (result i32)
    (call_ref $t1 (call_indirect (type $get1) (i32.const 0))))
  (func (export "wrong") (result f64)
    (call_ref $t2 (call_indirect (type $get2) (i32.const 0)))))

(assert_return (invoke "right") (i32.const 1))
(assert_trap (invoke "wrong") "indirect call type mismatch")

;; A type that refers to itself is the same type in two modules (iso-recursive equivalence of
;; one-type groups), and a different one from a type that refers to another.
(module $M
  (type $s (func (param (ref null $s)) (result i32)))
  (table (export "tab") 2 funcref)
  (elem (i32.const 0) $f)
  (func $f (type $s) (i32.const 42)))
(register "M" $M)

(module
  (type $s (func (param (ref null $s)) (result i32)))
  (type $u (func (param i32) (result i32)))
  (type $v (func (param (ref null $u)) (result i32)))
  (table (import "M" "tab") 2 funcref)
  (func (export "self") (result i32)
    (call_indirect (type $s) (ref.null $s) (i32.const 0)))
  (func (export "not-self") (result i32)
    (call_indirect (type $v) (ref.null $u) (i32.const 0))))

(assert_return (invoke "self") (i32.const 42))
(assert_trap (invoke "not-self") "indirect call type mismatch")
