//! The types of a policy, and how they serialize into the JSON document the JS
//! API `policy()` returns.
//!
//! This file is compiled twice: in the crate (`src/policy/mod.rs`) and in the
//! build script (`build/main.rs`, through `#[path]`), which fills these types
//! from the policy file and serializes them into that JSON. So it uses no
//! `crate::` path, only `std`, `serde` and `rust_decimal`. Serializing costs
//! the wasm nothing: nothing in it calls `Serialize` on these types.
//!
//! Where the JSON differs from the Rust fields (top-level `id` and `version`,
//! `detailed_rules` and `departments` as `{zh, en}`, a measure's categories, a
//! cap period as its id and label), a small hand-written `Serialize` says so,
//! in `json.rs` beside this file (a child module, so the build script compiles
//! it too). Those impls destructure their type, so a new field does not compile
//! until it is placed in the JSON or skipped on purpose.

#[path = "json.rs"]
mod json;

use rust_decimal::Decimal;
use serde::Serialize;

/// A text in Chinese and English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

#[derive(Debug)]
pub struct Document {
    pub id: &'static str,
    /// Changes whenever the data changes.
    pub version: &'static str,
    pub title: Text,
    /// One of a fixed set: `"draft"` for a 征求意见稿, `"final"` once issued.
    pub status: &'static str,
    pub status_label: Text,
    /// `YYYY-MM-DD`: when it was issued (a final document has it).
    pub issued: Option<&'static str>,
    /// The source the document is (its id in `sources`).
    pub cites: &'static str,
    /// The documents the data quotes: the plan, later its 实施细则 or an amendment.
    pub sources: &'static [Source],
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
    /// How 就高不重复 is read: item by item (a reading, not a quote).
    pub non_cumulative_reading: Reading,
    /// Facts every estimate must show (draft status, ceilings, 就高不重复…).
    pub notices: &'static [DocNotice],
    /// What the first year's estimate says when the plan starts within it (the day
    /// it counts from, "自发文之日起算"); its condition stands on each expense category
    /// (`Condition::only_year`).
    pub start_notice: Option<Text>,
}

/// A reading of the text: what the data assumes where the text is silent or
/// open, why, and the words it reads. Shown in a result as a notice `code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub code: &'static str,
    #[serde(flatten)]
    pub text: Text,
    pub reason: Text,
    /// The words of the text it reads, quoted.
    pub source: &'static str,
}

#[derive(Debug, Serialize)]
pub struct DocNotice {
    pub code: &'static str,
    #[serde(flatten)]
    pub text: Text,
    pub source: &'static str,
    /// Where a page shows it.
    pub placement: Placement,
    /// The document status it states (`"draft"`), if it states one.
    pub status: Option<&'static str>,
}

/// Where a document notice is shown: the banner at the top, or a result's footnotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    Banner,
    Footnote,
}

/// A document the data quotes, with the file of its text.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: &'static str,
    pub title: Text,
    /// `"draft"` or `"final"`.
    pub status: &'static str,
    pub status_label: Text,
    /// `YYYY-MM-DD`, when known.
    pub issued: Option<&'static str>,
    /// Its text, from the repository's root (`policy/…`); pages serve it by its file name.
    pub file: &'static str,
}

/// A clause of another source (the 实施细则) a category cites beside its measure.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// A `sources` id.
    pub source: &'static str,
    /// The clause as the source numbers it.
    pub clause: &'static str,
    /// The clause, quoted.
    pub text: &'static str,
    pub summary_en: &'static str,
}

#[derive(Debug, Serialize)]
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
    /// The source its text comes from.
    pub cites: &'static str,
}

/// Whether support is computed from an expense or is an award decided by evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Support = min(expense × rate, cap).
    Expense,
    /// No expense base: the cap is a ceiling, shown as an upper bound.
    Award,
}

/// What a cap applies to: one-time, per enterprise per year…
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct CapPeriod {
    pub id: &'static str,
    pub label: Text,
    /// Over how much of a plan one cap runs.
    pub scope: CapScope,
    /// When the scope is a reading of the text (a cap with no period in the
    /// text, taken as one cap over the plan), that reading.
    pub reading: Option<Reading>,
}

/// Over how much of a plan one cap runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CapScope {
    /// One cap for the whole plan: used once, across its years.
    Plan,
    /// A fresh cap each year.
    Year,
    /// A cap for each item (each project).
    Item,
    /// One payment over the whole plan (一次性): claimed in one year only, the
    /// enterprise's best; support already received for it means it was paid.
    Once,
}

/// Categories that are one matter: only the highest counts. The grouping is
/// a reading of the text, with its reason.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct ExclusiveGroup {
    pub id: &'static str,
    pub reading: Reading,
}

#[derive(Debug, PartialEq, Serialize)]
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
    #[serde(serialize_with = "json::rate_json")]
    pub rate: Option<Decimal>,
    /// The words stating the rate; empty when the text states none.
    #[serde(serialize_with = "json::empty_as_null")]
    pub rate_source: &'static str,
    /// The text states no rate and this one is assumed.
    pub rate_assumed: bool,
    /// The text states the rate as a ceiling ("最高 50%"): the estimate uses
    /// it, evaluation sets the actual rate.
    pub rate_up_to: bool,
    /// What was assumed and why, when `rate_assumed`.
    pub assumption: Option<Text>,
    /// The ceiling, in yuan.
    #[serde(serialize_with = "json::money_json")]
    pub cap: Decimal,
    pub cap_source: &'static str,
    /// In the JSON: `cap_period` (its id) and `cap_period_label`.
    #[serde(flatten, serialize_with = "json::cap_period_json")]
    pub cap_period: &'static CapPeriod,
    /// Categories sharing a group are one matter: only the highest counts.
    pub exclusive_group: Option<&'static str>,
    pub conditions: &'static [Condition],
    /// The source `rate_source` and `cap_source` quote.
    pub cites: &'static str,
    /// Clauses of other sources (the 实施细则) it cites beside its measure's.
    pub citations: &'static [Citation],
    /// A reading of its own clause the estimate relies on (whom a one-time
    /// payment is for…), shown with its line.
    pub reading: Option<Reading>,
    /// Codes of document notices that govern this category, shown with its line
    /// (a provincial clause: the provincial documents decide).
    pub notices: &'static [&'static str],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
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

#[derive(Debug, PartialEq, Serialize)]
pub struct Condition {
    pub id: &'static str,
    #[serde(rename = "type")]
    pub kind: ConditionType,
    /// Missing counts as not met when required; otherwise missing means `default`.
    pub required: bool,
    /// In the JSON: `expect` (bool conditions) and `min` (the others), the other one null.
    #[serde(flatten)]
    pub rule: Rule,
    pub default: Option<bool>,
    pub label: Text,
    pub source: &'static str,
    /// The source `source` quotes.
    pub cites: &'static str,
    /// Asked only for costs of this year (the year the plan starts within); `None`: every year.
    pub only_year: Option<i32>,
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

impl Category {
    pub fn condition(&self, id: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.id == id)
    }

    /// The conditions an item of this category must meet to count in `year`: the required ones
    /// asked that year (a condition with `only_year` is asked in that year only).
    pub fn required_in(&self, year: i32) -> impl Iterator<Item = &'static Condition> {
        self.conditions
            .iter()
            .filter(move |c| c.required && c.only_year.is_none_or(|y| y == year))
    }
}

/// What a measure promises without an amount the calculator can compute
/// (an incentive, channel support, talent measures…): shown, never summed.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Promise {
    pub id: &'static str,
    /// The measure that makes the promise.
    pub measure: &'static str,
    pub text: Text,
    /// The words of the text it comes from.
    pub source: &'static str,
}

/// Categories one expense could fall under: it can be claimed once. An
/// estimate that uses all of them carries the notice `overlap` with `text`.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Overlap {
    pub id: &'static str,
    pub categories: &'static [&'static str],
    pub text: Text,
}

// What a visit needs next (how to apply, departments' full names, what to hold or show): policy
// data kept out of the policy JSON and so out of the wasm. `tests/policy_data.rs` writes it as
// the element's module `www/element/guide-data.js`, loaded on demand (see [`GuideJson`]).

/// How to apply: what the text leaves to the detailed rules, when to apply, and where to ask.
/// `window`, `contact`, `phone` and `portal` stay `None` until an official source (a 细则)
/// gives them; each then quotes its words from the source the application `cites`.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Application {
    pub text: Text,
    /// The words of the text it comes from (checked by the tests; the element shows the text).
    #[serde(skip)]
    pub source: &'static str,
    /// The application window ("每年3月1日至3月31日").
    pub window: Option<Text>,
    pub contact: Option<Text>,
    pub phone: Option<&'static str>,
    pub portal: Option<&'static str>,
    /// The quotes of the window, contact, phone and portal, in that order ("" when not given).
    #[serde(skip)]
    pub quotes: [&'static str; 4],
    /// The source the quotes are from (a `sources` id).
    #[serde(skip)]
    pub cites: &'static str,
    /// A reading marked as such: the first department each measure lists leads (牵头).
    pub lead: Option<Text>,
}

/// A department's full name, for the short name a measure lists (责任单位);
/// `phone` and `portal` stay `None` until an official source gives them.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Department {
    pub short_zh: &'static str,
    pub name: Text,
    pub phone: Option<&'static str>,
    pub portal: Option<&'static str>,
}

/// What the text says an applicant for a category must hold or show.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub category: &'static str,
    pub text: Text,
    /// The words of the text it comes from (checked by the tests).
    #[serde(skip)]
    pub source: &'static str,
    /// What to keep as evidence, as the text implies it, and the words it comes from.
    pub evidence: Option<Text>,
    #[serde(skip)]
    pub evidence_source: &'static str,
}

/// A material an applicant for a category submits, as a source (a 细则) lists it.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Material {
    pub category: &'static str,
    pub text: Text,
    /// The words it comes from, quoted (checked by the tests).
    #[serde(skip)]
    pub source: &'static str,
    /// The source those words are from.
    #[serde(skip)]
    pub cites: &'static str,
}

/// The element's next-steps data (`www/element/guide-data.js`): serializing this gives it.
#[derive(Debug, Serialize)]
pub struct GuideJson<'a> {
    pub application: Option<&'a Application>,
    pub departments: &'a [Department],
    pub requirements: &'a [Requirement],
    pub materials: &'a [Material],
}

/// The whole policy as `policy()` shows it: serializing this gives the policy
/// JSON. Measures list the categories they fund.
#[derive(Debug)]
pub struct PolicyJson<'a> {
    pub document: &'a Document,
    pub applicants: &'a [Applicant],
    pub cap_periods: &'a [CapPeriod],
    pub exclusive_groups: &'a [ExclusiveGroup],
    pub measures: &'a [Measure],
    pub categories: &'a [Category],
    pub promises: &'a [Promise],
    pub overlaps: &'a [Overlap],
}
