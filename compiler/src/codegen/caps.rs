//! What the target machine offers beyond generic LLVM IR, for the few SIMD instructions whose
//! best native form LLVM does not find from generic IR (translate/simd_*.rs use them).
//!
//! Features are read from the target machine's feature string: the host CPU's features for
//! `--cpu native` (the default on the host), a cross target's baseline features
//! (compiler/src/target.rs), plus what `--features` adds or removes. For a CPU chosen by name
//! on x86 (`--cpu haswell`, whose baseline string is empty) SSSE3 follows from the name: every
//! x86-64 CPU LLVM knows has it except the baseline and the early ones in
//! [`X86_WITHOUT_SSSE3`]. A target without a feature gets the generic lowering, which is
//! correct everywhere, only a few instructions longer.

use inkwell::targets::TargetMachine;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TargetCaps {
    /// x86-64 with SSSE3 (`pshufb`, `pmulhrsw`, `pmaddubsw`).
    pub x86_ssse3: bool,
    /// x86-64 (SSE2 is its baseline: `cvttps2dq`, `cvttpd2dq`).
    pub x86: bool,
    /// AArch64 (NEON is its baseline: `tbl`, `sqrdmulh`).
    pub aarch64: bool,
    /// Fused multiply-add in vector registers: aarch64 always, x86 when its feature string
    /// says `+fma` (a CPU named without features counts as without).
    pub fma: bool,
    /// A misaligned store that crosses into an inaccessible page may write its first bytes
    /// before it faults (allowed by the aarch64 and RISC-V architectures, seen under qemu on
    /// riscv64), so guard pages alone cannot keep a trapping store from changing memory.
    pub tearing_stores: bool,
    /// Bytes of a pointer (4 on Cortex-M, 8 on the 64-bit targets): the layout of every
    /// structure the generated code reads follows from it (`wasmkiln_abi::layout`).
    pub ptr_bytes: u32,
    /// LLVM has the `tailcc` convention for the target (x86-64, AArch64, Arm; not RISC-V in
    /// LLVM 19), so tail calls can be guaranteed (codegen/wasm_cc.rs).
    pub tail_cc: bool,
}

impl TargetCaps {
    pub fn of(tm: &TargetMachine) -> TargetCaps {
        let triple = tm.get_triple().as_str().to_string_lossy().into_owned();
        let cpu = tm.get_cpu().to_string_lossy().into_owned();
        let features = tm.get_feature_string().to_string_lossy().into_owned();
        let ptr_bytes = tm.get_target_data().get_pointer_byte_size(None);
        TargetCaps { ptr_bytes, ..Self::from_parts(&triple, &cpu, &features) }
    }

    fn from_parts(triple: &str, cpu: &str, features: &str) -> TargetCaps {
        let feature = |f: &str| features.split(',').find_map(|x| x.strip_suffix(f).filter(|sign| sign.len() == 1));
        let x86 = triple.starts_with("x86_64");
        let ssse3 = match feature("ssse3") {
            Some(sign) => sign == "+",
            None => !X86_WITHOUT_SSSE3.contains(&cpu),
        };
        let aarch64 = triple.starts_with("aarch64");
        let fma = aarch64 || (x86 && feature("fma") == Some("+"));
        let tail_cc = x86 || aarch64 || triple.starts_with("thumb") || triple.starts_with("arm");
        TargetCaps { x86, x86_ssse3: x86 && ssse3, aarch64, fma, tearing_stores: !x86, ptr_bytes: 8, tail_cc }
    }
}

/// The x86 CPU names of LLVM 19 whose CPUs lack SSSE3.
const X86_WITHOUT_SSSE3: &[&str] = &[
    "", "generic", "x86-64", "i386", "i486", "i586", "i686", "pentium", "pentium-mmx", "pentiumpro", "pentium2",
    "pentium3", "pentium3m", "pentium-m", "pentium4", "pentium4m", "prescott", "nocona", "yonah", "k6", "k6-2",
    "k6-3", "athlon", "athlon-tbird", "athlon-xp", "athlon-mp", "athlon-4", "k8", "k8-sse3", "opteron",
    "opteron-sse3", "athlon64", "athlon64-sse3", "athlon-fx", "amdfam10", "barcelona", "winchip-c6", "winchip2",
    "c3", "c3-2", "geode", "lakemont",
];

#[cfg(test)]
mod tests {
    use super::TargetCaps;

    #[test]
    fn features_come_from_the_feature_string() {
        let host = TargetCaps::from_parts("x86_64-unknown-linux-gnu", "znver4", "+sse2,+ssse3,+avx2,-avx512f");
        assert_eq!(host, TargetCaps { x86: true, x86_ssse3: true, aarch64: false, fma: false, tearing_stores: false, ptr_bytes: 8, tail_cc: true });
        let fma = TargetCaps::from_parts("x86_64-unknown-linux-gnu", "znver4", "+ssse3,+fma");
        assert!(fma.fma);
        let baseline = TargetCaps::from_parts("x86_64-unknown-linux-gnu", "x86-64", "");
        assert_eq!(baseline, TargetCaps { x86: true, x86_ssse3: false, aarch64: false, fma: false, tearing_stores: false, ptr_bytes: 8, tail_cc: true });
        let named = TargetCaps::from_parts("x86_64-unknown-linux-gnu", "x86-64-v2", "");
        assert_eq!(named, TargetCaps { x86: true, x86_ssse3: true, aarch64: false, fma: false, tearing_stores: false, ptr_bytes: 8, tail_cc: true });
        let removed = TargetCaps::from_parts("x86_64-unknown-linux-gnu", "haswell", "-ssse3");
        assert_eq!(removed, TargetCaps { x86: true, x86_ssse3: false, aarch64: false, fma: false, tearing_stores: false, ptr_bytes: 8, tail_cc: true });
        let arm = TargetCaps::from_parts("aarch64-unknown-linux-gnu", "generic", "");
        assert_eq!(arm, TargetCaps { x86: false, x86_ssse3: false, aarch64: true, fma: true, tearing_stores: true, ptr_bytes: 8, tail_cc: true });
    }
}
