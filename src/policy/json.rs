//! How the policy's types serialize where the JSON `policy()` returns differs from their Rust
//! fields. A child module of `types.rs` (`#[path]`), compiled with it in the crate and in the
//! build script; like it, it names no `crate::` path.

use rust_decimal::Decimal;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use super::{CapPeriod, Category, Document, Measure, PolicyJson, Rule};

impl Serialize for PolicyJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let PolicyJson {
            document,
            applicants,
            cap_periods,
            exclusive_groups,
            measures,
            categories,
            promises,
            overlaps,
        } = *self;
        let measures: Vec<MeasureJson> = measures
            .iter()
            .map(|m| MeasureJson { measure: m, categories })
            .collect();
        let mut j = s.serialize_struct("Policy", 10)?;
        j.serialize_field("id", document.id)?;
        j.serialize_field("version", document.version)?;
        j.serialize_field("document", document)?;
        j.serialize_field("applicants", applicants)?;
        j.serialize_field("measures", &measures)?;
        j.serialize_field("categories", categories)?;
        j.serialize_field("cap_periods", cap_periods)?;
        j.serialize_field("exclusive_groups", exclusive_groups)?;
        j.serialize_field("promises", promises)?;
        j.serialize_field("overlaps", overlaps)?;
        j.end()
    }
}

/// `{zh: [...], en: [...]}` from two lists.
#[derive(Serialize)]
struct ZhEn<'a> {
    zh: &'a [&'a str],
    en: &'a [&'a str],
}

/// The document's facts; its `id` and `version` stand at the top of the JSON.
impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Document {
            id: _,
            version: _,
            title,
            status,
            status_label,
            issued,
            cites,
            sources,
            valid_from,
            valid_from_month: _,
            valid_until,
            first_year,
            last_year,
            valid_source,
            detailed_rules_zh,
            detailed_rules_en,
            detailed_rules_source,
            non_cumulative_source,
            non_cumulative_reading,
            notices,
            start_notice,
        } = self;
        let mut j = s.serialize_struct("Document", 17)?;
        j.serialize_field("title", title)?;
        j.serialize_field("status", status)?;
        j.serialize_field("status_label", status_label)?;
        j.serialize_field("valid_from", valid_from)?;
        j.serialize_field("valid_until", valid_until)?;
        j.serialize_field("first_year", first_year)?;
        j.serialize_field("last_year", last_year)?;
        j.serialize_field("valid_source", valid_source)?;
        j.serialize_field(
            "detailed_rules",
            &ZhEn {
                zh: detailed_rules_zh,
                en: detailed_rules_en,
            },
        )?;
        j.serialize_field("detailed_rules_source", detailed_rules_source)?;
        j.serialize_field("non_cumulative_source", non_cumulative_source)?;
        j.serialize_field("non_cumulative_reading", non_cumulative_reading)?;
        j.serialize_field("notices", notices)?;
        j.serialize_field("issued", issued)?;
        j.serialize_field("cites", cites)?;
        j.serialize_field("sources", sources)?;
        j.serialize_field("start_notice", start_notice)?;
        j.end()
    }
}

/// A measure and the ids of the categories it funds, in their order.
struct MeasureJson<'a> {
    measure: &'a Measure,
    categories: &'a [Category],
}

impl Serialize for MeasureJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Measure {
            id,
            section,
            title,
            text,
            summary_en,
            departments_zh,
            departments_en,
            cites,
        } = self.measure;
        let funded: Vec<&str> = self
            .categories
            .iter()
            .filter(|c| c.measure == *id)
            .map(|c| c.id)
            .collect();
        let mut j = s.serialize_struct("Measure", 8)?;
        j.serialize_field("id", id)?;
        j.serialize_field("section", section)?;
        j.serialize_field("title", title)?;
        j.serialize_field("text", text)?;
        j.serialize_field("summary_en", summary_en)?;
        j.serialize_field(
            "departments",
            &ZhEn {
                zh: departments_zh,
                en: departments_en,
            },
        )?;
        j.serialize_field("categories", &funded)?;
        j.serialize_field("cites", cites)?;
        j.end()
    }
}

/// `expect` and `min`, one of them null: flattened into a condition.
impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (expect, min) = match *self {
            Rule::Is(b) => (Some(b), None),
            Rule::AtLeast(n) => (None, Some(n)),
        };
        let mut j = s.serialize_struct("Rule", 2)?;
        j.serialize_field("expect", &expect)?;
        j.serialize_field("min", &min)?;
        j.end()
    }
}

/// A rate in its shortest form: `0.50` → `"0.5"`, `1.0` → `"1"`.
pub(super) fn rate_json<S: Serializer>(rate: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match rate {
        Some(r) => s.collect_str(&r.normalize()),
        None => s.serialize_none(),
    }
}

/// Money with two decimals: `20000` → `"20000.00"`.
pub(super) fn money_json<S: Serializer>(amount: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!("{amount:.2}"))
}

pub(super) fn empty_as_null<S: Serializer>(text: &&'static str, s: S) -> Result<S::Ok, S::Error> {
    if text.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(text)
    }
}

pub(super) fn cap_period_json<S: Serializer>(period: &&'static CapPeriod, s: S) -> Result<S::Ok, S::Error> {
    let mut j = s.serialize_struct("CapPeriod", 2)?;
    j.serialize_field("cap_period", period.id)?;
    j.serialize_field("cap_period_label", &period.label)?;
    j.end()
}
