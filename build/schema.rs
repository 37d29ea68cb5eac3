//! The schema of a policy file, as serde types. `toml` reads the file into
//! them and reports, with its line and column, any key the schema does not
//! know (`deny_unknown_fields`), a key that is missing, a value of the wrong
//! type and a malformed decimal or date. What needs more than one value
//! (references, duplicates, which keys go together) is for `checks.rs`; the
//! spans kept here (`Spanned`) let it name the line too.

use std::ops::Range;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

/// Reads a policy file; the error names the line and column.
pub fn parse(text: &str) -> Result<PolicyFile, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

/// `line:column` (both from 1) of a span of `text`.
pub fn place(text: &str, span: &Range<usize>) -> String {
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{column}")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    pub document: Document,
    pub applicant: Vec<Applicant>,
    pub cap_period: Vec<CapPeriod>,
    #[serde(default)]
    pub exclusive_group: Vec<ExclusiveGroup>,
    /// The documents quoted: the plan, later its 实施细则 or an amendment.
    pub source: Vec<Source>,
    pub measure: Vec<Measure>,
    pub category: Vec<Category>,
    /// What measures promise without a computable amount.
    #[serde(default)]
    pub promise: Vec<Promise>,
    /// Categories one expense could fall under.
    #[serde(default)]
    pub overlap: Vec<Overlap>,
    /// How to apply: what the detailed rules decide, and where to ask (empty until official).
    #[serde(default)]
    pub application: Option<Application>,
    /// Departments' full names, for the short ones measures list.
    #[serde(default)]
    pub department: Vec<Department>,
    /// What the text says an applicant must hold or show, per category.
    #[serde(default)]
    pub requirement: Vec<Requirement>,
    /// What an applicant submits, per category, as a source (a 细则) lists it.
    #[serde(default)]
    pub material: Vec<Material>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub category: Spanned<String>,
    pub zh: String,
    pub en: String,
    /// The words it comes from, quoted.
    pub source: String,
    /// The `[[source]]` of those words, when not the category's measure's.
    pub cites: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub zh: String,
    pub en: String,
    pub source: String,
    /// `""` until an official source gives it; zh and en go together.
    pub contact_zh: String,
    pub contact_en: Spanned<String>,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub portal: String,
    /// When to apply (`""` until a source gives it); zh and en go together.
    #[serde(default)]
    pub window_zh: String,
    #[serde(default)]
    pub window_en: String,
    /// The words each given one comes from, quoted from the source `cites` names.
    #[serde(default)]
    pub window_source: String,
    #[serde(default)]
    pub contact_source: String,
    #[serde(default)]
    pub phone_source: String,
    #[serde(default)]
    pub portal_source: String,
    /// The `[[source]]` those words are from, when not the document's.
    pub cites: Option<Spanned<String>>,
    /// A reading (`""`: none): the first department each measure lists leads (牵头), said in
    /// these words wherever it is marked; zh and en go together.
    #[serde(default)]
    pub lead_zh: String,
    #[serde(default)]
    pub lead_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub short_zh: Spanned<String>,
    pub name_zh: String,
    pub name_en: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub portal: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub category: Spanned<String>,
    pub zh: String,
    pub en: String,
    pub source: String,
    /// What to keep as evidence, as the text itself implies it (`""`: nothing said); zh and en
    /// go together with `evidence_source`, the words quoted from the measure's text.
    #[serde(default)]
    pub evidence_zh: String,
    #[serde(default)]
    pub evidence_en: String,
    #[serde(default)]
    pub evidence_source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    pub id: Spanned<String>,
    pub measure: Spanned<String>,
    pub zh: String,
    pub en: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlap {
    pub id: Spanned<String>,
    pub categories: Spanned<Vec<String>>,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub version: String,
    pub title_zh: String,
    pub title_en: String,
    pub status: Spanned<Status>,
    pub status_zh: String,
    pub status_en: String,
    /// When the document was issued; a final one has it.
    pub issued: Option<Spanned<Date>>,
    /// The `[[source]]` the document is, whose words the document-level quotes are.
    pub cites: Spanned<String>,
    pub valid_from: Spanned<YearMonth>,
    pub valid_until: Spanned<Date>,
    pub first_year: Spanned<i32>,
    pub last_year: Spanned<i32>,
    pub valid_source: String,
    pub detailed_rules_zh: Vec<String>,
    pub detailed_rules_en: Spanned<Vec<String>>,
    pub detailed_rules_source: String,
    pub non_cumulative_source: String,
    /// 就高不重复 item by item: a reading.
    pub non_cumulative_reading: Reading,
    #[serde(default)]
    pub notice: Vec<Notice>,
    /// The plan starts within its first year ("自发文之日起算"): the condition each expense
    /// item of that year must meet, and what that year's estimate says.
    pub start_condition: Option<StartCondition>,
}

/// The condition asked of each expense item of the year the plan starts within.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartCondition {
    pub id: Spanned<String>,
    pub label_zh: String,
    pub label_en: String,
    /// The words it comes from, quoted.
    pub source: String,
    /// The first year's notice.
    pub notice_zh: String,
    pub notice_en: String,
}

/// A reading of the text: what is assumed, why, and the words it reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// Nested under an array of tables (`[cap_period.reading]`): the parent's id, so a
    /// reading TOML attaches to another parent is caught.
    pub of: Option<Spanned<String>>,
    pub code: Spanned<String>,
    pub zh: String,
    pub en: String,
    pub reason_zh: String,
    pub reason_en: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusiveGroup {
    pub id: Spanned<String>,
    pub reading: Reading,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub code: Spanned<String>,
    /// Where a page shows it: the banner at the top, or the footnotes of a result.
    pub placement: Placement,
    /// The document status this notice states ("draft"): refused under another status.
    pub status: Option<Status>,
    pub zh: String,
    pub en: String,
    pub source: String,
}

/// The fixed set of statuses of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// 征求意见稿: a draft for comment.
    Draft,
    /// 正式文本: issued.
    Final,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
        }
    }
}

/// Where a document notice is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    Banner,
    Footnote,
}

/// A document the data quotes: the plan, its 实施细则, an amendment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Spanned<String>,
    pub title_zh: String,
    pub title_en: String,
    pub status: Spanned<Status>,
    pub status_zh: String,
    pub status_en: String,
    pub issued: Option<Spanned<Date>>,
    /// Its text, from the crate's root (`policy/…`): the quotes are checked against it.
    pub file: Spanned<String>,
}

/// A clause of another source (the 实施细则) that a category cites beside its measure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The category it belongs to: a citation TOML attaches to another category is caught.
    pub category: Spanned<String>,
    /// A `[[source]]` id.
    pub source: Spanned<String>,
    /// The clause as the source numbers it ("第五条").
    pub clause: String,
    /// The clause, quoted.
    pub text: String,
    pub summary_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub id: Spanned<String>,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapPeriod {
    pub id: Spanned<String>,
    pub label_zh: String,
    pub label_en: String,
    pub scope: CapScope,
    pub reading: Option<Reading>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CapScope {
    Plan,
    Year,
    Item,
    Once,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: Spanned<String>,
    pub section_zh: String,
    pub section_en: String,
    pub title_zh: String,
    pub title_en: String,
    pub text: String,
    pub summary_en: String,
    pub departments_zh: Vec<String>,
    pub departments_en: Spanned<Vec<String>>,
    /// The `[[source]]` its text (and its categories' quotes) come from.
    pub cites: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: Spanned<String>,
    pub measure: Spanned<String>,
    pub kind: Kind,
    pub applicant: Spanned<String>,
    pub label_zh: String,
    pub label_en: String,
    pub hint_zh: String,
    pub hint_en: String,
    /// Expenses only, with `rate_source` and `assumed_rate`.
    pub rate: Option<Dec>,
    pub rate_source: Option<String>,
    pub assumed_rate: Option<bool>,
    /// Expenses only: the text words the rate as a ceiling ("最高 50%").
    pub rate_up_to: Option<bool>,
    /// When `assumed_rate`, both.
    pub assumption_zh: Option<String>,
    pub assumption_en: Option<String>,
    pub cap: Money,
    pub cap_source: String,
    pub cap_period: Spanned<String>,
    pub exclusive_group: Option<Spanned<String>>,
    /// The `[[source]]` of `rate_source` and `cap_source` when not the measure's.
    pub cites: Option<Spanned<String>>,
    #[serde(default)]
    pub condition: Vec<Condition>,
    /// Clauses of other sources (the 实施细则) it cites beside its measure.
    #[serde(default)]
    pub citation: Vec<Citation>,
    /// A reading of its clause (`of`: the category's id), shown with its line.
    pub reading: Option<Reading>,
    /// Codes of `[[document.notice]]`s that govern it, shown with its line.
    #[serde(default)]
    pub notices: Vec<Spanned<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Expense,
    Award,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The category it belongs to: a condition TOML attaches to another category is caught.
    pub category: Spanned<String>,
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: ConditionType,
    pub required: bool,
    /// `bool` only.
    pub expect: Option<bool>,
    /// `bool` only, exactly when not required.
    pub default: Option<bool>,
    /// `months` and `count` only.
    pub min: Option<u32>,
    pub label_zh: String,
    pub label_en: String,
    pub source: String,
    /// The `[[source]]` of `source` when not the measure's (a 细则 that changes it).
    pub cites: Option<Spanned<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConditionType {
    Bool,
    Months,
    Count,
}

/// A non-negative decimal written plainly, at most 28 digits: `"0.5"`, `"100000"`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(try_from = "String")]
pub struct Dec(pub Decimal);

impl TryFrom<String> for Dec {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let bad = || format!("{s:?} is not a non-negative decimal like \"0.5\" or \"100000\"");
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || (s.contains('.') && frac.is_empty()) {
            return Err(bad());
        }
        if int.len() + frac.len() > 28 {
            return Err(bad());
        }
        let mantissa: i128 = format!("{int}{frac}").parse().map_err(|_| bad())?;
        Ok(Dec(Decimal::from_i128_with_scale(mantissa, frac.len() as u32)))
    }
}

/// Yuan: a [`Dec`] with at most two decimals once trailing zeros are dropped.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(try_from = "String")]
pub struct Money(pub Decimal);

impl TryFrom<String> for Money {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let Dec(d) = Dec::try_from(s.clone())?;
        if d.normalize().scale() > 2 {
            return Err(format!("{s:?} has more than two decimals"));
        }
        Ok(Money(d))
    }
}

/// `YYYY-MM`.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "String")]
pub struct YearMonth {
    pub text: String,
    pub year: i32,
    pub month: u32,
}

impl TryFrom<String> for YearMonth {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        match numbers(&text, &[4, 2])[..] {
            [year, month] if (1..=12).contains(&month) => Ok(YearMonth {
                year: year as i32,
                month,
                text,
            }),
            _ => Err(format!("{text:?} is not a month like \"2024-12\"")),
        }
    }
}

/// `YYYY-MM-DD`.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "String")]
pub struct Date {
    pub text: String,
    pub year: i32,
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        match numbers(&text, &[4, 2, 2])[..] {
            [year, month, day] if (1..=12).contains(&month) && (1..=31).contains(&day) => Ok(Date {
                year: year as i32,
                text,
            }),
            _ => Err(format!("{text:?} is not a date like \"2027-12-31\"")),
        }
    }
}

/// The numbers of `"2024-12"` when each part has the given number of digits; else empty.
fn numbers(text: &str, widths: &[usize]) -> Vec<u32> {
    let parts: Vec<&str> = text.split('-').collect();
    let fits = parts.len() == widths.len()
        && parts
            .iter()
            .zip(widths)
            .all(|(p, w)| p.len() == *w && p.bytes().all(|b| b.is_ascii_digit()));
    if !fits {
        return Vec::new();
    }
    parts.iter().filter_map(|p| p.parse().ok()).collect()
}
