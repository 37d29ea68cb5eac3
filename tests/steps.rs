//! The arithmetic, read from the typed steps of each line rather than from
//! its sentences: the catalogue may reword, these must not move.
#![cfg(not(target_arch = "wasm32"))]

use pinghu_subsidy::{ConditionValue, Decimal, Expense, Policy, Request, Step};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn steps(year: i32, expenses: Vec<Expense>, category: &str) -> Vec<Step> {
    let est = Policy::builtin().calculate(&Request { year, expenses }).unwrap();
    est.line(category).expect("a line").steps.clone()
}

#[test]
fn promotion_over_twice_the_cap_takes_base_rate_and_cap_in_that_order() {
    let s = steps(
        2025,
        vec![Expense::new("brand_promotion", d("300000"))],
        "brand_promotion",
    );
    assert_eq!(
        s,
        vec![
            Step::Base {
                base: d("300000"),
                left_out: d("0"),
                to_other: d("0")
            },
            Step::Rate {
                rate: d("0.5"),
                assumed: false,
                up_to: true,
                product: d("150000.0")
            },
            Step::Cap {
                cap: d("100000"),
                capped: true
            },
        ]
    );
}

#[test]
fn half_a_fen_is_rounded_away_from_zero_as_a_step_of_its_own() {
    let s = steps(
        2025,
        vec![Expense::new("brand_promotion", d("100.05"))],
        "brand_promotion",
    );
    assert_eq!(
        s.last(),
        Some(&Step::Round {
            from: d("50.025"),
            to: d("50.03")
        })
    );
}

#[test]
fn an_exact_product_has_no_rounding_step() {
    let s = steps(
        2025,
        vec![Expense::new("brand_promotion", d("100.04"))],
        "brand_promotion",
    );
    assert!(!s.iter().any(|x| matches!(x, Step::Round { .. })), "{s:?}");
}

#[test]
fn an_assumed_rate_is_marked_in_its_step() {
    let s = steps(2025, vec![Expense::new("certification", d("80000"))], "certification");
    assert!(
        s.contains(&Step::Rate {
            rate: d("1"),
            assumed: true,
            up_to: false,
            product: d("80000")
        }),
        "{s:?}"
    );
}

#[test]
fn a_showroom_item_short_of_twelve_months_is_left_out_of_the_base() {
    let s = steps(
        2025,
        vec![
            Expense::new("overseas_showroom", d("100000")).with("showroom_months", ConditionValue::Number(14)),
            Expense::new("overseas_showroom", d("50000")).with("showroom_months", ConditionValue::Number(11)),
        ],
        "overseas_showroom",
    );
    assert!(
        matches!(
            s[0],
            Step::ConditionNotMet {
                item: Some(1),
                given: ConditionValue::Number(11),
                ..
            }
        ),
        "{s:?}"
    );
    assert!(
        s.contains(&Step::Base {
            base: d("100000"),
            left_out: d("50000"),
            to_other: d("0")
        }),
        "{s:?}"
    );
}

#[test]
fn support_from_another_policy_is_netted_after_the_cap() {
    let s = steps(
        2025,
        vec![Expense::new("brand_promotion", d("300000")).other_policy(d("90000"))],
        "brand_promotion",
    );
    assert_eq!(
        s.last(),
        Some(&Step::OtherPolicy {
            other: d("90000"),
            this_plan: d("100000"),
            rest: d("10000")
        })
    );
}

#[test]
fn of_two_demonstration_parks_the_provincial_one_steps_aside_for_the_national() {
    let policy = Policy::builtin();
    let s = steps(
        2025,
        vec![
            Expense::award("provincial_demo_park"),
            Expense::award("national_demo_park"),
        ],
        "provincial_demo_park",
    );
    let national = policy.category("national_demo_park").unwrap();
    assert_eq!(s.last(), Some(&Step::GroupNotKept { kept: national }));
}

#[test]
fn a_year_outside_the_plan_ends_in_an_outside_period_step() {
    let s = steps(
        2028,
        vec![Expense::new("brand_promotion", d("1000"))],
        "brand_promotion",
    );
    assert_eq!(s.last(), Some(&Step::OutsidePeriod { year: 2028 }));
}
