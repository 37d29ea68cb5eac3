//! Writing amounts and rates: `"300000.00"` at the boundary, `¥300,000.00` in explanations.

use rust_decimal::Decimal;

use super::round_fen;

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
fn decimal_text(d: Decimal) -> String {
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
