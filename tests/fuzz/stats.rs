//! Counts of a run: verdicts, inconclusive cases by reason, and the feature mix.

use crate::compare::Verdict;
use crate::features::{Features, NAMES};
use crate::generate::{Case, Profile};
use crate::outcome::{Rejected, Run};
use std::collections::BTreeMap;
use std::time::Duration;
use wasmkiln::codegen::BoundsChecks;

#[derive(Default)]
pub struct Stats {
    pub modules: u64,
    pub matched: u64,
    pub mismatches: u64,
    inconclusive: BTreeMap<&'static str, u64>,
    known: BTreeMap<&'static str, u64>,
    profiles: BTreeMap<Profile, u64>,
    features: [u64; NAMES.len()],
    explicit_bounds: u64,
    portable_cpu: u64,
    calls: u64,
    traps: u64,
    instantiation_traps: u64,
}

impl Stats {
    pub fn add(&mut self, case: &Case, features: &Features, reference: &Result<Run, Rejected>, verdict: &Verdict) {
        self.modules += 1;
        match verdict {
            Verdict::Match => self.matched += 1,
            Verdict::Mismatch(_) => self.mismatches += 1,
            Verdict::Inconclusive(why) => *self.inconclusive.entry(why).or_default() += 1,
            Verdict::Known(bug) => *self.known.entry(bug).or_default() += 1,
        }
        *self.profiles.entry(case.profile).or_default() += 1;
        for (i, count) in self.features.iter_mut().enumerate() {
            *count += u64::from(features.bits & (1 << i) != 0);
        }
        self.explicit_bounds += u64::from(case.compilation.bounds_checks == BoundsChecks::Explicit);
        self.portable_cpu += u64::from(case.compilation.portable);
        if let Ok(run) = reference {
            self.instantiation_traps += u64::from(run.instantiation.is_err());
            self.calls += run.calls.len() as u64;
            self.traps += run.calls.iter().filter(|c| c.is_err()).count() as u64;
        }
    }

    pub fn inconclusive_total(&self) -> u64 {
        self.inconclusive.values().sum()
    }

    pub fn known_total(&self) -> u64 {
        self.known.values().sum()
    }

    pub fn print(&self, elapsed: Duration) {
        let secs = elapsed.as_secs_f64();
        println!(
            "{} modules in {secs:.1} s ({:.1} modules/s): {} matched, {} mismatched, {} known bugs, {} inconclusive",
            self.modules,
            self.modules as f64 / secs.max(1e-9),
            self.matched,
            self.mismatches,
            self.known_total(),
            self.inconclusive_total()
        );
        for (bug, n) in &self.known {
            println!("  known bug: {bug}: {n}");
        }
        for (why, n) in &self.inconclusive {
            println!("  inconclusive: {why}: {n}");
        }
        let profiles: Vec<String> = self.profiles.iter().map(|(p, n)| format!("{} {n}", p.name())).collect();
        println!("  profiles: {}", profiles.join(", "));
        let features: Vec<String> = NAMES.iter().zip(&self.features).map(|(f, n)| format!("{f} {n}")).collect();
        println!("  modules using: {}", features.join(", "));
        println!(
            "  compiled with explicit bounds checks {}, for --cpu portable {}; {} calls ({} trapped), {} instantiations trapped",
            self.explicit_bounds, self.portable_cpu, self.calls, self.traps, self.instantiation_traps
        );
    }
}
