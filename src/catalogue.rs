//! The one message catalogue: every word the engine shows, in Chinese and
//! English. Steps, notices and problems are typed elsewhere; only this module
//! turns them into text. The policy's own words (labels, quotes, assumptions)
//! come from the policy data.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::amount::serde_money::ForSerde;
use crate::amount::{money, percent, AmountError, CountKind};
use crate::error::{Error, Field, Got, Kind, Problem, Want};
use crate::estimate::{Estimate, Headroom, Message, Notice, NoticeKind, PlanEstimate, Step, UsedIn};
use crate::policy::{Category, Condition, ConditionType, ConditionValue, Kind as CategoryKind, Policy, Reading, Rule};
use crate::value::Unsupported;

impl Message {
    fn new(zh: &str, en: &str, args: &[&str]) -> Message {
        let mut m = Message::default();
        m.add(zh, en, args);
        m
    }

    /// Appends a template in each language, `{0}`…`{9}` taken from `args`.
    fn add(&mut self, zh: &str, en: &str, args: &[&str]) {
        // A new English sentence after a finished one takes a space.
        if self.en.ends_with(['.', ')', ':']) && !en.starts_with([' ', ',', '.']) {
            self.en.push(' ');
        }
        fill(&mut self.zh, zh, args);
        fill(&mut self.en, en, args);
    }
}

/// Writes the words of an estimate the engine made: each line's explanation from its steps and
/// headroom, each notice from its kind.
pub(crate) fn write_estimate(policy: &Policy, est: &mut Estimate) {
    for l in &mut est.lines {
        l.explanation = explain(l.category, &l.steps, l.headroom);
    }
    write_notices(policy, &mut est.notices);
}

/// The same for each year of a plan, and the plan's own notices.
pub(crate) fn write_plan(policy: &Policy, plan: &mut PlanEstimate) {
    for year in &mut plan.years {
        write_estimate(policy, year);
    }
    write_notices(policy, &mut plan.notices);
}

fn write_notices(policy: &Policy, notices: &mut [Notice]) {
    for n in notices {
        n.text = notice(policy, &n.kind, n.category);
    }
}

/// Writes `tpl` into `out`, replacing `{0}`…`{9}` with `args`.
fn fill(out: &mut String, tpl: &str, args: &[&str]) {
    let mut rest = tpl;
    // A byte search: '{' is ASCII and never part of a longer UTF-8 sequence.
    while let Some(at) = rest.bytes().position(|b| b == b'{') {
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

// ------------------------------------------------------------------ problems

fn amount_error(e: AmountError) -> (&'static str, &'static str) {
    match e {
        AmountError::Empty => ("请填写金额", "enter an amount"),
        AmountError::Negative => ("金额不能为负数", "an amount cannot be negative"),
        AmountError::Format => (
            "无法识别的金额，请填写如 180000、180,000.50、18万、18万5千 或 1.5亿",
            "not an amount we understand; write it like 180000, 180,000.50, 18万, 18万5千 or 1.5亿",
        ),
        AmountError::Precision => ("金额最多保留两位小数（精确到分）", "at most two decimals (fen)"),
        AmountError::Range => (
            "金额超出范围（0 至 1 万亿元）",
            "out of range (0 to 1,000,000,000,000 yuan)",
        ),
    }
}

impl AmountError {
    /// What is wrong, in Chinese.
    pub fn zh(self) -> &'static str {
        amount_error(self).0
    }

    /// What is wrong, in English.
    pub fn en(self) -> &'static str {
        amount_error(self).1
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.zh(), self.en())
    }
}

impl std::error::Error for AmountError {}

/// `amount_format: not an amount we understand…`: serde's message for a refused amount.
impl fmt::Display for ForSerde {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.code(), self.0.en())
    }
}

fn want(w: Want) -> (&'static str, &'static str) {
    match w {
        Want::Object => ("对象", "an object"),
        Want::Array => ("数组", "an array"),
        Want::WholeYear => ("整数年份", "a whole year"),
        Want::CategoryId => ("类别编号（文本）", "a category id (string)"),
        Want::Amount => ("金额（数字或文本）", "an amount (number or string)"),
        Want::Bool => ("是或否（true/false）", "true or false"),
        Want::WholeNumber => ("不小于 0 的整数", "a whole number ≥ 0"),
    }
}

fn got(g: Got) -> (&'static str, &'static str) {
    match g {
        Got::Null => ("空值", "null"),
        Got::Bool => ("是/否", "a boolean"),
        Got::Number => ("数字", "a number"),
        Got::String => ("文本", "a string"),
        Got::Array => ("数组", "an array"),
        Got::Object => ("对象", "an object"),
        Got::Unsupported(u) => match u {
            Unsupported::BigInt => ("BigInt", "a BigInt"),
            Unsupported::Symbol => ("Symbol", "a symbol"),
            Unsupported::Function => ("函数", "a function"),
            Unsupported::Unreadable => ("无法读取的值", "an unreadable value"),
            Unsupported::Cycle => ("包含自身的值", "a value that contains itself"),
            Unsupported::TooDeep => ("嵌套过深的值", "a nesting too deep"),
            Unsupported::LongString => ("过长的文本", "a string too long"),
            Unsupported::LongArray => ("过长的数组", "an array too long"),
            Unsupported::TooLarge => ("过大的值", "a value too large"),
        },
    }
}

fn required(f: Field) -> (&'static str, &'static str) {
    match f {
        Field::Year => ("请填写年份", "a year is required"),
        Field::Expenses => (
            "请填写支出（可以是空列表）",
            "expenses are required (may be an empty list)",
        ),
        Field::Category => ("请选择支持类别", "a category is required"),
        Field::Amount => ("请填写金额", "an amount is required"),
        Field::Years => (
            "请填写各年支出（可以是空列表）",
            "years are required (may be an empty list)",
        ),
        #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
        Field::Enterprise => ("请填写企业名称", "an enterprise is required"),
    }
}

/// The words of a problem.
pub(crate) fn problem(kind: &Kind) -> Message {
    let fixed = |(zh, en): (&str, &str)| Message::new(zh, en, &[]);
    match kind {
        Kind::Required(f) => fixed(required(*f)),
        Kind::Type { want: w, got: g } => {
            let ((wz, we), (gz, ge)) = (want(*w), got(*g));
            Message::new("须为{0}（收到{2}）", "must be {1} (got {3})", &[wz, we, gz, ge])
        }
        Kind::UnknownKey { expected } => Message::new(
            "未知的字段（可用：{0}）",
            "unknown field (expected: {1})",
            &[&expected.join("、"), &expected.join(", ")],
        ),
        Kind::UnknownCategory(name) => Message::new("未知的支持类别“{0}”", "unknown support category “{0}”", &[name]),
        Kind::UnknownCondition {
            category_zh,
            category_en,
        } => Message::new(
            "“{0}”没有这个条件",
            "“{1}” has no such condition",
            &[category_zh, category_en],
        ),
        Kind::DuplicateCondition => fixed(("条件重复", "condition given twice")),
        Kind::TooMany { max } => Message::new("最多 {0} 项", "at most {0} items", &[&max.to_string()]),
        Kind::TooLarge => fixed(("输入过大，无法读取", "the input is too large to read")),
        Kind::YearRange => fixed(("年份须在 1 至 9999 之间", "the year must be between 1 and 9999")),
        Kind::YearTwice => fixed(("这一年已填写过", "this year is given twice")),
        Kind::YearOrder => fixed(("年份须按先后顺序填写", "years must be given in order, earliest first")),
        Kind::TooManyOtherSupport { max } => Message::new(
            "同一类别中已获其他政策支持的项目最多 {0} 项，请合并填写",
            "at most {0} items of one category with support from another policy; combine some",
            &[&max.to_string()],
        ),
        Kind::Negative => fixed(("不能为负数", "cannot be negative")),
        Kind::Amount(e) => fixed(amount_error(*e)),
        #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
        Kind::UnknownParameter => fixed((
            "没有这个可调参数（可调：类别.rate、类别.cap、类别.cap_period）",
            "no such parameter (adjustable: category.rate, category.cap, category.cap_period)",
        )),
        #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
        Kind::RateRange => fixed(("比例须在 0 至 100% 之间", "a rate must be between 0 and 100%")),
        #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
        Kind::UnknownCapPeriod => fixed(("没有这个上限期间", "no such cap period")),
        Kind::Count(CountKind::Months) => fixed((
            "无法识别的月数，请填写如 12、12个月 或 1年",
            "not a number of months we understand; write e.g. 12, 12 months or 1 year",
        )),
        Kind::Count(CountKind::Count) => fixed((
            "无法识别的数量，请填写整数，如 12 或 200",
            "not a count we understand; write a whole number, e.g. 12 or 200",
        )),
        Kind::More(n) => Message::new(
            "另有 {0} 处问题未列出",
            "{0} more problems not listed",
            &[&n.to_string()],
        ),
    }
}

impl Problem {
    /// What, in Chinese.
    pub fn zh(&self) -> String {
        problem(self.kind()).zh
    }

    /// What, in English.
    pub fn en(&self) -> String {
        problem(self.kind()).en
    }
}

/// `{ path, code, zh, en }`: the form a problem crosses the JS boundary in.
impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = problem(self.kind());
        ProblemJs {
            path: self.path(),
            code: self.code(),
            zh: &text.zh,
            en: &text.en,
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct ProblemJs<'a> {
    path: &'a str,
    code: &'static str,
    zh: &'a str,
    en: &'a str,
}

/// The list of its problems.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.problems().serialize(s)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems().iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            let text = problem(p.kind());
            write!(f, "{}: {} / {}", p.path(), text.zh, text.en)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

// ------------------------------------------------------------------ conditions

fn yes_no(b: bool) -> (&'static str, &'static str) {
    if b {
        ("是", "yes")
    } else {
        ("否", "no")
    }
}

/// "must be …" for a condition.
fn requirement(cond: &Condition) -> Message {
    match (cond.rule, cond.kind) {
        (Rule::Is(b), _) => {
            let (zh, en) = yes_no(b);
            Message::new("须为“{0}”", "must be “{1}”", &[zh, en])
        }
        (Rule::AtLeast(n), ConditionType::Months) => {
            Message::new("须至少 {0} 个月", "must be at least {0} months", &[&n.to_string()])
        }
        (Rule::AtLeast(n), _) => Message::new("须至少 {0}", "must be at least {0}", &[&n.to_string()]),
    }
}

fn shown(v: ConditionValue) -> Message {
    match v {
        ConditionValue::Bool(b) => {
            let (zh, en) = yes_no(b);
            Message::new(zh, en, &[])
        }
        ConditionValue::Number(n) => Message::new("{0}", "{0}", &[&n.to_string()]),
    }
}

// ------------------------------------------------------------------ explanations

/// "2025 年" / "in 2025", or before the years entered.
fn used_in(when: UsedIn) -> Message {
    match when {
        UsedIn::Year(y) => Message::new("自{0}年起", "in {0}", &[&y.to_string()]),
        UsedIn::Before => Message::new(
            "此前（已获支持）",
            "before the years entered (support already received)",
            &[],
        ),
    }
}

/// The explanation of a line, from its steps, and its headroom.
fn explain(cat: &Category, steps: &[Step], headroom: Option<Headroom>) -> Message {
    let mut ex = Message::default();
    let (l, p) = (cat.label, cat.cap_period.label);
    for step in steps {
        match step {
            Step::ConditionMissing { item, condition } => {
                item_prefix(&mut ex, *item);
                let need = requirement(condition);
                let args = [condition.label.zh, condition.label.en, &need.zh, &need.en];
                ex.add(
                    "缺少条件“{0}”（{2}），按未满足计。",
                    "Condition “{1}” not given ({3}): counted as not met.",
                    &args,
                );
            }
            Step::ConditionNotMet { item, condition, given } => {
                item_prefix(&mut ex, *item);
                let (need, given) = (requirement(condition), shown(*given));
                let args = [
                    condition.label.zh,
                    condition.label.en,
                    &need.zh,
                    &need.en,
                    &given.zh,
                    &given.en,
                ];
                ex.add(
                    "条件未满足：“{0}”{2}（填写：{4}）。",
                    "Condition not met: “{1}” {3} (given: {5}).",
                    &args,
                );
            }
            Step::ItemOther { item, other, this_plan } => {
                item_prefix(&mut ex, *item);
                let other = money(*other);
                let args: [&str; 1] = [&other];
                if *this_plan {
                    ex.add(
                        "已按其他政策获得 {0}，归本方案：本方案补足差额（扣除这 {0}）。",
                        "Already granted {0} under another policy; taken by this plan, which tops it up ({0} deducted).",
                        &args,
                    );
                } else {
                    ex.add(
                        "已按其他政策获得 {0}，不低于本方案对该项可补的数额：就高不重复，该项归其他政策，本方案不另给，也不占本方案上限。",
                        "Already granted {0} under another policy, no less than this plan would add for it: the higher applies, so the item is left with the other policy, outside this plan and its cap.",
                        &args,
                    );
                }
            }
            Step::Project { item } => ex.add(
                "第 {0} 项（一个项目，单独封顶）：",
                "Item {0} (one project, capped on its own): ",
                &[&(item + 1).to_string()],
            ),
            Step::CapLeft {
                cap,
                used,
                left,
                when,
                by,
            } => {
                let w = used_in(*when);
                let (cap, used, left) = (money(*cap), money(*used), money(*left));
                match by {
                    // One matter across the years: what the other category of it counted.
                    Some(other) => ex.add(
                        "与“{0}”为同一事项：{4}已计 {6}，第{8}条上限 {9}（{2}）尚余 {7}。",
                        "Same matter as “{1}”, which counted {6} {5}: of the cap of measure {8}, {9} {3}, {7} is left.",
                        &[
                            other.label.zh,
                            other.label.en,
                            p.zh,
                            p.en,
                            &w.zh,
                            &w.en,
                            &used,
                            &left,
                            cat.measure,
                            &cap,
                        ],
                    ),
                    None => ex.add(
                        "第{0}条上限 {1}（{2}）{4}已用 {6}，尚余 {7}。",
                        "The cap of measure {0}, {1} {3}, was used {5}: {6} used, {7} left.",
                        &[cat.measure, &cap, p.zh, p.en, &w.zh, &w.en, &used, &left],
                    ),
                }
            }
            Step::CapShared { once } => {
                if *once {
                    ex.add(
                        "第{0}条为一次性支持（{1}）：整个方案期只计一次；此前已获得的，本项按 0 计。",
                        "Measure {0} is a one-time support ({2}): counted once over the whole plan; if already received, this line is 0.",
                        &[cat.measure, p.zh, p.en],
                    );
                } else {
                    ex.add(
                        "第{0}条上限（{1}）为整个方案期共用：其他年度已获的本项支持须从中扣除。",
                        "The cap of measure {0} ({2}) is shared by all the plan's years: support for this line received in other years comes off it.",
                        &[cat.measure, p.zh, p.en],
                    );
                }
            }
            Step::OncePaid { when } => match when {
                UsedIn::Year(y) => ex.add(
                    "一次性支持已在 {0} 年计入，本年按 ¥0.00 计。",
                    "The one-time support is counted in {0}: ¥0.00 this year.",
                    &[&y.to_string()],
                ),
                UsedIn::Before => ex.add(
                    "一次性支持此前已获得，本年按 ¥0.00 计。",
                    "The one-time support was already received: ¥0.00 this year.",
                    &[],
                ),
            },
            Step::Base {
                base,
                left_out,
                to_other,
            } => {
                ex.add("{0} {2}", "{1} {2}", &[l.zh, l.en, &money(*base)]);
                if !left_out.is_zero() {
                    let left_out = money(*left_out);
                    ex.add(
                        "（不含未满足条件的 {0}）",
                        " (leaving out {0} that does not qualify)",
                        &[&left_out],
                    );
                }
                if !to_other.is_zero() {
                    let to_other = money(*to_other);
                    ex.add(
                        "（不含归其他政策的 {0}）",
                        " (leaving out {0} left with another policy)",
                        &[&to_other],
                    );
                }
            }
            Step::Rate {
                rate,
                assumed,
                up_to,
                product,
            } => {
                if *up_to {
                    ex.add(" × 最高 {0}", " × up to {0}", &[&percent(*rate)]);
                } else {
                    ex.add(" × {0}", " × {0}", &[&percent(*rate)]);
                }
                if *assumed {
                    ex.add("（比例为假设，原文未写）", " (assumed: the text states no rate)", &[]);
                }
                ex.add(" = {0}", " = {0}", &[&money(*product)]);
            }
            Step::Cap { cap, capped, remainder } => {
                let args = [cat.measure, &money(*cap), p.zh, p.en];
                match (capped, remainder) {
                    // What earlier years left of the cap: used up, or what remains.
                    (_, true) if cap.is_zero() => ex.add(
                        "，第{0}条上限（{2}）已用完，按 ¥0.00 计。",
                        ", but the cap of measure {0} {3} is used up: ¥0.00.",
                        &args,
                    ),
                    (true, true) => ex.add(
                        "，超过第{0}条上限（{2}）尚余的 {1}，按尚余额计。",
                        ", above the {1} left of the cap of measure {0} {3}: that much counts.",
                        &args,
                    ),
                    (false, true) => ex.add(
                        "，未超过第{0}条上限（{2}）尚余的 {1}。",
                        ", within the {1} left of the cap of measure {0} {3}.",
                        &args,
                    ),
                    (true, false) => ex.add(
                        "，超过第{0}条上限 {1}（{2}），按上限计。",
                        ", above the cap of measure {0}, {1} {3}: capped.",
                        &args,
                    ),
                    (false, false) => ex.add(
                        "，未超过第{0}条上限 {1}（{2}）。",
                        ", within the cap of measure {0}, {1} {3}.",
                        &args,
                    ),
                }
            }
            Step::Projects { total } => ex.add("各项目合计 {0}。", "The projects add up to {0}.", &[&money(*total)]),
            Step::Round { to, .. } => ex.add(
                "四舍五入到分：{0}。",
                "Rounded to the fen, half up: {0}.",
                &[&money(*to)],
            ),
            Step::NotSupported => ex.add(
                "条件未满足或未填写，暂不计入。",
                "Not counted for now: a condition is not met or not given.",
                &[],
            ),
            Step::Award { ceiling } if ceiling.is_zero() => ex.add(
                "第{0}条奖励上限（{1}）已用完，按 ¥0.00 计。",
                "The ceiling of the award under measure {0} {2} is used up: ¥0.00.",
                &[cat.measure, p.zh, p.en],
            ),
            Step::Award { ceiling } => ex.add(
                "第{0}条奖励：最高 {1}（{2}），以评审认定为准；这是上限，不计入合计。",
                "Award under measure {0}: up to {1} {3}, decided by evaluation; a ceiling, not added to the total.",
                &[cat.measure, &money(*ceiling), p.zh, p.en],
            ),
            Step::AwardNotCounted => ex.add(
                "条件未满足或未填写，暂不计入。",
                "Not counted for now: a condition is not met or not given.",
                &[],
            ),
            Step::AmountIgnored => ex.add(
                "（奖励不按填写的金额计算。）",
                "(Awards do not depend on an amount spent.)",
                &[],
            ),
            Step::OtherPolicy { other, this_plan, rest } => {
                let (zh, en) = other_policy_words(other >= this_plan, cat.kind == CategoryKind::Award);
                ex.add(zh, en, &[&money(*other), &money(*this_plan), &money(*rest)]);
            }
            Step::GroupNotKept { kept } => ex.add(
                "与“{0}”为同一事项，就高不重复，按较高的一项计，本项计 ¥0.00。",
                "Same matter as “{1}”: only the higher counts, so this line is ¥0.00.",
                &[kept.label.zh, kept.label.en],
            ),
            Step::OutsidePeriod { year } => ex.add(
                "{0}年不在本方案有效期内，按 0 计。",
                "The plan is not in force in {0}: 0.",
                &[&year.to_string()],
            ),
        }
    }
    // What the text would allow: not advice to spend (the rate may be assumed, the year past).
    if let Some(h) = headroom {
        ex.add(
            "按原文上限，距上限尚余 {1}（费用再多 {0} 即达上限）。",
            "Under the text's cap, {1} more would be allowed (reached with {0} more expense).",
            &[&money(h.expense_to_cap), &money(h.support_left)],
        );
    }
    ex
}

fn item_prefix(ex: &mut Message, item: Option<usize>) {
    if let Some(k) = item {
        ex.add("第 {0} 项：", "Item {0}: ", &[&(k + 1).to_string()]);
    }
}

/// 就高不重复 against another policy: `{0}` other, `{1}` this plan (an award's ceiling when
/// `award`), `{2}` the rest.
fn other_policy_words(other_higher: bool, award: bool) -> (&'static str, &'static str) {
    match (other_higher, award) {
        (true, false) => (
            "已按其他政策获得 {0}，不低于本方案的 {1}：就高不重复，本方案不再另给。",
            "Already granted {0} under another policy, not less than this plan's {1}: the higher applies, so this plan adds nothing.",
        ),
        (false, false) => (
            "已按其他政策获得 {0}，本方案的 {1} 更高：就高不重复，本方案只补差额 {2}。",
            "Already granted {0} under another policy; this plan's {1} is higher: the higher applies, so this plan adds the difference, {2}.",
        ),
        (true, true) => (
            "已按其他政策获得 {0}，不低于本方案最高 {1}：就高不重复，本方案不再另给。",
            "Already granted {0} under another policy, not less than this plan's ceiling of {1}: the higher applies, so this plan adds nothing.",
        ),
        (false, true) => (
            "已按其他政策获得 {0}，本方案最高 {1}：就高不重复，本方案最多补差额 {2}。",
            "Already granted {0} under another policy; this plan gives up to {1}: the higher applies, so this plan adds at most the difference, {2}.",
        ),
    }
}

// ------------------------------------------------------------------ notices

/// A reading of the text, with its reason.
fn reading(r: &Reading) -> Message {
    Message::new(
        "{0}理由：{2}",
        "{1} Why: {3}",
        &[r.text.zh, r.text.en, r.reason.zh, r.reason.en],
    )
}

/// The words of a notice; `cat` is the category it is about, if one.
fn notice(policy: &Policy, kind: &NoticeKind, cat: Option<&Category>) -> Message {
    let doc = &policy.document;
    let (lz, le) = cat.map_or(("", ""), |c| (c.label.zh, c.label.en));
    match kind {
        NoticeKind::Document(code) => {
            let n = doc.notices.iter().find(|n| n.code == *code);
            n.map_or_else(Message::default, |n| Message::new(n.text.zh, n.text.en, &[]))
        }
        NoticeKind::OutsidePeriod { year } => Message::new(
            "{0}年不在本方案有效期（{1} 至 {2}）内：各项支持均按 0 计。",
            "The plan is not in force in {0} (it runs from {1} to {2}): every line is 0.",
            &[&year.to_string(), doc.valid_from, doc.valid_until],
        ),
        NoticeKind::PartialYear { year } => match doc.start_notice {
            Some(t) => Message::new(t.zh, t.en, &[]),
            None => Message::new(
                "本方案自 {1} 起施行：{0} 年只计施行之后发生的费用。",
                "The plan takes effect in {1}: for {0} only expenses from then on count.",
                &[&year.to_string(), doc.valid_from],
            ),
        },
        NoticeKind::ConditionMissing { condition } => Message::new(
            "“{0}”缺少条件“{2}”：按未满足计，暂不计入。",
            "“{1}”: condition “{3}” not given, so counted as not met and not counted for now.",
            &[lz, le, condition.label.zh, condition.label.en],
        ),
        NoticeKind::ConditionNotMet { condition } => {
            let need = requirement(condition);
            Message::new(
                "“{0}”条件未满足：“{2}”{4}（依据：“{6}”）。",
                "“{1}”: condition not met: “{3}” {5} (text: “{6}”).",
                &[lz, le, condition.label.zh, condition.label.en, &need.zh, &need.en, condition.source],
            )
        }
        NoticeKind::AssumedRate => {
            cat.and_then(|c| c.assumption).map_or_else(Message::default, |a| Message::new(a.zh, a.en, &[]))
        }
        NoticeKind::RateUpTo { rate } => Message::new(
            "“{0}”：原文写的是“{3}”，这里按最高 {2} 估算；实际比例经评审或评定确定。",
            "“{1}”: the text says “{3}”; this estimate uses the most it allows, {2}, and an evaluation or assessment sets the actual rate.",
            &[lz, le, &percent(*rate), cat.map_or("", |c| c.rate_source)],
        ),
        NoticeKind::OtherPolicyHigher { other, items } => Message::new(
            "“{0}”：{2} 项已按其他政策获得的支持（共 {3}）不低于本方案可补的数额：就高不重复，这些项目归其他政策，本方案不另给，也不占本方案上限。",
            "“{1}”: {2} item(s) already granted {3} under another policy, no less than this plan would add: the higher applies, so they are left with the other policy, outside this plan and its cap.",
            &[lz, le, &items.to_string(), &money(*other)],
        ),
        NoticeKind::Reading(r) => reading(r),
        NoticeKind::CapUsed { when, left } => {
            let w = used_in(*when);
            Message::new(
                "“{0}”的上限（{2}）{4}已部分或全部用去，本年尚余 {6}。",
                "“{1}”: its cap ({3}) was used {5}; {6} is left this year.",
                &[lz, le, cat.map_or("", |c| c.cap_period.label.zh), cat.map_or("", |c| c.cap_period.label.en), &w.zh, &w.en, &money(*left)],
            )
        }
        NoticeKind::CapOverPlan {
            reading: r,
            yearly,
            yearly_awards,
        } => {
            let mut m = self::reading(r);
            if let Some(y) = yearly {
                m.add(
                    "若按每年一个上限理解，方案合计为 {0}。",
                    " Read as a cap each year instead, the plan's total would be {0}.",
                    &[&money(*y)],
                );
            }
            if let Some(a) = yearly_awards {
                m.add(
                    "若按每年一个上限理解，奖励上限合计为 {0}。",
                    " Read as a cap each year instead, the award ceilings would add up to {0}.",
                    &[&money(*a)],
                );
            }
            m
        }
        NoticeKind::OncePaid { when } => {
            let mut m = Message::new("“{0}”：", "“{1}”: ", &[lz, le]);
            match when {
                UsedIn::Year(y) => m.add(
                    "一次性支持按最有利的一年计，已在 {0} 年计入；其他年度按 0 计。",
                    "a one-time support, counted in its best year, {0}; the other years count 0.",
                    &[&y.to_string()],
                ),
                UsedIn::Before => m.add(
                    "一次性支持此前已获得，本方案不再计入。",
                    "a one-time support already received; not counted again.",
                    &[],
                ),
            }
            m
        }
        NoticeKind::ThisPlanHigher { other, this_plan, rest } => {
            let mut m = Message::new("“{0}”：", "“{1}”: ", &[lz, le]);
            let (zh, en) = other_policy_words(false, cat.is_some_and(|c| c.kind == CategoryKind::Award));
            m.add(zh, en, &[&money(*other), &money(*this_plan), &money(*rest)]);
            m
        }
        NoticeKind::Exclusive { members } => {
            let mut names = Message::default();
            for (k, c) in members.iter().enumerate() {
                let sep = if k == 0 { ["", ""] } else { ["、", " and "] };
                names.add("{0}“{2}”", "{1}“{3}”", &[sep[0], sep[1], c.label.zh, c.label.en]);
            }
            Message::new(
                "{2} 为同一事项，就高不重复：只计较高的“{0}”。",
                "{3} are one matter: only the higher, “{1}”, counts.",
                &[lz, le, &names.zh, &names.en],
            )
        }
        NoticeKind::Overlap(o) => Message::new(o.text.zh, o.text.en, &[]),
        NoticeKind::Award => Message::new(
            "奖励类项目经评审认定：所示金额为上限，单独列出，不计入合计。",
            "Awards are decided by evaluation: the amounts shown are ceilings, listed apart and not added to the total.",
            &[],
        ),
    }
}
