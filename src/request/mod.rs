//! What an enterprise spent, and on what: the input of a calculation.
//!
//! The shapes are declared once, with serde: [`Request`] and [`Expense`] read
//! from any serde format (`serde_json`, serde-wasm-bindgen…). Reading through
//! the crate's reader instead ([`Policy::read_request`](crate::Policy::read_request), the JS
//! API) reports *every* problem with its path, not just the first as serde does: the value is
//! taken whole first (a `Value`), then each field named by the serde declaration is checked.
//!
//! One job per file: this one declares the shapes; `read` reads them from a `Value` with every
//! problem at its path; `check` checks a typed request against the policy (what only the policy
//! knows: categories, conditions, amounts in range); `fields` finds the field names serde
//! declares. Problems are typed (`crate::error::Kind`): the catalogue words them.

mod check;
mod fields;
mod read;

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::amount::serde_money;
use crate::policy::ConditionValue;

pub(crate) use check::{check, check_plan};
#[cfg(target_arch = "wasm32")]
pub(crate) use read::read_amount_value;
pub(crate) use read::{read, read_plan};
// What the batch and the overlay read with (not in the calculator's engine).
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
pub(crate) use {
    check::check_received,
    read::{read_amount, read_received, type_error},
};

/// At most this many expense items in one request (one year of a plan).
pub const MAX_EXPENSES: usize = 500;

/// At most this many items with other support in one category of one year:
/// the engine tries every way of settling them (2 to this power).
pub const MAX_OTHER_SUPPORT_ITEMS: usize = 12;

/// At most this many years in one plan.
pub const MAX_PLAN_YEARS: usize = 12;

/// What an enterprise spent, and on what.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The year the costs were incurred.
    pub year: i32,
    pub expenses: Vec<Expense>,
    /// Support from this plan already received in other years: it uses up caps
    /// over the plan, and a one-time support received is paid. Only at the top
    /// of a single year (a plan has its own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub already_received: Vec<Received>,
}

/// The plan's years, each what one [`Request`] is, in order; and support
/// from this plan already received in years not entered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    pub years: Vec<Request>,
    /// Support from this plan in years not entered: it uses up caps over the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub already_received: Vec<Received>,
}

/// Support from this plan already received for a category.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Received {
    pub category: String,
    #[serde(with = "serde_money")]
    pub amount: Decimal,
}

/// One expense item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expense {
    /// A category id of the policy.
    pub category: String,
    /// In yuan, at most two decimals; required for expense categories, optional
    /// (and not used) for awards.
    #[serde(default, with = "serde_money::opt", skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// Condition id and value; only the conditions the category declares.
    #[serde(default, with = "condition_map", skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<(String, ConditionValue)>,
    /// Support for the same item already granted under another policy.
    #[serde(default, with = "serde_money::opt", skip_serializing_if = "Option::is_none")]
    pub other_policy_support: Option<Decimal>,
}

impl Expense {
    /// ```
    /// use pinghu_subsidy::{Decimal, Expense, ConditionValue};
    /// let e = Expense::new("overseas_showroom", Decimal::from(150_000))
    ///     .with("showroom_months", ConditionValue::Number(14));
    /// assert_eq!(e.conditions.len(), 1);
    /// ```
    pub fn new(category: impl Into<String>, amount: Decimal) -> Expense {
        Expense {
            category: category.into(),
            amount: Some(amount),
            ..Expense::default()
        }
    }

    /// An award applied for: no amount.
    pub fn award(category: impl Into<String>) -> Expense {
        Expense {
            category: category.into(),
            ..Expense::default()
        }
    }

    pub fn with(mut self, condition: impl Into<String>, value: ConditionValue) -> Expense {
        self.conditions.push((condition.into(), value));
        self
    }

    pub fn other_policy(mut self, support: Decimal) -> Expense {
        self.other_policy_support = Some(support);
        self
    }
}

/// A condition's value: `true`/`false`, or a whole number ≥ 0.
impl Serialize for ConditionValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            ConditionValue::Bool(b) => s.serialize_bool(b),
            ConditionValue::Number(n) => s.serialize_u64(n),
        }
    }
}

impl<'de> Deserialize<'de> for ConditionValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ConditionValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true, false or a whole number ≥ 0")
            }
            fn visit_bool<E>(self, b: bool) -> Result<ConditionValue, E> {
                Ok(ConditionValue::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<ConditionValue, E> {
                Ok(ConditionValue::Number(n))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ConditionValue, E> {
                u64::try_from(n)
                    .map(ConditionValue::Number)
                    .map_err(|_| E::custom("negative"))
            }
            fn visit_f64<E: de::Error>(self, f: f64) -> Result<ConditionValue, E> {
                whole_number(f)
                    .and_then(|n| u64::try_from(n).ok())
                    .map(ConditionValue::Number)
                    .ok_or(E::custom("not whole"))
            }
        }
        d.deserialize_any(V)
    }
}

/// `conditions` as a JS object: `{ "showroom_months": 14 }`.
mod condition_map {
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::policy::ConditionValue;

    pub fn serialize<S: Serializer>(c: &[(String, ConditionValue)], s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(c.len()))?;
        for (k, v) in c {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, ConditionValue)>, D::Error> {
        let map = std::collections::BTreeMap::<String, ConditionValue>::deserialize(d)?;
        Ok(map.into_iter().collect())
    }
}

/// A whole number, saturating beyond ±2^63.
fn whole_number(f: f64) -> Option<i64> {
    (f.is_finite() && f.fract() == 0.0).then_some(f as i64)
}

/// `prefix.key`, or `key` at the top.
fn at(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// `expenses[0].colour`; a key that is not a plain name is quoted: `expenses[0]["a b"]`.
pub(crate) fn key_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    match (plain, parent.is_empty()) {
        (true, true) => key.to_string(),
        (true, false) => format!("{parent}.{key}"),
        (false, _) => format!("{parent}[\"{}\"]", clip(key).replace(['"', '\\'], "?")),
    }
}

/// A user-supplied name, cut short for echoing in a message.
pub(crate) fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(32).collect();
    if s.chars().nth(32).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fields::fields_of;
    use super::*;

    #[test]
    fn field_names_come_from_the_serde_declaration() {
        assert_eq!(fields_of::<Request>(), ["year", "expenses", "already_received"]);
        assert_eq!(
            fields_of::<Expense>(),
            ["category", "amount", "conditions", "other_policy_support"]
        );
    }

    #[test]
    fn a_request_reads_from_json_with_serde_alone() {
        let r: Request = serde_json::from_str(
            r#"{"year":2025,"expenses":[{"category":"brand_promotion","amount":"30万","conditions":{"x":true}}]}"#,
        )
        .unwrap();
        assert_eq!(r.expenses[0].amount, Some(Decimal::from(300_000)));
        assert_eq!(
            r.expenses[0].conditions,
            vec![("x".to_string(), ConditionValue::Bool(true))]
        );
        assert!(serde_json::from_str::<Request>(r#"{"year":2025,"expenses":[],"extra":1}"#).is_err());
        let back = serde_json::to_string(&r).unwrap();
        assert_eq!(
            back,
            r#"{"year":2025,"expenses":[{"category":"brand_promotion","amount":"300000.00","conditions":{"x":true}}]}"#
        );
    }
}
