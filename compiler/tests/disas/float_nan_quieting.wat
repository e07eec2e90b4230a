;; opt: 2
;; NaN quieting only where LLVM could fold an operation away: `1 / x`, `x / y`, `x * 0.5` and
;; `x + 0` reach the hardware (whose NaN results are quiet already) and get nothing, while
;; `x * 1` (folded to `x`, which would pass a signalling NaN through) and `min` (which passes a
;; NaN operand through) are quieted: an `fcmp uno` and a `select` of the value with its quiet bit
;; set.
(module
  (func (export "recip") (param $x f64) (result f64)
    (f64.div (f64.const 1) (local.get $x)))
  (func (export "div") (param $x f64) (param $y f64) (result f64)
    (f64.div (local.get $x) (local.get $y)))
  (func (export "half_plus_zero") (param $x f32) (result f32)
    (f32.add (f32.mul (local.get $x) (f32.const 0.5)) (f32.const 0)))
  (func (export "times_one") (param $x f64) (result f64)
    (f64.mul (local.get $x) (f64.const 1)))
  (func (export "min") (param $x f64) (param $y f64) (result f64)
    (f64.min (local.get $x) (local.get $y))))

;; ---- expected IR ----
;; define internal tailcc double @wasm_f0(ptr nocapture readnone %0, double %1) {
;; entry:
;;   %2 = fdiv double 1.000000e+00, %1
;;   ret double %2
;; }
;;
;; define internal tailcc double @wasm_f1(ptr nocapture readnone %0, double %1, double %2) {
;; entry:
;;   %3 = fdiv double %1, %2
;;   ret double %3
;; }
;;
;; define internal tailcc float @wasm_f2(ptr nocapture readnone %0, float %1) {
;; entry:
;;   %2 = fmul float %1, 5.000000e-01
;;   %3 = fadd float %2, 0.000000e+00
;;   ret float %3
;; }
;;
;; define internal tailcc double @wasm_f3(ptr nocapture readnone %0, double %1) {
;; entry:
;;   %2 = bitcast double %1 to i64
;;   %3 = or i64 %2, 2251799813685248
;;   %4 = bitcast i64 %3 to double
;;   %5 = fcmp uno double %1, 0.000000e+00
;;   %6 = select i1 %5, double %4, double %1
;;   ret double %6
;; }
;;
;; define internal tailcc double @wasm_f4(ptr nocapture readnone %0, double %1, double %2) {
;; entry:
;;   %3 = tail call double @llvm.minimum.f64(double %1, double %2)
;;   %4 = bitcast double %3 to i64
;;   %5 = or i64 %4, 2251799813685248
;;   %6 = bitcast i64 %5 to double
;;   %7 = fcmp uno double %3, 0.000000e+00
;;   %8 = select i1 %7, double %6, double %3
;;   ret double %8
;; }
