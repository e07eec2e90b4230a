;; An atomic access needs a memory.
(module (func (result i32) (i32.atomic.load (i32.const 0))))
