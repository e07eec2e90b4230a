;; emit: asm
;; target: aarch64-unknown-linux-gnu
;; cpu: generic
;; On aarch64 (NEON): i8x16.swizzle and relaxed_swizzle are one tbl (whose out-of-range lanes
;; are already zero); i16x8.q15mulr_sat_s is one sqrdmulh; constant shuffles are one native
;; permute (trn, rev64 + ext, or tbl).
(module
  (func (export "swizzle") (param v128 v128) (result v128)
    (i8x16.swizzle (local.get 0) (local.get 1)))
  (func (export "q15mulr") (param v128 v128) (result v128)
    (i16x8.q15mulr_sat_s (local.get 0) (local.get 1)))
  (func (export "shuffle") (param v128 v128) (result v128)
    (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 0) (local.get 1)))
  (func (export "shuffle_reverse") (param v128) (result v128)
    (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get 0) (local.get 0)))
  (func (export "relaxed_swizzle") (param v128 v128) (result v128)
    (i8x16.relaxed_swizzle (local.get 0) (local.get 1))))

;; ---- expected IR ----
;; wasm_f0:
;;  tbl v0.16b, { v0.16b }, v1.16b
;;  ret
;;
;; wasm_f1:
;;  sqrdmulh v0.8h, v0.8h, v1.8h
;;  ret
;;
;; wasm_f2:
;;  adrp x8, .LCPI2_0
;;  ldr q2, [x8, :lo12:.LCPI2_0]
;;  tbl v0.16b, { v0.16b, v1.16b }, v2.16b
;;  ret
;;
;; wasm_f3:
;;  rev64 v0.16b, v0.16b
;;  ext v0.16b, v0.16b, v0.16b, #8
;;  ret
;;
;; wasm_f4:
;;  tbl v0.16b, { v0.16b }, v1.16b
;;  ret
