//! Properties over random requests: no panic; support never exceeds the cap
//! nor rate × expense; support never falls when an expense rises; the total
//! is the sum of the lines.
#![cfg(not(target_arch = "wasm32"))]

use pinghu_subsidy::policy::{CapScope, Kind, Rule};
use pinghu_subsidy::{
    parse_amount, Batch, ConditionValue, Decimal, Expense, Lang, Line, PlanRequest, Policy, Received, Request,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000)
}

fn policy() -> &'static Policy {
    Policy::builtin()
}

/// An amount in fen up to 2 million yuan, often near a cap.
fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..200_000_000).prop_map(|fen| Decimal::new(fen, 2)),
        (0usize..policy().categories.len(), -3i64..3).prop_map(|(c, d)| {
            let cap = policy().categories[c].cap;
            (cap * Decimal::TWO + Decimal::new(d, 2)).max(Decimal::ZERO)
        }),
    ]
}

fn expense() -> impl Strategy<Value = Expense> {
    (
        0usize..policy().categories.len(),
        amount(),
        proptest::option::of(amount()),
        proptest::collection::vec((any::<bool>(), 0u64..30, any::<bool>()), 0..3),
    )
        .prop_map(|(c, amount, other, conds)| {
            let cat = &policy().categories[c];
            let mut e = Expense::new(cat.id, amount);
            e.other_policy_support = other;
            for (cond, (b, n, give)) in cat.conditions.iter().zip(conds) {
                if give {
                    let v = match cond.rule {
                        Rule::Is(_) => ConditionValue::Bool(b),
                        Rule::AtLeast(min) => ConditionValue::Number(n * u64::from(min) / 15),
                    };
                    e.conditions.push((cond.id.to_string(), v));
                }
            }
            e
        })
}

fn request() -> impl Strategy<Value = Request> {
    (2022i32..2030, proptest::collection::vec(expense(), 0..12)).prop_map(|(year, expenses)| Request {
        year,
        expenses,
        ..Default::default()
    })
}

/// A plan: some of the years around the plan's, in order, each with its expenses.
fn plan() -> impl Strategy<Value = PlanRequest> {
    let years = proptest::collection::vec((any::<bool>(), proptest::collection::vec(expense(), 0..8)), 6);
    let received = proptest::collection::vec((0usize..policy().categories.len(), amount()), 0..3);
    (years, received).prop_map(|(years, received)| {
        let years = (2023..2029)
            .zip(years)
            .filter(|(_, (keep, _))| *keep)
            .map(|(year, (_, expenses))| Request {
                year,
                expenses,
                ..Default::default()
            })
            .collect();
        let already_received = received
            .into_iter()
            .map(|(c, amount)| Received {
                category: policy().categories[c].id.to_string(),
                amount,
            })
            .collect();
        PlanRequest {
            years,
            already_received,
        }
    })
}

/// The request of `years[y]` with a line's headroom hint followed: its expense added as the hint
/// says (a new item like the line's first that qualifies, or more of that one project).
fn follow(years: &mut [Request], y: usize, line: &Line) -> Option<Decimal> {
    let h = line.headroom?;
    let index = line.items[h.item].index;
    let expenses = &mut years[y].expenses;
    if h.new_item {
        let like = expenses[index].clone();
        expenses.push(Expense {
            amount: Some(h.expense_to_cap),
            other_policy_support: None,
            ..like
        });
    } else {
        let e = &mut expenses[index];
        e.amount = Some(e.amount.unwrap_or_default() + h.expense_to_cap);
    }
    Some(h.support_left)
}

proptest! {
    // 2,000 cases in `make test`; `make fuzz` sets PROPTEST_CASES much higher.
    // Properties that need an expense skip empty requests: allow as many skips as cases, so
    // `make fuzz` (PROPTEST_CASES in the hundred thousands) does not abort on "too many rejects".
    #![proptest_config(ProptestConfig { cases: cases(), max_global_rejects: cases(), ..ProptestConfig::default() })]

    #[test]
    fn each_notice_is_said_once(req in request()) {
        // Two items of one category failing one condition give one notice (issue 20 §3).
        let est = policy().calculate(&req).unwrap();
        for (i, n) in est.notices.iter().enumerate() {
            let again = est.notices[..i].iter().any(|m| m.kind == n.kind && m.category.map(|c| c.id) == n.category.map(|c| c.id));
            prop_assert!(!again, "notice {:?} of {:?} twice", n.kind, n.category.map(|c| c.id));
        }
    }

    #[test]
    fn one_language_keeps_its_words_and_every_figure(req in request(), en in any::<bool>()) {
        // calculate(input, lang) (issue 20 §6): the asked language's words as they were, the other's "".
        let both = policy().calculate(&req).unwrap();
        let mut one = both.clone();
        one.keep_language(if en { Lang::En } else { Lang::Zh });
        let pick = |m: &pinghu_subsidy::estimate::Message| if en { (m.en.clone(), m.zh.clone()) } else { (m.zh.clone(), m.en.clone()) };
        prop_assert_eq!(one.total, both.total);
        for (a, b) in one.notices.iter().zip(&both.notices) {
            prop_assert_eq!(pick(&a.text), (pick(&b.text).0, String::new()));
        }
        for (a, b) in one.lines.iter().zip(&both.lines) {
            prop_assert_eq!((a.support, a.expense), (b.support, b.expense));
            prop_assert_eq!(pick(&a.explanation), (pick(&b.explanation).0, String::new()));
        }
    }

    #[test]
    fn support_is_bounded_and_summed(req in request()) {
        let est = policy().calculate(&req).unwrap();
        let mut total = Decimal::ZERO;
        let mut awards = Decimal::ZERO;
        for l in &est.lines {
            let c = l.category;
            prop_assert!(l.support >= Decimal::ZERO);
            // A cap per project applies to each item: one cap per item.
            let caps = if c.cap_period.scope == CapScope::Item { Decimal::from(l.items.len()) } else { Decimal::ONE };
            prop_assert!(l.support <= c.cap * caps, "{} {} > cap {}", c.id, l.support, c.cap);
            prop_assert_eq!(l.support.round_dp(2), l.support);
            if let (Some(rate), Some(expense)) = (c.rate, l.expense) {
                // Rounding may add at most half a fen.
                prop_assert!(l.support <= expense * rate + Decimal::new(5, 3), "{} {} > rate × expense", c.id, l.support);
            }
            match c.kind {
                Kind::Expense => total += l.support,
                Kind::Award => awards += l.support,
            }
        }
        prop_assert_eq!(est.total, total);
        prop_assert_eq!(est.awards_up_to, awards);
        for n in policy().document.notices {
            prop_assert!(est.has_notice(n.code), "the document's notice {}", n.code);
        }
    }

    #[test]
    fn support_never_falls_when_an_expense_rises(req in request(), i in any::<prop::sample::Index>(), more in 0i64..50_000_000) {
        prop_assume!(!req.expenses.is_empty());
        let before = policy().calculate(&req).unwrap();
        let mut bigger = req.clone();
        let k = i.index(bigger.expenses.len());
        let e = &mut bigger.expenses[k];
        e.amount = Some((e.amount.unwrap() + Decimal::new(more, 2)).min(pinghu_subsidy::amount::MAX_AMOUNT));
        let after = policy().calculate(&bigger).unwrap();
        prop_assert!(after.total >= before.total);
        for l in &before.lines {
            prop_assert!(after.line(l.category.id).unwrap().support >= l.support);
        }
    }

    /// 就高不重复 item by item: another item (with or without other support)
    /// never lowers what this plan pays.
    #[test]
    fn adding_an_item_never_lowers_what_this_plan_pays(req in request(), extra in expense()) {
        let before = policy().calculate(&req).unwrap();
        let mut more = req.clone();
        more.expenses.push(extra);
        let after = policy().calculate(&more).unwrap();
        prop_assert!(after.total >= before.total, "{} < {}", after.total, before.total);
    }

    /// More support from another policy, on any item, never raises what this plan pays.
    #[test]
    fn more_other_support_never_raises_what_this_plan_pays(
        req in request(), i in any::<prop::sample::Index>(), more in 0i64..50_000_000,
    ) {
        prop_assume!(!req.expenses.is_empty());
        let before = policy().calculate(&req).unwrap();
        let mut richer = req.clone();
        let e = &mut richer.expenses[i.index(req.expenses.len())];
        e.other_policy_support = Some(e.other_policy_support.unwrap_or_default() + Decimal::new(more, 2));
        let after = policy().calculate(&richer).unwrap();
        prop_assert!(after.total <= before.total, "{} > {}", after.total, before.total);
        prop_assert!(after.awards_up_to <= before.awards_up_to);
        for l in &after.lines {
            prop_assert!(l.support <= before.line(l.category.id).unwrap().support, "{}", l.category.id);
        }
    }

    /// Every headroom hint of a single year is true: following it (its expense added to that
    /// line) raises the total by exactly the support it names, and it names some.
    #[test]
    fn every_headroom_hint_of_a_year_is_true(req in request()) {
        let est = policy().calculate(&req).unwrap();
        for line in &est.lines {
            let mut years = vec![req.clone()];
            let Some(more) = follow(&mut years, 0, line) else { continue };
            prop_assert!(more > Decimal::ZERO, "{}: a hint of nothing", line.category.id);
            let after = policy().calculate(&years[0]).unwrap();
            prop_assert_eq!(after.total - est.total, more, "{}", line.category.id);
        }
    }

    /// Every headroom hint of a plan is true of the plan: followed in its year, the plan's total
    /// grows by exactly the support it names (a later year using the rest of a cap over the plan
    /// included).
    #[test]
    fn every_headroom_hint_of_a_plan_is_true(plan in plan()) {
        let est = policy().calculate_plan(&plan).unwrap();
        for (y, year) in est.years.iter().enumerate() {
            for line in &year.lines {
                let mut more = plan.clone();
                let Some(gain) = follow(&mut more.years, y, line) else { continue };
                prop_assert!(gain > Decimal::ZERO, "{} {}: a hint of nothing", year.year, line.category.id);
                let after = policy().calculate_plan(&more).unwrap();
                prop_assert_eq!(after.total - est.total, gain, "{} {}", year.year, line.category.id);
            }
        }
    }

    /// The batch gives a plan what `calculate_plan` gives it: its years as one enterprise's rows.
    #[test]
    fn the_batch_gives_what_calculate_plan_gives(plan in plan()) {
        let est = policy().calculate_plan(&plan).unwrap();
        let mut batch = Batch::new(policy(), serde_json::Value::Null).unwrap();
        let rows = serde_json::to_value(&plan.years).unwrap();
        let received = serde_json::to_value(&plan.already_received).unwrap();
        let part = batch.add_input(json!([{ "enterprise": "E", "rows": rows, "already_received": received }]));
        prop_assert!(part.errors.is_empty(), "{:?}", part.errors.iter().map(|e| &e.path).collect::<Vec<_>>());
        let t = batch.totals();
        prop_assert_eq!(t.baseline.total.0, est.total);
        prop_assert_eq!(t.baseline.awards_up_to.0, est.awards_up_to);
    }

    /// A plan never gives more than its caps: a cap over the plan once, a
    /// yearly cap each year, a cap per project for each item; and never more
    /// than the years would each give alone.
    #[test]
    fn a_plan_stays_within_its_caps(plan in plan()) {
        let est = policy().calculate_plan(&plan).unwrap();
        let mut alone = Decimal::ZERO;
        for y in &plan.years {
            alone += policy().calculate(y).unwrap().total;
        }
        prop_assert!(est.total <= alone, "{} > {}", est.total, alone);
        prop_assert_eq!(est.total, est.years.iter().map(|y| y.total).sum::<Decimal>());
        let mut capped_total = Decimal::ZERO;
        for c in &est.caps {
            let cat = c.category;
            let counted: Decimal = c.by_year.iter().map(|y| y.used).sum();
            match cat.cap_period.scope {
                CapScope::Plan => prop_assert!(counted <= cat.cap, "{} counted {}", cat.id, counted),
                // One payment: at most one year counts it, within the cap, and none once received.
                CapScope::Once => {
                    prop_assert!(counted <= cat.cap, "{} used {}", cat.id, counted);
                    prop_assert!(counted.is_zero() || c.used == counted, "{} received and counted", cat.id);
                    prop_assert!(c.by_year.iter().filter(|y| !y.used.is_zero()).count() <= 1, "{} counted twice", cat.id);
                }
                CapScope::Year => {
                    for y in &c.by_year {
                        prop_assert!(y.used <= cat.cap, "{} {} used {}", cat.id, y.year, y.used);
                    }
                }
                CapScope::Item => {
                    for y in &c.by_year {
                        let items = plan.years.iter().find(|r| r.year == y.year).unwrap()
                            .expenses.iter().filter(|e| e.category == cat.id).count();
                        prop_assert!(y.used <= cat.cap * Decimal::from(items), "{} {}", cat.id, y.year);
                    }
                }
            }
            if cat.kind == Kind::Expense {
                // What the years counted (`used` also holds what was received before them).
                capped_total += c.by_year.iter().map(|y| y.used).sum::<Decimal>();
            }
        }
        prop_assert_eq!(est.total, capped_total);
    }

    /// Any string at all: an answer, never a panic.
    #[test]
    fn the_amount_parser_answers_anything(s in ".{0,80}") {
        let _ = parse_amount(&s);
    }

    /// Strings built from the parser's own alphabet reach its deeper branches.
    #[test]
    fn the_amount_parser_answers_its_alphabet(s in "[0-9０-９.,，．¥￥元万亿 -]{0,24}") {
        if let Ok(d) = parse_amount(&s) {
            prop_assert!(d >= Decimal::ZERO && d <= pinghu_subsidy::amount::MAX_AMOUNT);
            prop_assert_eq!(d.round_dp(2), d);
        }
    }

    /// Arbitrary JSON-like input: a result or errors that each name a path.
    #[test]
    fn arbitrary_values_are_answered(v in value()) {
        match policy().calculate_input(v) {
            Ok(est) => {
                let j: serde_json::Value = serde_json::from_str(&est.to_json()).expect("valid JSON");
                prop_assert!(j["total"].is_string());
            }
            Err(e) => {
                prop_assert!(!e.problems().is_empty());
                for p in e.problems() {
                    prop_assert!(!p.path().is_empty() && !p.zh().is_empty() && !p.en().is_empty());
                }
            }
        }
    }
}

/// JSON-like values shaped loosely like requests, with every number edge.
fn value() -> impl Strategy<Value = Value> {
    let number = prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
        Just(1e308),
        Just(5e-324),
        Just(9007199254740993.0),
        Just(1e21),
        Just(f64::MAX),
        Just(-1e-7),
        Just(2025.0),
        any::<i64>().prop_map(|i| i as f64),
        any::<f64>(),
        (0u32..100_000, 0u32..1000).prop_map(|(a, b)| format!("{a}.{b}").parse().unwrap()),
    ];
    let key = prop_oneof![
        Just("year".to_string()),
        Just("expenses".to_string()),
        Just("category".to_string()),
        Just("amount".to_string()),
        Just("conditions".to_string()),
        Just("other_policy_support".to_string()),
        Just("showroom_months".to_string()),
        Just("accredited".to_string()),
        "[a-z_]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        // JSON has no NaN or infinities: those come as strings, like every other text.
        number
            .prop_map(|f| serde_json::Number::from_f64(f).map_or_else(|| Value::String(f.to_string()), Value::Number)),
        prop_oneof![
            Just("brand_promotion".to_string()),
            Just("overseas_showroom".to_string()),
            Just("national_demo_park".to_string()),
            Just("30万".to_string()),
            ".{0,40}",
        ]
        .prop_map(Value::String),
        // Markers, as the JS boundary writes them for values with no JSON form.
        Just(json!({ "\u{0}": "function" })),
        Just(json!({ "\u{0}": "unreadable" })),
    ];
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}
