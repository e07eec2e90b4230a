;; opt: 2
;; Multi-memory: memory 1 is as fast as memory 0. Its base is loaded once, outside the loop
;; (from the vmctx's memory array, an invariant load), there is no bounds check under guard
;; pages, and the loop that adds memory 1's words into memory 0's vectorizes like a loop over
;; one memory.
(module
  (memory 1)
  (memory $m1 1)
  (func (export "add") (param $n i32)
    (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (local.get $i)
          (i32.add (i32.load (local.get $i)) (i32.load $m1 (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $l)))))

;; ---- expected IR ----
;; define internal tailcc void @wasm_f0(ptr nocapture readonly %0, i32 %1) {
;; entry:
;;   %2 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %3 = getelementptr inbounds i8, ptr %0, i64 72
;;   %4 = load ptr, ptr %3, align 8, !invariant.load !0
;;   %5 = getelementptr inbounds i8, ptr %4, i64 8
;;   %6 = load ptr, ptr %5, align 8, !invariant.load !0
;;   %7 = load ptr, ptr %6, align 8, !invariant.load !0
;;   %.not3.not = icmp eq i32 %1, 0
;;   br i1 %.not3.not, label %next1, label %cont.preheader
;;
;; cont.preheader:                                   ; preds = %entry
;;   %8 = zext i32 %1 to i64
;;   %9 = add nsw i64 %8, -1
;;   %10 = lshr i64 %9, 2
;;   %11 = add nuw nsw i64 %10, 1
;;   %min.iters.check = icmp ult i32 %1, 45
;;   br i1 %min.iters.check, label %cont.preheader10, label %vector.memcheck
;;
;; cont.preheader10:                                 ; preds = %middle.block, %vector.memcheck, %cont.preheader
;;   %indvars.iv.ph = phi i64 [ 0, %vector.memcheck ], [ 0, %cont.preheader ], [ %ind.end, %middle.block ]
;;   br label %cont
;;
;; vector.memcheck:                                  ; preds = %cont.preheader
;;   %12 = add nsw i64 %8, -1
;;   %13 = and i64 %12, -4
;;   %14 = add nsw i64 %13, 4
;;   %scevgep = getelementptr i8, ptr %2, i64 %14
;;   %scevgep6 = getelementptr i8, ptr %7, i64 %14
;;   %bound0 = icmp ult ptr %2, %scevgep6
;;   %bound1 = icmp ult ptr %7, %scevgep
;;   %found.conflict = and i1 %bound0, %bound1
;;   br i1 %found.conflict, label %cont.preheader10, label %vector.ph
;;
;; vector.ph:                                        ; preds = %vector.memcheck
;;   %n.vec = and i64 %11, 9223372036854775800
;;   %ind.end = shl i64 %n.vec, 2
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %offset.idx = shl i64 %index, 2
;;   %15 = getelementptr inbounds i8, ptr %2, i64 %offset.idx
;;   %16 = getelementptr inbounds i8, ptr %15, i64 16
;;   %wide.load = load <4 x i32>, ptr %15, align 1, !tbaa !1, !alias.scope !4, !noalias !7
;;   %wide.load7 = load <4 x i32>, ptr %16, align 1, !tbaa !1, !alias.scope !4, !noalias !7
;;   %17 = getelementptr inbounds i8, ptr %7, i64 %offset.idx
;;   %18 = getelementptr inbounds i8, ptr %17, i64 16
;;   %wide.load8 = load <4 x i32>, ptr %17, align 1, !tbaa !1, !alias.scope !7
;;   %wide.load9 = load <4 x i32>, ptr %18, align 1, !tbaa !1, !alias.scope !7
;;   %19 = add <4 x i32> %wide.load8, %wide.load
;;   %20 = add <4 x i32> %wide.load9, %wide.load7
;;   store <4 x i32> %19, ptr %15, align 1, !tbaa !1, !alias.scope !4, !noalias !7
;;   store <4 x i32> %20, ptr %16, align 1, !tbaa !1, !alias.scope !4, !noalias !7
;;   %index.next = add nuw i64 %index, 8
;;   %21 = icmp eq i64 %index.next, %n.vec
;;   br i1 %21, label %middle.block, label %vector.body, !llvm.loop !9
;;
;; middle.block:                                     ; preds = %vector.body
;;   %cmp.n = icmp eq i64 %11, %n.vec
;;   br i1 %cmp.n, label %next1, label %cont.preheader10
;;
;; next1:                                            ; preds = %cont, %middle.block, %entry
;;   ret void
;;
;; cont:                                             ; preds = %cont.preheader10, %cont
;;   %indvars.iv = phi i64 [ %indvars.iv.next, %cont ], [ %indvars.iv.ph, %cont.preheader10 ]
;;   %22 = getelementptr inbounds i8, ptr %2, i64 %indvars.iv
;;   %23 = load i32, ptr %22, align 1, !tbaa !1
;;   %24 = getelementptr inbounds i8, ptr %7, i64 %indvars.iv
;;   %25 = load i32, ptr %24, align 1, !tbaa !1
;;   %26 = add i32 %25, %23
;;   store i32 %26, ptr %22, align 1, !tbaa !1
;;   %indvars.iv.next = add nuw nsw i64 %indvars.iv, 4
;;   %.not = icmp ult i64 %indvars.iv.next, %8
;;   br i1 %.not, label %cont, label %next1, !llvm.loop !12
;; }
