;; Found by the differential fuzzer (make fuzz, seed 2119631687): the compiler crashed (SIGSEGV).
;; An out-of-range float-to-int conversion of a constant traps, but LLVM folds the conversion
;; behind the check to poison; an arithmetic operation then asked whether its poison operand was
;; the constant 0 or 1, and reading a value from a constant that is not a ConstantFP crashes LLVM.
(module
  (func (export "mul") (result f32) f64.const 1e300 i32.trunc_f64_s f32.convert_i32_s f32.const 2 f32.mul)
  (func (export "add") (result f64) f32.const 1e30 i64.trunc_f32_u f64.convert_i64_u f64.const 0 f64.add)
  (func (export "sub") (result f32) f32.const nan i32.trunc_f32_s f32.convert_i32_u f32.const 1 f32.sub)
)
(assert_trap (invoke "mul") "integer overflow")
(assert_trap (invoke "add") "integer overflow")
(assert_trap (invoke "sub") "invalid conversion to integer")
