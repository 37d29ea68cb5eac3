//! The JS boundary, run in wasm on Node (`wasm-bindgen-test-runner`): the API
//! shape, numbers against strings, unknown keys, error paths, and hostile JS
//! values that must be answered, never trap.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Reflect, JSON};
use pinghu_subsidy::wasm::{calculate, calculate_plan, policy, read_amount};
use pinghu_subsidy::Decimal;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(src: &str) -> JsValue {
    Function::new_no_args(&format!("return ({src});"))
        .call0(&JsValue::NULL)
        .unwrap()
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, k| match k.parse::<u32>() {
        Ok(i) => Reflect::get_u32(&v, i).unwrap(),
        Err(_) => Reflect::get(&v, &k.into()).unwrap(),
    })
}

/// The decimal at `path` (money or a rate, a string across the boundary).
fn dec(v: &JsValue, path: &str) -> Decimal {
    s(v, path).parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The category `id` of `policy()`.
fn category(id: &str) -> JsValue {
    let all: Array = get(&policy(), "categories").dyn_into().unwrap();
    all.iter()
        .find(|c| s(c, "id") == id)
        .unwrap_or_else(|| panic!("no category {id}"))
}

/// An expense category of `policy()` whose one cap runs over the whole plan, in no group, asking
/// no condition every year (the plan's promotion): found by those properties, if the policy has one.
fn over_the_plan() -> Option<JsValue> {
    let p = policy();
    let periods: Array = get(&p, "cap_periods").dyn_into().unwrap();
    let scope = |id: String| periods.iter().find(|x| s(x, "id") == id).map(|x| s(&x, "scope"));
    let all: Array = get(&p, "categories").dyn_into().unwrap();
    all.iter().find(|c| {
        let conditions: Array = get(c, "conditions").dyn_into().unwrap();
        s(c, "kind") == "expense"
            && scope(s(c, "cap_period")).as_deref() == Some("plan")
            && get(c, "exclusive_group").is_null()
            && conditions.iter().all(|k| !get(&k, "only_year").is_null())
    })
}

fn s(v: &JsValue, path: &str) -> String {
    get(v, path)
        .as_string()
        .unwrap_or_else(|| format!("(not a string: {:?})", get(v, path)))
}

/// The paths of the problems a failed call reports, checking each speaks both languages.
fn error_paths(input: JsValue) -> Vec<String> {
    let err = calculate(input, JsValue::UNDEFINED).expect_err("should be refused");
    assert!(err.is_instance_of::<js_sys::Error>(), "a JS Error");
    let message = s(&err, "message");
    let errors: Array = get(&err, "errors").dyn_into().expect("an errors array");
    assert!(errors.length() > 0);
    errors
        .iter()
        .map(|e| {
            let path = s(&e, "path");
            assert!(!s(&e, "zh").is_empty() && !s(&e, "en").is_empty() && !s(&e, "code").is_empty());
            assert!(message.contains(&path), "the message names {path}: {message}");
            path
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_documented_example_has_the_documented_shape() {
    let out = calculate(
        js(r#"{ year: 2025, expenses: [
        { category: "brand_promotion", amount: "30万" },
        { category: "overseas_showroom", amount: 150000, conditions: { showroom_months: 14 } },
        { category: "certification", amount: "80,000", other_policy_support: "20000" } ] }"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    // The figures follow the data (the README's are its scenario): each line is its expense at
    // its rate, or its cap; the total is their sum.
    let mut total = Decimal::ZERO;
    for i in 0..3 {
        let line = get(&out, &format!("lines.{i}"));
        let c = category(&s(&line, "category"));
        let at_rate = dec(&line, "expense") * dec(&c, "rate");
        let want = at_rate.min(dec(&c, "cap"));
        let netted = dec(&line, "support") + dec(&line, "other_policy_support");
        assert!(
            dec(&line, "support") == want || netted == want,
            "{}",
            s(&line, "category")
        );
        assert_eq!(get(&line, "capped").as_bool(), Some(at_rate > dec(&c, "cap")));
        total += dec(&line, "support");
    }
    assert_eq!(dec(&out, "total"), total);
    assert_eq!(s(&out, "awards_up_to"), "0.00");
    assert_eq!(s(&out, "policy.id"), s(&policy(), "id"));
    assert!(!s(&out, "policy.version").is_empty());
    let lines: Array = get(&out, "lines").dyn_into().unwrap();
    assert_eq!(lines.length(), 3);
    for l in lines.iter() {
        for key in [
            "category",
            "clause",
            "expense",
            "rate",
            "cap",
            "cap_period",
            "support",
            "explanation.zh",
            "explanation.en",
        ] {
            assert!(get(&l, key).is_string(), "line.{key} is a string");
        }
        for key in ["capped", "upper_bound"] {
            assert!(get(&l, key).as_bool().is_some(), "line.{key} is a boolean");
        }
        for key in ["expense", "cap", "support"] {
            let v = s(&l, key);
            assert_eq!(
                v.split_once('.').map(|(_, f)| f.len()),
                Some(2),
                "{key} = {v} has two decimals"
            );
        }
    }
    assert_eq!(s(&out, "lines.0.category"), "brand_promotion");
    let notices: Array = get(&out, "notices").dyn_into().unwrap();
    let codes: Vec<String> = notices.iter().map(|n| s(&n, "code")).collect();
    let own: Array = get(&policy(), "document.notices").dyn_into().unwrap();
    let mut want: Vec<String> = own.iter().map(|n| s(&n, "code")).collect();
    want.extend(["assumed_rate".to_string(), "this_plan_higher".to_string()]);
    for c in want {
        assert!(codes.contains(&c), "notice {c} in {codes:?}");
    }
}

#[wasm_bindgen_test]
fn numbers_and_strings_read_alike() {
    let a = calculate(
        js(r#"{ year: 2025, expenses: [{ category: "brand_promotion", amount: 100.05 }] }"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let b = calculate(
        js(r#"{ year: 2025, expenses: [{ category: "brand_promotion", amount: "100.05" }] }"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(JSON::stringify(&a).unwrap(), JSON::stringify(&b).unwrap());
    assert!(
        read_amount(js("0.1 + 0.2")).is_err(),
        "0.30000000000000004 has more than two decimals"
    );
    assert_eq!(read_amount(js("-0")).unwrap().as_string().unwrap(), "0.00");
    assert_eq!(
        read_amount(js(r#""１.５亿""#)).unwrap().as_string().unwrap(),
        "150000000.00"
    );
}

#[wasm_bindgen_test]
fn unknown_keys_are_refused_with_their_path() {
    assert_eq!(
        error_paths(js(r#"{ year: 2025, expenses: [], colour: 1 }"#)),
        ["colour"]
    );
    assert_eq!(
        error_paths(js(
            r#"{ year: 2025, expenses: [{ category: "brand_promotion", amount: 1, note: "x" }] }"#
        )),
        ["expenses[0].note"]
    );
    assert_eq!(
        error_paths(js(
            r#"{ year: 2025, expenses: [{ category: "training", amount: 1, conditions: { accredited: true, bogus: 1 } }] }"#
        )),
        ["expenses[0].conditions.bogus"]
    );
}

#[wasm_bindgen_test]
fn every_problem_is_reported_with_its_path() {
    let paths = error_paths(js(r#"{ year: "2025", expenses: [
        { category: "brand_promotion", amount: "abc" },
        { category: "overseas_showroom", amount: 1, conditions: { showroom_months: "twelve" } },
        { category: "nope", amount: 1 },
        { category: "brand_promotion", amount: -5 } ] }"#));
    for p in [
        "year",
        "expenses[0].amount",
        "expenses[1].conditions.showroom_months",
        "expenses[2].category",
        "expenses[3].amount",
    ] {
        assert!(paths.contains(&p.to_string()), "{p} in {paths:?}");
    }
}

#[wasm_bindgen_test]
fn hostile_values_are_answered() {
    let cases = [
        "undefined",
        "null",
        "42",
        "'text'",
        "[]",
        "() => 1",
        "Symbol('x')",
        "10n",
        "{ year: NaN, expenses: [] }",
        "{ year: Infinity, expenses: [] }",
        "{ year: 2025, expenses: [{ category: 'brand_promotion', amount: NaN }] }",
        "{ year: 2025, expenses: [{ category: 'brand_promotion', amount: -Infinity }] }",
        "{ year: 2025, expenses: [{ category: 'brand_promotion', amount: 1e308 }] }",
        "{ year: 2025, expenses: [{ category: 'brand_promotion', amount: 5e-324 }] }",
        "{ year: 2025, expenses: [{ category: 'brand_promotion', amount: 2 ** 53 + 1 }] }",
        "{ year: 2025, expenses: [{ category: 'brand_promotion', amount: 10n }] }",
        "{ year: 2025, expenses: [{ category: 'brand_promotion', amount: { valueOf() { return 1 } } }] }",
        "{ year: 2025, expenses: [{ category: 'x'.repeat(1e6), amount: '1'.repeat(1e6) }] }",
        "{ year: 2025, expenses: new Array(2 ** 32 - 1) }",
        "{ year: 2025, expenses: Array.from({ length: 600 }, () => ({ category: 'brand_promotion', amount: 1 })) }",
        "(() => { let o = {}; let c = o; for (let i = 0; i < 10000; i++) { c.expenses = [{}]; c = c.expenses[0]; } o.year = 2025; return o; })()",
        "(() => { const o = { year: 2025 }; o.expenses = [o]; return o; })()",
        "new Proxy({}, { ownKeys() { throw new Error('no keys') } })",
        "{ year: 2025, get expenses() { throw new Error('no') } }",
        "{ year: 2025, expenses: new Proxy([], { get(t, k) { if (k === 'length') return 3; throw new Error('no') } }) }",
        "new Date()",
        "/regex/",
        "new Map([['year', 2025]])",
    ];
    for src in cases {
        let err = calculate(js(src), JsValue::UNDEFINED).expect_err(src);
        let errors: Array = get(&err, "errors").dyn_into().expect(src);
        assert!(errors.length() > 0, "{src}");
    }
    // Still alive and exact afterwards.
    let out = calculate(
        js(r#"{ year: 2025, expenses: [{ category: "overseas_legal", amount: "0.03" }] }"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(s(&out, "total"), "0.02");
}

#[wasm_bindgen_test]
fn policy_describes_every_measure_and_category() {
    let p = policy();
    // How many there are is the data's business: every category is funded by one measure.
    let measures: Array = get(&p, "measures").dyn_into().unwrap();
    let funded: u32 = measures
        .iter()
        .map(|m| get(&m, "categories").dyn_into::<Array>().unwrap().length())
        .sum();
    let categories: Array = get(&p, "categories").dyn_into().unwrap();
    assert!(categories.length() > 0);
    assert_eq!(categories.length(), funded);
    for c in categories.iter() {
        assert!(get(&c, "label.zh").is_string() && get(&c, "label.en").is_string());
        let kind = s(&c, "kind");
        assert!(kind == "expense" || kind == "award");
        assert_eq!(get(&c, "rate").is_null(), kind == "award");
        let assumed = get(&c, "rate_assumed").as_bool().unwrap();
        assert_eq!(get(&c, "assumption").is_null(), !assumed);
    }
    let status = s(&p, "document.status");
    assert!(status == "draft" || status == "final", "{status}");
    assert_eq!(s(&p, "document.valid_until").len(), "2027-12-31".len());
}

#[wasm_bindgen_test]
fn a_plan_crosses_the_boundary_with_caps_across_its_years() {
    // Three quarters of what reaches the cap, in each of two years (the cap over the plan), in
    // the years after the plan's first (no start condition).
    let Some(c) = over_the_plan() else {
        eprintln!("skipped: no expense category of this policy has one cap over the plan without conditions");
        return;
    };
    let (id, cap, rate) = (s(&c, "id"), dec(&c, "cap"), dec(&c, "rate"));
    let first = get(&policy(), "document.first_year").as_f64().unwrap() as i32;
    let (y1, y2) = (first + 1, first + 2);
    let spend = (cap * Decimal::new(75, 2) / rate).round_dp(2);
    let out = calculate_plan(
        js(&format!(
            r#"{{ years: [
        {{ year: {y1}, expenses: [{{ category: "{id}", amount: "{spend}" }}] }},
        {{ year: {y2}, expenses: [{{ category: "{id}", amount: {spend} }}] }} ] }}"#
        )),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let first = dec(&out, "years.0.total");
    assert!(first < cap);
    assert_eq!(dec(&out, "total"), cap);
    assert_eq!(dec(&out, "years.1.total"), cap - first);
    // No headroom in the first year: the second uses the rest of the cap, so more spent in the
    // first adds nothing to the plan.
    assert!(get(&out, "years.0.lines.0.headroom").is_null());
    assert_eq!(dec(&out, "years.1.lines.0.cap_left"), cap - first);
    assert_eq!(s(&out, "caps.0.remaining"), "0.00");
}

#[wasm_bindgen_test]
fn a_plan_reports_every_problem_with_its_path() {
    let err = calculate_plan(
        js(r#"{ years: [{ year: 2026, expenses: [{ category: "x", amount: 1 }] },
        { year: 2025, expenses: [] }], already_received: [{ category: "brand_promotion", amount: "1.234" }], y: 1 }"#),
        JsValue::UNDEFINED,
    )
    .expect_err("should be refused");
    let errors: Array = get(&err, "errors").dyn_into().unwrap();
    let mut paths: Vec<String> = errors.iter().map(|e| s(&e, "path")).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "already_received[0].amount",
            "y",
            "years[0].expenses[0].category",
            "years[1].year"
        ]
    );
    for src in [
        "undefined",
        "null",
        "[]",
        "{ years: 1 }",
        "(() => { const o = { years: [] }; o.years.push(o); return o; })()",
    ] {
        let err = calculate_plan(js(src), JsValue::UNDEFINED).expect_err(src);
        let errors: Array = get(&err, "errors").dyn_into().expect(src);
        assert!(errors.length() > 0, "{src}");
    }
}

#[wasm_bindgen_test]
fn a_lang_keeps_one_language_and_a_bad_one_throws() {
    let input = r#"{ year: 2025, expenses: [{ category: "brand_promotion", amount: "30万" }] }"#;
    let both = calculate(js(input), JsValue::UNDEFINED).unwrap();
    let en = calculate(js(input), JsValue::from_str("en")).unwrap();
    assert_eq!(s(&en, "total"), s(&both, "total"));
    assert_eq!(s(&en, "notices.0.zh"), "");
    assert_eq!(s(&en, "notices.0.en"), s(&both, "notices.0.en"));
    let err = calculate(js(input), JsValue::from_str("fr")).expect_err("an unknown lang");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert!(
        get(&err, "errors").is_undefined(),
        "not an input error: no problems listed"
    );
    assert!(calculate_plan(js(r#"{ years: [] }"#), JsValue::from_str("de")).is_err());
}
