;; Imports two marker functions no host module provides (the shape of a benchmark suite's
;; `bench.start`/`bench.end`) beside WASI. Prints "before\n"; calls `bench.start` only when
;; given an argument (argc > 1), so a build with --trap-unknown-imports runs cleanly without one.
(module
  (import "bench" "start" (func $start))
  (import "bench" "end" (func $end (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "before\n")
  (func (export "_start")
    ;; iovec at 0: {16, 7}
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 7))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (drop (call $args_sizes_get (i32.const 32) (i32.const 36)))
    (if (i32.gt_u (i32.load (i32.const 32)) (i32.const 1))
      (then (call $start) (call $end (i32.const 1))))))
