;; Invalid: the function promises an i32 result but its body leaves the stack empty.
(module
  (func (export "f") (result i32)
    nop))
