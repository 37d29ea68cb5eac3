mod amount;
mod engine;
mod error;
mod json;
mod policy;
mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use amount::{money, parse_amount, percent, plain, round_fen, AmountError, MAX_AMOUNT};
pub use engine::{Estimate, Expense, Line, Message, Notice, Request};
pub use error::{Error, Problem};
pub use policy::*;
pub use rust_decimal::Decimal;
pub use json::estimate_json;
pub use value::{read_amount, read_amount_value, Value};
