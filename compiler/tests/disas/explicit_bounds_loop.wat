;; bounds-checks: explicit
;; A loop unrolled by two (`p[0]`, `p[1]` = `p`, `p + 4`, then `p += 8`), as clang writes array
;; loops for Wasm, with explicit bounds checks. Each check is `last byte <u memory size`, which
;; SCEV turns into an exit count, so the vectorizer runs the iterations that provably pass every
;; check (`umin` of the loop's count and of the checks' counts, in `entry`) as a vector loop
;; without checks; the scalar loop that follows keeps one check per access (the second one, at
;; `p + 4`, is implied by nothing before it) and runs the rest, so an out-of-bounds access
;; still traps exactly where it would have, after every store before it.
(module
  (memory 1)
  (func (export "double") (param $p i32) (param $n i32)
    (loop $l
      (i32.store (local.get $p) (i32.shl (i32.load (local.get $p)) (i32.const 1)))
      (i32.store offset=4 (local.get $p) (i32.shl (i32.load offset=4 (local.get $p)) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))

;; ---- expected IR ----
;; define internal tailcc void @wasm_f0(ptr %0, i32 %1, i32 %2) {
;; entry:
;;   %.fr15 = freeze i32 %2
;;   %3 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %4 = getelementptr inbounds i8, ptr %0, i64 8
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = getelementptr inbounds i8, ptr %5, i64 8
;;   %7 = load i64, ptr %6, align 4, !tbaa !1, !range !4
;;   %8 = zext i32 %1 to i64
;;   %9 = add i32 %.fr15, -1
;;   %10 = zext i32 %9 to i64
;;   %11 = add nuw nsw i64 %8, 3
;;   %umax = tail call i64 @llvm.umax.i64(i64 %7, i64 %11)
;;   %12 = add nuw nsw i64 %umax, 4
;;   %13 = sub nsw i64 %12, %8
;;   %14 = lshr i64 %13, 3
;;   %15 = add nuw nsw i64 %8, 7
;;   %umax10 = tail call i64 @llvm.umax.i64(i64 %7, i64 %15)
;;   %16 = sub nsw i64 %umax10, %8
;;   %17 = lshr i64 %16, 3
;;   %umin = tail call i64 @llvm.umin.i64(i64 %14, i64 %17)
;;   %umin11 = tail call i64 @llvm.umin.i64(i64 %10, i64 %umin)
;;   %min.iters.check = icmp ult i64 %umin11, 2
;;   br i1 %min.iters.check, label %loop.preheader, label %vector.ph
;;
;; vector.ph:                                        ; preds = %entry
;;   %n.vec = and i64 %umin11, 4294967294
;;   %18 = shl nuw nsw i64 %n.vec, 3
;;   %ind.end = add nuw nsw i64 %18, %8
;;   %.cast = trunc nuw i64 %n.vec to i32
;;   %ind.end12 = sub i32 %.fr15, %.cast
;;   %invariant.gep = getelementptr i8, ptr %3, i64 %8
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %19 = shl i64 %index, 3
;;   %gep = getelementptr i8, ptr %invariant.gep, i64 %19
;;   %20 = load <4 x i32>, ptr %gep, align 1, !tbaa !5
;;   %interleaved.vec = shl <4 x i32> %20, <i32 1, i32 1, i32 1, i32 1>
;;   store <4 x i32> %interleaved.vec, ptr %gep, align 1, !tbaa !5
;;   %index.next = add nuw i64 %index, 2
;;   %21 = icmp eq i64 %index.next, %n.vec
;;   br i1 %21, label %loop.preheader, label %vector.body, !llvm.loop !7
;;
;; loop.preheader:                                   ; preds = %vector.body, %entry
;;   %indvars.iv.ph = phi i64 [ %8, %entry ], [ %ind.end, %vector.body ]
;;   %.05.ph = phi i32 [ %.fr15, %entry ], [ %ind.end12, %vector.body ]
;;   br label %loop
;;
;; loop:                                             ; preds = %loop.preheader, %ok4
;;   %indvars.iv = phi i64 [ %indvars.iv.next, %ok4 ], [ %indvars.iv.ph, %loop.preheader ]
;;   %.05 = phi i32 [ %30, %ok4 ], [ %.05.ph, %loop.preheader ]
;;   %22 = add nuw nsw i64 %indvars.iv, 3
;;   %.not = icmp ult i64 %22, %7
;;   br i1 %.not, label %ok2, label %trap, !prof !10
;;
;; trap:                                             ; preds = %ok2, %loop
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 1)
;;   unreachable
;;
;; ok2:                                              ; preds = %loop
;;   %23 = getelementptr inbounds i8, ptr %3, i64 %indvars.iv
;;   %24 = load i32, ptr %23, align 1, !tbaa !5
;;   %25 = shl i32 %24, 1
;;   store i32 %25, ptr %23, align 1, !tbaa !5
;;   %26 = add nuw nsw i64 %indvars.iv, 7
;;   %.not7 = icmp ult i64 %26, %7
;;   br i1 %.not7, label %ok4, label %trap, !prof !10
;;
;; ok4:                                              ; preds = %ok2
;;   %27 = getelementptr inbounds i8, ptr %23, i64 4
;;   %28 = load i32, ptr %27, align 1, !tbaa !5
;;   %29 = shl i32 %28, 1
;;   store i32 %29, ptr %27, align 1, !tbaa !5
;;   %indvars.iv.next = add nuw nsw i64 %indvars.iv, 8
;;   %30 = add i32 %.05, -1
;;   %.not8 = icmp eq i32 %30, 0
;;   br i1 %.not8, label %cont, label %loop, !llvm.loop !11
;;
;; cont:                                             ; preds = %ok4
;;   ret void
;; }
