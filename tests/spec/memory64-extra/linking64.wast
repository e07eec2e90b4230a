;; Imports of 64-bit memories and tables: they match only 64-bit definitions (the address type
;; is part of the type), with the usual limits rules; an imported 64-bit memory is shared (its
;; growth and contents are seen by every importer).
(module $M
  (memory (export "m64") i64 1 2)
  (memory (export "m32") 1 2)
  (table (export "t64") i64 2 funcref)
  (table (export "t32") 2 funcref))
(register "M" $M)
(module (import "M" "m64" (memory i64 1)))
(module (import "M" "m64" (memory i64 1 2)))
(module (import "M" "t64" (table i64 2 funcref)))
(module (import "M" "t32" (table 1 funcref)))
(assert_unlinkable (module (import "M" "m64" (memory 1))) "incompatible import type")
(assert_unlinkable (module (import "M" "m32" (memory i64 1))) "incompatible import type")
(assert_unlinkable (module (import "M" "t64" (table 2 funcref))) "incompatible import type")
(assert_unlinkable (module (import "M" "t32" (table i64 2 funcref))) "incompatible import type")
(assert_unlinkable (module (import "M" "m64" (memory i64 1 1))) "incompatible import type")
(assert_unlinkable (module (import "M" "m64" (memory i64 2))) "incompatible import type")
(assert_unlinkable (module (import "M" "t64" (table i64 3 funcref))) "incompatible import type")

(module $A
  (import "M" "m64" (memory i64 1 2))
  (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))
(module $B
  (import "M" "m64" (memory i64 1 2))
  (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
  (func (export "size") (result i64) (memory.size)))
(assert_trap (invoke $A "store" (i64.const 0x1fffc) (i32.const 42)) "out of bounds memory access")
(assert_return (invoke $A "grow" (i64.const 1)) (i64.const 1))
(assert_return (invoke $A "store" (i64.const 0x1fffc) (i32.const 42)))
(assert_return (invoke $B "size") (i64.const 2))
(assert_return (invoke $B "load" (i64.const 0x1fffc)) (i32.const 42))
(assert_return (invoke $A "grow" (i64.const 1)) (i64.const -1))
