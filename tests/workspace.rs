#![cfg(not(target_arch = "wasm32"))]
//! The workspace's stored format (src/workspace.rs): versioned, version 1 migrated, a corrupt or
//! foreign entry skipped with its reason and nothing else lost, each scenario read like an input,
//! the export file and its preview; each scenario's stamp (the policy data it was saved under and
//! what it gave then), version 2 migrated without one, and what changed under other policy data.

use pinghu_subsidy::workspace::{self, Input, KEY_PREFIX, VERSION};
use pinghu_subsidy::{plain, Decimal, Policy};
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
    let loaded = workspace::load_texts(p(), &refs);
    // Every client that loads, stored packed as the engine writes it, loads back as its JSON does.
    for c in &loaded.clients {
        let (key, text) = (workspace::key(&c.id), workspace::stored_text(c));
        assert!(text.starts_with(workspace::PACKED_MARKER));
        assert_eq!(workspace::unpack(&text).unwrap(), workspace::entry_json(c));
        let back = workspace::load_texts(p(), &[(&key, &text)]);
        assert_eq!(back, workspace::load_texts(p(), &[(&key, &workspace::entry_json(c))]));
        assert_eq!(back.clients.len(), 1);
    }
    loaded
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
    assert_eq!(stored["version"], VERSION);
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
    // Written back as the version in use, with no stamp (what they gave then is not known).
    assert!(c.scenarios.iter().all(|s| s.stamp.is_none()));
    let again: Json = serde_json::from_str(&workspace::entry_json(c)).unwrap();
    assert_eq!(again["version"], VERSION);
    assert!(again["client"]["scenarios"][0].get("stamp").is_none());
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
                json!({"format": "pinghu-subsidy/client", "version": VERSION + 1, "client": {}}).to_string(),
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

// ------------------------------------------------------------------ stamps (format version 3)

/// `client(id)` with each scenario stamped as the element saves it (`workspace::stamp`).
fn stamped(id: &str) -> Json {
    let mut c = client(id);
    for s in c["scenarios"].as_array_mut().unwrap() {
        let read = workspace::read_one(p(), &workspace::parse(&s.to_string()).unwrap()).unwrap();
        s["stamp"] = serde_json::to_value(workspace::stamp(p(), &read).unwrap()).unwrap();
    }
    c
}

fn entry_of(c: &Json, version: u32) -> (String, String) {
    let id = c["id"].as_str().unwrap();
    let e = json!({ "format": "pinghu-subsidy/client", "version": version, "client": c });
    (format!("{KEY_PREFIX}{id}"), e.to_string())
}

#[test]
fn a_stamp_holds_the_policy_data_and_the_figures_the_engine_gave_and_is_written_and_read_back() {
    let c = workspace::read_new(p(), &workspace::parse(&stamped("c-1").to_string()).unwrap()).unwrap();
    let stored: Json = serde_json::from_str(&workspace::entry_json(&c)).unwrap();
    assert_eq!(stored["version"], VERSION);
    let (year, plan) = (&stored["client"]["scenarios"][0], &stored["client"]["scenarios"][1]);
    // The policy data in use: policy().version and its fingerprint, as every result carries them.
    let est = p().calculate_input(year_input()).unwrap();
    assert_eq!(
        year["stamp"]["policy"],
        json!({ "version": est.policy.version, "fingerprint": est.policy.fingerprint })
    );
    assert_eq!(est.policy.fingerprint, p().fingerprint());
    // The figures of the result: total, award ceilings, each line's support, as strings.
    assert_eq!(year["stamp"]["total"], plain(est.total));
    assert_eq!(year["stamp"]["awards_up_to"], plain(est.awards_up_to));
    let lines: Vec<Json> = est
        .lines
        .iter()
        .map(|l| json!({ "category": l.category.id, "support": plain(l.support) }))
        .collect();
    assert_eq!(year["stamp"]["categories"], json!(lines));
    // A plan's: its total, each category summed over its years (here one category in two years).
    let pe = p().calculate_plan_input(plan_input()).unwrap();
    assert_eq!(plan["stamp"]["total"], plain(pe.total));
    let promo: Decimal = pe.years.iter().flat_map(|y| &y.lines).map(|l| l.support).sum();
    assert_eq!(
        plan["stamp"]["categories"],
        json!([{ "category": "brand_promotion", "support": plain(promo) }])
    );
    // Read back the same, in storage and in the export file.
    let loaded = load(&[(workspace::key("c-1"), workspace::entry_json(&c))]);
    assert_eq!(loaded.skipped, vec![]);
    assert_eq!(loaded.clients, vec![c.clone()]);
    assert!(loaded.clients[0].scenarios.iter().all(|s| s.stamp.is_some()));
    let file = workspace::file_json(std::slice::from_ref(&c), "2026-11-28");
    assert_eq!(serde_json::from_str::<Json>(&file).unwrap()["version"], VERSION);
    let (clients, skipped) = workspace::read_file(p(), &workspace::parse(&file).unwrap()).unwrap();
    assert_eq!((clients, skipped), (vec![c], vec![]));
}

#[test]
fn version_2_is_migrated_without_a_stamp_and_no_scenario_is_lost() {
    let loaded = load(&[entry("v2")]);
    assert_eq!(loaded.skipped, vec![]);
    let c = &loaded.clients[0];
    assert_eq!(c.scenarios.len(), 2);
    assert!(c.scenarios.iter().all(|s| s.stamp.is_none()));
    let again: Json = serde_json::from_str(&workspace::entry_json(c)).unwrap();
    assert_eq!(again["version"], VERSION);
    assert!(again["client"]["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s.get("stamp").is_none()));
    // The export file of version 2 too.
    let f = json!({"format": "pinghu-subsidy/workspace", "version": 2, "clients": [client("a")]});
    let (clients, skipped) = workspace::read_file(p(), &workspace::parse(&f.to_string()).unwrap()).unwrap();
    assert_eq!((clients[0].scenarios.len(), skipped.len()), (2, 0));
    // A stamp in a version 2 entry is not of that version: the scenario is refused, as any unknown key.
    let odd = entry_of(&stamped("odd"), 2);
    let loaded = load(&[odd]);
    assert_eq!(loaded.skipped[0].path, "client.scenarios[0].stamp");
    // A stamp is optional in version 3: a scenario without one reads.
    let bare = load(&[entry_of(&client("v3"), 3)]);
    assert_eq!((bare.clients[0].scenarios.len(), bare.skipped.len()), (2, 0));
}

/// Each bad stamp: reported at its path with the scenario's name; the scenario is kept without
/// it, the client's other scenario keeps its own; saving such a client is refused.
#[test]
fn a_stamp_out_of_bounds_is_reported_and_dropped_and_its_scenario_kept() {
    let too_many: Vec<Json> = (0..=workspace::MAX_STAMP_CATEGORIES)
        .map(|i| json!({ "category": format!("c{i}"), "support": "1.00" }))
        .collect();
    let cases: Vec<(&str, &str, Json, &str)> = vec![
        (
            "a fingerprint too short",
            "/policy/fingerprint",
            json!("ab".repeat(31)),
            "stamp.policy.fingerprint",
        ),
        (
            "a fingerprint in capitals",
            "/policy/fingerprint",
            json!("AB".repeat(32)),
            "stamp.policy.fingerprint",
        ),
        (
            "a version too long",
            "/policy/version",
            json!("v".repeat(65)),
            "stamp.policy.version",
        ),
        ("a blank version", "/policy/version", json!(" "), "stamp.policy.version"),
        ("money as a number", "/total", json!(1000), "stamp.total"),
        ("grouped money", "/total", json!("1,000.00"), "stamp.total"),
        ("negative money", "/total", json!("-1.00"), "stamp.total"),
        ("one decimal", "/awards_up_to", json!("1.0"), "stamp.awards_up_to"),
        ("a leading zero", "/awards_up_to", json!("01.00"), "stamp.awards_up_to"),
        (
            "too many digits",
            "/total",
            json!(format!("{}.00", "9".repeat(17))),
            "stamp.total",
        ),
        ("an unknown key", "/extra", json!(1), "stamp.extra"),
        (
            "a category id not of the policy's alphabet",
            "/categories/0/category",
            json!("Brand"),
            "stamp.categories[0].category",
        ),
        (
            "a category twice",
            "/categories/1",
            json!({ "category": "x", "support": "1.00" }),
            "stamp.categories[2].category",
        ),
        (
            "too many categories",
            "/categories",
            json!(too_many),
            "stamp.categories",
        ),
        ("not an object", "", json!("stamp"), "stamp"),
    ];
    for (what, pointer, value, path) in cases {
        let mut c = stamped("c-1");
        let stamp = &mut c["scenarios"][0]["stamp"];
        if what == "a category twice" {
            let cats = stamp["categories"].as_array_mut().unwrap();
            cats.push(json!({ "category": "x", "support": "1.00" }));
            cats.push(json!({ "category": "x", "support": "2.00" }));
        } else if what == "an unknown key" {
            stamp["extra"] = value;
        } else if pointer.is_empty() {
            *stamp = value;
        } else {
            *stamp
                .pointer_mut(pointer)
                .unwrap_or_else(|| panic!("{what}: {pointer}")) = value;
        }
        let loaded = load(&[entry_of(&c, 3)]);
        let s = &loaded.clients[0].scenarios;
        assert_eq!(s.len(), 2, "{what}: both scenarios kept");
        assert_eq!((s[0].stamp.is_none(), s[1].stamp.is_some()), (true, true), "{what}");
        let said: Vec<_> = loaded
            .skipped
            .iter()
            .map(|k| (k.code, k.scenario.as_deref(), k.path.clone()))
            .collect();
        assert_eq!(
            said,
            [("field", Some("方案一"), format!("client.scenarios[0].{path}"))],
            "{what}"
        );
        let refused = workspace::read_new(p(), &workspace::parse(&c.to_string()).unwrap()).unwrap_err();
        assert_eq!(refused.path, format!("scenarios[0].{path}"), "{what}: not saved");
    }
    // At the bounds: 64 characters of version, MAX_STAMP_CATEGORIES categories, 16 digits.
    let mut c = stamped("c-1");
    let stamp = &mut c["scenarios"][0]["stamp"];
    stamp["policy"]["version"] = json!("v".repeat(64));
    stamp["total"] = json!(format!("{}.99", "9".repeat(16)));
    stamp["categories"] = json!(too_many[..workspace::MAX_STAMP_CATEGORIES]);
    let loaded = load(&[entry_of(&c, 3)]);
    assert_eq!(loaded.skipped, vec![]);
    assert!(loaded.clients[0].scenarios[0].stamp.is_some());
}

fn drift_of(scenario: &Json) -> Json {
    let s = workspace::read_one(p(), &workspace::parse(&scenario.to_string()).unwrap()).unwrap();
    serde_json::to_value(workspace::drift(p(), &s).unwrap()).unwrap()
}

#[test]
fn under_the_same_policy_data_nothing_changed_and_without_a_stamp_there_is_nothing_to_say() {
    let c = stamped("c-1");
    for s in c["scenarios"].as_array().unwrap() {
        let d = drift_of(s);
        assert_eq!(d["same_policy"], true);
        assert_eq!(d["saved"], d["now"]);
        assert_eq!(d["total"]["difference"], "0.00");
        assert_eq!(d["awards_up_to"], Json::Null);
        assert_eq!(d["categories"], json!([]));
    }
    assert_eq!(drift_of(&client("c-1")["scenarios"][0]), Json::Null);
}

#[test]
fn under_other_policy_data_both_totals_and_each_changed_category_are_given_with_the_difference() {
    let c = stamped("c-1");
    let mut s = c["scenarios"][0].clone();
    let now = s["stamp"].clone();
    let now_total: Decimal = now["total"].as_str().unwrap().parse().unwrap();
    let first = now["categories"][0].clone();
    let first_now: Decimal = first["support"].as_str().unwrap().parse().unwrap();
    // Saved under another version: another fingerprint, a higher total, the first category's
    // support higher, and a category that version had and this one lacks.
    let old_total = now_total + Decimal::from(1234);
    let old_first = first_now + Decimal::new(5, 2);
    s["stamp"]["policy"] = json!({ "version": "2024-01-draft", "fingerprint": "f".repeat(64) });
    s["stamp"]["total"] = json!(plain(old_total));
    s["stamp"]["categories"][0]["support"] = json!(plain(old_first));
    s["stamp"]["categories"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "category": "retired_measure", "support": "10.00" }));
    let d = drift_of(&s);
    assert_eq!(d["same_policy"], false);
    assert_eq!(
        d["saved"],
        json!({ "version": "2024-01-draft", "fingerprint": "f".repeat(64) })
    );
    assert_eq!(d["now"], now["policy"]);
    assert_eq!(
        d["total"],
        json!({ "saved": plain(old_total), "now": plain(now_total), "difference": plain(now_total - old_total) })
    );
    assert_eq!(d["awards_up_to"], Json::Null, "the award ceilings did not change");
    assert_eq!(
        d["categories"],
        json!([
            { "category": first["category"], "saved": plain(old_first), "now": plain(first_now), "difference": plain(first_now - old_first) },
            { "category": "retired_measure", "saved": "10.00", "now": null, "difference": null },
        ])
    );
    // A category the saved result did not have: saved null.
    s["stamp"]["categories"] = json!([]);
    let d = drift_of(&s);
    assert_eq!(d["categories"][0]["saved"], Json::Null);
    assert_eq!(d["categories"][0]["now"], first["support"]);
}
