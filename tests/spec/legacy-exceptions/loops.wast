;; Legacy exception handling in loops: leaving catch bodies by br, br_if, br_table and return,
;; and rethrowing, 100000 times each. Every caught exception must be released when its catch
;; body is left, however it is left: memory must not grow with the iterations.

(module
  (tag $e (param i32))
  (tag $e0)

  (func $thrower (param i32) (local.get 0) (throw $e))

  ;; Caught and the catch body falls through.
  (func (export "fall-through") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    loop $l
      try
        local.get $i
        call $thrower
      catch $e
        local.get $sum
        i32.add
        local.set $sum
      end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l
    end
    local.get $sum)

  ;; The loop's back edge is a br out of the catch body.
  (func (export "br-from-catch") (param $n i32) (result i32)
    (local $i i32)
    loop $l
      try
        local.get $i
        call $thrower
      catch $e
        i32.const 1
        i32.add
        local.tee $i
        local.get $n
        i32.lt_u
        br_if $l
      end
    end
    local.get $i)

  ;; br_table out of the catch body: continue, break, or a block around the try.
  (func (export "br-table-from-catch") (param $n i32) (result i32)
    (local $i i32) (local $odd i32)
    block $done
      loop $l
        block $skip
          try
            local.get $i
            call $thrower
          catch $e
            i32.const 1
            i32.and
            local.get $i
            i32.const 1
            i32.add
            local.tee $i
            local.get $n
            i32.ge_u
            i32.const 2
            i32.mul
            i32.or
            ;; 0: even, go on; 1: odd, count it; 2, 3: done
            br_table $l $skip $done $done
          end
        end
        local.get $odd
        i32.const 1
        i32.add
        local.set $odd
        br $l
      end
    end
    local.get $odd)

  ;; A catch_all body left by br, in a loop, with the exception thrown from a deeper frame.
  (func $deeper (param i32) (call $thrower (local.get 0)))
  (func (export "catch-all-br") (param $n i32) (result i32)
    (local $i i32)
    block $done
      loop $l
        local.get $i
        local.get $n
        i32.ge_u
        br_if $done
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        try
          local.get $i
          call $deeper
        catch_all
          br $l
        end
        unreachable
      end
    end
    local.get $i)

  ;; return from a catch body, called in a loop.
  (func $returns (param i32) (result i32)
    try
      local.get 0
      call $thrower
    catch $e
      i32.const 2
      i32.mul
      return
    end
    i32.const -1)
  (func (export "return-from-catch") (param $n i32) (result i64)
    (local $i i32) (local $sum i64)
    loop $l
      local.get $sum
      local.get $i
      call $returns
      i64.extend_i32_u
      i64.add
      local.set $sum
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l
    end
    local.get $sum)

  ;; A catch body that rethrows, caught again one level up, each iteration.
  (func $rethrows (param i32)
    try
      local.get 0
      call $thrower
    catch $e
      drop
      rethrow 0
    end)
  (func (export "rethrow-loop") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    loop $l
      try
        local.get $i
        call $rethrows
      catch $e
        local.get $sum
        i32.xor
        local.set $sum
      end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l
    end
    local.get $sum)

  ;; Nested catch bodies left together by one br to the loop.
  (func (export "nested-br") (param $n i32) (result i32)
    (local $i i32)
    loop $l
      local.get $i
      i32.const 1
      i32.add
      local.set $i
      try
        throw $e0
      catch $e0
        try
          local.get $i
          throw $e
        catch $e
          local.get $n
          i32.lt_u
          br_if $l
        end
      end
    end
    local.get $i)

  ;; Exceptions that delegate out of a loop body, caught around the loop's body.
  (func (export "delegate-loop") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    loop $l
      try
        block
          try
            local.get $i
            call $thrower
          delegate 1
        end
      catch $e
        local.get $sum
        i32.add
        local.set $sum
      end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l
    end
    local.get $sum)
)

(assert_return (invoke "fall-through" (i32.const 100000)) (i32.const 704982704))
(assert_return (invoke "br-from-catch" (i32.const 100000)) (i32.const 100000))
(assert_return (invoke "br-table-from-catch" (i32.const 100000)) (i32.const 49999))
(assert_return (invoke "catch-all-br" (i32.const 100000)) (i32.const 100000))
(assert_return (invoke "return-from-catch" (i32.const 100000)) (i64.const 9999900000))
(assert_return (invoke "rethrow-loop" (i32.const 100001)) (i32.const 100000))
(assert_return (invoke "nested-br" (i32.const 100000)) (i32.const 100000))
(assert_return (invoke "delegate-loop" (i32.const 100000)) (i32.const 704982704))
;; Again, a million times: still no growth (each run would otherwise keep every exception).
(assert_return (invoke "br-from-catch" (i32.const 1000000)) (i32.const 1000000))
(assert_return (invoke "return-from-catch" (i32.const 1000000)) (i64.const 999999000000))
(assert_return (invoke "nested-br" (i32.const 1000000)) (i32.const 1000000))
