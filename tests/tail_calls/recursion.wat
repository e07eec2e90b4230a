;; Ordinary (non-tail) recursion without end: must trap with "call stack exhausted", also in a
;; module that has tail calls, and also where the recursive call is in tail position of a
;; `call` (LLVM must not turn it into a jump).
(module
  (func $down (param $n i64) (result i64)
    (call $down (i64.add (local.get $n) (i64.const 1))))
  (func $bounce (param i64) (result i64)
    (return_call $down (local.get 0)))
  (func (export "_start")
    (drop (call $bounce (i64.const 0)))))
