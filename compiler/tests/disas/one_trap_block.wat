;; opt: 2
;; Every trapping check of a function branches to one shared trap block, which calls the
;; `trap` libcall with a phi of trap codes (2 = integer divide by
;; zero, 3 = integer overflow, 4 = invalid conversion to integer).
(module
  (func (export "div_then_trunc") (param $a i32) (param $b i32) (param $f f64) (result i32)
    (i32.add (i32.div_s (local.get $a) (local.get $b)) (i32.trunc_f64_s (local.get $f)))))

;; ---- expected IR ----
;; define internal tailcc i32 @wasm_f0(ptr %0, i32 %1, i32 %2, double %3) {
;; entry:
;;   %4 = icmp eq i32 %2, 0
;;   br i1 %4, label %trap, label %ok
;;
;; trap:                                             ; preds = %ok2, %ok1, %ok, %entry
;;   %trap_code = phi i32 [ 2, %entry ], [ 3, %ok ], [ 4, %ok1 ], [ 3, %ok2 ]
;;   tail call void @wasmkiln_trap(ptr %0, i32 %trap_code)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %5 = icmp eq i32 %1, -2147483648
;;   %6 = icmp eq i32 %2, -1
;;   %7 = and i1 %5, %6
;;   br i1 %7, label %trap, label %ok1
;;
;; ok1:                                              ; preds = %ok
;;   %8 = fcmp uno double %3, 0.000000e+00
;;   br i1 %8, label %trap, label %ok2
;;
;; ok2:                                              ; preds = %ok1
;;   %9 = fcmp ule double %3, 0xC1E0000000200000
;;   %10 = fcmp uge double %3, 0x41E0000000000000
;;   %.not5 = or i1 %9, %10
;;   br i1 %.not5, label %trap, label %ok3
;;
;; ok3:                                              ; preds = %ok2
;;   %11 = sdiv i32 %1, %2
;;   %12 = fptosi double %3 to i32
;;   %13 = add i32 %11, %12
;;   ret i32 %13
;; }
