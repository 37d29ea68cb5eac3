//! Adding up: one enterprise's figures from its years, and the sums of all enterprises under
//! one policy, in decimals.

use rust_decimal::Decimal;

use super::{CategorySum, Figures, MeasureSum, Money, Sums};
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
}

impl Acc {
    pub(super) fn new(n: usize) -> Acc {
        Acc {
            total: Decimal::ZERO,
            awards: Decimal::ZERO,
            support: vec![Decimal::ZERO; n],
            with: vec![0; n],
            reached: vec![0; n],
        }
    }
}

/// One enterprise's figures from its years, added to `acc`.
pub(super) fn figures(policy: &'static Policy, years: &[Estimate], acc: &mut Acc) -> Figures {
    let n = policy.categories.len();
    let mut support = vec![Decimal::ZERO; n];
    let mut used = vec![false; n];
    let mut reached = vec![false; n];
    let (mut total, mut awards) = (Decimal::ZERO, Decimal::ZERO);
    for y in years {
        total += y.total;
        awards += y.awards_up_to;
        for l in &y.lines {
            let Some(i) = policy.categories.iter().position(|c| c.id == l.category.id) else {
                continue;
            };
            support[i] += l.support;
            used[i] |= !l.support.is_zero();
            // The cap (what was left of it) reached: a product at or above it.
            let mut product = None;
            for s in &l.steps {
                match *s {
                    Step::Rate { product: p, .. } => product = Some(p),
                    Step::Cap { cap, capped, .. } => {
                        reached[i] |= l.eligible && (capped || product.is_some_and(|p| p >= cap && !p.is_zero()));
                    }
                    _ => {}
                }
            }
        }
    }
    acc.total += total;
    acc.awards += awards;
    for i in 0..n {
        acc.support[i] += support[i];
        acc.with[i] += usize::from(used[i]);
        acc.reached[i] += usize::from(reached[i]);
    }
    Figures {
        total: Money(total),
        awards_up_to: Money(awards),
        support: support.into_iter().map(Money).collect(),
        reached: policy
            .categories
            .iter()
            .zip(&reached)
            .filter(|(_, r)| **r)
            .map(|(c, _)| c.id)
            .collect(),
    }
}

pub(super) fn sums(policy: &'static Policy, acc: &Acc) -> Sums {
    let measures = policy
        .measures()
        .iter()
        .filter(|m| policy.categories.iter().any(|c| c.measure == m.id))
        .map(|m| {
            let (mut total, mut awards) = (Decimal::ZERO, Decimal::ZERO);
            for (c, s) in policy.categories.iter().zip(&acc.support) {
                if c.measure == m.id {
                    match c.kind {
                        CategoryKind::Expense => total += *s,
                        CategoryKind::Award => awards += *s,
                    }
                }
            }
            MeasureSum {
                measure: m.id,
                total: Money(total),
                awards_up_to: Money(awards),
            }
        })
        .collect();
    Sums {
        total: Money(acc.total),
        awards_up_to: Money(acc.awards),
        measures,
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
    }
}
