//! Reading a request or a plan from a [`Value`], every problem with its path; then the checks
//! that need the typed request (`super::check`).

use rust_decimal::Decimal;

use super::check::{check_at, check_plan_rest, check_received, not_in_a_year};
use super::fields::fields_of;
use super::{at, key_path, whole_number, Expense, PlanRequest, Received, Request, MAX_EXPENSES, MAX_PLAN_YEARS};
use crate::amount::{parse_amount, parse_count, read_number, AmountError, CountKind};
use crate::error::{Error, Field, Got, Kind, Problems, Want};
use crate::policy::{Category, ConditionType, ConditionValue, Policy};
use crate::value::{Unsupported, Value};

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
            Value::Number(f) => match whole_number(*f) {
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
            (_, Value::Number(f)) => match whole_number(*f) {
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

/// The JS API `read_amount`: an amount's reading, or the problem at path `amount`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn read_amount_value(v: &Value) -> Result<Decimal, Error> {
    let mut p = Problems::default();
    let d = amount_at(&mut p, "", "amount", v);
    p.finish(d.unwrap_or_default())
}
