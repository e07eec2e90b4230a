;; Legacy exception handling: modules that must not validate.

;; Tag and catch indices.
(assert_invalid (module (func try catch 0 end)) "unknown tag")
(assert_invalid (module (tag) (func try catch 1 end)) "unknown tag")
(assert_invalid (module (func throw 0)) "unknown tag")
(assert_invalid (module (tag) (func throw 1)) "unknown tag")
;; A tag's type has no results.
(assert_invalid (module (type (func (result i32))) (tag (type 0))) "non-empty tag result type")
;; Operands of throw.
(assert_invalid (module (tag (param i32)) (func throw 0)) "type mismatch")
(assert_invalid (module (tag (param i32)) (func i64.const 0 throw 0)) "type mismatch")
(assert_invalid (module (tag (param i32 f32)) (func f32.const 0 i32.const 0 throw 0)) "type mismatch")
;; The catch body starts with the tag's values and must end with the try's results.
(assert_invalid
  (module (tag (param i32)) (func try catch 0 end))
  "type mismatch")
(assert_invalid
  (module (tag (param i64)) (func (result i32) try (result i32) i32.const 0 catch 0 end))
  "type mismatch")
(assert_invalid
  (module (tag) (func (result i32) try (result i32) i32.const 0 catch 0 end))
  "type mismatch")
(assert_invalid
  (module (func (result i32) try (result i32) i32.const 0 catch_all end))
  "type mismatch")
(assert_invalid
  (module (func (result i32) try (result i32) i32.const 0 catch_all i64.const 0 end))
  "type mismatch")
;; The try body must end with the try's results.
(assert_invalid
  (module (func (result i32) try (result i32) catch_all i32.const 0 end))
  "type mismatch")
(assert_invalid
  (module (func try i32.const 0 catch_all end))
  "type mismatch")
;; A try's parameters come from outside; the body sees only them.
(assert_invalid
  (module (func (result i32) try (param i32) (result i32) catch_all i32.const 0 end))
  "type mismatch")
(assert_invalid
  (module (func (result i32) i32.const 1 try (result i32) i32.add catch_all i32.const 0 end))
  "type mismatch")
;; A catch body does not see the try's parameters.
(assert_invalid
  (module (func (result i32) i32.const 1 try (param i32) (result i32) catch_all end))
  "type mismatch")
;; rethrow and delegate labels.
(assert_invalid (module (func try catch_all end rethrow 0)) "invalid rethrow label")
(assert_invalid (module (func try delegate 1)) "unknown label")
(assert_invalid (module (func loop try delegate 2 end)) "unknown label")
;; rethrow is stack-polymorphic but its label must still be a catch.
(assert_invalid (module (func (result i32) block (result i32) rethrow 0 end)) "invalid rethrow label")
