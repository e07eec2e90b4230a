;; opt: 2
;; call_indirect on a frozen table (defined, not exported, filled only by active segments of
;; constants, never changed; codegen/frozen_tables.rs): no load of the table, a funcref or a
;; signature id from the vmctx. A bounds check against the 4 entries (above them code 5 at
;; and above the size 8, else 6), the entry's type class compared with a constant (code 6 for
;; the null slot 2, else 7), then a call of the entry's code (llvm.load.relative from the
;; private constant @wasmkiln_table0) with the caller's own vmctx. A type that only one
;; function of the table has ($u) calls it directly, so LLVM inlines it.
(module
  (type $t (func (param i32) (result i32)))
  (type $u (func (param i32 i32) (result i32)))
  (table 8 funcref)
  (elem (i32.const 0) func $inc $dbl)
  (elem (i32.const 3) func $add)
  (func $inc (type $t) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $t) (i32.shl (local.get 0) (i32.const 1)))
  (func $add (type $u) (i32.add (local.get 0) (local.get 1)))
  (func (export "dispatch") (param $i i32) (param $x i32) (result i32)
    (call_indirect (type $t) (local.get $x) (local.get $i)))
  (func (export "only") (param $i i32) (param $x i32) (result i32)
    (call_indirect (type $u) (local.get $x) (local.get $x) (local.get $i))))

;; ---- expected IR ----
;; define internal tailcc i32 @wasm_f0_inc(ptr nocapture readnone %0, i32 %1) {
;; entry:
;;   %2 = add i32 %1, 1
;;   ret i32 %2
;; }
;;
;; define internal tailcc range(i32 0, -1) i32 @wasm_f1_dbl(ptr nocapture readnone %0, i32 %1) {
;; entry:
;;   %2 = shl i32 %1, 1
;;   ret i32 %2
;; }
;;
;; define internal tailcc i32 @wasm_f2_add(ptr nocapture readnone %0, i32 %1, i32 %2) {
;; entry:
;;   %3 = add i32 %2, %1
;;   ret i32 %3
;; }
;;
;; define internal tailcc i32 @wasm_f3(ptr %0, i32 %1, i32 %2) {
;; entry:
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = getelementptr inbounds i8, ptr %0, i64 48
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = load i64, ptr %5, align 4
;;   %7 = icmp ugt i64 %6, %3
;;   br i1 %7, label %trap, label %ok
;;
;; trap.sink.split:                                  ; preds = %trap_why, %trap_why2
;;   %.sink6 = phi i32 [ 7, %trap_why2 ], [ 6, %trap_why ]
;;   %.sink5 = phi i32 [ 6, %trap_why2 ], [ 5, %trap_why ]
;;   %.sink = phi i1 [ %14, %trap_why2 ], [ %10, %trap_why ]
;;   %8 = select i1 %.sink, i32 %.sink5, i32 %.sink6
;;   br label %trap
;;
;; trap:                                             ; preds = %trap.sink.split, %entry
;;   %trap_code = phi i32 [ 9, %entry ], [ %8, %trap.sink.split ]
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 %trap_code)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %9 = icmp ugt i32 %1, 3
;;   br i1 %9, label %trap_why, label %ok1
;;
;; trap_why:                                         ; preds = %ok
;;   %10 = icmp ugt i32 %1, 7
;;   br label %trap.sink.split
;;
;; ok1:                                              ; preds = %ok
;;   %11 = zext nneg i32 %1 to i64
;;   %12 = getelementptr inbounds { i32, i32 }, ptr @wasmkiln_table0, i64 %11, i32 1
;;   %13 = load i32, ptr %12, align 4
;;   %.not = icmp eq i32 %13, 1
;;   br i1 %.not, label %ok3, label %trap_why2
;;
;; trap_why2:                                        ; preds = %ok1
;;   %14 = icmp eq i32 %13, 0
;;   br label %trap.sink.split
;;
;; ok3:                                              ; preds = %ok1
;;   %15 = shl nuw nsw i64 %11, 3
;;   %16 = tail call ptr @llvm.load.relative.i64(ptr nonnull @wasmkiln_table0, i64 %15)
;;   %17 = notail call tailcc i32 %16(ptr nonnull %0, i32 %2)
;;   ret i32 %17
;; }
;;
;; define internal tailcc i32 @wasm_f4(ptr %0, i32 %1, i32 %2) {
;; entry:
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = getelementptr inbounds i8, ptr %0, i64 48
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = load i64, ptr %5, align 4
;;   %7 = icmp ugt i64 %6, %3
;;   br i1 %7, label %trap, label %ok
;;
;; trap.sink.split:                                  ; preds = %trap_why, %trap_why2
;;   %.sink6 = phi i32 [ 7, %trap_why2 ], [ 6, %trap_why ]
;;   %.sink5 = phi i32 [ 6, %trap_why2 ], [ 5, %trap_why ]
;;   %.sink = phi i1 [ %14, %trap_why2 ], [ %10, %trap_why ]
;;   %8 = select i1 %.sink, i32 %.sink5, i32 %.sink6
;;   br label %trap
;;
;; trap:                                             ; preds = %trap.sink.split, %entry
;;   %trap_code = phi i32 [ 9, %entry ], [ %8, %trap.sink.split ]
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 %trap_code)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %9 = icmp ugt i32 %1, 3
;;   br i1 %9, label %trap_why, label %ok1
;;
;; trap_why:                                         ; preds = %ok
;;   %10 = icmp ugt i32 %1, 7
;;   br label %trap.sink.split
;;
;; ok1:                                              ; preds = %ok
;;   %11 = zext nneg i32 %1 to i64
;;   %12 = getelementptr inbounds { i32, i32 }, ptr @wasmkiln_table0, i64 %11, i32 1
;;   %13 = load i32, ptr %12, align 4
;;   %.not = icmp eq i32 %13, 2
;;   br i1 %.not, label %ok3, label %trap_why2
;;
;; trap_why2:                                        ; preds = %ok1
;;   %14 = icmp eq i32 %13, 0
;;   br label %trap.sink.split
;;
;; ok3:                                              ; preds = %ok1
;;   %15 = shl i32 %2, 1
;;   ret i32 %15
;; }
