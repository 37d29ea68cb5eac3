//! Settling a line's items under its cap: 就高不重复 item by item (each item with support from
//! another policy claimed by this plan or left with the other, the best set found exactly),
//! base, rate, cap and netting, as typed steps; what group choice compares; the headroom.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::amount::round_fen;
use crate::estimate::{Headroom, Step};
use crate::policy::{CapScope, Category, Kind};
use crate::request::{Expense, MAX_OTHER_SUPPORT_ITEMS};

/// One item as the settling sees it.
#[derive(Clone, Copy)]
pub(super) struct Part {
    /// Its place in the line.
    pub(super) k: usize,
    pub(super) amount: Decimal,
    pub(super) eligible: bool,
    /// Its other support; zero when it does not count (ineligible, not netted).
    pub(super) other: Decimal,
}

/// What settling a set of items under one cap gives.
#[derive(Default)]
pub(super) struct Settled {
    /// Claimed amount × rate, before the cap (expenses).
    pub(super) product: Decimal,
    /// The capped support of the claimed items.
    pub(super) gross: Decimal,
    /// `gross` less the other support of the claimed items, at least 0 (unrounded).
    pub(super) rest: Decimal,
    pub(super) capped: bool,
    pub(super) claimed_other: Decimal,
    pub(super) left_other: Decimal,
    pub(super) left_items: usize,
}

/// The gross support of the claimed items under `cap`: `(product, gross)`.
fn gross_of(cat: &Category, parts: &[Part], claimed: &[bool], cap: Decimal) -> (Decimal, Decimal) {
    let base = parts
        .iter()
        .zip(claimed)
        .filter(|(_, c)| **c)
        .map(|(p, _)| p.amount)
        .sum();
    gross_from(cat, base, claimed.iter().any(|c| *c), cap)
}

/// The gross support of a claimed `base` (`any`: some item is claimed) under `cap`: `(product, gross)`.
fn gross_from(cat: &Category, base: Decimal, any: bool, cap: Decimal) -> (Decimal, Decimal) {
    match (cat.kind, cat.rate) {
        (Kind::Expense, Some(rate)) => {
            let product = base * rate;
            (product, product.min(cap))
        }
        _ => (Decimal::ZERO, if any { cap } else { Decimal::ZERO }),
    }
}

/// 就高不重复 item by item, under one cap. Eligible items without other
/// support are always claimed; each with other support is claimed by this
/// plan or left with the other policy, whichever set pays the enterprise most
/// (see [`claimed_set`]). Adds the steps of the choice, the base, the
/// rate, the cap and the netting.
fn settle(cat: &'static Category, parts: &[Part], cap: Decimal, several: bool, steps: &mut Vec<Step>) -> Settled {
    let choice: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].eligible && !parts[i].other.is_zero())
        .take(MAX_OTHER_SUPPORT_ITEMS)
        .collect();
    let claimed = claimed_set(cat, parts, &choice, cap);

    let mut s = Settled::default();
    for &i in &choice {
        let p = parts[i];
        // A single item taken by this plan is said by the netting step alone.
        if several || !claimed[i] {
            steps.push(Step::ItemOther {
                item: several.then_some(p.k),
                other: p.other,
                this_plan: claimed[i],
            });
        }
        if claimed[i] {
            s.claimed_other += p.other;
        } else {
            s.left_other += p.other;
            s.left_items += 1;
        }
    }
    let any_eligible = parts.iter().any(|p| p.eligible);
    let (product, gross) = gross_of(cat, parts, &claimed, cap);
    match (cat.kind, cat.rate) {
        (Kind::Expense, Some(rate)) => {
            if !any_eligible {
                steps.push(Step::NotSupported);
                return s;
            }
            let sum = |f: &dyn Fn(usize) -> bool| -> Decimal {
                parts
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| f(*i))
                    .map(|(_, p)| p.amount)
                    .sum()
            };
            let base = sum(&|i| claimed[i]);
            let left_out = sum(&|i| !parts[i].eligible);
            let to_other = sum(&|i| parts[i].eligible && !claimed[i]);
            steps.push(Step::Base {
                base,
                left_out,
                to_other,
            });
            steps.push(Step::Rate {
                rate,
                assumed: cat.rate_assumed,
                up_to: cat.rate_up_to,
                product,
            });
            s.capped = product > cap;
            steps.push(Step::Cap {
                cap,
                capped: s.capped,
                remainder: cap != cat.cap,
            });
        }
        _ => steps.push(if any_eligible {
            Step::Award { ceiling: cap }
        } else {
            Step::AwardNotCounted
        }),
    }
    s.product = product;
    s.gross = gross;
    s.rest = (gross - s.claimed_other).max(Decimal::ZERO);
    if !s.claimed_other.is_zero() {
        steps.push(Step::OtherPolicy {
            other: s.claimed_other,
            this_plan: gross,
            rest: s.rest,
        });
    }
    s
}

/// Which items this plan claims: every eligible item, except those of `choice` (eligible, with
/// other support) left with the other policy. All sets of `choice` are tried; the one that pays
/// the enterprise most wins (on a tie, the one using less of this plan's cap, then the one
/// claiming fewer items).
fn claimed_set(cat: &Category, parts: &[Part], choice: &[usize], cap: Decimal) -> Vec<bool> {
    let mut claimed: Vec<bool> = parts.iter().map(|p| p.eligible).collect();
    if choice.is_empty() {
        return claimed;
    }
    // What the items always claimed give, once; each set then adds only its chosen items.
    let (mut fixed_base, mut fixed_other, mut any_fixed) = (Decimal::ZERO, Decimal::ZERO, false);
    for (i, p) in parts.iter().enumerate() {
        if p.eligible && !choice.contains(&i) {
            fixed_base += p.amount;
            fixed_other += p.other;
            any_fixed = true;
        }
    }
    let mut best: Option<(Decimal, Decimal, u32, u32)> = None;
    for mask in 0u32..(1 << choice.len()) {
        let (mut base, mut other) = (fixed_base, fixed_other);
        for (bit, &i) in choice.iter().enumerate() {
            if mask & (1 << bit) != 0 {
                base += parts[i].amount;
                other += parts[i].other;
            }
        }
        let (_, gross) = gross_from(cat, base, any_fixed || mask != 0, cap);
        let pays = (gross - other).max(Decimal::ZERO);
        let better = match best {
            None => true,
            Some((bp, bg, bn, _)) => {
                pays > bp || (pays == bp && (gross < bg || (gross == bg && mask.count_ones() < bn)))
            }
        };
        if better {
            best = Some((pays, gross, mask.count_ones(), mask));
        }
    }
    let mask = best.map_or(0, |b| b.3);
    for (bit, &i) in choice.iter().enumerate() {
        claimed[i] = mask & (1 << bit) != 0;
    }
    claimed
}

/// Settles a line's items under its cap: one cap for them all, or, capped per
/// project, each eligible item under its own. Not inlined: it has two callers (the line, and
/// what the line would give once eligible), and inlined twice it costs the wasm kilobytes.
#[inline(never)]
pub(super) fn settle_line(
    cat: &'static Category,
    parts: &[Part],
    cap: Decimal,
    scope: CapScope,
    steps: &mut Vec<Step>,
) -> Settled {
    let several = parts.len() > 1;
    if !(scope == CapScope::Item && several) {
        return settle(cat, parts, cap, several, steps);
    }
    // Each item is one project with its own cap.
    let mut all = Settled::default();
    for p in parts.iter().filter(|p| p.eligible) {
        steps.push(Step::Project { item: p.k });
        let one = settle(cat, std::slice::from_ref(p), cap, false, steps);
        all.product += one.product;
        all.gross += one.gross;
        all.rest += one.rest;
        all.capped |= one.capped;
        all.claimed_other += one.claimed_other;
        all.left_other += one.left_other;
        all.left_items += one.left_items;
    }
    let eligible = parts.iter().filter(|p| p.eligible).count();
    if eligible == 0 {
        settle(cat, parts, cap, several, steps);
    } else if eligible > 1 {
        steps.push(Step::Projects { total: all.rest });
    }
    all
}

/// The items of a line as the settling sees them.
pub(super) fn parts_of(items: &[(usize, &Expense)], eligible: &[bool], in_force: bool) -> Vec<Part> {
    items
        .iter()
        .zip(eligible)
        .enumerate()
        .map(|(k, ((_, e), ok))| Part {
            k,
            amount: e.amount.unwrap_or_default(),
            eligible: *ok,
            // Other support counts only for an item that qualifies, in the plan's period.
            other: if in_force && *ok {
                e.other_policy_support.unwrap_or_default()
            } else {
                Decimal::ZERO
            },
        })
        .collect()
}

/// The gross ceiling of all eligible items, before any is settled: what group choice compares.
pub(super) fn ceiling_of(cat: &Category, parts: &[Part], cap: Decimal, scope: CapScope) -> Decimal {
    let eligible: Vec<Part> = parts.iter().filter(|p| p.eligible).copied().collect();
    if scope == CapScope::Item {
        eligible
            .iter()
            .map(|p| gross_of(cat, std::slice::from_ref(p), &[true], cap).1)
            .sum()
    } else {
        gross_of(cat, &eligible, &vec![true; eligible.len()], cap).1
    }
}

/// Room left under the cap of a line that gives `support`: the expense that reaches the cap,
/// and what the line then gives more, settled again so that the hint is what the engine would
/// give. The expense is a new item like the line's first that qualifies (more of the same
/// spending), or, for a project with its own cap, more of that project.
pub(super) fn headroom_of(
    cat: &'static Category,
    parts: &[Part],
    cap: Decimal,
    scope: CapScope,
    s: &Settled,
    support: Decimal,
) -> Option<Headroom> {
    let rate = cat.rate.filter(|r| cat.kind == Kind::Expense && *r > Decimal::ZERO)?;
    let first = parts.iter().position(|p| p.eligible)?;
    let project = scope == CapScope::Item;
    // Several projects, each under its own cap: no one hint.
    if project && parts.iter().filter(|p| p.eligible).count() > 1 {
        return None;
    }
    let room = cap - s.product;
    if room <= Decimal::ZERO {
        return None;
    }
    let expense_to_cap = (room / rate).round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
    let mut more = parts.to_vec();
    if project {
        more[first].amount += expense_to_cap;
    } else {
        more.push(Part {
            k: parts.len(),
            amount: expense_to_cap,
            eligible: true,
            other: Decimal::ZERO,
        });
    }
    let then = round_fen(settle_line(cat, &more, cap, scope, &mut Vec::new()).rest);
    (then > support).then(|| Headroom {
        expense_to_cap,
        support_left: then - support,
        item: first,
        new_item: !project,
    })
}
