//! The stored form of a client (version 4) and of the export file: a client's scenarios that do
//! not read are written back verbatim after those that do; the 统一社会信用代码's check.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{Client, Kept, Scenario, CLIENT_FORMAT, FILE_FORMAT, VERSION};
use crate::value::Value;

/// A [`Value`] as JSON (a value the boundary could not read is written as its marker, which a
/// save refuses first: see [`has_unsupported`]).
pub(crate) fn serialize_value<S: Serializer>(v: &Value, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Value::Null => s.serialize_unit(),
        Value::Bool(b) => s.serialize_bool(*b),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => s.serialize_i64(*n as i64),
        Value::Number(n) => s.serialize_f64(*n),
        Value::String(t) => s.serialize_str(t),
        Value::Array(items) => {
            let mut seq = s.serialize_seq(Some(items.len()))?;
            for i in items {
                seq.serialize_element(&Raw(i))?;
            }
            seq.end()
        }
        Value::Object(pairs) => {
            let mut map = s.serialize_map(Some(pairs.len()))?;
            for (k, v) in pairs {
                map.serialize_entry(k, &Raw(v))?;
            }
            map.end()
        }
        Value::Unsupported(_) => {
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry("\u{0}", "unreadable")?;
            map.end()
        }
    }
}

struct Raw<'a>(&'a Value);

impl Serialize for Raw<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_value(self.0, s)
    }
}

/// Whether a value holds something the boundary did not read (a string or list past its limits):
/// such a kept scenario could not be written back as it was.
pub(crate) fn has_unsupported(v: &Value) -> bool {
    match v {
        Value::Unsupported(_) => true,
        Value::Array(items) => items.iter().any(has_unsupported),
        Value::Object(pairs) => pairs.iter().any(|(_, v)| has_unsupported(v)),
        _ => false,
    }
}

/// A scenario as stored: one that reads, or one kept as it was.
enum Item<'a> {
    Read(&'a Scenario),
    Kept(&'a Kept),
}

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Item::Read(sc) => sc.serialize(s),
            Item::Kept(k) => serialize_value(&k.value, s),
        }
    }
}

/// A client as stored: `kept` inline in `scenarios`, after the others.
struct StoredClient<'a>(&'a Client);

impl Serialize for StoredClient<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let items: Vec<Item> = c
            .scenarios
            .iter()
            .map(Item::Read)
            .chain(c.kept.iter().map(Item::Kept))
            .collect();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &c.id)?;
        map.serialize_entry("name", &c.name)?;
        map.serialize_entry("contact", &c.contact)?;
        map.serialize_entry("notes", &c.notes)?;
        map.serialize_entry("credit_code", &c.credit_code)?;
        map.serialize_entry("town", &c.town)?;
        map.serialize_entry("revision", &c.revision)?;
        map.serialize_entry("scenarios", &items)?;
        map.end()
    }
}

#[derive(Serialize)]
struct Entry<'a> {
    format: &'static str,
    version: u32,
    client: StoredClient<'a>,
}

#[derive(Serialize)]
struct File<'a> {
    format: &'static str,
    version: u32,
    exported: &'a str,
    clients: Vec<StoredClient<'a>>,
}

/// The stored text of a client.
pub fn entry_json(client: &Client) -> String {
    let e = Entry {
        format: CLIENT_FORMAT,
        version: VERSION,
        client: StoredClient(client),
    };
    serde_json::to_string(&e).unwrap_or_default()
}

/// The export file of all clients (compact; the element indents it), kept scenarios included.
pub fn file_json(clients: &[Client], exported: &str) -> String {
    let f = File {
        format: FILE_FORMAT,
        version: VERSION,
        exported,
        clients: clients.iter().map(StoredClient).collect(),
    };
    serde_json::to_string(&f).unwrap_or_default()
}

/// The characters of a 统一社会信用代码 (GB 32100-2015: digits and capitals without I O S V Z).
const CODE_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Whether `code` is a 统一社会信用代码: 18 of [`CODE_CHARS`], the last the check character of the
/// first 17 (weights 3^i mod 31).
pub fn valid_credit_code(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() != 18 {
        return false;
    }
    let Some(values): Option<Vec<usize>> = b.iter().map(|c| CODE_CHARS.iter().position(|x| x == c)).collect() else {
        return false;
    };
    let mut weight = 1;
    let mut sum = 0;
    for v in &values[..17] {
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    (31 - sum % 31) % 31 == values[17]
}
