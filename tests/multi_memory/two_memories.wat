;; A WASI program with three memories: memory 0 (exported as "memory", what WASI reads) holds
;; the output; memory 1 holds a text and a table of words; memory 2 starts empty and grows.
;; It copies between memories (memory.copy with two memory indices), sums words of memory 1 in a
;; loop, fills and grows memory 2, and checks an out-of-bounds access of memory 2 traps while
;; memory 0 would allow the same address.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory $out (export "memory") 1)
  (memory $src 1)
  (memory $grow 0 4)
  (data (memory $src) (i32.const 64) "copied from memory 1\n")
  (data (memory $src) (i32.const 256) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00")

  ;; Writes `len` bytes of memory 0 at `ptr` to stdout.
  (func $print (param $ptr i32) (param $len i32)
    (i32.store $out (i32.const 0) (local.get $ptr))
    (i32.store $out (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  ;; Writes `v` (0 <= v < 1000) as three digits and a newline at memory 0's 512 and prints it.
  (func $print_num (param $v i32)
    (i32.store8 $out (i32.const 512) (i32.add (i32.const 48) (i32.div_u (local.get $v) (i32.const 100))))
    (i32.store8 $out (i32.const 513) (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $v) (i32.const 10)) (i32.const 10))))
    (i32.store8 $out (i32.const 514) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
    (i32.store8 $out (i32.const 515) (i32.const 10))
    (call $print (i32.const 512) (i32.const 4)))

  ;; Sum of the five words at memory 1's 256, times `scale` from memory 2.
  (func $sum (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.mul (i32.load $src offset=256 (i32.shl (local.get $i) (i32.const 2)))
                 (i32.load8_u $grow (i32.const 100)))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 5))))
    (local.get $s))

  (func $oob (i32.store $grow (i32.const 131072) (i32.const 1)))

  (func (export "_start")
    ;; memory 1 -> memory 0, then print it from memory 0.
    (memory.copy $out $src (i32.const 128) (i32.const 64) (i32.const 21))
    (call $print (i32.const 128) (i32.const 21))
    ;; memory 2 is empty: grow it by 2 pages (old size 0), fill, read back.
    (call $print_num (memory.grow $grow (i32.const 2)))
    (call $print_num (memory.size $grow))
    (memory.fill $grow (i32.const 0) (i32.const 3) (i32.const 200))
    (call $print_num (call $sum))
    ;; memory sizes are separate: memory 0 is still 1 page.
    (call $print_num (memory.size $out))
    ;; growing past memory 2's maximum fails.
    (call $print_num (i32.add (memory.grow $grow (i32.const 3)) (i32.const 2)))
    ;; 128 KiB is in bounds for memory 2 (2 pages) only at its end: this traps.
    (call $oob)))
