;; opt: 2
;; clang's Wasm output steps pointers with i32.add and unrolls loops by two: c[j] and c[j+1]
;; are `c` and `c + 8`. After the access at `c`, `c + 8` and `c + 16` are `add nuw` (memory
;; stops one page short of 4 GiB), and each root pointer (c, b) gets its own base for LLVM, so
;; the loop vectorizer sees two interleaved streams and one run-time overlap check, c against
;; b. Expect a vector.body with <4 x double> loads and stores and a single found.conflict.
(module
  (memory 1)
  (func (export "axpy2") (param $c i32) (param $b i32) (param $n i32) (param $a f64)
    (local $i i32) (local $t i32)
    (loop $l
      (f64.store (local.get $c) (f64.add (f64.mul (local.get $a) (f64.load (local.get $b))) (f64.load (local.get $c))))
      (local.set $t (i32.add (local.get $c) (i32.const 8)))
      (f64.store (local.get $t)
        (f64.add (f64.mul (local.get $a) (f64.load (i32.add (local.get $b) (i32.const 8)))) (f64.load (local.get $t))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2)))
                        (i32.and (local.get $n) (i32.const 0x7ffffffe)))))))

;; ---- expected IR ----
;; define internal tailcc void @wasm_f0(ptr nocapture readonly %0, i32 %1, i32 %2, i32 %3, double %4) {
;; entry:
;;   %5 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %6 = and i32 %3, 2147483646
;;   %7 = zext i32 %2 to i64
;;   %8 = zext i32 %1 to i64
;;   %invariant.gep = getelementptr inbounds i8, ptr %5, i64 8
;;   %invariant.gep9 = getelementptr inbounds i8, ptr %5, i64 8
;;   %9 = add nsw i32 %6, -2
;;   %10 = lshr exact i32 %9, 1
;;   %narrow = add nuw i32 %10, 1
;;   %11 = zext i32 %narrow to i64
;;   %min.iters.check = icmp ult i32 %9, 10
;;   br i1 %min.iters.check, label %loop.preheader, label %vector.memcheck
;;
;; vector.memcheck:                                  ; preds = %entry
;;   %scevgep = getelementptr i8, ptr %5, i64 %8
;;   %12 = add nsw i32 %6, -2
;;   %13 = lshr exact i32 %12, 1
;;   %14 = zext nneg i32 %13 to i64
;;   %15 = shl nuw nsw i64 %14, 4
;;   %16 = getelementptr i8, ptr %5, i64 %15
;;   %17 = getelementptr i8, ptr %16, i64 %8
;;   %scevgep11 = getelementptr i8, ptr %17, i64 16
;;   %scevgep12 = getelementptr i8, ptr %5, i64 %7
;;   %18 = getelementptr i8, ptr %5, i64 %15
;;   %19 = getelementptr i8, ptr %18, i64 %7
;;   %scevgep13 = getelementptr i8, ptr %19, i64 16
;;   %bound0 = icmp ult ptr %scevgep, %scevgep13
;;   %bound1 = icmp ult ptr %scevgep12, %scevgep11
;;   %found.conflict = and i1 %bound0, %bound1
;;   br i1 %found.conflict, label %loop.preheader, label %vector.ph
;;
;; vector.ph:                                        ; preds = %vector.memcheck
;;   %n.vec = and i64 %11, 4294967294
;;   %20 = shl nuw nsw i64 %n.vec, 4
;;   %ind.end = add nuw nsw i64 %20, %8
;;   %21 = shl nuw nsw i64 %n.vec, 4
;;   %ind.end14 = add nuw nsw i64 %21, %7
;;   %.cast = trunc nuw i64 %n.vec to i32
;;   %ind.end16 = shl i32 %.cast, 1
;;   %broadcast.splatinsert = insertelement <2 x double> poison, double %4, i64 0
;;   %invariant.gep23 = getelementptr i8, ptr %5, i64 %7
;;   %invariant.gep25 = getelementptr i8, ptr %invariant.gep9, i64 -8
;;   %22 = shufflevector <2 x double> %broadcast.splatinsert, <2 x double> poison, <4 x i32> zeroinitializer
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %23 = shl i64 %index, 4
;;   %offset.idx = add i64 %23, %8
;;   %24 = shl i64 %index, 4
;;   %gep24 = getelementptr i8, ptr %invariant.gep23, i64 %24
;;   %wide.vec = load <4 x double>, ptr %gep24, align 1, !tbaa !1
;;   %25 = getelementptr inbounds i8, ptr %5, i64 %offset.idx
;;   %wide.vec20 = load <4 x double>, ptr %25, align 1, !tbaa !1
;;   %gep26 = getelementptr i8, ptr %invariant.gep25, i64 %offset.idx
;;   %26 = fmul <4 x double> %wide.vec, %22
;;   %interleaved.vec = fadd <4 x double> %26, %wide.vec20
;;   store <4 x double> %interleaved.vec, ptr %gep26, align 1, !tbaa !1
;;   %index.next = add nuw i64 %index, 2
;;   %27 = icmp eq i64 %index.next, %n.vec
;;   br i1 %27, label %middle.block, label %vector.body, !llvm.loop !4
;;
;; middle.block:                                     ; preds = %vector.body
;;   %cmp.n = icmp eq i64 %n.vec, %11
;;   br i1 %cmp.n, label %cont, label %loop.preheader
;;
;; loop.preheader:                                   ; preds = %middle.block, %vector.memcheck, %entry
;;   %indvars.iv4.ph = phi i64 [ %8, %vector.memcheck ], [ %8, %entry ], [ %ind.end, %middle.block ]
;;   %indvars.iv.ph = phi i64 [ %7, %vector.memcheck ], [ %7, %entry ], [ %ind.end14, %middle.block ]
;;   %.03.ph = phi i32 [ 0, %vector.memcheck ], [ 0, %entry ], [ %ind.end16, %middle.block ]
;;   br label %loop
;;
;; loop:                                             ; preds = %loop.preheader, %loop
;;   %indvars.iv4 = phi i64 [ %indvars.iv.next5, %loop ], [ %indvars.iv4.ph, %loop.preheader ]
;;   %indvars.iv = phi i64 [ %indvars.iv.next, %loop ], [ %indvars.iv.ph, %loop.preheader ]
;;   %.03 = phi i32 [ %38, %loop ], [ %.03.ph, %loop.preheader ]
;;   %28 = getelementptr inbounds i8, ptr %5, i64 %indvars.iv
;;   %29 = load double, ptr %28, align 1, !tbaa !1
;;   %30 = fmul double %29, %4
;;   %31 = getelementptr inbounds i8, ptr %5, i64 %indvars.iv4
;;   %32 = load double, ptr %31, align 1, !tbaa !1
;;   %33 = fadd double %30, %32
;;   store double %33, ptr %31, align 1, !tbaa !1
;;   %gep = getelementptr inbounds i8, ptr %invariant.gep, i64 %indvars.iv
;;   %34 = load double, ptr %gep, align 1, !tbaa !1
;;   %35 = fmul double %34, %4
;;   %gep10 = getelementptr inbounds i8, ptr %invariant.gep9, i64 %indvars.iv4
;;   %36 = load double, ptr %gep10, align 1, !tbaa !1
;;   %37 = fadd double %35, %36
;;   store double %37, ptr %gep10, align 1, !tbaa !1
;;   %indvars.iv.next5 = add nuw nsw i64 %indvars.iv4, 16
;;   %indvars.iv.next = add nuw nsw i64 %indvars.iv, 16
;;   %38 = add i32 %.03, 2
;;   %.not = icmp eq i32 %38, %6
;;   br i1 %.not, label %cont, label %loop, !llvm.loop !7
;;
;; cont:                                             ; preds = %loop, %middle.block
;;   ret void
;; }
