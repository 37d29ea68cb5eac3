//! The amount parser: every accepted form, and what it refuses and why.
#![cfg(not(target_arch = "wasm32"))]

use pinghu_subsidy::{parse_amount, plain, read_number, AmountError};

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
    ("a trailing point", "5.", AmountError::Format),
    ("two points", "1.2.3", AmountError::Format),
    ("space inside", "3 0", AmountError::Format),
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
