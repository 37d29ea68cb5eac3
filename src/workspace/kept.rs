//! Scenarios that do not read, kept verbatim: as read from storage or a file, and as the element
//! sends them back.

use super::{at, get, items, object, read_scenario, skip, Client, Kept, Obj, Skipped, MAX_NAME, VERSION};
use crate::policy::Policy;
use crate::value::Value;

/// The kept scenarios the element sends back as it got them (`kept`: `{ value, … }`).
pub(super) fn read_kept_sent(
    policy: &Policy,
    o: &Obj,
    entry: &str,
    path: &str,
    client: &mut Client,
) -> Result<(), Skipped> {
    let kpath = at(path, "kept");
    for (i, item) in items(o, "kept", entry, &kpath)?.iter().enumerate() {
        let p = format!("{kpath}[{i}]");
        let o = object(item, entry, &p, &["id", "name", "value", "problem"])?;
        let value = get(o, "value").ok_or_else(|| skip(entry, "field", at(&p, "value")))?;
        let problem = match read_scenario(policy, VERSION, value, entry, &at(&p, "value"), i) {
            Err(s) => s,
            Ok(_) => skip(entry, "kept", at(&p, "value")),
        };
        client.kept.push(kept(value, problem));
    }
    Ok(())
}

/// A scenario that does not read, kept as it is, with its id and name when they read.
pub(super) fn kept(value: &Value, problem: Skipped) -> Kept {
    let field = |k: &str| match value {
        Value::Object(o) => match get(o, k) {
            Some(Value::String(s)) => Some(s.chars().take(MAX_NAME).collect()),
            _ => None,
        },
        _ => None,
    };
    Kept {
        id: field("id"),
        name: field("name"),
        value: value.clone(),
        problem,
    }
}
