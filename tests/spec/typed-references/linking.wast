;; Globals and tables of typed function references at link time: an immutable global may be
;; imported at a supertype, a mutable global and a table only at their own type, and a
;; function reference of one type never arrives where another is declared.

(module $E
  (type $t1 (func (param i32) (result i32)))
  (type $t2 (func (param i64 i64) (result i32)))
  (func $f1 (type $t1) (i32.add (local.get 0) (i32.const 100)))
  (func $f2 (type $t2) (i32.const 7))
  (global (export "g1") (ref $t1) (ref.func $f1))
  (global (export "g2") (ref $t2) (ref.func $f2))
  (global (export "g1-mut") (mut (ref null $t1)) (ref.func $f1))
  (global (export "any") funcref (ref.func $f2))
  (table (export "tab1") 1 (ref null $t1) (ref.func $f1)))
(register "E" $E)

(module
  (type $t1 (func (param i32) (result i32)))
  (global $g (import "E" "g1") (ref $t1))
  (global $n (import "E" "g1") (ref null $t1))
  (global $f (import "E" "g1") funcref)
  (global $m (import "E" "g1-mut") (mut (ref null $t1)))
  (table $tab (import "E" "tab1") 1 (ref null $t1))
  (func (export "call-g") (result i32) (call_ref $t1 (i32.const 1) (global.get $g)))
  (func (export "call-n") (result i32) (call_ref $t1 (i32.const 2) (global.get $n)))
  (func (export "call-m") (result i32) (call_ref $t1 (i32.const 3) (global.get $m)))
  (func (export "call-tab") (result i32) (call_ref $t1 (i32.const 4) (table.get $tab (i32.const 0)))))

(assert_return (invoke "call-g") (i32.const 101))
(assert_return (invoke "call-n") (i32.const 102))
(assert_return (invoke "call-m") (i32.const 103))
(assert_return (invoke "call-tab") (i32.const 104))

;; A reference of another function type.
(assert_unlinkable
  (module (type $t1 (func (param i32) (result i32))) (global (import "E" "g2") (ref $t1)))
  "incompatible import type")
;; A plain funcref is no (ref $t).
(assert_unlinkable
  (module (type $t1 (func (param i32) (result i32))) (global (import "E" "any") (ref null $t1)))
  "incompatible import type")
;; Mutable globals are invariant.
(assert_unlinkable
  (module (type $t1 (func (param i32) (result i32))) (global (import "E" "g1-mut") (mut funcref)))
  "incompatible import type")
;; Tables are invariant.
(assert_unlinkable
  (module (table (import "E" "tab1") 1 funcref))
  "incompatible import type")
(assert_unlinkable
  (module (type $t2 (func (param i64 i64) (result i32))) (table (import "E" "tab1") 1 (ref null $t2)))
  "incompatible import type")
