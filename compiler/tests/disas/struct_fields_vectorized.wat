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
;;   %73 = trunc nuw i64 %indvars.iv.ph to i32
;;   %74 = shl i32 %73, 5
;;   %75 = add i32 %74, 1024
;;   %76 = zext i32 %75 to i64
;;   %77 = getelementptr inbounds i8, ptr %2, i64 %76
;;   %78 = load double, ptr %77, align 1, !tbaa !1
;;   %79 = fmul double %78, %78
;;   %80 = add i32 %74, 1032
;;   %81 = zext i32 %80 to i64
;;   %82 = getelementptr inbounds i8, ptr %2, i64 %81
;;   %83 = load double, ptr %82, align 1, !tbaa !1
;;   %84 = fmul double %83, %83
;;   %85 = fadd double %79, %84
;;   %86 = tail call double @llvm.sqrt.f64(double %85)
;;   %87 = or disjoint i64 %76, 16
;;   %88 = getelementptr inbounds i8, ptr %2, i64 %87
;;   %89 = load double, ptr %88, align 1, !tbaa !1
;;   %90 = fadd double %89, %86
;;   store double %90, ptr %88, align 1, !tbaa !1
;;   %91 = or disjoint i64 %76, 24
;;   %92 = getelementptr inbounds i8, ptr %2, i64 %91
;;   %93 = load double, ptr %92, align 1, !tbaa !1
;;   %94 = fdiv double 1.000000e+00, %86
;;   %95 = fadd double %93, %94
;;   store double %95, ptr %92, align 1, !tbaa !1
;;   %indvars.iv.next.prol = or disjoint i64 %indvars.iv.ph, 1
;;   br label %loop.prol.loopexit
;;
;; loop.prol.loopexit:                               ; preds = %loop.prol, %loop.preheader
;;   %indvars.iv.unr = phi i64 [ %indvars.iv.ph, %loop.preheader ], [ %indvars.iv.next.prol, %loop.prol ]
;;   %96 = add i32 %1, -1
;;   %97 = icmp eq i32 %96, %72
;;   br i1 %97, label %cont, label %loop
;;
;; loop:                                             ; preds = %loop.prol.loopexit, %loop
;;   %indvars.iv = phi i64 [ %indvars.iv.next.1, %loop ], [ %indvars.iv.unr, %loop.prol.loopexit ]
;;   %98 = trunc nuw i64 %indvars.iv to i32
;;   %99 = shl i32 %98, 5
;;   %100 = add i32 %99, 1024
;;   %101 = zext i32 %100 to i64
;;   %102 = getelementptr inbounds i8, ptr %2, i64 %101
;;   %103 = load double, ptr %102, align 1, !tbaa !1
;;   %104 = fmul double %103, %103
;;   %105 = add i32 %99, 1032
;;   %106 = zext i32 %105 to i64
;;   %107 = getelementptr inbounds i8, ptr %2, i64 %106
;;   %108 = load double, ptr %107, align 1, !tbaa !1
;;   %109 = fmul double %108, %108
;;   %110 = fadd double %104, %109
;;   %111 = tail call double @llvm.sqrt.f64(double %110)
;;   %112 = or disjoint i64 %101, 16
;;   %113 = getelementptr inbounds i8, ptr %2, i64 %112
;;   %114 = load double, ptr %113, align 1, !tbaa !1
;;   %115 = fadd double %114, %111
;;   store double %115, ptr %113, align 1, !tbaa !1
;;   %116 = or disjoint i64 %101, 24
;;   %117 = getelementptr inbounds i8, ptr %2, i64 %116
;;   %118 = load double, ptr %117, align 1, !tbaa !1
;;   %119 = fdiv double 1.000000e+00, %111
;;   %120 = fadd double %118, %119
;;   store double %120, ptr %117, align 1, !tbaa !1
;;   %121 = trunc i64 %indvars.iv to i32
;;   %122 = shl i32 %121, 5
;;   %123 = add i32 %122, 1056
;;   %124 = zext i32 %123 to i64
;;   %125 = getelementptr inbounds i8, ptr %2, i64 %124
;;   %126 = load double, ptr %125, align 1, !tbaa !1
;;   %127 = fmul double %126, %126
;;   %128 = add i32 %122, 1064
;;   %129 = zext i32 %128 to i64
;;   %130 = getelementptr inbounds i8, ptr %2, i64 %129
;;   %131 = load double, ptr %130, align 1, !tbaa !1
;;   %132 = fmul double %131, %131
;;   %133 = fadd double %127, %132
;;   %134 = tail call double @llvm.sqrt.f64(double %133)
;;   %135 = or disjoint i64 %124, 16
;;   %136 = getelementptr inbounds i8, ptr %2, i64 %135
;;   %137 = load double, ptr %136, align 1, !tbaa !1
;;   %138 = fadd double %137, %134
;;   store double %138, ptr %136, align 1, !tbaa !1
;;   %139 = or disjoint i64 %124, 24
;;   %140 = getelementptr inbounds i8, ptr %2, i64 %139
;;   %141 = load double, ptr %140, align 1, !tbaa !1
;;   %142 = fdiv double 1.000000e+00, %134
;;   %143 = fadd double %141, %142
;;   store double %143, ptr %140, align 1, !tbaa !1
;;   %indvars.iv.next.1 = add nuw nsw i64 %indvars.iv, 2
;;   %lftr.wideiv.1 = trunc i64 %indvars.iv.next.1 to i32
;;   %exitcond.1 = icmp eq i32 %lftr.wideiv.1, %1
;;   br i1 %exitcond.1, label %cont, label %loop, !llvm.loop !7
;;
;; cont:                                             ; preds = %loop.prol.loopexit, %loop, %middle.block
;;   ret void
;; }
