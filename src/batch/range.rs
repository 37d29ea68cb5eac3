//! The range beside the figures at the text: the same batch under the product's readings that
//! matter (caps with no period in the text read as yearly; conditions left empty counted as
//! met), each worked out as a whole plan per enterprise, and the notices the totals carry.

use rust_decimal::Decimal;
use serde::Serialize;

use super::sums::{sums, tally, Tally};
use super::{Batch, Money, Sums};
use crate::engine::{self, FiguresReading};
use crate::estimate::Notice;
use crate::policy::{CapScope, Policy};
use crate::request::PlanRequest;

/// The baseline under the other readings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Range {
    /// The reading codes of caps with no period in the text that claimed categories rely on
    /// (empty: the yearly reading changes nothing).
    pub readings: Vec<&'static str>,
    /// Caps with no period in the text read as one cap each year.
    pub yearly_reading: Sums,
    /// Conditions left empty (not given, no default) counted as met.
    pub conditions_met: Sums,
    /// Per category with such rows: how many, and what they add when met.
    pub empty_conditions: Vec<EmptyConditions>,
}

/// Rows of a category with a condition left empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmptyConditions {
    pub category: &'static str,
    /// An enterprise's year each.
    pub rows: usize,
    /// What the category's support grows by when they are met (the whole batch, as plans).
    pub adds: Money,
}

/// Whether the plan's figures can differ under the yearly reading: a category claimed whose
/// cap runs over the plan by a reading, in more than one year or after support received.
fn yearly_matters(policy: &Policy, plan: &PlanRequest) -> bool {
    let read = |id: &str| {
        policy
            .category(id)
            .is_some_and(|c| c.cap_period.scope == CapScope::Plan && c.cap_period.reading.is_some())
    };
    let claims = plan
        .years
        .iter()
        .filter(|y| y.expenses.iter().any(|e| read(&e.category)))
        .count();
    claims > 1 || (claims == 1 && !plan.already_received.is_empty())
}

impl Batch {
    /// Adds one enterprise's plan to the range, `at_text` its tally at the text: run again only
    /// under a reading that can change it.
    pub(super) fn add_range(&mut self, plan: &PlanRequest, at_text: &Tally) {
        let base = self.base;
        let yearly = FiguresReading {
            yearly: true,
            ..FiguresReading::default()
        };
        if yearly_matters(base, plan) {
            self.yearly_acc
                .add(&tally(base, &engine::plan_figures_read(base, plan, yearly)));
        } else {
            self.yearly_acc.add(at_text);
        }
        let met = FiguresReading {
            missing_met: true,
            ..FiguresReading::default()
        };
        if at_text.empty.iter().any(|e| *e > 0) {
            self.met_acc
                .add(&tally(base, &engine::plan_figures_read(base, plan, met)));
        } else {
            self.met_acc.add(at_text);
        }
    }

    pub(super) fn range(&self) -> Range {
        let base = self.base;
        let (at_text, met) = (sums(base, &self.acc), sums(base, &self.met_acc));
        let empty_conditions = base
            .categories
            .iter()
            .enumerate()
            .filter(|(i, _)| self.acc.empty[*i] > 0)
            .map(|(i, c)| EmptyConditions {
                category: c.id,
                rows: self.acc.empty[i],
                adds: Money(met.categories[i].support.0 - at_text.categories[i].support.0),
            })
            .collect();
        Range {
            readings: readings(base, &self.acc.claimed),
            yearly_reading: sums(base, &self.yearly_acc),
            conditions_met: met,
            empty_conditions,
        }
    }

    pub(super) fn notices(&self) -> Vec<Notice> {
        let yearly: (Decimal, Decimal) = (self.yearly_acc.total(), self.yearly_acc.awards());
        engine::batch_notices(self.base, &self.acc.claimed, self.acc.any_other, yearly)
    }
}

/// The readings of caps with no period in the text of the claimed categories, once each.
fn readings(policy: &Policy, claimed: &[bool]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (c, _) in policy.categories.iter().zip(claimed).filter(|(_, c)| **c) {
        if let (CapScope::Plan, Some(r)) = (c.cap_period.scope, &c.cap_period.reading) {
            if !out.contains(&r.code) {
                out.push(r.code);
            }
        }
    }
    out
}
