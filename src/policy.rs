//! The policy as data: types for a support document, and the built-in one.
//!
//! The values live in `policy/pinghu-2024-2027.toml`; `build.rs` turns that file
//! into the [`Policy::builtin`] static. Nothing in this crate's code knows a
//! clause number, a rate or an amount.

use rust_decimal::Decimal;

use crate::engine;
use crate::error::{Error, Problems};
use crate::estimate::Estimate;
use crate::request::{self, Request};
use crate::value::Value;

/// A text in Chinese and English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

/// A support document: its facts and the support categories its measures fund.
/// Its measures, applicant groups and whole JSON form are behind methods, so
/// a build that does not use them does not carry them.
#[derive(Debug)]
pub struct Policy {
    pub document: Document,
    /// Every support category, in the document's order.
    pub categories: &'static [Category],
}

#[derive(Debug)]
pub struct Document {
    pub id: &'static str,
    /// Changes whenever the data changes.
    pub version: &'static str,
    pub title: Text,
    /// `"draft"` for a 征求意见稿.
    pub status: &'static str,
    pub status_label: Text,
    /// `YYYY-MM`: the month the document takes effect.
    pub valid_from: &'static str,
    pub valid_from_month: u32,
    /// `YYYY-MM-DD`: the last day it is in force.
    pub valid_until: &'static str,
    pub first_year: i32,
    pub last_year: i32,
    pub valid_source: &'static str,
    pub detailed_rules_zh: &'static [&'static str],
    pub detailed_rules_en: &'static [&'static str],
    pub detailed_rules_source: &'static str,
    pub non_cumulative_source: &'static str,
    /// Facts every estimate must show (draft status, ceilings, 就高不重复…).
    pub notices: &'static [DocNotice],
}

#[derive(Debug)]
pub struct DocNotice {
    pub code: &'static str,
    pub text: Text,
    pub source: &'static str,
}

#[derive(Debug)]
pub struct Applicant {
    pub id: &'static str,
    pub label: Text,
}

#[derive(Debug)]
pub struct Measure {
    pub id: &'static str,
    pub section: Text,
    pub title: Text,
    /// The clause, quoted.
    pub text: &'static str,
    pub summary_en: &'static str,
    /// 责任单位.
    pub departments_zh: &'static [&'static str],
    pub departments_en: &'static [&'static str],
}

/// Whether support is computed from an expense or is an award decided by evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Support = min(expense × rate, cap).
    Expense,
    /// No expense base: the cap is a ceiling, shown as an upper bound.
    Award,
}

/// What a cap applies to: one-time, per enterprise per year…
#[derive(Debug, PartialEq, Eq)]
pub struct CapPeriod {
    pub id: &'static str,
    pub label: Text,
}

#[derive(Debug, PartialEq)]
pub struct Category {
    /// Part of the public API: `"brand_promotion"`…
    pub id: &'static str,
    /// The measure that funds it.
    pub measure: &'static str,
    pub kind: Kind,
    pub applicant: &'static str,
    pub label: Text,
    pub hint: Text,
    /// Fraction of the expense (`0.5` = 50%); `None` for awards.
    pub rate: Option<Decimal>,
    /// The words stating the rate; empty when the text states none.
    pub rate_source: &'static str,
    /// The text states no rate and this one is assumed.
    pub rate_assumed: bool,
    /// What was assumed and why, when `rate_assumed`.
    pub assumption: Option<Text>,
    /// The ceiling, in yuan.
    pub cap: Decimal,
    pub cap_source: &'static str,
    pub cap_period: &'static CapPeriod,
    /// Categories sharing a group are one matter: only the highest counts.
    pub exclusive_group: Option<&'static str>,
    pub conditions: &'static [Condition],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionType {
    Bool,
    Months,
    Count,
}

impl ConditionType {
    pub fn id(self) -> &'static str {
        match self {
            ConditionType::Bool => "bool",
            ConditionType::Months => "months",
            ConditionType::Count => "count",
        }
    }
}

/// What value of a condition qualifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A yes/no condition qualifies with this answer.
    Is(bool),
    /// A whole number qualifies from this value up.
    AtLeast(u32),
}

#[derive(Debug, PartialEq)]
pub struct Condition {
    pub id: &'static str,
    pub kind: ConditionType,
    /// Missing counts as not met when required; otherwise missing means `default`.
    pub required: bool,
    pub rule: Rule,
    pub default: Option<bool>,
    pub label: Text,
    pub source: &'static str,
}

/// The value given for a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionValue {
    Bool(bool),
    Number(u64),
}

impl Rule {
    /// Whether `value` qualifies. A value of the other type never does.
    pub fn holds(self, value: ConditionValue) -> bool {
        match (self, value) {
            (Rule::Is(want), ConditionValue::Bool(b)) => want == b,
            (Rule::AtLeast(min), ConditionValue::Number(n)) => n >= u64::from(min),
            _ => false,
        }
    }
}

mod builtin {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/policy_data.rs"));
}

impl Policy {
    /// The plan this crate is built with.
    ///
    /// ```
    /// let p = pinghu_subsidy::Policy::builtin();
    /// assert_eq!(p.measures().len(), 16);
    /// assert!(p.category("brand_promotion").is_some());
    /// ```
    pub fn builtin() -> &'static Policy {
        &builtin::BUILTIN
    }

    /// Every measure of the document, with or without money.
    pub fn measures(&self) -> &'static [Measure] {
        builtin::MEASURES
    }

    /// Who applies, in the order a form should show them.
    pub fn applicants(&self) -> &'static [Applicant] {
        builtin::APPLICANTS
    }

    /// The whole policy as JSON: what the JS API `policy()` returns. Written
    /// by `build.rs` from the same file as the statics.
    pub fn to_json(&self) -> &'static str {
        builtin::POLICY_JSON
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures().iter().find(|m| m.id == id)
    }

    /// Whether the document is in force in `year`, in part or whole.
    pub fn in_force(&self, year: i32) -> bool {
        (self.document.first_year..=self.document.last_year).contains(&year)
    }
}

/// Reading and calculating: the engine's entry points.
impl Policy {
    /// Checks a request against this policy: known categories and conditions,
    /// values of the right type, amounts in range. Every problem is reported.
    pub fn validate(&self, req: &Request) -> Result<(), Error> {
        let mut p = Problems::default();
        request::check(self, req, &mut p);
        p.finish(())
    }

    /// Calculates the support for a request.
    ///
    /// ```
    /// use pinghu_subsidy::{Decimal, Expense, Policy, Request, Step};
    /// let req = Request {
    ///     year: 2025,
    ///     expenses: vec![Expense::new("brand_promotion", Decimal::from(300_000))],
    /// };
    /// let est = Policy::builtin().calculate(&req).unwrap();
    /// let line = est.line("brand_promotion").unwrap();
    /// assert!(line.capped);
    /// assert_eq!(est.total, line.category.cap);
    /// assert!(line.steps.contains(&Step::Cap { cap: line.category.cap, capped: true }));
    /// ```
    pub fn calculate(&'static self, req: &Request) -> Result<Estimate, Error> {
        self.validate(req)?;
        Ok(engine::estimate(self, req))
    }

    /// Reads a request from a JSON-like value, reporting every problem with its path.
    pub fn read_request(&self, input: &Value) -> Result<Request, Error> {
        request::read(self, input)
    }

    /// Reads and calculates: what the JS API `calculate` does.
    ///
    /// ```
    /// use pinghu_subsidy::{Policy, Value};
    /// let input: Value = serde_json::from_str(
    ///     r#"{"year": 2025, "expenses": [{"category": "brand_promotion", "amount": "30万"}]}"#,
    /// ).unwrap();
    /// let est = Policy::builtin().calculate_value(&input).unwrap();
    /// assert!(est.to_json().starts_with(r#"{"total":"100000.00","#));
    /// ```
    pub fn calculate_value(&'static self, input: &Value) -> Result<Estimate, Error> {
        let req = self.read_request(input)?;
        Ok(engine::estimate(self, &req))
    }
}

impl Category {
    pub fn condition(&self, id: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.id == id)
    }
}
