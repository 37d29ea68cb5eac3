//! Adding up: one enterprise's figures from its years, and the sums of all enterprises under
//! one policy, in decimals.

use rust_decimal::Decimal;

use super::{CategorySum, Figures, MeasureSum, Money, Sums, YearSum};
use crate::estimate::{Estimate, Step};
use crate::policy::{Kind as CategoryKind, Policy};

/// Running sums under one policy.
#[derive(Clone, Debug)]
pub(super) struct Acc {
    total: Decimal,
    awards: Decimal,
    support: Vec<Decimal>,
    with: Vec<usize>,
    reached: Vec<usize>,
    /// Support per category in each of the plan's years (`first_year` first).
    years: Vec<Vec<Decimal>>,
    /// Categories claimed in some computed row.
    pub(super) claimed: Vec<bool>,
    /// Rows (an enterprise's year) per category with a condition not given.
    pub(super) empty: Vec<usize>,
    /// Some line had support from another policy.
    pub(super) any_other: bool,
}

impl Acc {
    pub(super) fn new(policy: &Policy) -> Acc {
        let n = policy.categories.len();
        let doc = &policy.document;
        let years = usize::try_from(doc.last_year - doc.first_year + 1).unwrap_or(0);
        Acc {
            total: Decimal::ZERO,
            awards: Decimal::ZERO,
            support: vec![Decimal::ZERO; n],
            with: vec![0; n],
            reached: vec![0; n],
            years: vec![vec![Decimal::ZERO; n]; years],
            claimed: vec![false; n],
            empty: vec![0; n],
            any_other: false,
        }
    }

    pub(super) fn total(&self) -> Decimal {
        self.total
    }

    pub(super) fn awards(&self) -> Decimal {
        self.awards
    }
}

/// Whether a line left an item's condition empty (not given, no default).
pub(super) fn condition_empty(steps: &[Step]) -> bool {
    steps.iter().any(|s| matches!(s, Step::ConditionMissing { .. }))
}

/// What one enterprise's years add to the sums (worked out once, added to each sum it is in).
pub(super) struct Tally {
    total: Decimal,
    awards: Decimal,
    support: Vec<Decimal>,
    reached: Vec<bool>,
    /// (year index, category index, support) of each line in a plan year.
    by_year: Vec<(usize, usize, Decimal)>,
    claimed: Vec<bool>,
    /// Lines in force with a condition not given, per category.
    pub(super) empty: Vec<usize>,
    any_other: bool,
}

/// One enterprise's tally from its years.
pub(super) fn tally(policy: &'static Policy, years: &[Estimate]) -> Tally {
    let n = policy.categories.len();
    let mut t = Tally {
        total: Decimal::ZERO,
        awards: Decimal::ZERO,
        support: vec![Decimal::ZERO; n],
        reached: vec![false; n],
        by_year: Vec::new(),
        claimed: vec![false; n],
        empty: vec![0; n],
        any_other: false,
    };
    let first = policy.document.first_year;
    for y in years {
        t.total += y.total;
        t.awards += y.awards_up_to;
        let yi = usize::try_from(y.year - first).ok().filter(|_| y.in_force);
        for l in &y.lines {
            let Some(i) = policy.categories.iter().position(|c| c.id == l.category.id) else {
                continue;
            };
            t.support[i] += l.support;
            if let (Some(yi), false) = (yi, l.support.is_zero()) {
                t.by_year.push((yi, i, l.support));
            }
            t.claimed[i] = true;
            t.empty[i] += usize::from(y.in_force && condition_empty(&l.steps));
            t.any_other |= !l.other_policy_support.is_zero();
            // The cap (what was left of it) reached: a product at or above it.
            let mut product = None;
            for s in &l.steps {
                match *s {
                    Step::Rate { product: p, .. } => product = Some(p),
                    Step::Cap { cap, capped, .. } => {
                        t.reached[i] |= l.eligible && (capped || product.is_some_and(|p| p >= cap && !p.is_zero()));
                    }
                    _ => {}
                }
            }
        }
    }
    t
}

impl Acc {
    pub(super) fn add(&mut self, t: &Tally) {
        self.total += t.total;
        self.awards += t.awards;
        for i in 0..self.support.len() {
            self.support[i] += t.support[i];
            self.with[i] += usize::from(!t.support[i].is_zero());
            self.reached[i] += usize::from(t.reached[i]);
            self.claimed[i] |= t.claimed[i];
            self.empty[i] += t.empty[i];
        }
        for &(yi, i, v) in &t.by_year {
            if let Some(row) = self.years.get_mut(yi) {
                row[i] += v;
            }
        }
        self.any_other |= t.any_other;
    }
}

/// The figures an enterprise's tally gives it.
pub(super) fn figures_of(policy: &'static Policy, t: &Tally) -> Figures {
    Figures {
        total: Money(t.total),
        awards_up_to: Money(t.awards),
        support: t.support.iter().copied().map(Money).collect(),
        reached: policy
            .categories
            .iter()
            .zip(&t.reached)
            .filter(|(_, r)| **r)
            .map(|(c, _)| c.id)
            .collect(),
    }
}

/// One enterprise's figures from its years, added to `acc`.
pub(super) fn figures(policy: &'static Policy, years: &[Estimate], acc: &mut Acc) -> Figures {
    let t = tally(policy, years);
    acc.add(&t);
    figures_of(policy, &t)
}

pub(super) fn sums(policy: &'static Policy, acc: &Acc) -> Sums {
    let first = policy.document.first_year;
    Sums {
        total: Money(acc.total),
        awards_up_to: Money(acc.awards),
        measures: measure_sums(policy, &acc.support),
        categories: policy
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| CategorySum {
                category: c.id,
                measure: c.measure,
                kind: c.kind,
                support: Money(acc.support[i]),
                enterprises: acc.with[i],
                reached_cap: acc.reached[i],
            })
            .collect(),
        years: (first..)
            .zip(&acc.years)
            .map(|(year, support)| {
                let (total, awards) = split(policy, support, |_| true);
                YearSum {
                    year,
                    total: Money(total),
                    awards_up_to: Money(awards),
                    measures: measure_sums(policy, support),
                }
            })
            .collect(),
    }
}

/// Expense support and award ceilings of the categories `which` picks, from support per category.
fn split(policy: &Policy, support: &[Decimal], which: impl Fn(&str) -> bool) -> (Decimal, Decimal) {
    let (mut total, mut awards) = (Decimal::ZERO, Decimal::ZERO);
    for (c, s) in policy.categories.iter().zip(support) {
        if which(c.measure) {
            match c.kind {
                CategoryKind::Expense => total += *s,
                CategoryKind::Award => awards += *s,
            }
        }
    }
    (total, awards)
}

/// Per measure with categories, in the policy's order.
fn measure_sums(policy: &'static Policy, support: &[Decimal]) -> Vec<MeasureSum> {
    policy
        .measures()
        .iter()
        .filter(|m| policy.categories.iter().any(|c| c.measure == m.id))
        .map(|m| {
            let (total, awards) = split(policy, support, |id| id == m.id);
            MeasureSum {
                measure: m.id,
                total: Money(total),
                awards_up_to: Money(awards),
            }
        })
        .collect()
}
