//! The engine's mechanics, read from the typed steps of each line rather than from its sentences
//! (the catalogue may reword, these must not move): rounding, caps, netting, periods, conditions,
//! groups, projects, the plan's years. They run on a small test-only policy,
//! tests/mechanics/policy.toml, whose figures never change when the plan's do:
//! `PINGHU_POLICY=tests/mechanics/policy.toml cargo test --test steps` (`make test` runs it, in
//! target/mechanics). Built with another policy, they compile and are ignored, saying so.
#![cfg(not(target_arch = "wasm32"))]

use pinghu_subsidy::{ConditionValue, Decimal, Expense, Policy, Request, Step};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn steps(year: i32, expenses: Vec<Expense>, category: &str) -> Vec<Step> {
    let est = Policy::builtin()
        .calculate(&Request {
            year,
            expenses,
            ..Default::default()
        })
        .unwrap();
    est.line(category).expect("a line").steps.clone()
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn promotion_over_twice_the_cap_takes_base_rate_and_cap_in_that_order() {
    let s = steps(2025, vec![Expense::new("promotion", d("300000"))], "promotion");
    assert_eq!(
        s,
        vec![
            // A single year of a cap over the plan says first that the plan's years share it.
            Step::CapShared { once: false },
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
                capped: true,
                remainder: false
            },
        ]
    );
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn half_a_fen_is_rounded_away_from_zero_as_a_step_of_its_own() {
    let s = steps(2025, vec![Expense::new("promotion", d("100.05"))], "promotion");
    assert_eq!(
        s.last(),
        Some(&Step::Round {
            from: d("50.025"),
            to: d("50.03")
        })
    );
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn an_exact_product_has_no_rounding_step() {
    let s = steps(2025, vec![Expense::new("promotion", d("100.04"))], "promotion");
    assert!(!s.iter().any(|x| matches!(x, Step::Round { .. })), "{s:?}");
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn an_assumed_rate_is_marked_in_its_step() {
    let s = steps(
        2025,
        vec![Expense::new("showroom", d("80000")).with("showroom_months", ConditionValue::Number(12))],
        "showroom",
    );
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
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn a_showroom_item_short_of_twelve_months_is_left_out_of_the_base() {
    let s = steps(
        2025,
        vec![
            Expense::new("showroom", d("100000")).with("showroom_months", ConditionValue::Number(14)),
            Expense::new("showroom", d("50000")).with("showroom_months", ConditionValue::Number(11)),
        ],
        "showroom",
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
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn support_from_another_policy_is_netted_after_the_cap() {
    let s = steps(
        2025,
        vec![Expense::new("promotion", d("300000")).other_policy(d("90000"))],
        "promotion",
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
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn of_two_demonstration_parks_the_provincial_one_steps_aside_for_the_national() {
    let policy = Policy::builtin();
    let s = steps(
        2025,
        vec![Expense::award("provincial_park"), Expense::award("national_park")],
        "provincial_park",
    );
    let national = policy.category("national_park").unwrap();
    assert_eq!(s.last(), Some(&Step::GroupNotKept { kept: national }));
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn a_year_outside_the_plan_ends_in_an_outside_period_step() {
    let s = steps(2028, vec![Expense::new("promotion", d("1000"))], "promotion");
    assert_eq!(s.last(), Some(&Step::OutsidePeriod { year: 2028 }));
}

// --- 就高不重复 item by item, groups, projects, the plan's years -----------------

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn each_item_with_other_support_says_which_policy_took_it() {
    let s = steps(
        2025,
        vec![
            Expense::new("promotion", d("200000")),
            Expense::new("promotion", d("200000")).other_policy(d("150000")),
        ],
        "promotion",
    );
    assert_eq!(
        s[1],
        Step::ItemOther {
            item: Some(1),
            other: d("150000"),
            this_plan: false
        }
    );
    assert!(
        s.contains(&Step::Base {
            base: d("200000"),
            left_out: d("0"),
            to_other: d("200000")
        }),
        "{s:?}"
    );
    assert!(
        !s.iter().any(|x| matches!(x, Step::OtherPolicy { .. })),
        "nothing netted: {s:?}"
    );
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn a_claimed_item_has_its_other_support_netted_after_the_cap() {
    let s = steps(
        2025,
        vec![Expense::new("promotion", d("300000")).other_policy(d("60000"))],
        "promotion",
    );
    // One item, taken by this plan: the netting step says so.
    assert!(!s.iter().any(|x| matches!(x, Step::ItemOther { .. })), "{s:?}");
    assert_eq!(
        s.last(),
        Some(&Step::OtherPolicy {
            other: d("60000"),
            this_plan: d("100000"),
            rest: d("40000")
        })
    );
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn an_ineligible_items_other_support_takes_no_part() {
    let s = steps(
        2025,
        vec![
            Expense::new("showroom", d("100000")).with("showroom_months", ConditionValue::Number(14)),
            Expense::new("showroom", d("50000"))
                .with("showroom_months", ConditionValue::Number(6))
                .other_policy(d("80000")),
        ],
        "showroom",
    );
    assert!(
        !s.iter()
            .any(|x| matches!(x, Step::ItemOther { .. } | Step::OtherPolicy { .. })),
        "{s:?}"
    );
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn the_national_park_kept_on_its_ceiling_is_netted_on_its_own_line() {
    let s = steps(
        2025,
        vec![
            Expense::award("provincial_park"),
            Expense::award("national_park").other_policy(d("400000")),
        ],
        "national_park",
    );
    assert_eq!(
        s.last(),
        Some(&Step::OtherPolicy {
            other: d("400000"),
            this_plan: d("500000"),
            rest: d("100000")
        })
    );
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn projects_are_worked_one_by_one_then_added() {
    let s = steps(
        2025,
        vec![Expense::new("agency", d("300000")), Expense::new("agency", d("100000"))],
        "agency",
    );
    let projects: Vec<&Step> = s.iter().filter(|x| matches!(x, Step::Project { .. })).collect();
    assert_eq!(projects, [&Step::Project { item: 0 }, &Step::Project { item: 1 }]);
    assert_eq!(s.last(), Some(&Step::Projects { total: d("300000") }));
}

#[test]
#[cfg_attr(not(pinghu_policy = "mechanics"), ignore = "on the mechanics policy only")]
fn a_later_year_of_a_plan_starts_from_what_the_cap_has_left() {
    use pinghu_subsidy::estimate::UsedIn;
    use pinghu_subsidy::PlanRequest;
    let year = |year, amount: &str| Request {
        year,
        expenses: vec![Expense::new("onboarding", d(amount))],
        ..Default::default()
    };
    let plan = PlanRequest {
        years: vec![year(2025, "15000"), year(2026, "15000")],
        already_received: vec![],
    };
    let est = Policy::builtin().calculate_plan(&plan).unwrap();
    let s = &est.years[1].line("onboarding").unwrap().steps;
    let cap = d("20000");
    assert_eq!(
        s[0],
        Step::CapLeft {
            cap,
            used: d("15000"),
            left: d("5000"),
            when: UsedIn::Year(2025),
            by: None
        }
    );
    assert!(
        s.contains(&Step::Cap {
            cap: d("5000"),
            capped: true,
            remainder: true
        }),
        "{s:?}"
    );
}
