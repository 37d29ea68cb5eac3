//! Runs the scenario tables in tests/scenarios/*.toml through the same path as
//! the JS API (`Policy::calculate_json`), and reports every failing case by
//! its sentence. Built with another policy (PINGHU_POLICY), the tables beside
//! its file instead (the rehearsal's tests/rehearsal/scenarios/).
#![cfg(not(target_arch = "wasm32"))]

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use pinghu_subsidy::{Batch, Policy};
use serde_json::{json, Value as Json};

/// A TOML table as the engine's input, through serde (as any format would).
fn to_value(t: &toml::Value) -> Json {
    serde_json::to_value(t).expect("TOML as JSON")
}

/// What the JS API would show of a field: strings bare, the rest as JSON.
fn shown(v: Option<&Json>) -> String {
    match v {
        None => "(absent)".into(),
        Some(Json::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A TOML expectation in the same form.
fn expected(t: &toml::Value) -> String {
    shown(Some(&serde_json::to_value(t).expect("TOML as JSON")))
}

fn strs(t: Option<&toml::Value>) -> Vec<String> {
    t.and_then(|v| v.as_array())
        .map(|a| a.iter().map(|x| x.as_str().expect("a string").to_string()).collect())
        .unwrap_or_default()
}

fn codes(out: &Json) -> Vec<String> {
    match out.get("notices") {
        Some(Json::Array(ns)) => ns
            .iter()
            .filter_map(|n| n.get("code"))
            .map(|c| shown(Some(c)))
            .collect(),
        _ => vec![],
    }
}

/// Checks one case; returns what is wrong with it. A case whose `input` has
/// `years` is a plan (`calculate_plan`).
fn run_case(case: &toml::Table) -> Vec<String> {
    let mut wrong = Vec::new();
    let input = match case.get("input") {
        Some(i) => to_value(i),
        None => {
            let mut t = toml::Table::new();
            t.insert("year".into(), case["year"].clone());
            t.insert("expenses".into(), case["expenses"].clone());
            to_value(&toml::Value::Table(t))
        }
    };
    let expect = case["expect"].as_table().expect("expect is a table");
    check_sides(case, &input, &mut wrong);
    let want_errors = strs(expect.get("errors"));
    // A plan has years; `{ already_received }` alone is a plan without them (an error).
    let is_plan =
        input.get("years").is_some() || (input.get("already_received").is_some() && input.get("year").is_none());
    let result = if is_plan {
        Policy::builtin()
            .calculate_plan_input(input.clone())
            .map(|p| p.to_json())
    } else {
        Policy::builtin()
            .calculate_input(input.clone())
            .map(|est| est.to_json())
    };
    match result.map(|json| serde_json::from_str::<Json>(&json).expect("valid JSON")) {
        Err(e) => {
            let paths: Vec<&str> = e.problems().iter().map(|p| p.path()).collect();
            if want_errors.is_empty() {
                wrong.push(format!("unexpected error: {e}"));
            }
            for p in &want_errors {
                if !paths.contains(&p.as_str()) {
                    wrong.push(format!("no error at {p} (errors at {paths:?})"));
                }
            }
            for p in &paths {
                if !want_errors.iter().any(|w| w == p) {
                    wrong.push(format!("unexpected error at {p}"));
                }
            }
            let got_codes: Vec<&str> = e.problems().iter().map(|p| p.code()).collect();
            for c in strs(expect.get("error_codes")) {
                if !got_codes.contains(&c.as_str()) {
                    wrong.push(format!("no error code {c} (codes {got_codes:?})"));
                }
            }
            for p in e.problems() {
                if p.zh().is_empty() || p.en().is_empty() {
                    wrong.push(format!("error at {} lacks a message in both languages", p.path()));
                }
            }
        }
        Ok(out) => {
            if !want_errors.is_empty() {
                wrong.push(format!("expected errors at {want_errors:?}, got a result"));
                return wrong;
            }
            if is_plan {
                check_plan(&out, expect, &mut wrong);
            } else {
                check_estimate(&out, expect, "", &mut wrong);
            }
            same_through_every_path(&input, &out, is_plan, &mut wrong);
        }
    }
    wrong
}

/// Where a case's values sit against each threshold it exercises (a months or count condition):
/// `"met"`, `"not_met"`, or `"both"` for items on either side.
fn sides_of(input: &Json) -> std::collections::BTreeMap<String, &'static str> {
    let mut years: Vec<&Json> = input["years"]
        .as_array()
        .map(|y| y.iter().collect())
        .unwrap_or_default();
    if input.get("expenses").is_some() {
        years.push(input);
    }
    let mut out = std::collections::BTreeMap::new();
    for e in years.iter().filter_map(|y| y["expenses"].as_array()).flatten() {
        let Some(cat) = Policy::builtin().category(e["category"].as_str().unwrap_or("")) else {
            continue;
        };
        for (id, v) in e["conditions"].as_object().into_iter().flatten() {
            let (Some(k), Some(n)) = (cat.condition(id), v.as_u64()) else {
                continue;
            };
            if let pinghu_subsidy::policy::Rule::AtLeast(min) = k.rule {
                let side = if n >= u64::from(min) { "met" } else { "not_met" };
                let key = format!("{}.{id}", cat.id);
                let both = out.get(&key).is_some_and(|s| *s != side);
                out.insert(key, if both { "both" } else { side });
            }
        }
    }
    out
}

/// Thresholds stay tested: a case that gives a months or count condition names the side of the
/// threshold it claims (`sides = { "category.condition" = "met" | "not_met" | "both" }`), and
/// fails when its values no longer sit there (a policy update moved the threshold).
fn check_sides(case: &toml::Table, input: &Json, wrong: &mut Vec<String>) {
    let claimed = case.get("sides").and_then(|s| s.as_table());
    let actual = sides_of(input);
    for (key, side) in &actual {
        match claimed.and_then(|c| c.get(key)).and_then(|v| v.as_str()) {
            None => wrong.push(format!(
                "gives {key} without naming the side of its threshold it claims (sides.\"{key}\" = \"{side}\")"
            )),
            Some(c) if c != *side => {
                let (cat, id) = key.split_once('.').unwrap_or_default();
                let min = Policy::builtin()
                    .category(cat)
                    .and_then(|c| c.condition(id))
                    .map(|k| k.rule);
                wrong.push(format!(
                    "{key}: the case claims {c}, its values are {side} against the threshold ({min:?})"
                ));
            }
            Some(_) => {}
        }
    }
    for key in claimed.into_iter().flat_map(|c| c.keys()) {
        if !actual.contains_key(key) {
            wrong.push(format!("sides names {key}, which no value of the case gives"));
        }
    }
}

/// The same figures through `calculate`, `calculate_plan` and `Batch`: a single year as a plan
/// of one year and as a batch row of one enterprise; a plan as a batch enterprise's rows.
fn same_through_every_path(input: &Json, out: &Json, is_plan: bool, wrong: &mut Vec<String>) {
    let received = input.get("already_received").cloned().unwrap_or(json!([]));
    let years: Vec<Json> = if is_plan {
        input["years"].as_array().cloned().unwrap_or_default()
    } else {
        vec![json!({ "year": input["year"], "expenses": input["expenses"] })]
    };
    let per_year: Vec<Json> = if is_plan {
        out["years"].as_array().cloned().unwrap_or_default()
    } else {
        let plan = json!({ "years": years, "already_received": received });
        match Policy::builtin().calculate_plan_input(plan) {
            Ok(p) => {
                let p: Json = serde_json::from_str(&p.to_json()).unwrap();
                for key in ["total", "awards_up_to"] {
                    if p["years"][0][key] != out[key] {
                        wrong.push(format!(
                            "calculate_plan gives {key} {} for the one year",
                            p["years"][0][key]
                        ));
                    }
                }
                for l in out["lines"].as_array().into_iter().flatten() {
                    let same = p["years"][0]["lines"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|x| x["category"] == l["category"]);
                    if same.map(|x| &x["support"]) != Some(&l["support"]) {
                        wrong.push(format!("calculate_plan gives {} another support", l["category"]));
                    }
                }
                p["years"].as_array().cloned().unwrap_or_default()
            }
            Err(e) => {
                wrong.push(format!("calculate_plan refuses what calculate takes: {e}"));
                return;
            }
        }
    };
    let mut batch = Batch::new(Policy::builtin(), Json::Null).unwrap();
    let enterprise = json!([{ "enterprise": "E", "rows": years, "already_received": received }]);
    let part = batch.add_input(enterprise);
    if !part.errors.is_empty() {
        wrong.push(format!(
            "the batch refuses it: {:?}",
            part.errors.iter().map(|e| &e.path).collect::<Vec<_>>()
        ));
        return;
    }
    let t = batch.totals();
    let sum = |key: &str| {
        per_year
            .iter()
            .map(|y| money(y.get(key)))
            .sum::<pinghu_subsidy::Decimal>()
    };
    if t.baseline.total.0 != sum("total") || t.baseline.awards_up_to.0 != sum("awards_up_to") {
        wrong.push(format!(
            "the batch gives {} and {} in awards, calculate {} and {}",
            t.baseline.total.0,
            t.baseline.awards_up_to.0,
            sum("total"),
            sum("awards_up_to")
        ));
    }
}

fn money(v: Option<&Json>) -> pinghu_subsidy::Decimal {
    v.and_then(|s| s.as_str())
        .and_then(|s| s.parse().ok())
        .expect("money as a string")
}

/// Checks a plan: its figures, notices, caps (`caps.<category>`) and each
/// year (`years.y<year>`, as one estimate).
fn check_plan(out: &Json, expect: &toml::Table, wrong: &mut Vec<String>) {
    for key in ["total", "awards_up_to"] {
        if let Some(w) = expect.get(key) {
            let (w, got) = (expected(w), shown(out.get(key)));
            if got != w {
                wrong.push(format!("{key}: expected {w}, got {got}"));
            }
        }
    }
    check_notices(out, expect, "", wrong);
    let years = out["years"].as_array().cloned().unwrap_or_default();
    let caps = out["caps"].as_array().cloned().unwrap_or_default();
    if let Some(want) = expect.get("caps").and_then(|c| c.as_table()) {
        for (cat, fields) in want {
            let Some(c) = caps.iter().find(|c| c["category"] == cat.as_str()) else {
                wrong.push(format!("no cap for {cat}"));
                continue;
            };
            for (field, w) in fields.as_table().expect("cap expectations are a table") {
                let (w, got) = (expected(w), shown(c.get(field)));
                if got != w {
                    wrong.push(format!("caps.{cat}.{field}: expected {w}, got {got}"));
                }
            }
        }
    }
    if let Some(want) = expect.get("years").and_then(|c| c.as_table()) {
        for (key, fields) in want {
            let year: i64 = key.trim_start_matches('y').parse().expect("years.y<year>");
            let Some(y) = years.iter().find(|y| y["year"] == year) else {
                wrong.push(format!("no year {year}"));
                continue;
            };
            check_estimate(
                y,
                fields.as_table().expect("a year's expectations are a table"),
                &format!("{year}: "),
                wrong,
            );
        }
    }
    // Invariants of every plan.
    let sum = |key: &str| years.iter().map(|y| money(y.get(key))).sum::<pinghu_subsidy::Decimal>();
    if pinghu_subsidy::plain(sum("total")) != shown(out.get("total")) {
        wrong.push("total is not the sum of the years".into());
    }
    if pinghu_subsidy::plain(sum("awards_up_to")) != shown(out.get("awards_up_to")) {
        wrong.push("awards_up_to is not the sum of the years".into());
    }
    for c in &caps {
        // A one-time support once counted leaves nothing, whatever it used.
        let once = Policy::builtin()
            .category(c["category"].as_str().unwrap_or(""))
            .is_some_and(|cat| cat.cap_period.scope == pinghu_subsidy::policy::CapScope::Once);
        // A cap over the plan of one matter is shared by the categories of that matter.
        let group = |id: &Json| {
            Policy::builtin()
                .category(id.as_str().unwrap_or(""))
                .and_then(|c| c.exclusive_group)
        };
        let used: pinghu_subsidy::Decimal = caps
            .iter()
            .filter(|x| {
                x["category"] == c["category"]
                    || (group(&c["category"]).is_some() && group(&x["category"]) == group(&c["category"]))
            })
            .map(|x| money(x.get("used")))
            .sum();
        if let Some(r) = c.get("remaining").and_then(|r| r.as_str()).filter(|_| !once) {
            if used + r.parse::<pinghu_subsidy::Decimal>().unwrap() < money(c.get("cap")) {
                wrong.push(format!("caps.{}: used + remaining < cap", c["category"]));
            }
        }
    }
}

fn check_notices(out: &Json, expect: &toml::Table, at: &str, wrong: &mut Vec<String>) {
    let got_codes = codes(out);
    for c in strs(expect.get("notices")) {
        if !got_codes.contains(&c) {
            wrong.push(format!("{at}no notice {c} (notices {got_codes:?})"));
        }
    }
    for c in strs(expect.get("no_notices")) {
        if got_codes.contains(&c) {
            wrong.push(format!("{at}unexpected notice {c}"));
        }
    }
    if let Some(want) = expect.get("notice_text").and_then(|t| t.as_table()) {
        for (code, w) in want {
            let w = w.as_str().expect("a substring");
            let ns = out["notices"].as_array().cloned().unwrap_or_default();
            if !ns.iter().any(|n| {
                n["code"] == code.as_str() && (shown(n.get("zh")).contains(w) || shown(n.get("en")).contains(w))
            }) {
                wrong.push(format!("{at}no notice {code} saying {w:?}"));
            }
        }
    }
    // Every notice of the document is in every result, whatever its status says.
    for n in Policy::builtin().document.notices {
        if !got_codes.iter().any(|c| c == n.code) {
            wrong.push(format!("{at}the document's notice {} is missing", n.code));
        }
    }
}

/// Checks one estimate (a year's result) against `expect`; `at` names the year in a plan.
fn check_estimate(out: &Json, expect: &toml::Table, at: &str, wrong: &mut Vec<String>) {
    for key in ["total", "awards_up_to", "in_force"] {
        if let Some(w) = expect.get(key) {
            let w = expected(w);
            let got = shown(out.get(key));
            if got != w {
                wrong.push(format!("{at}{key}: expected {w}, got {got}"));
            }
        }
    }
    let lines = match out.get("lines") {
        Some(Json::Array(l)) => l.clone(),
        _ => vec![],
    };
    if let Some(want_lines) = expect.get("lines").and_then(|l| l.as_table()) {
        for (cat, fields) in want_lines {
            let Some(line) = lines
                .iter()
                .find(|l| l.get("category").and_then(|c| c.as_str()) == Some(cat))
            else {
                wrong.push(format!("{at}no line for {cat}"));
                continue;
            };
            for (field, w) in fields.as_table().expect("line expectations are a table") {
                if let Some(lang) = field.strip_prefix("explanation_") {
                    let text = shown(line.get("explanation").and_then(|e| e.get(lang)));
                    let w = w.as_str().expect("a substring");
                    if !text.contains(w) {
                        wrong.push(format!("{at}{cat}.explanation.{lang} lacks {w:?}: {text:?}"));
                    }
                    continue;
                }
                let w = expected(w);
                let got = shown(line.get(field));
                if got != w {
                    wrong.push(format!("{at}{cat}.{field}: expected {w}, got {got}"));
                }
            }
        }
    }
    check_notices(out, expect, at, wrong);
    // Invariants of every estimate.
    let sum = |kind: &str| -> pinghu_subsidy::Decimal {
        lines
            .iter()
            .filter(|l| l.get("kind").and_then(|k| k.as_str()) == Some(kind))
            .map(|l| money(l.get("support")))
            .sum()
    };
    if pinghu_subsidy::plain(sum("expense")) != shown(out.get("total")) {
        wrong.push(format!("{at}total is not the sum of the expense lines"));
    }
    if pinghu_subsidy::plain(sum("award")) != shown(out.get("awards_up_to")) {
        wrong.push(format!("{at}awards_up_to is not the sum of the award lines"));
    }
}

/// The scenario tables of the policy the crate is built with (PINGHU_POLICY, build/main.rs): the
/// plan's in tests/scenarios/, another policy's in `scenarios/` beside its file (the rehearsal's
/// tests/rehearsal/scenarios/); the mechanics policy has none (tests/steps.rs is its test). The
/// figures of a policy are written by hand here only.
fn tables() -> Option<PathBuf> {
    if cfg!(pinghu_policy = "plan") {
        return Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios"));
    }
    let dir = Path::new(env!("PINGHU_POLICY_FILE")).parent()?.join("scenarios");
    dir.is_dir().then_some(dir)
}

/// The tables of this build's policy, or None after saying (past the harness's capture) there are none.
fn tables_or_skip() -> Option<PathBuf> {
    let dir = tables();
    if dir.is_none() {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: no scenario tables beside {} (a `scenarios/` folder)",
            env!("PINGHU_POLICY_FILE")
        );
    }
    dir
}

fn run_file(name: &str) {
    let file = tables().expect("the tables of this build's policy").join(name);
    let path = file.display();
    let text = fs::read_to_string(&file).unwrap();
    let doc: toml::Table = text.parse().unwrap_or_else(|e| panic!("{path}: {e}"));
    let cases = doc["case"].as_array().expect("[[case]] tables");
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in cases {
        let case = case.as_table().unwrap();
        let name = case["name"].as_str().unwrap();
        let wrong = run_case(case);
        if !wrong.is_empty() {
            failures.push(format!("✗ {name}\n    {}", wrong.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases in {name} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn caps_and_rates() {
    run_file("caps-and-rates.toml");
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn conditions() {
    run_file("conditions.toml");
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn non_cumulative() {
    run_file("non-cumulative.toml");
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn period() {
    run_file("period.toml");
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn overlap() {
    run_file("overlap.toml");
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn rates_and_caps_as_worded() {
    run_file("wording.toml");
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn plan() {
    run_file("plan.toml");
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn one_expense_is_claimed_once() {
    run_file("claimed-once.toml");
}

#[test]
#[cfg_attr(not(pinghu_policy = "plan"), ignore = "a table of the plan's")]
fn errors() {
    run_file("errors.toml");
}

/// Another policy's tables (the rehearsal's), each file in turn.
#[test]
#[cfg_attr(
    pinghu_policy = "plan",
    ignore = "the tables of a policy other than the plan (PINGHU_POLICY)"
)]
fn every_table_of_another_policy() {
    let Some(dir) = tables_or_skip() else { return };
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for n in names {
        run_file(&n);
    }
}

/// Every category of the policy appears in some scenario.
#[test]
fn every_category_has_scenarios() {
    let Some(dir) = tables_or_skip() else { return };
    let mut all = String::new();
    for f in fs::read_dir(dir).unwrap() {
        all.push_str(&fs::read_to_string(f.unwrap().path()).unwrap());
    }
    for c in Policy::builtin().categories {
        assert!(
            all.contains(&format!("category = \"{}\"", c.id)),
            "no scenario for {}",
            c.id
        );
    }
}
