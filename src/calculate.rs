//! The entry points: a request read and checked, then calculated by the engine (which has the
//! catalogue word its result). Methods of [`Policy`], so the API reads
//! `Policy::builtin().calculate(&req)`; the policy module itself knows nothing of them.

use crate::engine;
use crate::error::{Error, Problems};
use crate::estimate::{Estimate, PlanEstimate};
use crate::policy::Policy;
use crate::request::{self, PlanRequest, Request};
use crate::value::Value;

impl Policy {
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
    /// use pinghu_subsidy::{policy::Kind, Decimal, Expense, Policy, Request, Step};
    /// // An expense category with a rate and nothing else to meet in 2025, from the data.
    /// let cat = Policy::builtin().categories.iter()
    ///     .find(|c| c.kind == Kind::Expense && c.rate.is_some() && c.required_in(2025).next().is_none())
    ///     .unwrap();
    /// let req = Request {
    ///     year: 2025,
    ///     expenses: vec![Expense::new(cat.id, Decimal::from(100_000_000))],
    ///     ..Default::default()
    /// };
    /// let est = Policy::builtin().calculate(&req).unwrap();
    /// let line = est.line(cat.id).unwrap();
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
    /// use pinghu_subsidy::{policy::Kind, Policy};
    /// // An expense category with a rate and nothing else to meet in 2025, from the data.
    /// let cat = Policy::builtin().categories.iter()
    ///     .find(|c| c.kind == Kind::Expense && c.rate.is_some() && c.required_in(2025).next().is_none())
    ///     .unwrap();
    /// let input = serde_json::json!({ "year": 2025, "expenses": [{ "category": cat.id, "amount": "1亿" }] });
    /// let est = Policy::builtin().calculate_input(input).unwrap();
    /// // Capped: the category's cap, from the data.
    /// let cap = cat.cap;
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
    /// use pinghu_subsidy::policy::{CapScope, Kind};
    /// use pinghu_subsidy::{Decimal, Expense, PlanRequest, Policy, Request};
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
}
