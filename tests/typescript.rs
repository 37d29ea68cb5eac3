#![cfg(not(target_arch = "wasm32"))]
//! The TypeScript declarations of the JS API against the Rust types, so a renamed or retyped
//! field cannot drift (issue 7 §1).
//!
//! `src/boundary/api.d.ts` is the one TypeScript file of the API's shapes (src/wasm.rs puts it
//! into the generated `pkg/pinghu_subsidy.d.ts`). This test reads it with a small parser of the
//! TypeScript it uses (interfaces, `extends`, type aliases, unions, literals, arrays, inline
//! object types, `Record<string, T>`), serializes real values with serde (estimates that hold
//! every kind of line and notice, errors with every problem code, `Policy::builtin()`, a fully
//! populated `Request`) and checks both ways:
//! - every key serde writes is declared, and its value has the declared type;
//! - every declared key that is not optional is written;
//! - every declared key, optional ones too, is written by some sample (so a field renamed in
//!   Rust cannot live on in TypeScript as an optional one);
//! - every literal of a literal union (`NoticeCode`, `ProblemCode`…) is written by some sample.
//!
//! `www/pinghu-subsidy-calculator.d.ts` (the element's types) must take its result and policy
//! types from the API's declarations, and its `SubsidyInput` must use the input's field names.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use pinghu_subsidy::policy::{Category, Kind, Rule};
use pinghu_subsidy::{ConditionValue, Decimal, Error, Estimate, Expense, Policy, Request};
use serde_json::{json, Value as Json};

const API: &str = include_str!("../src/boundary/api.d.ts");
const ELEMENT: &str = include_str!("../www/pinghu-subsidy-calculator.d.ts");
const WASM_RS: &str = include_str!("../src/wasm.rs");
/// The batch engine's shapes (issue 12), put into pkg-office/ beside api.d.ts.
const BATCH: &str = include_str!("../src/boundary/batch.d.ts");

/// JS built-ins an interface of the API may extend: they add no key serde writes.
const BUILT_INS: &[&str] = &["Error"];

/// Literals no sample can write, with the reason: only what the policy gives nothing for (a
/// rate the text words as a ceiling, whose lines carry the notice `rate_up_to`).
fn unwritten_literals() -> Vec<(String, &'static str)> {
    let mut out = vec![];
    if up_to().is_none() {
        let why = "no category of this policy has a rate worded as a ceiling (rate_up_to)";
        eprintln!("skipped: the notice \"rate_up_to\": {why}");
        out.push(("\"rate_up_to\"".to_string(), why));
    }
    out
}

/// The first expense category whose rate the text words as a ceiling (`rate_up_to`), if any.
fn up_to() -> Option<&'static Category> {
    Policy::builtin()
        .categories
        .iter()
        .find(|c| c.kind == Kind::Expense && c.rate_up_to)
}

/// An expense of `c` with every condition asked in `year` met.
fn qualifying(c: &Category, year: i32, amount: Decimal) -> Expense {
    c.conditions
        .iter()
        .filter(|k| k.only_year.is_none_or(|y| y == year))
        .fold(Expense::new(c.id, amount), |e, k| match k.rule {
            Rule::Is(b) => e.with(k.id, ConditionValue::Bool(b)),
            Rule::AtLeast(n) => e.with(k.id, ConditionValue::Number(n.into())),
        })
}

// ------------------------------------------------------------------------------ the samples

/// Reads and calculates a JSON input, as the JS API `calculate` does.
fn calculate_json(input: Json) -> Result<Estimate, Error> {
    Policy::builtin().calculate_input(input)
}

fn yuan(n: i64) -> Decimal {
    Decimal::from(n)
}

/// Requests that together give every kind of line, step and notice.
fn requests() -> Vec<Request> {
    let many = Request {
        year: 2025,
        expenses: vec![
            // Capped, rate stated.
            Expense::new("brand_promotion", yuan(300_000)),
            // A months condition met; assumed rate.
            Expense::new("overseas_showroom", yuan(150_000)).with("showroom_months", ConditionValue::Number(14)),
            // This plan higher than the other policy's support.
            Expense::new("certification", yuan(80_000)).other_policy(yuan(20_000)),
            // The other policy's support higher.
            Expense::new("overseas_legal", yuan(100_000)).other_policy(yuan(90_000)),
            // Awards of one matter: only the higher counts.
            Expense::award("provincial_demo_park"),
            Expense::award("national_demo_park"),
            // A required condition not given; a bool condition not met.
            Expense::new("training", yuan(10_000)),
            Expense::new("public_livestream_room", yuan(50_000))
                .with("recognized_industry_belt", ConditionValue::Bool(false)),
            // Two items of one category share its cap; an award with conditions.
            Expense::new("livestream_service", Decimal::new(10_005, 2)),
            Expense::new("livestream_service", yuan(250_000)),
            Expense::award("service_center")
                .with("events", ConditionValue::Number(12))
                .with("enterprise_visits", ConditionValue::Number(100)),
        ]
        .into_iter()
        // A rate worded as a ceiling, its conditions met (the category found by that property).
        .chain(up_to().map(|c| qualifying(c, 2025, yuan(10_000))))
        .collect(),
        ..Default::default()
    };
    let all: Vec<Expense> = Policy::builtin()
        .categories
        .iter()
        .map(|c| match c.kind {
            pinghu_subsidy::policy::Kind::Expense => Expense::new(c.id, yuan(1_234_567)),
            pinghu_subsidy::policy::Kind::Award => Expense::award(c.id),
        })
        .collect();
    vec![
        many,
        Request {
            year: 2024,
            expenses: all.clone(),
            ..Default::default()
        },
        Request {
            year: 2031,
            expenses: all.clone(),
            ..Default::default()
        },
        Request {
            year: 2026,
            expenses: all,
            ..Default::default()
        },
        Request {
            year: 2025,
            expenses: vec![],
            ..Default::default()
        },
        // Rounded to the fen: 100.05 × 50%.
        Request {
            year: 2025,
            expenses: vec![Expense::new("brand_promotion", Decimal::new(10_005, 2))],
            ..Default::default()
        },
    ]
}

/// The estimates as the JS API returns them (`Estimate::to_json`, serde's JSON).
fn estimates() -> Vec<Json> {
    requests()
        .iter()
        .map(|r| serde_json::from_str(&Policy::builtin().calculate(r).expect("a valid sample").to_json()).unwrap())
        .collect()
}

/// A plan that gives every kind of cap use, as `calculate_plan` returns it.
fn plan_input() -> Json {
    // A category whose cap runs over the plan (used in both years: `cap_used`), by property.
    let over_plan = Policy::builtin()
        .categories
        .iter()
        .find(|c| {
            c.kind == pinghu_subsidy::policy::Kind::Expense
                && c.cap_period.scope == pinghu_subsidy::policy::CapScope::Plan
                && c.conditions.iter().all(|k| k.only_year.is_some())
        })
        .map_or("brand_promotion", |c| c.id);
    json!({
        "years": [
            { "year": 2025, "expenses": [
                { "category": "platform_onboarding", "amount": 15000 },
                { "category": over_plan, "amount": "15万" },
                { "category": "livestream_service", "amount": 1000 },
                { "category": "overseas_legal", "amount": 1000 },
            ] },
            { "year": 2026, "expenses": [
                { "category": "platform_onboarding", "amount": 15000 },
                { "category": over_plan, "amount": 1000 },
            ] },
        ],
        "already_received": [{ "category": "certification", "amount": "1万" }],
    })
}

fn plan_estimate() -> Json {
    let plan = Policy::builtin()
        .calculate_plan_input(plan_input())
        .expect("a valid plan");
    serde_json::from_str(&plan.to_json()).unwrap()
}

/// Inputs that together give every problem code.
fn bad_inputs() -> Vec<Json> {
    let unknown: Vec<Json> = (0..120)
        .map(|i| json!({ "category": format!("no_such_{i}") }))
        .collect();
    let too_many: Vec<Json> = (0..501)
        .map(|_| json!({ "category": "brand_promotion", "amount": 1 }))
        .collect();
    vec![
        json!({
            "expenses": [
                { "category": "brand_promotion", "amount": "abc", "colour": "red" },
                { "category": "brand_promotion", "amount": "" },
                { "category": "brand_promotion", "amount": "1.001" },
                { "category": "brand_promotion", "amount": "-5" },
                { "category": "brand_promotion", "amount": "10001亿" },
                { "category": "brand_promotion", "amount": true },
                { "category": "overseas_showroom", "amount": 1, "conditions": { "showroom_months": -1, "x": true } },
                { "category": "overseas_showroom", "amount": 1, "conditions": { "showroom_months": "10.5个月" } },
                { "category": "no_such_thing", "amount": 1 },
                { "category": "brand_promotion" },
            ],
            "x": 1,
        }),
        json!({ "year": 0, "expenses": unknown }),
        json!({ "year": 2025, "expenses": too_many }),
        json!({ "\u{0}": "too_large" }),
        json!({ "year": 2025, "expenses": (0..13).map(|_| json!({ "category": "certification", "amount": 1, "other_policy_support": 1 })).collect::<Vec<_>>() }),
    ]
}

fn errors() -> Vec<Json> {
    let mut out: Vec<Json> = bad_inputs()
        .into_iter()
        .map(|i| serde_json::to_value(calculate_json(i).expect_err("a bad sample")).unwrap())
        .collect();
    // A condition given twice, or one the category does not have, can only be built in Rust
    // (the reader reports the latter as an unknown key).
    let twice = Request {
        year: 2025,
        expenses: vec![Expense::new("overseas_showroom", yuan(1))
            .with("showroom_months", ConditionValue::Number(1))
            .with("showroom_months", ConditionValue::Number(2))
            .with("colour", ConditionValue::Bool(true))],
        ..Default::default()
    };
    out.push(serde_json::to_value(Policy::builtin().calculate(&twice).expect_err("a bad sample")).unwrap());
    let years = json!({ "years": [{ "year": 2026, "expenses": [] }, { "year": 2025, "expenses": [] }, { "year": 2025, "expenses": [] }] });
    out.push(serde_json::to_value(Policy::builtin().calculate_plan_input(years).expect_err("a bad plan")).unwrap());
    out
}

/// A request with every field given.
fn full_request() -> Request {
    Request {
        year: 2025,
        expenses: vec![Expense::new("overseas_showroom", yuan(150_000))
            .with("showroom_months", ConditionValue::Number(14))
            .other_policy(yuan(1))],
        already_received: vec![pinghu_subsidy::Received {
            category: "brand_promotion".into(),
            amount: yuan(1),
        }],
    }
}

// ------------------------------------------------------------------------------ the tests

#[test]
fn estimates_are_the_declared_estimate() {
    let api = Decls::parse(API);
    let mut cov = Coverage::default();
    for (i, e) in estimates().iter().enumerate() {
        api.check_root(e, "Estimate", &format!("estimate {i}"), &mut cov);
    }
    // Each sample shape is checked here; coverage is judged over all samples together below.
}

#[test]
fn every_declared_key_and_literal_is_written() {
    let api = Decls::parse(API);
    let mut cov = Coverage::default();
    for e in estimates() {
        api.check_root(&e, "Estimate", "estimate", &mut cov);
    }
    for e in errors() {
        api.check_root(&json!({ "errors": e }), "CalculateError", "error", &mut cov);
    }
    let mut policy: Json = serde_json::from_str(Policy::builtin().to_json()).unwrap();
    api.check_root(&policy, "Policy", "policy()", &mut cov);
    // The draft cites no 实施细则 yet (the rehearsal's fixture does): a category citing one.
    policy["categories"][0]["citations"] = json!([{
        "source": "rules", "clause": "第五条", "text": "细则。", "summary_en": "Rules."
    }]);
    api.check_root(&policy, "Policy", "policy() with a citation", &mut cov);
    api.check_root(
        &serde_json::to_value(full_request()).unwrap(),
        "CalculateInput",
        "request",
        &mut cov,
    );
    api.check_root(&plan_estimate(), "PlanEstimate", "plan", &mut cov);
    api.check_root(&plan_input(), "PlanInput", "plan input", &mut cov);
    api.check_root(&workspace_samples(), "WorkspaceLoaded", "workspace_load()", &mut cov);
    api.check_root(
        &comparison_sample(),
        "WorkspaceComparison",
        "workspace_compare()",
        &mut cov,
    );
    api.check_root(
        &compare_refusal(),
        "WorkspaceSkipped",
        "workspace_compare() refused",
        &mut cov,
    );
    for (i, d) in drift_samples().iter().enumerate() {
        api.check_root(d, "WorkspaceDrift", &format!("workspace_drift() {i}"), &mut cov);
    }

    // The optional `lang` of calculate/calculate_plan: each literal is one the engine reads.
    for l in ["zh-CN", "en"] {
        assert!(pinghu_subsidy::Lang::parse(l).is_some(), "{l}");
        api.check_root(&json!(l), "Lang", "lang", &mut cov);
    }
    let roots = [
        "Lang",
        "Estimate",
        "CalculateError",
        "Policy",
        "CalculateInput",
        "PlanEstimate",
        "PlanInput",
        "WorkspaceLoaded",
        "WorkspaceComparison",
        "WorkspaceDrift",
    ];
    let reached: BTreeSet<String> = roots.iter().flat_map(|r| api.reachable(r)).collect();
    let stray: Vec<&String> = api.items.keys().filter(|n| !reached.contains(*n)).collect();
    assert!(
        stray.is_empty(),
        "api.d.ts declares types no function uses, so nothing checks them: {stray:?}"
    );

    let mut missing = vec![];
    for root in roots {
        for name in api.reachable(root) {
            match &api.items[&name] {
                Item::Interface { fields, .. } => {
                    // Its own keys; a base's are judged under the base.
                    for key in fields.keys() {
                        if !cov.keys.contains(&(name.clone(), key.to_string())) {
                            missing.push(format!("{name}.{key} is declared but no sample writes it"));
                        }
                    }
                }
                Item::Alias(ty) => {
                    for lit in ty.literals() {
                        let unwritten = unwritten_literals().iter().any(|(l, _)| *l == lit);
                        if !unwritten && !cov.literals.contains(&(name.clone(), lit.clone())) {
                            missing.push(format!("{name}: {lit} is declared but no sample writes it"));
                        }
                    }
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "src/boundary/api.d.ts declares more than serde writes:\n{}",
        missing.join("\n")
    );
}

#[test]
fn errors_are_the_declared_error() {
    let api = Decls::parse(API);
    assert_eq!(api.bases("CalculateError"), ["Error"], "CalculateError extends Error");
    let fields = api.fields("CalculateError");
    assert_eq!(
        fields.keys().collect::<Vec<_>>(),
        ["errors"],
        "CalculateError adds `errors` to an Error"
    );
    let mut cov = Coverage::default();
    let errors = errors();
    assert!(
        errors[0].as_array().is_some_and(|a| a.len() > 10),
        "an error lists every problem: {}",
        errors[0]
    );
    for e in errors {
        api.check_root(&json!({ "errors": e }), "CalculateError", "error", &mut cov);
    }
}

/// `workspace_load()` (and `workspace_import()`) as serde writes it: two clients (a year and a
/// plan), a scenario skipped with the reader's problems, an entry that is not JSON.
fn workspace_samples() -> Json {
    use pinghu_subsidy::workspace;
    // The first scenario stamped as the element saves it, the second saved before stamps.
    let mut client = json!({ "id": "a", "name": "甲", "scenarios": compared_scenarios() });
    client["scenarios"][0]["stamp"] = stamp_of(&compared_scenarios()[0]);
    client["scenarios"][0]["notes"] = json!("客户希望下半年加大推广");
    let mut bad = client.clone();
    bad["id"] = json!("b");
    bad["scenarios"][0]["input"]["year"] = json!(0);
    let entries = [
        (
            workspace::key("a"),
            json!({ "format": workspace::CLIENT_FORMAT, "version": workspace::VERSION, "client": client }).to_string(),
        ),
        (
            workspace::key("b"),
            json!({ "format": workspace::CLIENT_FORMAT, "version": workspace::VERSION, "client": bad }).to_string(),
        ),
        (workspace::key("c"), "x".to_string()),
    ];
    let refs: Vec<(&str, &str)> = entries.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
    let loaded = workspace::load_texts(Policy::builtin(), &refs);
    assert_eq!((loaded.clients.len(), loaded.skipped.len()), (2, 2));
    serde_json::to_value(&loaded).unwrap()
}

/// The scenarios of `workspace_samples()`'s client, as the element sends them to compare.
fn compared_scenarios() -> Json {
    json!([
        { "id": "s1", "name": "一", "saved": "2026-11-28", "kind": "year", "input": serde_json::to_value(full_request()).unwrap() },
        { "id": "s2", "name": "二", "saved": "", "kind": "plan", "input": plan_input() }
    ])
}

/// `workspace_stamp(scenario)` as serde writes it.
fn stamp_of(scenario: &Json) -> Json {
    use pinghu_subsidy::workspace;
    let s = workspace::read_one(Policy::builtin(), &workspace::parse(&scenario.to_string()).unwrap()).unwrap();
    serde_json::to_value(workspace::stamp(Policy::builtin(), &s).unwrap()).unwrap()
}

/// `workspace_drift(scenario)` as serde writes it: the plan stamped as if saved under other
/// policy data (another fingerprint, other figures, a category it gave that the data in use no
/// longer has, one it did not give), and the same plan under the data in use (nothing changed).
fn drift_samples() -> Vec<Json> {
    use pinghu_subsidy::workspace;
    let plan = compared_scenarios()[1].clone();
    let now = stamp_of(&plan);
    let mut old = now.clone();
    old["policy"] = json!({ "version": "older", "fingerprint": "0".repeat(64) });
    let other = |m: &Json| json!(if m == "0.00" { "1.00" } else { "0.00" });
    old["total"] = other(&now["total"]);
    old["awards_up_to"] = other(&now["awards_up_to"]);
    let cats = old["categories"].as_array_mut().unwrap();
    assert!(cats.len() >= 3, "the plan gives several categories: {now}");
    cats[0]["support"] = other(&now["categories"][0]["support"]);
    cats.pop();
    cats.push(json!({ "category": "retired_measure", "support": "1.00" }));
    [old, now]
        .into_iter()
        .map(|stamp| {
            let mut s = plan.clone();
            s["stamp"] = stamp;
            let s = workspace::read_one(Policy::builtin(), &workspace::parse(&s.to_string()).unwrap()).unwrap();
            serde_json::to_value(workspace::drift(Policy::builtin(), &s).unwrap().expect("stamped")).unwrap()
        })
        .collect()
}

/// `workspace_compare()` as serde writes it: a year against a plan (a year one of them lacks).
fn comparison_sample() -> Json {
    let v = pinghu_subsidy::workspace::parse(&compared_scenarios().to_string()).unwrap();
    let c = pinghu_subsidy::compare::compare_value(Policy::builtin(), &v).expect("two scenarios compare");
    serde_json::to_value(&c).unwrap()
}

/// What `workspace_compare()` throws for one scenario (`skipped`).
fn compare_refusal() -> Json {
    let one = json!([compared_scenarios()[0].clone()]).to_string();
    let v = pinghu_subsidy::workspace::parse(&one).unwrap();
    let s = pinghu_subsidy::compare::compare_value(Policy::builtin(), &v).expect_err("one scenario is refused");
    serde_json::to_value(&s).unwrap()
}

#[test]
fn the_workspace_is_the_declared_workspace() {
    let api = Decls::parse(API);
    api.check_root(
        &workspace_samples(),
        "WorkspaceLoaded",
        "workspace_load()",
        &mut Coverage::default(),
    );
}

#[test]
fn policy_is_the_declared_policy() {
    let api = Decls::parse(API);
    let mut cov = Coverage::default();
    let json: Json = serde_json::from_str(Policy::builtin().to_json()).unwrap();
    api.check_root(&json, "Policy", "policy()", &mut cov);
    // The JSON built in is what serializing the types gives, and the fingerprint the build adds.
    let mut json = json;
    let fp = json.as_object_mut().unwrap().remove("fingerprint").unwrap();
    assert_eq!(fp, Policy::builtin().fingerprint());
    assert!(
        serde_json::to_value(Policy::builtin()).unwrap() == json,
        "the types serialize to another policy JSON"
    );
}

#[test]
fn the_input_keys_are_serdes() {
    let api = Decls::parse(API);
    let declared = |name: &str| api.fields(name).keys().cloned().collect::<BTreeSet<_>>();
    // The names serde's `Deserialize` declares (what the reader accepts), optional ones too.
    assert_eq!(
        serde_fields::<Request>(),
        declared("CalculateInput"),
        "Request (serde) and CalculateInput (api.d.ts)"
    );
    assert_eq!(
        serde_fields::<Expense>(),
        declared("ExpenseInput"),
        "Expense (serde) and ExpenseInput (api.d.ts)"
    );
    // And what a request with every field given serializes to.
    let req = serde_json::to_value(full_request()).unwrap();
    let keys = |v: &Json| v.as_object().unwrap().keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(keys(&req), declared("CalculateInput"));
    assert_eq!(keys(&req["expenses"][0]), declared("ExpenseInput"));
    api.check_root(&req, "CalculateInput", "request", &mut Coverage::default());
}

/// The field names a derived `Deserialize` declares for a struct: it hands them to
/// `deserialize_struct`, where this deserializer keeps them and stops.
fn serde_fields<T: serde::de::DeserializeOwned>() -> BTreeSet<String> {
    use serde::de::{self, Visitor};

    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: fmt::Display>(_: M) -> Stop {
            Stop
        }
    }
    struct Names<'a>(&'a mut Vec<&'static str>);
    impl<'de> de::Deserializer<'de> for Names<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0.extend(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut names = vec![];
    let _ = T::deserialize(Names(&mut names));
    assert!(!names.is_empty(), "{} is a struct", std::any::type_name::<T>());
    names.into_iter().map(String::from).collect()
}

#[test]
fn a_plan_is_the_declared_plan() {
    let api = Decls::parse(API);
    api.check_root(&plan_input(), "PlanInput", "plan input", &mut Coverage::default());
    api.check_root(&plan_estimate(), "PlanEstimate", "plan", &mut Coverage::default());
    let declared = |name: &str| api.fields(name).keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(serde_fields::<pinghu_subsidy::PlanRequest>(), declared("PlanInput"));
    assert_eq!(serde_fields::<pinghu_subsidy::Received>(), declared("ReceivedInput"));
}

#[test]
fn inputs_of_the_declared_type_are_calculated() {
    let api = Decls::parse(API);
    let input = json!({
        "year": 2025,
        "expenses": [
            { "category": "brand_promotion", "amount": "30万" },
            { "category": "overseas_showroom", "amount": 150000, "conditions": { "showroom_months": 14 } },
            { "category": "training", "amount": 100.05, "conditions": { "accredited": true } },
            { "category": "certification", "amount": "80,000", "other_policy_support": "20000" },
            { "category": "national_demo_park" },
        ],
    });
    api.check_root(&input, "CalculateInput", "input", &mut Coverage::default());
    let estimate = calculate_json(input).expect("a declared input is read");
    api.check_root(
        &serde_json::to_value(estimate).unwrap(),
        "Estimate",
        "estimate",
        &mut Coverage::default(),
    );
}

#[test]
fn the_functions_are_typed_with_the_declarations() {
    let api = Decls::parse(API);
    let batch = Decls::parse(BATCH);
    assert!(
        WASM_RS.contains(r#"include_str!("boundary/api.d.ts")"#),
        "src/wasm.rs puts api.d.ts into pkg/"
    );
    assert!(WASM_RS.contains("typescript_custom_section"));
    let mut named = vec![];
    for attr in ["unchecked_return_type", "unchecked_param_type"] {
        for (i, _) in WASM_RS.match_indices(attr) {
            let rest = &WASM_RS[i + attr.len()..];
            let name = rest.split('"').nth(1).expect("a quoted type");
            // `BatchOptions | undefined`, `BatchEnterpriseInput[]`: each named type, declared.
            for part in name.split(" | ").filter(|p| *p != "undefined" && *p != "null") {
                let part = part.trim_end_matches("[]");
                assert!(
                    api.items.contains_key(part) || batch.items.contains_key(part),
                    "src/wasm.rs names `{part}`, which api.d.ts and batch.d.ts do not declare"
                );
            }
            named.push(name);
        }
    }
    for name in [
        "Estimate",
        "CalculateInput",
        "Policy",
        "Amount",
        "Money",
        "PlanEstimate",
        "PlanInput",
    ] {
        assert!(named.contains(&name), "src/wasm.rs types a function with {name}");
    }
}

#[test]
fn the_element_uses_the_api_types() {
    let el = Decls::parse(ELEMENT);
    let api = Decls::parse(API);
    let from_pkg = el.imports.get("./pkg/pinghu_subsidy.js").cloned().unwrap_or_default();
    for name in ["Estimate", "Policy", "CalculateInput"] {
        assert!(
            from_pkg.iter().any(|n| n == name),
            "the element's .d.ts imports {name} from ./pkg/pinghu_subsidy.js"
        );
        assert!(api.items.contains_key(name), "{name} is declared by api.d.ts");
    }
    for name in &from_pkg {
        assert!(
            api.items.contains_key(name),
            "the element imports {name}, which api.d.ts does not declare"
        );
    }
    let class = &el.classes["PinghuSubsidyCalculatorElement"];
    assert_eq!(class["result"], "SubsidyResult | null");
    assert_eq!(class["policy"], "Policy | null");
    assert_eq!(class["input"], "SubsidyInput | null");
    let alias = |name: &str| match &el.items[name] {
        Item::Alias(t) => t.to_string(),
        Item::Interface { .. } => panic!("{name} is an interface, not the API's type"),
    };
    assert_eq!(alias("SubsidyResult"), "Estimate");
    assert_eq!(alias("SubsidyLine"), "Line");
    assert_eq!(alias("SubsidyNotice"), "Notice");
    assert_eq!(alias("Bilingual"), "Message");
    assert!(ELEMENT.contains("\"subsidy-change\": CustomEvent<SubsidyResult>;"));

    // What the element sends has the input's names (it may send a condition as text, which the
    // engine refuses at that field, so it is not the API's type itself).
    let names = |d: &Decls, n: &str| d.fields(n).keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&el, "SubsidyInput"), names(&api, "CalculateInput"));
    let expense = match &el.fields("SubsidyInput")["expenses"].ty {
        Ty::Array(item) => match &**item {
            Ty::Ref(name, _) => names(&el, name),
            Ty::Object(fields) => fields.keys().cloned().collect(),
            other => panic!("SubsidyInput.expenses: {other}"),
        },
        other => panic!("SubsidyInput.expenses: {other}"),
    };
    assert_eq!(expense, names(&api, "ExpenseInput"));
}

/// A notice's code is `string` in the declarations where the policy's data defines it (its
/// document notices and readings change with the data); every code a result carries is one of
/// the engine's own (`EngineNoticeCode`) or one the policy defines.
#[test]
fn every_notice_code_is_the_engines_or_the_policys() {
    let api = Decls::parse(API);
    // The literals as written, quoted: `"exclusive"`.
    let engine: Vec<String> = match &api.items["EngineNoticeCode"] {
        Item::Alias(ty) => ty.literals().iter().map(|l| l.trim_matches('"').to_string()).collect(),
        other => panic!("EngineNoticeCode: {other:?}"),
    };
    let p = Policy::builtin();
    let mut policy: Vec<&str> = p.document.notices.iter().map(|n| n.code).collect();
    policy.push(p.document.non_cumulative_reading.code);
    policy.extend(p.exclusive_groups().iter().map(|g| g.reading.code));
    policy.extend(p.cap_periods().iter().filter_map(|c| c.reading.map(|r| r.code)));
    policy.extend(p.categories.iter().filter_map(|c| c.reading.map(|r| r.code)));
    let mut seen = 0;
    for e in estimates().iter().chain(std::iter::once(&plan_estimate())) {
        let mut stack = vec![e];
        while let Some(v) = stack.pop() {
            match v {
                Json::Object(m) => {
                    if let (Some(Json::String(code)), Some(_)) = (m.get("code"), m.get("category")) {
                        seen += 1;
                        assert!(
                            engine.contains(code) || policy.contains(&code.as_str()),
                            "notice code {code:?} is neither the engine's {engine:?} nor the policy's {policy:?}"
                        );
                    }
                    stack.extend(m.values());
                }
                Json::Array(a) => stack.extend(a),
                _ => {}
            }
        }
    }
    assert!(seen > 0);
    for code in &policy {
        assert!(
            !engine.contains(&code.to_string()),
            "{code}: the policy's, not the engine's"
        );
    }
}

/// The check finds what it is for: a renamed, a retyped and a missing field, an unknown
/// literal, a renamed input field. (An unknown notice code: `every_notice_code_is_the_engines_or_the_policys`.)
#[test]
fn the_check_fails_on_drift() {
    let estimate = &estimates()[0];
    let fails = |dts: &str, value: &Json, root: &str| {
        let api = Decls::parse(dts);
        std::panic::catch_unwind(|| api.check_root(value, root, "x", &mut Coverage::default())).is_err()
    };
    assert!(!fails(API, estimate, "Estimate"));
    for (from, to) in [
        ("  awards_up_to: Money;", "  awards_upto: Money;"),
        ("  capped: boolean;", "  capped: string;"),
        (
            "  rate: string | null;\n  /** The text states",
            "  rate: string;\n  /** The text states",
        ),
        (
            "export type CategoryKind = \"expense\" | \"award\";",
            "export type CategoryKind = \"expense\";",
        ),
        ("  index: number;", "  index: number;\n  position: number;"),
    ] {
        assert!(API.contains(from), "{from}");
        assert!(
            fails(&API.replacen(from, to, 1), estimate, "Estimate"),
            "not caught: {from} → {to}"
        );
    }
    let mut renamed = serde_json::to_value(full_request()).unwrap();
    let e = renamed["expenses"][0].as_object_mut().unwrap();
    let v = e.remove("other_policy_support").unwrap();
    e.insert("other_support".into(), v);
    assert!(fails(API, &renamed, "CalculateInput"));
}

// ------------------------------------------------------------------------------ the parser

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(String),
    Punct(char),
}

fn tokens(src: &str) -> Vec<Tok> {
    let cs: Vec<char> = src.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && cs.get(i + 1) == Some(&'/') {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && cs.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < cs.len() && !(cs[i] == '*' && cs[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' || c == '\'' {
            let mut s = String::new();
            i += 1;
            while cs[i] != c {
                if cs[i] == '\\' {
                    i += 1;
                }
                s.push(cs[i]);
                i += 1;
            }
            i += 1;
            out.push(Tok::Str(s));
        } else if c == '=' && cs.get(i + 1) == Some(&'>') {
            // `=>` is one token, so its `>` closes nothing.
            out.push(Tok::Punct('⇒'));
            i += 2;
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < cs.len() && (cs[i].is_alphanumeric() || cs[i] == '_' || cs[i] == '$') {
                i += 1;
            }
            out.push(Tok::Ident(cs[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == '.') {
                i += 1;
            }
            out.push(Tok::Num(cs[start..i].iter().collect()));
        } else {
            out.push(Tok::Punct(c));
            i += 1;
        }
    }
    out
}

/// A type, as far as this check needs it.
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    String,
    Number,
    Boolean,
    Null,
    Unknown,
    Lit(String),
    Array(Box<Ty>),
    Object(BTreeMap<String, Field>),
    /// A named type with its type arguments: an interface, an alias, `Record<string, T>`.
    Ref(String, Vec<Ty>),
    Union(Vec<Ty>),
    /// What this check does not model (function types…); never matches a value.
    Other(String),
}

#[derive(Clone, Debug, PartialEq)]
struct Field {
    optional: bool,
    ty: Ty,
}

impl Ty {
    /// The literals of a literal union, as `"draft"`.
    fn literals(&self) -> Vec<String> {
        match self {
            Ty::Lit(l) => vec![l.clone()],
            Ty::Union(ts) if ts.iter().all(|t| matches!(t, Ty::Lit(_))) => ts.iter().flat_map(Ty::literals).collect(),
            _ => vec![],
        }
    }

    fn names(&self, out: &mut Vec<String>) {
        match self {
            Ty::Array(t) => t.names(out),
            Ty::Object(f) => f.values().for_each(|f| f.ty.names(out)),
            Ty::Ref(n, args) => {
                out.push(n.clone());
                args.iter().for_each(|a| a.names(out));
            }
            Ty::Union(ts) => ts.iter().for_each(|t| t.names(out)),
            _ => {}
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::String => f.write_str("string"),
            Ty::Number => f.write_str("number"),
            Ty::Boolean => f.write_str("boolean"),
            Ty::Null => f.write_str("null"),
            Ty::Unknown => f.write_str("unknown"),
            Ty::Lit(l) => f.write_str(l),
            Ty::Array(t) if matches!(**t, Ty::Union(_)) => write!(f, "({t})[]"),
            Ty::Array(t) => write!(f, "{t}[]"),
            Ty::Object(fields) => {
                f.write_str("{ ")?;
                for (k, v) in fields {
                    write!(f, "{k}{}: {}; ", if v.optional { "?" } else { "" }, v.ty)?;
                }
                f.write_str("}")
            }
            Ty::Ref(n, args) if args.is_empty() => f.write_str(n),
            Ty::Ref(n, args) => {
                let args: Vec<String> = args.iter().map(Ty::to_string).collect();
                write!(f, "{n}<{}>", args.join(", "))
            }
            Ty::Union(ts) => {
                let ts: Vec<String> = ts.iter().map(Ty::to_string).collect();
                f.write_str(&ts.join(" | "))
            }
            Ty::Other(s) => f.write_str(s),
        }
    }
}

#[derive(Debug)]
enum Item {
    Interface {
        bases: Vec<String>,
        fields: BTreeMap<String, Field>,
    },
    Alias(Ty),
}

/// The declarations of one .d.ts file.
#[derive(Debug, Default)]
struct Decls {
    items: BTreeMap<String, Item>,
    /// Module → the names imported from it.
    imports: BTreeMap<String, Vec<String>>,
    /// Class → property → its type as written.
    classes: BTreeMap<String, BTreeMap<String, String>>,
}

struct Parser {
    t: Vec<Tok>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }

    fn is(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(s)) if s == w)
    }

    fn eat(&mut self, c: char) -> bool {
        let yes = self.is(c);
        if yes {
            self.i += 1;
        }
        yes
    }

    fn eat_word(&mut self, w: &str) -> bool {
        let yes = self.is_word(w);
        if yes {
            self.i += 1;
        }
        yes
    }

    fn expect(&mut self, c: char) {
        assert!(
            self.eat(c),
            "expected `{c}`, found {:?} (token {})",
            self.peek(),
            self.i
        );
    }

    fn ident(&mut self) -> String {
        match self.t.get(self.i).cloned() {
            Some(Tok::Ident(s)) => {
                self.i += 1;
                s
            }
            other => panic!("expected a name, found {other:?} (token {})", self.i),
        }
    }

    /// Skips one statement or block: to a `;` at depth 0, or past a `{…}` at depth 0.
    fn skip_statement(&mut self) {
        let mut depth = 0i32;
        while let Some(t) = self.t.get(self.i).cloned() {
            self.i += 1;
            match t {
                Tok::Punct('(' | '[' | '{' | '<') => depth += 1,
                Tok::Punct(')' | ']' | '>') => depth -= 1,
                Tok::Punct('}') => {
                    depth -= 1;
                    if depth == 0 && !self.is('|') && !self.is('&') && !self.is('[') {
                        self.eat(';');
                        return;
                    }
                }
                Tok::Punct(';') if depth == 0 => return,
                _ => {}
            }
        }
    }

    /// The tokens of a member's type: to a `;` or `}` at depth 0, as written (normalized spacing).
    fn raw_type(&mut self) -> String {
        let start = self.i;
        let mut depth = 0i32;
        while let Some(t) = self.peek() {
            match t {
                Tok::Punct('(' | '[' | '{' | '<') => depth += 1,
                Tok::Punct(')' | ']' | '>') => depth -= 1,
                Tok::Punct('}') if depth == 0 => break,
                Tok::Punct('}') => depth -= 1,
                Tok::Punct(';' | ',') if depth == 0 => break,
                _ => {}
            }
            self.i += 1;
        }
        let mut s = String::new();
        for t in &self.t[start..self.i] {
            match t {
                Tok::Ident(x) | Tok::Num(x) => {
                    if s.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                        s.push(' ');
                    }
                    s.push_str(x)
                }
                Tok::Str(x) => write_str_lit(&mut s, x),
                Tok::Punct(c @ ('|' | '&' | '=' | '⇒')) => {
                    s.push(' ');
                    s.push(*c);
                    s.push(' ');
                }
                Tok::Punct(c @ (':' | ',')) => {
                    s.push(*c);
                    s.push(' ');
                }
                Tok::Punct(c) => s.push(*c),
            }
        }
        s.trim().to_string()
    }

    fn ty(&mut self) -> Ty {
        self.eat('|');
        let mut alts = vec![self.postfix()];
        while self.eat('|') {
            alts.push(self.postfix());
        }
        if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            Ty::Union(alts)
        }
    }

    fn postfix(&mut self) -> Ty {
        let mut t = self.primary();
        while self.is('[') && self.t.get(self.i + 1) == Some(&Tok::Punct(']')) {
            self.i += 2;
            t = Ty::Array(Box::new(t));
        }
        t
    }

    fn primary(&mut self) -> Ty {
        match self.t.get(self.i).cloned() {
            Some(Tok::Str(s)) => {
                self.i += 1;
                let mut l = String::new();
                write_str_lit(&mut l, &s);
                Ty::Lit(l)
            }
            Some(Tok::Num(n)) => {
                self.i += 1;
                Ty::Lit(n)
            }
            Some(Tok::Punct('(')) => {
                let start = self.i;
                self.i += 1;
                let t = self.ty();
                if self.eat(')') && !self.is('⇒') {
                    return t;
                }
                // A function type: not modelled.
                self.i = start;
                Ty::Other(self.raw_type())
            }
            Some(Tok::Punct('{')) => {
                self.i += 1;
                Ty::Object(self.members())
            }
            Some(Tok::Ident(name)) => {
                self.i += 1;
                match name.as_str() {
                    "string" => return Ty::String,
                    "number" => return Ty::Number,
                    "boolean" => return Ty::Boolean,
                    "null" => return Ty::Null,
                    "unknown" | "any" => return Ty::Unknown,
                    "true" | "false" => return Ty::Lit(name),
                    "typeof" => return Ty::Other(format!("typeof {}", self.ident())),
                    _ => {}
                }
                let mut args = vec![];
                if self.eat('<') {
                    loop {
                        args.push(self.ty());
                        if !self.eat(',') {
                            break;
                        }
                    }
                    self.expect('>');
                }
                Ty::Ref(name, args)
            }
            other => panic!("expected a type, found {other:?} (token {})", self.i),
        }
    }

    /// Members of an interface or object type, after its `{`, through its `}`.
    fn members(&mut self) -> BTreeMap<String, Field> {
        let mut fields = BTreeMap::new();
        while !self.eat('}') {
            self.eat_word("readonly");
            let name = match self.t.get(self.i).cloned() {
                Some(Tok::Ident(s) | Tok::Str(s)) => {
                    self.i += 1;
                    s
                }
                other => panic!("expected a member, found {other:?} (token {})", self.i),
            };
            let optional = self.eat('?');
            self.expect(':');
            let ty = self.ty();
            assert!(
                self.eat(';') || self.eat(',') || self.is('}'),
                "`;` after member {name}"
            );
            assert!(
                fields.insert(name.clone(), Field { optional, ty }).is_none(),
                "{name} declared twice"
            );
        }
        fields
    }

    /// A class body, after its `{`: property name → its type as written.
    fn class_body(&mut self) -> BTreeMap<String, String> {
        let mut props = BTreeMap::new();
        while !self.eat('}') {
            while self.eat_word("static") || self.eat_word("readonly") {}
            let name = self.ident();
            if self.is('(') || self.is('<') {
                self.skip_statement();
                continue;
            }
            self.eat('?');
            self.expect(':');
            props.insert(name, self.raw_type());
            self.eat(';');
        }
        props
    }
}

fn write_str_lit(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(s);
    out.push('"');
}

impl Decls {
    fn parse(src: &str) -> Decls {
        let mut d = Decls::default();
        let mut p = Parser { t: tokens(src), i: 0 };
        p.parse_into(&mut d);
        d
    }

    /// The fields of an interface, its bases' included (JS built-ins add none).
    fn fields(&self, name: &str) -> BTreeMap<String, Field> {
        match self.items.get(name) {
            Some(Item::Interface { bases, fields }) => {
                let mut all = BTreeMap::new();
                for b in bases {
                    all.extend(self.fields(b));
                }
                all.extend(fields.clone());
                all
            }
            Some(Item::Alias(_)) => panic!("{name} is a type alias, not an interface"),
            None if BUILT_INS.contains(&name) => BTreeMap::new(),
            None => panic!("{name} is not declared"),
        }
    }

    fn bases(&self, name: &str) -> Vec<String> {
        match self.items.get(name) {
            Some(Item::Interface { bases, .. }) => bases.clone(),
            _ => vec![],
        }
    }

    /// The declared names a type reaches, itself included.
    fn reachable(&self, root: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![root.to_string()];
        while let Some(n) = todo.pop() {
            if !self.items.contains_key(&n) || !seen.insert(n.clone()) {
                continue;
            }
            let mut names = self.bases(&n);
            match &self.items[&n] {
                Item::Interface { fields, .. } => fields.values().for_each(|f| f.ty.names(&mut names)),
                Item::Alias(t) => t.names(&mut names),
            }
            todo.extend(names);
        }
        seen
    }

    /// Checks a value against a declared type; panics with every mismatch.
    fn check_root(&self, value: &Json, root: &str, what: &str, cov: &mut Coverage) {
        let mut errs = vec![];
        self.check(value, &Ty::Ref(root.to_string(), vec![]), what, cov, &mut errs);
        assert!(
            errs.is_empty(),
            "{what} does not match its declaration ({root}):\n{}",
            errs.join("\n")
        );
    }

    fn check(&self, v: &Json, ty: &Ty, path: &str, cov: &mut Coverage, errs: &mut Vec<String>) {
        let bad = |errs: &mut Vec<String>| errs.push(format!("{path}: {} is not {ty}", short(v)));
        match ty {
            Ty::String if !v.is_string() => bad(errs),
            Ty::Number if !v.is_number() => bad(errs),
            Ty::Boolean if !v.is_boolean() => bad(errs),
            Ty::Null if !v.is_null() => bad(errs),
            Ty::String | Ty::Number | Ty::Boolean | Ty::Null | Ty::Unknown => {}
            Ty::Lit(l) => {
                if lit_of(v).as_deref() != Some(l.as_str()) {
                    bad(errs)
                }
            }
            Ty::Other(_) => bad(errs),
            Ty::Array(item) => match v.as_array() {
                Some(a) => a
                    .iter()
                    .enumerate()
                    .for_each(|(i, x)| self.check(x, item, &format!("{path}[{i}]"), cov, errs)),
                None => bad(errs),
            },
            Ty::Object(fields) => self.check_object(v, fields, None, path, cov, errs),
            Ty::Union(alts) => {
                for alt in alts {
                    let (mut c, mut e) = (cov.clone(), vec![]);
                    self.check(v, alt, path, &mut c, &mut e);
                    if e.is_empty() {
                        *cov = c;
                        return;
                    }
                }
                bad(errs)
            }
            Ty::Ref(name, args) if name == "Record" => match (v.as_object(), args.as_slice()) {
                (Some(m), [Ty::String, t]) => m
                    .iter()
                    .for_each(|(k, x)| self.check(x, t, &format!("{path}.{k}"), cov, errs)),
                _ => bad(errs),
            },
            Ty::Ref(name, args) if name == "Array" && args.len() == 1 => {
                self.check(v, &Ty::Array(Box::new(args[0].clone())), path, cov, errs)
            }
            Ty::Ref(name, _) => match self.items.get(name) {
                Some(Item::Alias(t)) => {
                    let before = errs.len();
                    self.check(v, t, path, cov, errs);
                    if errs.len() == before && !t.literals().is_empty() {
                        cov.literals.insert((name.clone(), lit_of(v).unwrap_or_default()));
                    }
                }
                Some(Item::Interface { .. }) => self.check_object(v, &self.fields(name), Some(name), path, cov, errs),
                None => errs.push(format!("{path}: {name} is not declared")),
            },
        }
    }

    fn check_object(
        &self,
        v: &Json,
        fields: &BTreeMap<String, Field>,
        name: Option<&str>,
        path: &str,
        cov: &mut Coverage,
        errs: &mut Vec<String>,
    ) {
        let Some(m) = v.as_object() else {
            errs.push(format!(
                "{path}: {} is not an object ({})",
                short(v),
                name.unwrap_or("{…}")
            ));
            return;
        };
        let what = name.unwrap_or("its inline type");
        for (k, x) in m {
            match fields.get(k) {
                None => errs.push(format!("{path}.{k}: serde writes `{k}`, {what} does not declare it")),
                Some(f) => {
                    self.check(x, &f.ty, &format!("{path}.{k}"), cov, errs);
                    if let Some(n) = name {
                        cov.keys.insert((self.owner(n, k), k.clone()));
                    }
                }
            }
        }
        for (k, f) in fields {
            if !f.optional && !m.contains_key(k) {
                errs.push(format!("{path}: {what} declares `{k}`, serde does not write it"));
            }
        }
    }

    /// The interface that declares `key` for `name`: itself or a base.
    fn owner(&self, name: &str, key: &str) -> String {
        match self.items.get(name) {
            Some(Item::Interface { fields, .. }) if fields.contains_key(key) => name.to_string(),
            _ => self
                .bases(name)
                .iter()
                .map(|b| self.owner(b, key))
                .find(|o| !o.is_empty())
                .unwrap_or_default(),
        }
    }
}

impl Parser {
    fn parse_into(&mut self, d: &mut Decls) {
        while self.peek().is_some() {
            if self.eat('}') {
                continue;
            }
            self.eat_word("export");
            self.eat_word("declare");
            if self.eat_word("interface") {
                let name = self.ident();
                let mut bases = vec![];
                if self.eat_word("extends") {
                    loop {
                        bases.push(self.ident());
                        if !self.eat(',') {
                            break;
                        }
                    }
                }
                self.expect('{');
                let fields = self.members();
                let item = Item::Interface { bases, fields };
                match d.items.get_mut(&name) {
                    // `declare global` re-opens DOM interfaces: keep the members together.
                    Some(Item::Interface { fields: f, .. }) => {
                        if let Item::Interface { fields, .. } = item {
                            f.extend(fields)
                        }
                    }
                    _ => {
                        d.items.insert(name, item);
                    }
                }
            } else if self.eat_word("type") && !self.is('{') {
                let name = self.ident();
                self.expect('=');
                let ty = self.ty();
                self.expect(';');
                d.items.insert(name, Item::Alias(ty));
            } else if self.eat_word("import") {
                self.eat_word("type");
                self.expect('{');
                let mut names = vec![];
                while !self.eat('}') {
                    names.push(self.ident());
                    self.eat(',');
                }
                assert!(self.eat_word("from"));
                let Some(Tok::Str(module)) = self.peek().cloned() else {
                    panic!("import from a module")
                };
                self.i += 1;
                self.eat(';');
                d.imports.entry(module).or_default().extend(names);
            } else if self.eat_word("class") {
                let name = self.ident();
                while !self.eat('{') {
                    self.i += 1;
                }
                let body = self.class_body();
                d.classes.insert(name, body);
            } else if self.eat_word("global") {
                self.expect('{');
            } else {
                self.skip_statement();
            }
        }
    }
}

#[derive(Clone, Default)]
struct Coverage {
    /// (interface, key) written by some sample.
    keys: BTreeSet<(String, String)>,
    /// (alias, literal) written by some sample.
    literals: BTreeSet<(String, String)>,
}

fn lit_of(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => {
            let mut l = String::new();
            write_str_lit(&mut l, s);
            Some(l)
        }
        Json::Bool(b) => Some(b.to_string()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn short(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// The batch is in the wasm only with the feature `batch`; checked natively.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn a_batch_is_the_declared_batch() {
    // batch.d.ts uses api.d.ts's CalculateInput and Money: both files, as in pkg-office/.
    let both = format!("{API}\n{BATCH}");
    let decls = Decls::parse(&both);
    let input = json!([
        { "enterprise": "A", "rows": [
            { "year": 2026, "expenses": [{ "category": "brand_promotion", "amount": "30万" }] },
            { "year": 2025, "expenses": [{ "category": "brand_promotion", "amount": "1.001" }] },
            { "year": 2025, "expenses": [{ "category": "national_demo_park" }] },
        ] },
        { "enterprise": 7, "rows": [] },
    ]);
    for (i, e) in input.as_array().unwrap().iter().enumerate() {
        decls.check_root(
            e,
            "BatchEnterpriseInput",
            &format!("enterprise {i}"),
            &mut Coverage::default(),
        );
    }
    decls.check_root(
        &json!({ "overlay": { "brand_promotion.rate": "40%", "brand_promotion.cap": 150000 } }),
        "BatchOptions",
        "options",
        &mut Coverage::default(),
    );
    let mut b = pinghu_subsidy::Batch::new(Policy::builtin(), json!({ "brand_promotion.rate": "40%" })).unwrap();
    let part = serde_json::to_value(b.add_input(input.clone())).unwrap();
    assert_eq!(part["errors"].as_array().unwrap().len(), 1);
    decls.check_root(&part, "BatchPart", "part", &mut Coverage::default());
    b.add_input(json!([{ "rows": [] }]));
    let totals = serde_json::to_value(b.totals()).unwrap();
    decls.check_root(&totals, "BatchTotals", "totals", &mut Coverage::default());
    // Without an overlay, `changed` is null, in each enterprise and in the totals.
    let mut plain = pinghu_subsidy::Batch::new(Policy::builtin(), Json::Null).unwrap();
    let part = serde_json::to_value(plain.add_input(input)).unwrap();
    decls.check_root(&part, "BatchPart", "part without overlay", &mut Coverage::default());
    decls.check_root(
        &serde_json::to_value(plain.totals()).unwrap(),
        "BatchTotals",
        "totals without overlay",
        &mut Coverage::default(),
    );
}
