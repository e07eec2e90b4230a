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
;; define internal void @wasm_f0(ptr %0, i32 %1) {
;; entry:
;;   %2 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = getelementptr inbounds i8, ptr %0, i64 48
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = load i64, ptr %5, align 4
;;   %7 = icmp ugt i64 %6, %3
;;   br i1 %7, label %trap, label %loop.preheader
;;
;; loop.preheader:                                   ; preds = %entry
;;   %8 = icmp eq i32 %1, 0
;;   br i1 %8, label %next1, label %cont.lr.ph
;;
;; cont.lr.ph:                                       ; preds = %loop.preheader
;;   %9 = getelementptr inbounds i8, ptr %0, i64 16
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !0
;;   %.promoted = load i32, ptr %11, align 4, !tbaa !1
;;   %min.iters.check = icmp ult i32 %1, 20
;;   br i1 %min.iters.check, label %cont.preheader, label %vector.scevcheck
;;
;; cont.preheader:                                   ; preds = %middle.block, %vector.scevcheck, %cont.lr.ph
;;   %.ph = phi i32 [ %.promoted, %vector.scevcheck ], [ %.promoted, %cont.lr.ph ], [ %ind.end, %middle.block ]
;;   %.05.ph = phi i32 [ %1, %vector.scevcheck ], [ %1, %cont.lr.ph ], [ %ind.end6, %middle.block ]
;;   %12 = add i32 %.05.ph, -1
;;   %xtraiter = and i32 %.05.ph, 3
;;   %lcmp.mod.not = icmp eq i32 %xtraiter, 0
;;   br i1 %lcmp.mod.not, label %cont.prol.loopexit, label %cont.prol
;;
;; cont.prol:                                        ; preds = %cont.preheader, %cont.prol
;;   %13 = phi i32 [ %14, %cont.prol ], [ %.ph, %cont.preheader ]
;;   %.05.prol = phi i32 [ %17, %cont.prol ], [ %.05.ph, %cont.preheader ]
;;   %prol.iter = phi i32 [ %prol.iter.next, %cont.prol ], [ 0, %cont.preheader ]
;;   %14 = add i32 %13, -4
;;   %15 = zext i32 %14 to i64
;;   %16 = getelementptr i8, ptr %2, i64 %15
;;   store i32 %.05.prol, ptr %16, align 1, !tbaa !4
;;   %17 = add i32 %.05.prol, -1
;;   %prol.iter.next = add i32 %prol.iter, 1
;;   %prol.iter.cmp.not = icmp eq i32 %prol.iter.next, %xtraiter
;;   br i1 %prol.iter.cmp.not, label %cont.prol.loopexit, label %cont.prol, !llvm.loop !6
;;
;; cont.prol.loopexit:                               ; preds = %cont.prol, %cont.preheader
;;   %.lcssa10.unr = phi i32 [ poison, %cont.preheader ], [ %14, %cont.prol ]
;;   %.unr = phi i32 [ %.ph, %cont.preheader ], [ %14, %cont.prol ]
;;   %.05.unr = phi i32 [ %.05.ph, %cont.preheader ], [ %17, %cont.prol ]
;;   %18 = icmp ult i32 %12, 3
;;   br i1 %18, label %loop.next1_crit_edge, label %cont
;;
;; vector.scevcheck:                                 ; preds = %cont.lr.ph
;;   %19 = add i32 %1, -1
;;   %20 = add i32 %.promoted, -4
;;   %mul.result = shl i32 %19, 2
;;   %mul.overflow = icmp ugt i32 %19, 1073741823
;;   %21 = icmp ugt i32 %mul.result, %20
;;   %22 = or i1 %21, %mul.overflow
;;   br i1 %22, label %cont.preheader, label %vector.ph
;;
;; vector.ph:                                        ; preds = %vector.scevcheck
;;   %n.vec = and i32 %1, 2147483640
;;   %23 = shl i32 %n.vec, 2
;;   %ind.end = sub i32 %.promoted, %23
;;   %ind.end6 = and i32 %1, 7
;;   %.splatinsert = insertelement <4 x i32> poison, i32 %1, i64 0
;;   %.splat = shufflevector <4 x i32> %.splatinsert, <4 x i32> poison, <4 x i32> zeroinitializer
;;   %induction = add nsw <4 x i32> %.splat, <i32 0, i32 -1, i32 -2, i32 -3>
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i32 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %vec.ind = phi <4 x i32> [ %induction, %vector.ph ], [ %vec.ind.next, %vector.body ]
;;   %step.add = add <4 x i32> %vec.ind, <i32 -4, i32 -4, i32 -4, i32 -4>
;;   %24 = shl i32 %index, 2
;;   %offset.idx = sub i32 %.promoted, %24
;;   %25 = add i32 %offset.idx, -4
;;   %26 = zext i32 %25 to i64
;;   %27 = getelementptr i8, ptr %2, i64 %26
;;   %28 = getelementptr i8, ptr %27, i64 -12
;;   %29 = getelementptr i8, ptr %27, i64 -28
;;   %reverse = shufflevector <4 x i32> %vec.ind, <4 x i32> poison, <4 x i32> <i32 3, i32 2, i32 1, i32 0>
;;   store <4 x i32> %reverse, ptr %28, align 1, !tbaa !4
;;   %reverse9 = shufflevector <4 x i32> %step.add, <4 x i32> poison, <4 x i32> <i32 3, i32 2, i32 1, i32 0>
;;   store <4 x i32> %reverse9, ptr %29, align 1, !tbaa !4
;;   %index.next = add nuw i32 %index, 8
;;   %vec.ind.next = add <4 x i32> %vec.ind, <i32 -8, i32 -8, i32 -8, i32 -8>
;;   %30 = icmp eq i32 %index.next, %n.vec
;;   br i1 %30, label %middle.block, label %vector.body, !llvm.loop !8
;;
;; middle.block:                                     ; preds = %vector.body
;;   %cmp.n = icmp eq i32 %n.vec, %1
;;   br i1 %cmp.n, label %loop.next1_crit_edge, label %cont.preheader
;;
;; trap:                                             ; preds = %entry
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 9)
;;   unreachable
;;
;; loop.next1_crit_edge:                             ; preds = %cont.prol.loopexit, %cont, %middle.block
;;   %.lcssa = phi i32 [ %ind.end, %middle.block ], [ %.lcssa10.unr, %cont.prol.loopexit ], [ %44, %cont ]
;;   store i32 %.lcssa, ptr %11, align 4, !tbaa !1
;;   br label %next1
;;
;; next1:                                            ; preds = %loop.next1_crit_edge, %loop.preheader
;;   ret void
;;
;; cont:                                             ; preds = %cont.prol.loopexit, %cont
;;   %31 = phi i32 [ %44, %cont ], [ %.unr, %cont.prol.loopexit ]
;;   %.05 = phi i32 [ %47, %cont ], [ %.05.unr, %cont.prol.loopexit ]
;;   %32 = add i32 %31, -4
;;   %33 = zext i32 %32 to i64
;;   %34 = getelementptr i8, ptr %2, i64 %33
;;   store i32 %.05, ptr %34, align 1, !tbaa !4
;;   %35 = add i32 %.05, -1
;;   %36 = add i32 %31, -8
;;   %37 = zext i32 %36 to i64
;;   %38 = getelementptr i8, ptr %2, i64 %37
;;   store i32 %35, ptr %38, align 1, !tbaa !4
;;   %39 = add i32 %.05, -2
;;   %40 = add i32 %31, -12
;;   %41 = zext i32 %40 to i64
;;   %42 = getelementptr i8, ptr %2, i64 %41
;;   store i32 %39, ptr %42, align 1, !tbaa !4
;;   %43 = add i32 %.05, -3
;;   %44 = add i32 %31, -16
;;   %45 = zext i32 %44 to i64
;;   %46 = getelementptr i8, ptr %2, i64 %45
;;   store i32 %43, ptr %46, align 1, !tbaa !4
;;   %47 = add i32 %.05, -4
;;   %48 = icmp eq i32 %47, 0
;;   br i1 %48, label %loop.next1_crit_edge, label %cont, !llvm.loop !11
;; }
