//! Reading and writing amounts of money (yuan).
//!
//! Accepted: `300000`, `300,000.50`, `¥300000`, `￥300000`, `300000元`, `30万`,
//! `30万元`, `1.5亿`, full-width digits and punctuation (`３０万`). At most two
//! decimals once in yuan, from 0 to 1,000,000,000,000. Nothing else: no sign,
//! no exponent, no spaces inside, no `.5` or `5.`.

use rust_decimal::{Decimal, RoundingStrategy};

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
    pub fn code(self) -> &'static str {
        match self {
            AmountError::Empty => "amount_empty",
            AmountError::Negative => "amount_negative",
            AmountError::Format => "amount_format",
            AmountError::Precision => "amount_precision",
            AmountError::Range => "amount_range",
        }
    }

    /// What is wrong, in Chinese (from the catalogue).
    pub fn zh(self) -> &'static str {
        crate::catalogue::amount_error(self).0
    }

    /// What is wrong, in English (from the catalogue).
    pub fn en(self) -> &'static str {
        crate::catalogue::amount_error(self).1
    }
}

impl std::fmt::Display for AmountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.zh(), self.en())
    }
}

impl std::error::Error for AmountError {}

/// Reads an amount in yuan.
///
/// ```
/// use pinghu_subsidy::parse_amount;
/// assert_eq!(parse_amount("30万").unwrap().to_string(), "300000");
/// assert_eq!(parse_amount("￥1,234.5元").unwrap().to_string(), "1234.5");
/// assert!(parse_amount("1e3").is_err());
/// ```
pub fn parse_amount(input: &str) -> Result<Decimal, AmountError> {
    // Full-width forms to ASCII; at most 64 characters are worth reading.
    let mut s = String::with_capacity(input.len());
    for (i, c) in input.trim().chars().enumerate() {
        if i >= 64 {
            return Err(AmountError::Format);
        }
        s.push(match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '￥' => '¥',
            c => c,
        });
    }
    let mut s = s.as_str();
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix("¥-")) {
        // A minus sign is refused, except on zero: "-0" is 0, as the number -0 is.
        return match parse_amount(rest) {
            Ok(d) if d.is_zero() => Ok(Decimal::ZERO),
            _ => Err(AmountError::Negative),
        };
    }
    s = s.strip_prefix('¥').unwrap_or(s);
    s = s.strip_suffix('元').unwrap_or(s);
    let (s, scale) = if let Some(n) = s.strip_suffix('万') {
        (n, 4)
    } else if let Some(n) = s.strip_suffix('亿') {
        (n, 8)
    } else {
        (s, 0)
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let int = ungroup(int).ok_or(AmountError::Format)?;
    let frac = match frac {
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => return Err(AmountError::Format),
        Some(f) => f,
        None => "",
    };
    // Digits with the decimal point moved `scale` places right.
    let frac_digits = frac.trim_end_matches('0');
    if frac_digits.len() > 2 + scale {
        return Err(AmountError::Precision);
    }
    let int = int.trim_start_matches('0');
    if int.len() + scale > 13 {
        return Err(AmountError::Range);
    }
    let mut digits = String::with_capacity(int.len() + frac_digits.len() + 1);
    digits.push_str(int);
    digits.push_str(frac_digits);
    let m: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| AmountError::Format)?
    };
    let exp = scale as i64 - frac_digits.len() as i64; // value = m × 10^exp
    let value = if exp >= 0 {
        Decimal::from(m) * Decimal::from(10i64.pow(exp as u32))
    } else {
        Decimal::new(m, (-exp) as u32)
    };
    if value > MAX_AMOUNT {
        return Err(AmountError::Range);
    }
    Ok(value)
}

/// The integer part without thousands separators: `300,000` → `300000`.
/// Separators, when used, must group by three.
fn ungroup(int: &str) -> Option<String> {
    if int.is_empty() || int.len() > 40 {
        return None;
    }
    if !int.contains(',') {
        return int.bytes().all(|b| b.is_ascii_digit()).then(|| int.to_string());
    }
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok).then(|| groups.concat())
}

/// Reads a JS number (an `f64`) as an amount by its shortest decimal form:
/// `100.05` is 100.05, never 100.049999…; `-0` is 0.
pub fn read_number(f: f64) -> Result<Decimal, AmountError> {
    if !f.is_finite() {
        return Err(AmountError::Format);
    }
    if f == 0.0 {
        return Ok(Decimal::ZERO);
    }
    if f < 0.0 {
        return Err(AmountError::Negative);
    }
    if f >= 1e13 {
        return Err(AmountError::Range);
    }
    // Rust prints the shortest form that reads back as the same f64, without an exponent.
    let text = f.to_string();
    let frac = text.split_once('.').map_or("", |(_, f)| f);
    if frac.len() > 2 {
        return Err(AmountError::Precision);
    }
    parse_amount(&text)
}

/// Rounds to the fen, half away from zero (四舍五入).
pub fn round_fen(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `300000` → `"300000.00"`: the form amounts cross the JS boundary in.
pub fn plain(d: Decimal) -> String {
    let mut out = String::with_capacity(24);
    plain_into(&mut out, d);
    out
}

/// Writes `plain(d)` into `out` without a string of its own.
pub(crate) fn plain_into(out: &mut String, d: Decimal) {
    // Amounts are mostly exact to the fen already: rounding is only paid when needed.
    let r = if d.scale() > 2 { round_fen(d) } else { d };
    // The fen as a whole number, written digit by digit (much faster than `Display`).
    let mut fen = r.mantissa().unsigned_abs();
    for _ in r.scale()..2 {
        fen *= 10;
    }
    // Every amount we accept fits in 64 bits: 128-bit division is a slow library call.
    let mut fen = u64::try_from(fen).unwrap_or(u64::MAX);
    // Least significant first, with the point after the first two digits.
    let mut text = [0u8; 44];
    let mut n = 0;
    while fen > 0 || n < 4 {
        if n == 2 {
            text[n] = b'.';
            n += 1;
        }
        text[n] = b'0' + (fen % 10) as u8;
        fen /= 10;
        n += 1;
    }
    if r.is_sign_negative() && !r.is_zero() {
        text[n] = b'-';
        n += 1;
    }
    text[..n].reverse();
    out.push_str(core::str::from_utf8(&text[..n]).unwrap_or("0.00"));
}

/// `300000` → `"¥300,000.00"`: the form amounts take in explanations.
pub fn money(d: Decimal) -> String {
    let p = plain(d);
    let (int, frac) = p.split_once('.').unwrap_or((&p, "00"));
    let (sign, int) = match int.strip_prefix('-') {
        Some(i) => ("-", i),
        None => ("", int),
    };
    let mut out = String::with_capacity(p.len() + 8);
    out.push_str(sign);
    out.push('¥');
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push('.');
    out.push_str(frac);
    out
}

/// `0.5` → `"50%"`, `0.125` → `"12.5%"`.
pub fn percent(rate: Decimal) -> String {
    let mut s = decimal_text(rate * Decimal::ONE_HUNDRED);
    s.push('%');
    s
}

/// `0.50` → `"0.5"`: the shortest form, written by hand (rust_decimal's
/// `Display` is a kilobyte of wasm the rest of the crate does not need).
pub fn decimal_text(d: Decimal) -> String {
    let d = d.normalize();
    let scale = d.scale() as usize;
    let mut m = d.mantissa().unsigned_abs();
    let mut digits = Vec::with_capacity(32);
    while m > 0 || digits.len() <= scale {
        digits.push(b'0' + (m % 10) as u8);
        m /= 10;
    }
    let mut out = String::with_capacity(digits.len() + 2);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    for (i, c) in digits.iter().enumerate().rev() {
        out.push(char::from(*c));
        if i == scale && scale > 0 {
            out.push('.');
        }
    }
    out
}

/// Serde forms of amounts: written as `"300000.00"`, read from a number
/// (by its shortest decimal form) or a string in any form [`parse_amount`] takes.
pub mod serde_money {
    use rust_decimal::Decimal;
    use serde::de::{self, Deserializer, Visitor};
    use serde::Serializer;

    use super::{parse_amount, plain, read_number, AmountError};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&plain(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(AmountVisitor)
    }

    struct AmountVisitor;

    fn fail<E: de::Error>(e: AmountError) -> E {
        E::custom(format_args!("{}: {}", e.code(), e.en()))
    }

    impl Visitor<'_> for AmountVisitor {
        type Value = Decimal;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an amount in yuan, as a number or a string")
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Decimal, E> {
            parse_amount(s).map_err(fail)
        }

        fn visit_f64<E: de::Error>(self, f: f64) -> Result<Decimal, E> {
            read_number(f).map_err(fail)
        }

        fn visit_i64<E: de::Error>(self, i: i64) -> Result<Decimal, E> {
            read_number(i as f64).map_err(fail)
        }

        fn visit_u64<E: de::Error>(self, u: u64) -> Result<Decimal, E> {
            read_number(u as f64).map_err(fail)
        }
    }

    /// The same for an optional amount: absent or null is `None`.
    pub mod opt {
        use rust_decimal::Decimal;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            #[derive(Deserialize)]
            struct Wrap(#[serde(with = "super")] Decimal);
            Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
        }
    }
}

/// A rate as the API shows it: `Some(0.50)` is `"0.5"`, `None` is `null`.
pub(crate) fn serialize_rate<S: serde::Serializer>(rate: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match rate {
        Some(r) => s.serialize_str(&decimal_text(*r)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_amount_is_one_trillion() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000i64));
    }

    #[test]
    fn numbers_are_read_by_their_shortest_form() {
        assert_eq!(read_number(100.05).unwrap().to_string(), "100.05");
        assert_eq!(read_number(-0.0).unwrap(), Decimal::ZERO);
        assert_eq!(read_number(0.1 + 0.2), Err(AmountError::Precision));
        assert_eq!(read_number(5e-324), Err(AmountError::Precision));
        assert_eq!(read_number(1e308), Err(AmountError::Range));
        assert_eq!(read_number(-1.0), Err(AmountError::Negative));
        assert_eq!(read_number(f64::NAN), Err(AmountError::Format));
        assert_eq!(read_number(1e12).unwrap(), MAX_AMOUNT);
        assert_eq!(read_number(1e12 + 1.0), Err(AmountError::Range));
    }

    #[test]
    fn a_minus_sign_is_refused_except_on_zero() {
        assert_eq!(parse_amount("-0").unwrap(), Decimal::ZERO);
        assert_eq!(parse_amount("-0.00").unwrap(), Decimal::ZERO);
        assert_eq!(parse_amount("-5"), Err(AmountError::Negative));
        assert_eq!(parse_amount("¥-5"), Err(AmountError::Negative));
    }

    #[test]
    fn formats() {
        assert_eq!(money(Decimal::new(30000050, 2)), "¥300,000.50");
        assert_eq!(money(Decimal::ZERO), "¥0.00");
        assert_eq!(money(Decimal::from(100)), "¥100.00");
        assert_eq!(money(Decimal::from(1000)), "¥1,000.00");
        assert_eq!(plain(Decimal::new(50025, 3)), "50.03");
        assert_eq!(plain(Decimal::new(5, 3)), "0.01");
        assert_eq!(plain(Decimal::new(-5, 1)), "-0.50");
        assert_eq!(plain(Decimal::new(7, 0)), "7.00");
        assert_eq!(plain(Decimal::from(1_000_000_000_000i64)), "1000000000000.00");
        assert_eq!(plain(Decimal::new(1234, 4)), "0.12");
        assert_eq!(percent(Decimal::new(5, 1)), "50%");
        assert_eq!(percent(Decimal::ONE), "100%");
        assert_eq!(percent(Decimal::new(125, 3)), "12.5%");
        assert_eq!(decimal_text(Decimal::new(50, 2)), "0.5");
        assert_eq!(decimal_text(Decimal::new(1, 0)), "1");
        assert_eq!(decimal_text(Decimal::new(100, 0)), "100");
        assert_eq!(decimal_text(Decimal::new(5, 3)), "0.005");
        assert_eq!(decimal_text(Decimal::ZERO), "0");
        assert_eq!(decimal_text(Decimal::new(-125, 1)), "-12.5");
    }
}
