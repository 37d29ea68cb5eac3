//! Two to four scenarios of one client side by side: each category's support, the total, the
//! award ceilings and each year's total, with every figure's difference from the first scenario
//! (the baseline). Plain Rust, exact money: the element only lays the figures out.
//!
//! - A single year is compared as the support of that year; a plan as the sum of its years. Both
//!   kinds can be mixed: the rows per year show which years each scenario covers.
//! - A category row sums the lines of that category (the support this plan gives, after caps,
//!   conditions and 就高不重复, as each estimate shows it). Award lines are ceilings: their rows are
//!   marked `upper_bound` and count in `awards_up_to`, never in `total`.
//! - A difference is `value − baseline` (negative when the scenario gives less). Where a scenario
//!   does not cover a year, its value and difference are `None` (the year is not part of it, not 0).
//!
//! Each scenario was read by the same reader as `calculate()` / `calculate_plan()`
//! ([`crate::workspace`]), and is computed here by the same engine.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::amount::plain;
use crate::estimate::PolicyRef;
use crate::policy::{Category, Kind, Policy};
use crate::value::Value;
use crate::workspace::{compute, read_scenario, skip, Computed, Scenario, Skipped, VERSION};

/// How many scenarios a comparison takes.
pub const MIN_SCENARIOS: usize = 2;
pub const MAX_SCENARIOS: usize = 4;

/// The comparison of two to four scenarios.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The scenarios compared, in the order given; the first is the baseline.
    pub scenarios: Vec<Column>,
    /// One row per category some scenario uses, in the plan's order.
    pub categories: Vec<CategoryRow>,
    /// The expected support (expense lines): each scenario's `total`.
    pub total: Figures,
    /// The award ceilings, never part of `total`.
    pub awards_up_to: Figures,
    /// Each year some scenario covers, in order: that year's `total`.
    pub years: Vec<YearRow>,
    pub policy: PolicyRef,
}

/// One scenario compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    pub id: String,
    pub name: String,
    /// `"year"` or `"plan"`.
    pub kind: &'static str,
    /// The years it covers.
    pub years: Vec<i32>,
}

/// One figure per scenario and its difference from the baseline (the first is always 0).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    #[serde(serialize_with = "money_list")]
    pub values: Vec<Decimal>,
    #[serde(serialize_with = "money_list")]
    pub differences: Vec<Decimal>,
}

/// A category's support in each scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryRow {
    #[serde(serialize_with = "crate::estimate::category_id")]
    pub category: &'static Category,
    /// An award: its figures are ceilings decided by evaluation.
    pub upper_bound: bool,
    #[serde(serialize_with = "money_list")]
    pub values: Vec<Decimal>,
    #[serde(serialize_with = "money_list")]
    pub differences: Vec<Decimal>,
}

/// A year's total in each scenario; `None` where the scenario does not cover the year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearRow {
    pub year: i32,
    #[serde(serialize_with = "opt_money_list")]
    pub values: Vec<Option<Decimal>>,
    #[serde(serialize_with = "opt_money_list")]
    pub differences: Vec<Option<Decimal>>,
}

/// Why scenarios cannot be compared: fewer than two or more than four (`count`), or the engine
/// refused one (`input`, with the scenario's index; it was read, so this is not expected).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareError {
    Count(usize),
    Input(usize),
}

impl Figures {
    fn of(values: Vec<Decimal>) -> Figures {
        let base = values.first().copied().unwrap_or_default();
        let differences = values.iter().map(|v| *v - base).collect();
        Figures { values, differences }
    }
}

/// Compares `scenarios` (the first is the baseline).
pub fn compare(policy: &'static Policy, scenarios: &[Scenario]) -> Result<Comparison, CompareError> {
    if !(MIN_SCENARIOS..=MAX_SCENARIOS).contains(&scenarios.len()) {
        return Err(CompareError::Count(scenarios.len()));
    }
    let computed = scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| compute(policy, s).ok_or(CompareError::Input(i)))
        .collect::<Result<Vec<_>, _>>()?;

    let categories = category_rows(policy, &computed);
    let years = year_rows(&computed);

    Ok(Comparison {
        scenarios: scenarios
            .iter()
            .zip(&computed)
            .map(|(s, c)| Column {
                id: s.id.clone(),
                name: s.name.clone(),
                kind: s.kind,
                years: c.estimates.iter().map(|e| e.year).collect(),
            })
            .collect(),
        categories,
        total: Figures::of(computed.iter().map(|c| c.total).collect()),
        awards_up_to: Figures::of(computed.iter().map(|c| c.awards_up_to).collect()),
        years,
        policy: computed[0].policy.clone(),
    })
}

/// One row per category some scenario uses, in the plan's order: its support in each.
fn category_rows(policy: &'static Policy, computed: &[Computed]) -> Vec<CategoryRow> {
    policy
        .categories
        .iter()
        .filter_map(|cat| {
            let mut used = false;
            let values = computed
                .iter()
                .map(|c| {
                    let v = c.category(cat);
                    used |= v.is_some();
                    v.unwrap_or_default()
                })
                .collect();
            let Figures { values, differences } = Figures::of(values);
            used.then_some(CategoryRow {
                category: cat,
                upper_bound: cat.kind == Kind::Award,
                values,
                differences,
            })
        })
        .collect()
}

/// One row per year some scenario covers, in order: each scenario's total that year, if it
/// covers it.
fn year_rows(computed: &[Computed]) -> Vec<YearRow> {
    let mut all_years: Vec<i32> = computed
        .iter()
        .flat_map(|c| c.estimates.iter().map(|e| e.year))
        .collect();
    all_years.sort_unstable();
    all_years.dedup();
    all_years
        .into_iter()
        .map(|year| {
            let values: Vec<Option<Decimal>> = computed
                .iter()
                .map(|c| c.estimates.iter().find(|e| e.year == year).map(|e| e.total))
                .collect();
            let differences = match values[0] {
                Some(base) => values.iter().map(|v| v.map(|v| v - base)).collect(),
                None => vec![None; values.len()],
            };
            YearRow {
                year,
                values,
                differences,
            }
        })
        .collect()
}

/// Reads `[scenario, …]` as the element sends it (each like a stored scenario, by the same
/// reader as `calculate()` / `calculate_plan()`) and compares them. A refusal is a
/// [`Skipped`] under the entry `compare`: `count` (not 2 to 4 scenarios, path `scenarios`), or
/// what reading the scenario at `scenarios[i]` found.
pub fn compare_value(policy: &'static Policy, v: &Value) -> Result<Comparison, Skipped> {
    const ENTRY: &str = "compare";
    let Value::Array(items) = v else {
        return Err(skip(ENTRY, "field", "scenarios"));
    };
    if !(MIN_SCENARIOS..=MAX_SCENARIOS).contains(&items.len()) {
        return Err(skip(ENTRY, "count", "scenarios"));
    }
    let scenarios = items
        .iter()
        .enumerate()
        .map(|(i, item)| read_scenario(policy, VERSION, item, ENTRY, &format!("scenarios[{i}]"), i))
        .collect::<Result<Vec<_>, _>>()?;
    compare(policy, &scenarios).map_err(|e| match e {
        CompareError::Count(_) => skip(ENTRY, "count", "scenarios"),
        CompareError::Input(i) => skip(ENTRY, "input", format!("scenarios[{i}].input")),
    })
}

fn money_list<S: Serializer>(v: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|d| plain(*d)))
}

fn opt_money_list<S: Serializer>(v: &[Option<Decimal>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|d| d.map(plain)))
}
