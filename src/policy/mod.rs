//! The policy as data: types for a support document, and the built-in one.
//!
//! The values live in `policy/pinghu-2024-2027.toml`; the build script
//! (`build/`) checks that file and turns it into the [`Policy::builtin`]
//! statics and the JSON [`Policy::to_json`] returns, both from the types in
//! `types.rs`. Nothing in this crate's code knows a clause number, a rate or an
//! amount. This module knows no other: what a policy is asked to calculate is
//! `crate::calculate`'s.

mod types;

pub use types::{
    Applicant, Application, CapPeriod, CapScope, Category, Citation, Condition, ConditionType, ConditionValue,
    Department, DocNotice, Document, ExclusiveGroup, GuideJson, Kind, Material, Measure, Overlap, Placement,
    PolicyJson, Promise, Reading, Requirement, Rule, Source, Text,
};

/// A support document: its facts and the support categories its measures fund.
/// Its measures, applicant groups and whole JSON form are behind methods, so
/// a build that does not use them does not carry them.
#[derive(Debug)]
pub struct Policy {
    pub document: Document,
    /// Every support category, in the document's order.
    pub categories: &'static [Category],
}

mod builtin {
    use super::*;
    use rust_decimal::Decimal;
    include!(concat!(env!("OUT_DIR"), "/policy_data.rs"));
}

/// The hex SHA-256 of the built-in policy file, computed at build time.
pub(crate) fn fingerprint() -> &'static str {
    builtin::FINGERPRINT
}

impl Policy {
    /// The plan this crate is built with.
    ///
    /// ```
    /// let p = pinghu_subsidy::Policy::builtin();
    /// // Every category is funded by one of the document's measures.
    /// assert!(p.categories.iter().all(|c| p.measure(c.measure).is_some()));
    /// ```
    pub fn builtin() -> &'static Policy {
        &builtin::BUILTIN
    }

    /// Every measure of the document, with or without money.
    pub fn measures(&self) -> &'static [Measure] {
        builtin::MEASURES
    }

    /// Who applies, in the order a form should show them.
    pub fn applicants(&self) -> &'static [Applicant] {
        builtin::APPLICANTS
    }

    /// What caps apply to (one-time, per enterprise per year…), in the file's order.
    pub fn cap_periods(&self) -> &'static [CapPeriod] {
        &builtin::CAP_PERIODS
    }

    /// Groups of categories that are one matter, each with the reading that groups them.
    pub fn exclusive_groups(&self) -> &'static [ExclusiveGroup] {
        builtin::EXCLUSIVE_GROUPS
    }

    /// What the measures promise without an amount the calculator can compute.
    pub fn promises(&self) -> &'static [Promise] {
        builtin::PROMISES
    }

    /// Categories one expense could fall under: it can be claimed once.
    pub fn overlaps(&self) -> &'static [Overlap] {
        builtin::OVERLAPS
    }

    /// How to apply, and where to ask (contact, phone, portal: `None` until official).
    pub fn application(&self) -> Option<&'static Application> {
        builtin::APPLICATION
    }

    /// Departments' full names, for the short names measures list.
    pub fn departments(&self) -> &'static [Department] {
        builtin::DEPARTMENTS
    }

    /// What the text says an applicant for each category must hold or show.
    pub fn requirements(&self) -> &'static [Requirement] {
        builtin::REQUIREMENTS
    }

    /// What an applicant for each category submits, as the 细则 list it (none until they do).
    pub fn materials(&self) -> &'static [Material] {
        builtin::MATERIALS
    }

    /// The element's next-steps data, as `www/element/guide-data.js` holds it.
    pub fn guide_view(&self) -> GuideJson<'_> {
        GuideJson {
            application: self.application(),
            departments: self.departments(),
            requirements: self.requirements(),
            materials: self.materials(),
        }
    }

    pub fn exclusive_group(&self, id: &str) -> Option<&'static ExclusiveGroup> {
        self.exclusive_groups().iter().find(|g| g.id == id)
    }

    /// The whole policy as JSON: what the JS API `policy()` returns. Written
    /// by the build script, by serializing the same values as the statics
    /// (see [`PolicyJson`]); serializing `self` gives the same document.
    pub fn to_json(&self) -> &'static str {
        builtin::POLICY_JSON
    }

    /// The hex SHA-256 of the policy data (the policy file's bytes), as in `to_json()`'s
    /// `"fingerprint"` and every result's `policy`: anyone with the same file gets the same.
    pub fn fingerprint(&self) -> &'static str {
        builtin::FINGERPRINT
    }

    /// The policy as [`PolicyJson`], the view whose serialization is [`Policy::to_json`].
    pub fn json_view(&self) -> PolicyJson<'_> {
        PolicyJson {
            document: &self.document,
            applicants: self.applicants(),
            cap_periods: self.cap_periods(),
            exclusive_groups: self.exclusive_groups(),
            measures: self.measures(),
            categories: self.categories,
            promises: self.promises(),
            overlaps: self.overlaps(),
        }
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures().iter().find(|m| m.id == id)
    }

    /// Whether the document is in force in `year`, in part or whole.
    pub fn in_force(&self, year: i32) -> bool {
        (self.document.first_year..=self.document.last_year).contains(&year)
    }
}

/// Serializes to the document [`Policy::to_json`] returns.
impl serde::Serialize for Policy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json_view().serialize(s)
    }
}
