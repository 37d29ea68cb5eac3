//! A JSON-like value: what crosses the JS boundary, read and written here so
//! the boundary module only converts and the rules stay testable natively.
//!
//! Numbers are carried as JS prints them: their shortest round-trip decimal
//! form (`100.05`, `2025`, `1e+21`, `5e-324`), or `NaN`, `Infinity`,
//! `-Infinity`. No float is ever used for money.

use rust_decimal::Decimal;

use crate::amount::{parse_amount, plain, AmountError};
use crate::engine::{key_path, Expense, Request};
use crate::json::estimate_json;
use crate::error::{Error, Problems};
use crate::policy::{ConditionType, ConditionValue, Kind, Policy};

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number as JS prints it: its shortest round-trip decimal form (`100.05`,
    /// `1e+21`, `5e-324`), or `NaN`, `Infinity`, `-Infinity`.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Keys in order.
    Object(Vec<(String, Value)>),
    /// Something that has no place in a request (a function, a symbol, a BigInt,
    /// a string too long or a nesting too deep to read); says what.
    Unsupported(&'static str),
}

impl Value {
    fn kind_zh_en(&self) -> (&'static str, &'static str) {
        match self {
            Value::Null => ("空值", "null"),
            Value::Bool(_) => ("是/否", "a boolean"),
            Value::Number(_) => ("数字", "a number"),
            Value::String(_) => ("文本", "a string"),
            Value::Array(_) => ("数组", "an array"),
            Value::Object(_) => ("对象", "an object"),
            Value::Unsupported(what) => ("不支持的值", what),
        }
    }

    pub fn str(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    pub fn int(i: i64) -> Value {
        Value::Number(i.to_string())
    }

    pub fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Value {
        Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// The value at `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

fn type_error(p: &mut Problems, path: &str, want_zh: &str, want_en: &str, got: &Value) {
    let (g_zh, g_en) = got.kind_zh_en();
    p.push(path, "type", format!("须为{want_zh}（收到{g_zh}）"), format!("must be {want_en} (got {g_en})"));
}

/// The object's pairs, with every key not in `known` reported.
fn fields<'v>(p: &mut Problems, path: &str, v: &'v Value, known: &[&str]) -> Option<&'v [(String, Value)]> {
    match v {
        Value::Object(pairs) => {
            for (k, _) in pairs {
                if !known.contains(&k.as_str()) {
                    let at = key_path(path, k);
                    p.push(
                        at,
                        "unknown_key",
                        format!("未知的字段（可用：{}）", known.join("、")),
                        format!("unknown field (expected: {})", known.join(", ")),
                    );
                }
            }
            Some(pairs)
        }
        other => {
            type_error(p, if path.is_empty() { "input" } else { path }, "对象", "an object", other);
            None
        }
    }
}

fn field<'v>(pairs: &'v [(String, Value)], key: &str) -> Option<&'v Value> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| !matches!(v, Value::Null))
}

/// Reads an amount given as a number or a string.
pub fn read_amount(v: &Value) -> Result<Decimal, AmountError> {
    match v {
        // A JS number prints `-0` for negative zero.
        Value::Number(n) if n == "-0" => Ok(Decimal::ZERO),
        Value::Number(n) if n.starts_with('-') && n != "-Infinity" => Err(AmountError::Negative),
        // JS writes an exponent only from 1e21 up and below 1e-6.
        Value::Number(n) if n.contains("e+") => Err(AmountError::Range),
        Value::Number(n) if n.contains("e-") => Err(AmountError::Precision),
        Value::Number(n) if n.bytes().all(|b| b.is_ascii_digit() || b == b'.') => {
            let (int, frac) = n.split_once('.').unwrap_or((n, ""));
            if int.trim_start_matches('0').len() > 13 {
                Err(AmountError::Range)
            } else if frac.trim_end_matches('0').len() > 2 {
                Err(AmountError::Precision)
            } else {
                parse_amount(n)
            }
        }
        Value::Number(_) => Err(AmountError::Format),
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
                p.push(key_path(parent, key), e.code(), e.zh(), e.en());
                None
            }
        },
        other => {
            type_error(p, &key_path(parent, key), "金额（数字或文本）", "an amount (number or string)", other);
            None
        }
    }
}

/// A whole number from a JS number's shortest form; beyond ±10^15 it saturates.
fn whole(v: &Value) -> Option<i64> {
    let Value::Number(n) = v else { return None };
    let (sign, digits) = match n.strip_prefix('-') {
        Some(d) => (-1, d),
        None => (1, n.as_str()),
    };
    if digits.contains("e+") || (digits.len() > 15 && digits.bytes().all(|b| b.is_ascii_digit())) {
        return Some(sign * 1_000_000_000_000_000);
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok().map(|d| sign * d)
}

impl Policy {
    /// Reads a request from a JSON-like value, reporting every problem with its path.
    pub fn read_request(&self, v: &Value) -> Result<Request, Error> {
        let mut p = Problems::default();
        let mut req = Request::default();
        let Some(top) = fields(&mut p, "", v, &["year", "expenses"]) else { return p.finish(req) };

        match field(top, "year") {
            None => p.push("year", "required", "请填写年份", "a year is required"),
            Some(y) => match whole(y) {
                Some(y) if (1..=9999).contains(&y) => req.year = y as i32,
                Some(_) => p.push("year", "year_range", "年份须在 1 至 9999 之间", "the year must be between 1 and 9999"),
                None => type_error(&mut p, "year", "整数年份", "a whole year", y),
            },
        }

        match field(top, "expenses") {
            None => p.push("expenses", "required", "请填写支出（可以是空列表）", "expenses are required (may be an empty list)"),
            Some(Value::Array(items)) if items.len() > 500 => {
                p.push("expenses", "too_many", "最多 500 项", "at most 500 items")
            }
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let at = format!("expenses[{i}]");
                    let known = ["category", "amount", "conditions", "other_policy_support"];
                    let Some(f) = fields(&mut p, &at, item, &known) else { continue };
                    let mut e = Expense::default();
                    let cat = match field(f, "category") {
                        None => {
                            p.push(format!("{at}.category"), "required", "请选择支持类别", "a category is required");
                            None
                        }
                        Some(Value::String(c)) => {
                            e.category = c.clone();
                            self.category(c)
                        }
                        Some(other) => {
                            type_error(&mut p, &format!("{at}.category"), "类别编号（文本）", "a category id (string)", other);
                            None
                        }
                    };
                    if let Some(a) = field(f, "amount") {
                        e.amount = amount_at(&mut p, &at, "amount", a);
                    } else if cat.is_some_and(|c| c.kind == Kind::Expense) {
                        p.push(format!("{at}.amount"), "required", "请填写金额", "an amount is required");
                    }
                    if let Some(o) = field(f, "other_policy_support") {
                        e.other_policy_support = amount_at(&mut p, &at, "other_policy_support", o);
                    }
                    if let Some(c) = field(f, "conditions") {
                        let cpath = format!("{at}.conditions");
                        // Unknown conditions are only reported for a known category.
                        let pairs = match (cat, c) {
                            (None, Value::Object(pairs)) => Some(pairs.as_slice()),
                            (None, _) => fields(&mut p, &cpath, c, &[]),
                            (Some(cat), _) => {
                                let known: Vec<&str> = cat.conditions.iter().map(|k| k.id).collect();
                                fields(&mut p, &cpath, c, &known)
                            }
                        };
                        for (id, value) in pairs.unwrap_or_default() {
                            let Some(cond) = cat.and_then(|c| c.condition(id)) else { continue };
                            let path = format!("{cpath}.{id}");
                            match (cond.kind, value) {
                                (_, Value::Null) => {}
                                (ConditionType::Bool, Value::Bool(b)) => e.conditions.push((id.clone(), ConditionValue::Bool(*b))),
                                (ConditionType::Bool, other) => type_error(&mut p, &path, "是或否（true/false）", "true or false", other),
                                (_, v) => match whole(v) {
                                    Some(n) if n >= 0 => e.conditions.push((id.clone(), ConditionValue::Number(n as u64))),
                                    Some(_) => p.push(path, "negative", "不能为负数", "cannot be negative"),
                                    None => type_error(&mut p, &path, "不小于 0 的整数", "a whole number ≥ 0", v),
                                },
                            }
                        }
                    }
                    req.expenses.push(e);
                }
            }
            Some(other) => type_error(&mut p, "expenses", "数组", "an array", other),
        }

        // What only the typed request shows (an unknown category…), unless already said.
        if let Err(e) = self.validate(&req) {
            for extra in e.problems() {
                if !p.0.iter().any(|q| q.path == extra.path) {
                    p.0.push(extra.clone());
                }
            }
        }
        p.finish(req)
    }

    /// Reads, calculates and writes JSON: the JS API `calculate`.
    ///
    /// ```
    /// use pinghu_subsidy::{Policy, Value};
    /// let input = Value::obj([
    ///     ("year", Value::int(2025)),
    ///     ("expenses", Value::Array(vec![Value::obj([
    ///         ("category", Value::str("brand_promotion")),
    ///         ("amount", Value::str("30万")),
    ///     ])])),
    /// ]);
    /// let out = Policy::builtin().calculate_json(&input).unwrap();
    /// assert!(out.starts_with(r#"{"total":"100000.00","#));
    /// ```
    pub fn calculate_json(&'static self, input: &Value) -> Result<String, Error> {
        let req = self.read_request(input)?;
        // read_request has validated it already.
        Ok(estimate_json(&self.estimate(&req)))
    }
}


/// The JS API `read_amount`: an amount's reading as `"300000.00"`, or the problem at path `amount`.
pub fn read_amount_value(v: &Value) -> Result<Value, Error> {
    let mut p = Problems::default();
    let d = amount_at(&mut p, "", "amount", v);
    p.finish(Value::str(plain(d.unwrap_or_default())))
}
