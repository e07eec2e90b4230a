;; Invalid: i32.add is given an i64 operand.
(module
  (func (export "f") (result i32)
    i32.const 1
    i64.const 2
    i32.add))
