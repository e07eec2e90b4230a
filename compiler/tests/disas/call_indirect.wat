;; opt: 2
;; call_indirect: a bounds check against the table size (undefined element, code 5), a null
;; check (uninitialized element, code 6), a signature id compare (code 7), then a call through
;; the funcref's code pointer with the funcref's vmctx. The table is exported, so it is not
;; frozen (call_indirect_frozen.wat): any of this goes through the vmctx.
(module
  (type $t (func (param i32) (result i32)))
  (table (export "table") 4 funcref)
  (func (export "dispatch") (param $i i32) (param $x i32) (result i32)
    (call_indirect (type $t) (local.get $x) (local.get $i))))

;; ---- expected IR ----
;; define internal tailcc i32 @wasm_f0(ptr %0, i32 %1, i32 %2) {
;; entry:
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = getelementptr inbounds i8, ptr %0, i64 48
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = load i64, ptr %5, align 4
;;   %7 = icmp ugt i64 %6, %3
;;   br i1 %7, label %trap, label %ok
;;
;; trap:                                             ; preds = %ok2, %ok1, %ok, %entry
;;   %trap_code = phi i32 [ 9, %entry ], [ 5, %ok ], [ 6, %ok1 ], [ 7, %ok2 ]
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 %trap_code)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %8 = getelementptr inbounds i8, ptr %0, i64 24
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   %11 = getelementptr inbounds i8, ptr %10, i64 8
;;   %12 = load i32, ptr %11, align 4, !tbaa !1
;;   %.not = icmp ugt i32 %12, %1
;;   br i1 %.not, label %ok1, label %trap
;;
;; ok1:                                              ; preds = %ok
;;   %13 = load ptr, ptr %10, align 8, !tbaa !1
;;   %14 = zext i32 %1 to i64
;;   %15 = getelementptr inbounds ptr, ptr %13, i64 %14
;;   %16 = load ptr, ptr %15, align 8
;;   %17 = icmp eq ptr %16, null
;;   br i1 %17, label %trap, label %ok2
;;
;; ok2:                                              ; preds = %ok1
;;   %18 = getelementptr inbounds i8, ptr %16, i64 16
;;   %19 = load i32, ptr %18, align 4, !invariant.load !0
;;   %20 = getelementptr inbounds i8, ptr %0, i64 40
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   %22 = load i32, ptr %21, align 4, !invariant.load !0
;;   %.not5 = icmp eq i32 %19, %22
;;   br i1 %.not5, label %ok3, label %trap
;;
;; ok3:                                              ; preds = %ok2
;;   %23 = load ptr, ptr %16, align 8, !invariant.load !0
;;   %24 = getelementptr inbounds i8, ptr %16, i64 8
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   %26 = notail call tailcc i32 %23(ptr %25, i32 %2)
;;   ret i32 %26
;; }
