//! The amount parser: every accepted form, and what it refuses and why.
#![cfg(not(target_arch = "wasm32"))]

use pinghu_subsidy::amount::{parse_count, read_number, AmountError, CountKind};
use pinghu_subsidy::{parse_amount, plain};

const ACCEPTED: &[(&str, &str, &str)] = &[
    ("plain yuan", "300000", "300000.00"),
    ("thousands separators and fen", "300,000.50", "300000.50"),
    ("a yen sign", "¥300000", "300000.00"),
    ("a full-width yen sign", "￥300000", "300000.00"),
    ("yuan written after", "300000元", "300000.00"),
    ("wan", "30万", "300000.00"),
    ("wan yuan", "30万元", "300000.00"),
    ("yi with a decimal", "1.5亿", "150000000.00"),
    ("full-width digits", "３０万", "300000.00"),
    ("full-width point and comma", "１，２３４．５", "1234.50"),
    ("wan with six decimals is still whole fen", "1.234567万", "12345.67"),
    ("yi with ten decimals is still whole fen", "0.0000000001亿", "0.01"),
    ("surrounding spaces", "  1200 ", "1200.00"),
    ("zero", "0", "0.00"),
    ("zero fen", "0.00", "0.00"),
    ("trailing zeros beyond fen", "1.2300", "1.23"),
    ("leading zeros", "007", "7.00"),
    ("the largest amount", "1,000,000,000,000", "1000000000000.00"),
    ("the largest amount in yi", "10000亿", "1000000000000.00"),
    ("a one-digit first group", "1,000", "1000.00"),
    ("yen sign, separators and yuan", "¥1,234.56元", "1234.56"),
    // As people type them (issue 10).
    ("a space before the unit", "18 万", "180000.00"),
    ("spaces grouping by three", "180 000", "180000.00"),
    (
        "a full-width space grouping by three",
        "1\u{3000}234\u{3000}567",
        "1234567.00",
    ),
    ("several spaces count as one", "180   000", "180000.00"),
    ("a trailing point", "180000.", "180000.00"),
    ("a trailing point before the unit", "18.万", "180000.00"),
    ("yuan, in full (元整)", "18万元整", "180000.00"),
    ("元整 after plain yuan", "180000元整", "180000.00"),
    ("RMB before, with a space", "RMB 180000", "180000.00"),
    ("rmb in lower case", "rmb180000", "180000.00"),
    ("CNY before", "CNY 180,000.50", "180000.50"),
    ("人民币 before", "人民币18万元", "180000.00"),
    ("qian", "5千", "5000.00"),
    ("wan then qian", "18万5千", "185000.00"),
    ("wan then qian then yuan in full", "18万5千元整", "185000.00"),
    ("yi then wan", "1亿2000万", "120000000.00"),
    ("yi then wan with a decimal", "1亿2000.5万", "120005000.00"),
    ("yi, wan and qian", "1亿2万3千", "100023000.00"),
    ("wan then the rest in full", "1万2000", "12000.00"),
    ("wan then the rest in full with a leading zero", "18万0500", "180500.00"),
    ("full-width compound", "１８万５千", "185000.00"),
];

const REFUSED: &[(&str, &str, AmountError)] = &[
    ("empty", "", AmountError::Empty),
    ("blank", "   ", AmountError::Empty),
    ("letters", "abc", AmountError::Format),
    ("negative", "-5", AmountError::Negative),
    ("full-width minus", "－5", AmountError::Negative),
    ("three decimals", "1.234", AmountError::Precision),
    ("wan with seven decimals", "1.2345678万", AmountError::Precision),
    ("exponent", "1e3", AmountError::Format),
    ("two units", "30万万", AmountError::Format),
    ("wan then yi", "1万亿", AmountError::Format),
    ("bad grouping", "1,2345", AmountError::Format),
    ("a four-digit first group", "1234,567", AmountError::Format),
    ("a leading point", ".5", AmountError::Format),
    ("two points", "1.2.3", AmountError::Format),
    ("a space inside a group of three", "3 0", AmountError::Format),
    ("spaces grouping by four", "18 0000", AmountError::Format),
    ("a space inside a decimal", "1.2 5", AmountError::Format),
    (
        "a bare rest after a unit is ambiguous (12,000 or 10,002?)",
        "1万2",
        AmountError::Format,
    ),
    ("a rest after a unit too long", "1万20000", AmountError::Format),
    ("units that go up", "5千18万", AmountError::Format),
    (
        "a unit's number as large as the unit before",
        "1万10千",
        AmountError::Format,
    ),
    ("a decimal before a later unit", "1.5万3千", AmountError::Format),
    ("整 without 元", "18万整", AmountError::Format),
    ("元 twice", "18万元元", AmountError::Format),
    ("a currency name alone", "RMB", AmountError::Format),
    ("a currency name after", "180000 RMB", AmountError::Format),
    ("two currency names", "RMB ¥180000", AmountError::Format),
    ("US dollars", "USD 180000", AmountError::Format),
    ("Chinese numerals in an amount", "十八万", AmountError::Format),
    ("a minus after RMB", "RMB -5", AmountError::Negative),
    ("a yen sign alone", "¥", AmountError::Format),
    ("a unit alone", "万", AmountError::Format),
    ("Infinity", "Infinity", AmountError::Format),
    ("NaN", "NaN", AmountError::Format),
    ("hex", "0x10", AmountError::Format),
    ("a plus sign", "+5", AmountError::Format),
    ("over one trillion", "1000000000000.01", AmountError::Range),
    ("over one trillion in yi", "10001亿", AmountError::Range),
    (
        "very long digits",
        "99999999999999999999999999999999",
        AmountError::Range,
    ),
    (
        "longer than anything useful",
        "1111111111111111111111111111111111111111111111111111111111111111111",
        AmountError::Format,
    ),
    ("markup", "<img src=x onerror=alert(1)>", AmountError::Format),
    ("a dollar sign", "$5", AmountError::Format),
    ("yuan before the unit", "30元万", AmountError::Format),
];

/// Months and counts typed as text (conditions such as `showroom_months`).
const COUNTS: &[(&str, &str, CountKind, Option<u64>)] = &[
    ("months as digits", "14", CountKind::Months, Some(14)),
    ("months with 个月", "10个月", CountKind::Months, Some(10)),
    ("months with a space", "10 个月", CountKind::Months, Some(10)),
    ("a year is 12 months", "1年", CountKind::Months, Some(12)),
    ("a year in words is 12 months", "一年", CountKind::Months, Some(12)),
    ("two years in words", "两年", CountKind::Months, Some(24)),
    ("twelve months in words", "十二个月", CountKind::Months, Some(12)),
    ("eleven months in words", "十一个月", CountKind::Months, Some(11)),
    ("twenty months in words", "二十个月", CountKind::Months, Some(20)),
    ("a year and six months", "1年6个月", CountKind::Months, Some(18)),
    ("months in English", "12 months", CountKind::Months, Some(12)),
    ("one month in English", "1 month", CountKind::Months, Some(1)),
    ("a year in English", "1 year", CountKind::Months, Some(12)),
    ("years in English", "2 Years", CountKind::Months, Some(24)),
    ("full-width months", "１０个月", CountKind::Months, Some(10)),
    ("zero months", "0个月", CountKind::Months, Some(0)),
    ("months with a decimal are refused", "10.5个月", CountKind::Months, None),
    ("a negative number of months is refused", "-1", CountKind::Months, None),
    (
        "月 alone reads as a month of the year and is refused",
        "10月",
        CountKind::Months,
        None,
    ),
    (
        "a year and a half in words is refused",
        "一年半",
        CountKind::Months,
        None,
    ),
    ("a unit alone is refused", "个月", CountKind::Months, None),
    ("words are refused", "ten months", CountKind::Months, None),
    ("a year unit for a count is refused", "1年", CountKind::Count, None),
    ("a count as digits", "200", CountKind::Count, Some(200)),
    ("a count grouped by three", "1,000", CountKind::Count, Some(1000)),
    ("a count with 家次", "200家次", CountKind::Count, Some(200)),
    ("a count with 场", "12场", CountKind::Count, Some(12)),
    ("a count in words", "十二场", CountKind::Count, Some(12)),
    ("a count with a decimal is refused", "12.5", CountKind::Count, None),
    ("a count with months is refused", "12个月", CountKind::Count, None),
    ("an empty count is refused", "", CountKind::Count, None),
    ("sixteen digits are refused", "1234567890123456", CountKind::Count, None),
];

#[test]
fn counts_as_people_type_them() {
    let mut wrong = Vec::new();
    for (why, input, kind, want) in COUNTS {
        let got = parse_count(input, *kind);
        if got != *want {
            wrong.push(format!("{why}: {input:?} gave {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The refusal of an unreadable amount shows forms a person types.
#[test]
fn the_format_error_gives_examples_in_everyday_forms() {
    let e = AmountError::Format;
    assert!(e.zh().contains("18万5千") && e.en().contains("18万5千"), "{e}");
}

#[test]
fn accepted_forms() {
    let mut wrong = Vec::new();
    for (why, input, want) in ACCEPTED {
        match parse_amount(input) {
            Ok(d) if plain(d) == *want => {}
            other => wrong.push(format!("{why}: {input:?} gave {other:?}, want {want}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn refused_forms() {
    let mut wrong = Vec::new();
    for (why, input, want) in REFUSED {
        match parse_amount(input) {
            Err(e) if e == *want => {}
            other => wrong.push(format!("{why}: {input:?} gave {other:?}, want {want:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// JS numbers arrive as `f64`s and are read by their shortest decimal form.
#[test]
fn numbers_from_js() {
    let n = |f: f64| read_number(f).map(plain);
    assert_eq!(n(100.05), Ok("100.05".into()));
    assert_eq!(n(300000.0), Ok("300000.00".into()));
    assert_eq!(n(-0.0), Ok("0.00".into()));
    assert_eq!(n(-5.0), Err(AmountError::Negative));
    assert_eq!(n(0.1), Ok("0.10".into()));
    assert_eq!(n(1.005), Err(AmountError::Precision));
    assert_eq!(n(0.1 + 0.2), Err(AmountError::Precision));
    assert_eq!(n(f64::NAN), Err(AmountError::Format));
    assert_eq!(n(f64::INFINITY), Err(AmountError::Format));
    assert_eq!(n(f64::NEG_INFINITY), Err(AmountError::Format));
    assert_eq!(n(1e308), Err(AmountError::Range));
    assert_eq!(n(5e-324), Err(AmountError::Precision));
    assert_eq!(n(9007199254740993.0), Err(AmountError::Range)); // 2^53 + 1
    assert_eq!(n(1e21), Err(AmountError::Range));
    assert_eq!(n(f64::MAX), Err(AmountError::Range));
    assert_eq!(n(1e-7), Err(AmountError::Precision));
    assert_eq!(n(1e12), Ok("1000000000000.00".into()));
    assert_eq!(n(1e12 + 0.01), Err(AmountError::Range));
}

/// The string "-0" and the number -0 read alike.
#[test]
fn minus_zero_is_zero_as_text_and_as_number() {
    assert_eq!(parse_amount("-0").map(plain), Ok("0.00".into()));
    assert_eq!(read_number(-0.0).map(plain), Ok("0.00".into()));
}

#[test]
fn every_error_speaks_both_languages() {
    for (_, _, e) in REFUSED {
        assert!(!e.zh().is_empty() && !e.en().is_empty() && !e.code().is_empty());
    }
}
