//! Many enterprises at once: each enterprise's rows (one per year) read as requests, run as one
//! plan (as `calculate_plan` does, figures only: no notices or explanations, so ten thousand rows
//! are quick), and summed into totals per category, per measure and overall, expense support and
//! award ceilings apart; optionally the same again under a what-if [`overlay`].
//!
//! A [`Batch`] takes its enterprises in parts (`add`), so a page can show progress and each part
//! stays within what the JS boundary reads at once; its totals are kept here, in decimals. A row
//! with a problem is refused (every problem reported with its enterprise, row and path) and left
//! out of the totals; every other row is computed.
//!
//! One job per file: this one declares what the batch returns and keeps its totals;
//! `enterprise` reads and runs one enterprise; `sums` adds figures up.

mod enterprise;
mod range;
mod sums;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

pub use self::range::{EmptyConditions, Range};
use self::sums::{sums, Acc};
use crate::amount::plain;
use crate::error::{Error, Kind, Problem, Problems, Want};
use crate::estimate::Notice;
use crate::overlay;
pub use crate::overlay::{overlay, Change};
use crate::policy::{Kind as CategoryKind, Policy};
use crate::request::type_error;
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
    /// Each of the plan's years (`first_year` to `last_year`), its measures as above.
    pub years: Vec<YearSum>,
}

/// One year's sums under one policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearSum {
    pub year: i32,
    pub total: Money,
    pub awards_up_to: Money,
    pub measures: Vec<MeasureSum>,
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
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// The baseline under the product's other readings that matter.
    pub range: Range,
    /// What every estimate of these figures carries (draft, ceilings, assumed rates, readings), once each.
    pub notices: Vec<Notice>,
}

/// A batch under the built-in policy and, with an overlay, under the changed one too.
#[derive(Debug)]
pub struct Batch {
    base: &'static Policy,
    changed: Option<&'static Policy>,
    overlay: Vec<Change>,
    acc: Acc,
    changed_acc: Option<Acc>,
    /// The baseline with caps with no period read as yearly, and with empty conditions met.
    yearly_acc: Acc,
    met_acc: Acc,
    rows_read: usize,
    rows_computed: usize,
    rows_refused: usize,
    enterprises: usize,
    changed_enterprises: usize,
}

impl Batch {
    /// A batch under `base`, with the overlay read from a JSON-like value (null or an object of
    /// parameters, see [`overlay`]).
    ///
    /// ```
    /// use pinghu_subsidy::{plain, policy::Kind, Batch, Decimal, Policy};
    /// // An expense category with a rate and nothing else to meet in 2025, from the data.
    /// let cat = Policy::builtin().categories.iter()
    ///     .find(|c| c.kind == Kind::Expense && c.rate.is_some() && c.required_in(2025).next().is_none())
    ///     .unwrap();
    /// // What-if: half the category's rate, as the data states it.
    /// let half = cat.rate.unwrap() / Decimal::from(2);
    /// let mut b = Batch::new(Policy::builtin(), serde_json::json!({ format!("{}.rate", cat.id): half.to_string() })).unwrap();
    /// // As much as the cap: the category's rate gives at most the cap, half its rate less.
    /// let amount = plain(cat.cap);
    /// let part = b.add_input(serde_json::json!([{ "enterprise": "A", "rows": [
    ///     { "year": 2025, "expenses": [{ "category": cat.id, "amount": amount }] },
    ///     { "year": 2026, "expenses": [{ "category": cat.id, "amount": "x" }] },
    /// ] }]));
    /// assert_eq!(part.errors[0].path, "expenses[0].amount");
    /// let t = b.totals();
    /// assert_eq!((t.rows_read, t.rows_computed, t.rows_refused), (2, 1, 1));
    /// // The baseline is what calculate() gives the row; the overlay's lower rate gives less.
    /// let one = serde_json::json!({ "year": 2025, "expenses": [{ "category": cat.id, "amount": amount }] });
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
        let changed = (!overlay.is_empty()).then_some(changed);
        Ok(Batch {
            base,
            changed,
            overlay,
            acc: Acc::new(base),
            changed_acc: changed.map(Acc::new),
            yearly_acc: Acc::new(base),
            met_acc: Acc::new(base),
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
            range: self.range(),
            notices: self.notices(),
        }
    }
}
