;; emit: asm
;; cpu: x86-64-v2
;; On x86-64 with SSSE3: i8x16.swizzle is pshufb plus the zeroing of indices >= 16 (pminub,
;; pcmpeqb, pand); i16x8.q15mulr_sat_s is pmulhrsw plus the fix-up of its one overflow
;; (pcmpeqw, pxor); a constant i8x16.shuffle is one native shuffle or blend (pblendvb for
;; alternating lanes, pshufb for a reversal); relaxed_swizzle is pshufb alone.
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
;;  pshufb %xmm1, %xmm0
;;  movdqa .LCPI0_0(%rip), %xmm2
;;  pminub %xmm1, %xmm2
;;  pcmpeqb %xmm1, %xmm2
;;  pand %xmm2, %xmm0
;;  retq $8
;;
;; wasm_f1:
;;  pmulhrsw %xmm1, %xmm0
;;  movdqa .LCPI1_0(%rip), %xmm1
;;  pcmpeqw %xmm0, %xmm1
;;  pxor %xmm1, %xmm0
;;  retq $8
;;
;; wasm_f2:
;;  movdqa %xmm0, %xmm2
;;  movaps .LCPI2_0(%rip), %xmm0
;;  pblendvb %xmm0, %xmm2, %xmm1
;;  movdqa %xmm1, %xmm0
;;  retq $8
;;
;; wasm_f3:
;;  pshufb .LCPI3_0(%rip), %xmm0
;;  retq $8
;;
;; wasm_f4:
;;  pshufb %xmm1, %xmm0
;;  retq $8
