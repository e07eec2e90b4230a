//! Frozen tables: function tables whose every slot the compiler knows after instantiation, so
//! `call_indirect` on them needs no table, funcref or signature id from the vmctx
//! (translate/call.rs `frozen_target`).
//!
//! A table is frozen when it is defined (not imported), not exported, a 32-bit table, without
//! an initializer expression other than `ref.null`, never the destination of `table.set`,
//! `table.grow`, `table.fill`, `table.copy` or `table.init` in any function, and filled only by
//! active element segments with an `i32.const` offset whose items are `ref.func` of defined
//! functions or `ref.null`, all in bounds (a segment out of bounds fails instantiation; such a
//! table keeps the general path). Its slots are those segments applied in module order, and its
//! size never changes. Nothing else can change it: no code of the instance runs before the
//! segments are applied (the start function runs after them), and no other instance or host
//! can reach it.
//!
//! An exported table is frozen too in an executable (`FrozenTable::exported`, `ModuleEnv::
//! executable`; Emscripten always exports its table): there the runtime is the only host, it
//! only calls the module's exported functions, and none of its host functions (WASI,
//! wasi-threads, Emscripten) changes a table; each thread's instance has tables of its own. A
//! library's exported tables are the embedder's to change, so they keep the general path.
//!
//! Types are compared by class: the first structurally equal type of the module, which is the
//! runtime's signature id equality when no type names another (`(ref $t)`); a module where one
//! does gets no frozen tables.
//!
//! In generated code, a frozen table is a private constant of each part that calls through it,
//! `wasmkiln_table<N>`: one `{ i32 code, i32 class }` entry per slot up to the last one holding
//! a function (the slots above are null), `code` the slot's function as an offset from the
//! array's start (read with `llvm.load.relative`, so the array needs no relocation at load
//! time), `class` its type class (0 for null).

use crate::error::{Error, Result};
use crate::module_info::{ElemItem, ElemMode, ModuleInfo};
use crate::translate::ModuleEnv;
use super::intrinsics::Intrinsics;
use inkwell::types::StructType;
use inkwell::module::Linkage;
use inkwell::values::{BasicValue, GlobalValue};
use std::collections::HashMap;
use wasmparser::{ExternalKind, FuncType, HeapType, Operator, ValType};

/// A frozen table's contents.
pub struct FrozenTable {
    /// The table's size, which never changes: `undefined element` at and above it.
    pub size: u32,
    /// The function in each slot, up to the last slot that holds one (`None`: null); the slots
    /// above, up to `size`, are null.
    pub slots: Vec<Option<u32>>,
    /// Whether a slot of `slots` is null.
    pub has_null: bool,
    /// By type class, the one function of that class in the table, or `None` when there are
    /// several (classes without a function are absent).
    pub only: HashMap<u32, Option<u32>>,
    /// Whether the module exports the table: frozen only in an executable.
    pub exported: bool,
}

/// The frozen tables of a module and its type classes.
#[derive(Default)]
pub struct FrozenTables {
    /// By table index; `None` for the tables that are not frozen.
    tables: Vec<Option<FrozenTable>>,
    /// The class of each type: 1 + the index of the first type structurally equal to it (0
    /// stands for a null slot).
    classes: Vec<u32>,
}

impl FrozenTables {
    /// Table `table` when it is frozen in an executable (`executable`) or in a library.
    pub fn table(&self, table: u32, executable: bool) -> Option<&FrozenTable> {
        self.tables.get(table as usize)?.as_ref().filter(|t| executable || !t.exported)
    }

    /// The class of type `type_index`.
    pub fn class(&self, type_index: u32) -> u32 {
        self.classes[type_index as usize]
    }
}

/// Finds the frozen tables of a validated module.
pub fn analyze(info: &ModuleInfo<'_>) -> Result<FrozenTables> {
    let mut frozen = FrozenTables::default();
    let typed_refs = |t: &FuncType| t.params().iter().chain(t.results()).any(|v| matches!(v, ValType::Ref(r) if matches!(r.heap_type(), HeapType::Concrete(_) | HeapType::Exact(_))));
    if info.types.iter().any(typed_refs) {
        return Ok(frozen);
    }
    let mut candidates: Vec<bool> = (0..info.tables.len() as u32).map(|t| t >= info.num_imported_tables && !info.tables[t as usize].table64).collect();
    let mut exported = vec![false; info.tables.len()];
    for e in info.exports.iter().filter(|e| e.kind == ExternalKind::Table) {
        exported[e.index as usize] = true;
    }
    for (table, expr) in &info.table_inits {
        if !is_ref_null(expr) {
            candidates[*table as usize] = false;
        }
    }
    // The slots, segment by segment.
    let mut slots: Vec<Vec<Option<u32>>> = vec![Vec::new(); info.tables.len()];
    for elem in &info.elems {
        let ElemMode::Active { table, offset } = &elem.mode else { continue };
        let t = *table as usize;
        if !candidates[t] {
            continue;
        }
        let start = i32_const(offset).map(|o| o as u32 as u64);
        let items: Option<Vec<Option<u32>>> = elem
            .items
            .iter()
            .map(|item| match *item {
                ElemItem::Null => Some(None),
                ElemItem::Func(f) if f >= info.num_imported_funcs => Some(Some(f)),
                _ => None,
            })
            .collect();
        match (start, items) {
            (Some(start), Some(items)) if start + items.len() as u64 <= info.tables[t].initial => {
                let end = start as usize + items.len();
                if slots[t].len() < end {
                    slots[t].resize(end, None);
                }
                slots[t][start as usize..end].copy_from_slice(&items);
            }
            _ => candidates[t] = false,
        }
    }
    if !candidates.iter().any(|&c| c) {
        return Ok(frozen);
    }
    for t in mutated_tables(info)? {
        candidates[t as usize] = false;
    }

    let mut first: HashMap<&FuncType, u32> = HashMap::new();
    frozen.classes = info.types.iter().enumerate().map(|(i, t)| 1 + *first.entry(t).or_insert(i as u32)).collect();
    frozen.tables = slots
        .into_iter()
        .enumerate()
        .map(|(t, mut slots)| {
            while slots.last() == Some(&None) {
                slots.pop();
            }
            if !candidates[t] || slots.is_empty() {
                return None;
            }
            let mut only: HashMap<u32, Option<u32>> = HashMap::new();
            for f in slots.iter().flatten() {
                only.entry(frozen.classes[info.funcs[*f as usize] as usize]).and_modify(|o| *o = o.filter(|g| g == f)).or_insert(Some(*f));
            }
            let has_null = slots.contains(&None);
            Some(FrozenTable { size: info.tables[t].initial as u32, slots, has_null, only, exported: exported[t] })
        })
        .collect();
    Ok(frozen)
}

/// The tables some function changes (`table.set`, `table.grow`, `table.fill`, the destination
/// of `table.copy`, `table.init`).
fn mutated_tables(info: &ModuleInfo<'_>) -> Result<Vec<u32>> {
    let mut mutated = Vec::new();
    for body in &info.bodies {
        let mut ops = body.get_operators_reader()?;
        while !ops.eof() {
            match ops.read()? {
                Operator::TableSet { table }
                | Operator::TableGrow { table }
                | Operator::TableFill { table }
                | Operator::TableCopy { dst_table: table, .. }
                | Operator::TableInit { table, .. } => mutated.push(table),
                _ => {}
            }
        }
    }
    Ok(mutated)
}

/// The value of a constant expression that is one `i32.const`.
fn i32_const(expr: &wasmparser::ConstExpr<'_>) -> Option<i32> {
    let mut ops = expr.get_operators_reader();
    match (ops.read().ok()?, ops.read().ok()?) {
        (Operator::I32Const { value }, Operator::End) => Some(value),
        _ => None,
    }
}

fn is_ref_null(expr: &wasmparser::ConstExpr<'_>) -> bool {
    let mut ops = expr.get_operators_reader();
    matches!((ops.read(), ops.read()), (Ok(Operator::RefNull { .. }), Ok(Operator::End)))
}

/// The type of an entry: `{ i32 code, i32 class }`.
pub fn entry_type<'ctx>(ii: &Intrinsics<'ctx>) -> StructType<'ctx> {
    ii.ctx.struct_type(&[ii.i32.into(), ii.i32.into()], false)
}

/// Frozen table `table`'s entries in this part (see the module documentation), created on
/// first use.
pub fn entries<'ctx>(env: &ModuleEnv<'_, 'ctx>, table: u32, frozen: &FrozenTable) -> Result<GlobalValue<'ctx>> {
    let name = format!("wasmkiln_table{table}");
    if let Some(g) = env.module.get_global(&name) {
        return Ok(g);
    }
    let ii = env.ii;
    let entry = entry_type(ii);
    let array = entry.array_type(frozen.slots.len() as u32);
    let g = env.module.add_global(array, None, &name);
    let base = g.as_pointer_value().const_to_int(ii.i64);
    let entries: Vec<_> = frozen
        .slots
        .iter()
        .map(|slot| {
            let (code, class) = match slot {
                Some(f) => {
                    let func = env.functions[*f as usize].ok_or_else(|| Error::new("internal error: a frozen table holds an import"))?;
                    let code = func.as_global_value().as_pointer_value().const_to_int(ii.i64).const_sub(base).const_truncate(ii.i32);
                    (code, env.info.frozen_tables.class(env.info.funcs[*f as usize]))
                }
                None => (ii.i32.const_zero(), 0),
            };
            Ok(entry.const_named_struct(&[code.into(), ii.i32.const_int(class as u64, false).into()]))
        })
        .collect::<Result<_>>()?;
    g.set_initializer(&entry.const_array(&entries).as_basic_value_enum());
    g.set_constant(true);
    g.set_linkage(Linkage::Private);
    g.set_unnamed_addr(true);
    Ok(g)
}

#[cfg(test)]
mod tests {
    use crate::module_info::{features, parse};

    /// The frozen tables of a library module: by table, its size and slots.
    fn frozen(wat: &str) -> Vec<Option<(u32, Vec<Option<u32>>)>> {
        let wasm = wat::parse_str(wat).unwrap();
        let info = parse(&wasm, features()).unwrap();
        (0..info.tables.len() as u32).map(|t| info.frozen_tables.table(t, false).map(|f| (f.size, f.slots.clone()))).collect()
    }

    const FUNCS: &str = r#"(type $t (func)) (type $u (func (param i32))) (type $t2 (func))
        (func $a (type $t)) (func $b (type $u)) (func $c (type $t2)) (func $d (type $t))"#;

    #[test]
    fn segments_apply_in_order_and_trailing_nulls_go() {
        let m = format!(
            r#"(module {FUNCS} (table 10 funcref)
                (elem (i32.const 1) func $a $b $c) (elem (i32.const 2) funcref (ref.func $d) (ref.null func))
                (elem (i32.const 6) funcref (ref.null func)) (elem func $a) (elem declare func $b)
                (func (call_indirect (type $t) (i32.const 0)) (drop (table.get 0 (i32.const 0))) (drop (table.size 0))))"#
        );
        assert_eq!(frozen(&m), vec![Some((10, vec![None, Some(0), Some(3)]))]);
        let wasm = wat::parse_str(&m).unwrap();
        let info = parse(&wasm, features()).unwrap();
        let f = &info.frozen_tables;
        // $t and $t2 are one class; $a and $d share it (several functions), $b is the only $u.
        assert_eq!((f.class(0), f.class(1), f.class(2)), (1, 2, 1));
        let t = f.table(0, false).unwrap();
        assert!(t.has_null);
        assert_eq!((t.only.get(&1), t.only.get(&2)), (Some(&None), None));
    }

    #[test]
    fn only_function_of_a_class() {
        let m = format!(r#"(module {FUNCS} (table 3 funcref) (elem (i32.const 0) func $a $b $a))"#);
        let wasm = wat::parse_str(&m).unwrap();
        let info = parse(&wasm, features()).unwrap();
        let t = info.frozen_tables.table(0, false).unwrap();
        assert!(!t.has_null);
        assert_eq!((t.only.get(&1), t.only.get(&2)), (Some(&Some(0)), Some(&Some(1))));
    }

    #[test]
    fn what_unfreezes_a_table() {
        let table = r#"(table $x 4 funcref) (elem (table $x) (i32.const 0) func $a)"#;
        for (what, extra) in [
            ("exported", r#"(export "t" (table $x))"#),
            ("table.set", r#"(func (table.set $x (i32.const 1) (ref.null func)))"#),
            ("table.grow", r#"(func (drop (table.grow $x (ref.null func) (i32.const 1))))"#),
            ("table.fill", r#"(func (table.fill $x (i32.const 0) (ref.null func) (i32.const 1)))"#),
            ("table.copy into it", r#"(table $y 2 funcref) (func (table.copy $x $y (i32.const 0) (i32.const 0) (i32.const 1)))"#),
            ("table.init", r#"(elem $p func $a) (func (table.init $x $p (i32.const 0) (i32.const 0) (i32.const 1)))"#),
            ("an offset from a global", r#"(global $g i32 (i32.const 1)) (elem (table $x) (global.get $g) func $a)"#),
            ("an extended-const offset", r#"(elem (table $x) (i32.add (i32.const 1) (i32.const 1)) func $a)"#),
            ("an item from a global", r#"(global $g funcref (ref.func $a)) (elem (table $x) (i32.const 1) funcref (global.get $g))"#),
            ("a segment out of bounds", r#"(elem (table $x) (i32.const 3) func $a $a)"#),
            ("a segment at a negative offset", r#"(elem (table $x) (i32.const -1) func $a)"#),
        ] {
            let m = format!("(module {FUNCS} {table} {extra})");
            assert!(frozen(&m)[0].is_none(), "{what}");
        }
        // An exported table is frozen in an executable only.
        let m = format!("(module {FUNCS} {table} (export \"t\" (table $x)))");
        let info_wasm = wat::parse_str(&m).unwrap();
        let info = parse(&info_wasm, features()).unwrap();
        assert!(info.frozen_tables.table(0, false).is_none());
        assert_eq!(info.frozen_tables.table(0, true).map(|t| t.slots.clone()), Some(vec![Some(0)]));
        // An imported function in a slot.
        let m = r#"(module (import "m" "f" (func $i)) (table 2 funcref) (elem (i32.const 0) func $i))"#;
        assert_eq!(frozen(m), vec![None]);
        // An imported table, a table with an initializer other than null, a typed function reference in a type.
        let m = r#"(module (import "m" "t" (table 2 funcref)) (func $a) (elem (i32.const 0) func $a))"#;
        assert_eq!(frozen(m), vec![None]);
        let m = r#"(module (func $a) (table 2 funcref (ref.func $a)) (elem (i32.const 0) func $a))"#;
        assert_eq!(frozen(m), vec![None]);
        let m = r#"(module (func $a) (table 2 funcref (ref.null func)) (elem (i32.const 1) func $a))"#;
        assert_eq!(frozen(m), vec![Some((2, vec![None, Some(0)]))]);
        let m = r#"(module (type $t (func)) (type $r (func (param (ref $t)))) (func $a (type $t)) (table 2 funcref) (elem (i32.const 0) func $a))"#;
        assert_eq!(frozen(m), vec![None]);
        // table.copy out of a table leaves it frozen; a table of null slots only keeps the general path.
        let m = format!("(module {FUNCS} {table} (table $y 2 funcref) (table $z 2 funcref) (func (table.copy $y $x (i32.const 0) (i32.const 0) (i32.const 1))))");
        assert_eq!(frozen(&m), vec![Some((4, vec![Some(0)])), None, None]);
    }
}
