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
//! project applies to each item.
//!
//! Lines carry typed [`Step`]s and notices typed [`NoticeKind`]s; the engine writes no sentence
//! itself: where it writes a result (a notice added, a line's explanation) it asks the
//! catalogue, and not at all for figures only (a batch). Nothing here knows a clause or an
//! amount. One job per file: `book` (caps across years), `line` (one category in
//! one year), `settle` (就高不重复, base, rate, cap, headroom), `plan` (the plan's years); this
//! file runs one year and chooses within groups of one matter.

mod book;
mod line;
mod plan;
mod settle;

use rust_decimal::Decimal;

use self::book::{received, Book};
use self::line::{line, line_notices, Pending};
use crate::catalogue;
use crate::estimate::{Estimate, Notice, NoticeKind, PolicyRef, Step};
use crate::policy::{Category, Kind, Policy};
use crate::request::{Expense, Request};

pub(crate) use self::plan::plan;
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
pub(crate) use self::plan::{plan_figures, plan_figures_read, FiguresReading};

/// Collects the notices of one estimate, each worded once by the catalogue.
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
        // Once per category: a condition two items of one category fail is said once. Compared
        // by its words and category (a derived comparison of the kinds would weigh on the wasm).
        let same = |c: Option<&'static Category>| match (c, category) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if self.list.iter().any(|n| n.text.zh == text.zh && same(n.category)) {
            return;
        }
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

/// Which policy, and which version of its data, an estimate comes from.
fn policy_ref(policy: &'static Policy) -> PolicyRef {
    let doc = &policy.document;
    PolicyRef {
        id: doc.id,
        version: doc.version,
        fingerprint: crate::policy::fingerprint(),
    }
}

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
        policy: policy_ref(policy),
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

/// The notices a batch's totals carry, each once: the document's; each claimed category's (an
/// assumed rate, a rate the text states as a ceiling, a reading of its clause, the document
/// notices that govern it); the readings of caps with no period in the text that the claimed
/// categories rely on, with the totals `yearly` (support, award ceilings) under the yearly
/// reading; awards as ceilings; 就高不重复 read item by item when some item had other support.
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
pub(crate) fn batch_notices(
    policy: &'static Policy,
    claimed: &[bool],
    any_other: bool,
    yearly: (Decimal, Decimal),
) -> Vec<Notice> {
    let mut n = Notices::document(policy, 8);
    let used: Vec<&'static Category> = policy
        .categories
        .iter()
        .zip(claimed)
        .filter(|(_, c)| **c)
        .map(|(c, _)| c)
        .collect();
    for c in &used {
        line_notices(c, &mut n);
    }
    let mut readings: Vec<&'static crate::policy::Reading> = Vec::new();
    for c in &used {
        match &c.cap_period.reading {
            Some(r)
                if c.cap_period.scope == crate::policy::CapScope::Plan
                    && !readings.iter().any(|x| x.code == r.code) =>
            {
                readings.push(r)
            }
            _ => {}
        }
    }
    for r in readings {
        let of = |k: Kind| {
            used.iter()
                .any(|c| c.kind == k && c.cap_period.reading.as_ref().is_some_and(|x| x.code == r.code))
        };
        let kind = NoticeKind::CapOverPlan {
            reading: r,
            yearly: of(Kind::Expense).then_some(yearly.0),
            yearly_awards: of(Kind::Award).then_some(yearly.1),
        };
        n.add(kind, None);
    }
    if used.iter().any(|c| c.kind == Kind::Award) {
        n.add(NoticeKind::Award, None);
    }
    if any_other {
        n.add(NoticeKind::Reading(&policy.document.non_cumulative_reading), None);
    }
    // Once each: a document notice a category repeats is said once.
    let mut out: Vec<Notice> = Vec::with_capacity(n.list.len());
    for x in n.list {
        if !out.iter().any(|o| o.code() == x.code() && o.text == x.text) {
            out.push(x);
        }
    }
    out
}
