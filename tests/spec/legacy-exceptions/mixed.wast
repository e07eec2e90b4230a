;; The legacy encoding and the standard one (try_table, throw_ref, exnref) in one module, as
;; the spec allows: exceptions thrown under one form are caught by the other. V8 of Node.js 20
;; has no exnref, so this script is checked by reasoning only (see README.md).

(module
  (tag $e (param i32))
  (tag $e0)

  (func $throw (param i32) (local.get 0) (throw $e))

  ;; A throw in a try_table body, caught by an enclosing legacy try.
  (func (export "try-table-in-try") (param i32) (result i32)
    try (result i32)
      block $h
        try_table (catch $e0 $h)
          local.get 0
          throw $e
        end
      end
      i32.const -1
    catch $e
      i32.const 10
      i32.add
    end)

  ;; A throw in a legacy try body, caught by an enclosing try_table.
  (func (export "try-in-try-table") (param i32) (result i32)
    block $h (result i32)
      try_table (catch $e $h)
        try
          local.get 0
          call $throw
        catch $e0
        end
      end
      i32.const -1
    end
    i32.const 20
    i32.add)

  ;; A legacy catch_all whose body rethrows, caught by try_table's catch_ref, then thrown again
  ;; with throw_ref and caught by a legacy catch.
  (func (export "rethrow-then-throw-ref") (param i32) (result i32)
    try (result i32)
      block $h (result exnref)
        try_table (catch_all_ref $h)
          try
            local.get 0
            throw $e
          catch_all
            rethrow 0
          end
        end
        i32.const -1
        return
      end
      throw_ref
    catch $e
      i32.const 30
      i32.add
    end)

  ;; A legacy delegate to a label of a block around a try_table: the try_table catches.
  (func (export "delegate-to-try-table") (param i32) (result i32)
    block $h (result i32)
      try_table (catch $e $h)
        block
          try
            local.get 0
            throw $e
          delegate 0
        end
      end
      i32.const -1
    end
    i32.const 40
    i32.add)

  ;; A try_table inside a legacy catch body: the legacy exception is still rethrowable after
  ;; the try_table caught another one.
  (func (export "try-table-in-catch") (param i32) (result i32)
    try (result i32)
      try
        local.get 0
        throw $e
      catch $e
        drop
        block $h
          try_table (catch $e0 $h)
            throw $e0
          end
        end
        rethrow 0
      end
      i32.const -1
    catch $e
      i32.const 50
      i32.add
    end)
)

(assert_return (invoke "try-table-in-try" (i32.const 1)) (i32.const 11))
(assert_return (invoke "try-in-try-table" (i32.const 2)) (i32.const 22))
(assert_return (invoke "rethrow-then-throw-ref" (i32.const 3)) (i32.const 33))
(assert_return (invoke "delegate-to-try-table" (i32.const 4)) (i32.const 44))
(assert_return (invoke "try-table-in-catch" (i32.const 5)) (i32.const 55))
