//! The plan's years: run in order through one book of caps, a one-time support counted in its
//! best year, the alternative reading of caps with no period in the text, and headroom that is
//! true of the whole plan.

use rust_decimal::{Decimal, RoundingStrategy};

use super::book::{received, Book, Entry};
use super::{estimate_in, policy_ref, Notices};
use crate::catalogue;
use crate::estimate::{CapUse, Estimate, Headroom, NoticeKind, PlanEstimate};
use crate::policy::{CapScope, Category, Kind, Policy, Reading};
use crate::request::{Expense, PlanRequest};

/// The estimate for a plan that has been checked against `policy`.
pub(crate) fn plan(policy: &'static Policy, req: &PlanRequest) -> PlanEstimate {
    let (mut years, book) = run_plan(policy, req, Book::default());
    let total = years.iter().map(|y| y.total).sum();
    plan_headroom(policy, req, &book, &mut years, total);
    let awards_up_to = years.iter().map(|y| y.awards_up_to).sum();
    let mut notices = Notices::document(policy, 2);
    undated_notices(policy, req, &book, &mut notices);
    let caps = book.entries.iter().map(|e| cap_use(&book, e)).collect();
    PlanEstimate {
        total,
        awards_up_to,
        years,
        caps,
        notices: notices.list,
        policy: policy_ref(policy),
    }
}

/// One category's cap across the plan, as the book has it.
fn cap_use(book: &Book, e: &Entry) -> CapUse {
    let c = e.category;
    let used = e.used();
    let scope = book.scope(c);
    let remaining = match scope {
        // Counted once, or received: nothing is left of a one-time support.
        CapScope::Once => Some(if used.is_zero() { c.cap } else { Decimal::ZERO }),
        CapScope::Plan => Some(book.left(c, 0).0),
        CapScope::Year | CapScope::Item => None,
    };
    CapUse {
        category: c,
        cap: c.cap,
        cap_period: c.cap_period.id,
        used,
        remaining,
        by_year: e.years.clone(),
        claimed_in: (scope == CapScope::Once)
            .then(|| e.years.iter().find(|y| !y.used.is_zero()).map(|y| y.year))
            .flatten(),
    }
}

/// Caps with no period in the text, used in the plan over its whole length: each reading,
/// with the plan's total (or award ceilings) were they read as yearly caps instead.
fn undated_notices(policy: &'static Policy, req: &PlanRequest, book: &Book, notices: &mut Notices) {
    let mut readings: Vec<(&'static Reading, bool, bool)> = Vec::new();
    for e in &book.entries {
        let c = e.category;
        let Some(r) = c
            .cap_period
            .reading
            .as_ref()
            .filter(|_| book.scope(c) == CapScope::Plan)
        else {
            continue;
        };
        let at = match readings.iter().position(|(x, ..)| x.code == r.code) {
            Some(at) => at,
            None => {
                readings.push((r, false, false));
                readings.len() - 1
            }
        };
        match c.kind {
            Kind::Expense => readings[at].1 = true,
            Kind::Award => readings[at].2 = true,
        }
    }
    if readings.is_empty() {
        return;
    }
    let alt = Book {
        yearly_reading: true,
        figures_only: true,
        ..Book::default()
    };
    let (years, _) = run_plan(policy, req, alt);
    let (yearly, awards) = years.iter().fold((Decimal::ZERO, Decimal::ZERO), |(t, a), y| {
        (t + y.total, a + y.awards_up_to)
    });
    for (reading, expense, award) in readings {
        notices.add(
            NoticeKind::CapOverPlan {
                reading,
                yearly: expense.then_some(yearly),
                yearly_awards: award.then_some(awards),
            },
            None,
        );
    }
}

/// Headroom in a plan must be true of the plan: more expense in one year under a cap over the
/// plan leaves less for the later years. Each such hint is followed (the expense added to the
/// line's first item that qualifies, up to what the plan's cap has left at its end) and its
/// support is what the plan's total then grows by; a hint that adds nothing is dropped.
fn plan_headroom(policy: &'static Policy, req: &PlanRequest, book: &Book, years: &mut [Estimate], total: Decimal) {
    for (yi, year) in years.iter_mut().enumerate() {
        for line in &mut year.lines {
            let (cat, Some(h)) = (line.category, line.headroom) else {
                continue;
            };
            if book.scope(cat) != CapScope::Plan {
                continue; // the line's own hint is the plan's: no other year shares its cap
            }
            let (left_at_end, _) = book.left(cat, 0);
            let rate = cat.rate.unwrap_or(Decimal::ONE);
            let to_end = (left_at_end / rate).round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
            let expense_to_cap = h.expense_to_cap.min(to_end);
            let index = line.items.get(h.item).map(|i| i.index);
            let gain = index.map_or(Decimal::ZERO, |index| {
                total_with(policy, req, yi, index, h.new_item, expense_to_cap) - total
            });
            let hint = (gain > Decimal::ZERO && !expense_to_cap.is_zero()).then_some(Headroom {
                expense_to_cap,
                support_left: gain,
                ..h
            });
            line.headroom = hint;
            if !line.explanation.zh.is_empty() {
                line.explanation = catalogue::explain(line.category, &line.steps, hint);
            }
        }
    }
}

/// The plan's total, figures only, with `more` expense in year `yi`: a new item like the
/// request's item `index` (`new_item`), or more of that item.
fn total_with(
    policy: &'static Policy,
    req: &PlanRequest,
    yi: usize,
    index: usize,
    new_item: bool,
    more: Decimal,
) -> Decimal {
    let mut req = req.clone();
    let expenses = &mut req.years[yi].expenses;
    if new_item {
        let like = &expenses[index];
        let e = Expense {
            category: like.category.clone(),
            amount: Some(more),
            conditions: like.conditions.clone(),
            other_policy_support: None,
        };
        expenses.push(e);
    } else {
        let e = &mut expenses[index];
        e.amount = Some(e.amount.unwrap_or_default() + more);
    }
    let book = Book {
        figures_only: true,
        ..Book::default()
    };
    let (ys, _) = run_plan(policy, &req, book);
    ys.iter().map(|y| y.total).sum::<Decimal>()
}

/// The years of a plan through one book of caps. A one-time category claimed in several
/// years is first worked out in each as if alone (`once_fresh`), and counted in its best.
fn run_plan(policy: &'static Policy, req: &PlanRequest, mut book: Book) -> (Vec<Estimate>, Book) {
    received(policy, &req.already_received, &mut book);
    book.once_year = best_years(policy, req, &book);
    let years = req.years.iter().map(|y| estimate_in(policy, y, &mut book)).collect();
    // Caps in the order of the policy (a sort would cost the wasm more than this).
    let mut entries = Vec::with_capacity(book.entries.len());
    for c in policy.categories {
        if let Some(at) = book.entries.iter().position(|e| e.category.id == c.id) {
            entries.push(book.entries.swap_remove(at));
        }
    }
    book.entries = entries;
    (years, book)
}

/// For each one-time category entered in more than one year of the plan's period: the year
/// it gives the most in, worked out as if alone (the earliest of equals); none when it gives
/// nothing in any.
fn best_years(policy: &'static Policy, req: &PlanRequest, book: &Book) -> Vec<(&'static str, i32)> {
    let once: Vec<&'static Category> = policy
        .categories
        .iter()
        .filter(|c| book.scope(c) == CapScope::Once)
        .filter(|c| {
            let years = req.years.iter().filter(|y| policy.in_force(y.year));
            years.filter(|y| y.expenses.iter().any(|e| e.category == c.id)).count() > 1
        })
        .collect();
    if once.is_empty() {
        return Vec::new();
    }
    let mut alone = Book {
        once_fresh: true,
        figures_only: true,
        yearly_reading: book.yearly_reading,
        missing_met: book.missing_met,
        ..Book::default()
    };
    received(policy, &req.already_received, &mut alone);
    let years: Vec<Estimate> = req.years.iter().map(|y| estimate_in(policy, y, &mut alone)).collect();
    let mut out = Vec::new();
    for c in once {
        let mut best: Option<(i32, Decimal)> = None;
        for y in &years {
            let support = y.line(c.id).map_or(Decimal::ZERO, |l| l.support);
            if support > best.map_or(Decimal::ZERO, |b| b.1) {
                best = Some((y.year, support));
            }
        }
        if let Some((year, _)) = best {
            out.push((c.id, year));
        }
    }
    out
}

/// The years of a plan checked against `policy`, figures only: no notices, no explanations, no
/// alternative reading of undated caps (what a batch of many enterprises needs).
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
pub(crate) fn plan_figures(policy: &'static Policy, req: &PlanRequest) -> Vec<Estimate> {
    plan_figures_read(policy, req, FiguresReading::default())
}

/// How a batch's other figures read the plan (its range beside the figures at the text).
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FiguresReading {
    /// Caps with no period in the text read as yearly (the alternative reading).
    pub(crate) yearly: bool,
    /// Conditions not given counted as met.
    pub(crate) missing_met: bool,
}

/// The same under another reading.
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
pub(crate) fn plan_figures_read(policy: &'static Policy, req: &PlanRequest, read: FiguresReading) -> Vec<Estimate> {
    let book = Book {
        figures_only: true,
        yearly_reading: read.yearly,
        missing_met: read.missing_met,
        ..Book::default()
    };
    run_plan(policy, req, book).0
}
