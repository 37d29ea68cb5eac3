//! A scenario's stamp: what it gave when it was saved, under which policy data, and what
//! changed since ([`drift`]); and a scenario calculated by the engine (`Computed`), which the
//! comparison of scenarios uses too.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{
    at, get, object, skip, text, Input, Scenario, Skipped, FINGERPRINT_LEN, MAX_ID, MAX_MONEY_DIGITS,
    MAX_STAMP_CATEGORIES,
};
use crate::amount::serde_money;
use crate::estimate::{Estimate, PolicyRef};
use crate::policy::{Category, Policy};
use crate::value::Value;

/// What a scenario gave when it was saved, and under which policy data: from the result on
/// screen then (the engine's [`stamp`] of its input). Money as `"300000.00"`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stamp {
    pub policy: StampPolicy,
    /// The expected support (`total` of the result; a plan's over its years).
    #[serde(serialize_with = "serde_money::serialize")]
    pub total: Decimal,
    /// The award ceilings, never part of `total`.
    #[serde(serialize_with = "serde_money::serialize")]
    pub awards_up_to: Decimal,
    /// The support of each category the result has a line of (a plan's summed over its years),
    /// in the policy's order.
    pub categories: Vec<StampCategory>,
}

/// The policy data a figure is under: `policy().version` and `policy().fingerprint`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StampPolicy {
    pub version: String,
    pub fingerprint: String,
}

/// One category's support in a stamp.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StampCategory {
    /// The category id (of the policy data the stamp is under: it may be unknown to another).
    pub category: String,
    #[serde(serialize_with = "serde_money::serialize")]
    pub support: Decimal,
}

/// A scenario's stamp against what the policy data in use gives for the same input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drift {
    /// The policy data the scenario was saved under.
    pub saved: StampPolicy,
    /// The policy data in use.
    pub now: StampPolicy,
    /// The same fingerprint: the figures are the same, nothing more is shown.
    pub same_policy: bool,
    pub total: FigureChange,
    /// `None` when the award ceilings are the same.
    pub awards_up_to: Option<FigureChange>,
    /// Each category whose support differs: those of the policy in use in its order, then
    /// those only the stamp has.
    pub categories: Vec<CategoryChange>,
}

/// A figure then and now, and `now − saved`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FigureChange {
    #[serde(serialize_with = "serde_money::serialize")]
    pub saved: Decimal,
    #[serde(serialize_with = "serde_money::serialize")]
    pub now: Decimal,
    #[serde(serialize_with = "serde_money::serialize")]
    pub difference: Decimal,
}

/// A category's support then and now; `None` where that result has no line of it (and then no
/// difference).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryChange {
    pub category: String,
    #[serde(serialize_with = "serde_money::opt::serialize")]
    pub saved: Option<Decimal>,
    #[serde(serialize_with = "serde_money::opt::serialize")]
    pub now: Option<Decimal>,
    #[serde(serialize_with = "serde_money::opt::serialize")]
    pub difference: Option<Decimal>,
}

/// The estimates of one scenario: a year's, or each year of a plan's, with its totals.
pub(crate) struct Computed {
    pub(crate) estimates: Vec<Estimate>,
    pub(crate) total: Decimal,
    pub(crate) awards_up_to: Decimal,
    pub(crate) policy: PolicyRef,
}

impl Computed {
    /// The support of `cat` summed over the estimates' lines; `None` when no line is of it.
    pub(crate) fn category(&self, cat: &Category) -> Option<Decimal> {
        let mut lines = self
            .estimates
            .iter()
            .flat_map(|e| &e.lines)
            .filter(|l| l.category.id == cat.id)
            .peekable();
        lines.peek()?;
        Some(lines.fold(Decimal::ZERO, |sum, l| sum + l.support))
    }
}

/// Calculates a scenario by the engine; `None` when its input does not calculate.
pub(crate) fn compute(policy: &'static Policy, s: &Scenario) -> Option<Computed> {
    match &s.input {
        Input::Year(req) => {
            let e = policy.calculate(req).ok()?;
            Some(Computed {
                total: e.total,
                awards_up_to: e.awards_up_to,
                policy: e.policy.clone(),
                estimates: vec![e],
            })
        }
        Input::Plan(plan) => {
            let p = policy.calculate_plan(plan).ok()?;
            Some(Computed {
                total: p.total,
                awards_up_to: p.awards_up_to,
                policy: p.policy,
                estimates: p.years,
            })
        }
    }
}

/// A stamp's money: `"300000.00"` exactly as the engine writes it (no sign, no grouping, no
/// leading zero, two decimals), at most [`MAX_MONEY_DIGITS`] digits before the point.
fn read_money(v: Option<&Value>) -> Option<Decimal> {
    let Some(Value::String(s)) = v else { return None };
    let (int, frac) = s.split_once('.')?;
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let canonical = !int.is_empty() && (int == "0" || !int.starts_with('0'));
    if !canonical || int.len() > MAX_MONEY_DIGITS || frac.len() != 2 || !digits(int) || !digits(frac) {
        return None;
    }
    let fen: i64 = format!("{int}{frac}").parse().ok()?;
    Some(Decimal::new(fen, 2))
}

/// A category id as the policy data writes them: 1 to 64 of `a-z 0-9 _`.
fn valid_category(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

pub(super) fn read_stamp(v: &Value, entry: &str, path: &str) -> Result<Stamp, Skipped> {
    let o = object(v, entry, path, &["policy", "total", "awards_up_to", "categories"])?;
    let ppath = at(path, "policy");
    let p = object(
        get(o, "policy").unwrap_or(&Value::Null),
        entry,
        &ppath,
        &["version", "fingerprint"],
    )?;
    let version = text(p, "version", false, MAX_ID, entry, &ppath)?;
    let fingerprint = text(p, "fingerprint", false, FINGERPRINT_LEN, entry, &ppath)?;
    let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if fingerprint.len() != FINGERPRINT_LEN || !fingerprint.bytes().all(hex) {
        return Err(skip(entry, "field", at(&ppath, "fingerprint")));
    }
    let money = |k: &str| read_money(get(o, k)).ok_or_else(|| skip(entry, "field", at(path, k)));
    let (total, awards_up_to) = (money("total")?, money("awards_up_to")?);
    let cpath = at(path, "categories");
    let items = match get(o, "categories") {
        Some(Value::Array(items)) if items.len() <= MAX_STAMP_CATEGORIES => items,
        _ => return Err(skip(entry, "field", cpath)),
    };
    let mut categories: Vec<StampCategory> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let ip = format!("{cpath}[{i}]");
        let c = object(item, entry, &ip, &["category", "support"])?;
        let category = match get(c, "category") {
            Some(Value::String(id)) if valid_category(id) && !categories.iter().any(|d| &d.category == id) => {
                id.clone()
            }
            _ => return Err(skip(entry, "field", at(&ip, "category"))),
        };
        let support = read_money(get(c, "support")).ok_or_else(|| skip(entry, "field", at(&ip, "support")))?;
        categories.push(StampCategory { category, support });
    }
    Ok(Stamp {
        policy: StampPolicy { version, fingerprint },
        total,
        awards_up_to,
        categories,
    })
}

fn stamp_of(policy: &Policy, c: &Computed) -> Stamp {
    Stamp {
        policy: StampPolicy {
            version: c.policy.version.to_string(),
            fingerprint: c.policy.fingerprint.to_string(),
        },
        total: c.total,
        awards_up_to: c.awards_up_to,
        categories: policy
            .categories
            .iter()
            .filter_map(|cat| {
                c.category(cat).map(|support| StampCategory {
                    category: cat.id.to_string(),
                    support,
                })
            })
            .collect(),
    }
}

/// The stamp of a scenario under the policy data in use: what its input gives now (the same
/// figures as the result on screen, which the same engine calculated from the same input).
pub fn stamp(policy: &'static Policy, scenario: &Scenario) -> Result<Stamp, Skipped> {
    compute(policy, scenario)
        .map(|c| stamp_of(policy, &c))
        .ok_or_else(|| skip("scenario", "input", "input"))
}

/// What a stamped scenario gave when saved against what it gives under the policy data in use;
/// `None` when it has no stamp. Every difference is exact (`now − saved`).
pub fn drift(policy: &'static Policy, scenario: &Scenario) -> Result<Option<Drift>, Skipped> {
    let Some(saved) = &scenario.stamp else {
        return Ok(None);
    };
    let now = stamp(policy, scenario)?;
    let change = |a: Decimal, b: Decimal| FigureChange {
        saved: a,
        now: b,
        difference: b - a,
    };
    let then = |id: &str| saved.categories.iter().find(|c| c.category == id).map(|c| c.support);
    let categories: Vec<CategoryChange> = now
        .categories
        .iter()
        .map(|c| (c.category.clone(), then(&c.category), Some(c.support)))
        .chain(
            saved
                .categories
                .iter()
                .filter(|c| !now.categories.iter().any(|n| n.category == c.category))
                .map(|c| (c.category.clone(), Some(c.support), None)),
        )
        .filter(|(_, a, b)| a != b)
        .map(|(category, saved, now)| CategoryChange {
            category,
            saved,
            now,
            difference: saved.zip(now).map(|(a, b)| b - a),
        })
        .collect();
    Ok(Some(Drift {
        same_policy: saved.policy.fingerprint == now.policy.fingerprint,
        total: change(saved.total, now.total),
        awards_up_to: (saved.awards_up_to != now.awards_up_to).then(|| change(saved.awards_up_to, now.awards_up_to)),
        saved: saved.policy.clone(),
        now: now.policy,
        categories,
    }))
}
