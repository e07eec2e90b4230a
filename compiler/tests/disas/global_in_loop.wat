;; opt: 2
;; Globals and linear memory never alias (TBAA tags): the loop keeps the global's value in a
;; register instead of reloading it after every store to memory, and writes it back once.
(module
  (memory 1)
  (global $sp (mut i32) (i32.const 1024))
  (func (export "fill") (param $n i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (global.set $sp (i32.sub (global.get $sp) (i32.const 4)))
        (i32.store (global.get $sp) (local.get $n))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))))

;; ---- expected IR ----
;; define internal tailcc void @wasm_f0(ptr nocapture readonly %0, i32 %1) {
;; entry:
;;   %2 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %3 = icmp eq i32 %1, 0
;;   br i1 %3, label %next1, label %cont.lr.ph
;;
;; cont.lr.ph:                                       ; preds = %entry
;;   %4 = getelementptr inbounds i8, ptr %0, i64 16
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = load ptr, ptr %5, align 8, !invariant.load !0
;;   %.promoted = load i32, ptr %6, align 4, !tbaa !1
;;   %min.iters.check = icmp ult i32 %1, 20
;;   br i1 %min.iters.check, label %cont.preheader, label %vector.scevcheck
;;
;; cont.preheader:                                   ; preds = %middle.block, %vector.scevcheck, %cont.lr.ph
;;   %.ph = phi i32 [ %.promoted, %vector.scevcheck ], [ %.promoted, %cont.lr.ph ], [ %ind.end, %middle.block ]
;;   %.03.ph = phi i32 [ %1, %vector.scevcheck ], [ %1, %cont.lr.ph ], [ %ind.end4, %middle.block ]
;;   %7 = add i32 %.03.ph, -1
;;   %xtraiter = and i32 %.03.ph, 3
;;   %lcmp.mod.not = icmp eq i32 %xtraiter, 0
;;   br i1 %lcmp.mod.not, label %cont.prol.loopexit, label %cont.prol
;;
;; cont.prol:                                        ; preds = %cont.preheader, %cont.prol
;;   %8 = phi i32 [ %9, %cont.prol ], [ %.ph, %cont.preheader ]
;;   %.03.prol = phi i32 [ %12, %cont.prol ], [ %.03.ph, %cont.preheader ]
;;   %prol.iter = phi i32 [ %prol.iter.next, %cont.prol ], [ 0, %cont.preheader ]
;;   %9 = add i32 %8, -4
;;   %10 = zext i32 %9 to i64
;;   %11 = getelementptr inbounds i8, ptr %2, i64 %10
;;   store i32 %.03.prol, ptr %11, align 1, !tbaa !4
;;   %12 = add i32 %.03.prol, -1
;;   %prol.iter.next = add i32 %prol.iter, 1
;;   %prol.iter.cmp.not = icmp eq i32 %prol.iter.next, %xtraiter
;;   br i1 %prol.iter.cmp.not, label %cont.prol.loopexit, label %cont.prol, !llvm.loop !6
;;
;; cont.prol.loopexit:                               ; preds = %cont.prol, %cont.preheader
;;   %.lcssa8.unr = phi i32 [ poison, %cont.preheader ], [ %9, %cont.prol ]
;;   %.unr = phi i32 [ %.ph, %cont.preheader ], [ %9, %cont.prol ]
;;   %.03.unr = phi i32 [ %.03.ph, %cont.preheader ], [ %12, %cont.prol ]
;;   %13 = icmp ult i32 %7, 3
;;   br i1 %13, label %loop.next1_crit_edge, label %cont
;;
;; vector.scevcheck:                                 ; preds = %cont.lr.ph
;;   %14 = add i32 %1, -1
;;   %15 = add i32 %.promoted, -4
;;   %mul.result = shl i32 %14, 2
;;   %mul.overflow = icmp ugt i32 %14, 1073741823
;;   %16 = icmp ugt i32 %mul.result, %15
;;   %17 = or i1 %16, %mul.overflow
;;   br i1 %17, label %cont.preheader, label %vector.ph
;;
;; vector.ph:                                        ; preds = %vector.scevcheck
;;   %n.vec = and i32 %1, 2147483640
;;   %18 = shl i32 %n.vec, 2
;;   %ind.end = sub i32 %.promoted, %18
;;   %ind.end4 = and i32 %1, 7
;;   %.splatinsert = insertelement <4 x i32> poison, i32 %1, i64 0
;;   %.splat = shufflevector <4 x i32> %.splatinsert, <4 x i32> poison, <4 x i32> zeroinitializer
;;   %induction = add nsw <4 x i32> %.splat, <i32 0, i32 -1, i32 -2, i32 -3>
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i32 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %vec.ind = phi <4 x i32> [ %induction, %vector.ph ], [ %vec.ind.next, %vector.body ]
;;   %step.add = add <4 x i32> %vec.ind, <i32 -4, i32 -4, i32 -4, i32 -4>
;;   %19 = shl i32 %index, 2
;;   %offset.idx = sub i32 %.promoted, %19
;;   %20 = add i32 %offset.idx, -4
;;   %21 = zext i32 %20 to i64
;;   %22 = getelementptr inbounds i8, ptr %2, i64 %21
;;   %23 = getelementptr inbounds i8, ptr %22, i64 -12
;;   %24 = getelementptr inbounds i8, ptr %22, i64 -28
;;   %reverse = shufflevector <4 x i32> %vec.ind, <4 x i32> poison, <4 x i32> <i32 3, i32 2, i32 1, i32 0>
;;   store <4 x i32> %reverse, ptr %23, align 1, !tbaa !4
;;   %reverse7 = shufflevector <4 x i32> %step.add, <4 x i32> poison, <4 x i32> <i32 3, i32 2, i32 1, i32 0>
;;   store <4 x i32> %reverse7, ptr %24, align 1, !tbaa !4
;;   %index.next = add nuw i32 %index, 8
;;   %vec.ind.next = add <4 x i32> %vec.ind, <i32 -8, i32 -8, i32 -8, i32 -8>
;;   %25 = icmp eq i32 %index.next, %n.vec
;;   br i1 %25, label %middle.block, label %vector.body, !llvm.loop !8
;;
;; middle.block:                                     ; preds = %vector.body
;;   %cmp.n = icmp eq i32 %n.vec, %1
;;   br i1 %cmp.n, label %loop.next1_crit_edge, label %cont.preheader
;;
;; loop.next1_crit_edge:                             ; preds = %cont.prol.loopexit, %cont, %middle.block
;;   %.lcssa = phi i32 [ %ind.end, %middle.block ], [ %.lcssa8.unr, %cont.prol.loopexit ], [ %39, %cont ]
;;   store i32 %.lcssa, ptr %6, align 4, !tbaa !1
;;   br label %next1
;;
;; next1:                                            ; preds = %loop.next1_crit_edge, %entry
;;   ret void
;;
;; cont:                                             ; preds = %cont.prol.loopexit, %cont
;;   %26 = phi i32 [ %39, %cont ], [ %.unr, %cont.prol.loopexit ]
;;   %.03 = phi i32 [ %42, %cont ], [ %.03.unr, %cont.prol.loopexit ]
;;   %27 = add i32 %26, -4
;;   %28 = zext i32 %27 to i64
;;   %29 = getelementptr inbounds i8, ptr %2, i64 %28
;;   store i32 %.03, ptr %29, align 1, !tbaa !4
;;   %30 = add i32 %.03, -1
;;   %31 = add i32 %26, -8
;;   %32 = zext i32 %31 to i64
;;   %33 = getelementptr inbounds i8, ptr %2, i64 %32
;;   store i32 %30, ptr %33, align 1, !tbaa !4
;;   %34 = add i32 %.03, -2
;;   %35 = add i32 %26, -12
;;   %36 = zext i32 %35 to i64
;;   %37 = getelementptr inbounds i8, ptr %2, i64 %36
;;   store i32 %34, ptr %37, align 1, !tbaa !4
;;   %38 = add i32 %.03, -3
;;   %39 = add i32 %26, -16
;;   %40 = zext i32 %39 to i64
;;   %41 = getelementptr inbounds i8, ptr %2, i64 %40
;;   store i32 %38, ptr %41, align 1, !tbaa !4
;;   %42 = add i32 %.03, -4
;;   %43 = icmp eq i32 %42, 0
;;   br i1 %43, label %loop.next1_crit_edge, label %cont, !llvm.loop !11
;; }
