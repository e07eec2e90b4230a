;; Invalid: v128.load with alignment 32, more than its natural alignment of 16.
(module
  (memory 1)
  (func (export "f") (result v128)
    (v128.load align=32 (i32.const 0))))
