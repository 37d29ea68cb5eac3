//! An edit applied onto what is stored, by scenario id: the element sends the client as it had
//! it (`base`) and as it wants it (`next`); the engine re-reads the stored client and applies
//! only what differs between the two. A scenario saved meanwhile in another tab stays; an item
//! changed both here and elsewhere is a conflict (`code` "conflict"), never overwritten. Every
//! write adds one to the client's `revision`.

use super::stored::has_unsupported;
use super::{skip, Client, Kept, Scenario, Skipped, MAX_SCENARIOS};

const ENTRY: &str = "client";

fn conflict(path: impl Into<String>, scenario: Option<&str>) -> Skipped {
    let mut s = skip(ENTRY, "conflict", path);
    s.scenario = scenario.map(str::to_string);
    s
}

/// The client to store after applying `base` → `next` onto `stored` (`None`: remove the entry).
/// `next` `None` deletes the client, refused when it changed since `base`.
pub fn merge(stored: Option<&Client>, base: Option<&Client>, next: Option<&Client>) -> Result<Option<Client>, Skipped> {
    let Some(next) = next else {
        return match (stored, base) {
            (None, _) => Ok(None),
            (Some(s), Some(b)) if same_content(s, b) => Ok(None),
            _ => Err(conflict("", None)),
        };
    };
    let (stored, base) = match (stored, base) {
        // A new client.
        (None, None) => {
            let mut c = next.clone();
            c.revision = 1;
            return check(c);
        }
        // Deleted elsewhere since it was read here.
        (None, Some(_)) => return Err(conflict("", None)),
        (Some(s), None) => (s, &empty_like(s)),
        (Some(s), Some(b)) => (s, b),
    };
    let mut out = stored.clone();
    fields(&mut out, base, next)?;
    scenarios(&mut out, base, next)?;
    kept(&mut out, base, next);
    out.revision = stored.revision.saturating_add(1);
    check(out)
}

/// The same client apart from its revision.
fn same_content(a: &Client, b: &Client) -> bool {
    Client {
        revision: 0,
        ..a.clone()
    } == Client {
        revision: 0,
        ..b.clone()
    }
}

/// A base with nothing in it (the element did not have the client): every item of `next` is new.
fn empty_like(s: &Client) -> Client {
    Client {
        scenarios: Vec::new(),
        kept: Vec::new(),
        ..s.clone()
    }
}

fn check(c: Client) -> Result<Option<Client>, Skipped> {
    if c.scenarios.len() + c.kept.len() > MAX_SCENARIOS {
        return Err(skip(ENTRY, "too_many", "scenarios"));
    }
    if c.kept.iter().any(|k| has_unsupported(&k.value)) {
        return Err(skip(ENTRY, "kept", "scenarios"));
    }
    Ok(Some(c))
}

/// Each field changed between `base` and `next` is taken, unless it changed elsewhere too.
fn fields(out: &mut Client, base: &Client, next: &Client) -> Result<(), Skipped> {
    type Field = fn(&mut Client) -> &mut String;
    let all: [(&str, Field); 5] = [
        ("name", |c| &mut c.name),
        ("contact", |c| &mut c.contact),
        ("notes", |c| &mut c.notes),
        ("credit_code", |c| &mut c.credit_code),
        ("town", |c| &mut c.town),
    ];
    for (name, f) in all {
        let (b, n) = (f(&mut base.clone()).clone(), f(&mut next.clone()).clone());
        if b == n {
            continue;
        }
        let s = f(out);
        if *s != b && *s != n {
            return Err(conflict(name, None));
        }
        *s = n;
    }
    Ok(())
}

fn find<'a>(list: &'a [Scenario], id: &str) -> Option<&'a Scenario> {
    list.iter().find(|s| s.id == id)
}

/// Scenarios removed, changed or added between `base` and `next`, applied by id.
fn scenarios(out: &mut Client, base: &Client, next: &Client) -> Result<(), Skipped> {
    for b in &base.scenarios {
        if find(&next.scenarios, &b.id).is_some() {
            continue;
        }
        match find(&out.scenarios, &b.id) {
            Some(s) if s != b => return Err(conflict(format!("scenarios.{}", b.id), Some(&s.name))),
            _ => out.scenarios.retain(|s| s.id != b.id),
        }
    }
    for (i, n) in next.scenarios.iter().enumerate() {
        let was = find(&base.scenarios, &n.id);
        if was == Some(n) {
            continue;
        }
        let path = format!("scenarios.{}", n.id);
        match (out.scenarios.iter().position(|s| s.id == n.id), was) {
            (Some(at), _) if out.scenarios[at] == *n => {}
            (Some(at), Some(b)) if out.scenarios[at] == *b => out.scenarios[at] = n.clone(),
            (Some(at), _) => return Err(conflict(path, Some(&out.scenarios[at].name))),
            (None, Some(_)) => return Err(conflict(path, Some(&n.name))),
            (None, None) => {
                // Last in `next`: at the end (after what was added elsewhere); else after the
                // scenario it follows in `next` (a duplicate beside its original).
                let last = i + 1 == next.scenarios.len();
                let after = i
                    .checked_sub(1)
                    .filter(|_| !last)
                    .and_then(|p| out.scenarios.iter().position(|s| s.id == next.scenarios[p].id));
                let at = after.map_or(out.scenarios.len(), |a| a + 1);
                out.scenarios.insert(at, n.clone());
            }
        }
    }
    Ok(())
}

/// Kept scenarios are only ever removed by hand (in `base`, not in `next`) or added (an import).
fn kept(out: &mut Client, base: &Client, next: &Client) {
    let has = |list: &[Kept], k: &Kept| list.iter().any(|x| x.value == k.value);
    for b in &base.kept {
        if !has(&next.kept, b) {
            out.kept.retain(|x| x.value != b.value);
        }
    }
    for n in &next.kept {
        if !has(&base.kept, n) && !has(&out.kept, n) {
            out.kept.push(n.clone());
        }
    }
}
