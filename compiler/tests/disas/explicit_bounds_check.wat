;; bounds-checks: explicit
;; With --bounds-checks explicit every access compares its end (address + offset + size) with
;; the memory's current size and branches to the trap block (code 1) when it is past it. The
;; size is loaded once before the loop: its alias tag differs from linear memory's, so the
;; stores in the loop do not force a reload.
(module
  (memory 1)
  (func (export "scale") (param $p i32) (param $n i32)
    (loop $l
      (i32.store (local.get $p) (i32.mul (i32.load (local.get $p)) (i32.const 3)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))

;; ---- expected IR ----
;; define internal void @wasm_f0(ptr %0, i32 %1, i32 %2) {
;; entry:
;;   %3 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %4 = getelementptr inbounds i8, ptr %0, i64 8
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = getelementptr inbounds i8, ptr %5, i64 8
;;   %7 = load i64, ptr %6, align 4, !tbaa !1
;;   %8 = zext i32 %1 to i64
;;   br label %loop
;;
;; loop:                                             ; preds = %ok2, %entry
;;   %indvars.iv = phi i64 [ %9, %ok2 ], [ %8, %entry ]
;;   %.03 = phi i32 [ %14, %ok2 ], [ %2, %entry ]
;;   %9 = add nuw nsw i64 %indvars.iv, 4
;;   %10 = icmp ugt i64 %9, %7
;;   br i1 %10, label %trap, label %ok2
;;
;; trap:                                             ; preds = %loop
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 1)
;;   unreachable
;;
;; ok2:                                              ; preds = %loop
;;   %11 = getelementptr inbounds i8, ptr %3, i64 %indvars.iv
;;   %12 = load i32, ptr %11, align 1, !tbaa !4
;;   %13 = mul i32 %12, 3
;;   store i32 %13, ptr %11, align 1, !tbaa !4
;;   %14 = add i32 %.03, -1
;;   %.not = icmp eq i32 %14, 0
;;   br i1 %.not, label %cont, label %loop
;;
;; cont:                                             ; preds = %ok2
;;   ret void
;; }
