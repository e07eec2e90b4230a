;; Invalid: a v128 where i32.add needs an i32.
(module
  (func (export "f") (param v128) (result i32)
    (i32.add (local.get 0) (i32.const 1))))
