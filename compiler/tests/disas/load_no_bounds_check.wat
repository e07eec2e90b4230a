;; opt: 2
;; Guard pages make memory accesses free of bounds checks: the address is base + zext(index) +
;; offset, the memory base is loaded once (invariant), and there is no compare before the
;; loads or the store. The only branch is the prologue's stack-limit check.
(module
  (memory 1)
  (func (export "copy_word") (param $dst i32) (param $src i32)
    (i32.store offset=8 (local.get $dst) (i32.load offset=4 (local.get $src))))
  (func (export "sum3") (param $p i32) (result i64)
    (i64.add
      (i64.load8_u (local.get $p))
      (i64.add (i64.load16_s offset=2 (local.get $p)) (i64.load offset=65535 (local.get $p))))))

;; ---- expected IR ----
;; define internal void @wasm_f0(ptr %0, i32 %1, i32 %2) {
;; entry:
;;   %3 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %4 = ptrtoint ptr %sp to i64
;;   %5 = getelementptr inbounds i8, ptr %0, i64 48
;;   %6 = load ptr, ptr %5, align 8, !invariant.load !0
;;   %7 = load i64, ptr %6, align 4
;;   %8 = icmp ugt i64 %7, %4
;;   br i1 %8, label %trap, label %ok
;;
;; trap:                                             ; preds = %entry
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 9)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %9 = zext i32 %2 to i64
;;   %10 = getelementptr i8, ptr %3, i64 %9
;;   %11 = getelementptr i8, ptr %10, i64 4
;;   %12 = load i32, ptr %11, align 1, !tbaa !1
;;   %13 = zext i32 %1 to i64
;;   %14 = getelementptr i8, ptr %3, i64 %13
;;   %15 = getelementptr i8, ptr %14, i64 8
;;   store i32 %12, ptr %15, align 1, !tbaa !1
;;   ret void
;; }
;;
;; define internal i64 @wasm_f1(ptr %0, i32 %1) {
;; entry:
;;   %2 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = getelementptr inbounds i8, ptr %0, i64 48
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = load i64, ptr %5, align 4
;;   %7 = icmp ugt i64 %6, %3
;;   br i1 %7, label %trap, label %ok
;;
;; trap:                                             ; preds = %entry
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 9)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %8 = zext i32 %1 to i64
;;   %9 = getelementptr i8, ptr %2, i64 %8
;;   %10 = load i8, ptr %9, align 1, !tbaa !1
;;   %11 = zext i8 %10 to i64
;;   %12 = getelementptr i8, ptr %9, i64 2
;;   %13 = load i16, ptr %12, align 1, !tbaa !1
;;   %14 = sext i16 %13 to i64
;;   %15 = getelementptr i8, ptr %9, i64 65535
;;   %16 = load i64, ptr %15, align 1, !tbaa !1
;;   %17 = add nsw i64 %14, %11
;;   %18 = add i64 %17, %16
;;   ret i64 %18
;; }
