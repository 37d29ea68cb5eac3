#![cfg(not(target_arch = "wasm32"))]
//! A client is stored packed (issue 19; src/workspace/packed.rs): its entry's JSON deflated, 14
//! bits to a UTF-16 unit from U+4000 (never a surrogate), behind a marker JSON never starts with.
//! Plain JSON, every entry stored before, is still read; a packed text that does not unpack is
//! refused (the entry "unreadable", kept as it is), never a panic; 300 clients × 10 plans stored
//! packed fit in what a browser gives an origin. (Every shape of tests/workspace.rs and
//! tests/workspace_merge.rs is also stored packed and read back there.)

use pinghu_subsidy::workspace::{self, Client, PACKED_MARKER};
use pinghu_subsidy::Policy;
use serde_json::json;

#[path = "support/backup.rs"]
mod backup;
use backup::backup_clients;

fn p() -> &'static Policy {
    Policy::builtin()
}

/// What Chromium and Firefox give an origin's local storage, in UTF-16 code units (keys and
/// values; a browser's number, not the policy's): 5 Mi.
const ORIGIN_UNITS: usize = 5 * 1024 * 1024;

fn clients(n: usize, plans: usize) -> Vec<Client> {
    backup_clients(p(), n, plans)
        .iter()
        .map(|c| workspace::read_new(p(), &workspace::parse(&c.to_string()).unwrap()).unwrap())
        .collect()
}

fn load(key: &str, text: &str) -> workspace::Loaded {
    workspace::load_texts(p(), &[(key, text)])
}

#[test]
fn a_packed_client_is_its_entrys_json_in_units_of_one_block_that_never_holds_a_surrogate() {
    let c = &clients(1, 3)[0];
    let text = workspace::stored_text(c);
    let body = text.strip_prefix(PACKED_MARKER).expect("behind the marker");
    assert!(body.chars().all(|ch| ('\u{4000}'..='\u{7fff}').contains(&ch)));
    assert_eq!(workspace::unpack(&text).unwrap(), workspace::entry_json(c));
    assert_eq!(workspace::stored_units(c), text.encode_utf16().count());
    assert!(workspace::stored_units(c) < workspace::entry_json(c).encode_utf16().count());
    // JSON never starts with the marker's first character (white space, { [ " - digit t f n).
    let first = PACKED_MARKER.chars().next().unwrap();
    assert!(workspace::parse(&format!("{first}")).is_none());
    assert!(!" \t\r\n{[\"-0123456789tfn".contains(first));
    let back = load(&workspace::key(&c.id), &text);
    assert_eq!((back.clients, back.skipped), (vec![c.clone()], vec![]));
}

#[test]
fn plain_json_stored_before_is_still_read_and_written_back_packed() {
    let c = &clients(1, 2)[0];
    let key = workspace::key(&c.id);
    let plain = load(&key, &workspace::entry_json(c));
    assert_eq!(
        (plain.clients.as_slice(), plain.skipped.len()),
        (std::slice::from_ref(c), 0)
    );
    assert_eq!(workspace::unpack("{\"a\":1}").unwrap(), "{\"a\":1}");
    let packed = load(&key, &workspace::stored_text(&plain.clients[0]));
    assert_eq!(packed.clients, plain.clients);
}

#[test]
fn a_damaged_packed_text_is_refused_as_unreadable_never_a_panic() {
    let c = &clients(1, 2)[0];
    let key = workspace::key(&c.id);
    let text = workspace::stored_text(c);
    let units: Vec<char> = text[PACKED_MARKER.len()..].chars().collect();
    let refused = |t: &str| {
        assert!(workspace::unpack(t).is_none(), "unpacked: {t}");
        let l = load(&key, t);
        assert_eq!((l.clients.len(), l.skipped.len()), (0, 1));
        assert_eq!((l.skipped[0].entry.as_str(), l.skipped[0].code), (key.as_str(), "json"));
    };
    let packed = |u: &[char]| format!("{PACKED_MARKER}{}", u.iter().collect::<String>());
    // Each unit changed to another of the block, in turn (the stream or its checksum breaks).
    for i in 0..units.len() {
        let mut u = units.clone();
        u[i] = char::from_u32(0x4000 + ((u32::from(u[i]) - 0x4000 + 0x1555) & 0x3fff)).unwrap();
        refused(&packed(&u));
    }
    // Cut short, emptied, or a unit outside the block.
    for n in [0, 1, units.len() / 2, units.len() - 2] {
        refused(&packed(&units[..n]));
    }
    let mut outside = units.clone();
    outside[units.len() / 3] = 'A';
    refused(&packed(&outside));
    outside[units.len() / 3] = '\u{8000}';
    refused(&packed(&outside));
    refused(&format!("{PACKED_MARKER}{}", json!({ "a": 1 })));
}

#[test]
fn three_hundred_clients_of_ten_plans_stored_packed_fit_in_what_a_browser_gives_an_origin() {
    let all = clients(300, 10);
    let key_units: usize = all.iter().map(|c| workspace::key(&c.id).len()).sum();
    let json: usize = all
        .iter()
        .map(|c| workspace::entry_json(c).encode_utf16().count())
        .sum();
    let packed: usize = all.iter().map(workspace::stored_units).sum();
    eprintln!(
        "300 × 10 plans stored: JSON {} units, packed {} units ({} with keys), ratio {}.{:02}, {}% of {ORIGIN_UNITS}",
        json,
        packed,
        packed + key_units,
        json / packed,
        json * 100 / packed % 100,
        (packed + key_units) * 100 / ORIGIN_UNITS
    );
    assert!(json + key_units > ORIGIN_UNITS, "the premise: as JSON it does not fit");
    assert!(packed + key_units < ORIGIN_UNITS, "packed it fits");
}
