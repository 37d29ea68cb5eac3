//! Reading months and counts typed as text.

use super::parse::{normalize, ungroup};

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
/// use pinghu_subsidy::amount::{parse_count, CountKind};
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
