//! What a policy update must revisit, as a checklist: `make policy-check` (against `BASE`, by
//! default the last commit) or
//! `cargo run --example policy_check -- OLD.toml NEW.toml [DOC …]`.
//!
//! A clause (measure) has changed when its text, its summary or any of its categories differs
//! (a figure, a quote, a condition, a period, a reading). For each changed clause it lists every
//! quote, reading, requirement, material, promise, overlap and summary that rests on it, so
//! that each is read again against the new text; and every line of the docs that quotes one of
//! the old figures (a cap, a rate, a threshold), so that none is left stale. The document's own
//! facts (status, dates, notices) are listed when they change.
//!
//! It reads the files as plain TOML (no build): the lists come from the data, never from here.

use std::collections::BTreeSet;
use std::{env, fs, process};

use toml::Value;

/// One thing to revisit: where it is and what it says.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Item {
    pub place: String,
    pub text: String,
}

/// The checklist: the changed clauses, what rests on them, and the docs' stale figures.
#[derive(Debug, Default)]
pub struct Report {
    pub measures: Vec<String>,
    pub data: Vec<Item>,
    pub docs: Vec<Item>,
}

fn table<'a>(v: &'a Value, key: &str) -> Vec<&'a Value> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn by_id<'a>(list: &[&'a Value], id: &str) -> Option<&'a Value> {
    list.iter().copied().find(|v| str_of(v, "id") == id)
}

/// The figures of a category as people write them in prose: its cap (100000, 100,000,
/// ¥100,000.00, 10 万), its rate as a percentage, each threshold with its unit.
fn figures(cat: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Ok(cap) = str_of(cat, "cap").parse::<u64>() {
        let grouped = group(cap);
        out.insert(format!("¥{grouped}.00"));
        out.insert(grouped);
        if cap >= 10_000 && cap.is_multiple_of(1_000) {
            let wan = cap as f64 / 10_000.0;
            out.insert(format!("{wan} 万"));
            out.insert(format!("{wan}万"));
        }
    }
    if let Some(rate) = cat
        .get("rate")
        .and_then(Value::as_str)
        .and_then(|r| r.parse::<f64>().ok())
    {
        if rate < 1.0 {
            out.insert(format!("{}%", (rate * 100.0).round()));
        }
    }
    for k in table(cat, "condition") {
        if let Some(min) = k.get("min").and_then(Value::as_integer) {
            out.insert(format!("{min} 个月"));
            out.insert(format!("{min} months"));
            out.insert(format!("满 {min}"));
            out.insert(format!("≥ {min}"));
        }
    }
    out
}

fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The checklist of an update from `old` to `new` (policy files as text); `docs` are
/// (path, text) pairs to search for the old figures.
pub fn report(old: &str, new: &str, docs: &[(String, String)]) -> Result<Report, String> {
    let (old, new): (Value, Value) = (
        toml::from_str(old).map_err(|e| format!("the old file: {e}"))?,
        toml::from_str(new).map_err(|e| format!("the new file: {e}"))?,
    );
    let (old_cats, new_cats) = (table(&old, "category"), table(&new, "category"));
    let (old_measures, new_measures) = (table(&old, "measure"), table(&new, "measure"));
    let mut changed: BTreeSet<String> = BTreeSet::new();
    for m in &new_measures {
        let id = str_of(m, "id");
        if by_id(&old_measures, id) != Some(m) {
            changed.insert(id.to_string());
        }
    }
    let mut figures_gone = BTreeSet::new();
    for c in old_cats.iter().chain(&new_cats) {
        let id = str_of(c, "id");
        let (was, is) = (by_id(&old_cats, id), by_id(&new_cats, id));
        if was != is {
            changed.insert(str_of(c, "measure").to_string());
            if let Some(was) = was {
                let now = is.map(figures).unwrap_or_default();
                figures_gone.extend(figures(was).difference(&now).cloned());
            }
        }
    }
    let mut r = Report {
        measures: changed.iter().cloned().collect(),
        ..Report::default()
    };
    let mut add = |place: String, text: &str| {
        if !text.is_empty() {
            r.data.push(Item {
                place,
                text: text.to_string(),
            });
        }
    };
    let doc = new.get("document").cloned().unwrap_or(Value::Boolean(false));
    if old.get("document") != new.get("document") {
        for key in [
            "status",
            "valid_from",
            "valid_until",
            "valid_source",
            "detailed_rules_source",
        ] {
            add(format!("[document] {key}"), str_of(&doc, key));
        }
        for n in table(&doc, "notice") {
            add(format!("[[document.notice]] {}", str_of(n, "code")), str_of(n, "zh"));
        }
    }
    let cats_of: Vec<&Value> = new_cats
        .iter()
        .copied()
        .filter(|c| changed.contains(str_of(c, "measure")))
        .collect();
    for m in new_measures.iter().filter(|m| changed.contains(str_of(m, "id"))) {
        let id = str_of(m, "id");
        add(format!("[[measure]] {id} text"), str_of(m, "text"));
        add(format!("[[measure]] {id} summary_en"), str_of(m, "summary_en"));
    }
    let periods = table(&new, "cap_period");
    let groups = table(&new, "exclusive_group");
    for c in &cats_of {
        let id = str_of(c, "id");
        for key in ["rate_source", "cap_source", "assumption_zh", "hint_zh"] {
            add(format!("[[category]] {id} {key}"), str_of(c, key));
        }
        for k in table(c, "condition") {
            add(
                format!("[[category.condition]] {id}.{} source", str_of(k, "id")),
                str_of(k, "source"),
            );
        }
        for x in table(c, "citation") {
            add(
                format!("[[category.citation]] {id} {}", str_of(x, "clause")),
                str_of(x, "text"),
            );
        }
        if let Some(rd) = c.get("reading") {
            add(format!("[category.reading] {id}"), str_of(rd, "zh"));
        }
        if let Some(rd) = by_id(&periods, str_of(c, "cap_period")).and_then(|p| p.get("reading")) {
            add(
                format!("[cap_period.reading] {} (for {id})", str_of(c, "cap_period")),
                str_of(rd, "zh"),
            );
        }
        if let Some(rd) = c
            .get("exclusive_group")
            .and_then(Value::as_str)
            .and_then(|g| by_id(&groups, g))
            .and_then(|g| g.get("reading"))
        {
            add(format!("[exclusive_group.reading] (for {id})"), str_of(rd, "zh"));
        }
        for x in table(&new, "requirement")
            .iter()
            .filter(|x| str_of(x, "category") == id)
        {
            add(format!("[[requirement]] {id}"), str_of(x, "zh"));
        }
        for x in table(&new, "material").iter().filter(|x| str_of(x, "category") == id) {
            add(format!("[[material]] {id}"), str_of(x, "zh"));
        }
        let overlaps = table(&new, "overlap");
        for x in overlaps
            .iter()
            .filter(|x| table(x, "categories").iter().any(|c| c.as_str() == Some(id)))
        {
            add(format!("[[overlap]] {}", str_of(x, "id")), str_of(x, "zh"));
        }
    }
    for x in table(&new, "promise")
        .iter()
        .filter(|x| changed.contains(str_of(x, "measure")))
    {
        add(format!("[[promise]] {}", str_of(x, "id")), str_of(x, "zh"));
    }
    for (path, text) in docs {
        for (n, line) in text.lines().enumerate() {
            if let Some(f) = figures_gone.iter().find(|f| line.contains(f.as_str())) {
                r.docs.push(Item {
                    place: format!("{path}:{} ({f})", n + 1),
                    text: line.trim().chars().take(160).collect(),
                });
            }
        }
    }
    Ok(r)
}

/// The report as a Markdown checklist.
pub fn markdown(r: &Report) -> String {
    let mut out = String::from("# Policy update checklist\n\n");
    if r.measures.is_empty() && r.data.is_empty() {
        out.push_str("No clause changed.\n");
        return out;
    }
    out.push_str(&format!("Changed clauses (measures): {}\n\n", r.measures.join(", ")));
    out.push_str("## Read again against the new text\n\n");
    for i in &r.data {
        out.push_str(&format!("- [ ] {}: {}\n", i.place, i.text));
    }
    out.push_str("\n## Docs and tests that quote an old figure\n\n");
    if r.docs.is_empty() {
        out.push_str("None.\n");
    }
    for i in &r.docs {
        out.push_str(&format!("- [ ] {}: {}\n", i.place, i.text));
    }
    out.push_str(
        "\nThen the scenario tables the failures of `make test` name (tests/scenarios/), and `document.version`.\n",
    );
    out
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: policy_check OLD.toml NEW.toml [DOC …]");
        process::exit(2);
    }
    let read = |p: &str| fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let docs: Vec<(String, String)> = args[2..].iter().map(|p| (p.clone(), read(p))).collect();
    match report(&read(&args[0]), &read(&args[1]), &docs) {
        Ok(r) => print!("{}", markdown(&r)),
        Err(e) => {
            eprintln!("policy_check: {e}");
            process::exit(1);
        }
    }
}
