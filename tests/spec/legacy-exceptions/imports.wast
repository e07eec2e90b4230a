;; Legacy exception handling across modules: tags exported and imported, exceptions thrown by
;; imported functions, tag identity.

(module $M
  (tag $e (export "e") (param i32))
  (export "e-alias" (tag $e))
  (tag $other (export "other") (param i32))
  (func (export "throw") (param i32) (local.get 0) (throw $e))
  (func (export "throw-other") (param i32) (local.get 0) (throw $other))
  ;; Calls back into a function given as a funcref, and catches $e from it.
  (type $cb (func (param i32)))
  (table $t 1 funcref)
  (func (export "catch-from") (param funcref i32) (result i32)
    (table.set $t (i32.const 0) (local.get 0))
    try (result i32)
      local.get 1
      i32.const 0
      call_indirect $t (type $cb)
      i32.const -1
    catch $e
      i32.const 1000
      i32.add
    end)
)
(register "M" $M)

(module $User
  (import "M" "e" (tag $e (param i32)))
  (import "M" "e-alias" (tag $alias (param i32)))
  (import "M" "other" (tag $other (param i32)))
  (import "M" "throw" (func $throw (param i32)))
  (import "M" "throw-other" (func $throw-other (param i32)))
  (import "M" "catch-from" (func $catch-from (param funcref i32) (result i32)))
  (tag $local (param i32))
  (elem declare func $throw-local $throw-imported-tag)

  ;; An exception of an imported tag, thrown by the other module, caught here.
  (func (export "catch-imported") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $throw
      i32.const -1
    catch $other
      i32.const 100
      i32.add
    catch $e
      i32.const 200
      i32.add
    end)
  ;; The same tag imported under two names is one tag: catch by the alias.
  (func (export "catch-alias") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $throw
      i32.const -1
    catch $alias
      i32.const 300
      i32.add
    end)
  ;; ... and throw by the alias, catch by the first name.
  (func (export "throw-alias") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $alias
    catch $e
      i32.const 400
      i32.add
    end)
  ;; A tag of the same type defined here is another tag.
  (func (export "local-is-other") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $throw
      i32.const -1
    catch $local
      i32.const 500
      i32.add
    catch_all
      i32.const 600
    end)
  (func (export "other-tag") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $throw-other
      i32.const -1
    catch $e
      i32.const 700
      i32.add
    catch $other
      i32.const 800
      i32.add
    end)
  ;; M catches an exception thrown here with M's tag (imported), through M's frame.
  (func $throw-imported-tag (param i32) (local.get 0) (throw $e))
  (func (export "callback-imported-tag") (param i32) (result i32)
    (call $catch-from (ref.func $throw-imported-tag) (local.get 0)))
  ;; An exception of our own tag passes through M's try (which does not know the tag).
  (func $throw-local (param i32) (local.get 0) (throw $local))
  (func (export "callback-local-tag") (param i32) (result i32)
    try (result i32)
      (call $catch-from (ref.func $throw-local) (local.get 0))
    catch $local
      i32.const 900
      i32.add
    end)
  ;; An imported function's exception may also escape this module.
  (func (export "uncaught-imported") (param i32)
    (call $throw (local.get 0)))
)

(assert_return (invoke "catch-imported" (i32.const 1)) (i32.const 201))
(assert_return (invoke "catch-alias" (i32.const 2)) (i32.const 302))
(assert_return (invoke "throw-alias" (i32.const 3)) (i32.const 403))
(assert_return (invoke "local-is-other" (i32.const 4)) (i32.const 600))
(assert_return (invoke "other-tag" (i32.const 5)) (i32.const 805))
(assert_return (invoke "callback-imported-tag" (i32.const 6)) (i32.const 1006))
(assert_return (invoke "callback-local-tag" (i32.const 7)) (i32.const 907))
(assert_exception (invoke "uncaught-imported" (i32.const 8)))
(assert_exception (invoke $M "throw" (i32.const 9)))

;; Two instances of one module (the same text twice): each defines its own tag.
(module $A1
  (tag $t (export "t") (param i32))
  (func (export "throw") (param i32) (local.get 0) (throw $t)))
(register "A1" $A1)
(module $A2
  (tag $t (export "t") (param i32))
  (func (export "throw") (param i32) (local.get 0) (throw $t)))
(register "A2" $A2)

(module
  (import "A1" "t" (tag $t1 (param i32)))
  (import "A2" "t" (tag $t2 (param i32)))
  (import "A1" "throw" (func $throw1 (param i32)))
  (import "A2" "throw" (func $throw2 (param i32)))
  ;; Which tag caught the exception thrown by instance `which`: 1, 2, or 3 for catch_all.
  (func (export "which") (param i32) (result i32)
    try (result i32)
      i32.const 0
      local.get 0
      i32.const 1
      i32.eq
      if (param i32)
        call $throw1
      else
        call $throw2
      end
      i32.const -1
    catch $t2
      drop
      i32.const 2
    catch $t1
      drop
      i32.const 1
    catch_all
      i32.const 3
    end)
  (func (export "only-t2") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $throw1
      i32.const -1
    catch $t2
    catch_all
      i32.const 3
    end)
)

(assert_return (invoke "which" (i32.const 1)) (i32.const 1))
(assert_return (invoke "which" (i32.const 2)) (i32.const 2))
(assert_return (invoke "only-t2" (i32.const 5)) (i32.const 3))

;; Importing a tag with another type does not link.
(assert_unlinkable
  (module (import "M" "e" (tag (param i64))))
  "incompatible import type")
(assert_unlinkable
  (module (import "M" "e" (tag)))
  "incompatible import type")
(assert_unlinkable
  (module (import "M" "throw" (tag (param i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "M" "no-such-tag" (tag (param i32))))
  "unknown import")
