//! Many enterprises at once: each enterprise's rows (one per year) read as requests, run as one
//! plan (as `calculate_plan` does, figures only: no notices or explanations, so ten thousand rows
//! are quick), and summed into totals per category, per measure and overall, expense support and
//! award ceilings apart; optionally the same again under a what-if [`crate::overlay`].
//!
//! A [`Batch`] takes its enterprises in parts (`add`), so a page can show progress and each part
//! stays within what the JS boundary reads at once; its totals are kept here, in decimals. A row
//! with a problem is refused (every problem reported with its enterprise, row and path) and left
//! out of the totals; every other row is computed.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::amount::plain;
use crate::engine;
use crate::error::{Error, Field, Kind, Problem, Problems, Want};
use crate::estimate::{Estimate, Step};
use crate::overlay::{self, Change};
use crate::policy::{Kind as CategoryKind, Policy};
use crate::request::{self, type_error, PlanRequest, Request, MAX_PLAN_YEARS};
use crate::value::Value;

/// Money as the API writes it: `"300000.00"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Money(pub Decimal);

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&plain(self.0))
    }
}

/// One enterprise's figures under one policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Expense support over its years.
    pub total: Money,
    /// Award ceilings over its years.
    pub awards_up_to: Money,
    /// Support per category, in the policy's category order (`Totals::categories`).
    pub support: Vec<Money>,
    /// Categories whose cap (what was left of it) it reaches in some year.
    pub reached: Vec<&'static str>,
}

/// One computed row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowResult {
    /// Its place in the enterprise's `rows`.
    pub row: usize,
    pub year: i32,
    pub total: Money,
    pub awards_up_to: Money,
}

/// One enterprise with at least one computed row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnterpriseResult {
    /// Its place in the part given to `add`.
    pub index: usize,
    pub enterprise: String,
    /// Its computed rows, in year order.
    pub rows: Vec<RowResult>,
    /// Under the built-in policy.
    pub baseline: Figures,
    /// Under the overlay; `None` without one.
    pub changed: Option<Figures>,
}

/// A refused row (or a whole enterprise, `row: None`) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub enterprise: usize,
    pub row: Option<usize>,
    /// In the row: `year`, `expenses[2].amount`…
    pub path: String,
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

impl RowProblem {
    fn new(enterprise: usize, row: Option<usize>, p: &Problem) -> RowProblem {
        RowProblem {
            enterprise,
            row,
            path: p.path().to_string(),
            code: p.code(),
            zh: p.zh(),
            en: p.en(),
        }
    }
}

/// What `add` returns for one part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Part {
    pub enterprises: Vec<EnterpriseResult>,
    pub errors: Vec<RowProblem>,
}

/// Sums under one policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sums {
    pub total: Money,
    pub awards_up_to: Money,
    pub measures: Vec<MeasureSum>,
    pub categories: Vec<CategorySum>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MeasureSum {
    pub measure: &'static str,
    pub total: Money,
    pub awards_up_to: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategorySum {
    pub category: &'static str,
    pub measure: &'static str,
    /// `"expense"` or `"award"`.
    pub kind: CategoryKind,
    pub support: Money,
    /// Enterprises with support (or an award ceiling) in it.
    pub enterprises: usize,
    /// Enterprises that reach its cap in some year (expenses only).
    pub reached_cap: usize,
}

/// Everything added so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub rows_read: usize,
    pub rows_computed: usize,
    pub rows_refused: usize,
    /// Enterprises with at least one computed row.
    pub enterprises: usize,
    /// Enterprises whose figures the overlay changes.
    pub changed_enterprises: usize,
    pub baseline: Sums,
    pub changed: Option<Sums>,
    pub overlay: Vec<Change>,
}

/// Running sums under one policy.
#[derive(Clone, Debug)]
struct Acc {
    total: Decimal,
    awards: Decimal,
    support: Vec<Decimal>,
    with: Vec<usize>,
    reached: Vec<usize>,
}

impl Acc {
    fn new(n: usize) -> Acc {
        Acc {
            total: Decimal::ZERO,
            awards: Decimal::ZERO,
            support: vec![Decimal::ZERO; n],
            with: vec![0; n],
            reached: vec![0; n],
        }
    }
}

/// A batch under the built-in policy and, with an overlay, under the changed one too.
#[derive(Debug)]
pub struct Batch {
    base: &'static Policy,
    changed: Option<&'static Policy>,
    overlay: Vec<Change>,
    acc: Acc,
    changed_acc: Option<Acc>,
    rows_read: usize,
    rows_computed: usize,
    rows_refused: usize,
    enterprises: usize,
    changed_enterprises: usize,
}

impl Batch {
    /// A batch under `base`, with the overlay read from a JSON-like value (null or an object of
    /// parameters, see [`crate::overlay`]).
    ///
    /// ```
    /// use pinghu_subsidy::{Batch, Decimal, Policy};
    /// // What-if: half the category's rate, as the data states it.
    /// let half = Policy::builtin().category("brand_promotion").unwrap().rate.unwrap() / Decimal::from(2);
    /// let mut b = Batch::new(Policy::builtin(), serde_json::json!({ "brand_promotion.rate": half.to_string() })).unwrap();
    /// let part = b.add_input(serde_json::json!([{ "enterprise": "A", "rows": [
    ///     { "year": 2025, "expenses": [{ "category": "brand_promotion", "amount": "10万" }] },
    ///     { "year": 2026, "expenses": [{ "category": "brand_promotion", "amount": "x" }] },
    /// ] }]));
    /// assert_eq!(part.errors[0].path, "expenses[0].amount");
    /// let t = b.totals();
    /// assert_eq!((t.rows_read, t.rows_computed, t.rows_refused), (2, 1, 1));
    /// // The baseline is what calculate() gives the row; the overlay's lower rate gives less.
    /// let one = serde_json::json!({ "year": 2025, "expenses": [{ "category": "brand_promotion", "amount": "10万" }] });
    /// let single = Policy::builtin().calculate_input(&one).unwrap().total;
    /// assert_eq!(t.baseline.total.0, single);
    /// assert!(t.changed.unwrap().total.0 < single);
    /// ```
    pub fn new<'de, D: serde::Deserializer<'de>>(base: &'static Policy, overlay: D) -> Result<Batch, Error> {
        Batch::from_overlay(base, &Value::read_or_unsupported(overlay))
    }

    /// The same from a value taken whole (`{ overlay }` options at the JS boundary).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn from_options(base: &'static Policy, options: &Value) -> Result<Batch, Error> {
        match options {
            Value::Null => Batch::from_overlay(base, &Value::Null),
            Value::Object(pairs) => {
                let mut p = Problems::default();
                for (k, _) in pairs.iter().filter(|(k, _)| k != "overlay") {
                    p.push(
                        k.clone(),
                        Kind::UnknownKey {
                            expected: vec!["overlay"],
                        },
                    );
                }
                p.finish(())?;
                let ov = pairs
                    .iter()
                    .find(|(k, _)| k == "overlay")
                    .map_or(&Value::Null, |(_, v)| v);
                Batch::from_overlay(base, ov)
            }
            other => {
                let mut p = Problems::default();
                type_error(&mut p, "options", Want::Object, other);
                Err(p.finish(()).unwrap_err())
            }
        }
    }

    fn from_overlay(base: &'static Policy, ov: &Value) -> Result<Batch, Error> {
        let (overlay, changed) = overlay::read(base, ov, "overlay")?;
        let n = base.categories.len();
        let changed = (!overlay.is_empty()).then_some(changed);
        Ok(Batch {
            base,
            changed,
            overlay,
            acc: Acc::new(n),
            changed_acc: changed.map(|_| Acc::new(n)),
            rows_read: 0,
            rows_computed: 0,
            rows_refused: 0,
            enterprises: 0,
            changed_enterprises: 0,
        })
    }

    /// Adds a part from any self-describing serde input: see [`Batch::add`].
    pub fn add_input<'de, D: serde::Deserializer<'de>>(&mut self, input: D) -> Part {
        self.add(&Value::read_or_unsupported(input))
    }

    /// Adds a part: an array of `{ enterprise, rows: [{ year, expenses }] }`, each enterprise
    /// whole (its rows are one plan; the same name in another part is another enterprise).
    /// Returns the computed enterprises and the refused rows; the totals keep the sums.
    pub(crate) fn add(&mut self, input: &Value) -> Part {
        let mut part = Part::default();
        let items: &[Value] = match input {
            Value::Array(items) => items,
            other => {
                let mut p = Problems::default();
                type_error(&mut p, "enterprises", Want::Array, other);
                if let Err(e) = p.finish(()) {
                    part.errors
                        .extend(e.problems().iter().map(|p| RowProblem::new(0, None, p)));
                }
                return part;
            }
        };
        for (ei, item) in items.iter().enumerate() {
            self.add_enterprise(ei, item, &mut part);
        }
        part
    }

    fn add_enterprise(&mut self, ei: usize, item: &Value, part: &mut Part) {
        let mut p = Problems::default();
        let (mut name, mut rows, mut received) = (None, None, Vec::new());
        match item {
            Value::Object(pairs) => {
                for (k, v) in pairs {
                    match (k.as_str(), v) {
                        ("enterprise", Value::String(s)) if !s.trim().is_empty() => name = Some(s.trim().to_string()),
                        ("enterprise", Value::Number(f)) => name = Some(f.to_string()),
                        ("enterprise", _) => p.push("enterprise", Kind::Required(Field::Enterprise)),
                        ("rows", Value::Array(r)) => rows = Some(r),
                        ("rows", other) => type_error(&mut p, "rows", Want::Array, other),
                        // Support from this plan received in years not in `rows`: it uses up caps over the plan.
                        ("already_received", v) => received = request::read_received(&mut p, v),
                        _ => p.push(
                            k.clone(),
                            Kind::UnknownKey {
                                expected: vec!["enterprise", "rows", "already_received"],
                            },
                        ),
                    }
                }
                if !pairs.iter().any(|(k, _)| k == "enterprise") {
                    p.push("enterprise", Kind::Required(Field::Enterprise));
                }
                request::check_received(self.base, &received, &mut p);
            }
            other => type_error(&mut p, "", Want::Object, other),
        }
        let count = rows.map_or(0, |r| r.len());
        self.rows_read += count;
        let (name, rows) = match (p.finish(()), name, rows) {
            (Ok(()), Some(name), Some(rows)) => (name, rows),
            (result, _, _) => {
                if let Err(e) = result {
                    part.errors
                        .extend(e.problems().iter().map(|p| RowProblem::new(ei, None, p)));
                }
                self.rows_refused += count;
                return;
            }
        };

        // Each row read as a request; the good ones in year order, each year once.
        let mut good: Vec<(usize, Request)> = Vec::with_capacity(rows.len());
        for (ri, row) in rows.iter().enumerate() {
            match request::read(self.base, row) {
                Ok(req) => {
                    let problem = if !req.already_received.is_empty() {
                        // An enterprise's support received is its own key, not a row's.
                        let expected = vec!["year", "expenses"];
                        Some(("already_received", Kind::UnknownKey { expected }))
                    } else if good.iter().any(|(_, r)| r.year == req.year) {
                        Some(("year", Kind::YearTwice))
                    } else if good.len() >= MAX_PLAN_YEARS {
                        Some(("year", Kind::TooMany { max: MAX_PLAN_YEARS }))
                    } else {
                        None
                    };
                    match problem {
                        Some((path, kind)) => {
                            part.errors
                                .push(RowProblem::new(ei, Some(ri), &Problem::new(path, kind)));
                            self.rows_refused += 1;
                        }
                        None => {
                            // Insertion in year order (a sort would cost the wasm more).
                            let at = good.iter().position(|(_, r)| r.year > req.year).unwrap_or(good.len());
                            good.insert(at, (ri, req));
                        }
                    }
                }
                Err(e) => {
                    part.errors
                        .extend(e.problems().iter().map(|p| RowProblem::new(ei, Some(ri), p)));
                    self.rows_refused += 1;
                }
            }
        }
        if good.is_empty() {
            return;
        }
        self.rows_computed += good.len();
        self.enterprises += 1;
        let order: Vec<usize> = good.iter().map(|(ri, _)| *ri).collect();
        let plan = PlanRequest {
            years: good.into_iter().map(|(_, r)| r).collect(),
            already_received: received,
        };
        let years = engine::plan_figures(self.base, &plan);
        let baseline = figures(self.base, &years, &mut self.acc);
        let changed = match (self.changed, self.changed_acc.as_mut()) {
            (Some(policy), Some(acc)) => {
                let f = figures(policy, &engine::plan_figures(policy, &plan), acc);
                if f != baseline {
                    self.changed_enterprises += 1;
                }
                Some(f)
            }
            _ => None,
        };
        part.enterprises.push(EnterpriseResult {
            index: ei,
            enterprise: name,
            rows: order
                .iter()
                .zip(&years)
                .map(|(&row, y)| RowResult {
                    row,
                    year: y.year,
                    total: Money(y.total),
                    awards_up_to: Money(y.awards_up_to),
                })
                .collect(),
            baseline,
            changed,
        });
    }

    /// The totals of everything added so far.
    pub fn totals(&self) -> Totals {
        Totals {
            rows_read: self.rows_read,
            rows_computed: self.rows_computed,
            rows_refused: self.rows_refused,
            enterprises: self.enterprises,
            changed_enterprises: self.changed_enterprises,
            baseline: sums(self.base, &self.acc),
            changed: self.changed.zip(self.changed_acc.as_ref()).map(|(p, a)| sums(p, a)),
            overlay: self.overlay.clone(),
        }
    }
}

/// One enterprise's figures from its years, added to `acc`.
fn figures(policy: &'static Policy, years: &[Estimate], acc: &mut Acc) -> Figures {
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

fn sums(policy: &'static Policy, acc: &Acc) -> Sums {
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
