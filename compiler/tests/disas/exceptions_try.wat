;; opt: 2
;; Exception handling: a call outside any handler stays a plain call; inside `try_table` it is an
;; `invoke` whose landing pad (personality wasmkiln_personality) goes to the dispatch, which
;; compares the exception's tag with the clause's tag, loads the payload and frees the
;; exception. A `throw` inside the same function's `try_table` is a branch to the dispatch,
;; with no unwinding.
(module
  (tag $e (param i32))
  (func $f (import "m" "f") (param i32) (result i32))
  (func (export "run") (param $x i32) (result i32)
    (drop (call $f (local.get $x)))
    (block $h (result i32)
      (try_table (result i32) (catch $e $h)
        (call $f (local.get $x)))
      (return))
    (i32.const 100)
    (i32.add))
  (func (export "local") (param $x i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h)
        (throw $e (local.get $x)))
      (return))))

;; ---- expected IR ----
;; define internal tailcc i32 @wasm_f1(ptr %0, i32 %1) {
;; entry:
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %2 = ptrtoint ptr %sp to i64
;;   %3 = getelementptr inbounds i8, ptr %0, i64 48
;;   %4 = load ptr, ptr %3, align 8, !invariant.load !0
;;   %5 = load i64, ptr %4, align 4
;;   %6 = icmp ugt i64 %5, %2
;;   br i1 %6, label %trap, label %ok
;;
;; trap:                                             ; preds = %entry
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 9)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %7 = getelementptr inbounds i8, ptr %0, i64 32
;;   %8 = load ptr, ptr %7, align 8, !invariant.load !0
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   %11 = getelementptr inbounds i8, ptr %9, i64 8
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !0
;;   %13 = notail call tailcc i32 %10(ptr %12, i32 %1)
;;   %14 = invoke tailcc i32 %10(ptr %12, i32 %1)
;;           to label %next unwind label %landing_pad
;;
;; next:                                             ; preds = %ok, %catch
;;   %15 = phi i32 [ %18, %catch ], [ %14, %ok ]
;;   ret i32 %15
;;
;; catch:                                            ; preds = %landing_pad
;;   %16 = getelementptr inbounds i8, ptr %exn3, i64 16
;;   %17 = load i32, ptr %16, align 4
;;   tail call void @wasmkiln_exception_drop(ptr nonnull %0, ptr nonnull %exn3)
;;   %18 = add i32 %17, 100
;;   br label %next
;;
;; no_match:                                         ; preds = %landing_pad
;;   tail call void @wasmkiln_throw(ptr nonnull %0, ptr nonnull %exn3)
;;   unreachable
;;
;; landing_pad:                                      ; preds = %ok
;;   %pad = landingpad { ptr, i32 }
;;           catch ptr null
;;   %exn3 = extractvalue { ptr, i32 } %pad, 0
;;   %19 = load ptr, ptr %exn3, align 8
;;   %20 = getelementptr inbounds i8, ptr %0, i64 64
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   %22 = load ptr, ptr %21, align 8, !invariant.load !0
;;   %23 = icmp eq ptr %19, %22
;;   br i1 %23, label %catch, label %no_match
;; }
;;
;; define internal tailcc i32 @wasm_f2(ptr %0, i32 returned %1) {
;; entry:
;;   %sp = tail call ptr @llvm.stacksave.p0()
;;   %2 = ptrtoint ptr %sp to i64
;;   %3 = getelementptr inbounds i8, ptr %0, i64 48
;;   %4 = load ptr, ptr %3, align 8, !invariant.load !0
;;   %5 = load i64, ptr %4, align 4
;;   %6 = icmp ugt i64 %5, %2
;;   br i1 %6, label %trap, label %ok
;;
;; trap:                                             ; preds = %entry
;;   tail call void @wasmkiln_trap(ptr nonnull %0, i32 9)
;;   unreachable
;;
;; ok:                                               ; preds = %entry
;;   %7 = getelementptr inbounds i8, ptr %0, i64 64
;;   %8 = load ptr, ptr %7, align 8, !invariant.load !0
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = tail call ptr @wasmkiln_exception_new(ptr nonnull %0, ptr %9, i32 1)
;;   %11 = getelementptr inbounds i8, ptr %10, i64 16
;;   store i32 %1, ptr %11, align 4
;;   %12 = load ptr, ptr %10, align 8
;;   %13 = icmp eq ptr %12, %9
;;   br i1 %13, label %catch, label %no_match
;;
;; catch:                                            ; preds = %ok
;;   tail call void @wasmkiln_exception_drop(ptr nonnull %0, ptr nonnull %10)
;;   ret i32 %1
;;
;; no_match:                                         ; preds = %ok
;;   tail call void @wasmkiln_throw(ptr nonnull %0, ptr nonnull %10)
;;   unreachable
;; }
