//! The one error type: every problem found in a request, each with its field.

use std::fmt;

/// One problem with one field of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: `year`, `expenses[2].amount`, `expenses[0].conditions.showroom_months`.
    pub path: String,
    /// What, for programs: `required`, `type`, `unknown_key`, `amount_format`…
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

/// A request that cannot be calculated, with every problem found in it.
///
/// ```
/// use pinghu_subsidy::{Policy, Request, Expense};
/// let req = Request { year: 2025, expenses: vec![Expense::new("no_such_thing", pinghu_subsidy::Decimal::ONE)] };
/// let err = Policy::builtin().calculate(&req).unwrap_err();
/// assert_eq!(err.problems()[0].path, "expenses[0].category");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    pub(crate) fn new(problems: Vec<Problem>) -> Error {
        debug_assert!(!problems.is_empty());
        Error { problems }
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {} / {}", p.path, p.zh, p.en)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Collects problems while a request is read.
#[derive(Default)]
pub(crate) struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, path: impl Into<String>, code: &'static str, zh: impl Into<String>, en: impl Into<String>) {
        self.0.push(Problem { path: path.into(), code, zh: zh.into(), en: en.into() });
    }

    pub fn finish<T>(self, value: T) -> Result<T, Error> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Error::new(self.0))
        }
    }
}
