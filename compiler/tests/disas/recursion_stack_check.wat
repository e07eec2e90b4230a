;; opt: 2
;; A function that calls checks the stack pointer against the thread's limit in its prologue
;; (trap code 9, call stack exhausted), and its recursive call stays a real call (`notail`), so
;; runaway recursion traps instead of becoming a loop.
(module
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1))))))))

;; ---- expected IR ----
;; define internal tailcc i64 @wasm_f0_fac(ptr %0, i64 %1) {
;; entry:
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %2 = ptrtoint ptr %sp to i64
;;   %3 = getelementptr inbounds i8, ptr %0, i64 48
;;   %4 = load ptr, ptr %3, align 8, !invariant.load !0
;;   %5 = load i64, ptr %4, align 4
;;   %6 = icmp ugt i64 %5, %2
;;   br i1 %6, label %trap, label %ok
;;
;; trap:                                             ; preds = %entry
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 9)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %7 = icmp eq i64 %1, 0
;;   br i1 %7, label %next1, label %else
;;
;; else:                                             ; preds = %ok
;;   %8 = add i64 %1, -1
;;   %9 = notail call tailcc i64 @wasm_f0_fac(ptr nonnull %0, i64 %8)
;;   %10 = mul i64 %9, %1
;;   br label %next1
;;
;; next1:                                            ; preds = %ok, %else
;;   %11 = phi i64 [ %10, %else ], [ 1, %ok ]
;;   ret i64 %11
;; }
