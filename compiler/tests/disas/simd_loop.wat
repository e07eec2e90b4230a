;; emit: asm
;; cpu: x86-64-v3
;; A loop of i32x4.add and f32x4.mul over arrays in linear memory: each operation is one vector
;; instruction on a whole register (vpaddd, vmulps) between plain vector loads and stores, with
;; no lane extracts or inserts.
(module
  (memory 1)
  (func (export "add_mul") (param $a i32) (param $b i32) (param $c i32) (param $n i32)
    (loop $l
      (v128.store (local.get $c)
        (i32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
      (v128.store offset=16 (local.get $c)
        (f32x4.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 32)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (local.set $c (i32.add (local.get $c) (i32.const 32)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))

;; ---- expected IR ----
;; wasm_f0:
;;  movq (%rdi), %rax
;;  movl %ecx, %ecx
;;  movl %edx, %edx
;;  movl %esi, %esi
;;  testb $1, %r8b
;;  jne .LBB0_2
;;  movl %r8d, %edi
;;  cmpl $1, %r8d
;;  jne .LBB0_4
;;  jmp .LBB0_6
;; .LBB0_2:
;;  vmovdqu (%rax,%rdx), %xmm0
;;  vpaddd (%rax,%rsi), %xmm0, %xmm0
;;  vmovdqu %xmm0, (%rax,%rcx)
;;  vmovups 16(%rax,%rsi), %xmm0
;;  vmulps 16(%rax,%rdx), %xmm0, %xmm0
;;  vmovups %xmm0, 16(%rax,%rcx)
;;  addq $32, %rsi
;;  addq $32, %rdx
;;  addq $32, %rcx
;;  leal -1(%r8), %edi
;;  cmpl $1, %r8d
;;  je .LBB0_6
;; .LBB0_4:
;;  addq $48, %rax
;; .LBB0_5:
;;  vmovdqu -48(%rax,%rdx), %xmm0
;;  vpaddd -48(%rax,%rsi), %xmm0, %xmm0
;;  vmovdqu %xmm0, -48(%rax,%rcx)
;;  vmovups -32(%rax,%rsi), %xmm0
;;  vmulps -32(%rax,%rdx), %xmm0, %xmm0
;;  vmovups %xmm0, -32(%rax,%rcx)
;;  vmovdqu -16(%rax,%rdx), %xmm0
;;  vpaddd -16(%rax,%rsi), %xmm0, %xmm0
;;  vmovdqu %xmm0, -16(%rax,%rcx)
;;  vmovups (%rax,%rsi), %xmm0
;;  vmulps (%rax,%rdx), %xmm0, %xmm0
;;  vmovups %xmm0, (%rax,%rcx)
;;  addq $64, %rax
;;  addl $-2, %edi
;;  jne .LBB0_5
;; .LBB0_6:
;;  retq $8
