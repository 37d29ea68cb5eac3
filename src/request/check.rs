//! Checking a typed request or plan against the policy: known categories and conditions, values
//! of the right type, amounts in range, the years in order. Used on what `super::read` read, and
//! on requests built in Rust.

use rust_decimal::Decimal;

use super::fields::fields_of;
use super::{
    at, clip, key_path, Expense, PlanRequest, Received, Request, MAX_EXPENSES, MAX_OTHER_SUPPORT_ITEMS, MAX_PLAN_YEARS,
};
use crate::amount::{AmountError, MAX_AMOUNT};
use crate::error::{Field, Got, Kind, Problems, Want};
use crate::policy::{CapScope, Category, ConditionType, ConditionValue, Kind as CategoryKind, Policy};

/// Checks a typed request against the policy: known categories and
/// conditions, values of the right type, amounts in range.
pub(crate) fn check(policy: &Policy, req: &Request, p: &mut Problems) {
    check_at(policy, req, "", p);
    check_received(policy, &req.already_received, p);
}

/// [`check`] of a request at `prefix` (`years[1]` in a plan).
pub(super) fn check_at(policy: &Policy, req: &Request, prefix: &str, p: &mut Problems) {
    if req.expenses.len() > MAX_EXPENSES {
        p.push(at(prefix, "expenses"), Kind::TooMany { max: MAX_EXPENSES });
        return;
    }
    // Items with other support, per category whose cap the items share.
    let mut weighed: Vec<(&str, usize)> = Vec::new();
    for (i, e) in req.expenses.iter().enumerate() {
        // Paths are only written for a problem.
        let at = |field: &str| {
            if prefix.is_empty() {
                format!("expenses[{i}].{field}")
            } else {
                format!("{prefix}.expenses[{i}].{field}")
            }
        };
        for (key, amount) in [("amount", e.amount), ("other_policy_support", e.other_policy_support)] {
            if let Some(bad) = amount.and_then(amount_problem) {
                p.push(at(key), Kind::Amount(bad));
            }
        }
        let Some(cat) = policy.category(&e.category) else {
            let path = at("category");
            if !p.has(&path) {
                p.push(path, Kind::UnknownCategory(clip(&e.category)));
            }
            continue;
        };
        if e.other_policy_support.is_some_and(|o| !o.is_zero()) && cat.cap_period.scope != CapScope::Item {
            let n = match weighed.iter_mut().find(|(c, _)| *c == cat.id) {
                Some((_, n)) => n,
                None => {
                    weighed.push((cat.id, 0));
                    &mut weighed.last_mut().unwrap().1
                }
            };
            *n += 1;
            if *n == MAX_OTHER_SUPPORT_ITEMS + 1 {
                p.push(
                    at("other_policy_support"),
                    Kind::TooManyOtherSupport {
                        max: MAX_OTHER_SUPPORT_ITEMS,
                    },
                );
            }
        }
        if cat.kind == CategoryKind::Expense && e.amount.is_none() {
            let path = at("amount");
            if !p.has(&path) {
                p.push(path, Kind::Required(Field::Amount));
            }
        }
        check_conditions(cat, e, &at, p);
    }
}

/// Each condition of an item given once, declared by its category, of its type; `at` writes
/// the path of the item's field for a problem.
fn check_conditions(cat: &Category, e: &Expense, at: &impl Fn(&str) -> String, p: &mut Problems) {
    for (k, (id, value)) in e.conditions.iter().enumerate() {
        let path = || key_path(&at("conditions"), id);
        if e.conditions[..k].iter().any(|(other, _)| other == id) {
            p.push(path(), Kind::DuplicateCondition);
            continue;
        }
        match cat.condition(id) {
            None => p.push(
                path(),
                Kind::UnknownCondition {
                    category_zh: cat.label.zh,
                    category_en: cat.label.en,
                },
            ),
            Some(c) => match (c.kind, value) {
                (ConditionType::Bool, ConditionValue::Bool(_)) => {}
                (ConditionType::Bool, _) => p.push(
                    path(),
                    Kind::Type {
                        want: Want::Bool,
                        got: Got::Number,
                    },
                ),
                (_, ConditionValue::Number(_)) => {}
                (_, _) => p.push(
                    path(),
                    Kind::Type {
                        want: Want::WholeNumber,
                        got: Got::Bool,
                    },
                ),
            },
        }
    }
}

/// Checks a typed plan: each year as a request, then the years' order and
/// what was already received.
pub(crate) fn check_plan(policy: &Policy, plan: &PlanRequest, p: &mut Problems) {
    if plan.years.len() > MAX_PLAN_YEARS {
        p.push("years", Kind::TooMany { max: MAX_PLAN_YEARS });
        return;
    }
    for (i, y) in plan.years.iter().enumerate() {
        if !(1..=9999).contains(&y.year) {
            p.push(format!("years[{i}].year"), Kind::YearRange);
        }
        check_at(policy, y, &format!("years[{i}]"), p);
        if !y.already_received.is_empty() {
            not_in_a_year(p, format!("years[{i}].already_received"));
        }
    }
    check_plan_rest(policy, plan, p);
}

/// `already_received` given in a plan's year: the years share the plan's.
pub(super) fn not_in_a_year(p: &mut Problems, path: String) {
    let expected = fields_of::<Request>()
        .iter()
        .copied()
        .filter(|k| *k != "already_received");
    p.push(
        path,
        Kind::UnknownKey {
            expected: expected.collect(),
        },
    );
}

/// The years in order, each once; `already_received` in known categories.
pub(super) fn check_plan_rest(policy: &Policy, plan: &PlanRequest, p: &mut Problems) {
    let mut seen: Vec<i32> = Vec::with_capacity(plan.years.len());
    for (i, y) in plan.years.iter().enumerate() {
        if !(1..=9999).contains(&y.year) {
            continue; // its own problem
        }
        if seen.contains(&y.year) {
            p.push(format!("years[{i}].year"), Kind::YearTwice);
        } else if seen.iter().any(|&s| s > y.year) {
            p.push(format!("years[{i}].year"), Kind::YearOrder);
        }
        seen.push(y.year);
    }
    check_received(policy, &plan.already_received, p);
}

/// Each `already_received` amount in range and its category the policy's.
pub(crate) fn check_received(policy: &Policy, received: &[Received], p: &mut Problems) {
    for (i, r) in received.iter().enumerate() {
        let path = |k: &str| format!("already_received[{i}].{k}");
        if let Some(bad) = amount_problem(r.amount) {
            if !p.has(&path("amount")) {
                p.push(path("amount"), Kind::Amount(bad));
            }
        }
        if policy.category(&r.category).is_none() && !p.has(&path("category")) {
            p.push(path("category"), Kind::UnknownCategory(clip(&r.category)));
        }
    }
}

/// What is wrong with an amount built in Rust (the parser never makes these).
fn amount_problem(a: Decimal) -> Option<AmountError> {
    if a.is_sign_negative() && !a.is_zero() {
        Some(AmountError::Negative)
    } else if a > MAX_AMOUNT {
        Some(AmountError::Range)
    } else if a.normalize().scale() > 2 {
        Some(AmountError::Precision)
    } else {
        None
    }
}
