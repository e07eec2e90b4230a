;; 10^8 tail calls between functions of different signatures (stack arguments included):
;; even(n) -> odd(n-1, a..h) -> even(n-2) ..., through return_call, return_call_indirect and
;; return_call_ref. Prints the count reached with fd_write.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (type $many (func (param i64 i64 i64 i64 i64 i64 i64 i64 i64 f64) (result i64)))
  (type $one (func (param i64) (result i64)))
  (table 1 funcref)
  (elem (i32.const 0) $odd)
  (elem declare func $even)
  (func $even (type $one) (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 0))
      (else
        (return_call_indirect (type $many)
          (i64.sub (local.get $n) (i64.const 1))
          (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)
          (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8) (f64.const 0.5)
          (i32.const 0)))))
  (func $odd (type $many) (param $n i64) (param i64 i64 i64 i64 i64 i64 i64 i64 f64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else
        (if (result i64) (i64.eqz (i64.rem_u (local.get $n) (i64.const 3)))
          (then (return_call_ref $one (i64.sub (local.get $n) (i64.const 1)) (ref.func $even)))
          (else (return_call $even (i64.sub (local.get $n) (i64.const 1))))))))
  (func $itoa (param $v i64) (param $end i32) (result i32)
    ;; writes the decimal digits of $v ending before $end, returns the start
    (loop $l
      (local.set $end (i32.sub (local.get $end) (i32.const 1)))
      (i64.store8 (local.get $end) (i64.add (i64.const 48) (i64.rem_u (local.get $v) (i64.const 10))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $l (i64.ne (local.get $v) (i64.const 0))))
    (local.get $end))
  (func (export "_start") (local $start i32)
    (i32.store8 (i32.const 100) (i32.const 10))
    (local.set $start (call $itoa (i64.add (call $even (i64.const 100000000)) (i64.const 100000000)) (i32.const 100)))
    (i32.store (i32.const 0) (local.get $start))
    (i32.store (i32.const 4) (i32.sub (i32.const 101) (local.get $start)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
