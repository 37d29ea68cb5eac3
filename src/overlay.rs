//! What-if: a policy with some rates, caps or cap periods changed, for estimating what a changed
//! draft would cost. The overlay is a map of parameters, `"category.rate"`, `"category.cap"` and
//! `"category.cap_period"`, each checked against the policy data: an unknown category or field, a
//! rate for a category without one (awards), a negative cap or rate, a rate above 100% and a cap
//! period the policy does not have are errors, all reported with their paths. The built-in policy
//! never changes: a valid overlay gives a new [`Policy`] beside it.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::{parse_amount, plain};
use crate::error::{Error, Kind, Problems, Want};
use crate::policy::{CapPeriod, Category, Document, Kind as CategoryKind, Policy};
use crate::request::{key_path, read_amount, type_error};
use crate::value::Value;

/// One changed parameter, as the batch reports it (and the exported CSV shows it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `"brand_promotion.rate"`, `"brand_promotion.cap"`, `"brand_promotion.cap_period"`.
    pub parameter: String,
    /// The value read: a rate in its shortest form (`"0.4"`), a cap in yuan (`"150000.00"`), a
    /// cap period id.
    pub value: String,
}

/// Reads an overlay (a JSON-like object of parameters) against `base` and returns the changes and
/// the changed policy. Every problem is reported, with paths such as
/// `overlay.brand_promotion.rate`. An empty overlay gives no changes and `base` itself.
///
/// ```
/// use pinghu_subsidy::batch::overlay;
/// use pinghu_subsidy::Policy;
/// let before = Policy::builtin().category("brand_promotion").unwrap().cap;
/// let v = serde_json::json!({ "brand_promotion.rate": "40%", "brand_promotion.cap": "15万" });
/// let (changes, changed) = overlay(Policy::builtin(), v).unwrap();
/// let rate = changes.iter().find(|c| c.parameter == "brand_promotion.rate").unwrap();
/// assert_eq!(rate.value, "0.4");
/// assert_eq!(pinghu_subsidy::plain(changed.category("brand_promotion").unwrap().cap), "150000.00");
/// assert_eq!(Policy::builtin().category("brand_promotion").unwrap().cap, before); // never changed
/// let err = overlay(Policy::builtin(), serde_json::json!({ "brand_promotion.cap": "-1" })).unwrap_err();
/// assert_eq!(err.problems()[0].code(), "amount_negative");
/// ```
pub fn overlay<'de, D: serde::Deserializer<'de>>(
    base: &'static Policy,
    input: D,
) -> Result<(Vec<Change>, &'static Policy), Error> {
    read(base, &Value::read_or_unsupported(input), "overlay")
}

/// A category's changed figures while an overlay is read.
struct Set {
    rate: Option<Decimal>,
    cap: Decimal,
    period: &'static CapPeriod,
}

/// Reads the overlay at `path` (a value already taken whole).
pub(crate) fn read(base: &'static Policy, v: &Value, path: &str) -> Result<(Vec<Change>, &'static Policy), Error> {
    let mut p = Problems::default();
    let pairs: &[(String, Value)] = match v {
        Value::Null => &[],
        Value::Object(pairs) => pairs,
        other => {
            type_error(&mut p, path, Want::Object, other);
            &[]
        }
    };
    let mut sets: Vec<Set> = base
        .categories
        .iter()
        .map(|c| Set {
            rate: c.rate,
            cap: c.cap,
            period: c.cap_period,
        })
        .collect();
    let mut changes = Vec::new();
    for (key, value) in pairs {
        if matches!(value, Value::Null) {
            continue;
        }
        let at = key_path(path, key);
        let (cat, field) = key.split_once('.').unwrap_or((key, ""));
        let Some(i) = base.categories.iter().position(|c| c.id == cat) else {
            p.push(at, Kind::UnknownParameter);
            continue;
        };
        match parameter(base, &base.categories[i], &mut sets[i], field, value) {
            Ok(shown) => changes.push(Change {
                parameter: key.clone(),
                value: shown,
            }),
            Err(Refused::Kind(kind)) => p.push(at, kind),
            Err(Refused::Type(want)) => type_error(&mut p, at, want, value),
        }
    }
    let changes = p.finish(changes)?;
    if changes.is_empty() {
        return Ok((changes, base));
    }
    Ok((changes, changed_policy(base, sets)))
}

/// Why a parameter's value was refused: a problem, or a value of the wrong type.
enum Refused {
    Kind(Kind),
    Type(Want),
}

/// One parameter of category `c` (`field`: `rate`, `cap` or `cap_period`) read into its `set`:
/// the value as the batch shows it.
fn parameter(
    base: &'static Policy,
    c: &Category,
    set: &mut Set,
    field: &str,
    value: &Value,
) -> Result<String, Refused> {
    let has_rate = c.kind == CategoryKind::Expense && c.rate.is_some();
    match (field, value) {
        ("rate", Value::Number(_) | Value::String(_)) if has_rate => match read_rate(value) {
            Ok(r) if r > Decimal::ONE => Err(Refused::Kind(Kind::RateRange)),
            Ok(r) => {
                set.rate = Some(r);
                Ok(r.normalize().to_string())
            }
            Err(kind) => Err(Refused::Kind(kind)),
        },
        ("cap", Value::Number(_) | Value::String(_)) => match read_amount(value) {
            Ok(cap) => {
                set.cap = cap;
                Ok(plain(cap))
            }
            Err(e) => Err(Refused::Kind(Kind::Amount(e))),
        },
        ("cap_period", Value::String(id)) => match base.cap_periods().iter().find(|cp| cp.id == id) {
            Some(cp) => {
                set.period = cp;
                Ok(cp.id.to_string())
            }
            None => Err(Refused::Kind(Kind::UnknownCapPeriod)),
        },
        ("rate", _) if has_rate => Err(Refused::Type(Want::Amount)),
        ("cap", _) => Err(Refused::Type(Want::Amount)),
        ("cap_period", _) => Err(Refused::Type(Want::CategoryId)),
        _ => Err(Refused::Kind(Kind::UnknownParameter)),
    }
}

/// The policy with each category's changed figures, beside `base` (never changed).
fn changed_policy(base: &'static Policy, sets: Vec<Set>) -> &'static Policy {
    let categories: Vec<Category> = base
        .categories
        .iter()
        .zip(sets)
        .map(|(c, s)| Category {
            rate: s.rate,
            cap: s.cap,
            cap_period: s.period,
            ..*c
        })
        .collect();
    // Leaked once per overlay read: the engine's results borrow their policy for 'static. A few
    // kilobytes per what-if, which a page makes a handful of times.
    let doc = &base.document;
    Box::leak(Box::new(Policy {
        document: Document { ..*doc },
        categories: Box::leak(categories.into_boxed_slice()),
    }))
}

/// A rate: a fraction (`0.4`, `"0.4"`) or a percentage string (`"40%"`), never negative.
fn read_rate(v: &Value) -> Result<Decimal, Kind> {
    if let Value::String(s) = v {
        if let Some(pct) = s.trim().strip_suffix(['%', '％']) {
            return parse_amount(pct)
                .map(|d| d / Decimal::ONE_HUNDRED)
                .map_err(Kind::Amount);
        }
    }
    read_amount(v).map_err(Kind::Amount)
}
