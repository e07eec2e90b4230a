;; target: riscv64-unknown-linux-gnu
;; cpu: generic-rv64
;; Guard pages, but on riscv64 (and aarch64) a misaligned store across the end of memory may write
;; its first bytes before it faults, so stores of several bytes are checked explicitly (last byte
;; below the memory size, cold trap edge) while loads and one-byte stores rely on the guard pages.
(module
  (memory 1)
  (func (export "copy") (param $dst i32) (param $src i32)
    (i64.store (local.get $dst) (i64.load (local.get $src)))
    (i32.store8 offset=8 (local.get $dst) (i32.load8_u offset=8 (local.get $src)))))

;; ---- expected IR ----
;; define internal void @wasm_f0(ptr %0, i32 %1, i32 %2) {
;; entry:
;;   %3 = zext i32 %1 to i64
;;   %4 = add nuw nsw i64 %3, 7
;;   %5 = getelementptr inbounds i8, ptr %0, i64 8
;;   %6 = load ptr, ptr %5, align 8, !invariant.load !0
;;   %7 = getelementptr inbounds i8, ptr %6, i64 8
;;   %8 = load i64, ptr %7, align 4, !tbaa !1, !range !4
;;   %.not = icmp ult i64 %4, %8
;;   br i1 %.not, label %ok, label %trap, !prof !5
;;
;; trap:                                             ; preds = %entry
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 1)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %9 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %10 = zext i32 %2 to i64
;;   %11 = getelementptr inbounds i8, ptr %9, i64 %10
;;   %12 = load i64, ptr %11, align 1, !tbaa !6
;;   %13 = getelementptr inbounds i8, ptr %9, i64 %3
;;   store i64 %12, ptr %13, align 1, !tbaa !6
;;   %14 = getelementptr inbounds i8, ptr %11, i64 8
;;   %15 = load i8, ptr %14, align 1, !tbaa !6
;;   %16 = getelementptr inbounds i8, ptr %13, i64 8
;;   store i8 %15, ptr %16, align 1, !tbaa !6
;;   ret void
;; }
