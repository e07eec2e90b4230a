;; A WASI function imported with the wrong type: the runtime defines fd_write with four parameters.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
