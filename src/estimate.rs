//! What a calculation returns: the support per category, each line with the
//! typed steps that made it and their words, and the notices a reader must see.
//!
//! The serde declarations here are the result's shape at the JS boundary.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::amount::{serde_money, serialize_rate};
use crate::policy::{Category, Condition, ConditionValue, Kind, Overlap, Reading};

/// A text made for one estimate, in Chinese and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

/// The one language a result's words are kept in when asked (`calculate(input, lang)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `"zh-CN"` and `"en"` (the tags `calculate(input, lang)` takes); `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

impl Message {
    /// Keeps one language's words; the other's become `""`.
    pub fn keep(&mut self, lang: Lang) {
        match lang {
            Lang::Zh => self.en = String::new(),
            Lang::En => self.zh = String::new(),
        }
    }
}

/// One step of a line's calculation, in order. The words for each come from
/// the catalogue; tests of the arithmetic read these instead.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A condition of an item was not given, so counted as not met.
    /// `item` is the item's place in the line (0-based) when it has several.
    ConditionMissing {
        item: Option<usize>,
        condition: &'static Condition,
    },
    /// A condition of an item was given and not met.
    ConditionNotMet {
        item: Option<usize>,
        condition: &'static Condition,
        given: ConditionValue,
    },
    /// An item with support from another policy, and which policy took it
    /// (就高不重复, item by item): `this_plan` false means it was left with the
    /// other policy, outside this plan and its cap.
    ItemOther {
        item: Option<usize>,
        other: Decimal,
        this_plan: bool,
    },
    /// The start of one project's working, in a category capped per project.
    Project { item: usize },
    /// What a cap over the plan had used before this year (`when` it was
    /// first used) and what it has left; `by`: another category of the same
    /// matter that used it (one matter across the years).
    CapLeft {
        cap: Decimal,
        used: Decimal,
        left: Decimal,
        when: UsedIn,
        by: Option<&'static Category>,
    },
    /// A single year of a cap that runs over the whole plan (`once`: a one-time
    /// support, paid once): other years' support of the plan shares it.
    CapShared { once: bool },
    /// The expense this plan takes, what was left out because it did not
    /// qualify, and what was left with another policy.
    Base {
        base: Decimal,
        left_out: Decimal,
        to_other: Decimal,
    },
    /// The rate applied, whether the text states it, whether the text states
    /// it as a ceiling ("最高"), and the product.
    Rate {
        rate: Decimal,
        assumed: bool,
        up_to: bool,
        product: Decimal,
    },
    /// The cap compared with the product; `remainder`: what earlier years left of it.
    Cap {
        cap: Decimal,
        capped: bool,
        remainder: bool,
    },
    /// A one-time support counted in another year of the plan, or received
    /// before (`UsedIn::Before`): this year counts 0.
    OncePaid { when: UsedIn },
    /// The projects of a line, added up.
    Projects { total: Decimal },
    /// Rounded to the fen, half away from zero (四舍五入), when that changed it.
    Round { from: Decimal, to: Decimal },
    /// No item qualified.
    NotSupported,
    /// An award: its ceiling.
    Award { ceiling: Decimal },
    /// An award no item qualified for.
    AwardNotCounted,
    /// An amount was given for an award: it does not count.
    AmountIgnored,
    /// Support from another policy for the same items: the higher applies (就高不重复).
    OtherPolicy {
        other: Decimal,
        this_plan: Decimal,
        rest: Decimal,
    },
    /// Same matter as another category, which was kept.
    GroupNotKept { kept: &'static Category },
    /// The plan is not in force in that year.
    OutsidePeriod { year: i32 },
}

/// When a cap over the plan was first used: before the years entered
/// (`already_received`), or in a year of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsedIn {
    Before,
    Year(i32),
}

/// What a notice is about, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeKind {
    /// One of the document's own notices (draft, ceilings…), by code.
    Document(&'static str),
    /// The request uses every category of an overlap: one expense is claimed once.
    Overlap(&'static Overlap),
    OutsidePeriod {
        year: i32,
    },
    PartialYear {
        year: i32,
    },
    ConditionMissing {
        condition: &'static Condition,
    },
    ConditionNotMet {
        condition: &'static Condition,
    },
    AssumedRate,
    /// The text states the rate as a ceiling: evaluation sets the actual one.
    RateUpTo {
        rate: Decimal,
    },
    /// `items` items (their other support `other`) were left with another policy.
    OtherPolicyHigher {
        other: Decimal,
        items: usize,
    },
    ThisPlanHigher {
        other: Decimal,
        this_plan: Decimal,
        rest: Decimal,
    },
    /// A reading of the text the result relies on (its code is the reading's).
    Reading(&'static Reading),
    /// A cap over the plan already used (partly or wholly) before this year.
    CapUsed {
        when: UsedIn,
        left: Decimal,
    },
    /// Caps with no period in the text taken over the whole plan; `yearly` and
    /// `yearly_awards` are the plan's total and award ceilings if they were read
    /// as yearly caps instead (each when the reading governs such a line).
    CapOverPlan {
        reading: &'static Reading,
        yearly: Option<Decimal>,
        yearly_awards: Option<Decimal>,
    },
    /// A one-time support counted in another year, or received before: 0 this year.
    OncePaid {
        when: UsedIn,
    },
    /// Categories that are one matter; only `kept` counts.
    Exclusive {
        members: Vec<&'static Category>,
    },
    Award,
}

impl NoticeKind {
    pub fn code(&self) -> &'static str {
        match self {
            NoticeKind::Document(code) => code,
            NoticeKind::OutsidePeriod { .. } => "outside_period",
            NoticeKind::PartialYear { .. } => "partial_year",
            NoticeKind::ConditionMissing { .. } => "condition_missing",
            NoticeKind::ConditionNotMet { .. } => "condition_not_met",
            NoticeKind::AssumedRate => "assumed_rate",
            NoticeKind::RateUpTo { .. } => "rate_up_to",
            NoticeKind::Reading(r) => r.code,
            NoticeKind::CapUsed { .. } => "cap_used",
            NoticeKind::OncePaid { .. } => "once_paid",
            NoticeKind::CapOverPlan { reading, .. } => reading.code,
            NoticeKind::OtherPolicyHigher { .. } => "other_policy_higher",
            NoticeKind::ThisPlanHigher { .. } => "this_plan_higher",
            NoticeKind::Exclusive { .. } => "exclusive",
            NoticeKind::Award => "award",
            NoticeKind::Overlap(_) => "overlap",
        }
    }
}

/// Something the reader of an estimate must know.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Notice {
    #[serde(rename = "code", serialize_with = "notice_code")]
    pub kind: NoticeKind,
    #[serde(flatten)]
    pub text: Message,
    /// The category it is about, if one.
    #[serde(serialize_with = "opt_category_id")]
    pub category: Option<&'static Category>,
}

impl Notice {
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

/// One expense item of a line: its place in the request and its amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub index: usize,
    #[serde(with = "serde_money::opt")]
    pub amount: Option<Decimal>,
}

/// The support of one category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    #[serde(serialize_with = "category_id")]
    pub category: &'static Category,
    /// The measure (clause) that funds it.
    pub clause: &'static str,
    #[serde(serialize_with = "kind_id")]
    pub kind: Kind,
    /// Sum of the items' amounts; `None` for awards.
    #[serde(with = "serde_money::opt")]
    pub expense: Option<Decimal>,
    #[serde(serialize_with = "serialize_rate")]
    pub rate: Option<Decimal>,
    pub rate_assumed: bool,
    /// The text states the rate as a ceiling ("最高 50%"): estimated at it,
    /// evaluation sets the actual rate.
    pub rate_up_to: bool,
    #[serde(with = "serde_money")]
    pub cap: Decimal,
    pub cap_period: &'static str,
    /// What the cap had left before this line: the cap itself in a single
    /// year, less what earlier years used in a plan; `None` for a cap per project.
    #[serde(with = "serde_money::opt")]
    pub cap_left: Option<Decimal>,
    /// What this plan gives; for an award, its ceiling (an upper bound).
    #[serde(with = "serde_money")]
    pub support: Decimal,
    /// The cap cut the support down.
    pub capped: bool,
    /// Awards report a ceiling, not an expected amount.
    pub upper_bound: bool,
    /// False when a condition failed, the year is outside the period, or a
    /// higher category of the same matter was kept instead.
    pub eligible: bool,
    #[serde(with = "serde_money")]
    pub other_policy_support: Decimal,
    pub items: Vec<Item>,
    /// How much more expense reaches the cap, and the support it adds; `None`
    /// when the line is capped, not eligible, an award, or several projects.
    pub headroom: Option<Headroom>,
    /// What the line would give were every item's conditions met (a condition
    /// failed or is missing, in the plan's period); `None` otherwise.
    #[serde(with = "serde_money::opt")]
    pub if_eligible: Option<Decimal>,
    /// The ids of the conditions some item did not meet or did not give (empty when none).
    pub unmet: Vec<&'static str>,
    /// For a line of a group (one matter) that was not kept: the category kept instead.
    #[serde(serialize_with = "opt_category_id")]
    pub kept_instead: Option<&'static Category>,
    pub explanation: Message,
    /// How the support was found, step by step (the explanation's source).
    #[serde(skip)]
    pub steps: Vec<Step>,
}

/// Room left under a line's cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Headroom {
    /// More expense that reaches the cap (rounded up to the fen).
    #[serde(with = "serde_money")]
    pub expense_to_cap: Decimal,
    /// The support that expense adds.
    #[serde(with = "serde_money")]
    pub support_left: Decimal,
    /// The line's first item that qualifies (its place in `Line::items`): the expense is a
    /// new item like it (`new_item`), or, for a project capped on its own, more of it.
    #[serde(skip)]
    pub item: usize,
    #[serde(skip)]
    pub new_item: bool,
}

/// The support an enterprise can expect, category by category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// Sum of the expense lines.
    #[serde(with = "serde_money")]
    pub total: Decimal,
    /// Sum of the award ceilings: never part of `total`.
    #[serde(with = "serde_money")]
    pub awards_up_to: Decimal,
    pub year: i32,
    pub in_force: bool,
    pub lines: Vec<Line>,
    pub notices: Vec<Notice>,
    pub policy: PolicyRef,
}

/// Which policy, and which version of its data, an estimate came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyRef {
    pub id: &'static str,
    pub version: &'static str,
    /// The hex SHA-256 of the policy data (the policy file) the figures came from.
    pub fingerprint: &'static str,
}

/// The support over the plan's years: each year as [`Estimate`], then what
/// each cap used across them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanEstimate {
    /// Sum of the years' totals.
    #[serde(with = "serde_money")]
    pub total: Decimal,
    /// Sum of the years' award ceilings: never part of `total`.
    #[serde(with = "serde_money")]
    pub awards_up_to: Decimal,
    pub years: Vec<Estimate>,
    pub caps: Vec<CapUse>,
    /// What holds for the whole plan (the document's notices, readings).
    pub notices: Vec<Notice>,
    pub policy: PolicyRef,
}

/// One category's cap across a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapUse {
    #[serde(serialize_with = "category_id")]
    pub category: &'static Category,
    #[serde(with = "serde_money")]
    pub cap: Decimal,
    pub cap_period: &'static str,
    /// Support counted against it: `already_received` and each year's.
    #[serde(with = "serde_money")]
    pub used: Decimal,
    /// What is left for later years; `None` for caps that start afresh each
    /// year or apply per project.
    #[serde(with = "serde_money::opt")]
    pub remaining: Option<Decimal>,
    /// What each year used.
    pub by_year: Vec<YearUse>,
    /// For a one-time support (一次性): the year it is counted in, the
    /// enterprise's best; `None` when no year counts it.
    pub claimed_in: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearUse {
    pub year: i32,
    #[serde(with = "serde_money")]
    pub used: Decimal,
}

impl PlanEstimate {
    /// The plan as the JS API returns it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn has_notice(&self, code: &str) -> bool {
        self.notices.iter().any(|n| n.code() == code)
    }

    pub fn cap(&self, category: &str) -> Option<&CapUse> {
        self.caps.iter().find(|c| c.category.id == category)
    }

    /// Keeps the words of one language (each year's and the plan's); the figures are untouched.
    pub fn keep_language(&mut self, lang: Lang) {
        self.years.iter_mut().for_each(|y| y.keep_language(lang));
        self.notices.iter_mut().for_each(|n| n.text.keep(lang));
    }
}

impl Estimate {
    /// Keeps the words of one language (explanations and notices; the other's are `""`), so
    /// the result is about half the size to send and to parse; the figures are untouched.
    pub fn keep_language(&mut self, lang: Lang) {
        self.lines.iter_mut().for_each(|l| l.explanation.keep(lang));
        self.notices.iter_mut().for_each(|n| n.text.keep(lang));
    }

    pub fn line(&self, category: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.category.id == category)
    }

    pub fn has_notice(&self, code: &str) -> bool {
        self.notices.iter().any(|n| n.code() == code)
    }

    /// The estimate as the JS API returns it.
    pub fn to_json(&self) -> String {
        // Sized for an eight-category result at once: no regrowth while writing.
        let mut out = Vec::with_capacity(16 * 1024);
        match serde_json::to_writer(&mut out, self) {
            // SAFETY: serde_json writes UTF-8 only (its own `to_string` relies on the same).
            Ok(()) => unsafe { String::from_utf8_unchecked(out) },
            Err(_) => String::new(),
        }
    }
}

pub(crate) fn category_id<S: Serializer>(c: &&'static Category, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.id)
}

fn opt_category_id<S: Serializer>(c: &Option<&'static Category>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_str(c.id),
        None => s.serialize_none(),
    }
}

fn kind_id<S: Serializer>(k: &Kind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match k {
        Kind::Expense => "expense",
        Kind::Award => "award",
    })
}

fn notice_code<S: Serializer>(k: &NoticeKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.code())
}
