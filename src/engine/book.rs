//! The book of caps: what each cap has used as a plan goes year by year, and so what it has
//! left for a line (a cap over the plan shared by its years and by the categories of one matter,
//! a yearly cap afresh, a one-time support counted in one year only).

use rust_decimal::Decimal;

use crate::estimate::{UsedIn, YearUse};
use crate::policy::{CapScope, Category, Policy};
use crate::request::Received;

/// What each cap has used as a plan goes year by year.
#[derive(Default)]
pub(super) struct Book {
    /// Read caps with no period in the text as yearly (the alternative reading).
    pub(super) yearly_reading: bool,
    /// Figures only (a batch): no notices, no explanations.
    pub(super) figures_only: bool,
    /// Conditions not given counted as met (a batch's range: what empty cells would add).
    pub(super) missing_met: bool,
    /// A single year (`calculate()`): a line whose cap runs over the plan says so.
    pub(super) single_year: bool,
    /// One-time caps taken afresh each year: the pass that finds each one's best year.
    pub(super) once_fresh: bool,
    /// The year each one-time category is counted in: the enterprise's best.
    pub(super) once_year: Vec<(&'static str, i32)>,
    pub(super) entries: Vec<Entry>,
}

pub(super) struct Entry {
    pub(super) category: &'static Category,
    /// From `already_received`.
    pub(super) before: Decimal,
    pub(super) years: Vec<YearUse>,
}

impl Entry {
    pub(super) fn used(&self) -> Decimal {
        self.before + self.years.iter().map(|y| y.used).sum::<Decimal>()
    }
}

/// What a cap had used before a line: how much, when first, and which other
/// category of the same matter used it, if one did.
pub(super) struct Used {
    pub(super) used: Decimal,
    pub(super) when: UsedIn,
    pub(super) by: Option<&'static Category>,
}

impl Book {
    pub(super) fn scope(&self, cat: &Category) -> CapScope {
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
    pub(super) fn left(&self, cat: &'static Category, year: i32) -> (Decimal, Option<Used>) {
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
    pub(super) fn once_paid(&self, cat: &Category, year: i32) -> Option<UsedIn> {
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

    pub(super) fn record(&mut self, cat: &'static Category, year: i32, used: Decimal) {
        self.entry(cat).years.push(YearUse { year, used });
    }
}

/// What was already received counts against each category's cap before the plan's first year.
pub(super) fn received(policy: &'static Policy, received: &[Received], book: &mut Book) {
    for r in received {
        if let Some(c) = policy.categories.iter().find(|c| c.id == r.category) {
            book.entry(c).before += r.amount;
        }
    }
}
