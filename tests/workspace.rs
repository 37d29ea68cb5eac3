#![cfg(not(target_arch = "wasm32"))]
//! The workspace's stored format (src/workspace.rs): versioned, version 1 migrated, a corrupt or
//! foreign entry skipped with its reason and nothing else lost, each scenario read like an input,
//! the export file and its preview.

use pinghu_subsidy::workspace::{self, Input, KEY_PREFIX};
use pinghu_subsidy::Policy;
use serde_json::{json, Value as Json};

fn p() -> &'static Policy {
    Policy::builtin()
}

fn year_input() -> Json {
    json!({ "year": 2025, "expenses": [{ "category": "brand_promotion", "amount": "30万" }] })
}

fn plan_input() -> Json {
    json!({ "years": [
        { "year": 2025, "expenses": [{ "category": "brand_promotion", "amount": "150000" }] },
        { "year": 2026, "expenses": [{ "category": "brand_promotion", "amount": "150000" }] }
    ] })
}

fn client(id: &str) -> Json {
    json!({
        "id": id, "name": "嘉兴某某箱包有限公司", "contact": "张三 138", "notes": "",
        "scenarios": [
            { "id": "s1", "name": "方案一", "saved": "2026-11-28", "kind": "year", "input": year_input() },
            { "id": "s2", "name": "方案二：三年", "saved": "2026-11-28", "kind": "plan", "input": plan_input() }
        ]
    })
}

fn entry(id: &str) -> (String, String) {
    let e = json!({ "format": "pinghu-subsidy/client", "version": 2, "client": client(id) });
    (format!("{KEY_PREFIX}{id}"), e.to_string())
}

fn load(entries: &[(String, String)]) -> workspace::Loaded {
    let refs: Vec<(&str, &str)> = entries.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
    workspace::load_texts(p(), &refs)
}

#[test]
fn a_saved_client_reads_back_the_same_with_its_inputs_as_the_reader_reads_them() {
    let c = workspace::read_new(p(), &workspace::parse(&client("c-1").to_string()).unwrap()).unwrap();
    assert_eq!(c.scenarios.len(), 2);
    // "30万" is stored as the reader read it.
    match &c.scenarios[0].input {
        Input::Year(r) => assert_eq!(r.expenses[0].amount, Some(300_000.into())),
        other => panic!("{other:?}"),
    }
    assert!(matches!(c.scenarios[1].input, Input::Plan(_)));
    let text = workspace::entry_json(&c);
    let stored: Json = serde_json::from_str(&text).unwrap();
    assert_eq!(stored["format"], "pinghu-subsidy/client");
    assert_eq!(stored["version"], 2);
    assert_eq!(stored["client"]["scenarios"][0]["kind"], "year");
    assert_eq!(
        stored["client"]["scenarios"][0]["input"]["expenses"][0]["amount"],
        "300000.00"
    );
    let loaded = load(&[(workspace::key("c-1"), text)]);
    assert_eq!(loaded.skipped, vec![]);
    assert_eq!(loaded.clients, vec![c]);
}

#[test]
fn the_same_input_calculates_the_same_after_a_round_trip() {
    let c = workspace::read_new(p(), &workspace::parse(&client("c-1").to_string()).unwrap()).unwrap();
    let back = &load(&[(workspace::key("c-1"), workspace::entry_json(&c))]).clients[0];
    let (Input::Year(a), Input::Year(b)) = (&c.scenarios[0].input, &back.scenarios[0].input) else {
        panic!()
    };
    assert_eq!(p().calculate(a).unwrap(), p().calculate(b).unwrap());
}

#[test]
fn version_1_single_years_without_scenario_ids_are_migrated() {
    let v1 = json!({ "format": "pinghu-subsidy/client", "version": 1, "client": {
        "id": "old", "name": "老客户", "scenarios": [
            { "name": "2024 年", "saved": "2024-06-01", "request": { "year": 2024, "expenses": [] } },
            { "name": "2025 年", "request": year_input() }
        ] } });
    let loaded = load(&[(workspace::key("old"), v1.to_string())]);
    assert_eq!(loaded.skipped, vec![]);
    let c = &loaded.clients[0];
    assert_eq!((c.contact.as_str(), c.notes.as_str()), ("", ""));
    let ids: Vec<&str> = c.scenarios.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s2"]);
    assert!(c.scenarios.iter().all(|s| matches!(s.input, Input::Year(_))));
    // Written back as version 2.
    let again: Json = serde_json::from_str(&workspace::entry_json(c)).unwrap();
    assert_eq!(again["version"], 2);
    assert_eq!(
        again["client"]["scenarios"][1]["input"]["expenses"][0]["amount"],
        "300000.00"
    );
}

#[test]
fn a_version_1_entry_in_the_shape_of_version_2_is_corrupt() {
    let wrong = json!({ "format": "pinghu-subsidy/client", "version": 1, "client": client("c-1") });
    let loaded = load(&[(workspace::key("c-1"), wrong.to_string())]);
    assert_eq!(loaded.clients[0].scenarios, vec![]);
    assert_eq!(loaded.skipped.len(), 2);
    assert_eq!(loaded.skipped[0].path, "client.scenarios[0].id");
}

/// Each bad entry, beside a good one: the bad one skipped with its code and path, the good one kept.
#[test]
fn corrupt_or_foreign_entries_are_skipped_with_their_reason_and_nothing_else_is_lost() {
    let good = entry("good");
    let k = |id: &str| workspace::key(id);
    let cases: Vec<(&str, (String, String), &str, &str)> = vec![
        (
            "text that is not JSON",
            (k("a"), "{\"format\": \"pinghu".into()),
            "json",
            "",
        ),
        ("another app's JSON", (k("a"), "[1,2,3]".into()), "field", ""),
        (
            "another format",
            (k("a"), json!({"format": "x", "version": 2, "client": {}}).to_string()),
            "format",
            "format",
        ),
        (
            "a version from the future",
            (
                k("a"),
                json!({"format": "pinghu-subsidy/client", "version": 3, "client": {}}).to_string(),
            ),
            "version",
            "version",
        ),
        (
            "an unknown key",
            (
                k("a"),
                json!({"format": "pinghu-subsidy/client", "version": 2, "client": client("a"), "x": 1}).to_string(),
            ),
            "field",
            "x",
        ),
        (
            "a key that names another client",
            (k("b"), entry("a").1),
            "field",
            "client.id",
        ),
        (
            "an id with capitals",
            (
                k("A"),
                json!({"format": "pinghu-subsidy/client", "version": 2, "client": client("A")}).to_string(),
            ),
            "field",
            "client.id",
        ),
        (
            "an empty name",
            (k("a"), {
                let mut c = client("a");
                c["name"] = json!("  ");
                json!({"format": "pinghu-subsidy/client", "version": 2, "client": c}).to_string()
            }),
            "field",
            "client.name",
        ),
    ];
    for (what, bad, code, path) in cases {
        let loaded = load(&[bad.clone(), good.clone()]);
        assert_eq!(loaded.clients.len(), 1, "{what}");
        assert_eq!(loaded.clients[0].id, "good", "{what}");
        assert_eq!(loaded.skipped.len(), 1, "{what}");
        assert_eq!(
            (loaded.skipped[0].code, loaded.skipped[0].path.as_str()),
            (code, path),
            "{what}"
        );
        assert_eq!(loaded.skipped[0].entry, bad.0, "{what}");
    }
}

#[test]
fn a_scenario_whose_input_does_not_read_is_skipped_with_the_readers_problems_and_its_client_kept() {
    let mut c = client("c-1");
    c["scenarios"][0]["input"]["expenses"][0]["category"] = json!("no_such_thing");
    c["scenarios"][1]["input"]["years"][1]["year"] = json!(2024);
    let text = json!({"format": "pinghu-subsidy/client", "version": 2, "client": c}).to_string();
    let loaded = load(&[(workspace::key("c-1"), text)]);
    assert_eq!(loaded.clients[0].scenarios, vec![]);
    let s = &loaded.skipped;
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].code, s[0].scenario.as_deref()), ("input", Some("方案一")));
    let e = s[0].errors.as_ref().unwrap().problems();
    assert_eq!((e[0].path(), e[0].code()), ("expenses[0].category", "unknown_category"));
    assert!(!e[0].zh().is_empty() && !e[0].en().is_empty());
    assert_eq!(s[1].path, "client.scenarios[1].input");
    // The same problem calculate_plan() reports.
    let direct = pinghu_subsidy::Policy::builtin()
        .calculate_plan_input(serde_json::from_value::<Json>(c["scenarios"][1]["input"].clone()).unwrap())
        .unwrap_err();
    assert_eq!(s[1].errors.as_ref().unwrap(), &direct);
}

#[test]
fn saving_refuses_what_would_not_load() {
    let mut c = client("c-1");
    c["scenarios"][0]["input"]["expenses"][0]["amount"] = json!("-5");
    let err = workspace::read_new(p(), &workspace::parse(&c.to_string()).unwrap()).unwrap_err();
    assert_eq!((err.code, err.scenario.as_deref()), ("input", Some("方案一")));
    let mut c = client("c-1");
    c["scenarios"][1]["id"] = json!("s1");
    let err = workspace::read_new(p(), &workspace::parse(&c.to_string()).unwrap()).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("duplicate", "scenarios[1].id"));
    // A client with no scenarios yet, no contact, no notes is fine.
    let bare = json!({ "id": "c-2", "name": "新客户", "scenarios": [] });
    assert!(workspace::read_new(p(), &workspace::parse(&bare.to_string()).unwrap()).is_ok());
}

#[test]
fn the_export_file_reads_back() {
    let a = workspace::read_new(p(), &workspace::parse(&client("a").to_string()).unwrap()).unwrap();
    let b = workspace::read_new(p(), &workspace::parse(&client("b").to_string()).unwrap()).unwrap();
    let file = workspace::file_json(&[a.clone(), b.clone()], "2026-11-28");
    let (clients, skipped) = workspace::read_file(p(), &workspace::parse(&file).unwrap()).unwrap();
    assert_eq!(skipped, vec![]);
    assert_eq!(clients, vec![a.clone(), b.clone()]);
}

#[test]
fn a_bad_export_file_is_refused_with_its_reason() {
    let refused = |v: Json| workspace::read_file(p(), &workspace::parse(&v.to_string()).unwrap()).unwrap_err();
    assert_eq!(refused(json!({"a": 1})).code, "field");
    assert_eq!(
        refused(json!({"format": "pinghu-subsidy/client", "version": 2})).code,
        "format"
    );
    assert_eq!(
        refused(json!({"format": "pinghu-subsidy/workspace", "version": 9, "clients": []})).code,
        "version"
    );
    assert_eq!(
        refused(json!({"format": "pinghu-subsidy/workspace", "version": 2})).path,
        "clients"
    );
    let many: Vec<Json> = (0..=workspace::MAX_CLIENTS).map(|_| json!({})).collect();
    assert_eq!(
        refused(json!({"format": "pinghu-subsidy/workspace", "version": 2, "clients": many})).code,
        "too_many"
    );
    assert!(workspace::parse("not json").is_none());
    // A file whose one client is bad is read, that client listed as skipped; duplicates too.
    let f =
        json!({"format": "pinghu-subsidy/workspace", "version": 2, "clients": [client("a"), {"id": "b"}, client("a")]});
    let (clients, skipped) = workspace::read_file(p(), &workspace::parse(&f.to_string()).unwrap()).unwrap();
    assert_eq!(clients.len(), 1);
    let said: Vec<(&str, &str)> = skipped.iter().map(|s| (s.code, s.path.as_str())).collect();
    assert_eq!(said, [("field", "clients[1].name"), ("duplicate", "clients[2].id")]);
}

#[test]
fn ids_are_lowercase_letters_digits_and_dashes_up_to_64() {
    assert!(workspace::valid_id("c-20261128-ab12"));
    assert!(workspace::valid_id(&"a".repeat(64)));
    assert!(!workspace::valid_id(&"a".repeat(65)));
    assert!(!workspace::valid_id(""));
    assert!(!workspace::valid_id("a/b"));
    assert!(!workspace::valid_id("Ab"));
}
