//! What a calculation returns: the support per category, each line with the
//! typed steps that made it and their words, and the notices a reader must see.
//!
//! The serde declarations here are the result's shape at the JS boundary.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::amount::{serde_money, serialize_rate};
use crate::policy::{Category, Condition, ConditionValue, Kind};

/// A text made for one estimate, in Chinese and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
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
    /// The eligible expense, and what was left out because it did not qualify.
    Base { base: Decimal, left_out: Decimal },
    /// The rate applied, whether the text states it, and the product.
    Rate {
        rate: Decimal,
        assumed: bool,
        product: Decimal,
    },
    /// The cap compared with the product.
    Cap { cap: Decimal, capped: bool },
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

/// What a notice is about, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeKind {
    /// One of the document's own notices (draft, ceilings…), by code.
    Document(&'static str),
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
    OtherPolicyHigher {
        other: Decimal,
        this_plan: Decimal,
    },
    ThisPlanHigher {
        other: Decimal,
        this_plan: Decimal,
        rest: Decimal,
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
            NoticeKind::OtherPolicyHigher { .. } => "other_policy_higher",
            NoticeKind::ThisPlanHigher { .. } => "this_plan_higher",
            NoticeKind::Exclusive { .. } => "exclusive",
            NoticeKind::Award => "award",
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
    #[serde(with = "serde_money")]
    pub cap: Decimal,
    pub cap_period: &'static str,
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
    pub explanation: Message,
    /// How the support was found, step by step (the explanation's source).
    #[serde(skip)]
    pub steps: Vec<Step>,
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
}

impl Estimate {
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

fn category_id<S: Serializer>(c: &&'static Category, s: S) -> Result<S::Ok, S::Error> {
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
