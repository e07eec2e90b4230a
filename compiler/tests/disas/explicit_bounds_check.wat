;; bounds-checks: explicit
;; With --bounds-checks explicit every access compares its last byte (address + offset + size - 1)
;; with the memory's current size and branches to the trap block (code 1) unless it is below
;; it; the trap edge is cold (`!prof`). The size is loaded once before the loop: its alias tag
;; differs from linear memory's, so the stores in the loop do not force a reload. From the check
;; SCEV computes how many iterations stay in bounds, so the iterations that do run as a vector
;; loop without checks, and the scalar loop after it checks each access (translate/bounds_check.rs).
(module
  (memory 1)
  (func (export "scale") (param $p i32) (param $n i32)
    (loop $l
      (i32.store (local.get $p) (i32.mul (i32.load (local.get $p)) (i32.const 3)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))

;; ---- expected IR ----
;; define internal tailcc void @wasm_f0(ptr %0, i32 %1, i32 %2) {
;; entry:
;;   %.fr10 = freeze i32 %2
;;   %3 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %4 = getelementptr inbounds i8, ptr %0, i64 8
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = getelementptr inbounds i8, ptr %5, i64 8
;;   %7 = load i64, ptr %6, align 4, !tbaa !1, !range !4
;;   %8 = zext i32 %1 to i64
;;   %9 = add i32 %.fr10, -1
;;   %10 = zext i32 %9 to i64
;;   %11 = add nuw nsw i64 %8, 3
;;   %umax = tail call i64 @llvm.umax.i64(i64 %7, i64 %11)
;;   %12 = sub nsw i64 %umax, %8
;;   %13 = lshr i64 %12, 2
;;   %umin = tail call i64 @llvm.umin.i64(i64 %10, i64 %13)
;;   %min.iters.check = icmp ult i64 %umin, 8
;;   br i1 %min.iters.check, label %loop.preheader, label %vector.ph
;;
;; vector.ph:                                        ; preds = %entry
;;   %14 = add nuw nsw i64 %umin, 1
;;   %n.mod.vf = and i64 %14, 7
;;   %15 = icmp eq i64 %n.mod.vf, 0
;;   %16 = select i1 %15, i64 8, i64 %n.mod.vf
;;   %n.vec = sub nsw i64 %14, %16
;;   %17 = shl nsw i64 %n.vec, 2
;;   %ind.end = add nsw i64 %17, %8
;;   %.cast = trunc i64 %n.vec to i32
;;   %ind.end7 = sub i32 %.fr10, %.cast
;;   %invariant.gep = getelementptr i8, ptr %3, i64 %8
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %18 = shl i64 %index, 2
;;   %gep = getelementptr i8, ptr %invariant.gep, i64 %18
;;   %19 = getelementptr inbounds i8, ptr %gep, i64 16
;;   %wide.load = load <4 x i32>, ptr %gep, align 1, !tbaa !5
;;   %wide.load9 = load <4 x i32>, ptr %19, align 1, !tbaa !5
;;   %20 = mul <4 x i32> %wide.load, <i32 3, i32 3, i32 3, i32 3>
;;   %21 = mul <4 x i32> %wide.load9, <i32 3, i32 3, i32 3, i32 3>
;;   store <4 x i32> %20, ptr %gep, align 1, !tbaa !5
;;   store <4 x i32> %21, ptr %19, align 1, !tbaa !5
;;   %index.next = add nuw i64 %index, 8
;;   %22 = icmp eq i64 %index.next, %n.vec
;;   br i1 %22, label %loop.preheader, label %vector.body, !llvm.loop !7
;;
;; loop.preheader:                                   ; preds = %vector.body, %entry
;;   %indvars.iv.ph = phi i64 [ %8, %entry ], [ %ind.end, %vector.body ]
;;   %.03.ph = phi i32 [ %.fr10, %entry ], [ %ind.end7, %vector.body ]
;;   br label %loop
;;
;; loop:                                             ; preds = %loop.preheader, %ok2
;;   %indvars.iv = phi i64 [ %indvars.iv.next, %ok2 ], [ %indvars.iv.ph, %loop.preheader ]
;;   %.03 = phi i32 [ %27, %ok2 ], [ %.03.ph, %loop.preheader ]
;;   %23 = add nuw nsw i64 %indvars.iv, 3
;;   %.not = icmp ult i64 %23, %7
;;   br i1 %.not, label %ok2, label %trap, !prof !10
;;
;; trap:                                             ; preds = %loop
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 1)
;;   unreachable
;;
;; ok2:                                              ; preds = %loop
;;   %24 = getelementptr inbounds i8, ptr %3, i64 %indvars.iv
;;   %25 = load i32, ptr %24, align 1, !tbaa !5
;;   %26 = mul i32 %25, 3
;;   store i32 %26, ptr %24, align 1, !tbaa !5
;;   %indvars.iv.next = add nuw nsw i64 %indvars.iv, 4
;;   %27 = add i32 %.03, -1
;;   %.not5 = icmp eq i32 %27, 0
;;   br i1 %.not5, label %cont, label %loop, !llvm.loop !11
;;
;; cont:                                             ; preds = %ok2
;;   ret void
;; }
