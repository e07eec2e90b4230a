;; An atomic access's alignment must be exactly its size.
(module (memory 1 1 shared) (func (result i32) (i32.atomic.load align=2 (i32.const 0))))
