;; opt: 2
;; Every trapping check of a function branches to one shared trap block, which calls the
;; `trap` libcall with a phi of trap codes (9 = call stack exhausted, 2 = integer divide by
;; zero, 3 = integer overflow, 4 = invalid conversion to integer).
(module
  (func (export "div_then_trunc") (param $a i32) (param $b i32) (param $f f64) (result i32)
    (i32.add (i32.div_s (local.get $a) (local.get $b)) (i32.trunc_f64_s (local.get $f)))))

;; ---- expected IR ----
;; define internal i32 @wasm_f0(ptr %0, i32 %1, i32 %2, double %3) {
;; entry:
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %4 = ptrtoint ptr %sp to i64
;;   %5 = getelementptr inbounds i8, ptr %0, i64 48
;;   %6 = load ptr, ptr %5, align 8, !invariant.load !0
;;   %7 = load i64, ptr %6, align 4
;;   %8 = icmp ugt i64 %7, %4
;;   br i1 %8, label %trap, label %ok
;;
;; trap:                                             ; preds = %ok3, %ok2, %ok1, %ok, %entry
;;   %trap_code = phi i32 [ 9, %entry ], [ 2, %ok ], [ 3, %ok1 ], [ 4, %ok2 ], [ 3, %ok3 ]
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 %trap_code)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %9 = icmp eq i32 %2, 0
;;   br i1 %9, label %trap, label %ok1
;;
;; ok1:                                              ; preds = %ok
;;   %10 = icmp eq i32 %1, -2147483648
;;   %11 = icmp eq i32 %2, -1
;;   %12 = and i1 %10, %11
;;   br i1 %12, label %trap, label %ok2
;;
;; ok2:                                              ; preds = %ok1
;;   %13 = fcmp uno double %3, 0.000000e+00
;;   br i1 %13, label %trap, label %ok3
;;
;; ok3:                                              ; preds = %ok2
;;   %14 = fcmp ule double %3, 0xC1E0000000200000
;;   %15 = fcmp uge double %3, 0x41E0000000000000
;;   %.not7 = or i1 %14, %15
;;   br i1 %.not7, label %trap, label %ok4
;;
;; ok4:                                              ; preds = %ok3
;;   %16 = sdiv i32 %1, %2
;;   %17 = fptosi double %3 to i32
;;   %18 = add i32 %16, %17
;;   ret i32 %18
;; }
