;; Legacy exception handling: payloads of every value type survive the throw bit for bit.
;; Results are checked inside Wasm where JavaScript could not carry them (v128, NaN bits).

(module
  (tag $i32 (param i32))
  (tag $i64 (param i64))
  (tag $f32 (param f32))
  (tag $f64 (param f64))
  (tag $v128 (param v128))
  (tag $funcref (param funcref))
  (tag $externref (param externref))
  (tag $many (param i32 i64 f32 f64 i32 i64 f32 f64 i32 externref))

  (func $f (result i32) (i32.const 99))
  (elem declare func $f)

  (func (export "i32") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $i32
    catch $i32
    end)
  (func (export "i64") (param i64) (result i64)
    try (result i64)
      local.get 0
      throw $i64
    catch $i64
    end)
  ;; Floats are returned as their bits, so that NaN payloads are compared exactly.
  (func (export "f32") (param i32) (result i32)
    try (result f32)
      local.get 0
      f32.reinterpret_i32
      throw $f32
    catch $f32
    end
    i32.reinterpret_f32)
  (func (export "f64") (param i64) (result i64)
    try (result f64)
      local.get 0
      f64.reinterpret_i64
      throw $f64
    catch $f64
    end
    i64.reinterpret_f64)
  ;; A float thrown from a called function, as a value (not only bits).
  (func $throw-f64 (param f64) (local.get 0) (throw $f64))
  (func (export "f64-value") (param f64) (result f64)
    try (result f64)
      local.get 0
      call $throw-f64
      f64.const 0
    catch $f64
      f64.const 0.5
      f64.add
    end)
  ;; v128: four i32 lanes in, the lanes out, and one equality check.
  (func (export "v128") (param i32 i32 i32 i32) (result i32 i32 i32 i32)
    (local v128)
    try (result v128)
      local.get 0
      i32x4.splat
      local.get 1
      i32x4.replace_lane 1
      local.get 2
      i32x4.replace_lane 2
      local.get 3
      i32x4.replace_lane 3
      throw $v128
    catch $v128
    end
    local.set 4
    local.get 4
    i32x4.extract_lane 0
    local.get 4
    i32x4.extract_lane 1
    local.get 4
    i32x4.extract_lane 2
    local.get 4
    i32x4.extract_lane 3)
  (func (export "v128-const") (result i32)
    try (result v128)
      v128.const i64x2 0x0123456789abcdef 0xfedcba9876543210
      throw $v128
    catch $v128
    end
    v128.const i64x2 0x0123456789abcdef 0xfedcba9876543210
    i8x16.eq
    i8x16.all_true)
  (func (export "funcref-null") (result i32)
    try (result funcref)
      ref.null func
      throw $funcref
    catch $funcref
    end
    ref.is_null)
  (type $r (func (result i32)))
  (table $t 1 funcref)
  (func (export "funcref-call") (result i32)
    (local funcref)
    try (result funcref)
      ref.func $f
      throw $funcref
    catch $funcref
    end
    local.set 0
    (table.set $t (i32.const 0) (local.get 0))
    (call_indirect $t (type $r) (i32.const 0)))
  (func (export "externref") (param externref) (result externref)
    try (result externref)
      local.get 0
      throw $externref
    catch $externref
    end)
  ;; Ten values of mixed types; the result mixes them all.
  (func (export "many") (param i32 i64 f32 f64 i32 i64 f32 f64 i32 externref) (result i64 externref)
    (local $a i32) (local $b i64) (local $c f32) (local $d f64) (local $e i32) (local $f i64)
    (local $g f32) (local $h f64) (local $i i32)
    try (result i32 i64 f32 f64 i32 i64 f32 f64 i32 externref)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      local.get 4
      local.get 5
      local.get 6
      local.get 7
      local.get 8
      local.get 9
      throw $many
    catch $many
    end
    local.set 9
    local.set $i
    local.set $h
    local.set $g
    local.set $f
    local.set $e
    local.set $d
    local.set $c
    local.set $b
    local.set $a
    ;; a + 10*b + 100*c + 1000*d + ... as i64, each float truncated.
    local.get $a
    i64.extend_i32_s
    local.get $b
    i64.const 10
    i64.mul
    i64.add
    local.get $c
    i64.trunc_f32_s
    i64.const 100
    i64.mul
    i64.add
    local.get $d
    i64.trunc_f64_s
    i64.const 1000
    i64.mul
    i64.add
    local.get $e
    i64.extend_i32_u
    i64.const 10000
    i64.mul
    i64.add
    local.get $f
    i64.const 100000
    i64.mul
    i64.add
    local.get $g
    i64.trunc_f32_s
    i64.const 1000000
    i64.mul
    i64.add
    local.get $h
    i64.trunc_f64_s
    i64.const 10000000
    i64.mul
    i64.add
    local.get $i
    i64.extend_i32_s
    i64.const 100000000
    i64.mul
    i64.add
    local.get 9)
)

(assert_return (invoke "i32" (i32.const 0)) (i32.const 0))
(assert_return (invoke "i32" (i32.const -1)) (i32.const -1))
(assert_return (invoke "i32" (i32.const 0x80000000)) (i32.const 0x80000000))
(assert_return (invoke "i64" (i64.const 0)) (i64.const 0))
(assert_return (invoke "i64" (i64.const 0x8000000000000001)) (i64.const 0x8000000000000001))
(assert_return (invoke "i64" (i64.const 0x123456789abcdef0)) (i64.const 0x123456789abcdef0))
(assert_return (invoke "f32" (i32.const 0x3fc00000)) (i32.const 0x3fc00000))
(assert_return (invoke "f32" (i32.const 0x80000000)) (i32.const 0x80000000))
(assert_return (invoke "f32" (i32.const 0x7f800000)) (i32.const 0x7f800000))
(assert_return (invoke "f32" (i32.const 0x7fc00000)) (i32.const 0x7fc00000))
(assert_return (invoke "f32" (i32.const 0xffc00000)) (i32.const 0xffc00000))
(assert_return (invoke "f32" (i32.const 0x7fa00001)) (i32.const 0x7fa00001))
(assert_return (invoke "f32" (i32.const 0xff812345)) (i32.const 0xff812345))
(assert_return (invoke "f32" (i32.const 0x00000001)) (i32.const 0x00000001))
(assert_return (invoke "f64" (i64.const 0x3ff8000000000000)) (i64.const 0x3ff8000000000000))
(assert_return (invoke "f64" (i64.const 0x8000000000000000)) (i64.const 0x8000000000000000))
(assert_return (invoke "f64" (i64.const 0x7ff8000000000000)) (i64.const 0x7ff8000000000000))
(assert_return (invoke "f64" (i64.const 0xfff8000000000001)) (i64.const 0xfff8000000000001))
(assert_return (invoke "f64" (i64.const 0x7ff4000000000000)) (i64.const 0x7ff4000000000000))
(assert_return (invoke "f64" (i64.const 0x7ff0000000000001)) (i64.const 0x7ff0000000000001))
(assert_return (invoke "f64" (i64.const 0x0000000000000001)) (i64.const 0x0000000000000001))
(assert_return (invoke "f64-value" (f64.const 1.25)) (f64.const 1.75))
(assert_return (invoke "f64-value" (f64.const -0x1p-1074)) (f64.const 0.5))
(assert_return (invoke "v128" (i32.const 1) (i32.const -2) (i32.const 0x7fffffff) (i32.const 0x80000000))
  (i32.const 1) (i32.const -2) (i32.const 0x7fffffff) (i32.const 0x80000000))
(assert_return (invoke "v128-const") (i32.const 1))
(assert_return (invoke "funcref-null") (i32.const 1))
(assert_return (invoke "funcref-call") (i32.const 99))
(assert_return (invoke "externref" (ref.null extern)) (ref.null extern))
(assert_return (invoke "externref" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "externref" (ref.extern 77)) (ref.extern 77))
(assert_return
  (invoke "many" (i32.const 1) (i64.const 2) (f32.const 3.5) (f64.const 4.75) (i32.const 5)
    (i64.const 6) (f32.const 7.25) (f64.const 8.5) (i32.const 9) (ref.extern 10))
  (i64.const 987654321) (ref.extern 10))
(assert_return
  (invoke "many" (i32.const -1) (i64.const 0) (f32.const 0) (f64.const 0) (i32.const 0)
    (i64.const 0) (f32.const 0) (f64.const 0) (i32.const 0) (ref.null extern))
  (i64.const -1) (ref.null extern))
