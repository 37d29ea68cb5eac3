//! The export file, read client by client: the envelope (`format`, `version`, `exported`) apart
//! from the clients, each client a value of its own. The boundary's limit on the values one call
//! reads applies to a client, not to the file, so a backup restores at any size the device holds.
//! A file whose words carry U+FFFD (text decoded from another encoding) is refused.

use super::{get, object, read_client, skip, version, Client, From, Skipped, FILE_FORMAT, MAX_CLIENTS};
use crate::policy::Policy;
use crate::value::Value;

/// Reads an export file: every client, each checked like a stored entry.
pub fn read_file(policy: &Policy, v: &Value) -> Result<(Vec<Client>, Vec<Skipped>), Skipped> {
    let Value::Object(o) = v else {
        return Err(skip("file", "field", ""));
    };
    let head: Vec<(String, Value)> = o.iter().filter(|(k, _)| k != "clients").cloned().collect();
    let items = match get(o, "clients") {
        Some(Value::Array(items)) => Some(items.clone()),
        Some(_) => return Err(skip("file", "field", "clients")),
        None => None,
    };
    read_file_parts(policy, &Value::Object(head), items)
}

/// Reads an export file given as its envelope without `clients` and, apart, each client (`None`
/// when the file has no `clients` list).
pub fn read_file_parts(
    policy: &Policy,
    head: &Value,
    items: Option<Vec<Value>>,
) -> Result<(Vec<Client>, Vec<Skipped>), Skipped> {
    let o = object(head, "file", "", &["format", "version", "exported"])?;
    let version = version(o, FILE_FORMAT, "file")?;
    let Some(items) = items else {
        return Err(skip("file", "field", "clients"));
    };
    if items.len() > MAX_CLIENTS {
        return Err(skip("file", "too_many", "clients"));
    }
    let mut clients: Vec<Client> = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let entry = format!("clients[{i}]");
        if let Some(path) = replacement_at(item, &entry) {
            return Err(skip("file", "encoding", path));
        }
        match read_client(policy, version, item, &entry, &entry, From::Stored) {
            Ok((c, s)) if clients.iter().any(|d| d.id == c.id) => {
                skipped.extend(s);
                skipped.push(skip(&entry, "duplicate", format!("{entry}.id")));
            }
            Ok((c, s)) => {
                clients.push(c);
                skipped.extend(s);
            }
            Err(s) => skipped.push(s),
        }
    }
    Ok((clients, skipped))
}

/// The path of the first string holding U+FFFD (the mark a decoder leaves where bytes were not
/// UTF-8): such a file was read in another encoding and its names would be mojibake.
fn replacement_at(v: &Value, path: &str) -> Option<String> {
    match v {
        Value::String(s) if s.contains('\u{FFFD}') => Some(path.to_string()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| replacement_at(x, &format!("{path}[{i}]"))),
        Value::Object(pairs) => pairs
            .iter()
            .find_map(|(k, x)| replacement_at(x, &format!("{path}.{k}"))),
        _ => None,
    }
}
