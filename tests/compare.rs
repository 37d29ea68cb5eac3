#![cfg(not(target_arch = "wasm32"))]
//! Comparing scenarios (src/compare.rs): per category, in total and per year, each difference
//! the scenario less the first one, a plan as the sum of its years, awards apart from the total,
//! and what cannot be compared refused with its reason. The figures follow the policy data: every
//! expected value is the engine's own `calculate()` / `calculate_plan()` of the same input.

use pinghu_subsidy::compare::{compare_value, Comparison};
use pinghu_subsidy::policy::{Category, Kind};
use pinghu_subsidy::workspace;
use pinghu_subsidy::{Decimal, Policy};
use serde_json::{json, Value as Json};

fn p() -> &'static Policy {
    Policy::builtin()
}

/// Expense categories with no condition and no matter shared with another: their support is
/// `min(expense × rate, cap)` whatever else is in the input.
fn plain_expenses() -> Vec<&'static Category> {
    let cats: Vec<_> = p()
        .categories
        .iter()
        .filter(|c| {
            c.kind == Kind::Expense && c.conditions.iter().all(|k| k.only_year.is_some()) && c.exclusive_group.is_none()
        })
        .collect();
    assert!(cats.len() >= 2, "the policy has two plain expense categories");
    cats
}

/// An amount whose support at the category's rate is half its cap: below the cap.
fn under_cap(c: &Category) -> String {
    (c.cap / Decimal::TWO / c.rate.unwrap()).round_dp(2).to_string()
}

fn year(y: i32, items: &[(&Category, String)]) -> Json {
    let expenses: Vec<Json> = items
        .iter()
        .map(|(c, a)| json!({ "category": c.id, "amount": a }))
        .collect();
    json!({ "year": y, "expenses": expenses })
}

fn scenario(id: &str, input: Json) -> Json {
    let kind = if input.get("years").is_some() { "plan" } else { "year" };
    json!({ "id": id, "name": format!("方案 {id}"), "saved": "2026-11-29", "kind": kind, "input": input })
}

fn compare(scenarios: &[Json]) -> Result<Comparison, workspace::Skipped> {
    let v = workspace::parse(&Json::Array(scenarios.to_vec()).to_string()).unwrap();
    compare_value(p(), &v)
}

fn total(input: &Json) -> (Decimal, Decimal) {
    if input.get("years").is_some() {
        let e = p().calculate_plan_input(input.clone()).unwrap();
        (e.total, e.awards_up_to)
    } else {
        let e = p().calculate_input(input.clone()).unwrap();
        (e.total, e.awards_up_to)
    }
}

fn row<'a>(c: &'a Comparison, id: &str) -> &'a pinghu_subsidy::compare::CategoryRow {
    c.categories.iter().find(|r| r.category.id == id).unwrap()
}

#[test]
fn each_difference_is_the_scenario_less_the_first_per_category_and_in_total() {
    let cats = plain_expenses();
    let (a, b) = (cats[0], cats[1]);
    let y = p().document.first_year + 1;
    // The baseline spends on `a`; the second spends more on `a` (over its cap) and on `b`.
    let base = year(y, &[(a, under_cap(a))]);
    let more = year(y, &[(a, (a.cap * Decimal::TEN).to_string()), (b, under_cap(b))]);
    let c = compare(&[scenario("s1", base.clone()), scenario("s2", more.clone())]).unwrap();

    let (t1, t2) = (total(&base).0, total(&more).0);
    assert_eq!(c.total.values, vec![t1, t2]);
    assert_eq!(c.total.differences, vec![Decimal::ZERO, t2 - t1]);
    assert_eq!(row(&c, a.id).values, vec![a.cap / Decimal::TWO, a.cap]);
    assert_eq!(row(&c, a.id).differences, vec![Decimal::ZERO, a.cap / Decimal::TWO]);
    // A category only the second uses is 0 in the first, and its difference is all of it.
    assert_eq!(row(&c, b.id).values, vec![Decimal::ZERO, b.cap / Decimal::TWO]);
    assert_eq!(row(&c, b.id).differences, vec![Decimal::ZERO, b.cap / Decimal::TWO]);
    let sum: Decimal = c
        .categories
        .iter()
        .filter(|r| !r.upper_bound)
        .map(|r| r.values[1])
        .sum();
    assert_eq!(sum, t2, "the category rows add up to the total");
}

#[test]
fn reversing_the_order_makes_the_other_scenario_the_baseline_and_negates_the_differences() {
    let cats = plain_expenses();
    let y = p().document.first_year + 1;
    let s1 = scenario("s1", year(y, &[(cats[0], under_cap(cats[0]))]));
    let s2 = scenario("s2", year(y, &[(cats[1], under_cap(cats[1]))]));
    let ab = compare(&[s1.clone(), s2.clone()]).unwrap();
    let ba = compare(&[s2, s1]).unwrap();
    assert_eq!(ab.total.differences[1], -ba.total.differences[1]);
    assert_ne!(
        ab.total.differences[1],
        Decimal::ZERO,
        "premise: the two scenarios differ"
    );
    assert_eq!(ab.total.values, vec![ba.total.values[1], ba.total.values[0]]);
    assert_eq!(ba.scenarios[0].id, "s2");
}

#[test]
fn a_plan_is_compared_as_the_sum_of_its_years_and_a_year_it_does_not_cover_is_none() {
    let cats = plain_expenses();
    let a = cats[0];
    let (y1, y2) = (p().document.first_year + 1, p().document.first_year + 2);
    let single = year(y1, &[(a, under_cap(a))]);
    let plan = json!({ "years": [year(y1, &[(a, under_cap(a))]), year(y2, &[(a, under_cap(a))])] });
    let c = compare(&[scenario("s1", single.clone()), scenario("s2", plan.clone())]).unwrap();

    let plan_estimate = p().calculate_plan_input(plan.clone()).unwrap();
    assert_eq!(c.total.values[1], plan_estimate.total);
    let by_years: Decimal = plan_estimate
        .years
        .iter()
        .flat_map(|e| &e.lines)
        .filter(|l| l.category.id == a.id)
        .map(|l| l.support)
        .sum();
    assert_eq!(row(&c, a.id).values[1], by_years);
    assert_eq!(
        (c.scenarios[0].kind, c.scenarios[1].kind, c.scenarios[1].years.clone()),
        ("year", "plan", vec![y1, y2])
    );

    let years: Vec<i32> = c.years.iter().map(|r| r.year).collect();
    assert_eq!(years, [y1, y2]);
    assert_eq!(
        c.years[0].values,
        vec![Some(total(&single).0), Some(plan_estimate.years[0].total)]
    );
    assert_eq!(
        c.years[0].differences,
        vec![
            Some(Decimal::ZERO),
            Some(plan_estimate.years[0].total - total(&single).0)
        ]
    );
    // The single year does not cover y2: no value there, and so no difference from it.
    assert_eq!(c.years[1].values, vec![None, Some(plan_estimate.years[1].total)]);
    assert_eq!(c.years[1].differences, vec![None, None]);
}

#[test]
fn award_ceilings_are_compared_apart_and_never_counted_in_the_total() {
    let Some(award) = p()
        .categories
        .iter()
        .find(|c| c.kind == Kind::Award && c.conditions.is_empty() && c.exclusive_group.is_none())
    else {
        panic!("the policy has an award with no condition")
    };
    let y = p().document.first_year + 1;
    let none = year(y, &[]);
    let with = json!({ "year": y, "expenses": [{ "category": award.id }] });
    let c = compare(&[scenario("s1", none), scenario("s2", with.clone())]).unwrap();
    let r = row(&c, award.id);
    assert!(r.upper_bound);
    assert_eq!(r.values, vec![Decimal::ZERO, award.cap]);
    assert_eq!(c.awards_up_to.values, vec![Decimal::ZERO, total(&with).1]);
    assert_eq!(c.awards_up_to.differences[1], award.cap);
    assert_eq!(c.total.values, vec![Decimal::ZERO, Decimal::ZERO]);
}

#[test]
fn rows_are_the_categories_some_scenario_uses_in_the_plans_order() {
    let cats = plain_expenses();
    let (first, last) = (cats[0], *cats.last().unwrap());
    let y = p().document.first_year + 1;
    // Given last first: the rows still follow the plan.
    let c = compare(&[
        scenario("s1", year(y, &[(last, under_cap(last))])),
        scenario("s2", year(y, &[(first, under_cap(first))])),
    ])
    .unwrap();
    let ids: Vec<&str> = c.categories.iter().map(|r| r.category.id).collect();
    assert_eq!(ids, [first.id, last.id]);
    assert_eq!(c.policy.fingerprint, p().fingerprint());
}

#[test]
fn two_to_four_scenarios_are_compared_and_one_or_five_are_refused() {
    let y = p().document.first_year + 1;
    let s = |i: usize| scenario(&format!("s{i}"), year(y, &[]));
    for n in [0, 1, 5] {
        let all: Vec<Json> = (0..n).map(s).collect();
        let e = compare(&all).unwrap_err();
        assert_eq!(
            (e.entry.as_str(), e.code, e.path.as_str()),
            ("compare", "count", "scenarios"),
            "{n}"
        );
    }
    for n in 2..=4 {
        let all: Vec<Json> = (0..n).map(s).collect();
        let c = compare(&all).unwrap();
        assert_eq!(
            (c.scenarios.len(), c.total.values.len(), c.total.differences.len()),
            (n, n, n)
        );
    }
    let e = compare_value(p(), &workspace::parse("{}").unwrap()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), ("field", "scenarios"));
}

#[test]
fn a_scenario_the_calculators_reader_refuses_is_refused_with_its_path_and_problems() {
    let y = p().document.first_year + 1;
    let good = scenario("s1", year(y, &[]));
    let bad = scenario(
        "s2",
        json!({ "year": y, "expenses": [{ "category": "no_such_thing" }] }),
    );
    let e = compare(&[good, bad]).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str(), e.scenario.as_deref()),
        ("input", "scenarios[1].input", Some("方案 s2"))
    );
    let problems = e.errors.as_ref().unwrap().problems();
    assert_eq!(
        (problems[0].path(), problems[0].code()),
        ("expenses[0].category", "unknown_category")
    );
}
