; The source of eh_x86_64.s (llc-19 -O1 -relocation-model=pic eh_test.ll, labels renamed): frames
; with wasmkiln_personality as generated code makes them, for the personality tests (exceptions.rs).
target triple = "x86_64-unknown-linux-gnu"

declare void @wasmkiln_throw(ptr, i64) noreturn
declare i32 @wasmkiln_personality(...)
define void @wk_test_nothing() noinline {
  ret void
}

; Calls f(vmctx, exn) in a try: returns the exception pointer the landing pad received (or 1 if
; the selector is not 1), or 0 when f returned.
define i64 @wk_test_catch(ptr %vmctx, ptr %f, i64 %exn) personality ptr @wasmkiln_personality {
entry:
  invoke void %f(ptr %vmctx, i64 %exn) to label %ok unwind label %pad
ok:
  ret i64 0
pad:
  %lp = landingpad { ptr, i32 } catch ptr null
  %e = extractvalue { ptr, i32 } %lp, 0
  %sel = extractvalue { ptr, i32 } %lp, 1
  %ei = ptrtoint ptr %e to i64
  %good = icmp eq i32 %sel, 1
  %r = select i1 %good, i64 %ei, i64 1
  ret i64 %r
}

; A frame with landing pads elsewhere, whose throwing call has none: the exception passes.
define void @wk_test_pass(ptr %vmctx, i64 %exn) personality ptr @wasmkiln_personality {
entry:
  invoke void @wk_test_nothing() to label %next unwind label %pad
next:
  call void @wasmkiln_throw(ptr %vmctx, i64 %exn)
  unreachable
pad:
  %lp = landingpad { ptr, i32 } catch ptr null
  ret void
}
