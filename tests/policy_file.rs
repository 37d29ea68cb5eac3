//! The build script refuses a bad policy file, naming the line: each test
//! breaks a copy of the policy file the crate is built with in one place and
//! runs the build's own schema and checks (`build/schema.rs`, `build/checks.rs`)
//! on it. The last tests run the emitters too.
//!
//! What a test breaks is found by the file's structure (the first category's
//! `id` line, the first condition with a `min`, a category with `rate_up_to`…),
//! never by the plan's values, so a policy update changes none of these tests;
//! a test whose structure the policy lacks says so and skips.
#![cfg(not(target_arch = "wasm32"))]

use std::ops::Range;
use std::sync::OnceLock;

#[allow(dead_code)]
#[path = "../build/schema.rs"]
mod schema;

#[path = "../build/checks.rs"]
mod checks;

#[path = "../build/emit_json.rs"]
mod emit_json;
#[path = "../build/emit_rust.rs"]
mod emit_rust;
#[path = "../build/fingerprint.rs"]
mod fingerprint;
#[path = "../build/model.rs"]
mod model;
#[path = "../build/overlay.rs"]
mod overlay;
#[allow(dead_code)]
#[path = "../src/policy/types.rs"]
mod types;

/// The policy file the crate is built with: the one place these tests choose it, as
/// build/main.rs chooses it for the build (the plan, or the file `PINGHU_POLICY` names; the
/// build passes its absolute path). The fingerprint test checks that the two agree.
fn built_path() -> &'static str {
    env!("PINGHU_POLICY_FILE")
}

/// The policy text the build read: that file, or for an overlay (`base = …`, the rehearsal's) its
/// merge onto its base (build/overlay.rs).
fn built() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let read = |p: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p);
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let text = read(built_path()).unwrap_or_else(|e| panic!("{e}"));
        overlay::resolve(&text, read).unwrap_or_else(|e| panic!("{}: {e}", built_path()))
    })
}

/// A test the policy gives nothing to break for: it says why, and passes.
fn skip(why: &str) {
    eprintln!("skipped: {why}");
}

// ------------------------------------------------------------------ the file's structure

/// A table of a TOML text: its header (`[[category]]`, `[document]`) and its bytes, from its
/// header line to the next header.
#[derive(Clone, Debug)]
struct Table {
    header: String,
    at: Range<usize>,
}

/// A policy file's text, read as tables and `key = value` lines (each table and line in the
/// file's order), to find what to break by structure.
struct File<'a> {
    text: &'a str,
    tables: Vec<Table>,
}

impl<'a> File<'a> {
    fn of(text: &'a str) -> Self {
        let mut tables: Vec<Table> = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let l = line.trim_end();
            let name = l.trim_start_matches('[').trim_end_matches(']');
            let header = l.starts_with('[')
                && l.ends_with(']')
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
            if header {
                if let Some(last) = tables.last_mut() {
                    last.at.end = pos;
                }
                tables.push(Table {
                    header: l.to_string(),
                    at: pos..text.len(),
                });
            }
            pos += line.len();
        }
        File { text, tables }
    }

    /// The tables headed `header` (`"[[category]]"`), in order.
    fn all(&self, header: &str) -> Vec<&Table> {
        self.tables.iter().filter(|t| t.header == header).collect()
    }

    /// The first table headed `header`; the file must have one.
    fn first(&self, header: &str) -> &Table {
        self.all(header)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("the policy file has no {header}"))
    }

    /// The line `key = …` of `t` (its bytes, without the newline) and its value.
    fn entry(&self, t: &Table, key: &str) -> Option<(Range<usize>, toml::Value)> {
        let mut pos = t.at.start;
        for line in self.text[t.at.clone()].split_inclusive('\n') {
            let l = line.trim_end_matches('\n');
            if let Some(rest) = l.strip_prefix(key) {
                if rest.trim_start().starts_with('=') {
                    let table: toml::Table = toml::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"));
                    return Some((pos..pos + l.len(), table[key].clone()));
                }
            }
            pos += line.len();
        }
        None
    }

    /// The bytes of `key`'s line in `t`, which must have it.
    fn line(&self, t: &Table, key: &str) -> Range<usize> {
        self.entry(t, key)
            .unwrap_or_else(|| panic!("{} at line {} has no {key}", t.header, self.line_no(t.at.start)))
            .0
    }

    fn get(&self, t: &Table, key: &str) -> Option<toml::Value> {
        self.entry(t, key).map(|(_, v)| v)
    }

    /// `key`'s value in `t` as text (a string, or a number or bool written out).
    fn str(&self, t: &Table, key: &str) -> String {
        match self.get(t, key) {
            Some(toml::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => panic!("{} at line {} has no {key}", t.header, self.line_no(t.at.start)),
        }
    }

    fn is(&self, t: &Table, key: &str, value: impl Into<toml::Value>) -> bool {
        self.get(t, key) == Some(value.into())
    }

    /// The line (from 1) where byte `at` stands.
    fn line_no(&self, at: usize) -> usize {
        line_at(self.text, at)
    }

    /// The tables under a category (its conditions, citations, reading), in order.
    fn parts(&self, category: &Table) -> Vec<&Table> {
        let i = self.tables.iter().position(|t| t.at == category.at).unwrap();
        self.tables[i + 1..]
            .iter()
            .take_while(|t| t.header.starts_with("[category.") || t.header.starts_with("[[category."))
            .collect()
    }

    /// The conditions of every category, in order.
    fn conditions(&self) -> Vec<&Table> {
        self.all("[[category.condition]]")
    }

    /// Where `t` stands among the tables of its header (from 0).
    fn nth(&self, t: &Table) -> usize {
        self.all(&t.header).iter().position(|x| x.at == t.at).unwrap()
    }

    /// The line (from 1) of `key` in the table of `text` that stands where `t` stands here: for a
    /// text edited inside `t`, where a line before `key` may have gone or come.
    fn line_in(&self, text: &str, t: &Table, key: &str) -> usize {
        let edited = File::of(text);
        let there = edited.all(&t.header)[self.nth(t)];
        edited.line_no(edited.line(there, key).start)
    }

    /// Every id of the tables headed `header`.
    fn ids(&self, header: &str) -> Vec<String> {
        self.all(header).iter().map(|t| self.str(t, "id")).collect()
    }
}

/// The line (from 1) where byte `at` stands in `text`.
fn line_at(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// `text` with each range replaced by its text (the ranges are of `text` and do not overlap).
fn edit(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|(at, _)| std::cmp::Reverse(at.start));
    let mut out = text.to_string();
    for (at, new) in edits {
        out.replace_range(at, &new);
    }
    out
}

/// The built file with byte range `at` replaced by `new`.
fn edited(at: Range<usize>, new: impl Into<String>) -> String {
    edit(built(), &[(at, new.into())])
}

/// The built file with `new` inserted as a line after the line that ends at `at`.
fn inserted_after(at: &Range<usize>, new: &str) -> String {
    edited(at.end..at.end, format!("\n{new}"))
}

/// The built file without the line `at` (and its newline).
fn without(at: &Range<usize>) -> String {
    edited(at.start..at.end + 1, "")
}

/// An id none of `ids` is: `stem`, or `stem` with a number.
fn unused(ids: &[String], stem: &str) -> String {
    (1..)
        .map(|n| if n == 1 { stem.to_string() } else { format!("{stem}{n}") })
        .find(|s| !ids.contains(s))
        .unwrap()
}

// ------------------------------------------------------------------ what the build says

/// What the build would say about `text`: the parse error, or every problem the checks find.
fn problems(text: &str) -> Vec<String> {
    match schema::parse(text) {
        Err(e) => vec![e],
        Ok(file) => checks::check(&file, text),
    }
}

/// The one problem of `text`, which must be a parse error at `line`.
fn parse_error_at(text: &str, line: usize) -> String {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].contains(&format!("line {line}, column")),
        "expected line {line}: {}",
        p[0]
    );
    p.into_iter().next().unwrap()
}

/// The one problem of `text`, which must be a check at `line` saying `what`.
fn check_at(text: &str, line: usize, what: &str) {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(p[0].starts_with(&format!("{line}:")), "expected line {line}: {}", p[0]);
    assert!(p[0].contains(what), "expected {what:?}: {}", p[0]);
}

// ------------------------------------------------------------------ the tests

#[test]
fn the_policy_file_passes() {
    assert_eq!(problems(built()), Vec::<String>::new());
}

#[test]
fn an_unknown_key_is_refused_at_its_line() {
    let f = File::of(built());
    let id = f.line(f.first("[[category]]"), "id");
    let text = inserted_after(&id, "colour = \"red\"");
    let e = parse_error_at(&text, f.line_no(id.start) + 1);
    assert!(e.contains("unknown field `colour`"), "{e}");
}

#[test]
fn a_misspelt_key_in_a_condition_is_refused() {
    let f = File::of(built());
    let Some(min) = f.conditions().iter().find_map(|k| f.entry(k, "min")) else {
        return skip("no condition of this policy has a min");
    };
    let text = edited(min.0.start..min.0.start + "min".len(), "minimum");
    let e = parse_error_at(&text, f.line_no(min.0.start));
    assert!(e.contains("unknown field `minimum`"), "{e}");
}

#[test]
fn a_wrong_type_is_refused_at_its_line() {
    let f = File::of(built());
    let cat = f.first("[[category]]");
    let cap = f.str(cat, "cap");
    let whole = cap.split('.').next().unwrap();
    let at = f.line(cat, "cap");
    let text = edited(at.clone(), format!("cap = {whole}"));
    let e = parse_error_at(&text, f.line_no(at.start));
    assert!(e.contains("invalid type: integer"), "{e}");
}

#[test]
fn a_missing_key_is_refused_in_its_table() {
    let f = File::of(built());
    let cat = f.first("[[category]]");
    let text = without(&f.line(cat, "cap_source"));
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(p[0].contains("missing field `cap_source`"), "{}", p[0]);
    // toml points at the table's header.
    let header = f.line_no(cat.at.start);
    assert!(
        p[0].contains(&format!("line {header}, column 1")),
        "expected line {header}: {}",
        p[0]
    );
}

#[test]
fn a_malformed_decimal_is_refused_at_its_line() {
    let f = File::of(built());
    let Some(rate) = f.all("[[category]]").iter().find_map(|c| f.entry(c, "rate")) else {
        return skip("no category of this policy has a rate");
    };
    for bad in ["0,5", "-0.5", "1e3", ".5", "5.", "1_000", ""] {
        let text = edited(rate.0.clone(), format!("rate = {bad:?}"));
        let e = parse_error_at(&text, f.line_no(rate.0.start));
        assert!(e.contains("is not a non-negative decimal"), "{bad}: {e}");
    }
}

#[test]
fn a_cap_with_more_than_two_decimals_is_refused() {
    let f = File::of(built());
    let cat = f.first("[[category]]");
    let whole = f.str(cat, "cap").split('.').next().unwrap().to_string();
    let at = f.line(cat, "cap");
    let text = edited(at.clone(), format!("cap = \"{whole}.005\""));
    let e = parse_error_at(&text, f.line_no(at.start));
    assert!(e.contains("more than two decimals"), "{e}");
    // Trailing zeros do not count.
    assert_eq!(
        problems(&edited(at, format!("cap = \"{whole}.500\""))),
        Vec::<String>::new()
    );
}

#[test]
fn an_unknown_kind_or_condition_type_is_refused() {
    let f = File::of(built());
    let kind = f.line(f.first("[[category]]"), "kind");
    let text = edited(kind.clone(), "kind = \"grant\"");
    let e = parse_error_at(&text, f.line_no(kind.start));
    assert!(e.contains("unknown variant `grant`"), "{e}");
    let Some(k) = f.conditions().first().copied() else {
        return skip("no category of this policy has a condition (its type is not broken)");
    };
    let ty = f.line(k, "type");
    let text = edited(ty.clone(), "type = \"weeks\"");
    let e = parse_error_at(&text, f.line_no(ty.start));
    assert!(e.contains("unknown variant `weeks`"), "{e}");
}

#[test]
fn a_malformed_date_is_refused() {
    let f = File::of(built());
    let doc = f.first("[document]");
    let year = f.str(doc, "first_year");
    let from = f.line(doc, "valid_from");
    let text = edited(from.clone(), format!("valid_from = \"{year}-13\""));
    let e = parse_error_at(&text, f.line_no(from.start));
    assert!(e.contains("is not a month"), "{e}");
    let year = f.str(doc, "last_year");
    let until = f.line(doc, "valid_until");
    let text = edited(until.clone(), format!("valid_until = \"31.12.{year}\""));
    parse_error_at(&text, f.line_no(until.start));
}

#[test]
fn a_category_pointing_at_a_missing_measure_applicant_or_cap_period_is_refused() {
    let f = File::of(built());
    let cat = f.first("[[category]]");
    let id = f.str(cat, "id");
    for (key, header, what) in [
        ("measure", "[[measure]]", "a [[measure]]"),
        ("applicant", "[[applicant]]", "an [[applicant]]"),
        ("cap_period", "[[cap_period]]", "a [[cap_period]]"),
    ] {
        let missing = unused(&f.ids(header), "missing");
        let at = f.line(cat, key);
        let text = edited(at.clone(), format!("{key} = \"{missing}\""));
        check_at(
            &text,
            f.line_no(at.start),
            &format!("category {id}: {key} \"{missing}\" is not {what}"),
        );
    }
}

#[test]
fn duplicate_ids_are_refused_with_both_places() {
    let f = File::of(built());
    let cats = f.all("[[category]]");
    let first = f.str(cats[0], "id");
    // A later category that nothing else names (no table under it, no overlap); its
    // requirement goes with it.
    let named = |id: &str| {
        f.all("[[overlap]]").iter().any(|o| {
            f.get(o, "categories")
                .is_some_and(|c| c.as_array().unwrap().iter().any(|x| x.as_str() == Some(id)))
        })
    };
    let Some(other) = cats[1..]
        .iter()
        .find(|c| f.parts(c).is_empty() && !named(&f.str(c, "id")))
    else {
        return skip("no second category of this policy stands alone, to be renamed as the first");
    };
    let other_id = f.str(other, "id");
    let mut edits = vec![(f.line(other, "id"), format!("id = \"{first}\""))];
    if let Some(r) = f
        .all("[[requirement]]")
        .into_iter()
        .find(|r| f.str(r, "category") == other_id)
    {
        edits.push((r.at.clone(), String::new()));
    }
    let text = edit(built(), &edits);
    let (one, two) = (
        f.line_no(f.line(cats[0], "id").start),
        f.line_no(f.line(other, "id").start),
    );
    check_at(&text, two, &format!("duplicate category \"{first}\" (first at {one}:"));

    let period = f.str(f.first("[[cap_period]]"), "id");
    let again =
        format!("[[cap_period]]\nid = \"{period}\"\nlabel_zh = \"又\"\nlabel_en = \"again\"\nscope = \"plan\"\n\n");
    let measure = f.first("[[measure]]").at.start;
    let text = edited(measure..measure, again);
    check_at(
        &text,
        f.line_no(measure) + 1,
        &format!("duplicate cap_period \"{period}\" (first at "),
    );

    // A category's second condition renamed as its first.
    let Some(cat) = cats.iter().find(|c| {
        f.parts(c)
            .iter()
            .filter(|t| t.header == "[[category.condition]]")
            .count()
            >= 2
    }) else {
        return skip("no category of this policy has two conditions (a duplicate condition is not made)");
    };
    let ks: Vec<&Table> = f
        .parts(cat)
        .into_iter()
        .filter(|t| t.header == "[[category.condition]]")
        .collect();
    let k1 = f.str(ks[0], "id");
    let at = f.line(ks[1], "id");
    let text = edited(at.clone(), format!("id = \"{k1}\""));
    let what = format!(
        "category {}: duplicate condition \"{k1}\" (first at {}:",
        f.str(cat, "id"),
        f.line_no(f.line(ks[0], "id").start)
    );
    check_at(&text, f.line_no(at.start), &what);
}

#[test]
fn an_expense_needs_a_rate_and_an_award_has_none() {
    let f = File::of(built());
    let cats = f.all("[[category]]");
    let Some(expense) = cats.iter().find(|c| f.is(c, "kind", "expense")) else {
        return skip("no category of this policy is an expense");
    };
    let text = without(&f.line(expense, "rate"));
    check_at(
        &text,
        f.line_in(&text, expense, "id"),
        "an expense needs rate, rate_source and assumed_rate",
    );
    let Some(award) = cats.iter().find(|c| f.is(c, "kind", "award")) else {
        return skip("no category of this policy is an award (an award's rate is not tried)");
    };
    let id = f.line(award, "id");
    let text = inserted_after(&id, "rate = \"1\"");
    check_at(&text, f.line_no(id.start), "an award has no rate");
}

#[test]
fn an_assumed_rate_quotes_nothing_and_explains_itself() {
    let f = File::of(built());
    let cats = f.all("[[category]]");
    // A stated rate said to be assumed: preferably one stated as a ceiling (rate_up_to), which
    // an assumed rate cannot be.
    let stated: Vec<&&Table> = cats.iter().filter(|c| f.is(c, "assumed_rate", false)).collect();
    let up_to = stated.iter().find(|c| f.is(c, "rate_up_to", true));
    match up_to.or(stated.first()) {
        None => skip("no category of this policy has a stated rate"),
        Some(cat) => {
            let text = edited(f.line(cat, "assumed_rate"), "assumed_rate = true");
            let at = format!("{}:", f.line_no(f.line(cat, "id").start));
            let mut want = vec![
                "an assumed rate has an empty rate_source",
                "an assumed rate needs assumption_zh and assumption_en",
            ];
            if up_to.is_some() {
                want.push("rate_up_to quotes a stated rate");
            } else {
                skip("no category of this policy has rate_up_to (an assumed rate_up_to is not tried)");
            }
            let p = problems(&text);
            assert_eq!(p.len(), want.len(), "{p:#?}");
            for w in want {
                assert!(p.iter().any(|x| x.starts_with(&at) && x.contains(w)), "{w}: {p:#?}");
            }
        }
    }
    let Some(assumed) = cats.iter().find(|c| f.is(c, "assumed_rate", true)) else {
        return skip("no category of this policy has an assumed rate");
    };
    let en = f.line(assumed, "assumption_en");
    let text = edited(en.start..en.start + "assumption_en".len(), "x");
    let p = problems(&text);
    assert!(p[0].contains("unknown field `x`"), "{p:?}");
    let text = edit(
        built(),
        &[
            (f.line(assumed, "rate_source"), "rate_source = \"quoted\"".into()),
            (f.line(assumed, "assumed_rate"), "assumed_rate = false".into()),
        ],
    );
    check_at(
        &text,
        f.line_no(f.line(assumed, "id").start),
        "a stated rate has no assumption",
    );
}

#[test]
fn a_bool_condition_has_a_default_exactly_when_not_required() {
    let f = File::of(built());
    let bools: Vec<&Table> = f.conditions().into_iter().filter(|k| f.is(k, "type", "bool")).collect();
    let what = "has a default exactly when it is not required";
    match bools.iter().find(|k| f.is(k, "required", true)) {
        None => skip("no bool condition of this policy is required"),
        Some(k) => {
            let text = inserted_after(&f.line(k, "required"), "default = false");
            check_at(&text, f.line_no(f.line(k, "id").start), what);
        }
    }
    match bools.iter().find(|k| f.is(k, "required", false)) {
        None => skip("no bool condition of this policy is optional"),
        Some(k) => {
            let text = without(&f.line(k, "default"));
            check_at(&text, f.line_in(&text, k, "id"), what);
        }
    }
}

#[test]
fn a_months_or_count_condition_has_a_min_and_is_required() {
    let f = File::of(built());
    let ks: Vec<&Table> = f
        .conditions()
        .into_iter()
        .filter(|k| f.is(k, "type", "months") || f.is(k, "type", "count"))
        .collect();
    let (Some(first), Some(last)) = (ks.first(), ks.last()) else {
        return skip("no condition of this policy is a months or count condition");
    };
    let what = "needs min and required = true";
    let text = without(&f.line(first, "min"));
    check_at(&text, f.line_in(&text, first, "id"), what);
    let text = edited(f.line(last, "required"), "required = false");
    check_at(&text, f.line_no(f.line(last, "id").start), what);
    let min = f.line(last, "min");
    let text = edited(min.clone(), format!("min = -{}", f.str(last, "min")));
    parse_error_at(&text, f.line_no(min.start));
}

#[test]
fn the_years_agree_with_the_dates() {
    let f = File::of(built());
    let doc = f.first("[document]");
    let first: i64 = f.str(doc, "first_year").parse().unwrap();
    let (from, until) = (f.str(doc, "valid_from"), f.str(doc, "valid_until"));
    let earlier = first - 1;
    let text = edited(f.line(doc, "first_year"), format!("first_year = {earlier}"));
    check_at(
        &text,
        f.line_no(f.line(doc, "valid_from").start),
        &format!("valid_from {from:?} is not in first_year {earlier}"),
    );
    let text = edited(f.line(doc, "last_year"), format!("last_year = {earlier}"));
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(
        p[0].contains(&format!("last_year {earlier} is before first_year {first}")),
        "{p:#?}"
    );
    assert!(
        p[1].contains(&format!("valid_until {until:?} is not in last_year {earlier}")),
        "{p:#?}"
    );
}

#[test]
fn the_two_languages_list_the_same_departments() {
    let f = File::of(built());
    let Some((m, list)) = f.all("[[measure]]").into_iter().find_map(|m| {
        let list = f.get(m, "departments_en")?.as_array()?.clone();
        (!list.is_empty()).then_some((m, list))
    }) else {
        return skip("no measure of this policy lists a department");
    };
    let at = f.line(m, "departments_en");
    let shorter = toml::Value::Array(list[1..].to_vec());
    let text = edited(at.clone(), format!("departments_en = {shorter}"));
    check_at(
        &text,
        f.line_no(at.start),
        "departments_zh and departments_en differ in length",
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let f = File::of(built());
    let cats = f.all("[[category]]");
    let (first, last) = (cats[0], cats[cats.len() - 1]);
    let measure = unused(&f.ids("[[measure]]"), "missing");
    let period = unused(&f.ids("[[cap_period]]"), "missing");
    let text = edit(
        built(),
        &[
            (f.line(first, "measure"), format!("measure = \"{measure}\"")),
            (f.line(last, "cap_period"), format!("cap_period = \"{period}\"")),
        ],
    );
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:#?}");
}

/// The JSON and statics of a file that passed the checks.
fn emitted(text: &str) -> (serde_json::Value, String) {
    let file = schema::parse(text).unwrap();
    assert_eq!(checks::check(&file, text), Vec::<String>::new());
    let model = model::build(&file).unwrap();
    let json = emit_json::policy_json(&model).unwrap();
    let json = fingerprint::with_fingerprint(&json, &fingerprint::sha256_hex(text.as_bytes())).unwrap();
    let mut code = emit_rust::policy_data(&model, &json, "policy.toml");
    code.push_str(fingerprint::STATIC);
    (serde_json::from_str(&json).unwrap(), code)
}

#[test]
fn the_build_writes_the_json_the_crate_returns_and_statics_that_slice_it() {
    let (json, code) = emitted(built());
    let builtin: serde_json::Value = serde_json::from_str(pinghu_subsidy::Policy::builtin().to_json()).unwrap();
    assert_eq!(json, builtin);
    // Every text of the statics is a slice of the JSON; the one literal left is an empty rate_source.
    let statics = &code[..code.find("pub(crate) static POLICY_JSON").unwrap()];
    assert!(statics.contains("j("), "{statics}");
    assert!(
        !statics.replace("\"\"", "").contains('"'),
        "a text not shared with the JSON:\n{statics}"
    );
}

#[test]
fn a_new_category_reaches_the_json_and_its_measure() {
    let f = File::of(built());
    let measure = f.str(f.first("[[measure]]"), "id");
    let applicant = f.str(f.first("[[applicant]]"), "id");
    let period = f.first("[[cap_period]]");
    let id = unused(&f.ids("[[category]]"), "investment");
    let new = format!(
        "\n[[category]]\nid = \"{id}\"\nmeasure = \"{measure}\"\nkind = \"award\"\napplicant = \"{applicant}\"\n\
         label_zh = \"引进\"\nlabel_en = \"Attraction\"\nhint_zh = \"奖励\"\nhint_en = \"Award\"\n\
         cap = \"1000.5\"\ncap_source = \"-\"\ncap_period = \"{}\"\n",
        f.str(period, "id")
    );
    let (json, code) = emitted(&format!("{}{new}", built()));
    let last = json["categories"].as_array().unwrap().last().unwrap();
    assert_eq!(last["id"], id.as_str());
    assert_eq!(last["cap"], "1000.50");
    assert_eq!(last["rate"], serde_json::Value::Null);
    assert_eq!(last["cap_period_label"]["en"], f.str(period, "label_en").as_str());
    let m = json["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == measure.as_str())
        .unwrap();
    assert_eq!(m["categories"].as_array().unwrap().last().unwrap(), id.as_str());
    assert!(
        code.contains("cap: Decimal::from_parts(10005, 0, 0, false, 1), cap_source: j("),
        "{code}"
    );
    assert!(
        code.contains("cap_period: &CAP_PERIODS[0], exclusive_group: None, conditions: &[], cites: j("),
        "{code}"
    );
}

#[test]
fn a_promise_pointing_at_a_missing_measure_is_refused() {
    let f = File::of(built());
    let Some(promise) = f.all("[[promise]]").first().copied() else {
        return skip("this policy has no [[promise]]");
    };
    let missing = unused(&f.ids("[[measure]]"), "missing");
    let at = f.line(promise, "measure");
    let text = edited(at.clone(), format!("measure = \"{missing}\""));
    check_at(
        &text,
        f.line_no(at.start),
        &format!(
            "promise {}: measure \"{missing}\" is not a [[measure]]",
            f.str(promise, "id")
        ),
    );
}

#[test]
fn an_overlap_must_name_two_different_existing_categories() {
    let f = File::of(built());
    let Some(overlap) = f.all("[[overlap]]").first().copied() else {
        return skip("this policy has no [[overlap]]");
    };
    let id = f.str(overlap, "id");
    let named = f.get(overlap, "categories").unwrap();
    let one = named.as_array().unwrap()[0].as_str().unwrap().to_string();
    let missing = unused(&f.ids("[[category]]"), "missing");
    let at = f.line(overlap, "categories");
    let text = edited(at.clone(), format!("categories = [\"{one}\", \"{missing}\"]"));
    check_at(
        &text,
        f.line_no(at.start),
        &format!("overlap {id}: category \"{missing}\" is not a [[category]]"),
    );
    let text = edited(at.clone(), format!("categories = [\"{one}\", \"{one}\"]"));
    check_at(
        &text,
        f.line_no(at.start),
        &format!("overlap {id}: categories must name two or more different categories"),
    );
}

/// The third update of issue 9: a category inserted between a category and its condition.
/// TOML attaches the condition to the new category; the condition names its own, so the
/// build refuses it at the condition, instead of the category silently losing it.
#[test]
fn a_category_inserted_between_a_category_and_its_condition_is_refused() {
    let f = File::of(built());
    // A category whose last table is a condition: the new one goes just before that condition.
    let Some((cat, cond)) = f.all("[[category]]").into_iter().find_map(|c| {
        let last = *f.parts(c).last()?;
        (last.header == "[[category.condition]]").then_some((c, last))
    }) else {
        return skip("no category of this policy ends with a condition");
    };
    let owner = f.str(cat, "id");
    let new_id = unused(&f.ids("[[category]]"), "inserted");
    let new = format!(
        "[[category]]\nid = \"{new_id}\"\nmeasure = \"{}\"\nkind = \"award\"\napplicant = \"{}\"\n\
         label_zh = \"展会\"\nlabel_en = \"Fairs\"\nhint_zh = \"展会\"\nhint_en = \"Fairs\"\n\
         cap = \"100000\"\ncap_source = \"-\"\ncap_period = \"{}\"\n\n",
        f.str(cat, "measure"),
        f.str(cat, "applicant"),
        f.str(cat, "cap_period")
    );
    let text = edited(cond.at.start..cond.at.start, new.clone());
    let moved = new.matches('\n').count();
    check_at(
        &text,
        f.line_no(f.line(cond, "category").start) + moved,
        &format!("condition of category \"{owner}\" is written under category \"{new_id}\""),
    );
    // A condition without the key is refused too: the key is what catches the mistake.
    let text = without(&f.line(cond, "category"));
    let e = parse_error_at(&text, f.line_no(cond.at.start));
    assert!(e.contains("missing field `category`"), "{e}");
}

#[test]
fn a_reading_under_another_parent_is_refused() {
    let f = File::of(built());
    let Some((reading, of)) = f
        .tables
        .iter()
        .filter(|t| t.header.ends_with(".reading]"))
        .find_map(|t| Some((t, f.entry(t, "of")?)))
    else {
        return skip("no reading of this policy names its parent");
    };
    let kind = reading.header.trim_start_matches('[').split('.').next().unwrap();
    let other = format!("{}_other", of.1.as_str().unwrap());
    let text = edited(of.0.clone(), format!("of = \"{other}\""));
    check_at(
        &text,
        f.line_no(of.0.start),
        &format!(
            "reading of {kind} \"{other}\" is written under {kind} {:?}",
            of.1.as_str().unwrap()
        ),
    );
}

#[test]
fn the_status_is_one_of_a_fixed_set() {
    let f = File::of(built());
    let at = f.line(f.first("[document]"), "status");
    let text = edited(at.clone(), "status = \"finall\"");
    let e = parse_error_at(&text, f.line_no(at.start));
    assert!(e.contains("unknown variant `finall`"), "{e}");
}

#[test]
fn issued_is_a_date() {
    let f = File::of(built());
    let doc = f.first("[document]");
    let bad = "issued = \"2025-3-1\"";
    let (text, line) = match f.entry(doc, "issued") {
        Some((at, _)) => (edited(at.clone(), bad), f.line_no(at.start)),
        None => {
            let cites = f.line(doc, "cites");
            (inserted_after(&cites, bad), f.line_no(cites.start) + 1)
        }
    };
    let e = parse_error_at(&text, line);
    assert!(e.contains("is not a date"), "{e}");
}

/// The fourth update: final status. A document says the status of the source it is, a final
/// one has an issue date, and a notice that states another status is refused.
#[test]
fn a_final_document_is_issued_and_says_no_draft() {
    let f = File::of(built());
    let doc = f.first("[document]");
    let cites = f.str(doc, "cites");
    let all = if f.is(doc, "status", "draft") {
        // The draft turned final, and nothing else.
        let text = edited(f.line(doc, "status"), "status = \"final\"");
        let drafts: Vec<String> = f
            .all("[[document.notice]]")
            .iter()
            .filter(|n| f.is(n, "status", "draft"))
            .map(|n| f.str(n, "code"))
            .collect();
        assert!(!drafts.is_empty(), "a draft says so in a notice");
        let all = problems(&text).join("\n");
        for code in drafts {
            assert!(all.contains(&format!("notice {code} states status \"draft\"")), "{all}");
        }
        assert!(
            all.contains(&format!("status \"final\" but its source {cites} has status \"draft\"")),
            "{all}"
        );
        all
    } else {
        // The final text without its issue date, its source said to be a draft, a notice
        // stating the draft status.
        let source = f
            .all("[[source]]")
            .into_iter()
            .find(|s| f.str(s, "id") == cites)
            .expect("the document's source");
        let notice = f.first("[[document.notice]]");
        let mut edits = vec![
            (f.line(source, "status"), "status = \"draft\"".to_string()),
            (
                f.line(doc, "issued").start..f.line(doc, "issued").end + 1,
                String::new(),
            ),
        ];
        let code = f.line(notice, "code");
        match f.entry(notice, "status") {
            Some((at, _)) => edits.push((at, "status = \"draft\"".into())),
            None => edits.push((code.end..code.end, "\nstatus = \"draft\"".into())),
        }
        let all = problems(&edit(built(), &edits)).join("\n");
        assert!(
            all.contains(&format!("notice {} states status \"draft\"", f.str(notice, "code"))),
            "{all}"
        );
        assert!(
            all.contains(&format!("status \"final\" but its source {cites} has status \"draft\"")),
            "{all}"
        );
        all
    };
    assert!(all.contains("a final document needs issued"), "{all}");
}

#[test]
fn a_draft_says_so_in_the_banner() {
    let f = File::of(built());
    let doc = f.first("[document]");
    let Some(banner) = f
        .all("[[document.notice]]")
        .into_iter()
        .find(|n| f.is(n, "status", "draft") && f.is(n, "placement", "banner"))
    else {
        return skip("this policy is not a draft: it has no draft notice in the banner");
    };
    let text = edited(f.line(banner, "placement"), "placement = \"footnote\"");
    check_at(
        &text,
        f.line_no(f.line(doc, "status").start),
        "a draft needs a notice with status = \"draft\" and placement = \"banner\"",
    );
}

#[test]
fn a_quote_names_a_source_that_exists_with_its_text() {
    let f = File::of(built());
    let measure = f.first("[[measure]]");
    let missing = unused(&f.ids("[[source]]"), "missing");
    let at = f.line(measure, "cites");
    let text = edited(at.clone(), format!("cites = \"{missing}\""));
    check_at(
        &text,
        f.line_no(at.start),
        &format!("measure {}: \"{missing}\" is not a [[source]]", f.str(measure, "id")),
    );
    let source = f.first("[[source]]");
    let at = f.line(source, "file");
    let text = edited(at.clone(), "file = \"policy/missing.txt\"");
    check_at(
        &text,
        f.line_no(at.start),
        &format!("source {}: no file", f.str(source, "id")),
    );
}

#[test]
fn a_requirement_for_a_missing_category_is_refused() {
    let f = File::of(built());
    let Some(r) = f.all("[[requirement]]").first().copied() else {
        return skip("this policy has no [[requirement]]");
    };
    let missing = unused(&f.ids("[[category]]"), "missing");
    let at = f.line(r, "category");
    let text = edited(at.clone(), format!("category = \"{missing}\""));
    check_at(
        &text,
        f.line_no(at.start),
        &format!("requirement: category \"{missing}\" is not a [[category]]"),
    );
}

#[test]
fn a_department_given_twice_is_refused() {
    let f = File::of(built());
    let ds = f.all("[[department]]");
    if ds.len() < 2 {
        return skip("this policy names fewer than two departments");
    }
    let first = f.str(ds[0], "short_zh");
    let at = f.line(ds[1], "short_zh");
    let text = edited(at.clone(), format!("short_zh = \"{first}\""));
    check_at(&text, f.line_no(at.start), &format!("duplicate department \"{first}\""));
}

#[test]
fn the_fingerprint_is_the_sha256_of_the_policy_file_and_changes_with_it() {
    let p = pinghu_subsidy::Policy::builtin();
    // The file these tests break is the one the crate is built with.
    assert_eq!(
        p.fingerprint(),
        fingerprint::sha256_hex(built().as_bytes()),
        "{}",
        built_path()
    );
    assert_eq!(p.fingerprint().len(), 64);
    assert!(p
        .fingerprint()
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    let (json, _) = emitted(built());
    assert_eq!(json["fingerprint"], p.fingerprint());
    // One byte more in the file, another fingerprint.
    let (other, _) = emitted(&format!("{}\n", built()));
    assert_ne!(other["fingerprint"], json["fingerprint"]);
    // Every result names it.
    let year = p.document.last_year;
    let est = p
        .calculate(&pinghu_subsidy::Request {
            year,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(est.policy.fingerprint, p.fingerprint());
    let plan = p
        .calculate_plan(&pinghu_subsidy::PlanRequest {
            years: vec![pinghu_subsidy::Request {
                year,
                ..Default::default()
            }],
            already_received: vec![],
        })
        .unwrap();
    assert_eq!(plan.policy.fingerprint, p.fingerprint());
}
