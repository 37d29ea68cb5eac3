//! The calculation, as a pipeline of typed steps.
//!
//! For each category used: check each item's conditions (eligibility), sum
//! the eligible amounts (base), apply the rate, then the cap, then round to
//! the fen half away from zero (四舍五入); net support already granted under
//! another policy (就高不重复); of categories that are one matter keep only
//! the highest (group choice). Awards have no expense base: their cap is an
//! upper bound, reported apart from the total. The words for each step come
//! from [`crate::catalogue`]; nothing here knows a clause or an amount.

use rust_decimal::Decimal;

use crate::amount::round_fen;
use crate::catalogue;
use crate::estimate::{Estimate, Item, Line, Notice, NoticeKind, PolicyRef, Step};
use crate::policy::{Category, Condition, ConditionValue, Kind, Policy};
use crate::request::{Expense, Request};

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

/// Collects the notices of one estimate, each rendered once by the catalogue.
struct Notices {
    policy: &'static Policy,
    list: Vec<Notice>,
}

impl Notices {
    fn add(&mut self, kind: NoticeKind, category: Option<&'static Category>) {
        let text = catalogue::notice(self.policy, &kind, category);
        self.list.push(Notice { kind, text, category });
    }
}

/// The estimate for a request that has been checked against `policy`.
pub(crate) fn estimate(policy: &'static Policy, req: &Request) -> Estimate {
    let doc = &policy.document;
    let in_force = policy.in_force(req.year);
    let mut notices = Notices {
        policy,
        list: Vec::with_capacity(doc.notices.len() + 8),
    };
    for n in doc.notices {
        notices.add(NoticeKind::Document(n.code), None);
    }
    if !in_force {
        notices.add(NoticeKind::OutsidePeriod { year: req.year }, None);
    } else if req.year == doc.first_year && doc.valid_from_month > 1 {
        notices.add(NoticeKind::PartialYear { year: req.year }, None);
    }

    let mut lines = Vec::new();
    for cat in policy.categories {
        let items: Vec<(usize, &Expense)> = req
            .expenses
            .iter()
            .enumerate()
            .filter(|(_, e)| e.category == cat.id)
            .collect();
        if !items.is_empty() {
            lines.push(line(cat, req.year, in_force, &items, &mut notices));
        }
    }
    keep_highest_of_groups(&mut lines, &mut notices);
    for l in &mut lines {
        l.explanation = catalogue::explain(l.category, &l.steps);
    }

    let (mut total, mut awards_up_to) = (Decimal::ZERO, Decimal::ZERO);
    for l in &lines {
        match l.kind {
            Kind::Expense => total += l.support,
            Kind::Award => awards_up_to += l.support,
        }
    }
    if lines.iter().any(|l| l.upper_bound) {
        notices.add(NoticeKind::Award, None);
    }
    Estimate {
        total,
        awards_up_to,
        year: req.year,
        in_force,
        lines,
        notices: notices.list,
        policy: PolicyRef {
            id: doc.id,
            version: doc.version,
        },
    }
}

/// Eligibility: each item's conditions. Returns the items that qualify.
fn eligible_items<'e>(
    cat: &'static Category,
    items: &[(usize, &'e Expense)],
    steps: &mut Vec<Step>,
    notices: &mut Notices,
) -> Vec<&'e Expense> {
    let several = items.len() > 1;
    let mut eligible = Vec::new();
    for (k, (_, e)) in items.iter().enumerate() {
        let item = several.then_some(k);
        let mut ok = true;
        for cond in cat.conditions {
            let given = e.conditions.iter().find(|(id, _)| id == cond.id).map(|(_, v)| *v);
            match check(cond, given) {
                Check::Met => {}
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
        if ok {
            eligible.push(*e);
        }
    }
    eligible
}

/// Base × rate, capped, rounded: `(expense, support, capped)`.
fn expense_support(
    cat: &'static Category,
    rate: Decimal,
    items: &[(usize, &Expense)],
    eligible: &[&Expense],
    steps: &mut Vec<Step>,
) -> (Decimal, Decimal, bool) {
    let all: Decimal = items.iter().filter_map(|(_, e)| e.amount).sum();
    if eligible.is_empty() {
        steps.push(Step::NotSupported);
        return (all, Decimal::ZERO, false);
    }
    let base: Decimal = eligible.iter().filter_map(|e| e.amount).sum();
    steps.push(Step::Base {
        base,
        left_out: all - base,
    });
    let product = base * rate;
    steps.push(Step::Rate {
        rate,
        assumed: cat.rate_assumed,
        product,
    });
    let capped = product > cat.cap;
    steps.push(Step::Cap { cap: cat.cap, capped });
    let unrounded = product.min(cat.cap);
    let support = round_fen(unrounded);
    if support != unrounded {
        steps.push(Step::Round {
            from: unrounded,
            to: support,
        });
    }
    (all, support, capped)
}

fn line(cat: &'static Category, year: i32, in_force: bool, items: &[(usize, &Expense)], notices: &mut Notices) -> Line {
    let mut steps = Vec::new();
    let eligible = eligible_items(cat, items, &mut steps, notices);
    let any_eligible = !eligible.is_empty();

    let (expense, mut support, capped) = match (cat.kind, cat.rate) {
        (Kind::Expense, Some(rate)) => {
            let (all, support, capped) = expense_support(cat, rate, items, &eligible, &mut steps);
            (Some(all), support, capped)
        }
        _ => {
            steps.push(if any_eligible {
                Step::Award { ceiling: cat.cap }
            } else {
                Step::AwardNotCounted
            });
            if items.iter().any(|(_, e)| e.amount.is_some()) {
                steps.push(Step::AmountIgnored);
            }
            (None, if any_eligible { cat.cap } else { Decimal::ZERO }, false)
        }
    };
    if cat.rate_assumed {
        notices.add(NoticeKind::AssumedRate, Some(cat));
    }

    // Support already granted under another policy: 就高不重复.
    let other: Decimal = items.iter().filter_map(|(_, e)| e.other_policy_support).sum();
    if other > Decimal::ZERO && in_force && any_eligible {
        let rest = (support - other).max(Decimal::ZERO);
        steps.push(Step::OtherPolicy {
            other,
            this_plan: support,
            rest,
        });
        let kind = if other >= support {
            NoticeKind::OtherPolicyHigher {
                other,
                this_plan: support,
            }
        } else {
            NoticeKind::ThisPlanHigher {
                other,
                this_plan: support,
                rest,
            }
        };
        notices.add(kind, Some(cat));
        support = rest;
    }

    if !in_force {
        support = Decimal::ZERO;
        steps.push(Step::OutsidePeriod { year });
    }

    Line {
        category: cat,
        clause: cat.measure,
        kind: cat.kind,
        expense,
        rate: cat.rate,
        rate_assumed: cat.rate_assumed,
        cap: cat.cap,
        cap_period: cat.cap_period.id,
        support,
        capped,
        upper_bound: cat.kind == Kind::Award,
        eligible: any_eligible && in_force,
        other_policy_support: other,
        items: items
            .iter()
            .map(|(i, e)| Item {
                index: *i,
                amount: e.amount,
            })
            .collect(),
        explanation: Default::default(),
        steps,
    }
}

/// Group choice (就高不重复 within the plan): of categories that are one
/// matter, only the highest counts; on a tie, the first in the policy's order.
fn keep_highest_of_groups(lines: &mut [Line], notices: &mut Notices) {
    for i in 0..lines.len() {
        let Some(group) = lines[i].category.exclusive_group else {
            continue;
        };
        let members: Vec<usize> = (0..lines.len())
            .filter(|&j| lines[j].category.exclusive_group == Some(group))
            .collect();
        if members.len() < 2 || members[0] != i {
            continue; // handled from the group's first line
        }
        let best = members.iter().copied().fold(
            members[0],
            |b, j| if lines[j].support > lines[b].support { j } else { b },
        );
        let kept = lines[best].category;
        for &j in &members {
            if j != best {
                let l = &mut lines[j];
                l.support = Decimal::ZERO;
                l.eligible = false;
                l.steps.push(Step::GroupNotKept { kept });
            }
        }
        let members = members.iter().map(|&j| lines[j].category).collect();
        notices.add(NoticeKind::Exclusive { members }, Some(kept));
    }
}
