//! The calculation: expenses in, support per category out, every step explained.
//!
//! For each category used: sum the eligible expenses, apply the rate, then the
//! cap, then round to the fen half away from zero (四舍五入); subtract support
//! already granted for the same item under another policy (就高不重复); keep
//! only the highest of categories that are one matter. Awards have no expense
//! base: their cap is an upper bound, reported apart from the total.

use rust_decimal::Decimal;

use crate::amount::{money, percent, round_fen, MAX_AMOUNT};
use crate::error::{Error, Problems};
use crate::policy::{Category, Condition, ConditionType, ConditionValue, Kind, Policy, Rule};

/// What an enterprise spent, and on what.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    pub year: i32,
    pub expenses: Vec<Expense>,
}

/// One expense item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expense {
    /// A category id of the policy.
    pub category: String,
    /// In yuan, at most two decimals; required for expense categories, ignored for awards.
    pub amount: Option<Decimal>,
    /// Condition id and value; only the conditions the category declares.
    pub conditions: Vec<(String, ConditionValue)>,
    /// Support for the same item already granted under another policy.
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
        Expense { category: category.into(), amount: Some(amount), ..Expense::default() }
    }

    /// An award applied for: no amount.
    pub fn award(category: impl Into<String>) -> Expense {
        Expense { category: category.into(), ..Expense::default() }
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

/// A text made for one estimate, in Chinese and English.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    /// Appends a template in each language, `{0}`…`{9}` taken from `args`.
    /// (One small function instead of a `format!` per message keeps the wasm small.)
    fn add(&mut self, zh: &str, en: &str, args: &[&str]) {
        // A new English sentence after a finished one takes a space.
        if self.en.ends_with(['.', ')', ':']) && !en.starts_with([' ', ',', '.']) {
            self.en.push(' ');
        }
        fill(&mut self.zh, zh, args);
        fill(&mut self.en, en, args);
    }

    fn new(zh: &str, en: &str, args: &[&str]) -> Message {
        let mut m = Message::default();
        m.add(zh, en, args);
        m
    }
}

/// Writes `tpl` into `out`, replacing `{0}`…`{9}` with `args`.
fn fill(out: &mut String, tpl: &str, args: &[&str]) {
    let mut rest = tpl;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let b = rest.as_bytes();
        match (b.get(at + 1), b.get(at + 2)) {
            (Some(d @ b'0'..=b'9'), Some(b'}')) => {
                out.push_str(args.get(usize::from(d - b'0')).copied().unwrap_or(""));
                rest = &rest[at + 3..];
            }
            _ => {
                out.push('{');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
}

/// Adds a notice about `cat`.
fn note(notices: &mut Vec<Notice>, code: &'static str, cat: &'static Category, zh: &str, en: &str, args: &[&str]) {
    notices.push(Notice { code, text: Message::new(zh, en, args), category: Some(cat.id) });
}

/// Something the reader of an estimate must know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// `draft`, `assumed_rate`, `outside_period`, `other_policy_higher`…
    pub code: &'static str,
    pub text: Message,
    /// The category it is about, if one.
    pub category: Option<&'static str>,
}

/// The support of one category.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub category: &'static Category,
    /// Sum of the items' amounts; `None` for awards.
    pub expense: Option<Decimal>,
    /// What this plan gives; for an award, its ceiling (an upper bound).
    pub support: Decimal,
    /// The cap cut the support down.
    pub capped: bool,
    /// False when a condition failed, the year is outside the period, or a
    /// higher category of the same matter was kept instead.
    pub eligible: bool,
    pub other_policy_support: Decimal,
    /// Index in the request's expenses and amount of each item.
    pub items: Vec<(usize, Option<Decimal>)>,
    pub explanation: Message,
}

impl Line {
    /// Awards report a ceiling, not an expected amount.
    pub fn upper_bound(&self) -> bool {
        self.category.kind == Kind::Award
    }
}

/// The support an enterprise can expect, category by category.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub policy_id: &'static str,
    pub policy_version: &'static str,
    pub year: i32,
    pub in_force: bool,
    /// Sum of the expense lines.
    pub total: Decimal,
    /// Sum of the award ceilings: never part of `total`.
    pub awards_up_to: Decimal,
    pub lines: Vec<Line>,
    pub notices: Vec<Notice>,
}

impl Estimate {
    pub fn line(&self, category: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.category.id == category)
    }

    pub fn has_notice(&self, code: &str) -> bool {
        self.notices.iter().any(|n| n.code == code)
    }
}

/// How one condition of one item stands.
enum Check {
    Met,
    Missing,
    NotMet(ConditionValue),
}

fn check(cond: &Condition, given: Option<ConditionValue>) -> Check {
    let value = match (given, cond.default) {
        (Some(v), _) => v,
        (None, Some(d)) => ConditionValue::Bool(d),
        (None, None) => return Check::Missing,
    };
    if cond.rule.holds(value) {
        Check::Met
    } else {
        Check::NotMet(value)
    }
}

fn yes_no(b: bool) -> (&'static str, &'static str) {
    if b {
        ("是", "yes")
    } else {
        ("否", "no")
    }
}

/// "must be …" for a condition.
fn requirement(cond: &Condition) -> (String, String) {
    match (cond.rule, cond.kind) {
        (Rule::Is(b), _) => {
            let (zh, en) = yes_no(b);
            let m = Message::new("须为“{0}”", "must be “{1}”", &[zh, en]);
            (m.zh, m.en)
        }
        (Rule::AtLeast(n), kind) => {
            let (zh, en) = if kind == ConditionType::Months {
                ("须至少 {0} 个月", "must be at least {0} months")
            } else {
                ("须至少 {0}", "must be at least {0}")
            };
            let m = Message::new(zh, en, &[&n.to_string()]);
            (m.zh, m.en)
        }
    }
}

fn shown(v: ConditionValue) -> (String, String) {
    match v {
        ConditionValue::Bool(b) => {
            let (zh, en) = yes_no(b);
            (zh.to_string(), en.to_string())
        }
        ConditionValue::Number(n) => (n.to_string(), n.to_string()),
    }
}

const MAX_EXPENSES: usize = 500;

impl Policy {
    /// Checks a request against this policy: known categories and conditions,
    /// values of the right type, amounts in range. Every problem is reported.
    pub fn validate(&self, req: &Request) -> Result<(), Error> {
        let mut p = Problems::default();
        if req.expenses.len() > MAX_EXPENSES {
            p.push(
                "expenses",
                "too_many",
                format!("最多 {MAX_EXPENSES} 项"),
                format!("at most {MAX_EXPENSES} items"),
            );
        }
        for (i, e) in req.expenses.iter().enumerate() {
            let at = format!("expenses[{i}]");
            for (key, amount) in [("amount", e.amount), ("other_policy_support", e.other_policy_support)] {
                if let Some(a) = amount {
                    let bad = if a.is_sign_negative() && !a.is_zero() {
                        Some(crate::AmountError::Negative)
                    } else if a > MAX_AMOUNT {
                        Some(crate::AmountError::Range)
                    } else if a.normalize().scale() > 2 {
                        Some(crate::AmountError::Precision)
                    } else {
                        None
                    };
                    if let Some(err) = bad {
                        p.push(format!("{at}.{key}"), err.code(), err.zh(), err.en());
                    }
                }
            }
            let Some(cat) = self.category(&e.category) else {
                p.push(
                    format!("{at}.category"),
                    "unknown_category",
                    format!("未知的支持类别“{}”", clip(&e.category)),
                    format!("unknown support category “{}”", clip(&e.category)),
                );
                continue;
            };
            if cat.kind == Kind::Expense && e.amount.is_none() {
                p.push(format!("{at}.amount"), "required", "请填写金额", "an amount is required");
            }
            for (k, (id, value)) in e.conditions.iter().enumerate() {
                let path = key_path(&format!("{at}.conditions"), id);
                if e.conditions[..k].iter().any(|(other, _)| other == id) {
                    p.push(path, "duplicate", "条件重复", "condition given twice");
                    continue;
                }
                match cat.condition(id) {
                    None => p.push(
                        path,
                        "unknown_condition",
                        format!("“{}”没有这个条件", cat.label.zh),
                        format!("“{}” has no such condition", cat.label.en),
                    ),
                    Some(c) => match (c.kind, value) {
                        (ConditionType::Bool, ConditionValue::Bool(_)) => {}
                        (ConditionType::Bool, _) => p.push(path, "type", "须为是或否（true/false）", "must be true or false"),
                        (_, ConditionValue::Number(_)) => {}
                        (_, _) => p.push(path, "type", "须为不小于 0 的整数", "must be a whole number ≥ 0"),
                    },
                }
            }
        }
        p.finish(())
    }

    /// Calculates the support for a request.
    ///
    /// ```
    /// use pinghu_subsidy::{Decimal, Expense, Policy, Request};
    /// let req = Request {
    ///     year: 2025,
    ///     expenses: vec![Expense::new("brand_promotion", Decimal::from(300_000))],
    /// };
    /// let est = Policy::builtin().calculate(&req).unwrap();
    /// let line = est.line("brand_promotion").unwrap();
    /// assert!(line.capped);
    /// assert_eq!(est.total, line.category.cap);
    /// ```
    pub fn calculate(&'static self, req: &Request) -> Result<Estimate, Error> {
        self.validate(req)?;
        Ok(self.estimate(req))
    }

    /// The estimate for a request that passed `validate`.
    pub(crate) fn estimate(&'static self, req: &Request) -> Estimate {
        let doc = &self.document;
        let in_force = self.in_force(req.year);
        let mut notices: Vec<Notice> = doc
            .notices
            .iter()
            .map(|n| Notice { code: n.code, text: Message::new(n.text.zh, n.text.en, &[]), category: None })
            .collect();
        let year = req.year.to_string();
        let args = [&year, doc.valid_from, doc.valid_until];
        if !in_force {
            notices.push(Notice {
                code: "outside_period",
                text: Message::new(
                    "{0}年不在本方案有效期（{1} 至 {2}）内：各项支持均按 0 计。",
                    "The plan is not in force in {0} (it runs from {1} to {2}): every line is 0.",
                    &args,
                ),
                category: None,
            });
        } else if req.year == doc.first_year && doc.valid_from_month > 1 {
            notices.push(Notice {
                code: "partial_year",
                text: Message::new(
                    "本方案自 {1} 起施行：{0} 年只计施行之后发生的费用。",
                    "The plan takes effect in {1}: for {0} only expenses from then on count.",
                    &args,
                ),
                category: None,
            });
        }

        let mut lines = Vec::new();
        for cat in self.categories {
            let items: Vec<(usize, &Expense)> =
                req.expenses.iter().enumerate().filter(|(_, e)| e.category == cat.id).collect();
            if !items.is_empty() {
                lines.push(self.line(cat, req.year, in_force, &items, &mut notices));
            }
        }
        self.keep_highest_of_groups(&mut lines, &mut notices);

        let (mut total, mut awards_up_to) = (Decimal::ZERO, Decimal::ZERO);
        for l in &lines {
            match l.category.kind {
                Kind::Expense => total += l.support,
                Kind::Award => awards_up_to += l.support,
            }
        }
        if lines.iter().any(|l| l.upper_bound()) {
            notices.push(Notice {
                code: "award",
                text: Message::new(
                    "园区、选品中心、公共服务中心等奖励经评审认定：所示金额为上限，单独列出，不计入合计。",
                    "Awards (parks, selection centres, service centres) are decided by evaluation: the amounts shown are ceilings, listed apart and not added to the total.",
                    &[],
                ),
                category: None,
            });
        }
        Estimate {
            policy_id: doc.id,
            policy_version: doc.version,
            year: req.year,
            in_force,
            total,
            awards_up_to,
            lines,
            notices,
        }
    }

    fn line(
        &self,
        cat: &'static Category,
        year: i32,
        in_force: bool,
        items: &[(usize, &Expense)],
        notices: &mut Vec<Notice>,
    ) -> Line {
        let (l, p) = (cat.label, cat.cap_period.label);
        let mut ex = Message::default();
        let several = items.len() > 1;

        // Conditions, item by item.
        let mut eligible_items = Vec::new();
        for (k, (_, e)) in items.iter().enumerate() {
            let n = (k + 1).to_string();
            let (pre_zh, pre_en) = if several { ("第 {0} 项：", "Item {0}: ") } else { ("", "") };
            let mut ok = true;
            for cond in cat.conditions {
                let given = e.conditions.iter().find(|(id, _)| id == cond.id).map(|(_, v)| *v);
                let (need_zh, need_en) = requirement(cond);
                let c = cond.label;
                match check(cond, given) {
                    Check::Met => {}
                    Check::Missing => {
                        ok = false;
                        let args = [&n, c.zh, c.en, &need_zh, &need_en, l.zh, l.en];
                        ex.add(pre_zh, pre_en, &args);
                        ex.add("缺少条件“{1}”（{3}），按未满足计。", "Condition “{2}” not given ({4}): counted as not met.", &args);
                        note(
                            notices,
                            "condition_missing",
                            cat,
                            "“{5}”缺少条件“{1}”：按未满足计，该项不予支持。",
                            "“{6}”: condition “{2}” not given, so counted as not met and not supported.",
                            &args,
                        );
                    }
                    Check::NotMet(v) => {
                        ok = false;
                        let (v_zh, v_en) = shown(v);
                        let args = [&n, c.zh, c.en, &need_zh, &need_en, l.zh, l.en, &v_zh, &v_en, cond.source];
                        ex.add(pre_zh, pre_en, &args);
                        ex.add("条件未满足：“{1}”{3}（填写：{7}）。", "Condition not met: “{2}” {4} (given: {8}).", &args);
                        note(
                            notices,
                            "condition_not_met",
                            cat,
                            "“{5}”条件未满足：“{1}”{3}（依据：“{9}”）。",
                            "“{6}”: condition not met: “{2}” {4} (text: “{9}”).",
                            &args,
                        );
                    }
                }
            }
            if ok {
                eligible_items.push(*e);
            }
        }
        let any_eligible = !eligible_items.is_empty();
        let cap = money(cat.cap);

        let (expense, mut support, capped) = match (cat.kind, cat.rate) {
            (Kind::Expense, Some(rate)) => {
                let all: Decimal = items.iter().filter_map(|(_, e)| e.amount).sum();
                let base: Decimal = eligible_items.iter().filter_map(|e| e.amount).sum();
                let raw = base * rate;
                let capped = raw > cat.cap;
                let support = round_fen(raw.min(cat.cap));
                if any_eligible {
                    let args = [l.zh, l.en, &money(base), &percent(rate), &money(raw), &money(all - base), &cap, cat.measure, p.zh, p.en];
                    ex.add("{0} {2}", "{1} {2}", &args);
                    if base != all {
                        ex.add("（不含未满足条件的 {5}）", " (leaving out {5} that does not qualify)", &args);
                    }
                    ex.add(" × {3}", " × {3}", &args);
                    if cat.rate_assumed {
                        ex.add("（比例为假设，原文未写）", " (assumed: the text states no rate)", &args);
                    }
                    if capped {
                        ex.add(
                            " = {4}，超过第{7}条上限 {6}（{8}），按上限计。",
                            " = {4}, above the cap of measure {7}, {6} {9}: capped.",
                            &args,
                        );
                    } else {
                        ex.add(" = {4}，未超过第{7}条上限 {6}（{8}）。", " = {4}, within the cap of measure {7}, {6} {9}.", &args);
                    }
                } else {
                    ex.add("不予支持。", "No support.", &[]);
                }
                (Some(all), support, capped)
            }
            _ => {
                let support = if any_eligible { cat.cap } else { Decimal::ZERO };
                if any_eligible {
                    ex.add(
                        "第{0}条奖励：最高 {1}（{2}），以评审认定为准；这是上限，不计入合计。",
                        "Award under measure {0}: up to {1} {3}, decided by evaluation; a ceiling, not added to the total.",
                        &[cat.measure, &cap, p.zh, p.en],
                    );
                } else {
                    ex.add("不予计算。", "Not counted.", &[]);
                }
                if items.iter().any(|(_, e)| e.amount.is_some()) {
                    ex.add("（奖励不按填写的金额计算。）", "(Awards do not depend on an amount spent.)", &[]);
                }
                (None, support, false)
            }
        };

        if let (true, Some(a)) = (cat.rate_assumed, cat.assumption) {
            note(notices, "assumed_rate", cat, a.zh, a.en, &[]);
        }

        // Support already granted under another policy: 就高不重复.
        let other: Decimal = items.iter().filter_map(|(_, e)| e.other_policy_support).sum();
        if other > Decimal::ZERO && in_force && any_eligible {
            let rest = (support - other).max(Decimal::ZERO);
            let args = [&money(other), &money(support), &money(rest), l.zh, l.en];
            let (code, zh, en) = if other >= support {
                (
                    "other_policy_higher",
                    "已按其他政策获得 {0}，不低于本方案的 {1}：就高不重复，本方案不再另给。",
                    "Already granted {0} under another policy, not less than this plan's {1}: the higher applies, so this plan adds nothing.",
                )
            } else {
                (
                    "this_plan_higher",
                    "已按其他政策获得 {0}，本方案的 {1} 更高：就高不重复，本方案只补差额 {2}。",
                    "Already granted {0} under another policy; this plan's {1} is higher: the higher applies, so this plan adds the difference, {2}.",
                )
            };
            ex.add(zh, en, &args);
            let mut text = Message::default();
            text.add("“{3}”：", "“{4}”: ", &args);
            text.add(zh, en, &args);
            notices.push(Notice { code, text, category: Some(cat.id) });
            support = rest;
        }

        if !in_force {
            support = Decimal::ZERO;
            ex.add("{0}年不在本方案有效期内，按 0 计。", "The plan is not in force in {0}: 0.", &[&year.to_string()]);
        }

        Line {
            category: cat,
            expense,
            support,
            capped,
            eligible: any_eligible && in_force,
            other_policy_support: other,
            items: items.iter().map(|(i, e)| (*i, e.amount)).collect(),
            explanation: ex,
        }
    }

    /// 就高不重复 within the plan: of categories that are one matter, only the highest counts.
    fn keep_highest_of_groups(&self, lines: &mut [Line], notices: &mut Vec<Notice>) {
        for i in 0..lines.len() {
            let Some(group) = lines[i].category.exclusive_group else { continue };
            let members: Vec<usize> =
                (0..lines.len()).filter(|&j| lines[j].category.exclusive_group == Some(group)).collect();
            if members.len() < 2 || members[0] != i {
                continue; // handled from the group's first line
            }
            // The highest; on a tie, the first in the policy's order.
            let best = members.iter().copied().fold(members[0], |b, j| if lines[j].support > lines[b].support { j } else { b });
            let kept = lines[best].category.label;
            let mut names = Message::default();
            for (k, &j) in members.iter().enumerate() {
                let sep = if k == 0 { ["", ""] } else { ["、", " and "] };
                let label = lines[j].category.label;
                names.add("{0}“{2}”", "{1}“{3}”", &[sep[0], sep[1], label.zh, label.en]);
            }
            let args = [kept.zh, kept.en, &names.zh, &names.en];
            for &j in &members {
                if j != best {
                    let l = &mut lines[j];
                    l.support = Decimal::ZERO;
                    l.eligible = false;
                    l.explanation.add(
                        "与“{0}”为同一事项，就高不重复，按较高的一项计，本项计 ¥0.00。",
                        "Same matter as “{1}”: only the higher counts, so this line is ¥0.00.",
                        &args,
                    );
                }
            }
            let (zh, en) = ("{2} 为同一事项，就高不重复：只计较高的“{0}”。", "{3} are one matter: only the higher, “{1}”, counts.");
            note(notices, "exclusive", lines[best].category, zh, en, &args);
        }
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
