//! A policy file written as an update of another: what a policy update changes, and nothing
//! else, so that a fixture (the rehearsal's final text) stays in step with the real file.
//!
//! A file with a top-level `base = "policy/…toml"` is an overlay. It is merged onto its base,
//! key by key:
//! - a table merges into the table of the same name;
//! - an array of tables merges entry by entry, each matched by its key (`id`, `code`,
//!   `short_zh` or `category`, the first the entry has); an entry with no match is added at the
//!   end; an entry with `remove = true` removes its match;
//! - a key set to `"__remove__"` removes that key;
//! - anything else (a string, a number, a list of strings) replaces the base's value.
//!
//! The merged file is then read, checked and emitted as any policy file; its text (what the
//! fingerprint is taken of) is the merge written back as TOML.

use toml::{Table, Value};

/// The key that matches an entry of an array of tables with the base's.
const MATCH_KEYS: [&str; 4] = ["id", "code", "short_zh", "category"];
/// A key's value that removes it.
pub const REMOVE: &str = "__remove__";

/// The policy text `text` (read from `path`) stands for: itself, or, for an overlay, its merge
/// onto its base (read through `read`, by its path from the repository root).
pub fn resolve(text: &str, read: impl Fn(&str) -> Result<String, String>) -> Result<String, String> {
    let overlay: Table = match toml::from_str(text) {
        Ok(t) => t,
        // Not TOML: the schema reports it with its line.
        Err(_) => return Ok(text.to_string()),
    };
    let Some(base) = overlay.get("base").and_then(Value::as_str) else {
        return Ok(text.to_string());
    };
    let base_text = read(base)?;
    let mut merged: Table = toml::from_str(&base_text).map_err(|e| format!("{base}: {e}"))?;
    let mut overlay = overlay;
    overlay.remove("base");
    merge_table(&mut merged, overlay, "")?;
    toml::to_string(&merged).map_err(|e| format!("the merged policy: {e}"))
}

fn merge_table(base: &mut Table, over: Table, path: &str) -> Result<(), String> {
    for (k, v) in over {
        let at = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        if v.as_str() == Some(REMOVE) {
            base.remove(&k);
            continue;
        }
        match (base.get_mut(&k), v) {
            (Some(Value::Table(b)), Value::Table(o)) => merge_table(b, o, &at)?,
            (Some(Value::Array(b)), Value::Array(o)) if is_tables(b) && is_tables(&o) => merge_entries(b, o, &at)?,
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
    Ok(())
}

fn is_tables(a: &[Value]) -> bool {
    !a.is_empty() && a.iter().all(Value::is_table)
}

/// The key an entry is matched by, and its value.
fn match_key(t: &Table) -> Option<(&'static str, &str)> {
    MATCH_KEYS
        .iter()
        .find_map(|k| t.get(*k).and_then(Value::as_str).map(|v| (*k, v)))
}

fn merge_entries(base: &mut Vec<Value>, over: Vec<Value>, path: &str) -> Result<(), String> {
    for entry in over {
        let Value::Table(mut o) = entry else {
            return Err(format!("{path}: an entry that is not a table"));
        };
        let (key, id) = match match_key(&o) {
            Some((k, v)) => (k, v.to_string()),
            None => {
                base.push(Value::Table(o));
                continue;
            }
        };
        let remove = o.remove("remove").and_then(|r| r.as_bool()) == Some(true);
        let at = base
            .iter()
            .position(|b| b.as_table().and_then(|t| t.get(key)).and_then(Value::as_str) == Some(id.as_str()));
        match (at, remove) {
            (Some(i), true) => {
                base.remove(i);
            }
            (None, true) => return Err(format!("{path}: no entry with {key} = {id:?} to remove")),
            (Some(i), false) => {
                if let Value::Table(b) = &mut base[i] {
                    merge_table(b, o, &format!("{path}[{key} = {id:?}]"))?;
                }
            }
            (None, false) => base.push(Value::Table(o)),
        }
    }
    Ok(())
}
