#![cfg(not(target_arch = "wasm32"))]
//! The workspace's data is never lost (issue 19): an edit is applied onto what is stored, by
//! scenario id, and a change made in another tab is kept or, when it collides, refused (never
//! overwritten), each write adding one to the client's revision; a scenario that does not read is
//! kept verbatim on every save; a backup is read client by client, so the boundary's limit on the
//! values of one call applies to a client and a large backup restores; a file read in another
//! encoding (its words carry U+FFFD) is refused; the 统一社会信用代码 is checked.

use pinghu_subsidy::policy::Kind;
use pinghu_subsidy::workspace::{self, Client, KEY_PREFIX, VERSION};
use pinghu_subsidy::Policy;
use serde_json::{json, Value as Json};

#[path = "support/backup.rs"]
mod backup;
use backup::backup_clients;

fn p() -> &'static Policy {
    Policy::builtin()
}

/// A single year the reader takes, with a category of the policy (the first).
fn year_input(amount: &str) -> Json {
    json!({ "year": p().document.first_year, "expenses": [{ "category": expenses()[0], "amount": amount }] })
}

/// The expense categories (read by property, not named).
fn expenses() -> Vec<&'static str> {
    p().categories
        .iter()
        .filter(|c| c.kind == Kind::Expense)
        .map(|c| c.id)
        .collect()
}

fn scenario(id: &str, name: &str) -> Json {
    json!({ "id": id, "name": name, "saved": "2026-12-01", "kind": "year", "input": year_input("100000") })
}

fn client_json(id: &str, scenarios: Vec<Json>) -> Json {
    json!({ "id": id, "name": "嘉兴某某箱包有限公司", "contact": "", "notes": "", "scenarios": scenarios })
}

/// A client as the element sends it.
fn el(v: &Json) -> Client {
    workspace::read_new(p(), &workspace::parse(&v.to_string()).unwrap()).unwrap()
}

/// Stores `next` over `stored` from `base`, and reads the stored text back as the engine would.
fn save(
    stored: Option<&Client>,
    base: Option<&Client>,
    next: Option<&Client>,
) -> Result<Option<Client>, workspace::Skipped> {
    let merged = workspace::merge(stored, base, next)?;
    Ok(merged.map(|c| {
        // Written packed, as the engine stores it: its entry's JSON inside.
        let text = workspace::stored_text(&c);
        assert_eq!(workspace::unpack(&text).unwrap(), workspace::entry_json(&c));
        let loaded = workspace::load_texts(p(), &[(&workspace::key(&c.id), &text)]);
        assert_eq!(loaded.skipped, vec![]);
        loaded.clients.into_iter().next().unwrap()
    }))
}

fn ids(c: &Client) -> Vec<&str> {
    c.scenarios.iter().map(|s| s.id.as_str()).collect()
}

fn with(c: &Client, f: impl FnOnce(&mut Client)) -> Client {
    let mut c = c.clone();
    f(&mut c);
    c
}

#[test]
fn two_tabs_saving_to_one_client_both_keep_their_scenarios_and_each_write_adds_a_revision() {
    let first = save(None, None, Some(&el(&client_json("c-1", vec![scenario("s1", "一")]))))
        .unwrap()
        .unwrap();
    assert_eq!(first.revision, 1);
    // Both tabs read revision 1; each adds a scenario.
    let a = with(&first, |c| {
        c.scenarios
            .push(el(&client_json("x", vec![scenario("sa", "甲")])).scenarios.remove(0))
    });
    let b = with(&first, |c| {
        c.scenarios
            .push(el(&client_json("x", vec![scenario("sb", "乙")])).scenarios.remove(0))
    });
    let after_a = save(Some(&first), Some(&first), Some(&a)).unwrap().unwrap();
    let after_b = save(Some(&after_a), Some(&first), Some(&b)).unwrap().unwrap();
    assert_eq!(ids(&after_b), ["s1", "sa", "sb"]);
    assert_eq!(after_b.revision, first.revision + 2);
    // Tab B, still on revision 1, renames 一 while tab A removed it: refused, nothing overwritten.
    let gone = save(
        Some(&after_b),
        Some(&after_b),
        Some(&with(&after_b, |c| c.scenarios.retain(|s| s.id != "s1"))),
    )
    .unwrap()
    .unwrap();
    let renamed = with(&first, |c| c.scenarios[0].name = "改名".into());
    let err = workspace::merge(Some(&gone), Some(&first), Some(&renamed)).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("conflict", "scenarios.s1"));
    // Both changed the same scenario differently: refused; the same change twice is no conflict.
    let x = with(&after_b, |c| c.scenarios[1].name = "X".into());
    let y = with(&after_b, |c| c.scenarios[1].name = "Y".into());
    let stored_x = save(Some(&after_b), Some(&after_b), Some(&x)).unwrap().unwrap();
    assert_eq!(
        workspace::merge(Some(&stored_x), Some(&after_b), Some(&y))
            .unwrap_err()
            .code,
        "conflict"
    );
    assert!(workspace::merge(Some(&stored_x), Some(&after_b), Some(&x)).is_ok());
    // A client field changed elsewhere and here: refused; changed only here: taken.
    let notes = with(&after_b, |c| c.notes = "新的备注".into());
    let merged = save(Some(&stored_x), Some(&after_b), Some(&notes)).unwrap().unwrap();
    assert_eq!(
        (merged.notes.as_str(), merged.scenarios[1].name.as_str()),
        ("新的备注", "X")
    );
    let other = with(&after_b, |c| c.notes = "另一条".into());
    assert_eq!(
        workspace::merge(Some(&merged), Some(&after_b), Some(&other))
            .unwrap_err()
            .path,
        "notes"
    );
    // Deleting a client changed since it was read is refused; unchanged, it is deleted.
    assert_eq!(
        workspace::merge(Some(&merged), Some(&after_b), None).unwrap_err().code,
        "conflict"
    );
    assert_eq!(workspace::merge(Some(&merged), Some(&merged), None).unwrap(), None);
    // A new client whose id is taken meanwhile adds to it rather than replacing it.
    let fresh = el(&client_json("c-1", vec![scenario("sn", "新")]));
    let joined = save(Some(&merged), None, Some(&fresh)).unwrap().unwrap();
    assert_eq!(
        ids(&joined),
        ["s1", "sa", "sb", "sn"]
            .iter()
            .filter(|i| ids(&merged).contains(i) || **i == "sn")
            .copied()
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_scenario_that_does_not_read_is_kept_verbatim_on_every_save_and_deleted_by_hand_only() {
    let mut bad = scenario("s-bad", "改名前的类别");
    bad["input"]["expenses"][0]["category"] = json!("a_category_renamed_by_an_update");
    bad["future"] = json!({ "kept": [1, 2.5, "三", null, true] });
    let stored_text = json!({ "format": "pinghu-subsidy/client", "version": VERSION,
        "client": client_json("c-1", vec![scenario("s1", "一"), bad.clone()]) })
    .to_string();
    let key = format!("{KEY_PREFIX}c-1");
    let loaded = workspace::load_texts(p(), &[(&key, &stored_text)]);
    assert_eq!(loaded.skipped.len(), 1, "said");
    let stored = &loaded.clients[0];
    assert_eq!(stored.kept.len(), 1);
    assert_eq!(
        (stored.kept[0].id.as_deref(), stored.kept[0].name.as_deref()),
        (Some("s-bad"), Some("改名前的类别"))
    );
    // Saving another scenario writes the unreadable one back exactly as it was.
    let next = with(stored, |c| {
        c.scenarios
            .push(el(&client_json("x", vec![scenario("s2", "二")])).scenarios.remove(0))
    });
    let text = workspace::entry_json(
        &workspace::merge(Some(stored), Some(stored), Some(&next))
            .unwrap()
            .unwrap(),
    );
    let written: Json = serde_json::from_str(&text).unwrap();
    let items = written["client"]["scenarios"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.contains(&bad), "kept verbatim: {text}");
    // The export file carries it, and reading the file keeps it again.
    let after = workspace::load_texts(p(), &[(&key, &text)]).clients.remove(0);
    let file = workspace::file_json(std::slice::from_ref(&after), "2026-12-01");
    let (back, _) = workspace::read_file(p(), &workspace::parse(&file).unwrap()).unwrap();
    let values = |c: &Client| c.kept.iter().map(|k| k.value.clone()).collect::<Vec<_>>();
    assert_eq!(values(&back[0]), values(&after));
    // Only removing it by hand (in the base, not in the next) removes it.
    let removed = workspace::merge(Some(&after), Some(&after), Some(&with(&after, |c| c.kept.clear())))
        .unwrap()
        .unwrap();
    assert!(removed.kept.is_empty());
    // The element sends kept scenarios back as it got them; they read as kept again.
    let sent = workspace::read_new(p(), &workspace::parse(&serde_json::to_string(&after).unwrap()).unwrap()).unwrap();
    assert_eq!(
        sent.kept.iter().map(|k| &k.value).collect::<Vec<_>>(),
        after.kept.iter().map(|k| &k.value).collect::<Vec<_>>()
    );
}

/// The boundary's limit on the values one call reads (src/boundary/inert.js), from its source.
fn boundary_value_limit() -> usize {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/boundary/inert.js")).unwrap();
    let at = src.find("nodes:").expect("inert.js names its limit `nodes`");
    src[at + 6..]
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The values a JSON value holds, as the boundary counts them (each node once).
fn values(v: &Json) -> usize {
    1 + match v {
        Json::Array(a) => a.iter().map(values).sum(),
        Json::Object(o) => o.values().map(values).sum(),
        _ => 0,
    }
}

#[test]
fn a_backup_of_300_clients_of_10_plans_reads_client_by_client_though_the_file_is_over_the_boundarys_limit() {
    let clients = backup_clients(p(), 300, 10);
    let scenarios = clients[0]["scenarios"].as_array().unwrap();
    let file = json!({ "format": "pinghu-subsidy/workspace", "version": VERSION, "exported": "2026-12-01", "clients": clients });
    let limit = boundary_value_limit();
    assert!(
        values(&file) > limit,
        "the premise: the whole file is over the boundary's limit"
    );
    assert!(
        clients.iter().all(|c| values(c) < limit / 10),
        "each client far under it"
    );
    let pretty = serde_json::to_string_pretty(&file).unwrap();
    eprintln!(
        "300 × 10 plans: {} bytes indented, {} values",
        pretty.len(),
        values(&file)
    );
    // As the boundary gives it: the envelope, then each client on its own.
    let head = json!({ "format": "pinghu-subsidy/workspace", "version": VERSION, "exported": "2026-12-01" });
    let items = clients
        .iter()
        .map(|c| workspace::parse(&c.to_string()).unwrap())
        .collect();
    let (read, skipped) =
        workspace::read_file_parts(p(), &workspace::parse(&head.to_string()).unwrap(), Some(items)).unwrap();
    assert_eq!(skipped, vec![]);
    assert_eq!(read.len(), clients.len());
    assert!(read
        .iter()
        .all(|c| c.scenarios.len() == scenarios.len() && c.scenarios.iter().all(|s| s.stamp.is_some())));
    // And the whole file read at once gives the same.
    let (whole, _) = workspace::read_file(p(), &workspace::parse(&pretty).unwrap()).unwrap();
    assert_eq!(whole, read);
}

#[test]
fn a_file_decoded_from_another_encoding_is_refused_with_where() {
    // "嘉兴市" in GBK, read as UTF-8 by a lenient decoder: each byte pair becomes U+FFFD.
    let gbk_name = String::from_utf8_lossy(&[0xBC, 0xCE, 0xD0, 0xCB, 0xCA, 0xD0]).into_owned();
    assert!(gbk_name.contains('\u{FFFD}'), "premise");
    let mut c = client_json("c-1", vec![scenario("s1", "一")]);
    c["name"] = json!(gbk_name);
    let file = json!({ "format": "pinghu-subsidy/workspace", "version": VERSION, "exported": "2026-12-01", "clients": [client_json("c-0", vec![]), c] });
    let err = workspace::read_file(p(), &workspace::parse(&file.to_string()).unwrap()).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("encoding", "clients[1].name"));
    // In a scenario's name too.
    let mut c = client_json("c-1", vec![scenario("s1", "一")]);
    c["scenarios"][0]["name"] = json!(format!("方案{gbk_name}"));
    let file =
        json!({ "format": "pinghu-subsidy/workspace", "version": VERSION, "exported": "2026-12-01", "clients": [c] });
    assert_eq!(
        workspace::read_file(p(), &workspace::parse(&file.to_string()).unwrap())
            .unwrap_err()
            .path,
        "clients[0].scenarios[0].name"
    );
}

#[test]
fn the_credit_code_and_town_are_optional_and_the_code_is_checked() {
    // A code whose check character is right, then each of its other characters changed.
    let good = "91350100M000100Y43";
    assert!(workspace::valid_credit_code(good));
    for (i, ch) in good.char_indices() {
        let other = if ch == '1' { '2' } else { '1' };
        let bad: String = good
            .chars()
            .enumerate()
            .map(|(j, c)| if j == i { other } else { c })
            .collect();
        assert!(!workspace::valid_credit_code(&bad), "{bad}");
    }
    assert!(!workspace::valid_credit_code(&good[..17]));
    assert!(
        !workspace::valid_credit_code("91350100M000100I43"),
        "I is not a code character"
    );
    let mut c = client_json("c-1", vec![]);
    c["credit_code"] = json!(good);
    c["town"] = json!("当湖街道");
    let read = el(&c);
    assert_eq!((read.credit_code.as_str(), read.town.as_str()), (good, "当湖街道"));
    let back = workspace::load_texts(p(), &[(&workspace::key("c-1"), &workspace::entry_json(&read))]);
    assert_eq!(back.clients[0].credit_code, good);
    c["credit_code"] = json!("91350100M000100Y44");
    let err = workspace::read_new(p(), &workspace::parse(&c.to_string()).unwrap()).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("field", "credit_code"));
    // Version 3 knows none of the new keys.
    let v3 = json!({ "format": "pinghu-subsidy/client", "version": 3, "client": { "id": "c-1", "name": "甲", "revision": 2 } });
    let loaded = workspace::load_texts(p(), &[(&workspace::key("c-1"), &v3.to_string())]);
    assert_eq!(loaded.skipped[0].path, "client.revision");
}

#[test]
fn a_scenarios_notes_are_kept_and_merged_like_its_other_fields() {
    let mut s = scenario("s1", "一");
    s["notes"] = json!("客户希望下半年加大推广");
    let c = el(&client_json("c-1", vec![s]));
    assert_eq!(c.scenarios[0].notes, "客户希望下半年加大推广");
    let stored = save(None, None, Some(&c)).unwrap().unwrap();
    assert_eq!(stored.scenarios[0].notes, c.scenarios[0].notes);
    // Edited here while another tab changed them too: refused.
    let here = with(&stored, |c| c.scenarios[0].notes = "这里改".into());
    let there = save(
        Some(&stored),
        Some(&stored),
        Some(&with(&stored, |c| c.scenarios[0].notes = "那里改".into())),
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        workspace::merge(Some(&there), Some(&stored), Some(&here))
            .unwrap_err()
            .code,
        "conflict"
    );
    // Version 3 has no notes on a scenario.
    let mut v3 = scenario("s1", "一");
    v3["notes"] = json!("x");
    let e = json!({ "format": "pinghu-subsidy/client", "version": 3, "client": client_json("c-1", vec![v3]) });
    let loaded = workspace::load_texts(p(), &[(&workspace::key("c-1"), &e.to_string())]);
    assert_eq!(loaded.skipped[0].path, "client.scenarios[0].notes");
}
