;; A loop over an array of i64 in a 64-bit memory (memory64) at -O2. Every access to a 64-bit
;; memory is checked explicitly, as `address <u umax(size, 7) - 7` (7: the last byte's offset),
;; which no wrapping sum can pass. The limit is invariant in the loop, of known range (the size's
;; `!range`: at most 64 GiB), so SCEV computes the check's exit count: the iterations that pass
;; every check (`umin` of the loop's count and the check's, in `entry`) run as a vector loop
;; without checks, and the scalar loop after it keeps one compare per access, so an
;; out-of-bounds access still traps exactly where it would have.
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
;;   %.fr = freeze i64 %2
;;   %3 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %4 = getelementptr inbounds i8, ptr %0, i64 8
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = getelementptr inbounds i8, ptr %5, i64 8
;;   %7 = load i64, ptr %6, align 4, !tbaa !1, !range !4
;;   %8 = tail call i64 @llvm.umax.i64(i64 %7, i64 7)
;;   %9 = add nsw i64 %8, -7
;;   %10 = add i64 %.fr, -1
;;   %umax = tail call i64 @llvm.umax.i64(i64 %1, i64 %9)
;;   %11 = add i64 %umax, 7
;;   %12 = sub i64 %11, %1
;;   %13 = lshr i64 %12, 3
;;   %umin = tail call i64 @llvm.umin.i64(i64 %10, i64 %13)
;;   %min.iters.check = icmp ult i64 %umin, 4
;;   br i1 %min.iters.check, label %loop.preheader, label %vector.ph
;;
;; vector.ph:                                        ; preds = %entry
;;   %14 = add nuw nsw i64 %umin, 1
;;   %n.mod.vf = and i64 %14, 3
;;   %15 = icmp eq i64 %n.mod.vf, 0
;;   %16 = select i1 %15, i64 4, i64 %n.mod.vf
;;   %n.vec = sub nsw i64 %14, %16
;;   %ind.end = sub i64 %.fr, %n.vec
;;   %17 = shl i64 %n.vec, 3
;;   %ind.end6 = add i64 %17, %1
;;   %invariant.gep = getelementptr i8, ptr %3, i64 %1
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %18 = shl i64 %index, 3
;;   %gep = getelementptr i8, ptr %invariant.gep, i64 %18
;;   %19 = getelementptr inbounds i8, ptr %gep, i64 16
;;   %wide.load = load <2 x i64>, ptr %gep, align 1, !tbaa !5
;;   %wide.load8 = load <2 x i64>, ptr %19, align 1, !tbaa !5
;;   %20 = shl <2 x i64> %wide.load, <i64 1, i64 1>
;;   %21 = shl <2 x i64> %wide.load8, <i64 1, i64 1>
;;   store <2 x i64> %20, ptr %gep, align 1, !tbaa !5
;;   store <2 x i64> %21, ptr %19, align 1, !tbaa !5
;;   %index.next = add nuw i64 %index, 4
;;   %22 = icmp eq i64 %index.next, %n.vec
;;   br i1 %22, label %loop.preheader, label %vector.body, !llvm.loop !7
;;
;; loop.preheader:                                   ; preds = %vector.body, %entry
;;   %.03.ph = phi i64 [ %.fr, %entry ], [ %ind.end, %vector.body ]
;;   %.0.ph = phi i64 [ %1, %entry ], [ %ind.end6, %vector.body ]
;;   br label %loop
;;
;; loop:                                             ; preds = %loop.preheader, %ok2
;;   %.03 = phi i64 [ %27, %ok2 ], [ %.03.ph, %loop.preheader ]
;;   %.0 = phi i64 [ %26, %ok2 ], [ %.0.ph, %loop.preheader ]
;;   %.not = icmp ult i64 %.0, %9
;;   br i1 %.not, label %ok2, label %trap, !prof !10
;;
;; trap:                                             ; preds = %loop
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 1)
;;   unreachable
;;
;; ok2:                                              ; preds = %loop
;;   %23 = getelementptr inbounds i8, ptr %3, i64 %.0
;;   %24 = load i64, ptr %23, align 1, !tbaa !5
;;   %25 = shl i64 %24, 1
;;   store i64 %25, ptr %23, align 1, !tbaa !5
;;   %26 = add nuw nsw i64 %.0, 8
;;   %27 = add i64 %.03, -1
;;   %.not5 = icmp eq i64 %27, 0
;;   br i1 %.not5, label %cont, label %loop, !llvm.loop !11
;;
;; cont:                                             ; preds = %ok2
;;   ret void
;; }
