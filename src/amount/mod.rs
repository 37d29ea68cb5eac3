//! Reading and writing amounts of money (yuan), and counts (months, events).
//!
//! Accepted: `300000`, `300,000.50`, `180 000` (spaces grouping by three),
//! `180000.` (a trailing point), `¥300000`, `￥300000`, `RMB 180000`, `CNY`,
//! `人民币`, `300000元`, `18万元整`, `30万`, `1.5亿`, `5千`, compounds
//! `18万5千`, `1亿2000万`, `1万2000` (the rest after a unit written in full),
//! full-width digits and punctuation (`３０万`). At most two decimals once in
//! yuan, from 0 to 1,000,000,000,000. Nothing else: no sign, no exponent,
//! no `.5`, no `1万2` (12,000 or 10,002?).
//!
//! One job per file: `parse` reads amounts, `count` reads months and counts, `format` writes
//! amounts and rates, `serde_money` is their serde form. Refusals are [`AmountError`]s, kinds
//! with no words: the catalogue words them.

mod count;
mod format;
mod parse;
pub(crate) mod serde_money;

use rust_decimal::{Decimal, RoundingStrategy};

pub use count::{parse_count, CountKind};
pub(crate) use format::serialize_rate;
pub use format::{money, percent, plain};
pub use parse::{parse_amount, read_number};

/// The largest amount accepted, in yuan.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 1e12

/// Why an amount was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Empty or blank.
    Empty,
    /// A minus sign.
    Negative,
    /// Not a number in any accepted form.
    Format,
    /// More than two decimals once in yuan.
    Precision,
    /// Above [`MAX_AMOUNT`].
    Range,
}

impl AmountError {
    /// The code programs match on; the words are the catalogue's (`zh()`, `en()`, `Display`).
    // Inlined: called from one place in the wasm (a problem's code), where a call costs more bytes.
    #[inline(always)]
    pub fn code(self) -> &'static str {
        match self {
            AmountError::Empty => "amount_empty",
            AmountError::Negative => "amount_negative",
            AmountError::Format => "amount_format",
            AmountError::Precision => "amount_precision",
            AmountError::Range => "amount_range",
        }
    }
}

/// Rounds to the fen, half away from zero (四舍五入).
pub fn round_fen(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_amount_is_one_trillion() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000i64));
    }
}
