#include <stdint.h>
#include <stdlib.h>
extern void _start(void);
extern char __stack[];
static void fault(void) { exit(99); }
static void reset(void) {
#ifdef __ARM_FP
    *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20; /* CPACR: CP10 and CP11 (the FPU) on */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    _start();
}
__attribute__((section(".vectors"), used)) static const void *const vectors[16] = {
    __stack, (void *)reset, (void *)fault, (void *)fault, (void *)fault, (void *)fault, (void *)fault,
};
