;; Legacy exception handling: try/catch/catch_all, written for wasmkiln (not the official
;; legacy scripts). Checked against V8 (Node.js 20): see README.md.

(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i32 i64))
  (tag $e3 (param i32))  ;; same type as $e1, a different tag

  (func $throw-e1 (param i32) (local.get 0) (throw $e1))

  ;; No exception: the try body's result.
  (func (export "no-throw") (result i32)
    try (result i32)
      i32.const 1
    catch $e0
      i32.const 2
    catch_all
      i32.const 3
    end)

  (func (export "empty-try")
    try
    catch $e0
    catch_all
    end)

  (func (export "catch-e0") (result i32)
    try (result i32)
      throw $e0
    catch $e0
      i32.const 10
    end)

  ;; The payload is the catch body's operand.
  (func (export "catch-e1") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $e1
    catch $e1
      i32.const 1
      i32.add
    end)

  (func (export "catch-e2") (param i32 i64) (result i64)
    try (result i64)
      local.get 0
      local.get 1
      throw $e2
    catch $e2
      ;; (i32, i64) on the stack: i64 - extend(i32)
      local.set 1
      i64.extend_i32_s
      local.get 1
      i64.sub
    end)

  ;; Multiple catch clauses: the first whose tag matches runs, the others do not.
  (func (export "dispatch") (param i32) (result i32)
    try (result i32)
      block
        block
          block
            local.get 0
            br_table 0 1 2 2
          end
          throw $e0
        end
        i32.const 11
        throw $e1
      end
      i32.const 33
      throw $e3
    catch $e0
      i32.const 100
    catch $e1
      i32.const 200
      i32.add
    catch $e3
      i32.const 300
      i32.add
    catch_all
      i32.const 400
    end)

  ;; catch_all catches what no catch clause names.
  (func (export "catch-all-only") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $e1
    catch_all
      i32.const 7
    end)

  (func (export "catch-other-then-all") (result i32)
    try (result i32)
      i32.const 5
      throw $e3
    catch $e1
      drop
      i32.const 1
    catch_all
      i32.const 2
    end)

  ;; Two clauses for the same tag: the first wins.
  (func (export "catch-order") (result i32)
    try (result i32)
      i32.const 5
      throw $e1
    catch $e1
      i32.const 1000
      i32.add
    catch $e1
      i32.const 2000
      i32.add
    end)

  ;; An exception a try does not catch goes to the enclosing one.
  (func (export "nested-outer") (result i32)
    try (result i32)
      try (result i32)
        i32.const 8
        throw $e1
      catch $e0
        i32.const 1
      end
    catch $e1
      i32.const 20
      i32.add
    end)

  (func (export "nested-inner") (result i32)
    try (result i32)
      try (result i32)
        i32.const 8
        throw $e1
      catch $e1
        i32.const 30
        i32.add
      end
    catch $e1
      i32.const 20
      i32.add
    end)

  ;; The inner catch throws again: the outer catches the new exception.
  (func (export "throw-from-catch") (result i32)
    try (result i32)
      try (result i32)
        throw $e0
      catch $e0
        i32.const 77
        throw $e3
      end
    catch $e3
      i32.const 1
      i32.add
    catch_all
      i32.const -1
    end)

  ;; A try inside a catch body, catching its own exception; the outer one is still caught.
  (func (export "try-in-catch") (result i32)
    (local i32)
    try (result i32)
      i32.const 1
      throw $e1
    catch $e1
      local.set 0
      try (result i32)
        i32.const 10
        throw $e3
      catch $e3
        local.get 0
        i32.add
      end
      i32.const 100
      i32.add
    end)

  ;; A throw in a catch body is not caught by that try's own clauses.
  (func (export "catch-body-not-guarded") (result i32)
    try (result i32)
      try (result i32)
        throw $e0
      catch $e0
        throw $e0
      catch_all
        i32.const 1
      end
    catch $e0
      i32.const 2
    end)

  ;; Several frames deep.
  (func $deep (param i32)
    local.get 0
    i32.eqz
    if
      i32.const 42
      throw $e1
    end
    local.get 0
    i32.const 1
    i32.sub
    call $deep)
  (func (export "catch-deep") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $deep
      i32.const 0
    catch $e1
    end)

  ;; Through call_indirect.
  (type $t (func (param i32)))
  (table funcref (elem $throw-e1 $deep))
  (func (export "catch-indirect") (param i32 i32) (result i32)
    try (result i32)
      local.get 1
      local.get 0
      call_indirect (type $t)
      i32.const -1
    catch $e1
      i32.const 1000
      i32.add
    end)

  ;; A try with block parameters.
  (func (export "try-params") (param i32) (result i32)
    local.get 0
    try (param i32) (result i32)
      i32.const 2
      i32.mul
      throw $e1
    catch $e1
      i32.const 1
      i32.add
    end)

  (func (export "try-params-no-throw") (param i32) (result i32 i32)
    local.get 0
    i32.const 3
    try (param i32 i32) (result i32 i32)
    catch_all
      i32.const 0
      i32.const 0
    end)

  ;; Branches out of the try body to the try's own label and to outer ones.
  (func (export "br-out-of-try") (param i32) (result i32)
    block $out (result i32)
      try (result i32)
        i32.const 5
        local.get 0
        br_if $out
        drop
        i32.const 6
        throw $e1
      catch $e1
      end
    end)

  (func (export "return-from-try") (result i32)
    try
      i32.const 9
      return
    catch_all
    end
    i32.const 0)

  ;; Locals set in the try body before the throw are visible in the catch body.
  (func (export "locals-survive") (result i32)
    (local i32)
    try
      i32.const 55
      local.set 0
      throw $e0
    catch $e0
      local.get 0
      i32.const 1
      i32.add
      local.set 0
    end
    local.get 0)

  ;; Memory stores before the throw stay done.
  (memory 1)
  (func (export "memory-survives") (result i32)
    try
      i32.const 0
      i32.const 1234
      i32.store
      throw $e0
    catch_all
    end
    i32.const 0
    i32.load)

  ;; A throw in a loop inside try, caught outside the loop.
  (func (export "throw-from-loop") (param i32) (result i32)
    (local i32)
    try (result i32)
      loop $l
        local.get 1
        i32.const 1
        i32.add
        local.tee 1
        local.get 0
        i32.eq
        if
          local.get 1
          throw $e1
        end
        br $l
      end
      i32.const -1
    catch $e1
    end)

  (func (export "uncaught-e0") (throw $e0))
  (func (export "uncaught-e1") (param i32) (result i32)
    local.get 0
    throw $e1)
  ;; A try whose clauses do not match lets the exception through.
  (func (export "uncaught-mismatch") (result i32)
    try (result i32)
      i32.const 1
      throw $e1
    catch $e3
    catch $e0
      i32.const 0
    end)
  ;; Rethrown by the catch body.
  (func (export "uncaught-from-catch")
    try
      throw $e0
    catch_all
      i32.const 3
      throw $e1
    end)
)

(assert_return (invoke "no-throw") (i32.const 1))
(assert_return (invoke "empty-try"))
(assert_return (invoke "catch-e0") (i32.const 10))
(assert_return (invoke "catch-e1" (i32.const 41)) (i32.const 42))
(assert_return (invoke "catch-e1" (i32.const -1)) (i32.const 0))
(assert_return (invoke "catch-e2" (i32.const -5) (i64.const 10)) (i64.const -15))
(assert_return (invoke "catch-e2" (i32.const 7) (i64.const 0x7fffffffffffffff)) (i64.const 0x8000000000000008))
(assert_return (invoke "dispatch" (i32.const 0)) (i32.const 100))
(assert_return (invoke "dispatch" (i32.const 1)) (i32.const 211))
(assert_return (invoke "dispatch" (i32.const 2)) (i32.const 333))
(assert_return (invoke "dispatch" (i32.const 3)) (i32.const 333))
(assert_return (invoke "catch-all-only" (i32.const 3)) (i32.const 7))
(assert_return (invoke "catch-other-then-all") (i32.const 2))
(assert_return (invoke "catch-order") (i32.const 1005))
(assert_return (invoke "nested-outer") (i32.const 28))
(assert_return (invoke "nested-inner") (i32.const 38))
(assert_return (invoke "throw-from-catch") (i32.const 78))
(assert_return (invoke "try-in-catch") (i32.const 111))
(assert_return (invoke "catch-body-not-guarded") (i32.const 2))
(assert_return (invoke "catch-deep" (i32.const 0)) (i32.const 42))
(assert_return (invoke "catch-deep" (i32.const 10)) (i32.const 42))
(assert_return (invoke "catch-deep" (i32.const 1000)) (i32.const 42))
(assert_return (invoke "catch-indirect" (i32.const 0) (i32.const 5)) (i32.const 1005))
(assert_return (invoke "catch-indirect" (i32.const 1) (i32.const 5)) (i32.const 1042))
(assert_return (invoke "try-params" (i32.const 20)) (i32.const 41))
(assert_return (invoke "try-params-no-throw" (i32.const 20)) (i32.const 20) (i32.const 3))
(assert_return (invoke "br-out-of-try" (i32.const 1)) (i32.const 5))
(assert_return (invoke "br-out-of-try" (i32.const 0)) (i32.const 6))
(assert_return (invoke "return-from-try") (i32.const 9))
(assert_return (invoke "locals-survive") (i32.const 56))
(assert_return (invoke "memory-survives") (i32.const 1234))
(assert_return (invoke "throw-from-loop" (i32.const 1)) (i32.const 1))
(assert_return (invoke "throw-from-loop" (i32.const 1000)) (i32.const 1000))
(assert_exception (invoke "uncaught-e0"))
(assert_exception (invoke "uncaught-e1" (i32.const 1)))
(assert_exception (invoke "uncaught-mismatch"))
(assert_exception (invoke "uncaught-from-catch"))
;; The instance still works after an exception escaped it.
(assert_return (invoke "catch-e1" (i32.const 1)) (i32.const 2))
(assert_return (invoke "catch-deep" (i32.const 3)) (i32.const 42))

;; A start function that catches its own exception instantiates.
(module
  (tag $e (param i32))
  (global $g (mut i32) (i32.const 0))
  (func $start
    try
      i32.const 17
      throw $e
    catch $e
      global.set $g
    end)
  (start $start)
  (func (export "get") (result i32) (global.get $g)))
(assert_return (invoke "get") (i32.const 17))
