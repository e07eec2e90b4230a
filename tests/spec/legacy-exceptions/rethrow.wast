;; Legacy exception handling: rethrow N from catch and catch_all bodies, nested handlers.

(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i32))

  (func (export "rethrow-0") (param i32) (result i32)
    try (result i32)
      try (result i32)
        local.get 0
        throw $e1
      catch $e1
        drop
        rethrow 0
      end
    catch $e1
      i32.const 1
      i32.add
    end)

  ;; The payload is that of the original exception, not of the catch body's stack.
  (func (export "rethrow-payload") (result i32)
    try (result i32)
      try (result i32)
        i32.const 5
        throw $e1
      catch $e1
        i32.const 100
        i32.add
        throw $e2
      end
    catch $e2
      ;; 105 from the new exception: change the stack's copy, then rethrow the caught
      ;; exception, which still carries 105.
      i32.const 1
      i32.add
      try (param i32) (result i32)
        drop
        rethrow 1
      catch $e2
        i32.const 1000
        i32.add
      end
    end)

  (func (export "rethrow-catch-all") (result i32)
    try (result i32)
      try (result i32)
        i32.const 21
        throw $e1
      catch_all
        rethrow 0
      end
    catch $e1
    end)

  ;; Inside the inner catch body, in the `if` (one more label), rethrow 1 rethrows the inner
  ;; exception ($e2 22) and rethrow 2 the outer one ($e1 11).
  (func $nested (param i32)
    try
      i32.const 11
      throw $e1
    catch $e1
      drop
      try
        i32.const 22
        throw $e2
      catch $e2
        drop
        local.get 0
        i32.eqz
        if
          rethrow 1
        else
          rethrow 2
        end
      end
    end)
  (func (export "rethrow-nested") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $nested
      i32.const 0
    catch $e1
      i32.const 1000
      i32.add
    catch $e2
      i32.const 2000
      i32.add
    end)

  ;; rethrow N from a catch_all nested in a catch, and through a block and a loop in between.
  (func (export "rethrow-through-blocks") (result i32)
    try (result i32)
      try
        i32.const 3
        throw $e1
      catch $e1
        drop
        try
          throw $e0
        catch_all
          block
            loop
              rethrow 3
            end
          end
        end
      end
      i32.const -1
    catch $e1
    catch $e0
      i32.const -2
    end)

  ;; A rethrown exception crosses frames and is caught by type in the caller.
  (func $rethrower (param i32)
    try
      local.get 0
      throw $e2
    catch $e2
      drop
      rethrow 0
    end)
  (func (export "rethrow-call") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $rethrower
      i32.const 0
    catch $e1
      drop
      i32.const -1
    catch $e2
    end)

  ;; The same exception rethrown many times through many handlers keeps its payload.
  (func $relay (param i32 i32)
    local.get 0
    i32.eqz
    if
      local.get 1
      throw $e1
    end
    try
      local.get 0
      i32.const 1
      i32.sub
      local.get 1
      call $relay
    catch_all
      rethrow 0
    end)
  (func (export "relay") (param i32 i32) (result i32)
    try (result i32)
      local.get 0
      local.get 1
      call $relay
      i32.const -1
    catch $e1
    end)

  ;; A caught exception may be rethrown after the catch body ran other trys.
  (func (export "rethrow-after-inner") (result i32)
    try (result i32)
      try
        i32.const 8
        throw $e1
      catch $e1
        drop
        try
          i32.const 9
          throw $e2
        catch $e2
          drop
        end
        try
          throw $e0
        catch_all
        end
        rethrow 0
      end
      i32.const 0
    catch $e1
    end)

  (func (export "uncaught-rethrow")
    try
      throw $e0
    catch $e0
      rethrow 0
    end)
)

(assert_return (invoke "rethrow-0" (i32.const 4)) (i32.const 5))
(assert_return (invoke "rethrow-payload") (i32.const 1105))
(assert_return (invoke "rethrow-catch-all") (i32.const 21))
(assert_return (invoke "rethrow-nested" (i32.const 0)) (i32.const 2022))
(assert_return (invoke "rethrow-nested" (i32.const 1)) (i32.const 1011))
(assert_return (invoke "rethrow-through-blocks") (i32.const 3))
(assert_return (invoke "rethrow-call" (i32.const 6)) (i32.const 6))
(assert_return (invoke "relay" (i32.const 0) (i32.const 12)) (i32.const 12))
(assert_return (invoke "relay" (i32.const 100) (i32.const 13)) (i32.const 13))
(assert_return (invoke "relay" (i32.const 1000) (i32.const 14)) (i32.const 14))
(assert_return (invoke "rethrow-after-inner") (i32.const 8))
(assert_exception (invoke "uncaught-rethrow"))

(assert_invalid
  (module (func try rethrow 0 catch_all end))
  "invalid rethrow label")
(assert_invalid
  (module (func block rethrow 0 end))
  "invalid rethrow label")
(assert_invalid
  (module (func rethrow 0))
  "invalid rethrow label")
(assert_invalid
  (module (tag $e) (func try throw $e catch $e block rethrow 0 end end))
  "invalid rethrow label")
(assert_invalid
  (module (func try catch_all loop rethrow 0 end end))
  "invalid rethrow label")
(assert_invalid
  (module (func try catch_all rethrow 1 end))
  "invalid rethrow label")
(assert_invalid
  (module (func try catch_all rethrow 5 end))
  "unknown label")
;; The try body of an inner try nested in a catch: label 0 is the inner try (not in catch).
(assert_invalid
  (module (func try catch_all try rethrow 0 catch_all end end))
  "invalid rethrow label")
;; delegate does not make a catch label.
(assert_invalid
  (module (func try rethrow 0 delegate 0))
  "invalid rethrow label")
