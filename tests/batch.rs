#![cfg(not(target_arch = "wasm32"))]
//! The batch and the what-if overlay: overlay validation tables (one case per sentence), and a
//! generated batch whose totals must equal the sum of single `calculate()` / `calculate_plan()` calls.

use pinghu_subsidy::batch::overlay;
use pinghu_subsidy::{plain, Batch, Decimal, Policy};
use serde_json::{json, Value};

fn codes(v: Value) -> Vec<(String, String)> {
    match overlay(Policy::builtin(), v) {
        Ok(_) => vec![],
        Err(e) => e
            .problems()
            .iter()
            .map(|p| (p.path().to_string(), p.code().to_string()))
            .collect(),
    }
}

/// What `calculate()` gives one year's expenses under `p`: the figures these tests expect come
/// from the engine and the policy data, never written by hand (the rehearsal runs them too).
fn total_of(p: &'static Policy, year: i32, expenses: Value) -> Decimal {
    p.calculate_input(json!({ "year": year, "expenses": expenses }))
        .unwrap()
        .total
}

/// The refused rows of a part: (enterprise, row, path, code).
fn refused(part: &pinghu_subsidy::batch::Part) -> Vec<(usize, Option<usize>, &str, &str)> {
    part.errors
        .iter()
        .map(|e| (e.enterprise, e.row, e.path.as_str(), e.code))
        .collect()
}

/// A sentence, an overlay, and the problems it must give (path, code).
type Case = (&'static str, Value, Vec<(String, String)>);

#[test]
fn overlay_validation_table() {
    let p = |s: &str| s.to_string();
    let cases: Vec<Case> = vec![
        ("an empty overlay changes nothing", json!({}), vec![]),
        ("null is no overlay", Value::Null, vec![]),
        (
            "a rate as a fraction is accepted",
            json!({ "brand_promotion.rate": "0.4" }),
            vec![],
        ),
        (
            "a rate as a percentage is accepted",
            json!({ "brand_promotion.rate": "40%" }),
            vec![],
        ),
        (
            "a rate of exactly 100% is accepted",
            json!({ "overseas_legal.rate": 1 }),
            vec![],
        ),
        ("a rate of 0 is accepted", json!({ "overseas_legal.rate": 0 }), vec![]),
        (
            "a rate just above 100% is refused",
            json!({ "overseas_legal.rate": "1.01" }),
            vec![(p(r#"overlay["overseas_legal.rate"]"#), p("rate_range"))],
        ),
        (
            "a rate of 101% is refused",
            json!({ "overseas_legal.rate": "101%" }),
            vec![(p(r#"overlay["overseas_legal.rate"]"#), p("rate_range"))],
        ),
        (
            "a negative rate is refused",
            json!({ "overseas_legal.rate": "-0.1" }),
            vec![(p(r#"overlay["overseas_legal.rate"]"#), p("amount_negative"))],
        ),
        (
            "a cap in 万 is accepted",
            json!({ "brand_promotion.cap": "15万" }),
            vec![],
        ),
        ("a cap of 0 is accepted", json!({ "brand_promotion.cap": 0 }), vec![]),
        (
            "a negative cap is refused",
            json!({ "brand_promotion.cap": "-1" }),
            vec![(p(r#"overlay["brand_promotion.cap"]"#), p("amount_negative"))],
        ),
        (
            "a negative cap as a number is refused",
            json!({ "brand_promotion.cap": -100 }),
            vec![(p(r#"overlay["brand_promotion.cap"]"#), p("amount_negative"))],
        ),
        (
            "an award's cap can change",
            json!({ "one_stop_park.cap": "200万" }),
            vec![],
        ),
        (
            "an award has no rate to change",
            json!({ "one_stop_park.rate": "0.5" }),
            vec![(p(r#"overlay["one_stop_park.rate"]"#), p("unknown_parameter"))],
        ),
        (
            "an unknown category is refused",
            json!({ "no_such.cap": "1" }),
            vec![(p(r#"overlay["no_such.cap"]"#), p("unknown_parameter"))],
        ),
        (
            "an unknown field is refused",
            json!({ "brand_promotion.ceiling": "1" }),
            vec![(p(r#"overlay["brand_promotion.ceiling"]"#), p("unknown_parameter"))],
        ),
        (
            "a parameter without a field is refused",
            json!({ "brand_promotion": "1" }),
            vec![(p("overlay.brand_promotion"), p("unknown_parameter"))],
        ),
        (
            "a cap period the policy has is accepted",
            json!({ "brand_promotion.cap_period": Policy::builtin().cap_periods()[0].id }),
            vec![],
        ),
        (
            "a cap period that does not exist is refused",
            json!({ "brand_promotion.cap_period": "per_decade" }),
            vec![(p(r#"overlay["brand_promotion.cap_period"]"#), p("unknown_cap_period"))],
        ),
        (
            "a cap that is not an amount is refused",
            json!({ "brand_promotion.cap": true }),
            vec![(p(r#"overlay["brand_promotion.cap"]"#), p("type"))],
        ),
        (
            "every problem is reported, not the first only",
            json!({ "brand_promotion.cap": "-1", "overseas_legal.rate": "2", "x.y": 1 }),
            vec![
                (p(r#"overlay["brand_promotion.cap"]"#), p("amount_negative")),
                (p(r#"overlay["overseas_legal.rate"]"#), p("rate_range")),
                (p(r#"overlay["x.y"]"#), p("unknown_parameter")),
            ],
        ),
        (
            "an overlay that is not an object is refused",
            json!([1]),
            vec![(p("overlay"), p("type"))],
        ),
    ];
    for (name, input, want) in cases {
        assert_eq!(codes(input), want, "{name}");
    }
}

#[test]
fn the_builtin_policy_never_changes() {
    let before = Policy::builtin().to_json();
    let cap = Policy::builtin().category("brand_promotion").unwrap().cap;
    let (changes, changed) = overlay(Policy::builtin(), json!({ "brand_promotion.cap": "1" })).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changed.category("brand_promotion").unwrap().cap, Decimal::ONE);
    assert_eq!(Policy::builtin().category("brand_promotion").unwrap().cap, cap);
    assert_eq!(Policy::builtin().to_json(), before);
}

/// A deterministic enterprise `i`: some of the eight expense categories, amounts of every size
/// (fen included), conditions met or not, other support sometimes.
fn expenses(i: u64) -> Value {
    let cats = [
        "platform_onboarding",
        "brand_promotion",
        "livestream_service",
        "public_livestream_room",
        "certification",
        "overseas_showroom",
        "training",
        "overseas_legal",
    ];
    let mut out = vec![];
    for (k, c) in cats.iter().enumerate() {
        let h = (i * 2_654_435_761 + k as u64 * 40_503) % 1_000_003;
        if h.is_multiple_of(5) {
            continue;
        }
        let amount = format!("{}.{:02}", h * 7 % 900_000, h % 100);
        let mut e = json!({ "category": c, "amount": amount });
        match *c {
            "public_livestream_room" => e["conditions"] = json!({ "recognized_industry_belt": !h.is_multiple_of(3) }),
            "overseas_showroom" => e["conditions"] = json!({ "showroom_months": h % 24 }),
            "training" => e["conditions"] = json!({ "accredited": h.is_multiple_of(2) }),
            _ => {}
        }
        if h.is_multiple_of(7) {
            e["other_policy_support"] = json!(format!("{}", h % 50_000));
        }
        out.push(e);
    }
    if i.is_multiple_of(11) {
        out.push(json!({ "category": "one_stop_park" }));
    }
    Value::Array(out)
}

#[test]
fn one_year_enterprises_total_the_sum_of_single_calculate_calls() {
    let policy = Policy::builtin();
    let mut batch = Batch::new(policy, Value::Null).unwrap();
    let (mut total, mut awards) = (Decimal::ZERO, Decimal::ZERO);
    let mut per_cat = vec![Decimal::ZERO; policy.categories.len()];
    for part in 0..4u64 {
        let ents: Vec<Value> = (0..250u64)
            .map(|j| {
                let i = part * 250 + j;
                json!({ "enterprise": format!("E{i}"), "rows": [{ "year": 2025, "expenses": expenses(i) }] })
            })
            .collect();
        let out = batch.add_input(Value::Array(ents.clone()));
        assert!(out.errors.is_empty(), "{:?}", out.errors.first());
        for (e, got) in ents.iter().zip(&out.enterprises) {
            let est = policy.calculate_input(e["rows"][0].clone()).unwrap();
            assert_eq!(got.baseline.total.0, est.total);
            total += est.total;
            awards += est.awards_up_to;
            for l in &est.lines {
                let i = policy.categories.iter().position(|c| c.id == l.category.id).unwrap();
                per_cat[i] += l.support;
            }
        }
    }
    let t = batch.totals();
    assert_eq!(
        (t.rows_read, t.rows_computed, t.rows_refused, t.enterprises),
        (1000, 1000, 0, 1000)
    );
    assert_eq!(plain(t.baseline.total.0), plain(total));
    assert_eq!(plain(t.baseline.awards_up_to.0), plain(awards));
    for (c, want) in t.baseline.categories.iter().zip(&per_cat) {
        assert_eq!(c.support.0, *want, "{}", c.category);
    }
    let by_measure: Decimal = t.baseline.measures.iter().map(|m| m.total.0).sum();
    assert_eq!(by_measure, total);
    assert!(t.changed.is_none());
}

#[test]
fn enterprises_over_years_total_the_sum_of_calculate_plan_calls_in_any_row_order() {
    let policy = Policy::builtin();
    let mut batch = Batch::new(policy, Value::Null).unwrap();
    let mut total = Decimal::ZERO;
    let ents: Vec<Value> = (0..200u64)
        .map(|i| {
            // Rows out of order on purpose: the batch puts them in year order.
            json!({ "enterprise": i, "rows": [
                { "year": 2026, "expenses": expenses(i + 1000) },
                { "year": 2025, "expenses": expenses(i) },
                { "year": 2027, "expenses": expenses(i + 2000) },
            ] })
        })
        .collect();
    for e in &ents {
        let r = &e["rows"];
        let plan = json!({ "years": [r[1], r[0], r[2]] });
        total += policy.calculate_plan_input(plan).unwrap().total;
    }
    let out = batch.add_input(Value::Array(ents));
    assert!(out.errors.is_empty());
    assert_eq!(
        out.enterprises[0].rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        [1, 0, 2]
    );
    assert_eq!(batch.totals().baseline.total.0, total);
}

#[test]
fn a_bad_row_is_refused_with_its_place_and_the_others_are_computed() {
    let mut batch = Batch::new(Policy::builtin(), Value::Null).unwrap();
    let out = batch.add_input(json!([
        { "enterprise": "A", "rows": [
            { "year": 2025, "expenses": [{ "category": "brand_promotion", "amount": "100.123" }] },
            { "year": 2026, "expenses": [{ "category": "brand_promotion", "amount": "1000" }] },
            { "year": 2026, "expenses": [{ "category": "brand_promotion", "amount": "1000" }] },
        ] },
        { "rows": [{ "year": 2025, "expenses": [] }] },
        { "enterprise": "C", "rows": [{ "year": 2025, "expenses": [{ "category": "certification", "amount": "10000" }] }] },
    ]));
    assert_eq!(
        refused(&out),
        [
            (0, Some(0), "expenses[0].amount", "amount_precision"),
            (0, Some(2), "year", "year_twice"),
            (1, None, "enterprise", "required"),
        ]
    );
    assert!(out.errors[0].zh.starts_with("金额最多保留两位小数"));
    let t = batch.totals();
    assert_eq!(
        (t.rows_read, t.rows_computed, t.rows_refused, t.enterprises),
        (5, 2, 3, 2)
    );
    let want = total_of(
        Policy::builtin(),
        2026,
        json!([{ "category": "brand_promotion", "amount": "1000" }]),
    ) + total_of(
        Policy::builtin(),
        2025,
        json!([{ "category": "certification", "amount": "10000" }]),
    );
    assert_eq!(t.baseline.total.0, want);
}

/// An expense category with a rate and nothing else to meet in 2025, from the policy data:
/// its cap reached by an amount of whole fen (cap ÷ rate).
fn plain_expense() -> &'static pinghu_subsidy::policy::Category {
    Policy::builtin()
        .categories
        .iter()
        .find(|c| {
            c.kind == pinghu_subsidy::policy::Kind::Expense
                && c.required_in(2025).next().is_none()
                && c.rate
                    .is_some_and(|r| r > Decimal::ZERO && (c.cap / r).round_dp(2) * r == c.cap)
        })
        .expect("the policy has an expense category with a rate and no condition")
}

#[test]
fn an_overlay_changes_the_changed_totals_only_and_says_which_enterprises_change() {
    let cat = plain_expense();
    // Another category the overlay leaves alone: any other expense category with a rate.
    let other = Policy::builtin()
        .categories
        .iter()
        .find(|c| c.id != cat.id && c.rate.is_some() && c.required_in(2025).next().is_none())
        .expect("a second expense category with a rate");
    // Half the category's rate, on an amount its rate never caps: half the support.
    let half = cat.rate.unwrap() / Decimal::from(2);
    let (amount, other_amount) = (plain(cat.cap), plain(other.cap));
    let ents = json!([
        { "enterprise": "brand", "rows": [{ "year": 2025, "expenses": [{ "category": cat.id, "amount": amount }] }] },
        { "enterprise": "legal", "rows": [{ "year": 2025, "expenses": [{ "category": other.id, "amount": other_amount }] }] },
    ]);
    let what_if = json!({ format!("{}.rate", cat.id): plain(half) });
    let mut batch = Batch::new(Policy::builtin(), what_if.clone()).unwrap();
    let (_, changed) = overlay(Policy::builtin(), what_if).unwrap();
    let brand = json!([{ "category": cat.id, "amount": amount }]);
    let legal = json!([{ "category": other.id, "amount": other_amount }]);
    let (brand0, brand1) = (
        total_of(Policy::builtin(), 2025, brand.clone()),
        total_of(changed, 2025, brand),
    );
    let legal0 = total_of(Policy::builtin(), 2025, legal);
    assert_ne!(brand0, brand1, "the overlay changes the brand line");
    let out = batch.add_input(ents);
    assert_eq!(out.enterprises[0].baseline.total.0, brand0);
    assert_eq!(out.enterprises[0].changed.as_ref().unwrap().total.0, brand1);
    assert_eq!(
        out.enterprises[1].changed.as_ref().unwrap(),
        &out.enterprises[1].baseline
    );
    let t = batch.totals();
    assert_eq!(t.changed_enterprises, 1);
    assert_eq!(t.baseline.total.0, brand0 + legal0);
    assert_eq!(t.changed.as_ref().unwrap().total.0, brand1 + legal0);
    assert_eq!(t.overlay[0].parameter, format!("{}.rate", cat.id));
    assert_eq!(t.overlay[0].value.parse::<Decimal>().unwrap(), half);
}

#[test]
fn reaching_a_cap_is_counted_on_both_sides_of_it() {
    // Its rate up to its cap, so cap ÷ rate of expense reaches the cap exactly.
    let c = plain_expense();
    let at = (c.cap / c.rate.expect("a rate")).round_dp(2);
    assert_eq!(at * c.rate.unwrap(), c.cap, "the cap is reached at a whole fen");
    let row = |amount: Decimal| json!([{ "year": 2025, "expenses": [{ "category": c.id, "amount": plain(amount) }] }]);
    let mut batch = Batch::new(Policy::builtin(), Value::Null).unwrap();
    let out = batch.add_input(json!([
        { "enterprise": "below", "rows": row(at - Decimal::new(1, 2)) },
        { "enterprise": "at", "rows": row(at) },
        { "enterprise": "above", "rows": row(at + at) },
    ]));
    let reached: Vec<usize> = out.enterprises.iter().map(|e| e.baseline.reached.len()).collect();
    assert_eq!(reached, [0, 1, 1]);
    let t = batch.totals();
    let totals = t.baseline.categories.iter().find(|x| x.category == c.id).unwrap();
    assert_eq!((totals.enterprises, totals.reached_cap), (3, 2));
}

/// A category whose cap runs over the whole plan, from the policy data.
fn plan_capped() -> &'static pinghu_subsidy::policy::Category {
    Policy::builtin()
        .categories
        .iter()
        .find(|c| {
            c.kind == pinghu_subsidy::policy::Kind::Expense
                && c.conditions.iter().all(|k| k.only_year.is_some()) // none asked in every year
                && c.cap_period.scope == pinghu_subsidy::policy::CapScope::Plan
        })
        .expect("premise: a category capped over the plan")
}

#[test]
fn support_already_received_uses_up_an_enterprises_cap_over_the_plan_as_calculate_plan_does() {
    let policy = Policy::builtin();
    let cat = plan_capped();
    let year = policy.document.first_year + 1;
    // Enough expense to reach the cap, and half the cap already received in years not given.
    let amount = plain(cat.cap * Decimal::TEN);
    let received = plain(cat.cap / Decimal::TWO);
    let rows = json!([{ "year": year, "expenses": [{ "category": cat.id, "amount": amount }] }]);
    let with = json!([{ "category": cat.id, "amount": received }]);
    let mut batch = Batch::new(policy, Value::Null).unwrap();
    let out = batch.add_input(json!([
        { "enterprise": "without", "rows": rows },
        { "enterprise": "with", "rows": rows, "already_received": with },
    ]));
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let plan = |r: Value| {
        policy
            .calculate_plan_input(json!({ "years": rows, "already_received": r }))
            .unwrap()
            .total
    };
    assert_eq!(out.enterprises[0].baseline.total.0, plan(json!([])));
    assert_eq!(out.enterprises[1].baseline.total.0, plan(with.clone()));
    assert_eq!(
        out.enterprises[0].baseline.total.0 - out.enterprises[1].baseline.total.0,
        cat.cap / Decimal::TWO,
        "what was received is taken off what the cap has left"
    );
}

#[test]
fn support_already_received_in_an_unknown_category_or_not_an_amount_refuses_the_enterprise_at_its_path() {
    let mut batch = Batch::new(Policy::builtin(), Value::Null).unwrap();
    let year = Policy::builtin().document.first_year + 1;
    let rows = json!([{ "year": year, "expenses": [] }]);
    let out = batch.add_input(json!([
        { "enterprise": "A", "rows": rows, "already_received": [{ "category": "no_such", "amount": "1" }] },
        { "enterprise": "B", "rows": rows, "already_received": [{ "category": plan_capped().id, "amount": "abc" }] },
        { "enterprise": "C", "rows": rows, "already_received": [] },
    ]));
    assert_eq!(
        refused(&out),
        [
            (0, None, "already_received[0].category", "unknown_category"),
            (1, None, "already_received[0].amount", "amount_format"),
        ]
    );
    assert_eq!(out.enterprises.len(), 1, "C is computed");
}

// ------------------------------------------------------------------ budget: years, range, notices

use pinghu_subsidy::estimate::NoticeKind;
use pinghu_subsidy::policy::{CapScope, Category, Kind, Rule};

#[test]
fn totals_per_year_and_per_measure_by_year_add_up_to_each_plan_year() {
    let policy = Policy::builtin();
    let doc = &policy.document;
    let years: Vec<i32> = (doc.first_year..=doc.last_year).collect();
    let mut batch = Batch::new(policy, Value::Null).unwrap();
    // Every plan year, and one before the plan: it is in no year's sums.
    let mut want = vec![(Decimal::ZERO, Decimal::ZERO); years.len()];
    let ents: Vec<Value> = (0..60u64)
        .map(|i| {
            let mut rows: Vec<Value> = years
                .iter()
                .enumerate()
                .filter(|(k, _)| !(i + *k as u64).is_multiple_of(3))
                .map(|(k, y)| json!({ "year": y, "expenses": expenses(i * 7 + k as u64) }))
                .collect();
            rows.insert(0, json!({ "year": doc.first_year - 1, "expenses": expenses(i) }));
            json!({ "enterprise": i, "rows": rows })
        })
        .collect();
    for e in &ents {
        let plan = policy.calculate_plan_input(json!({ "years": e["rows"] })).unwrap();
        for y in &plan.years {
            if let Some(k) = years.iter().position(|x| *x == y.year) {
                want[k].0 += y.total;
                want[k].1 += y.awards_up_to;
            }
        }
    }
    let out = batch.add_input(Value::Array(ents));
    assert!(out.errors.is_empty(), "{:?}", out.errors.first());
    let t = batch.totals();
    let got: Vec<i32> = t.baseline.years.iter().map(|y| y.year).collect();
    assert_eq!(got, years, "the plan's years, each once, in order");
    for (y, (total, awards)) in t.baseline.years.iter().zip(&want) {
        assert_eq!((y.total.0, y.awards_up_to.0), (*total, *awards), "{}", y.year);
        let m: (Decimal, Decimal) = y.measures.iter().fold((Decimal::ZERO, Decimal::ZERO), |a, m| {
            (a.0 + m.total.0, a.1 + m.awards_up_to.0)
        });
        assert_eq!(m, (*total, *awards), "the measures of {} add up to it", y.year);
        let ids: Vec<&str> = y.measures.iter().map(|m| m.measure).collect();
        let all: Vec<&str> = t.baseline.measures.iter().map(|m| m.measure).collect();
        assert_eq!(ids, all);
    }
    let sum: Decimal = t.baseline.years.iter().map(|y| y.total.0).sum();
    assert_eq!(sum, t.baseline.total.0, "no support outside the plan's years");
    assert!(!sum.is_zero());
    // Each measure over the years is its total.
    for (i, m) in t.baseline.measures.iter().enumerate() {
        let over: Decimal = t.baseline.years.iter().map(|y| y.measures[i].total.0).sum();
        assert_eq!(over, m.total.0, "{}", m.measure);
    }
}

/// A category of `kind` whose cap has no period in the text, read as one over the plan.
fn undated(kind: Kind) -> Option<&'static Category> {
    Policy::builtin().categories.iter().find(|c| {
        c.kind == kind
            && c.cap_period.scope == CapScope::Plan
            && c.cap_period.reading.is_some()
            && c.conditions
                .iter()
                .all(|k| k.only_year.is_some() || k.default.is_some())
    })
}

/// Met conditions for `c` (each as its rule wants).
fn met(c: &Category) -> Value {
    let mut m = serde_json::Map::new();
    for k in c.conditions {
        let v = match k.rule {
            Rule::Is(b) => json!(b),
            Rule::AtLeast(n) => json!(n),
        };
        m.insert(k.id.to_string(), v);
    }
    Value::Object(m)
}

#[test]
fn the_yearly_reading_of_undated_caps_is_what_calculate_plan_says_and_notices_carry_it() {
    let policy = Policy::builtin();
    let doc = &policy.document;
    let cats: Vec<&Category> = [Kind::Expense, Kind::Award].into_iter().filter_map(undated).collect();
    assert!(!cats.is_empty(), "premise: a cap with no period in the text");
    let item = |c: &Category| json!({ "category": c.id, "amount": plain(c.cap * Decimal::TEN), "conditions": met(c) });
    let year = |y: i32| json!({ "year": y, "expenses": cats.iter().map(|c| item(c)).collect::<Vec<_>>() });
    let rows = json!([year(doc.first_year + 1), year(doc.first_year + 2)]);
    let one = json!([year(doc.first_year + 1)]);
    let mut batch = Batch::new(policy, Value::Null).unwrap();
    batch.add_input(json!([{ "enterprise": "two years", "rows": rows }, { "enterprise": "one", "rows": one }]));
    let t = batch.totals();
    // What calculate_plan's notice gives for each plan under the yearly reading, added up.
    let (mut yearly, mut awards) = (Decimal::ZERO, Decimal::ZERO);
    for r in [&rows, &one] {
        let plan = policy.calculate_plan_input(json!({ "years": r })).unwrap();
        // Each reading's notice gives the expense total or the award ceilings it governs.
        let (mut y, mut a) = (None, None);
        for n in &plan.notices {
            if let NoticeKind::CapOverPlan {
                yearly, yearly_awards, ..
            } = n.kind
            {
                y = y.or(yearly);
                a = a.or(yearly_awards);
            }
        }
        yearly += y.unwrap_or(plan.total);
        awards += a.unwrap_or(plan.awards_up_to);
    }
    let r = &t.range;
    assert_eq!(
        (r.yearly_reading.total.0, r.yearly_reading.awards_up_to.0),
        (yearly, awards)
    );
    assert!(
        r.yearly_reading.total.0 + r.yearly_reading.awards_up_to.0 > t.baseline.total.0 + t.baseline.awards_up_to.0,
        "premise: the reading matters for two years at the cap"
    );
    let codes: Vec<&str> = cats
        .iter()
        .map(|c| c.cap_period.reading.as_ref().unwrap().code)
        .collect();
    for code in &codes {
        assert!(r.readings.contains(code), "{code}");
        let n = t.notices.iter().filter(|n| n.code() == *code).count();
        assert_eq!(n, 1, "the reading {code} is said once");
    }
    let said = t.notices.iter().find(|n| codes.contains(&n.code())).unwrap();
    let expense = cats.iter().any(|c| c.kind == Kind::Expense);
    if let NoticeKind::CapOverPlan { yearly, .. } = said.kind {
        assert_eq!(yearly.is_some(), expense);
    }
    // Nothing else changes under it: the conditions were given.
    assert_eq!(r.conditions_met, t.baseline);
    assert!(r.empty_conditions.is_empty());
}

#[test]
fn a_batch_without_undated_caps_has_no_reading_and_its_range_is_its_baseline() {
    let policy = Policy::builtin();
    let c = policy
        .categories
        .iter()
        .find(|c| {
            c.kind == Kind::Expense
                && c.cap_period.reading.is_none()
                && c.conditions
                    .iter()
                    .all(|k| k.only_year.is_some() || k.default.is_some())
        })
        .expect("premise: an expense category with a dated cap and no condition asked every year");
    let rows = json!([
        { "year": policy.document.first_year + 1, "expenses": [{ "category": c.id, "amount": plain(c.cap * Decimal::TEN) }] },
        { "year": policy.document.first_year + 2, "expenses": [{ "category": c.id, "amount": plain(c.cap * Decimal::TEN) }] },
    ]);
    let mut batch = Batch::new(policy, Value::Null).unwrap();
    batch.add_input(json!([{ "enterprise": "A", "rows": rows }]));
    let t = batch.totals();
    assert!(t.range.readings.is_empty());
    assert_eq!(t.range.yearly_reading, t.baseline);
    assert!(!t.baseline.total.0.is_zero());
}

/// An expense category asked one condition every year with no default (the others have one or
/// are asked in one year only).
fn conditioned() -> (&'static Category, &'static pinghu_subsidy::policy::Condition) {
    Policy::builtin()
        .categories
        .iter()
        .filter(|c| c.kind == Kind::Expense)
        .find_map(|c| {
            let mut asked = c
                .conditions
                .iter()
                .filter(|k| k.default.is_none() && k.only_year.is_none());
            let k = asked.next()?;
            asked.next().is_none().then_some((c, k))
        })
        .expect("premise: an expense category with one condition asked every year, no default")
}

#[test]
fn empty_conditions_are_counted_per_category_with_what_they_add_when_met() {
    let policy = Policy::builtin();
    let (c, k) = conditioned();
    let year = policy.document.first_year + 1;
    let unmet = match k.rule {
        Rule::Is(b) => json!(!b),
        Rule::AtLeast(n) => json!(n.saturating_sub(1)),
    };
    let amounts = ["1000", "25000.50", &plain(c.cap * Decimal::TEN)].map(String::from);
    let mut ents = vec![];
    let mut if_met = Decimal::ZERO;
    for (i, a) in amounts.iter().enumerate() {
        // Empty: the condition not given.
        let e = json!([{ "category": c.id, "amount": a }]);
        let line = policy.calculate_input(json!({ "year": year, "expenses": e })).unwrap();
        if_met += line.lines[0].if_eligible.expect("the engine's if_eligible");
        ents.push(json!({ "enterprise": format!("empty {i}"), "rows": [{ "year": year, "expenses": e }] }));
        // Given and not met: not an empty condition.
        let mut g = e.clone();
        g[0]["conditions"] = json!({ k.id: unmet });
        ents.push(json!({ "enterprise": format!("unmet {i}"), "rows": [{ "year": year, "expenses": g }] }));
    }
    let mut batch = Batch::new(policy, Value::Null).unwrap();
    let out = batch.add_input(Value::Array(ents));
    assert!(out.errors.is_empty(), "{:?}", out.errors.first());
    let t = batch.totals();
    let i = policy.categories.iter().position(|x| x.id == c.id).unwrap();
    assert!(t.baseline.categories[i].support.0.is_zero());
    let e = &t.range.empty_conditions;
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!((e[0].category, e[0].rows), (c.id, amounts.len()));
    assert_eq!(
        e[0].adds.0, if_met,
        "the sum of the engine's if_eligible, one year each"
    );
    assert_eq!(t.range.conditions_met.total.0, t.baseline.total.0 + if_met);
    assert!(!if_met.is_zero());
}

#[test]
fn the_totals_carry_each_notice_once_the_documents_and_the_claimed_categories() {
    let policy = Policy::builtin();
    let year = policy.document.first_year + 1;
    let assumed = policy.categories.iter().find(|c| c.rate_assumed);
    let unclaimed = policy.categories.iter().find(|c| c.rate_assumed && Some(*c) != assumed);
    let mut batch = Batch::new(policy, Value::Null).unwrap();
    let mut rows = vec![];
    if let Some(c) = assumed {
        rows.push(json!({ "enterprise": "A", "rows": [{ "year": year, "expenses": [{ "category": c.id, "amount": "1000" }] }] }));
        rows.push(json!({ "enterprise": "B", "rows": [{ "year": year, "expenses": [{ "category": c.id, "amount": "2000" }] }] }));
    }
    batch.add_input(Value::Array(rows));
    let t = batch.totals();
    for d in policy.document.notices {
        assert_eq!(t.notices.iter().filter(|n| n.code() == d.code).count(), 1, "{}", d.code);
    }
    for (i, a) in t.notices.iter().enumerate() {
        for b in &t.notices[i + 1..] {
            assert!(!(a.code() == b.code() && a.text == b.text), "said twice: {}", a.code());
        }
    }
    let about = |c: &Category| {
        t.notices
            .iter()
            .any(|n| n.code() == "assumed_rate" && n.category.is_some_and(|x| x.id == c.id))
    };
    if let Some(c) = assumed {
        assert!(about(c), "the claimed category's assumed rate");
    }
    if let Some(c) = unclaimed {
        assert!(!about(c), "not an unclaimed one's");
    }
}
