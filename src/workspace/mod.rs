//! The consultant's workspace as it is stored: clients, each with named
//! scenarios (a single year or a plan), versioned. Plain Rust: `src/wasm.rs`
//! only moves the texts to and from `localStorage`.
//!
//! - One storage entry per client, under [`KEY_PREFIX`] + its id:
//!   `{"format":"pinghu-subsidy/client","version":3,"client":{…}}`, written packed (deflated,
//!   14 bits a UTF-16 unit behind a marker: [`packed`](self::packed)); plain JSON is read too.
//! - The export file holds them all:
//!   `{"format":"pinghu-subsidy/workspace","version":3,"exported":"YYYY-MM-DD","clients":[…]}`.
//! - Version 4 adds the client's `revision` (each write adds one; [`merge`] applies an edit onto
//!   what is stored, by scenario id, and never overwrites a change made elsewhere), the optional
//!   `credit_code` (统一社会信用代码) and `town` (所属镇街道); a scenario that does not read is
//!   kept verbatim ([`Kept`]) on every write, shown and deleted by hand only.
//! - Version 3 adds each scenario's [`Stamp`]: the policy data it was saved under (version,
//!   fingerprint) and what it gave then (total, award ceilings, support per category), so that
//!   opening it after a policy update can say what changed ([`drift`]).
//! - Version 2 (no stamps) and version 1, the shape before plans (only single years, `request`
//!   in each scenario, no ids of scenarios), are read and migrated on load, with no stamp.
//! - Each scenario's input is read with the same reader as `calculate()` / `calculate_plan()`;
//!   an entry or scenario that does not read is skipped with its reason, and the rest is kept. A
//!   stamp that does not read is reported and dropped; its scenario is kept.
//!
//! The words of the problems are the element's (codes here, with the reader's own problems).
//! Details: docs/workspace.md.

use serde::Serialize;

use crate::error::Error;
use crate::policy::Policy;
use crate::request::{read, read_plan, PlanRequest, Request};
use crate::value::Value;

mod file;
mod kept;
mod merge;
mod packed;
mod stamp;
mod stored;

pub use self::file::{read_file, read_file_parts};
use self::kept::{kept, read_kept_sent};
pub use self::merge::merge;
pub use self::packed::{pack, stored_text, stored_units, unpack, PACKED_MARKER};
use self::stamp::read_stamp;
pub(crate) use self::stamp::{compute, Computed};
pub use self::stamp::{drift, stamp, CategoryChange, Drift, FigureChange, Stamp, StampCategory, StampPolicy};
pub use self::stored::{entry_json, file_json, valid_credit_code};

/// The storage key of a client is this and its id.
pub const KEY_PREFIX: &str = "pinghu-subsidy/client/";
/// `format` of a stored client.
pub const CLIENT_FORMAT: &str = "pinghu-subsidy/client";
/// `format` of the export file.
pub const FILE_FORMAT: &str = "pinghu-subsidy/workspace";
/// The version written (versions 1 to 3 are read and migrated).
pub const VERSION: u32 = 4;
/// Bounds: what a consultant's device holds, and what a hostile file may claim.
pub const MAX_CLIENTS: usize = 500;
pub const MAX_SCENARIOS: usize = 100;
/// Categories in a stamp (a policy has a few dozen at most).
pub const MAX_STAMP_CATEGORIES: usize = 100;
const MAX_ID: usize = 64;
const MAX_NAME: usize = 200;
const MAX_NOTES: usize = 4000;
/// 所属镇街道: a short name.
const MAX_TOWN: usize = 50;
/// A stamp's money: at most this many digits before the point (and always two after it).
const MAX_MONEY_DIGITS: usize = 16;
/// The fingerprint: the hex SHA-256 of the policy file.
const FINGERPRINT_LEN: usize = 64;

/// A client enterprise and its scenarios.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Client {
    pub id: String,
    pub name: String,
    pub contact: String,
    pub notes: String,
    /// 统一社会信用代码 (18 characters, GB 32100-2015, its check character right) or "".
    pub credit_code: String,
    /// 所属镇街道, or "".
    pub town: String,
    /// Each write of the client adds one (0: never stored).
    pub revision: u32,
    pub scenarios: Vec<Scenario>,
    /// The scenarios that do not read, each kept as it was stored (written back on every save).
    pub kept: Vec<Kept>,
}

/// A stored scenario that does not read (its input refused, a field wrong, an id twice): kept
/// verbatim, shown as "无法读取（保留原样）", exported, deleted by hand only.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kept {
    /// Its id and name when they read (to show it), else null.
    pub id: Option<String>,
    pub name: Option<String>,
    /// The scenario as it was stored.
    #[serde(serialize_with = "stored::serialize_value")]
    pub value: Value,
    /// Why it does not read.
    pub problem: Skipped,
}

/// A named input: a single year or a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    /// `YYYY-MM-DD`, the day it was saved.
    pub saved: String,
    /// `"year"` or `"plan"`: what `input` is.
    pub kind: &'static str,
    pub input: Input,
    /// What it gave when it was saved, under which policy data; `None` for a scenario saved
    /// before version 3 (or whose stamp did not read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// The consultant's notes on it (version 4; "" when none, then not written).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// What `calculate()` or `calculate_plan()` takes, as the reader read it. (Plain fields, an
/// untagged enum and compact JSON only: serde's flatten and pretty printing cost the wasm kilobytes.)
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Input {
    Year(Request),
    Plan(PlanRequest),
}

/// What was not loaded, and why: `code` is one of `json`, `format`, `version`, `field`,
/// `input`; `path` says where; `errors` are the reader's problems of a scenario's input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skipped {
    /// The storage key, or `clients[3]` in a file.
    pub entry: String,
    /// The scenario's name when only a scenario was skipped.
    pub scenario: Option<String>,
    pub code: &'static str,
    pub path: String,
    pub errors: Option<Error>,
}

/// The storage key of a client.
pub fn key(id: &str) -> String {
    format!("{KEY_PREFIX}{id}")
}

/// Whether `id` is one this format writes: 1 to 64 of `a-z 0-9 -`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Skipped {
    /// A text that is not JSON.
    pub fn json(entry: &str) -> Skipped {
        skip(entry, "json", "")
    }
}

/// A problem at a path (no scenario).
pub(crate) fn skip(entry: &str, code: &'static str, path: impl Into<String>) -> Skipped {
    Skipped {
        entry: entry.to_string(),
        scenario: None,
        code,
        path: path.into(),
        errors: None,
    }
}

type Obj = [(String, Value)];

fn object<'a>(v: &'a Value, entry: &str, path: &str, allowed: &[&str]) -> Result<&'a Obj, Skipped> {
    let Value::Object(o) = v else {
        return Err(skip(entry, "field", path));
    };
    match o.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((k, _)) => Err(skip(entry, "field", at(path, k))),
        None => Ok(o),
    }
}

fn get<'a>(o: &'a Obj, k: &str) -> Option<&'a Value> {
    o.iter().find(|(key, _)| key == k).map(|(_, v)| v)
}

fn at(path: &str, k: &str) -> String {
    if path.is_empty() {
        k.to_string()
    } else {
        format!("{path}.{k}")
    }
}

/// A string field: required, or `""` when `optional` and absent; at most `max` characters.
fn text(o: &Obj, k: &str, optional: bool, max: usize, entry: &str, path: &str) -> Result<String, Skipped> {
    match get(o, k) {
        None if optional => Ok(String::new()),
        Some(Value::String(s)) if s.chars().count() <= max && (optional || !s.trim().is_empty()) => Ok(s.clone()),
        _ => Err(skip(entry, "field", at(path, k))),
    }
}

fn version(o: &Obj, format: &str, entry: &str) -> Result<u32, Skipped> {
    match get(o, "format") {
        Some(Value::String(f)) if f == format => {}
        _ => return Err(skip(entry, "format", "format")),
    }
    match get(o, "version") {
        Some(Value::Number(n)) if *n == 1.0 => Ok(1),
        Some(Value::Number(n)) if *n == 2.0 => Ok(2),
        Some(Value::Number(n)) if *n == 3.0 => Ok(3),
        Some(Value::Number(n)) if *n == 4.0 => Ok(4),
        _ => Err(skip(entry, "version", "version")),
    }
}

/// Reads a stored client entry (version 1 to 4); a scenario that does not read is listed in
/// `skipped` and kept verbatim in the client's `kept`.
pub fn read_entry(policy: &Policy, key: &str, v: &Value) -> Result<(Client, Vec<Skipped>), Skipped> {
    let o = object(v, key, "", &["format", "version", "client"])?;
    let version = version(o, CLIENT_FORMAT, key)?;
    let client = get(o, "client").ok_or_else(|| skip(key, "field", "client"))?;
    let (client, skipped) = read_client(policy, version, client, key, "client", From::Stored)?;
    if key.strip_prefix(KEY_PREFIX) != Some(client.id.as_str()) {
        return Err(skip(key, "field", "client.id"));
    }
    Ok((client, skipped))
}

/// Where a client comes from: storage or a file (a scenario that does not read is kept, inline
/// in `scenarios`), or the element (its scenarios must all read; what it keeps is in `kept`).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum From {
    Stored,
    Element,
}

pub(crate) fn read_client(
    policy: &Policy,
    version: u32,
    v: &Value,
    entry: &str,
    path: &str,
    from: From,
) -> Result<(Client, Vec<Skipped>), Skipped> {
    let keys: &[&str] = match (version, from) {
        (_, From::Element) => &[
            "id",
            "name",
            "contact",
            "notes",
            "credit_code",
            "town",
            "revision",
            "scenarios",
            "kept",
        ],
        (4, _) => &[
            "id",
            "name",
            "contact",
            "notes",
            "credit_code",
            "town",
            "revision",
            "scenarios",
        ],
        _ => &["id", "name", "contact", "notes", "scenarios"],
    };
    let o = object(v, entry, path, keys)?;
    let id = text(o, "id", false, MAX_ID, entry, path)?;
    if !valid_id(&id) {
        return Err(skip(entry, "field", at(path, "id")));
    }
    let credit_code = text(o, "credit_code", true, 18, entry, path)?;
    if !credit_code.is_empty() && !valid_credit_code(&credit_code) {
        return Err(skip(entry, "field", at(path, "credit_code")));
    }
    let mut client = Client {
        id,
        name: text(o, "name", false, MAX_NAME, entry, path)?,
        contact: text(o, "contact", true, MAX_NAME, entry, path)?,
        notes: text(o, "notes", true, MAX_NOTES, entry, path)?,
        credit_code,
        town: text(o, "town", true, MAX_TOWN, entry, path)?,
        revision: revision(o, entry, path)?,
        scenarios: Vec::new(),
        kept: Vec::new(),
    };
    let mut skipped = Vec::new();
    let spath = at(path, "scenarios");
    for (i, item) in items(o, "scenarios", entry, &spath)?.iter().enumerate() {
        let p = format!("{spath}[{i}]");
        let read = match read_scenario_noting(policy, version, item, entry, &p, i, &mut skipped) {
            Ok(s) if client.scenarios.iter().any(|t| t.id == s.id) => Err(skip(entry, "duplicate", at(&p, "id"))),
            other => other,
        };
        match read {
            Ok(s) => client.scenarios.push(s),
            Err(s) if from == From::Element => return Err(s),
            Err(s) => {
                skipped.push(s.clone());
                client.kept.push(kept(item, s));
            }
        }
    }
    read_kept_sent(policy, o, entry, path, &mut client)?;
    if client.scenarios.len() + client.kept.len() > MAX_SCENARIOS {
        return Err(skip(entry, "too_many", spath));
    }
    Ok((client, skipped))
}

/// An array field (absent: none), of at most [`MAX_SCENARIOS`] items.
pub(crate) fn items<'a>(o: &'a Obj, k: &str, entry: &str, path: &str) -> Result<&'a [Value], Skipped> {
    match get(o, k) {
        None => Ok(&[]),
        Some(Value::Array(items)) if items.len() <= MAX_SCENARIOS => Ok(items),
        Some(_) => Err(skip(entry, "field", path)),
    }
}

/// `revision`: a whole number from 0 (absent: 0).
fn revision(o: &Obj, entry: &str, path: &str) -> Result<u32, Skipped> {
    match get(o, "revision") {
        None => Ok(0),
        Some(Value::Number(n)) if *n >= 0.0 && *n <= 4e9 && n.fract() == 0.0 => Ok(*n as u32),
        Some(_) => Err(skip(entry, "field", at(path, "revision"))),
    }
}

/// Reads a scenario of a stored entry of `version` (a stamp that does not read is dropped).
pub(crate) fn read_scenario(
    policy: &Policy,
    version: u32,
    v: &Value,
    entry: &str,
    path: &str,
    index: usize,
) -> Result<Scenario, Skipped> {
    read_scenario_noting(policy, version, v, entry, path, index, &mut Vec::new())
}

/// [`read_scenario`], a stamp that does not read said in `dropped` (the scenario is kept).
fn read_scenario_noting(
    policy: &Policy,
    version: u32,
    v: &Value,
    entry: &str,
    path: &str,
    index: usize,
    dropped: &mut Vec<Skipped>,
) -> Result<Scenario, Skipped> {
    let keys: &[&str] = match version {
        1 => &["name", "saved", "request"],
        2 => &["id", "name", "saved", "kind", "input"],
        3 => &["id", "name", "saved", "kind", "input", "stamp"],
        _ => &["id", "name", "saved", "kind", "input", "stamp", "notes"],
    };
    let o = object(v, entry, path, keys)?;
    let name = text(o, "name", false, MAX_NAME, entry, path)?;
    let saved = text(o, "saved", true, 10, entry, path)?;
    let notes = text(o, "notes", true, MAX_NOTES, entry, path)?;
    let (id, kind, input) = if version == 1 {
        // Version 1: single years only, scenarios numbered by their place.
        (format!("s{}", index + 1), "year", get(o, "request"))
    } else {
        let id = text(o, "id", false, MAX_ID, entry, path)?;
        if !valid_id(&id) {
            return Err(skip(entry, "field", at(path, "id")));
        }
        let kind = match get(o, "kind") {
            Some(Value::String(k)) if k == "year" => "year",
            Some(Value::String(k)) if k == "plan" => "plan",
            _ => return Err(skip(entry, "field", at(path, "kind"))),
        };
        (id, kind, get(o, "input"))
    };
    let input_path = at(path, if version == 1 { "request" } else { "input" });
    let Some(input) = input else {
        return Err(skip(entry, "field", input_path));
    };
    // The same reader as calculate() and calculate_plan().
    let read = if kind == "year" {
        read(policy, input).map(Input::Year)
    } else {
        read_plan(policy, input).map(Input::Plan)
    };
    // Version 3: what it gave when saved. One that does not read is said, and the scenario kept.
    let stamp = match get(o, "stamp") {
        None => None,
        Some(v) => match read_stamp(v, entry, &at(path, "stamp")) {
            Ok(s) => Some(s),
            Err(mut s) => {
                s.scenario = Some(name.clone());
                dropped.push(s);
                None
            }
        },
    };
    match read {
        Ok(input) => Ok(Scenario {
            id,
            name,
            saved,
            kind,
            input,
            stamp,
            notes,
        }),
        Err(e) => Err(Skipped {
            entry: entry.to_string(),
            scenario: Some(name),
            code: "input",
            path: input_path,
            errors: Some(e),
        }),
    }
}

/// Reads a scenario as the element sends it (a `WorkspaceScenario`, like a stored one) for
/// [`stamp`] or [`drift`]; a refusal is a [`Skipped`] under the entry `scenario`.
pub fn read_one(policy: &Policy, v: &Value) -> Result<Scenario, Skipped> {
    let mut dropped = Vec::new();
    let s = read_scenario_noting(policy, VERSION, v, "scenario", "", 0, &mut dropped)?;
    match dropped.into_iter().next() {
        Some(d) => Err(d),
        None => Ok(s),
    }
}

/// What loading gives: the clients that read, and what was skipped.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Loaded {
    pub clients: Vec<Client>,
    pub skipped: Vec<Skipped>,
}

/// Reads a client the element wants to save: the same checks as a stored one.
pub fn read_new(policy: &Policy, v: &Value) -> Result<Client, Skipped> {
    let (client, skipped) = read_client(policy, VERSION, v, "client", "", From::Element)?;
    match skipped.into_iter().next() {
        Some(s) => Err(s),
        None => Ok(client),
    }
}

/// Loads every entry (`key`, its value, or `None` when its text is not JSON), in their order
/// (the element orders clients by name).
pub fn load(policy: &Policy, entries: Vec<(String, Option<Value>)>) -> Loaded {
    let mut out = Loaded::default();
    for (key, value) in entries {
        let Some(value) = value else {
            out.skipped.push(skip(&key, "json", ""));
            continue;
        };
        match read_entry(policy, &key, &value) {
            Ok((c, s)) => {
                out.clients.push(c);
                out.skipped.extend(s);
            }
            Err(s) => out.skipped.push(s),
        }
    }
    out
}

/// A text as a value, `None` when it is not JSON (for Rust users and the tests; the wasm parses
/// with the browser's `JSON.parse`).
pub fn parse(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

/// A stored text as a value, packed or plain JSON ([`unpack`]); `None` when it does not read.
pub fn parse_stored(text: &str) -> Option<Value> {
    unpack(text).and_then(|json| parse(&json))
}

/// [`load`] from the stored texts.
pub fn load_texts(policy: &Policy, entries: &[(&str, &str)]) -> Loaded {
    load(
        policy,
        entries.iter().map(|(k, t)| (k.to_string(), parse_stored(t))).collect(),
    )
}
