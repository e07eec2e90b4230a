;; Legacy exception handling: try ... delegate N. The exception leaves the try-delegate and is
;; thrown again inside the construct of label N (counted outside the try-delegate): in a try's
;; body it meets that try's handlers; at the function's label it goes to the caller.

(module
  (tag $e0)
  (tag $e1 (param i32))

  (func $throw (param i32) (local.get 0) (throw $e1))

  ;; delegate 0 to the enclosing try.
  (func (export "delegate-0") (result i32)
    try (result i32)
      try
        i32.const 1
        throw $e1
      delegate 0
      i32.const 0
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; A try-delegate that throws nothing.
  (func (export "delegate-no-throw") (result i32)
    try (result i32)
      try (result i32)
        i32.const 3
      delegate 0
    catch_all
      i32.const 0
    end)

  ;; delegate 1 skips the middle try's catch_all.
  (func (export "delegate-1") (result i32)
    try $outer (result i32)
      try (result i32)
        try
          i32.const 2
          throw $e1
        delegate $outer
        i32.const 0
      catch_all
        i32.const -1
      end
    catch $e1
      i32.const 20
      i32.add
    end)

  ;; delegate to a block: the exception propagates to the try around that block.
  (func (export "delegate-block") (result i32)
    try (result i32)
      block
        loop
          try
            i32.const 4
            call $throw
          delegate 1
        end
      end
      i32.const 0
    catch $e1
      i32.const 30
      i32.add
    end)

  ;; delegate to the function's label: the caller gets it, no try of this function does.
  (func $to-caller (param i32)
    try
      try
        local.get 0
        throw $e1
      delegate 1
    catch_all
      unreachable
    end)
  (func (export "delegate-caller") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $to-caller
      i32.const 0
    catch $e1
      i32.const 40
      i32.add
    end)

  ;; Chains of delegates: each hands on to the next, the outermost try catches.
  (func (export "delegate-chain") (result i32)
    try $a (result i32)
      try $b
        try $c
          try
            i32.const 5
            throw $e1
          delegate $c
        delegate $b
      delegate $a
      i32.const 0
    catch $e1
      i32.const 50
      i32.add
    end)

  ;; delegate to a try whose handlers do not match: on to the next try out.
  (func (export "delegate-mismatch") (result i32)
    try (result i32)
      try (result i32)
        try
          i32.const 6
          throw $e1
        delegate 0
        i32.const 0
      catch $e0
        i32.const -1
      end
    catch $e1
      i32.const 60
      i32.add
    end)

  ;; A try-delegate inside a catch body targeting that catch's try: the try's own handlers are
  ;; not active there, the exception goes out to the next try.
  (func (export "delegate-from-catch") (result i32)
    try (result i32)
      try (result i32)
        throw $e0
      catch $e0
        try
          i32.const 7
          throw $e1
        delegate 0
        i32.const 0
      catch $e1
        drop
        i32.const -1
      end
    catch $e1
      i32.const 70
      i32.add
    end)

  ;; A try-delegate nested in a catch_all body delegating two levels out: skips the inner
  ;; try's catch clauses, which are not active, and the middle try's, which are.
  (func (export "delegate-skip-active") (result i32)
    try $outer (result i32)
      try $mid (result i32)
        try (result i32)
          throw $e0
        catch_all
          try
            i32.const 8
            throw $e1
          delegate $outer
          i32.const 0
        end
      catch $e1
        drop
        i32.const -1
      catch_all
        i32.const -2
      end
    catch $e1
      i32.const 80
      i32.add
    end)

  ;; A delegated exception can be rethrown by the catch it reaches.
  (func (export "delegate-then-rethrow") (result i32)
    try (result i32)
      try
        try
          i32.const 9
          throw $e1
        delegate 0
      catch $e1
        drop
        rethrow 0
      end
      i32.const 0
    catch $e1
      i32.const 90
      i32.add
    end)

  ;; delegate from a deep call chain.
  (func $deep (param i32)
    local.get 0
    i32.eqz
    if
      i32.const 11
      throw $e1
    end
    try
      local.get 0
      i32.const 1
      i32.sub
      call $deep
    delegate 0)
  (func (export "delegate-deep") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $deep
      i32.const 0
    catch $e1
    end)

  (func (export "uncaught-delegate")
    try
      throw $e0
    delegate 0)
  (func (export "uncaught-delegate-past-catch")
    try
      try
        throw $e0
      delegate 1
    catch_all
    end)
)

(assert_return (invoke "delegate-0") (i32.const 11))
(assert_return (invoke "delegate-no-throw") (i32.const 3))
(assert_return (invoke "delegate-1") (i32.const 22))
(assert_return (invoke "delegate-block") (i32.const 34))
(assert_return (invoke "delegate-caller" (i32.const 5)) (i32.const 45))
(assert_return (invoke "delegate-chain") (i32.const 55))
(assert_return (invoke "delegate-mismatch") (i32.const 66))
(assert_return (invoke "delegate-from-catch") (i32.const 77))
(assert_return (invoke "delegate-skip-active") (i32.const 88))
(assert_return (invoke "delegate-then-rethrow") (i32.const 99))
(assert_return (invoke "delegate-deep" (i32.const 0)) (i32.const 11))
(assert_return (invoke "delegate-deep" (i32.const 500)) (i32.const 11))
(assert_exception (invoke "uncaught-delegate"))
(assert_exception (invoke "uncaught-delegate-past-catch"))

(assert_invalid
  (module (func try delegate 1))
  "unknown label")
(assert_invalid
  (module (func block try delegate 2 end))
  "unknown label")
(assert_invalid
  (module (func (result i32) try (result i32) delegate 0))
  "type mismatch")
(assert_invalid
  (module (func (result i32) try (result i32) i64.const 0 delegate 0))
  "type mismatch")
