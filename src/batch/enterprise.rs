//! One enterprise of a batch: its own keys read, each row read as a request (the good ones in
//! year order, each year once), and its rows run as one plan, figures only, under the built-in
//! policy and the overlay's.

use super::sums::{figures, figures_of, tally};
use super::{Batch, EnterpriseResult, Money, Part, RowProblem, RowResult};
use crate::engine;
use crate::error::{Field, Kind, Problem, Problems, Want};
use crate::policy::Policy;
use crate::request::{self, type_error, PlanRequest, Received, Request, MAX_PLAN_YEARS};
use crate::value::Value;

/// An enterprise's own keys as read: its name, its rows, the support it already received, and
/// what is wrong with them.
struct Head<'v> {
    problems: Problems,
    name: Option<String>,
    rows: Option<&'v Vec<Value>>,
    received: Vec<Received>,
}

/// `{ enterprise, rows, already_received? }`, every problem at its key.
fn read_head<'v>(base: &Policy, item: &'v Value) -> Head<'v> {
    let mut p = Problems::default();
    let (mut name, mut rows, mut received) = (None, None, Vec::new());
    match item {
        Value::Object(pairs) => {
            for (k, v) in pairs {
                match (k.as_str(), v) {
                    ("enterprise", Value::String(s)) if !s.trim().is_empty() => name = Some(s.trim().to_string()),
                    ("enterprise", Value::Number(f)) => name = Some(f.to_string()),
                    ("enterprise", _) => p.push("enterprise", Kind::Required(Field::Enterprise)),
                    ("rows", Value::Array(r)) => rows = Some(r),
                    ("rows", other) => type_error(&mut p, "rows", Want::Array, other),
                    // Support from this plan received in years not in `rows`: it uses up caps over the plan.
                    ("already_received", v) => received = request::read_received(&mut p, v),
                    _ => p.push(
                        k.clone(),
                        Kind::UnknownKey {
                            expected: vec!["enterprise", "rows", "already_received"],
                        },
                    ),
                }
            }
            if !pairs.iter().any(|(k, _)| k == "enterprise") {
                p.push("enterprise", Kind::Required(Field::Enterprise));
            }
            request::check_received(base, &received, &mut p);
        }
        other => type_error(&mut p, "", Want::Object, other),
    }
    Head {
        problems: p,
        name,
        rows,
        received,
    }
}

impl Batch {
    /// Reads and runs one enterprise of a part (`ei`, its place in it).
    pub(super) fn add_enterprise(&mut self, ei: usize, item: &Value, part: &mut Part) {
        let Head {
            problems: p,
            name,
            rows,
            received,
        } = read_head(self.base, item);
        let count = rows.map_or(0, |r| r.len());
        self.rows_read += count;
        let (name, rows) = match (p.finish(()), name, rows) {
            (Ok(()), Some(name), Some(rows)) => (name, rows),
            (result, _, _) => {
                if let Err(e) = result {
                    part.errors
                        .extend(e.problems().iter().map(|p| RowProblem::new(ei, None, p)));
                }
                self.rows_refused += count;
                return;
            }
        };
        let good = self.read_rows(ei, rows, part);
        if good.is_empty() {
            return;
        }
        self.run(ei, name, good, received, part);
    }

    /// Each row read as a request; the good ones in year order, each year once, with their
    /// places in `rows`. The others are refused in `part`.
    fn read_rows(&mut self, ei: usize, rows: &[Value], part: &mut Part) -> Vec<(usize, Request)> {
        let mut good: Vec<(usize, Request)> = Vec::with_capacity(rows.len());
        for (ri, row) in rows.iter().enumerate() {
            match request::read(self.base, row) {
                Ok(req) => {
                    let problem = if !req.already_received.is_empty() {
                        // An enterprise's support received is its own key, not a row's.
                        let expected = vec!["year", "expenses"];
                        Some(("already_received", Kind::UnknownKey { expected }))
                    } else if good.iter().any(|(_, r)| r.year == req.year) {
                        Some(("year", Kind::YearTwice))
                    } else if good.len() >= MAX_PLAN_YEARS {
                        Some(("year", Kind::TooMany { max: MAX_PLAN_YEARS }))
                    } else {
                        None
                    };
                    match problem {
                        Some((path, kind)) => {
                            part.errors
                                .push(RowProblem::new(ei, Some(ri), &Problem::new(path, kind)));
                            self.rows_refused += 1;
                        }
                        None => {
                            // Insertion in year order (a sort would cost the wasm more).
                            let at = good.iter().position(|(_, r)| r.year > req.year).unwrap_or(good.len());
                            good.insert(at, (ri, req));
                        }
                    }
                }
                Err(e) => {
                    part.errors
                        .extend(e.problems().iter().map(|p| RowProblem::new(ei, Some(ri), p)));
                    self.rows_refused += 1;
                }
            }
        }
        good
    }

    /// Runs the good rows as one plan under each policy, adds the figures up, and reports them.
    fn run(&mut self, ei: usize, name: String, good: Vec<(usize, Request)>, received: Vec<Received>, part: &mut Part) {
        self.rows_computed += good.len();
        self.enterprises += 1;
        let order: Vec<usize> = good.iter().map(|(ri, _)| *ri).collect();
        let plan = PlanRequest {
            years: good.into_iter().map(|(_, r)| r).collect(),
            already_received: received,
        };
        let years = engine::plan_figures(self.base, &plan);
        let t = tally(self.base, &years);
        self.acc.add(&t);
        let baseline = figures_of(self.base, &t);
        self.add_range(&plan, &t);
        let changed = match (self.changed, self.changed_acc.as_mut()) {
            (Some(policy), Some(acc)) => {
                let f = figures(policy, &engine::plan_figures(policy, &plan), acc);
                if f != baseline {
                    self.changed_enterprises += 1;
                }
                Some(f)
            }
            _ => None,
        };
        part.enterprises.push(EnterpriseResult {
            index: ei,
            enterprise: name,
            rows: order
                .iter()
                .zip(&years)
                .map(|(&row, y)| RowResult {
                    row,
                    year: y.year,
                    total: Money(y.total),
                    awards_up_to: Money(y.awards_up_to),
                })
                .collect(),
            baseline,
            changed,
        });
    }
}
