//! From a validated module to an LLVM module: declare functions, translate their bodies, add
//! the glue the runtime needs (descriptor, initializer, host entry points).

pub mod caps;
pub mod config;
pub mod descriptor;
pub mod entry;
pub mod firmware;
pub mod frozen_tables;
pub mod init;
pub mod intrinsics;
pub mod roots;
pub mod stand_ins;
pub mod unwind;
pub mod vmctx;
pub mod wasm_cc;

use crate::error::{Error, Result};
use crate::module_info::ModuleInfo;
use crate::translate::{translate_function, ModuleEnv};
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::values::FunctionValue;
use intrinsics::{enum_attr, Intrinsics};
use std::ops::Range;

/// How memory accesses are kept inside linear memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BoundsChecks {
    /// No check: the reservation's guard pages fault and the runtime turns the fault into a
    /// trap (targets with an MMU and a 64-bit address space).
    Guard,
    /// Compare every access's end with the memory's current size and trap before it (targets
    /// without an MMU or with a small address space; available everywhere).
    Explicit,
    #[default]
    /// The target's default: `Guard` where an MMU catches faults, `Explicit` on firmware
    /// targets (resolved by the driver, so code generation never sees it).
    Auto,
}

/// What the generated object is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// Also emit a C `main` that runs the module through the runtime.
    Executable,
    /// Only the module's code and descriptor (for libraries and embedders).
    Library,
    /// A firmware module (freestanding target): imports are C symbols, exports C functions,
    /// and the instance lives in a static arena with `memory_bytes` for linear memory
    /// (codegen/firmware.rs). Everything else is internal, so several modules link together.
    Firmware { memory_bytes: u64 },
}

/// LLVM symbol name of defined function `index`: readable in profilers and disassembly, and
/// unique because it starts with the index.
fn function_symbol(info: &ModuleInfo<'_>, index: u32) -> String {
    let mut name = format!("wasm_f{index}");
    if let Some(n) = info.func_names.get(&index) {
        name.push('_');
        let _ = wasmkiln_abi::symbols::mangle_into(&n.as_bytes()[..n.len().min(120)], &mut name);
    }
    name
}

/// Which part of a module one LLVM module holds. A module is compiled as one part, or split
/// into several that are translated, optimized and code-generated on separate threads and
/// linked together afterwards.
#[derive(Clone, Debug)]
pub struct Part {
    /// Function indices whose bodies this part defines.
    pub funcs: Range<u32>,
    /// Whether this part also holds the glue (descriptor, initializer, trampolines, `main`).
    pub glue: bool,
    /// Whether other parts exist: functions are then visible to the other objects (hidden
    /// external symbols) instead of internal to this one.
    pub split: bool,
    /// Optimize this part at `-O1` whatever the requested level: it holds one giant function,
    /// whose optimization at higher levels can take minutes (see [`GIANT_FUNCTION_BYTES`]).
    pub giant: bool,
}

/// Functions with a body this large are optimized at `-O1` (in a part of their own), so that a
/// big module never takes minutes to compile.
pub const GIANT_FUNCTION_BYTES: usize = 64 * 1024;

impl Part {
    /// The whole module as one part.
    pub fn whole(info: &ModuleInfo<'_>) -> Part {
        Part { funcs: info.num_imported_funcs..info.funcs.len() as u32, glue: true, split: false, giant: false }
    }

    /// Bytes of Wasm code of the part's functions.
    pub fn code_bytes(&self, info: &ModuleInfo<'_>) -> usize {
        self.funcs.clone().map(|f| body_bytes(info, (f - info.num_imported_funcs) as usize)).sum()
    }
}

/// Bytes of Wasm code of the body of defined function `defined` (counted from the first one).
fn body_bytes(info: &ModuleInfo<'_>, defined: usize) -> usize {
    let range = info.bodies[defined].range();
    (range.end - range.start) as usize
}

/// Parts per thread: compile time is not proportional to code size, so with one part per
/// thread one thread idled while the other finished the slower part; with several, the threads
/// take the next part until none is left (largest first, see the driver) and end together.
pub const PARTS_PER_JOB: usize = 4;

/// Splits the defined functions into about `PARTS_PER_JOB * jobs` contiguous parts of similar
/// code size; small modules stay whole (a part has at least `MIN_PART_BYTES` of code), as does
/// everything when `jobs` is 1, except that each giant function gets a part of its own. The
/// first part holds the glue.
pub fn plan_parts(info: &ModuleInfo<'_>, jobs: usize) -> Vec<Part> {
    const MIN_PART_BYTES: usize = 8 * 1024;
    let base = info.num_imported_funcs;
    let sizes: Vec<usize> = (0..info.bodies.len()).map(|i| body_bytes(info, i)).collect();
    let giants: Vec<u32> = (0..sizes.len()).filter(|&i| sizes[i] >= GIANT_FUNCTION_BYTES).map(|i| i as u32).collect();
    let total: usize = sizes.iter().sum();
    let wanted = if jobs > 1 { jobs * PARTS_PER_JOB } else { 1 };
    let n = wanted.min(total / MIN_PART_BYTES).min(sizes.len()).max(1);
    if n == 1 && giants.is_empty() {
        return vec![Part::whole(info)];
    }
    // Contiguous ranges, cut where the running total passes the next multiple of total / n;
    // giant functions are cut out of them.
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::with_capacity(n);
    let (mut start, mut cumulative) = (0usize, 0usize);
    for (i, size) in sizes.iter().enumerate() {
        cumulative += size;
        let giant = *size >= GIANT_FUNCTION_BYTES;
        if giant {
            if start < i {
                ranges.push(start..i);
            }
            start = i + 1;
        } else if ranges.len() + 1 < n && cumulative * n >= total * (ranges.len() + 1) {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < sizes.len() {
        ranges.push(start..sizes.len());
    }
    let mut parts: Vec<Part> = ranges
        .into_iter()
        .map(|r| Part { funcs: base + r.start as u32..base + r.end as u32, glue: false, split: true, giant: false })
        .collect();
    parts.extend(giants.iter().map(|&g| Part { funcs: base + g..base + g + 1, glue: false, split: true, giant: true }));
    match parts.first_mut() {
        Some(first) => first.glue = true,
        None => parts.push(Part { funcs: base..base, glue: true, split: true, giant: false }),
    }
    parts
}

/// What the glue records of a module besides its contents.
#[derive(Clone, Copy, Debug)]
pub struct Unit<'a> {
    /// The module's name: the input file's stem (LLVM module name, firmware C names).
    pub name: &'a str,
    /// The input file as given, for the runtime's messages.
    pub file: &'a str,
    pub flavor: Flavor,
    /// Function imports that get a trapping stand-in (`--trap-unknown-imports`; stand_ins.rs).
    pub stand_ins: &'a [u32],
}

/// Builds the LLVM module for one part of `info`.
pub fn build_module<'ctx>(ctx: &'ctx Context, info: &ModuleInfo<'_>, unit: &Unit<'_>, part: &Part, caps: caps::TargetCaps, bounds_checks: BoundsChecks) -> Result<Module<'ctx>> {
    let (name, flavor) = (unit.name, unit.flavor);
    let module = ctx.create_module(name);
    let ii = Intrinsics::new(ctx, &module, caps);
    let unwinds = !matches!(flavor, Flavor::Firmware { .. });
    if !unwinds && !info.tags.is_empty() {
        return Err(Error::new("exception handling (tags) needs a hosted target: firmware targets have no unwinder"));
    }
    if !unwinds && info.memories.iter().any(|m| m.shared) {
        return Err(Error::new("shared memories (threads) need a hosted target: firmware targets have one thread"));
    }

    // Declare every defined function first so calls can refer to any of them. Imports are
    // called through their funcref, except in firmware, where they are C functions.
    let mut functions: Vec<Option<FunctionValue>> = match flavor {
        Flavor::Firmware { .. } => firmware::declare_imports(info, &ii, &module)?,
        _ => vec![None; info.num_imported_funcs as usize],
    };
    for index in info.num_imported_funcs..info.funcs.len() as u32 {
        let fn_ty = ii.func_type(info.func_type(index))?;
        let linkage = if part.split { Linkage::External } else { Linkage::Internal };
        let f = wasm_cc::add_wasm_function(&ii, &module, &function_symbol(info, index), fn_ty, linkage);
        if part.split {
            f.as_global_value().set_visibility(inkwell::GlobalVisibility::Hidden);
        }
        // Exceptions unwind through Wasm frames on hosted targets (codegen/unwind.rs): their
        // functions get unwind tables; firmware has no unwinder, and no exceptions.
        if unwinds {
            f.add_attribute(inkwell::attributes::AttributeLoc::Function, ctx.create_enum_attribute(inkwell::attributes::Attribute::get_named_enum_kind_id("uwtable"), 2));
        } else {
            f.add_attribute(inkwell::attributes::AttributeLoc::Function, enum_attr(ctx, "nounwind"));
        }
        functions.push(Some(f));
    }

    let executable = matches!(flavor, Flavor::Executable);
    let env = ModuleEnv { info, ii: &ii, module: &module, functions: &functions, bounds_checks, unwinds, threads: unwinds, executable };
    for index in part.funcs.clone() {
        let body = &info.bodies[(index - info.num_imported_funcs) as usize];
        let f = functions[index as usize].expect("defined function");
        translate_function(&env, index, f, body).map_err(|e| in_function(info, index, e))?;
    }

    if part.glue {
        let init = init::build_init(&env)?;
        let firmware = matches!(flavor, Flavor::Firmware { .. });
        // Firmware calls exports through their C functions, never through trampolines.
        let trampolines = if firmware { Default::default() } else { entry::build_trampolines(&env)? };
        let stand_ins = stand_ins::build_stand_ins(&env, unit.stand_ins)?;
        let adapters = wasm_cc::build_adapters(&env, firmware)?;
        let desc = descriptor::build_descriptor(&env, unit.file, init, &trampolines, &stand_ins, &adapters)?;
        match flavor {
            Flavor::Executable => entry::build_exe_main(&env, desc)?,
            Flavor::Firmware { memory_bytes } => {
                desc.set_linkage(Linkage::Private);
                firmware::build_entry_points(&env, name, desc, memory_bytes)?;
            }
            Flavor::Library => {}
        }
    }
    module.verify().map_err(|e| Error::new(format!("internal error: generated LLVM IR is invalid: {}", e.to_string())))?;
    Ok(module)
}

/// Adds the function's index and name to an error from its body.
fn in_function(info: &ModuleInfo<'_>, index: u32, e: Error) -> Error {
    let name = info.func_names.get(&index).map(|n| format!(" ({n})")).unwrap_or_default();
    Error { offset: e.offset, message: format!("function {index}{name}: {}", e.message) }
}
