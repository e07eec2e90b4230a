;; opt: 2
;; cpu: haswell
;; An array of structs as clang's Wasm output walks it: the element's address `o + 1024` is
;; computed once and the fields are reached from it by wrapping `i32.add`s (`o + 1032`) and by
;; load offsets. All of them share one address root (codegen/roots.rs), so the loop vectorizer
;; compares the fields by their offsets and needs no run-time overlap check: expect a
;; vector.body with <4 x double> sqrt and no vector.memcheck or found.conflict. With a root per
;; field, the checks compared field against field, their ranges always overlapped, and the
;; vector loop never ran.
(module
  (memory 1)
  (func (export "step") (param $n i32)
    (local $i i32) (local $o i32) (local $q i32) (local $r f64)
    (loop $l
      (local.set $o (i32.shl (local.get $i) (i32.const 5)))
      (local.set $q (i32.add (local.get $o) (i32.const 1024)))
      (local.set $r (f64.sqrt (f64.add
        (f64.mul (f64.load (local.get $q)) (f64.load (local.get $q)))
        (f64.mul (f64.load (i32.add (local.get $o) (i32.const 1032))) (f64.load (i32.add (local.get $o) (i32.const 1032)))))))
      (f64.store offset=16 (local.get $q) (f64.add (f64.load offset=16 (local.get $q)) (local.get $r)))
      (f64.store offset=24 (local.get $q) (f64.add (f64.load offset=24 (local.get $q)) (f64.div (f64.const 1) (local.get $r))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))

;; ---- expected IR ----
;; define internal tailcc void @wasm_f0(ptr nocapture readonly %0, i32 %1) {
;; entry:
;;   %2 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %3 = add i32 %1, -1
;;   %4 = zext i32 %3 to i64
;;   %5 = add nuw nsw i64 %4, 1
;;   %min.iters.check = icmp ult i32 %3, 7
;;   br i1 %min.iters.check, label %loop.preheader, label %vector.scevcheck
;;
;; vector.scevcheck:                                 ; preds = %entry
;;   %6 = add i32 %1, -1
;;   %mul.result = shl i32 %6, 5
;;   %mul.overflow = icmp ugt i32 %6, 134217727
;;   %7 = icmp ugt i32 %mul.result, -1025
;;   %8 = or i1 %7, %mul.overflow
;;   %scevgep = getelementptr i8, ptr %2, i64 1032
;;   %9 = zext i32 %6 to i64
;;   %mul3 = shl nuw nsw i64 %9, 5
;;   %10 = getelementptr i8, ptr %scevgep, i64 %mul3
;;   %11 = icmp ult ptr %10, %scevgep
;;   %scevgep6 = getelementptr i8, ptr %2, i64 1048
;;   %12 = zext i32 %6 to i64
;;   %mul7 = shl nuw nsw i64 %12, 5
;;   %13 = getelementptr i8, ptr %scevgep6, i64 %mul7
;;   %14 = icmp ult ptr %13, %scevgep6
;;   %scevgep10 = getelementptr i8, ptr %2, i64 1040
;;   %15 = zext i32 %6 to i64
;;   %mul11 = shl nuw nsw i64 %15, 5
;;   %16 = getelementptr i8, ptr %scevgep10, i64 %mul11
;;   %17 = icmp ult ptr %16, %scevgep10
;;   %scevgep14 = getelementptr i8, ptr %2, i64 1024
;;   %18 = zext i32 %6 to i64
;;   %mul15 = shl nuw nsw i64 %18, 5
;;   %19 = getelementptr i8, ptr %scevgep14, i64 %mul15
;;   %20 = icmp ult ptr %19, %scevgep14
;;   %21 = or i1 %8, %11
;;   %22 = or i1 %21, %14
;;   %23 = or i1 %22, %17
;;   %24 = or i1 %23, %20
;;   br i1 %24, label %loop.preheader, label %vector.ph
;;
;; vector.ph:                                        ; preds = %vector.scevcheck
;;   %n.vec = and i64 %5, 8589934588
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %25 = shl i64 %index, 5
;;   %26 = shl i64 %index, 5
;;   %27 = shl i64 %index, 5
;;   %28 = shl i64 %index, 5
;;   %29 = add i64 %25, 1024
;;   %30 = add i64 %26, 1056
;;   %31 = add i64 %27, 1088
;;   %32 = add i64 %28, 1120
;;   %33 = and i64 %29, 4294967168
;;   %34 = and i64 %30, 4294967200
;;   %35 = and i64 %31, 4294967232
;;   %36 = and i64 %32, 4294967264
;;   %37 = getelementptr inbounds i8, ptr %2, i64 %33
;;   %wide.vec = load <16 x double>, ptr %37, align 1, !tbaa !1
;;   %strided.vec19 = shufflevector <16 x double> %wide.vec, <16 x double> poison, <4 x i32> <i32 2, i32 6, i32 10, i32 14>
;;   %strided.vec20 = shufflevector <16 x double> %wide.vec, <16 x double> poison, <4 x i32> <i32 3, i32 7, i32 11, i32 15>
;;   %38 = fmul <16 x double> %wide.vec, %wide.vec
;;   %39 = shufflevector <16 x double> %38, <16 x double> poison, <4 x i32> <i32 0, i32 4, i32 8, i32 12>
;;   %40 = fmul <16 x double> %wide.vec, %wide.vec
;;   %41 = shufflevector <16 x double> %40, <16 x double> poison, <4 x i32> <i32 1, i32 5, i32 9, i32 13>
;;   %42 = fadd <4 x double> %39, %41
;;   %43 = tail call <4 x double> @llvm.sqrt.v4f64(<4 x double> %42)
;;   %44 = or disjoint i64 %33, 16
;;   %45 = or disjoint i64 %34, 16
;;   %46 = or disjoint i64 %35, 16
;;   %47 = or disjoint i64 %36, 16
;;   %48 = getelementptr inbounds i8, ptr %2, i64 %44
;;   %49 = getelementptr inbounds i8, ptr %2, i64 %45
;;   %50 = getelementptr inbounds i8, ptr %2, i64 %46
;;   %51 = getelementptr inbounds i8, ptr %2, i64 %47
;;   %52 = fadd <4 x double> %strided.vec19, %43
;;   %53 = extractelement <4 x double> %52, i64 0
;;   store double %53, ptr %48, align 1, !tbaa !1
;;   %54 = extractelement <4 x double> %52, i64 1
;;   store double %54, ptr %49, align 1, !tbaa !1
;;   %55 = extractelement <4 x double> %52, i64 2
;;   store double %55, ptr %50, align 1, !tbaa !1
;;   %56 = extractelement <4 x double> %52, i64 3
;;   store double %56, ptr %51, align 1, !tbaa !1
;;   %57 = or disjoint i64 %33, 24
;;   %58 = or disjoint i64 %34, 24
;;   %59 = or disjoint i64 %35, 24
;;   %60 = or disjoint i64 %36, 24
;;   %61 = getelementptr inbounds i8, ptr %2, i64 %57
;;   %62 = getelementptr inbounds i8, ptr %2, i64 %58
;;   %63 = getelementptr inbounds i8, ptr %2, i64 %59
;;   %64 = getelementptr inbounds i8, ptr %2, i64 %60
;;   %65 = fdiv <4 x double> <double 1.000000e+00, double 1.000000e+00, double 1.000000e+00, double 1.000000e+00>, %43
;;   %66 = fadd <4 x double> %strided.vec20, %65
;;   %67 = extractelement <4 x double> %66, i64 0
;;   store double %67, ptr %61, align 1, !tbaa !1
;;   %68 = extractelement <4 x double> %66, i64 1
;;   store double %68, ptr %62, align 1, !tbaa !1
;;   %69 = extractelement <4 x double> %66, i64 2
;;   store double %69, ptr %63, align 1, !tbaa !1
;;   %70 = extractelement <4 x double> %66, i64 3
;;   store double %70, ptr %64, align 1, !tbaa !1
;;   %index.next = add nuw i64 %index, 4
;;   %71 = icmp eq i64 %index.next, %n.vec
;;   br i1 %71, label %middle.block, label %vector.body, !llvm.loop !4
;;
;; middle.block:                                     ; preds = %vector.body
;;   %cmp.n = icmp eq i64 %5, %n.vec
;;   br i1 %cmp.n, label %cont, label %loop.preheader
;;
;; loop.preheader:                                   ; preds = %middle.block, %vector.scevcheck, %entry
;;   %indvars.iv.ph = phi i64 [ 0, %vector.scevcheck ], [ 0, %entry ], [ %n.vec, %middle.block ]
;;   %72 = trunc i64 %indvars.iv.ph to i32
;;   %xtraiter = and i32 %1, 1
;;   %lcmp.mod.not = icmp eq i32 %xtraiter, 0
;;   br i1 %lcmp.mod.not, label %loop.prol.loopexit, label %loop.prol
;;
;; loop.prol:                                        ; preds = %loop.preheader
;;   %73 = shl nuw nsw i64 %indvars.iv.ph, 5
;;   %74 = add nuw nsw i64 %73, 1024
;;   %75 = and i64 %74, 4294967168
;;   %76 = getelementptr inbounds i8, ptr %2, i64 %75
;;   %77 = load <2 x double>, ptr %76, align 1, !tbaa !1
;;   %78 = fmul <2 x double> %77, %77
;;   %shift.prol = shufflevector <2 x double> %78, <2 x double> poison, <2 x i32> <i32 1, i32 poison>
;;   %79 = fadd <2 x double> %78, %shift.prol
;;   %80 = extractelement <2 x double> %79, i64 0
;;   %81 = tail call double @llvm.sqrt.f64(double %80)
;;   %82 = or disjoint i64 %75, 16
;;   %83 = getelementptr inbounds i8, ptr %2, i64 %82
;;   %84 = fdiv double 1.000000e+00, %81
;;   %85 = load <2 x double>, ptr %83, align 1, !tbaa !1
;;   %86 = insertelement <2 x double> poison, double %81, i64 0
;;   %87 = insertelement <2 x double> %86, double %84, i64 1
;;   %88 = fadd <2 x double> %85, %87
;;   store <2 x double> %88, ptr %83, align 1, !tbaa !1
;;   %indvars.iv.next.prol = or disjoint i64 %indvars.iv.ph, 1
;;   br label %loop.prol.loopexit
;;
;; loop.prol.loopexit:                               ; preds = %loop.prol, %loop.preheader
;;   %indvars.iv.unr = phi i64 [ %indvars.iv.ph, %loop.preheader ], [ %indvars.iv.next.prol, %loop.prol ]
;;   %89 = add i32 %1, -1
;;   %90 = icmp eq i32 %89, %72
;;   br i1 %90, label %cont, label %loop
;;
;; loop:                                             ; preds = %loop.prol.loopexit, %loop
;;   %indvars.iv = phi i64 [ %indvars.iv.next.1, %loop ], [ %indvars.iv.unr, %loop.prol.loopexit ]
;;   %91 = shl i64 %indvars.iv, 5
;;   %92 = add i64 %91, 1024
;;   %93 = and i64 %92, 4294967264
;;   %94 = getelementptr inbounds i8, ptr %2, i64 %93
;;   %95 = load <2 x double>, ptr %94, align 1, !tbaa !1
;;   %96 = fmul <2 x double> %95, %95
;;   %shift = shufflevector <2 x double> %96, <2 x double> poison, <2 x i32> <i32 1, i32 poison>
;;   %97 = fadd <2 x double> %96, %shift
;;   %98 = extractelement <2 x double> %97, i64 0
;;   %99 = tail call double @llvm.sqrt.f64(double %98)
;;   %100 = or disjoint i64 %93, 16
;;   %101 = getelementptr inbounds i8, ptr %2, i64 %100
;;   %102 = fdiv double 1.000000e+00, %99
;;   %103 = load <2 x double>, ptr %101, align 1, !tbaa !1
;;   %104 = insertelement <2 x double> poison, double %99, i64 0
;;   %105 = insertelement <2 x double> %104, double %102, i64 1
;;   %106 = fadd <2 x double> %103, %105
;;   store <2 x double> %106, ptr %101, align 1, !tbaa !1
;;   %indvars.iv.next = shl i64 %indvars.iv, 5
;;   %107 = add i64 %indvars.iv.next, 1056
;;   %108 = and i64 %107, 4294967264
;;   %109 = getelementptr inbounds i8, ptr %2, i64 %108
;;   %110 = load <2 x double>, ptr %109, align 1, !tbaa !1
;;   %111 = fmul <2 x double> %110, %110
;;   %shift.1 = shufflevector <2 x double> %111, <2 x double> poison, <2 x i32> <i32 1, i32 poison>
;;   %112 = fadd <2 x double> %111, %shift.1
;;   %113 = extractelement <2 x double> %112, i64 0
;;   %114 = tail call double @llvm.sqrt.f64(double %113)
;;   %115 = or disjoint i64 %108, 16
;;   %116 = getelementptr inbounds i8, ptr %2, i64 %115
;;   %117 = fdiv double 1.000000e+00, %114
;;   %118 = load <2 x double>, ptr %116, align 1, !tbaa !1
;;   %119 = insertelement <2 x double> poison, double %114, i64 0
;;   %120 = insertelement <2 x double> %119, double %117, i64 1
;;   %121 = fadd <2 x double> %118, %120
;;   store <2 x double> %121, ptr %116, align 1, !tbaa !1
;;   %indvars.iv.next.1 = add nuw nsw i64 %indvars.iv, 2
;;   %lftr.wideiv.1 = trunc i64 %indvars.iv.next.1 to i32
;;   %exitcond.1 = icmp eq i32 %lftr.wideiv.1, %1
;;   br i1 %exitcond.1, label %cont, label %loop, !llvm.loop !7
;;
;; cont:                                             ; preds = %loop.prol.loopexit, %loop, %middle.block
;;   ret void
;; }
