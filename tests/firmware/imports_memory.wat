;; A module a firmware instance cannot give what it needs: it imports its memory.
(module
  (import "env" "mem" (memory 1))
  (func (export "first") (result i32) (i32.load (i32.const 0))))
