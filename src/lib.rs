//! The support an enterprise can expect under the Pinghu cross-border
//! e-commerce plan (平湖市加力推动跨境电商高质量发展实施方案 2024—2027, draft
//! for comment), clause by clause, with exact money and the working shown.
//!
//! The plan is data ([`Policy::builtin`], from `policy/pinghu-2024-2027.toml`);
//! this crate interprets it. Amounts are [`Decimal`]s, rounded to the fen half
//! away from zero (四舍五入). Bad input is answered with an [`Error`] that names
//! every problem by its path, in Chinese and English.
//!
//! ```
//! use pinghu_subsidy::{parse_amount, policy::Kind, Expense, Policy, Request};
//!
//! let policy = Policy::builtin();
//! // An expense category with a rate and nothing else to meet in 2025, as the data has it.
//! let cat = policy.categories.iter()
//!     .find(|c| c.kind == Kind::Expense && c.rate.is_some() && c.required_in(2025).next().is_none())
//!     .unwrap();
//! let req = Request {
//!     year: 2025,
//!     expenses: vec![Expense::new(cat.id, parse_amount("1亿")?)],
//!     ..Default::default()
//! };
//! let estimate = policy.calculate(&req)?;
//! // Far more than the cap allows: the cap, as the policy data states it.
//! let line = estimate.line(cat.id).unwrap();
//! assert!(line.capped);
//! assert_eq!(line.support, cat.cap);
//! assert!(line.explanation.zh.contains("按上限计"));
//! assert_eq!(estimate.total, line.support);
//! // Every result carries the document's notices (a draft's status, ceilings…).
//! assert!(policy.document.notices.iter().all(|n| estimate.has_notice(n.code)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The same engine runs in the browser through `src/wasm.rs`, the only module
//! that knows `wasm_bindgen` (see the README for the JS API).

pub mod amount;
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
pub mod batch;
mod calculate;
mod catalogue;
#[cfg(any(feature = "workspace", not(target_arch = "wasm32")))]
pub mod compare;
mod engine;
pub mod error;
pub mod estimate;
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
mod overlay;
pub mod policy;
pub mod request;
mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(any(feature = "workspace", not(target_arch = "wasm32")))]
pub mod workspace;

// What most code names: the policy, what goes in, what comes out, money. Every other public
// item is in its module (`policy::CapScope`, `estimate::NoticeKind`, `amount::parse_count`…).
#[cfg(any(feature = "batch", not(target_arch = "wasm32")))]
pub use crate::batch::Batch;
pub use crate::{
    amount::{parse_amount, plain},
    error::{Error, Problem},
    estimate::{Estimate, Lang, Line, PlanEstimate, Step},
    policy::{ConditionValue, Policy},
    request::{Expense, PlanRequest, Received, Request},
};
pub use rust_decimal::Decimal;
