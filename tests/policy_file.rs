//! The build script refuses a bad policy file, naming the line: each test
//! breaks the real file in one place and runs the build's own schema and
//! checks (`build/schema.rs`, `build/checks.rs`) on it. The last tests run the
//! emitters too.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../build/schema.rs"]
mod schema;

#[path = "../build/checks.rs"]
mod checks;

#[path = "../build/emit_json.rs"]
mod emit_json;
#[path = "../build/emit_rust.rs"]
mod emit_rust;
#[path = "../build/fingerprint.rs"]
mod fingerprint;
#[path = "../build/model.rs"]
mod model;
#[path = "../build/overlay.rs"]
mod overlay;
#[allow(dead_code)]
#[path = "../src/policy/types.rs"]
mod types;

const FILE: &str = include_str!("../policy/pinghu-2024-2027.toml");

/// The file the crate was built with: the plan, or the one PINGHU_POLICY names (build/main.rs).
const BUILT_FILE: &str = include_str!(env!("PINGHU_POLICY_FILE"));

/// The policy text the build read: the file, or for an overlay its merge onto its base.
fn built() -> String {
    let read =
        |p: &str| std::fs::read_to_string(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).map_err(|e| e.to_string());
    overlay::resolve(BUILT_FILE, read).unwrap()
}

/// What the build would say about `text`: the parse error, or every problem the checks find.
fn problems(text: &str) -> Vec<String> {
    match schema::parse(text) {
        Err(e) => vec![e],
        Ok(file) => checks::check(&file, text),
    }
}

/// The real file with the first `old` (which must be there) replaced by `new`.
fn edited(old: &str, new: &str) -> String {
    assert!(FILE.contains(old), "the policy file no longer contains {old:?}");
    FILE.replacen(old, new, 1)
}

/// The line (from 1) where `needle` first stands in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    line_of_nth(text, needle, 0)
}

/// The line where `needle` stands for the `n`th time (from 0) in `text`.
fn line_of_nth(text: &str, needle: &str, n: usize) -> usize {
    let (at, _) = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} not {} times in the text", n + 1));
    text[..at].matches('\n').count() + 1
}

/// The one problem of `text`, which must be a parse error at `line`.
fn parse_error_at(text: &str, line: usize) -> String {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].contains(&format!("line {line}, column")),
        "expected line {line}: {}",
        p[0]
    );
    p.into_iter().next().unwrap()
}

/// The one problem of `text`, which must be a check at `line` saying `what`.
fn check_at(text: &str, line: usize, what: &str) {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(p[0].starts_with(&format!("{line}:")), "expected line {line}: {}", p[0]);
    assert!(p[0].contains(what), "expected {what:?}: {}", p[0]);
}

const BRAND: &str = "id = \"brand_promotion\"\n";
/// The document's status (the header comment mentions `status = "draft"` too).
const STATUS: &str = "\nstatus = \"draft\"\nstatus_zh";

#[test]
fn the_policy_file_passes() {
    assert_eq!(problems(FILE), Vec::<String>::new());
}

#[test]
fn an_unknown_key_is_refused_at_its_line() {
    let text = edited(BRAND, "id = \"brand_promotion\"\ncolour = \"red\"\n");
    let e = parse_error_at(&text, line_of(&text, "colour"));
    assert!(e.contains("unknown field `colour`"), "{e}");
}

#[test]
fn a_misspelt_key_in_a_condition_is_refused() {
    let text = edited("min = 12", "minimum = 12");
    let e = parse_error_at(&text, line_of(&text, "minimum"));
    assert!(e.contains("unknown field `minimum`"), "{e}");
}

#[test]
fn a_wrong_type_is_refused_at_its_line() {
    let text = edited("cap = \"100000\"", "cap = 100000");
    let e = parse_error_at(&text, line_of(&text, "cap = 100000"));
    assert!(e.contains("invalid type: integer"), "{e}");
}

#[test]
fn a_missing_key_is_refused_in_its_table() {
    let text = edited("cap_source = \"单家企业最高 10 万元\"\n", "");
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(p[0].contains("missing field `cap_source`"), "{}", p[0]);
    // toml points at the table's header, the line above the category's id.
    let header = line_of(&text, BRAND) - 1;
    assert!(
        p[0].contains(&format!("line {header}, column 1")),
        "expected line {header}: {}",
        p[0]
    );
}

#[test]
fn a_malformed_decimal_is_refused_at_its_line() {
    for bad in ["0,5", "-0.5", "1e3", ".5", "5.", "1_000", ""] {
        let text = edited("rate = \"0.5\"", &format!("rate = {bad:?}"));
        let e = parse_error_at(&text, line_of(&text, &format!("rate = {bad:?}")));
        assert!(e.contains("is not a non-negative decimal"), "{bad}: {e}");
    }
}

#[test]
fn a_cap_with_more_than_two_decimals_is_refused() {
    let text = edited("cap = \"100000\"", "cap = \"100000.005\"");
    let e = parse_error_at(&text, line_of(&text, "100000.005"));
    assert!(e.contains("more than two decimals"), "{e}");
    // Trailing zeros do not count.
    assert_eq!(
        problems(&edited("cap = \"100000\"", "cap = \"100000.500\"")),
        Vec::<String>::new()
    );
}

#[test]
fn an_unknown_kind_or_condition_type_is_refused() {
    let text = edited("kind = \"award\"", "kind = \"grant\"");
    let e = parse_error_at(&text, line_of(&text, "grant"));
    assert!(e.contains("unknown variant `grant`"), "{e}");
    let text = edited("type = \"months\"", "type = \"weeks\"");
    parse_error_at(&text, line_of(&text, "weeks"));
}

#[test]
fn a_malformed_date_is_refused() {
    let text = edited("valid_from = \"2024-12\"", "valid_from = \"2024-13\"");
    let e = parse_error_at(&text, line_of(&text, "2024-13"));
    assert!(e.contains("is not a month"), "{e}");
    let text = edited("valid_until = \"2027-12-31\"", "valid_until = \"31.12.2027\"");
    parse_error_at(&text, line_of(&text, "31.12.2027"));
}

#[test]
fn a_category_pointing_at_a_missing_measure_applicant_or_cap_period_is_refused() {
    let text = edited("measure = \"3\"", "measure = \"33\"");
    check_at(
        &text,
        line_of(&text, "measure = \"33\""),
        "category brand_promotion: measure \"33\" is not a [[measure]]",
    );
    let text = edited("applicant = \"livestream\"", "applicant = \"streamer\"");
    check_at(
        &text,
        line_of(&text, "streamer"),
        "applicant \"streamer\" is not an [[applicant]]",
    );
    let text = edited("cap_period = \"per_enterprise\"", "cap_period = \"per_company\"");
    check_at(
        &text,
        line_of(&text, "per_company"),
        "cap_period \"per_company\" is not a [[cap_period]]",
    );
}

#[test]
fn duplicate_ids_are_refused_with_both_places() {
    // (overseas_legal's requirement goes with it.)
    let text = edited("id = \"overseas_legal\"", "id = \"brand_promotion\"");
    let block = text
        .find("[[requirement]]\ncategory = \"overseas_legal\"")
        .expect("its requirement");
    let end = block + text[block..].find("\n\n").expect("a blank line after it") + 2;
    let text = format!("{}{}", &text[..block], &text[end..]);
    let (first, second) = (line_of(&text, BRAND), line_of_nth(&text, BRAND, 1));
    check_at(
        &text,
        second,
        &format!("duplicate category \"brand_promotion\" (first at {first}:"),
    );
    let again =
        "[[cap_period]]\nid = \"one_time\"\nlabel_zh = \"又\"\nlabel_en = \"again\"\nscope = \"plan\"\n\n[[measure]]\n";
    let text = edited("[[measure]]\n", again);
    check_at(
        &text,
        line_of(&text, "label_zh = \"又\"") - 1,
        "duplicate cap_period \"one_time\" (first at ",
    );
    let text = edited("id = \"accredited\"", "id = \"received_before\"");
    // The training category's conditions: the renamed one (the 3rd received_before), then its own.
    let renamed = line_of_nth(&text, "id = \"received_before\"", 2);
    assert_eq!(
        renamed,
        line_of(&text, "id = \"received_before\"\ntype = \"bool\"\nrequired = true")
    );
    let what = format!("category training: duplicate condition \"received_before\" (first at {renamed}:");
    check_at(&text, line_of_nth(&text, "id = \"received_before\"", 3), &what);
}

#[test]
fn an_expense_needs_a_rate_and_an_award_has_none() {
    let text = edited("rate = \"0.5\"\n", "");
    check_at(
        &text,
        line_of(&text, BRAND),
        "an expense needs rate, rate_source and assumed_rate",
    );
    let award = "id = \"one_stop_park\"\n";
    let text = edited(award, "id = \"one_stop_park\"\nrate = \"1\"\n");
    check_at(&text, line_of(&text, award), "an award has no rate");
}

#[test]
fn an_assumed_rate_quotes_nothing_and_explains_itself() {
    let text = edited(
        "assumed_rate = false\nrate_up_to = true",
        "assumed_rate = true\nrate_up_to = true",
    );
    let p = problems(&text);
    let at = format!("{}:", line_of(&text, BRAND));
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(
        p[1].starts_with(&at) && p[1].contains("rate_up_to quotes a stated rate"),
        "{p:#?}"
    );
    assert!(
        p[0].starts_with(&at) && p[0].contains("an assumed rate has an empty rate_source"),
        "{p:#?}"
    );
    assert!(
        p[2].starts_with(&at) && p[2].contains("an assumed rate needs assumption_zh and assumption_en"),
        "{p:#?}"
    );
    let text = edited("assumption_en = \"The text gives only a ceiling (“one-time", "x = \"");
    let p = problems(&text);
    assert!(p[0].contains("unknown field `x`"), "{p:?}");
    let text = edited(
        "rate_source = \"\"\nassumed_rate = true",
        "rate_source = \"一次性\"\nassumed_rate = false",
    );
    check_at(
        &text,
        line_of(&text, "id = \"platform_onboarding\""),
        "a stated rate has no assumption",
    );
}

#[test]
fn a_bool_condition_has_a_default_exactly_when_not_required() {
    let text = edited(
        "required = true\nexpect = true",
        "required = true\ndefault = false\nexpect = true",
    );
    check_at(
        &text,
        line_of(&text, "id = \"recognized_industry_belt\""),
        "has a default exactly when it is not required",
    );
    let text = edited("required = false\ndefault = false\n", "required = false\n");
    check_at(
        &text,
        line_of(&text, "id = \"received_before\""),
        "has a default exactly when it is not required",
    );
}

#[test]
fn a_months_or_count_condition_has_a_min_and_is_required() {
    let text = edited("min = 12\n", "");
    check_at(
        &text,
        line_of(&text, "id = \"showroom_months\""),
        "needs min and required = true",
    );
    let text = edited(
        "type = \"count\"\nrequired = true",
        "type = \"count\"\nrequired = false",
    );
    check_at(
        &text,
        line_of(&text, "id = \"events\""),
        "needs min and required = true",
    );
    let text = edited("min = 200", "min = -200");
    parse_error_at(&text, line_of(&text, "min = -200"));
}

#[test]
fn the_years_agree_with_the_dates() {
    let text = edited("first_year = 2024", "first_year = 2025");
    check_at(
        &text,
        line_of(&text, "valid_from ="),
        "valid_from \"2024-12\" is not in first_year 2025",
    );
    let text = edited("last_year = 2027", "last_year = 2023");
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(p[0].contains("last_year 2023 is before first_year 2024"), "{p:#?}");
    assert!(
        p[1].contains("valid_until \"2027-12-31\" is not in last_year 2023"),
        "{p:#?}"
    );
}

#[test]
fn the_two_languages_list_the_same_departments() {
    let text = edited(
        "departments_en = [\"Commerce Bureau\", \"Finance Bureau\", ",
        "departments_en = [\"Finance Bureau\", ",
    );
    check_at(
        &text,
        line_of(&text, "departments_en = [\"Finance Bureau\", "),
        "departments_zh and departments_en differ in length",
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = edited("measure = \"3\"", "measure = \"33\"").replacen(
        "cap_period = \"per_year\"",
        "cap_period = \"yearly\"",
        1,
    );
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:#?}");
}

/// The JSON and statics of a file that passed the checks.
fn emitted(text: &str) -> (serde_json::Value, String) {
    let file = schema::parse(text).unwrap();
    assert_eq!(checks::check(&file, text), Vec::<String>::new());
    let model = model::build(&file).unwrap();
    let json = emit_json::policy_json(&model).unwrap();
    let json = fingerprint::with_fingerprint(&json, &fingerprint::sha256_hex(text.as_bytes())).unwrap();
    let mut code = emit_rust::policy_data(&model, &json, "policy.toml");
    code.push_str(fingerprint::STATIC);
    (serde_json::from_str(&json).unwrap(), code)
}

#[test]
fn the_build_writes_the_json_the_crate_returns_and_statics_that_slice_it() {
    let (json, code) = emitted(&built());
    let builtin: serde_json::Value = serde_json::from_str(pinghu_subsidy::Policy::builtin().to_json()).unwrap();
    assert_eq!(json, builtin);
    // Every text of the statics is a slice of the JSON; the one literal left is an empty rate_source.
    let statics = &code[..code.find("pub(crate) static POLICY_JSON").unwrap()];
    assert!(statics.contains("j("), "{statics}");
    assert!(
        !statics.replace("\"\"", "").contains('"'),
        "a text not shared with the JSON:\n{statics}"
    );
}

#[test]
fn a_new_category_reaches_the_json_and_its_measure() {
    let new = "\n[[category]]\nid = \"investment\"\nmeasure = \"1\"\nkind = \"award\"\napplicant = \"enterprise\"\n\
               label_zh = \"引进\"\nlabel_en = \"Attraction\"\nhint_zh = \"奖励\"\nhint_en = \"Award\"\n\
               cap = \"1000.5\"\ncap_source = \"-\"\ncap_period = \"one_time\"\n";
    let (json, code) = emitted(&format!("{FILE}{new}"));
    let last = json["categories"].as_array().unwrap().last().unwrap();
    assert_eq!(last["id"], "investment");
    assert_eq!(last["cap"], "1000.50");
    assert_eq!(last["rate"], serde_json::Value::Null);
    assert_eq!(last["cap_period_label"]["en"], "one-time");
    assert_eq!(json["measures"][0]["categories"], serde_json::json!(["investment"]));
    assert!(
        code.contains("cap: Decimal::from_parts(10005, 0, 0, false, 1), cap_source: j("),
        "{code}"
    );
    assert!(
        code.contains("cap_period: &CAP_PERIODS[0], exclusive_group: None, conditions: &[], cites: j("),
        "{code}"
    );
}

#[test]
fn a_promise_pointing_at_a_missing_measure_is_refused() {
    let text = edited("measure = \"14\"\nzh = \"零售出口", "measure = \"41\"\nzh = \"零售出口");
    check_at(
        &text,
        line_of(&text, "measure = \"41\""),
        "promise tax: measure \"41\" is not a [[measure]]",
    );
}

#[test]
fn an_overlap_must_name_two_different_existing_categories() {
    let old = "categories = [\"livestream_service\", \"public_livestream_room\"]";
    let text = edited(old, "categories = [\"livestream_service\", \"public_room\"]");
    check_at(
        &text,
        line_of(&text, "\"public_room\"]"),
        "overlap agency_and_public_room: category \"public_room\" is not a [[category]]",
    );
    let text = edited(old, "categories = [\"livestream_service\", \"livestream_service\"]");
    check_at(
        &text,
        line_of(&text, "\"livestream_service\", \"livestream_service\""),
        "overlap agency_and_public_room: categories must name two or more different categories",
    );
}

/// The third update of issue 9: a category inserted between a category and its condition.
/// TOML attaches the condition to the new category; the condition names its own, so the
/// build refuses it at the condition, instead of the showroom silently losing it.
#[test]
fn a_category_inserted_between_a_category_and_its_condition_is_refused() {
    let new = "[[category]]\nid = \"trade_fair\"\nmeasure = \"9\"\nkind = \"award\"\napplicant = \"enterprise\"\n\
               label_zh = \"展会\"\nlabel_en = \"Fairs\"\nhint_zh = \"展会\"\nhint_en = \"Fairs\"\n\
               cap = \"100000\"\ncap_source = \"-\"\ncap_period = \"per_year\"\n\n";
    let cond = "[[category.condition]]\ncategory = \"overseas_showroom\"\n";
    let text = edited(cond, &format!("{new}{cond}"));
    check_at(
        &text,
        line_of(&text, "category = \"overseas_showroom\""),
        "condition of category \"overseas_showroom\" is written under category \"trade_fair\"",
    );
    // A condition without the key is refused too: the key is what catches the mistake.
    let text = edited(cond, "[[category.condition]]\n");
    let e = parse_error_at(
        &text,
        line_of(&text, "[[category.condition]]\nid = \"showroom_months\""),
    );
    assert!(e.contains("missing field `category`"), "{e}");
}

#[test]
fn a_reading_under_another_parent_is_refused() {
    let text = edited("of = \"per_enterprise\"", "of = \"one_time\"");
    check_at(
        &text,
        line_of(&text, "of = \"one_time\""),
        "reading of cap_period \"one_time\"",
    );
}

#[test]
fn the_status_is_one_of_a_fixed_set() {
    let text = edited(STATUS, "\nstatus = \"finall\"\nstatus_zh");
    let e = parse_error_at(&text, line_of(&text, "finall"));
    assert!(e.contains("unknown variant `finall`"), "{e}");
}

#[test]
fn issued_is_a_date() {
    let text = edited("cites = \"plan\"\n", "cites = \"plan\"\nissued = \"2025-3-1\"\n");
    let e = parse_error_at(&text, line_of(&text, "2025-3-1"));
    assert!(e.contains("is not a date"), "{e}");
}

/// The fourth update: final status. A final document has an issue date, its source says
/// the same, and a notice that states the draft status is refused.
#[test]
fn a_final_document_is_issued_and_says_no_draft() {
    let text = edited(STATUS, "\nstatus = \"final\"\nstatus_zh");
    let p = problems(&text);
    let all = p.join("\n");
    assert!(
        all.contains("status \"final\" but its source plan has status \"draft\""),
        "{all}"
    );
    assert!(all.contains("a final document needs issued"), "{all}");
    assert!(all.contains("notice draft states status \"draft\""), "{all}");
}

#[test]
fn a_draft_says_so_in_the_banner() {
    let text = edited("placement = \"banner\"", "placement = \"footnote\"");
    check_at(
        &text,
        line_of(&text, STATUS) + 1,
        "a draft needs a notice with status = \"draft\" and placement = \"banner\"",
    );
}

#[test]
fn a_quote_names_a_source_that_exists_with_its_text() {
    let text = edited(
        "departments_en = [\"Commerce Bureau\", \"Finance Bureau\", \"town",
        "departments_en = [\"Commerce Bureau\", \"Finance Bureau\", \"town",
    );
    let text = text.replacen(
        "cites = \"plan\"\n\n[[measure]]\nid = \"2\"",
        "cites = \"rules\"\n\n[[measure]]\nid = \"2\"",
        1,
    );
    check_at(
        &text,
        line_of(&text, "cites = \"rules\""),
        "measure 1: \"rules\" is not a [[source]]",
    );
    let text = edited(
        "file = \"policy/pinghu-2024-2027-draft.txt\"",
        "file = \"policy/missing.txt\"",
    );
    check_at(&text, line_of(&text, "missing.txt"), "source plan: no file");
}

#[test]
fn a_requirement_for_a_missing_category_is_refused() {
    let text = edited(
        "category = \"overseas_showroom\"\nzh = \"须已入驻",
        "category = \"showroom\"\nzh = \"须已入驻",
    );
    check_at(
        &text,
        line_of(&text, "category = \"showroom\""),
        "requirement: category \"showroom\" is not a [[category]]",
    );
}

#[test]
fn a_department_given_twice_is_refused() {
    let text = edited("short_zh = \"财政局\"", "short_zh = \"商务局\"");
    check_at(
        &text,
        line_of(&text, "short_zh = \"商务局\"\nname_zh = \"平湖市财政局\""),
        "duplicate department \"商务局\"",
    );
}

#[test]
fn the_fingerprint_is_the_sha256_of_the_policy_file_and_changes_with_it() {
    let p = pinghu_subsidy::Policy::builtin();
    assert_eq!(p.fingerprint(), fingerprint::sha256_hex(built().as_bytes()));
    assert_eq!(p.fingerprint().len(), 64);
    assert!(p
        .fingerprint()
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    let (json, _) = emitted(&built());
    assert_eq!(json["fingerprint"], p.fingerprint());
    // One byte more in the file, another fingerprint.
    let (other, _) = emitted(&format!("{}\n", built()));
    assert_ne!(other["fingerprint"], json["fingerprint"]);
    // Every result names it.
    let est = p
        .calculate(&pinghu_subsidy::Request {
            year: 2025,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(est.policy.fingerprint, p.fingerprint());
    let plan = p
        .calculate_plan(&pinghu_subsidy::PlanRequest {
            years: vec![pinghu_subsidy::Request {
                year: 2025,
                ..Default::default()
            }],
            already_received: vec![],
        })
        .unwrap();
    assert_eq!(plan.policy.fingerprint, p.fingerprint());
}
