;; opt: 2
;; Guard pages make memory accesses free of bounds checks: the address is base + zext(index) +
;; offset, the memory base is loaded once (invariant), and there is no compare before the
;; loads or the store. Leaf functions (no calls) skip the stack-limit check: no branch at all.
(module
  (memory 1)
  (func (export "copy_word") (param $dst i32) (param $src i32)
    (i32.store offset=8 (local.get $dst) (i32.load offset=4 (local.get $src))))
  (func (export "sum3") (param $p i32) (result i64)
    (i64.add
      (i64.load8_u (local.get $p))
      (i64.add (i64.load16_s offset=2 (local.get $p)) (i64.load offset=65535 (local.get $p))))))

;; ---- expected IR ----
;; define internal tailcc void @wasm_f0(ptr nocapture readonly %0, i32 %1, i32 %2) {
;; entry:
;;   %3 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %4 = zext i32 %2 to i64
;;   %5 = getelementptr inbounds i8, ptr %3, i64 %4
;;   %6 = getelementptr inbounds i8, ptr %5, i64 4
;;   %7 = load i32, ptr %6, align 1, !tbaa !1
;;   %8 = zext i32 %1 to i64
;;   %9 = getelementptr inbounds i8, ptr %3, i64 %8
;;   %10 = getelementptr inbounds i8, ptr %9, i64 8
;;   store i32 %7, ptr %10, align 1, !tbaa !1
;;   ret void
;; }
;;
;; define internal tailcc i64 @wasm_f1(ptr nocapture readonly %0, i32 %1) {
;; entry:
;;   %2 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %3 = zext i32 %1 to i64
;;   %4 = getelementptr inbounds i8, ptr %2, i64 %3
;;   %5 = load i8, ptr %4, align 1, !tbaa !1
;;   %6 = zext i8 %5 to i64
;;   %7 = getelementptr inbounds i8, ptr %4, i64 2
;;   %8 = load i16, ptr %7, align 1, !tbaa !1
;;   %9 = sext i16 %8 to i64
;;   %10 = getelementptr inbounds i8, ptr %4, i64 65535
;;   %11 = load i64, ptr %10, align 1, !tbaa !1
;;   %12 = add nsw i64 %9, %6
;;   %13 = add i64 %12, %11
;;   ret i64 %13
;; }
