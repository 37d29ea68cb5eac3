//! One line: a category's items in one year, from eligibility through settling to the line
//! the estimate shows, with its steps and the notices it raises.

use rust_decimal::Decimal;

use super::book::{Book, Used};
use super::settle::{ceiling_of, headroom_of, parts_of, settle_line, Part, Settled};
use super::Notices;
use crate::amount::round_fen;
use crate::estimate::{Item, Line, NoticeKind, Step};
use crate::policy::{CapScope, Category, Condition, ConditionValue, Kind};
use crate::request::Expense;

/// How one condition of one item stands.
enum Check {
    Met,
    Missing,
    NotMet(ConditionValue),
}

fn check(cond: &Condition, given: Option<ConditionValue>) -> Check {
    let value = match (given, cond.default) {
        (Some(v), _) => v,
        (None, Some(d)) => ConditionValue::Bool(d),
        (None, None) => return Check::Missing,
    };
    if cond.rule.holds(value) {
        Check::Met
    } else {
        Check::NotMet(value)
    }
}

/// A line while the year is worked out: what group choice needs besides it.
pub(super) struct Pending {
    pub(super) line: Line,
    /// The capped support of all its eligible items, before other support is settled.
    pub(super) ceiling: Decimal,
    /// Its notices about other support, for a category of a group: said if it is kept.
    pub(super) netting: Vec<NoticeKind>,
    /// Some eligible item has other support (in force).
    pub(super) any_other: bool,
}

/// Eligibility: each item's conditions, in the items' order.
fn eligibility(
    cat: &'static Category,
    year: i32,
    items: &[(usize, &Expense)],
    missing_met: bool,
    steps: &mut Vec<Step>,
    notices: &mut Notices,
) -> Vec<bool> {
    let several = items.len() > 1;
    let mut eligible = Vec::with_capacity(items.len());
    for (k, (_, e)) in items.iter().enumerate() {
        let item = several.then_some(k);
        let mut ok = true;
        // A condition asked only in one year (the plan's start) is not asked in the others.
        for cond in cat.conditions.iter().filter(|c| c.only_year.is_none_or(|y| y == year)) {
            let given = e.conditions.iter().find(|(id, _)| id == cond.id).map(|(_, v)| *v);
            match check(cond, given) {
                Check::Met => {}
                Check::Missing if missing_met => {}
                Check::Missing => {
                    ok = false;
                    steps.push(Step::ConditionMissing { item, condition: cond });
                    notices.add(NoticeKind::ConditionMissing { condition: cond }, Some(cat));
                }
                Check::NotMet(given) => {
                    ok = false;
                    steps.push(Step::ConditionNotMet {
                        item,
                        condition: cond,
                        given,
                    });
                    notices.add(NoticeKind::ConditionNotMet { condition: cond }, Some(cat));
                }
            }
        }
        eligible.push(ok);
    }
    eligible
}

/// The line of `cat` in `year`, its items `items` (their places in the request), against what
/// `book` says its cap has left.
pub(super) fn line(
    cat: &'static Category,
    year: i32,
    in_force: bool,
    items: &[(usize, &Expense)],
    notices: &mut Notices,
    book: &Book,
) -> Pending {
    let mut steps = Vec::new();
    let eligible = eligibility(cat, year, items, book.missing_met, &mut steps, notices);
    let any_eligible = eligible.iter().any(|e| *e);
    let parts = parts_of(items, &eligible, in_force);
    let scope = book.scope(cat);
    let (cap, used_before) = book.left(cat, year);
    if in_force && any_eligible {
        cap_steps(cat, scope, cap, used_before, book, &mut steps, notices);
    }
    let ceiling = ceiling_of(cat, &parts, cap, scope);
    let s = settle_line(cat, &parts, cap, scope, &mut steps);
    // What the line would give were every item's conditions met (in force only).
    let if_eligible =
        (in_force && !eligible.iter().all(|e| *e)).then(|| if_all_eligible(cat, &parts, items, cap, scope));
    if matches!(cat.kind, Kind::Award) && items.iter().any(|(_, e)| e.amount.is_some()) {
        steps.push(Step::AmountIgnored);
    }
    let netting = netting_notices(cat, &s, notices);

    // Round the line once.
    let mut support = round_fen(s.rest);
    if support != s.rest {
        steps.push(Step::Round {
            from: s.rest,
            to: support,
        });
    }
    let paid = in_force.then(|| book.once_paid(cat, year)).flatten();
    let mut headroom = None;
    if !in_force {
        support = Decimal::ZERO;
        steps.push(Step::OutsidePeriod { year });
    } else if let Some(when) = paid {
        // A one-time support counted in another year, or received: this year counts 0.
        support = Decimal::ZERO;
        steps.push(Step::OncePaid { when });
        notices.add(NoticeKind::OncePaid { when }, Some(cat));
    } else if any_eligible && !book.figures_only {
        headroom = headroom_of(cat, &parts, cap, scope, &s, support);
    }

    let line = Line {
        category: cat,
        clause: cat.measure,
        kind: cat.kind,
        expense: (cat.kind == Kind::Expense).then(|| items.iter().filter_map(|(_, e)| e.amount).sum()),
        rate: cat.rate,
        rate_assumed: cat.rate_assumed,
        rate_up_to: cat.rate_up_to,
        cap: cat.cap,
        cap_period: cat.cap_period.id,
        cap_left: (scope != CapScope::Item).then_some(if paid.is_some() { Decimal::ZERO } else { cap }),
        support,
        capped: s.capped && paid.is_none(),
        upper_bound: cat.kind == Kind::Award,
        eligible: any_eligible && in_force && paid.is_none(),
        other_policy_support: items.iter().filter_map(|(_, e)| e.other_policy_support).sum(),
        items: items_of(items),
        headroom,
        if_eligible: if_eligible.filter(|_| paid.is_none()),
        unmet: unmet_of(&steps),
        kept_instead: None,
        explanation: Default::default(),
        steps,
    };
    Pending {
        line,
        ceiling,
        netting,
        any_other: !(s.claimed_other + s.left_other).is_zero(),
    }
}

/// What the line would give were every item's conditions met: settled again, each item
/// eligible with its other support.
fn if_all_eligible(
    cat: &'static Category,
    parts: &[Part],
    items: &[(usize, &Expense)],
    cap: Decimal,
    scope: CapScope,
) -> Decimal {
    let all: Vec<Part> = parts
        .iter()
        .zip(items)
        .map(|(p, (_, e))| Part {
            eligible: true,
            other: e.other_policy_support.unwrap_or_default(),
            ..*p
        })
        .collect();
    round_fen(settle_line(cat, &all, cap, scope, &mut Vec::new()).rest)
}

/// The items of a line as it shows them: each one's place in the request, and its amount.
fn items_of(items: &[(usize, &Expense)]) -> Vec<Item> {
    items
        .iter()
        .map(|(i, e)| Item {
            index: *i,
            amount: e.amount,
        })
        .collect()
}

/// The notices a line carries for its category: an assumed rate, a rate the text states as
/// a ceiling, a reading of its own clause, the document notices that govern it.
pub(super) fn line_notices(cat: &'static Category, notices: &mut Notices) {
    if cat.rate_assumed {
        notices.add(NoticeKind::AssumedRate, Some(cat));
    }
    if let (true, Some(rate)) = (cat.rate_up_to, cat.rate) {
        notices.add(NoticeKind::RateUpTo { rate }, Some(cat));
    }
    if let Some(r) = &cat.reading {
        notices.add(NoticeKind::Reading(r), Some(cat));
    }
    for code in cat.notices {
        notices.add(NoticeKind::Document(code), Some(cat));
    }
}

/// The conditions some item did not meet or did not give, once each, in the category's order.
fn unmet_of(steps: &[Step]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in steps {
        if let Step::ConditionMissing { condition, .. } | Step::ConditionNotMet { condition, .. } = s {
            if !out.contains(&condition.id) {
                out.push(condition.id);
            }
        }
    }
    out
}

/// The steps and notices about the cap before the line is settled: what earlier years (or
/// support already received) used of it, and in a single year, that it runs over the plan.
fn cap_steps(
    cat: &'static Category,
    scope: CapScope,
    left: Decimal,
    used: Option<Used>,
    book: &Book,
    steps: &mut Vec<Step>,
    notices: &mut Notices,
) {
    if let Some(Used { used, when, by }) = used {
        steps.push(Step::CapLeft {
            cap: cat.cap,
            used,
            left,
            when,
            by,
        });
        notices.add(NoticeKind::CapUsed { when, left }, Some(cat));
        // One matter across the years: the reading that makes it one.
        if let Some(g) = by
            .and(cat.exclusive_group)
            .and_then(|g| notices.policy.exclusive_group(g))
        {
            notices.add(NoticeKind::Reading(&g.reading), Some(cat));
        }
    }
    if book.single_year && matches!(scope, CapScope::Plan | CapScope::Once) {
        steps.push(Step::CapShared {
            once: scope == CapScope::Once,
        });
        // The reading that makes a cap with no period in the text run over the plan.
        if let Some(r) = &cat.cap_period.reading {
            notices.add(NoticeKind::Reading(r), Some(cat));
        }
    }
}

/// The notices about other support of a settled line: said now, or, for a category of a
/// group, only if it is kept (returned).
fn netting_notices(cat: &'static Category, s: &Settled, notices: &mut Notices) -> Vec<NoticeKind> {
    let mut netting = Vec::new();
    if s.left_items > 0 {
        netting.push(NoticeKind::OtherPolicyHigher {
            other: s.left_other,
            items: s.left_items,
        });
    }
    if !s.claimed_other.is_zero() {
        let (this_plan, rest) = (round_fen(s.gross), round_fen(s.rest));
        netting.push(NoticeKind::ThisPlanHigher {
            other: s.claimed_other,
            this_plan,
            rest,
        });
    }
    if cat.exclusive_group.is_none() {
        for kind in netting.drain(..) {
            notices.add(kind, Some(cat));
        }
    }
    netting
}
