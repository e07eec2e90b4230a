;; A loop over an array of i64 in a 64-bit memory (memory64) at -O2. Every access to a 64-bit
;; memory is checked explicitly, in i128 where `address + offset + bytes - 1` cannot wrap
;; (`zext(p) + 7 <u zext(size)`). That is still an add recurrence compared with a loop invariant
;; of known range (the size's `!range`: at most 64 GiB), so SCEV computes the check's exit
;; count: the iterations that pass every check (`umin` of the loop's count and the check's, in
;; `entry`) run as a vector loop without checks, and the scalar loop after it keeps one check
;; per access, so an out-of-bounds access still traps exactly where it would have.
(module
  (memory i64 1)
  (func (export "double") (param $p i64) (param $n i64)
    (loop $l
      (i64.store (local.get $p) (i64.shl (i64.load (local.get $p)) (i64.const 1)))
      (local.set $p (i64.add (local.get $p) (i64.const 8)))
      (br_if $l (i64.ne (local.tee $n (i64.sub (local.get $n) (i64.const 1))) (i64.const 0))))))

;; ---- expected IR ----
;; define internal tailcc void @wasm_f0(ptr %0, i64 %1, i64 %2) {
;; entry:
;;   %.fr9 = freeze i64 %2
;;   %3 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %4 = getelementptr inbounds i8, ptr %0, i64 8
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = getelementptr inbounds i8, ptr %5, i64 8
;;   %7 = load i64, ptr %6, align 4, !tbaa !1, !range !4
;;   %8 = zext nneg i64 %7 to i128
;;   %9 = add i64 %.fr9, -1
;;   %10 = zext i64 %9 to i128
;;   %11 = zext i64 %1 to i128
;;   %12 = add nuw nsw i128 %11, 7
;;   %umax = tail call i128 @llvm.umax.i128(i128 %12, i128 %8)
;;   %13 = sub nsw i128 %umax, %11
;;   %14 = lshr i128 %13, 3
;;   %umin = tail call i128 @llvm.umin.i128(i128 %10, i128 %14)
;;   %15 = trunc nuw i128 %umin to i64
;;   %16 = add i64 %15, 1
;;   %min.iters.check = icmp ult i64 %16, 5
;;   br i1 %min.iters.check, label %loop.preheader, label %vector.ph
;;
;; vector.ph:                                        ; preds = %entry
;;   %n.mod.vf = and i64 %16, 3
;;   %17 = icmp eq i64 %n.mod.vf, 0
;;   %18 = select i1 %17, i64 4, i64 %n.mod.vf
;;   %n.vec = sub i64 %16, %18
;;   %ind.end = sub i64 %.fr9, %n.vec
;;   %19 = shl i64 %n.vec, 3
;;   %ind.end6 = add i64 %19, %1
;;   %invariant.gep = getelementptr i8, ptr %3, i64 %1
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %20 = shl i64 %index, 3
;;   %gep = getelementptr i8, ptr %invariant.gep, i64 %20
;;   %21 = getelementptr inbounds i8, ptr %gep, i64 16
;;   %wide.load = load <2 x i64>, ptr %gep, align 1, !tbaa !5
;;   %wide.load8 = load <2 x i64>, ptr %21, align 1, !tbaa !5
;;   %22 = shl <2 x i64> %wide.load, <i64 1, i64 1>
;;   %23 = shl <2 x i64> %wide.load8, <i64 1, i64 1>
;;   store <2 x i64> %22, ptr %gep, align 1, !tbaa !5
;;   store <2 x i64> %23, ptr %21, align 1, !tbaa !5
;;   %index.next = add nuw i64 %index, 4
;;   %24 = icmp eq i64 %index.next, %n.vec
;;   br i1 %24, label %loop.preheader, label %vector.body, !llvm.loop !7
;;
;; loop.preheader:                                   ; preds = %vector.body, %entry
;;   %.03.ph = phi i64 [ %.fr9, %entry ], [ %ind.end, %vector.body ]
;;   %.0.ph = phi i64 [ %1, %entry ], [ %ind.end6, %vector.body ]
;;   br label %loop
;;
;; loop:                                             ; preds = %loop.preheader, %ok2
;;   %.03 = phi i64 [ %31, %ok2 ], [ %.03.ph, %loop.preheader ]
;;   %.0 = phi i64 [ %30, %ok2 ], [ %.0.ph, %loop.preheader ]
;;   %25 = zext i64 %.0 to i128
;;   %26 = add nuw nsw i128 %25, 7
;;   %.not = icmp ult i128 %26, %8
;;   br i1 %.not, label %ok2, label %trap, !prof !10
;;
;; trap:                                             ; preds = %loop
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 1)
;;   unreachable
;;
;; ok2:                                              ; preds = %loop
;;   %27 = getelementptr inbounds i8, ptr %3, i64 %.0
;;   %28 = load i64, ptr %27, align 1, !tbaa !5
;;   %29 = shl i64 %28, 1
;;   store i64 %29, ptr %27, align 1, !tbaa !5
;;   %30 = add nuw i64 %.0, 8
;;   %31 = add i64 %.03, -1
;;   %.not5 = icmp eq i64 %31, 0
;;   br i1 %.not5, label %cont, label %loop, !llvm.loop !11
;;
;; cont:                                             ; preds = %ok2
;;   ret void
;; }
