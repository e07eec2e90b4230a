;; A memory import nothing provides: no stand-in can trap for it, so it stays an error even with
;; --trap-unknown-imports.
(module
  (import "env" "memory" (memory 1))
  (import "bench" "start" (func))
  (func (export "_start")))
