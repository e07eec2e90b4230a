;; A WASI program with a 64-bit memory (memory64) that grows to 4.5 GiB and touches it sparsely:
;; bytes copied to and read from above 4 GiB, an i64 stored with an offset past 4 GiB and loaded
;; back through another address, a fill and a loop summing bytes across the 4 GiB boundary, the
;; last byte, a grow past the runtime's 64 GiB limit failing, and a load one past the end
;; trapping. Memory 0 is what WASI reads: the iovec and the output stay below 4 GiB (WASI's
;; pointers are i32).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") i64 1)
  (data (i64.const 96) "hello from above 4 GiB\n")

  ;; Writes `len` bytes at `ptr` to stdout (the iovec at 0, the count written at 8).
  (func $print (param $ptr i64) (param $len i64)
    (i32.store (i64.const 0) (i32.wrap_i64 (local.get $ptr)))
    (i32.store (i64.const 4) (i32.wrap_i64 (local.get $len)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  ;; Prints `v` (unsigned) in decimal and a newline, the digits written backwards below 1057.
  (func $print_num (param $v i64)
    (local $p i64)
    (local.set $p (i64.const 1056))
    (i64.store8 (local.get $p) (i64.const 10))
    (loop $l
      (local.set $p (i64.sub (local.get $p) (i64.const 1)))
      (i64.store8 (local.get $p) (i64.add (i64.const 48) (i64.rem_u (local.get $v) (i64.const 10))))
      (br_if $l (i64.ne (local.tee $v (i64.div_u (local.get $v) (i64.const 10))) (i64.const 0))))
    (call $print (local.get $p) (i64.sub (i64.const 1057) (local.get $p))))

  ;; Sum of the bytes in [from, to).
  (func $sum (param $from i64) (param $to i64) (result i64)
    (local $s i64)
    (loop $l
      (local.set $s (i64.add (local.get $s) (i64.load8_u (local.get $from))))
      (br_if $l (i64.lt_u (local.tee $from (i64.add (local.get $from) (i64.const 1))) (local.get $to))))
    (local.get $s))

  (func $size_bytes (result i64) (i64.mul (memory.size) (i64.const 65536)))

  (func (export "_start")
    (local $far i64)
    (local.set $far (i64.const 0x1_0000_0005))
    ;; 1 page -> 4.5 GiB (73728 pages): the old size, then the new one.
    (call $print_num (memory.grow (i64.const 73727)))
    (call $print_num (memory.size))
    ;; Up past 4 GiB and back down to a fresh place, then printed from there.
    (memory.copy (local.get $far) (i64.const 96) (i64.const 23))
    (memory.fill (i64.const 96) (i32.const 0) (i64.const 23))
    (memory.copy (i64.const 2048) (local.get $far) (i64.const 23))
    (call $print (i64.const 2048) (i64.const 23))
    ;; The last byte of the memory.
    (i32.store8 (i64.sub (call $size_bytes) (i64.const 1)) (i32.const 42))
    (call $print_num (i64.load8_u offset=0x1_1fff_ffff (i64.const 0)))
    ;; 200 bytes of 3 straddling 4 GiB, summed by a loop.
    (memory.fill (i64.const 0xffff_ff9c) (i32.const 3) (i64.const 200))
    (call $print_num (call $sum (i64.const 0xffff_ff00) (i64.const 0x1_0000_0100)))
    ;; An i64 stored at 8 + offset 4 GiB, loaded back at 4 GiB + 8.
    (i64.store offset=0x1_0000_0000 (i64.const 8) (i64.const 0x1122334455667788))
    (call $print_num (i64.load (i64.const 0x1_0000_0008)))
    ;; Past the runtime's 64 GiB limit: -1.
    (call $print_num (memory.grow (i64.const 0x10_0000)))
    ;; One past the end: traps.
    (drop (i32.load8_u (call $size_bytes)))
    (call $print_num (i64.const 999))))
