//! What an enterprise spent, and on what: the input of a calculation.
//!
//! The shapes are declared once, with serde: [`Request`] and [`Expense`] read
//! from any serde format (`serde_json`, serde-wasm-bindgen…). Reading through
//! [`read`] instead reports *every* problem with its path, not just the first
//! as serde does: the value is taken whole first ([`Value`]), then each field
//! named by the serde declaration is checked.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::amount::{parse_amount, parse_count, read_number, serde_money, AmountError, CountKind, MAX_AMOUNT};
use crate::error::{Error, Field, Got, Kind, Problems, Want};
use crate::policy::{CapScope, Category, ConditionType, ConditionValue, Kind as CategoryKind, Policy};
use crate::value::{Unsupported, Value};

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
                whole(f)
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

/// The field names serde declares for `T`: the reader checks keys against
/// them, so the shape is written once.
fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut names));
    names
}

struct FieldNames<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("stop")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Stop {
        Stop
    }
}

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
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

fn got(v: &Value) -> Got {
    match v {
        Value::Null => Got::Null,
        Value::Bool(_) => Got::Bool,
        Value::Number(_) => Got::Number,
        Value::String(_) => Got::String,
        Value::Array(_) => Got::Array,
        Value::Object(_) => Got::Object,
        Value::Unsupported(u) => Got::Unsupported(*u),
    }
}

pub(crate) fn type_error(p: &mut Problems, path: impl Into<String>, want: Want, v: &Value) {
    p.push(path, Kind::Type { want, got: got(v) });
}

/// A whole number, saturating beyond ±2^63.
fn whole(f: f64) -> Option<i64> {
    (f.is_finite() && f.fract() == 0.0).then_some(f as i64)
}

/// The object's pairs, with every key not in `known` reported.
fn fields<'v>(p: &mut Problems, path: &str, v: &'v Value, known: &[&'static str]) -> Option<&'v [(String, Value)]> {
    match v {
        Value::Object(pairs) => {
            for (k, _) in pairs {
                if !known.contains(&k.as_str()) {
                    p.push(
                        key_path(path, k),
                        Kind::UnknownKey {
                            expected: known.to_vec(),
                        },
                    );
                }
            }
            Some(pairs)
        }
        other => {
            type_error(p, if path.is_empty() { "input" } else { path }, Want::Object, other);
            None
        }
    }
}

/// A field's value; null and absent are the same.
fn field<'v>(pairs: &'v [(String, Value)], key: &str) -> Option<&'v Value> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .filter(|v| !matches!(v, Value::Null))
}

/// Reads an amount given as a JS number or a string.
pub fn read_amount(v: &Value) -> Result<Decimal, AmountError> {
    match v {
        Value::Number(f) => read_number(*f),
        Value::String(s) => parse_amount(s),
        _ => Err(AmountError::Format),
    }
}

/// The amount at `parent.key`; the path is only written for a problem.
fn amount_at(p: &mut Problems, parent: &str, key: &str, v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(_) | Value::String(_) => match read_amount(v) {
            Ok(d) => Some(d),
            Err(e) => {
                p.push(key_path(parent, key), Kind::Amount(e));
                None
            }
        },
        other => {
            type_error(p, key_path(parent, key), Want::Amount, other);
            None
        }
    }
}

/// `prefix.key`, or `key` at the top.
fn at(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Reads a request from a JSON-like value, reporting every problem with its path.
pub fn read(policy: &Policy, v: &Value) -> Result<Request, Error> {
    let mut p = Problems::default();
    if let Value::Unsupported(Unsupported::TooLarge) = v {
        p.push("input", Kind::TooLarge);
        return p.finish(Request::default());
    }
    let req = read_request_at(policy, &mut p, "", v).unwrap_or_default();
    p.finish(req)
}

/// A request at `prefix` (`""` at the top, `years[1]` in a plan).
fn read_request_at(policy: &Policy, p: &mut Problems, prefix: &str, v: &Value) -> Option<Request> {
    let mut req = Request::default();
    let top = fields(p, prefix, v, fields_of::<Request>())?;

    match field(top, "year") {
        None => p.push(at(prefix, "year"), Kind::Required(Field::Year)),
        Some(y) => match y {
            Value::Number(f) => match whole(*f) {
                Some(y) if (1..=9999).contains(&y) => req.year = y as i32,
                Some(_) => p.push(at(prefix, "year"), Kind::YearRange),
                None => type_error(p, at(prefix, "year"), Want::WholeYear, y),
            },
            other => type_error(p, at(prefix, "year"), Want::WholeYear, other),
        },
    }

    let epath = at(prefix, "expenses");
    match field(top, "expenses") {
        None => p.push(epath, Kind::Required(Field::Expenses)),
        Some(Value::Array(items)) if items.len() > MAX_EXPENSES => p.push(epath, Kind::TooMany { max: MAX_EXPENSES }),
        Some(Value::Unsupported(Unsupported::LongArray)) => p.push(epath, Kind::TooMany { max: MAX_EXPENSES }),
        Some(Value::Array(items)) => {
            let known = fields_of::<Expense>();
            for (i, item) in items.iter().enumerate() {
                if let Some(e) = read_expense(policy, p, &format!("{epath}[{i}]"), item, known) {
                    req.expenses.push(e);
                }
            }
        }
        Some(other) => type_error(p, epath, Want::Array, other),
    }

    if let Some(v) = field(top, "already_received") {
        if prefix.is_empty() {
            req.already_received = read_received(p, v);
        } else {
            not_in_a_year(p, at(prefix, "already_received"));
        }
    }

    // What only the typed request shows (an unknown category…), unless already said.
    check_at(policy, &req, prefix, p);
    if prefix.is_empty() {
        check_received(policy, &req.already_received, p);
    }
    Some(req)
}

/// Reads a plan from a JSON-like value, reporting every problem with its path.
pub fn read_plan(policy: &Policy, v: &Value) -> Result<PlanRequest, Error> {
    let mut p = Problems::default();
    let mut plan = PlanRequest::default();
    if let Value::Unsupported(Unsupported::TooLarge) = v {
        p.push("input", Kind::TooLarge);
        return p.finish(plan);
    }
    let Some(top) = fields(&mut p, "", v, fields_of::<PlanRequest>()) else {
        return p.finish(plan);
    };
    match field(top, "years") {
        None => p.push("years", Kind::Required(Field::Years)),
        Some(Value::Array(items)) if items.len() > MAX_PLAN_YEARS => {
            p.push("years", Kind::TooMany { max: MAX_PLAN_YEARS })
        }
        Some(Value::Unsupported(Unsupported::LongArray)) => p.push("years", Kind::TooMany { max: MAX_PLAN_YEARS }),
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                // A year that could not be read keeps its place (year 0: not ordered).
                let y = read_request_at(policy, &mut p, &format!("years[{i}]"), item);
                plan.years.push(y.unwrap_or_default());
            }
        }
        Some(other) => type_error(&mut p, "years", Want::Array, other),
    }
    if let Some(v) = field(top, "already_received") {
        plan.already_received = read_received(&mut p, v);
    }
    check_plan_rest(policy, &plan, &mut p);
    p.finish(plan)
}

/// `already_received`: `[{ category, amount }]` (a plan's, or a batch enterprise's), read with
/// each problem at its path; the categories are checked by [`check_received`].
pub(crate) fn read_received(p: &mut Problems, v: &Value) -> Vec<Received> {
    let mut out = Vec::new();
    match v {
        Value::Array(items) if items.len() > MAX_EXPENSES => {
            p.push("already_received", Kind::TooMany { max: MAX_EXPENSES })
        }
        Value::Unsupported(Unsupported::LongArray) => p.push("already_received", Kind::TooMany { max: MAX_EXPENSES }),
        Value::Array(items) => {
            let known = fields_of::<Received>();
            for (i, item) in items.iter().enumerate() {
                let path = format!("already_received[{i}]");
                let Some(f) = fields(p, &path, item, known) else {
                    continue;
                };
                let mut r = Received::default();
                match field(f, "category") {
                    None => p.push(at(&path, "category"), Kind::Required(Field::Category)),
                    Some(Value::String(c)) => r.category = c.clone(),
                    Some(other) => type_error(p, at(&path, "category"), Want::CategoryId, other),
                }
                match field(f, "amount") {
                    None => p.push(at(&path, "amount"), Kind::Required(Field::Amount)),
                    Some(a) => r.amount = amount_at(p, &path, "amount", a).unwrap_or_default(),
                }
                out.push(r);
            }
        }
        other => type_error(p, "already_received", Want::Array, other),
    }
    out
}

/// Checks a typed plan: each year as a request, then the years' order and
/// what was already received.
pub(crate) fn check_plan(policy: &Policy, plan: &PlanRequest, p: &mut Problems) {
    if plan.years.len() > MAX_PLAN_YEARS {
        p.push("years", Kind::TooMany { max: MAX_PLAN_YEARS });
        return;
    }
    for (i, y) in plan.years.iter().enumerate() {
        if !(1..=9999).contains(&y.year) {
            p.push(format!("years[{i}].year"), Kind::YearRange);
        }
        check_at(policy, y, &format!("years[{i}]"), p);
        if !y.already_received.is_empty() {
            not_in_a_year(p, format!("years[{i}].already_received"));
        }
    }
    check_plan_rest(policy, plan, p);
}

/// `already_received` given in a plan's year: the years share the plan's.
fn not_in_a_year(p: &mut Problems, path: String) {
    let expected = fields_of::<Request>()
        .iter()
        .copied()
        .filter(|k| *k != "already_received");
    p.push(
        path,
        Kind::UnknownKey {
            expected: expected.collect(),
        },
    );
}

/// The years in order, each once; `already_received` in known categories.
fn check_plan_rest(policy: &Policy, plan: &PlanRequest, p: &mut Problems) {
    let mut seen: Vec<i32> = Vec::with_capacity(plan.years.len());
    for (i, y) in plan.years.iter().enumerate() {
        if !(1..=9999).contains(&y.year) {
            continue; // its own problem
        }
        if seen.contains(&y.year) {
            p.push(format!("years[{i}].year"), Kind::YearTwice);
        } else if seen.iter().any(|&s| s > y.year) {
            p.push(format!("years[{i}].year"), Kind::YearOrder);
        }
        seen.push(y.year);
    }
    check_received(policy, &plan.already_received, p);
}

/// Each `already_received` amount in range and its category the policy's.
pub(crate) fn check_received(policy: &Policy, received: &[Received], p: &mut Problems) {
    for (i, r) in received.iter().enumerate() {
        let path = |k: &str| format!("already_received[{i}].{k}");
        if let Some(bad) = amount_problem(r.amount) {
            if !p.has(&path("amount")) {
                p.push(path("amount"), Kind::Amount(bad));
            }
        }
        if policy.category(&r.category).is_none() && !p.has(&path("category")) {
            p.push(path("category"), Kind::UnknownCategory(clip(&r.category)));
        }
    }
}

fn read_expense(policy: &Policy, p: &mut Problems, at: &str, item: &Value, known: &[&'static str]) -> Option<Expense> {
    let f = fields(p, at, item, known)?;
    let mut e = Expense::default();
    let cat = match field(f, "category") {
        None => {
            p.push(format!("{at}.category"), Kind::Required(Field::Category));
            None
        }
        Some(Value::String(c)) => {
            e.category = c.clone();
            policy.category(c)
        }
        Some(other) => {
            type_error(p, format!("{at}.category"), Want::CategoryId, other);
            None
        }
    };
    if let Some(a) = field(f, "amount") {
        e.amount = amount_at(p, at, "amount", a);
    }
    if let Some(o) = field(f, "other_policy_support") {
        e.other_policy_support = amount_at(p, at, "other_policy_support", o);
    }
    if let Some(c) = field(f, "conditions") {
        read_conditions(p, &format!("{at}.conditions"), c, cat, &mut e);
    }
    Some(e)
}

fn read_conditions(p: &mut Problems, cpath: &str, c: &Value, cat: Option<&Category>, e: &mut Expense) {
    // Unknown conditions are only reported for a known category.
    let pairs = match (cat, c) {
        (None, Value::Object(pairs)) => Some(pairs.as_slice()),
        (None, _) => fields(p, cpath, c, &[]),
        (Some(cat), _) => {
            let known: Vec<&'static str> = cat.conditions.iter().map(|k| k.id).collect();
            fields(p, cpath, c, &known)
        }
    };
    for (id, value) in pairs.unwrap_or_default() {
        let Some(cond) = cat.and_then(|c| c.condition(id)) else {
            continue;
        };
        let path = format!("{cpath}.{id}");
        match (cond.kind, value) {
            (_, Value::Null) => {}
            (ConditionType::Bool, Value::Bool(b)) => e.conditions.push((id.clone(), ConditionValue::Bool(*b))),
            (ConditionType::Bool, other) => type_error(p, path, Want::Bool, other),
            (_, Value::Number(f)) => match whole(*f) {
                Some(n) if n >= 0 => e.conditions.push((id.clone(), ConditionValue::Number(n as u64))),
                Some(_) => p.push(path, Kind::Negative),
                None => type_error(p, path, Want::WholeNumber, value),
            },
            (kind, Value::String(s)) => {
                let ck = if kind == ConditionType::Months {
                    CountKind::Months
                } else {
                    CountKind::Count
                };
                match parse_count(s, ck) {
                    Some(n) => e.conditions.push((id.clone(), ConditionValue::Number(n))),
                    None => p.push(path, Kind::Count(ck)),
                }
            }
            (_, other) => type_error(p, path, Want::WholeNumber, other),
        }
    }
}

/// Checks a typed request against the policy: known categories and
/// conditions, values of the right type, amounts in range.
pub(crate) fn check(policy: &Policy, req: &Request, p: &mut Problems) {
    check_at(policy, req, "", p);
    check_received(policy, &req.already_received, p);
}

/// [`check`] of a request at `prefix` (`years[1]` in a plan).
fn check_at(policy: &Policy, req: &Request, prefix: &str, p: &mut Problems) {
    if req.expenses.len() > MAX_EXPENSES {
        p.push(at(prefix, "expenses"), Kind::TooMany { max: MAX_EXPENSES });
        return;
    }
    // Items with other support, per category whose cap the items share.
    let mut weighed: Vec<(&str, usize)> = Vec::new();
    for (i, e) in req.expenses.iter().enumerate() {
        // Paths are only written for a problem.
        let at = |field: &str| {
            if prefix.is_empty() {
                format!("expenses[{i}].{field}")
            } else {
                format!("{prefix}.expenses[{i}].{field}")
            }
        };
        for (key, amount) in [("amount", e.amount), ("other_policy_support", e.other_policy_support)] {
            if let Some(bad) = amount.and_then(amount_problem) {
                p.push(at(key), Kind::Amount(bad));
            }
        }
        let Some(cat) = policy.category(&e.category) else {
            let path = at("category");
            if !p.has(&path) {
                p.push(path, Kind::UnknownCategory(clip(&e.category)));
            }
            continue;
        };
        if e.other_policy_support.is_some_and(|o| !o.is_zero()) && cat.cap_period.scope != CapScope::Item {
            let n = match weighed.iter_mut().find(|(c, _)| *c == cat.id) {
                Some((_, n)) => n,
                None => {
                    weighed.push((cat.id, 0));
                    &mut weighed.last_mut().unwrap().1
                }
            };
            *n += 1;
            if *n == MAX_OTHER_SUPPORT_ITEMS + 1 {
                p.push(
                    at("other_policy_support"),
                    Kind::TooManyOtherSupport {
                        max: MAX_OTHER_SUPPORT_ITEMS,
                    },
                );
            }
        }
        if cat.kind == CategoryKind::Expense && e.amount.is_none() {
            let path = at("amount");
            if !p.has(&path) {
                p.push(path, Kind::Required(Field::Amount));
            }
        }
        for (k, (id, value)) in e.conditions.iter().enumerate() {
            let path = || key_path(&at("conditions"), id);
            if e.conditions[..k].iter().any(|(other, _)| other == id) {
                p.push(path(), Kind::DuplicateCondition);
                continue;
            }
            match cat.condition(id) {
                None => p.push(
                    path(),
                    Kind::UnknownCondition {
                        category_zh: cat.label.zh,
                        category_en: cat.label.en,
                    },
                ),
                Some(c) => match (c.kind, value) {
                    (ConditionType::Bool, ConditionValue::Bool(_)) => {}
                    (ConditionType::Bool, _) => p.push(
                        path(),
                        Kind::Type {
                            want: Want::Bool,
                            got: Got::Number,
                        },
                    ),
                    (_, ConditionValue::Number(_)) => {}
                    (_, _) => p.push(
                        path(),
                        Kind::Type {
                            want: Want::WholeNumber,
                            got: Got::Bool,
                        },
                    ),
                },
            }
        }
    }
}

/// What is wrong with an amount built in Rust (the parser never makes these).
fn amount_problem(a: Decimal) -> Option<AmountError> {
    if a.is_sign_negative() && !a.is_zero() {
        Some(AmountError::Negative)
    } else if a > MAX_AMOUNT {
        Some(AmountError::Range)
    } else if a.normalize().scale() > 2 {
        Some(AmountError::Precision)
    } else {
        None
    }
}

/// The JS API `read_amount`: an amount's reading, or the problem at path `amount`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn read_amount_value(v: &Value) -> Result<Decimal, Error> {
    let mut p = Problems::default();
    let d = amount_at(&mut p, "", "amount", v);
    p.finish(d.unwrap_or_default())
}

#[cfg(test)]
mod tests {
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
