;; wasi-threads: the main thread spawns one thread and sleeps on a shared word, which nothing
;; changes; the spawned thread ends the program, by the export it is started with:
;; `wasi_thread_start` traps (unreachable) when start_arg is 0, else calls proc_exit(start_arg).
;; main's own argument count picks start_arg (argc - 1), so one module tests both endings.
(module
  (import "env" "memory" (memory 1 1 shared))
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (data (i32.const 64) "spawned\n")
  (func (export "_start")
    (drop (call $args (i32.const 16) (i32.const 20)))
    ;; iovec at 32: "spawned\n"
    (i32.store (i32.const 32) (i32.const 64))
    (i32.store (i32.const 36) (i32.const 8))
    ;; Written before the spawn: the new thread may end the program at once.
    (drop (call $write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 24)))
    (if (i32.le_s (call $spawn (i32.sub (i32.load (i32.const 16)) (i32.const 1))) (i32.const 0))
      (then (call $exit (i32.const 99))))
    ;; Sleep until the other thread ends the program (10 s at most, then exit 98).
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 10000000000)))
    (call $exit (i32.const 98)))
  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (if (i32.eqz (local.get $arg)) (then unreachable))
    (call $exit (local.get $arg)))
)
