//! The one public error type: every problem found in an input, each with its
//! field. What went wrong is a private, typed `Kind` with its arguments; its
//! code is here (`Kind::code`), its words are the catalogue's, which also
//! writes a problem's `Display` and JSON form (`{ path, code, zh, en }`).

use crate::amount::AmountError;

/// At most this many problems are listed; the rest are counted in one more.
pub const MAX_PROBLEMS: usize = 100;

/// What a field should have held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Want {
    Object,
    Array,
    WholeYear,
    CategoryId,
    Amount,
    Bool,
    WholeNumber,
}

/// What a field held instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Got {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    /// A value no JSON-like input has: see [`crate::value::Unsupported`].
    Unsupported(crate::value::Unsupported),
}

/// A field that is required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Year,
    Expenses,
    Category,
    Amount,
    Years,
    /// A batch row's enterprise.
    #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
    Enterprise,
}

/// What is wrong, typed. Each kind has one code and one text per language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Required(Field),
    Type {
        want: Want,
        got: Got,
    },
    UnknownKey {
        expected: Vec<&'static str>,
    },
    UnknownCategory(String),
    UnknownCondition {
        category_zh: &'static str,
        category_en: &'static str,
    },
    DuplicateCondition,
    TooMany {
        max: usize,
    },
    TooLarge,
    YearRange,
    /// A year of a plan given twice.
    YearTwice,
    /// A year of a plan before the one above it.
    YearOrder,
    /// More items with other support in one category than the engine weighs.
    TooManyOtherSupport {
        max: usize,
    },
    Negative,
    Amount(AmountError),
    /// An overlay parameter the policy does not have (`category.rate|cap|cap_period`).
    #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
    UnknownParameter,
    /// An overlay rate above 100%.
    #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
    RateRange,
    /// An overlay cap period the policy does not have.
    #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
    UnknownCapPeriod,
    /// A count or a number of months typed as text we cannot read (`10.5个月`).
    Count(crate::amount::CountKind),
    /// More problems than [`MAX_PROBLEMS`]: how many were left out.
    More(usize),
}

impl Kind {
    /// The code programs match on.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            Kind::Required(_) => "required",
            Kind::Type { .. } => "type",
            Kind::UnknownKey { .. } => "unknown_key",
            Kind::UnknownCategory(_) => "unknown_category",
            Kind::UnknownCondition { .. } => "unknown_condition",
            Kind::DuplicateCondition => "duplicate",
            Kind::TooMany { .. } => "too_many",
            Kind::TooLarge => "too_large",
            Kind::YearRange => "year_range",
            Kind::YearTwice => "year_twice",
            Kind::YearOrder => "year_order",
            Kind::TooManyOtherSupport { .. } => "too_many_other_support",
            Kind::Negative => "negative",
            Kind::Amount(e) => e.code(),
            #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
            Kind::UnknownParameter => "unknown_parameter",
            #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
            Kind::RateRange => "rate_range",
            #[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
            Kind::UnknownCapPeriod => "unknown_cap_period",
            Kind::Count(_) => "count_format",
            Kind::More(_) => "more_problems",
        }
    }
}

/// One problem with one field of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub(crate) path: String,
    pub(crate) kind: Kind,
}

impl Problem {
    pub(crate) fn new(path: impl Into<String>, kind: Kind) -> Problem {
        Problem {
            path: path.into(),
            kind,
        }
    }

    /// Where: `year`, `expenses[2].amount`, `expenses[0].conditions.showroom_months`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What, for programs: `required`, `type`, `unknown_key`, `amount_format`…
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

/// An input that cannot be calculated, with every problem found in it.
///
/// ```
/// use pinghu_subsidy::{Policy, Request, Expense};
/// let req = Request { year: 2025, expenses: vec![Expense::new("no_such_thing", pinghu_subsidy::Decimal::ONE)], ..Default::default() };
/// let err = Policy::builtin().calculate(&req).unwrap_err();
/// assert_eq!(err.problems()[0].path(), "expenses[0].category");
/// assert_eq!(err.problems()[0].code(), "unknown_category");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub(crate) problems: Vec<Problem>,
}

impl Error {
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// Collects problems while an input is read: the first [`MAX_PROBLEMS`] are
/// kept, the rest only counted, so a hostile input costs linear time.
#[derive(Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    dropped: usize,
}

impl Problems {
    pub fn push(&mut self, path: impl Into<String>, kind: Kind) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem::new(path, kind));
        } else {
            self.dropped += 1;
        }
    }

    /// Whether `path` already has a problem.
    pub fn has(&self, path: &str) -> bool {
        self.list.iter().any(|p| p.path == path)
    }

    pub fn finish<T>(mut self, value: T) -> Result<T, Error> {
        if self.list.is_empty() {
            return Ok(value);
        }
        if self.dropped > 0 {
            self.list.push(Problem::new("input", Kind::More(self.dropped)));
        }
        Err(Error { problems: self.list })
    }
}
