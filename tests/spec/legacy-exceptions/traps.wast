;; Legacy exception handling and traps: a trap is not an exception. No catch or catch_all
;; catches it, delegate does not turn it into one, and it ends the call as a trap.

(module
  (tag $e (param i32))
  (memory 1)
  (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $trap-deep (param i32)
    local.get 0
    i32.eqz
    if
      unreachable
    end
    local.get 0
    i32.const 1
    i32.sub
    call $trap-deep)

  (func (export "unreachable-in-try") (result i32)
    try (result i32)
      unreachable
    catch $e
    catch_all
      i32.const 1
    end)
  (func (export "div-in-try") (param i32 i32) (result i32)
    try (result i32)
      local.get 0
      local.get 1
      call $div
    catch_all
      i32.const -1
    end)
  (func (export "overflow-in-try") (result i32)
    try (result i32)
      i32.const 0x80000000
      i32.const -1
      call $div
    catch_all
      i32.const -1
    end)
  (func (export "oob-in-try") (result i32)
    try (result i32)
      i32.const 65536
      i32.load
    catch_all
      i32.const -1
    end)
  (func (export "deep-trap-in-try") (result i32)
    try (result i32)
      i32.const 50
      call $trap-deep
      i32.const 0
    catch_all
      i32.const -1
    end)
  ;; A trap in a catch body, under an enclosing catch_all.
  (func (export "trap-in-catch") (result i32)
    try (result i32)
      try (result i32)
        i32.const 1
        throw $e
      catch $e
        i32.const 0
        i32.div_u
      end
    catch_all
      i32.const -1
    end)
  (func (export "trap-in-catch-all") (result i32)
    try (result i32)
      try (result i32)
        i32.const 1
        throw $e
      catch_all
        unreachable
      end
    catch_all
      i32.const -1
    end)
  (func (export "trap-in-delegate") (result i32)
    try (result i32)
      try (result i32)
        unreachable
      delegate 0
    catch_all
      i32.const -1
    end)
  ;; A trap while a caught exception is being handled elsewhere on the stack.
  (func $trap-while-handling
    try
      i32.const 3
      throw $e
    catch $e
      drop
      i32.const 1
      i32.const 0
      call $div
      drop
    end)
  (func (export "trap-while-handling") (result i32)
    try (result i32)
      call $trap-while-handling
      i32.const 0
    catch_all
      i32.const -1
    end)
  ;; After the traps, exceptions still work in the same instance.
  (func (export "still-works") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $e
    catch $e
    end)
)

(assert_trap (invoke "unreachable-in-try") "unreachable")
(assert_return (invoke "div-in-try" (i32.const 7) (i32.const 2)) (i32.const 3))
(assert_trap (invoke "div-in-try" (i32.const 7) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "overflow-in-try") "integer overflow")
(assert_trap (invoke "oob-in-try") "out of bounds memory access")
(assert_trap (invoke "deep-trap-in-try") "unreachable")
(assert_trap (invoke "trap-in-catch") "integer divide by zero")
(assert_trap (invoke "trap-in-catch-all") "unreachable")
(assert_trap (invoke "trap-in-delegate") "unreachable")
(assert_trap (invoke "trap-while-handling") "integer divide by zero")
(assert_return (invoke "still-works" (i32.const 12)) (i32.const 12))

;; Stack exhaustion inside a try is not caught either.
(module
  (func $f (param i32) (result i32)
    (i32.add (call $f (local.get 0)) (i32.const 1)))
  (func (export "exhaust") (result i32)
    try (result i32)
      i32.const 0
      call $f
    catch_all
      i32.const -1
    end))
(assert_exhaustion (invoke "exhaust") "call stack exhausted")
