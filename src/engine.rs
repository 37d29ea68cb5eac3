//! The calculation, as a pipeline of typed steps.
//!
//! For each category used: check each item's conditions (eligibility); settle
//! 就高不重复 item by item (each item with support from another policy goes to
//! the policy that pays more for it, the best set for the enterprise found
//! exactly); sum the claimed amounts (base), apply the rate, then what is left
//! of the cap, net the other support of the claimed items, and round once to
//! the fen half away from zero (四舍五入). Of categories that are one matter,
//! keep the one with the highest gross ceiling and net the matter's other
//! support against it (group choice). Awards have no expense base: their cap
//! is an upper bound, reported apart from the total.
//!
//! A plan runs the years in order through one [`Book`] of caps: a cap over the
//! plan is used once across its years, a yearly one starts afresh, a cap per
//! project applies to each item. The words for each step come from
//! [`crate::catalogue`]; nothing here knows a clause or an amount.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::amount::round_fen;
use crate::catalogue;
use crate::estimate::{
    CapUse, Estimate, Headroom, Item, Line, Notice, NoticeKind, PlanEstimate, PolicyRef, Step, UsedIn, YearUse,
};
use crate::policy::{CapScope, Category, Condition, ConditionValue, Kind, Policy, Reading};
use crate::request::{Expense, PlanRequest, Received, Request, MAX_OTHER_SUPPORT_ITEMS};

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
    /// False for figures only (a batch): no notices are kept.
    words: bool,
}

impl Notices {
    fn add(&mut self, kind: NoticeKind, category: Option<&'static Category>) {
        if !self.words {
            return;
        }
        let text = catalogue::notice(self.policy, &kind, category);
        self.list.push(Notice { kind, text, category });
    }

    fn document(policy: &'static Policy, extra: usize) -> Notices {
        let mut n = Notices {
            policy,
            list: Vec::with_capacity(policy.document.notices.len() + extra),
            words: true,
        };
        for d in policy.document.notices {
            n.add(NoticeKind::Document(d.code), None);
        }
        n
    }
}

// ------------------------------------------------------------------ caps across a plan

/// What each cap has used as a plan goes year by year.
#[derive(Default)]
struct Book {
    /// Read caps with no period in the text as yearly (the alternative reading).
    yearly_reading: bool,
    /// Figures only (a batch): no notices, no explanations.
    figures_only: bool,
    /// A single year (`calculate()`): a line whose cap runs over the plan says so.
    single_year: bool,
    /// One-time caps taken afresh each year: the pass that finds each one's best year.
    once_fresh: bool,
    /// The year each one-time category is counted in: the enterprise's best.
    once_year: Vec<(&'static str, i32)>,
    entries: Vec<Entry>,
}

struct Entry {
    category: &'static Category,
    /// From `already_received`.
    before: Decimal,
    years: Vec<YearUse>,
}

impl Entry {
    fn used(&self) -> Decimal {
        self.before + self.years.iter().map(|y| y.used).sum::<Decimal>()
    }
}

/// What a cap had used before a line: how much, when first, and which other
/// category of the same matter used it, if one did.
struct Used {
    used: Decimal,
    when: UsedIn,
    by: Option<&'static Category>,
}

impl Book {
    fn scope(&self, cat: &Category) -> CapScope {
        match cat.cap_period.scope {
            CapScope::Plan if self.yearly_reading && cat.cap_period.reading.is_some() => CapScope::Year,
            CapScope::Once if self.once_fresh => CapScope::Year,
            scope => scope,
        }
    }

    fn entry(&mut self, cat: &'static Category) -> &mut Entry {
        let at = match self.entries.iter().position(|e| e.category.id == cat.id) {
            Some(at) => at,
            None => {
                self.entries.push(Entry {
                    category: cat,
                    before: Decimal::ZERO,
                    years: Vec::new(),
                });
                self.entries.len() - 1
            }
        };
        &mut self.entries[at]
    }

    /// The entries whose use counts against the cap of `cat` over the plan: its own, and
    /// those of the categories of its matter (one matter across the years).
    fn sharing<'a>(&'a self, cat: &'a Category) -> impl Iterator<Item = &'a Entry> {
        self.entries.iter().filter(move |e| {
            e.category.id == cat.id
                || (cat.exclusive_group.is_some() && e.category.exclusive_group == cat.exclusive_group)
        })
    }

    /// What the cap of `cat` has left in `year`, and what was used before, if anything.
    fn left(&self, cat: &'static Category, year: i32) -> (Decimal, Option<Used>) {
        let used = match self.scope(cat) {
            CapScope::Item | CapScope::Once => None,
            CapScope::Year => self.entries.iter().find(|e| e.category.id == cat.id).map(|e| Used {
                used: e.years.iter().filter(|y| y.year == year).map(|y| y.used).sum(),
                when: UsedIn::Year(year),
                by: None,
            }),
            CapScope::Plan => {
                let used: Decimal = self.sharing(cat).map(Entry::used).sum();
                let before = self.sharing(cat).any(|e| !e.before.is_zero());
                let first = self
                    .sharing(cat)
                    .flat_map(|e| e.years.iter().filter(|y| !y.used.is_zero()).map(|y| y.year))
                    .min();
                let by = self
                    .sharing(cat)
                    .find(|e| e.category.id != cat.id && !e.used().is_zero())
                    .map(|e| e.category);
                let when = match first {
                    Some(y) if !before => UsedIn::Year(y),
                    _ => UsedIn::Before,
                };
                Some(Used { used, when, by })
            }
        };
        match used {
            Some(u) if !u.used.is_zero() => ((cat.cap - u.used).max(Decimal::ZERO), Some(u)),
            _ => (cat.cap, None),
        }
    }

    /// A one-time support counted in another year, or received before: when.
    fn once_paid(&self, cat: &Category, year: i32) -> Option<UsedIn> {
        if self.scope(cat) != CapScope::Once {
            return None;
        }
        if self
            .entries
            .iter()
            .any(|e| e.category.id == cat.id && !e.before.is_zero())
        {
            return Some(UsedIn::Before);
        }
        let (_, best) = self.once_year.iter().find(|(id, _)| *id == cat.id)?;
        (*best != year).then_some(UsedIn::Year(*best))
    }

    fn record(&mut self, cat: &'static Category, year: i32, used: Decimal) {
        self.entry(cat).years.push(YearUse { year, used });
    }
}

// ------------------------------------------------------------------ one year

/// The estimate for a request that has been checked against `policy`.
pub(crate) fn estimate(policy: &'static Policy, req: &Request) -> Estimate {
    let mut book = Book {
        single_year: true,
        ..Book::default()
    };
    received(policy, &req.already_received, &mut book);
    estimate_in(policy, req, &mut book)
}

/// One year of a plan: the caps as `book` has them, and their use recorded in it.
fn estimate_in(policy: &'static Policy, req: &Request, book: &mut Book) -> Estimate {
    let doc = &policy.document;
    let in_force = policy.in_force(req.year);
    let mut notices = if book.figures_only {
        Notices {
            policy,
            list: Vec::new(),
            words: false,
        }
    } else {
        Notices::document(policy, 8)
    };
    if !in_force {
        notices.add(NoticeKind::OutsidePeriod { year: req.year }, None);
    } else if req.year == doc.first_year && doc.valid_from_month > 1 {
        notices.add(NoticeKind::PartialYear { year: req.year }, None);
    }

    let mut lines = Vec::new();
    let mut any_other = false;
    for cat in policy.categories {
        let items: Vec<(usize, &Expense)> = req
            .expenses
            .iter()
            .enumerate()
            .filter(|(_, e)| e.category == cat.id)
            .collect();
        if !items.is_empty() {
            let l = line(cat, req.year, in_force, &items, &mut notices, book);
            line_notices(cat, &mut notices);
            any_other |= l.any_other;
            lines.push(l);
        }
    }
    settle_groups(policy, &mut lines, &mut notices);
    if any_other {
        notices.add(NoticeKind::Reading(&doc.non_cumulative_reading), None);
    }

    let (mut total, mut awards_up_to) = (Decimal::ZERO, Decimal::ZERO);
    let mut out = Vec::with_capacity(lines.len());
    for p in lines {
        let mut l = p.line;
        if !book.figures_only {
            l.explanation = catalogue::explain(l.category, &l.steps, l.headroom);
        }
        match l.kind {
            Kind::Expense => total += l.support,
            Kind::Award => awards_up_to += l.support,
        }
        if in_force {
            book.record(l.category, req.year, l.support);
        }
        out.push(l);
    }
    if out.iter().any(|l| l.upper_bound) {
        notices.add(NoticeKind::Award, None);
    }
    // One expense that could fall under two categories is claimed once.
    for o in policy.overlaps() {
        if o.categories.iter().all(|c| out.iter().any(|l| l.category.id == *c)) {
            notices.add(NoticeKind::Overlap(o), None);
        }
    }
    Estimate {
        total,
        awards_up_to,
        year: req.year,
        in_force,
        lines: out,
        notices: notices.list,
        policy: PolicyRef {
            id: doc.id,
            version: doc.version,
            fingerprint: crate::policy::fingerprint(),
        },
    }
}

/// A line while the year is worked out: what group choice needs besides it.
struct Pending {
    line: Line,
    /// The capped support of all its eligible items, before other support is settled.
    ceiling: Decimal,
    /// Its notices about other support, for a category of a group: said if it is kept.
    netting: Vec<NoticeKind>,
    /// Some eligible item has other support (in force).
    any_other: bool,
}

/// Eligibility: each item's conditions, in the items' order.
fn eligibility(
    cat: &'static Category,
    year: i32,
    items: &[(usize, &Expense)],
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

/// One item as the settling sees it.
#[derive(Clone, Copy)]
struct Part {
    /// Its place in the line.
    k: usize,
    amount: Decimal,
    eligible: bool,
    /// Its other support; zero when it does not count (ineligible, not netted).
    other: Decimal,
}

/// What settling a set of items under one cap gives.
#[derive(Default)]
struct Settled {
    /// Claimed amount × rate, before the cap (expenses).
    product: Decimal,
    /// The capped support of the claimed items.
    gross: Decimal,
    /// `gross` less the other support of the claimed items, at least 0 (unrounded).
    rest: Decimal,
    capped: bool,
    claimed_other: Decimal,
    left_other: Decimal,
    left_items: usize,
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
/// (all sets are tried; on a tie, the one using less of this plan's cap, then
/// the one claiming fewer items). Adds the steps of the choice, the base, the
/// rate, the cap and the netting.
fn settle(cat: &'static Category, parts: &[Part], cap: Decimal, several: bool, steps: &mut Vec<Step>) -> Settled {
    let choice: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].eligible && !parts[i].other.is_zero())
        .take(MAX_OTHER_SUPPORT_ITEMS)
        .collect();
    let mut claimed: Vec<bool> = parts.iter().map(|p| p.eligible).collect();
    if !choice.is_empty() {
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
    }

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

/// Settles a line's items under its cap: one cap for them all, or, capped per
/// project, each eligible item under its own. Not inlined: it has two callers (the line, and
/// what the line would give once eligible), and inlined twice it costs the wasm kilobytes.
#[inline(never)]
fn settle_line(
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
fn parts_of(items: &[(usize, &Expense)], eligible: &[bool], in_force: bool) -> Vec<Part> {
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

/// The gross ceiling of all eligible items, before any is settled: what group choice compares.
fn ceiling_of(cat: &Category, parts: &[Part], cap: Decimal, scope: CapScope) -> Decimal {
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

/// Room left under the cap of a line that gives `support`: the expense that reaches the cap,
/// and what the line then gives more, settled again so that the hint is what the engine would
/// give. The expense is a new item like the line's first that qualifies (more of the same
/// spending), or, for a project with its own cap, more of that project.
fn headroom_of(
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

fn line(
    cat: &'static Category,
    year: i32,
    in_force: bool,
    items: &[(usize, &Expense)],
    notices: &mut Notices,
    book: &Book,
) -> Pending {
    let mut steps = Vec::new();
    let eligible = eligibility(cat, year, items, &mut steps, notices);
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
    let if_eligible = (in_force && !eligible.iter().all(|e| *e)).then(|| {
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
    });
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
        items: items
            .iter()
            .map(|(i, e)| Item {
                index: *i,
                amount: e.amount,
            })
            .collect(),
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

/// The notices a line carries for its category: an assumed rate, a rate the text states as
/// a ceiling, a reading of its own clause, the document notices that govern it.
fn line_notices(cat: &'static Category, notices: &mut Notices) {
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

/// Group choice (就高不重复 within the plan): of categories that are one
/// matter, keep the one with the highest gross ceiling, before other support
/// (on a tie, the first in the policy's order); its own other support is then
/// netted as for any line, and the others count for nothing.
fn settle_groups(policy: &'static Policy, lines: &mut [Pending], notices: &mut Notices) {
    for i in 0..lines.len() {
        let Some(group) = lines[i].line.category.exclusive_group else {
            continue;
        };
        let members: Vec<usize> = (0..lines.len())
            .filter(|&j| lines[j].line.category.exclusive_group == Some(group))
            .collect();
        if members[0] != i {
            continue; // handled from the group's first line
        }
        let best = members.iter().copied().fold(
            members[0],
            |b, j| if lines[j].ceiling > lines[b].ceiling { j } else { b },
        );
        let kept = lines[best].line.category;
        for &j in &members {
            if j != best {
                let l = &mut lines[j].line;
                l.support = Decimal::ZERO;
                l.eligible = false;
                l.headroom = None;
                l.if_eligible = None;
                l.kept_instead = Some(kept);
                l.steps.push(Step::GroupNotKept { kept });
            }
        }
        if members.len() > 1 {
            let names = members.iter().map(|&j| lines[j].line.category).collect();
            notices.add(NoticeKind::Exclusive { members: names }, Some(kept));
            if let Some(g) = policy.exclusive_group(group) {
                notices.add(NoticeKind::Reading(&g.reading), Some(kept));
            }
        }
        for kind in std::mem::take(&mut lines[best].netting) {
            notices.add(kind, Some(kept));
        }
    }
}

// ------------------------------------------------------------------ the plan's years

/// The estimate for a plan that has been checked against `policy`.
pub(crate) fn plan(policy: &'static Policy, req: &PlanRequest) -> PlanEstimate {
    let (mut years, book) = run_plan(policy, req, Book::default());
    let total = years.iter().map(|y| y.total).sum();
    plan_headroom(policy, req, &book, &mut years, total);
    let awards_up_to = years.iter().map(|y| y.awards_up_to).sum();
    let mut notices = Notices::document(policy, 2);
    undated_notices(policy, req, &book, &mut notices);
    let caps = book.entries.iter().map(|e| cap_use(&book, e)).collect();
    let doc = &policy.document;
    PlanEstimate {
        total,
        awards_up_to,
        years,
        caps,
        notices: notices.list,
        policy: PolicyRef {
            id: doc.id,
            version: doc.version,
            fingerprint: crate::policy::fingerprint(),
        },
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
                let mut more = req.clone();
                let expenses = &mut more.years[yi].expenses;
                if h.new_item {
                    let like = &expenses[index];
                    let e = Expense {
                        category: like.category.clone(),
                        amount: Some(expense_to_cap),
                        conditions: like.conditions.clone(),
                        other_policy_support: None,
                    };
                    expenses.push(e);
                } else {
                    let e = &mut expenses[index];
                    e.amount = Some(e.amount.unwrap_or_default() + expense_to_cap);
                }
                let (ys, _) = run_plan(
                    policy,
                    &more,
                    Book {
                        figures_only: true,
                        ..Book::default()
                    },
                );
                ys.iter().map(|y| y.total).sum::<Decimal>() - total
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
    let book = Book {
        figures_only: true,
        ..Book::default()
    };
    run_plan(policy, req, book).0
}

/// What was already received counts against each category's cap before the plan's first year.
fn received(policy: &'static Policy, received: &[Received], book: &mut Book) {
    for r in received {
        if let Some(c) = policy.categories.iter().find(|c| c.id == r.category) {
            book.entry(c).before += r.amount;
        }
    }
}
