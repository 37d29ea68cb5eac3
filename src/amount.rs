//! Reading and writing amounts of money (yuan), and counts (months, events).
//!
//! Accepted: `300000`, `300,000.50`, `180 000` (spaces grouping by three),
//! `180000.` (a trailing point), `¥300000`, `￥300000`, `RMB 180000`, `CNY`,
//! `人民币`, `300000元`, `18万元整`, `30万`, `1.5亿`, `5千`, compounds
//! `18万5千`, `1亿2000万`, `1万2000` (the rest after a unit written in full),
//! full-width digits and punctuation (`３０万`). At most two decimals once in
//! yuan, from 0 to 1,000,000,000,000. Nothing else: no sign, no exponent,
//! no `.5`, no `1万2` (12,000 or 10,002?).

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

/// The text as read: trimmed, full-width forms as ASCII, each run of inner
/// spaces as one `' '`. `None` past 64 characters (nothing useful is longer).
fn normalize(input: &str) -> Option<String> {
    let mut s = String::with_capacity(input.len());
    for (i, c) in input.trim().chars().enumerate() {
        if i >= 64 {
            return None;
        }
        let c = match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '￥' => '¥',
            '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{3000}' => ' ',
            c => c,
        };
        if !(c == ' ' && s.ends_with(' ')) {
            s.push(c);
        }
    }
    Some(s)
}

/// Spaces between two digits group them by three (`180 000` is `180,000`);
/// any other space (`18 万`, `RMB 5`) is dropped.
fn unspace(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c != ' ' {
            out.push(c);
        } else if i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
            out.push(',');
        }
    }
    out
}

/// `s` without a leading currency name: `¥`, `RMB`, `CNY` (any case), `人民币`.
fn strip_currency(s: &str) -> &str {
    if let Some(r) = s.strip_prefix('¥').or_else(|| s.strip_prefix("人民币")) {
        return r;
    }
    match s.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("RMB") || p.eq_ignore_ascii_case("CNY") => &s[3..],
        _ => s,
    }
}

/// Reads an amount in yuan (as a `Decimal` with two decimals: whole fen).
///
/// ```
/// use pinghu_subsidy::{parse_amount, Decimal};
/// assert_eq!(parse_amount("30万").unwrap(), Decimal::from(300_000));
/// assert_eq!(parse_amount("￥1,234.5元").unwrap().to_string(), "1234.50");
/// assert_eq!(parse_amount("18万5千").unwrap(), Decimal::from(185_000));
/// assert_eq!(parse_amount("RMB 180 000").unwrap(), Decimal::from(180_000));
/// assert!(parse_amount("1e3").is_err());
/// ```
pub fn parse_amount(input: &str) -> Result<Decimal, AmountError> {
    let s = normalize(input).ok_or(AmountError::Format)?;
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    let s = unspace(&s);
    let s = strip_currency(&s);
    if let Some(rest) = s.strip_prefix('-') {
        // A minus sign is refused, except on zero: "-0" is 0, as the number -0 is.
        return match body(rest) {
            Ok(d) if d.is_zero() => Ok(Decimal::ZERO),
            _ => Err(AmountError::Negative),
        };
    }
    body(s)
}

/// The amount after its currency name: numbers with units, then `元` or `元整`.
/// Worked in whole fen (a `u64`: 1,000,000,000,000 yuan is 10^14 fen), so no decimal arithmetic.
fn body(s: &str) -> Result<Decimal, AmountError> {
    let s = s.strip_suffix("元整").or_else(|| s.strip_suffix('元')).unwrap_or(s);
    let mut rest = s;
    let mut fen: u64 = 0;
    // The scale of the last unit (亿 8, 万 4, 千 3); units only go down.
    let mut last: Option<u32> = None;
    loop {
        let (end, scale, width) = match rest.char_indices().find(|(_, c)| matches!(c, '亿' | '万' | '千')) {
            Some((i, '亿')) => (i, 8, 3),
            Some((i, '万')) => (i, 4, 3),
            Some((i, _)) => (i, 3, 3),
            None => (rest.len(), 0, 0),
        };
        let num = &rest[..end];
        let after = &rest[end + width..];
        let value = match last {
            None => segment(num, scale, !after.is_empty())?,
            // A unit's number is below the unit before it, and only the last has decimals.
            Some(prev) if width > 0 && scale < prev => segment(num, scale, !after.is_empty())?,
            // The rest after a unit is written in full: `1万2000`, never `1万2`.
            Some(prev) if width == 0 && num.len() == prev as usize => segment(num, 0, true)?,
            Some(_) => return Err(AmountError::Format),
        };
        if let Some(prev) = last {
            if value >= 10u64.pow(prev + 2) {
                return Err(AmountError::Format);
            }
        }
        fen += value;
        if after.is_empty() {
            break;
        }
        last = Some(scale);
        rest = after;
    }
    if fen > 100_000_000_000_000 {
        return Err(AmountError::Range);
    }
    Ok(Decimal::new(fen as i64, 2))
}

/// One number in fen, times 10^`scale`: `1.5` with scale 4 is 1,500,000 fen. `whole`: no decimals allowed.
fn segment(s: &str, scale: u32, whole: bool) -> Result<u64, AmountError> {
    let (int, frac) = match s.split_once('.') {
        Some(_) if whole => return Err(AmountError::Format),
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let int = ungroup(int).ok_or(AmountError::Format)?;
    // A trailing point (`180000.`) is read as no decimals.
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountError::Format);
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > 2 + scale as usize {
        return Err(AmountError::Precision);
    }
    let int = int.trim_start_matches('0');
    if int.len() + scale as usize > 13 {
        return Err(AmountError::Range);
    }
    // The digits, then zeros up to the fen: at most 13 + 2 digits, well within a u64.
    let mut fen: u64 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        fen = fen * 10 + u64::from(b - b'0');
    }
    Ok(fen * 10u64.pow(scale + 2 - frac.len() as u32))
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

/// What a count counts: months read `1年` as 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountKind {
    /// Months: `14`, `10个月`, `1年`, `一年`, `1年6个月`, `12 months`, `1 year`.
    Months,
    /// Events, visits: `12`, `12场`, `200家次`, `1,000`.
    Count,
}

/// Reads a whole number typed as text: digits (full-width too, grouped by
/// three), a small Chinese numeral (`十二`), and for months `年`/`个月`.
/// `None` for anything else (`10.5`, `-1`, `10月`, `一年半`).
///
/// ```
/// use pinghu_subsidy::{parse_count, CountKind};
/// assert_eq!(parse_count("10个月", CountKind::Months), Some(10));
/// assert_eq!(parse_count("一年", CountKind::Months), Some(12));
/// assert_eq!(parse_count("200家次", CountKind::Count), Some(200));
/// assert_eq!(parse_count("10.5", CountKind::Months), None);
/// ```
pub fn parse_count(input: &str, kind: CountKind) -> Option<u64> {
    let mut s = normalize(input)?;
    s.retain(|c| c != ' ');
    s.make_ascii_lowercase();
    let units: &[&str] = match kind {
        CountKind::Count => &["家次", "场", "次", "家", "个"],
        CountKind::Months => &["个月", "months", "month"],
    };
    let strip = |t: &'_ str| -> Option<u64> { number(units.iter().find_map(|u| t.strip_suffix(u)).unwrap_or(t)) };
    if kind == CountKind::Count {
        return strip(&s);
    }
    // Months: years first (`1年6个月`), then months.
    let (years, months) = match s.split_once('年') {
        Some((y, m)) => (Some(y), m),
        None => match s.strip_suffix("years").or_else(|| s.strip_suffix("year")) {
            Some(y) => (Some(y), ""),
            None => (None, s.as_str()),
        },
    };
    let months = match (years, months) {
        (Some(_), "") => 0,
        _ => strip(months)?,
    };
    let years = match years {
        Some(y) => number(y)?.checked_mul(12)?,
        None => 0,
    };
    years.checked_add(months)
}

/// Digits (grouped by three or not, at most 15) or a Chinese numeral below 100.
fn number(s: &str) -> Option<u64> {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        let d = ungroup(s)?;
        return (d.len() <= 15).then(|| d.bytes().fold(0, |n, b| n * 10 + u64::from(b - b'0')));
    }
    // One Chinese digit, 零 to 九 (两 is 2): compared as UTF-8 bytes, three each.
    let one = |t: &str| -> Option<u64> {
        if t == "两" {
            return Some(2);
        }
        "零一二三四五六七八九"
            .as_bytes()
            .chunks(3)
            .position(|c| c == t.as_bytes())
            .map(|d| d as u64)
    };
    match s.split_once('十') {
        None => one(s),
        // 十, 十二, 二十, 二十五.
        Some((t, u)) => {
            let t = if t.is_empty() { 1 } else { one(t)? };
            let u = if u.is_empty() { 0 } else { one(u)? };
            Some(t * 10 + u)
        }
    }
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
