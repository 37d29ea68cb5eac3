//! Reading amounts: text as people type it, and JS numbers by their shortest decimal form.

use rust_decimal::Decimal;

use super::AmountError;

/// The text as read: trimmed, full-width forms as ASCII, each run of inner
/// spaces as one `' '`. `None` past 64 characters (nothing useful is longer).
pub(super) fn normalize(input: &str) -> Option<String> {
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
pub(super) fn ungroup(int: &str) -> Option<String> {
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
    // In hundredths, below 1e15: exact as an integer and as an f64. The number has at most two
    // decimals when its hundredths read back as the same f64 (the division rounds correctly, as
    // reading the text "c/100" would); that text is then its shortest form too (decimals of at
    // most 15 significant digits never read as the same f64), so no float is formatted: Rust's
    // float formatting is several KB of the engine's wasm.
    let hundredths = (f * 100.0).round();
    if hundredths / 100.0 != f {
        return Err(AmountError::Precision);
    }
    parse_amount(&hundredths_text(hundredths as u64))
}

/// `12345` hundredths as `"123.45"`, `12340` as `"123.4"`, `12300` as `"123"`.
fn hundredths_text(c: u64) -> String {
    let (whole, cents) = (c / 100, c % 100);
    match (cents / 10, cents % 10) {
        (0, 0) => format!("{whole}"),
        (d, 0) => format!("{whole}.{d}"),
        (d, e) => format!("{whole}.{d}{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::MAX_AMOUNT;

    /// What `read_number` did before (Rust's shortest formatting of the f64), as the oracle.
    fn by_shortest_text(f: f64) -> Result<Decimal, AmountError> {
        let text = f.to_string();
        if text.split_once('.').map_or("", |(_, f)| f).len() > 2 {
            return Err(AmountError::Precision);
        }
        parse_amount(&text)
    }

    #[test]
    fn numbers_are_read_as_their_shortest_text_would_be() {
        // Every hundredth up to 100,000, the same near the range's end, a few thirds and
        // thousandths, and a spread of f64s across the range (each compared with the text form).
        let mut cases: Vec<f64> = (0..10_000_000u64).step_by(11).map(|c| c as f64 / 100.0).collect();
        cases.extend((0..100_000u64).map(|c| (999_999_999_999_000 + c) as f64 / 100.0));
        cases.extend((1..2_000u64).map(|i| i as f64 / 3.0));
        cases.extend((1..2_000u64).map(|i| i as f64 / 1000.0));
        cases.extend((0..200_000u64).map(|i| f64::from_bits(0x3F00_0000_0000_0000 + i * 0x0000_1234_5678_9ABD)));
        cases.extend([0.005, 0.015, 0.1 + 0.2, 1e-7, 9.999_999_999_999_99e12, 1e13 - 0.01]);
        for f in cases.into_iter().filter(|f| f.is_finite() && *f > 0.0 && *f < 1e13) {
            // The same digits and the same scale, not only an equal value.
            let exact = |r: Result<Decimal, AmountError>| r.map(|d| (d.mantissa(), d.scale()));
            assert_eq!(exact(read_number(f)), exact(by_shortest_text(f)), "{f}");
        }
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
}
