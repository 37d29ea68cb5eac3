//! The words of a problem, in Chinese and English, and the forms a problem and an error take
//! for people and programs: `Display`, and `{ path, code, zh, en }` at the JS boundary.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::amount::serde_money::ForSerde;
use crate::amount::{AmountError, CountKind};
use crate::error::{Error, Field, Got, Kind, Problem, Want};
use crate::estimate::Message;
use crate::value::Unsupported;

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
fn problem(kind: &Kind) -> Message {
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
        problem(&self.kind).zh
    }

    /// What, in English.
    pub fn en(&self) -> String {
        problem(&self.kind).en
    }
}

/// `{ path, code, zh, en }`: the form a problem crosses the JS boundary in.
impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = problem(&self.kind);
        ProblemJs {
            path: &self.path,
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
        self.problems.serialize(s)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            let text = problem(&p.kind);
            write!(f, "{}: {} / {}", p.path, text.zh, text.en)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
