;; opt: 2
;; target: thumbv7em-none-eabihf
;; cpu: portable
;; Firmware has one thread: a 64-bit atomic add (which Cortex-M cannot do atomically) is an
;; ordinary load, add and store, after the alignment check and the explicit bounds check; no
;; atomic instruction and no `__atomic_*` library call.
(module
  (memory 1 1)
  (func (export "add64") (param $p i32) (param $v i64) (result i64)
    (i64.atomic.rmw.add (local.get $p) (local.get $v))))

;; ---- expected IR ----
;; define internal tailcc i64 @wasm_f0(ptr %0, i32 %1, i64 %2) {
;; entry:
;;   %3 = load ptr, ptr %0, align 8, !invariant.load !0
;;   %4 = and i32 %1, 7
;;   %.not = icmp eq i32 %4, 0
;;   br i1 %.not, label %ok, label %trap
;;
;; trap:                                             ; preds = %ok, %entry
;;   %trap_code = phi i32 [ 13, %entry ], [ 1, %ok ]
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 %trap_code)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %5 = or disjoint i32 %1, 7
;;   %6 = zext i32 %5 to i64
;;   %7 = getelementptr inbounds i8, ptr %0, i32 4
;;   %8 = load ptr, ptr %7, align 8, !invariant.load !0
;;   %9 = getelementptr inbounds i8, ptr %8, i32 8
;;   %10 = load i64, ptr %9, align 4, !tbaa !1, !range !4
;;   %.not2 = icmp ugt i64 %10, %6
;;   br i1 %.not2, label %ok1, label %trap, !prof !5
;;
;; ok1:                                              ; preds = %ok
;;   %11 = getelementptr inbounds i8, ptr %3, i32 %1
;;   %12 = load i64, ptr %11, align 8, !tbaa !6
;;   %13 = add i64 %12, %2
;;   store i64 %13, ptr %11, align 8, !tbaa !6
;;   ret i64 %12
;; }
