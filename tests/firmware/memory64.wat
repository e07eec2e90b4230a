;; A module a firmware instance cannot hold: its memory is 64-bit (memory64).
(module
  (memory i64 1)
  (func (export "first") (result i32) (i32.load (i64.const 0))))
