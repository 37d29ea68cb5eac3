//! The policy as data: types for a support document, and the built-in one.
//!
//! The values live in `policy/pinghu-2024-2027.toml`; the build script
//! (`build/`) checks that file and turns it into the [`Policy::builtin`]
//! statics and the JSON [`Policy::to_json`] returns, both from the types in
//! `types.rs`. Nothing in this crate's code knows a clause number, a rate or an
//! amount.

mod types;

use crate::engine;
use crate::error::{Error, Problems};
use crate::estimate::{Estimate, PlanEstimate};
use crate::request::{self, PlanRequest, Request};
use crate::value::Value;

pub use types::*;

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

    /// Checks a request against this policy: known categories and conditions,
    /// values of the right type, amounts in range. Every problem is reported.
    pub fn validate(&self, req: &Request) -> Result<(), Error> {
        let mut p = Problems::default();
        request::check(self, req, &mut p);
        p.finish(())
    }

    /// Calculates the support for a request.
    ///
    /// ```
    /// use pinghu_subsidy::{Decimal, Expense, Policy, Request, Step};
    /// let req = Request {
    ///     year: 2025,
    ///     expenses: vec![Expense::new("brand_promotion", Decimal::from(100_000_000))],
    ///     ..Default::default()
    /// };
    /// let est = Policy::builtin().calculate(&req).unwrap();
    /// let line = est.line("brand_promotion").unwrap();
    /// assert!(line.capped);
    /// assert_eq!(est.total, line.category.cap);
    /// assert!(line.steps.contains(&Step::Cap { cap: line.category.cap, capped: true, remainder: false }));
    /// ```
    pub fn calculate(&'static self, req: &Request) -> Result<Estimate, Error> {
        self.validate(req)?;
        Ok(engine::estimate(self, req))
    }

    /// Reads a request from any self-describing serde input (a `serde_json::Value`,
    /// a JSON text, a JS value through serde-wasm-bindgen…), reporting every
    /// problem with its path, where serde alone would stop at the first.
    ///
    /// ```
    /// use pinghu_subsidy::Policy;
    /// let input = serde_json::json!({ "year": 2025, "expenses": [{ "category": "brand_promotion", "amount": "x" }], "y": 1 });
    /// let err = Policy::builtin().read_request(input).unwrap_err();
    /// let paths: Vec<&str> = err.problems().iter().map(|p| p.path()).collect();
    /// assert_eq!(paths, ["y", "expenses[0].amount"]);
    /// ```
    pub fn read_request<'de, D: serde::Deserializer<'de>>(&self, input: D) -> Result<Request, Error> {
        request::read(self, &Value::read_or_unsupported(input))
    }

    /// Reads and calculates, from any self-describing serde input: what the JS API
    /// `calculate` does.
    ///
    /// ```
    /// use pinghu_subsidy::Policy;
    /// let input = serde_json::json!({ "year": 2025, "expenses": [{ "category": "brand_promotion", "amount": "1亿" }] });
    /// let est = Policy::builtin().calculate_input(input).unwrap();
    /// // Capped: the category's cap, from the data.
    /// let cap = Policy::builtin().category("brand_promotion").unwrap().cap;
    /// assert!(est.to_json().starts_with(&format!(r#"{{"total":"{}","#, pinghu_subsidy::plain(cap))));
    /// ```
    pub fn calculate_input<'de, D: serde::Deserializer<'de>>(&'static self, input: D) -> Result<Estimate, Error> {
        self.calculate_value(&Value::read_or_unsupported(input))
    }

    /// Reads and calculates a value already taken whole.
    pub(crate) fn calculate_value(&'static self, input: &Value) -> Result<Estimate, Error> {
        let req = request::read(self, input)?;
        Ok(engine::estimate(self, &req))
    }

    /// Checks a plan against this policy: each year as [`Policy::validate`]
    /// does (paths `years[1].expenses[0].amount`), the years in order and
    /// each once, what was already received. Every problem is reported.
    pub fn validate_plan(&self, plan: &PlanRequest) -> Result<(), Error> {
        let mut p = Problems::default();
        request::check_plan(self, plan, &mut p);
        p.finish(())
    }

    /// Calculates the support over the plan's years, in order: a cap over the
    /// plan (one-time, or per enterprise with no period in the text) is used
    /// once across the years, a yearly one starts afresh each year, a cap per
    /// project applies to each item; `already_received` uses up caps over
    /// the plan. Each year is what [`Policy::calculate`] gives for it, with
    /// what each cap had left.
    ///
    /// ```
    /// use pinghu_subsidy::{CapScope, Decimal, Expense, Kind, PlanRequest, Policy, Request};
    /// let p = Policy::builtin();
    /// // An expense category whose cap runs over the plan, asked no condition after the first year.
    /// let Some(cat) = p.categories.iter().find(|c| {
    ///     c.kind == Kind::Expense && c.cap_period.scope == CapScope::Plan && c.conditions.iter().all(|k| k.only_year.is_some())
    /// }) else {
    ///     return; // this policy has none
    /// };
    /// // Spent in each of two years: the rate of 60% of the cap, then the rest of the cap.
    /// let spend = (cat.cap * Decimal::new(6, 1) / cat.rate.unwrap()).round_dp(2);
    /// let year = |year| Request { year, expenses: vec![Expense::new(cat.id, spend)], ..Default::default() };
    /// let first = p.document.first_year + 1;
    /// let plan = PlanRequest { years: vec![year(first), year(first + 1)], already_received: vec![] };
    /// let est = p.calculate_plan(&plan).unwrap();
    /// // One cap over the plan: 60% of it in the first year, the 40% left in the second.
    /// assert_eq!(est.years[1].total, cat.cap - est.years[0].total);
    /// assert_eq!(est.total, cat.cap);
    /// ```
    pub fn calculate_plan(&'static self, plan: &PlanRequest) -> Result<PlanEstimate, Error> {
        self.validate_plan(plan)?;
        Ok(engine::plan(self, plan))
    }

    /// Reads a plan from any self-describing serde input, every problem with its path.
    pub fn read_plan_request<'de, D: serde::Deserializer<'de>>(&self, input: D) -> Result<PlanRequest, Error> {
        request::read_plan(self, &Value::read_or_unsupported(input))
    }

    /// Reads and calculates a plan, from any self-describing serde input: what
    /// the JS API `calculate_plan` does.
    pub fn calculate_plan_input<'de, D: serde::Deserializer<'de>>(
        &'static self,
        input: D,
    ) -> Result<PlanEstimate, Error> {
        self.calculate_plan_value(&Value::read_or_unsupported(input))
    }

    /// Reads and calculates a plan already taken whole.
    pub(crate) fn calculate_plan_value(&'static self, input: &Value) -> Result<PlanEstimate, Error> {
        let plan = request::read_plan(self, input)?;
        Ok(engine::plan(self, &plan))
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
