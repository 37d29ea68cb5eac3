//! Turns `policy/*.toml` into Rust data at build time, so the wasm carries no
//! TOML parser. It writes the policy twice from the one file: as Rust statics
//! for the engine, and as the JSON document that the JS API `policy()` returns
//! (parsed by the browser's `JSON.parse`, so no code builds it in the wasm).
//!
//! The build fails, naming the key, on anything the schema (the header comment
//! of the policy file) does not allow: an unknown key, a missing one, a rate
//! that is not a decimal, a category pointing at a measure that does not exist…

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::{json, Map, Value as Json};
use std::{env, fs, path::Path};

const POLICY: &str = "policy/pinghu-2024-2027.toml";

fn main() {
    println!("cargo:rerun-if-changed={POLICY}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(POLICY).unwrap_or_else(|e| panic!("{POLICY}: {e}"));
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{POLICY}: {e}"));
    let code = match generate(&table) {
        Ok(code) => code,
        Err(e) => panic!("{POLICY}: {e}"),
    };
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("policy_data.rs");
    fs::write(out, code).unwrap();
}

type R<T> = Result<T, String>;

/// A TOML table read key by key; `done` fails on any key not read.
struct Tab<'a> {
    at: String,
    t: &'a toml::Table,
    seen: BTreeSet<&'a str>,
}

impl<'a> Tab<'a> {
    fn new(at: impl Into<String>, v: &'a toml::Value) -> R<Self> {
        let at = at.into();
        match v.as_table() {
            Some(t) => Ok(Tab { at, t, seen: BTreeSet::new() }),
            None => Err(format!("{at}: expected a table")),
        }
    }
    fn get(&mut self, k: &'a str) -> Option<&'a toml::Value> {
        self.seen.insert(k);
        self.t.get(k)
    }
    fn str(&mut self, k: &'a str) -> R<&'a str> {
        match self.get(k) {
            Some(toml::Value::String(s)) => Ok(s),
            Some(_) => Err(format!("{}.{k}: expected a string", self.at)),
            None => Err(format!("{}.{k}: missing", self.at)),
        }
    }
    fn opt_str(&mut self, k: &'a str) -> R<Option<&'a str>> {
        if self.t.contains_key(k) {
            self.str(k).map(Some)
        } else {
            self.seen.insert(k);
            Ok(None)
        }
    }
    /// `k_zh` and `k_en`: the Rust `Text` and its JSON `{zh, en}`.
    fn text(&mut self, k: &'static str) -> R<(String, Json)> {
        let zh = self.str(leak(format!("{k}_zh")))?;
        let en = self.str(leak(format!("{k}_en")))?;
        Ok((format!("Text {{ zh: {zh:?}, en: {en:?} }}"), json!({ "zh": zh, "en": en })))
    }
    fn bool(&mut self, k: &'a str) -> R<bool> {
        match self.get(k) {
            Some(toml::Value::Boolean(b)) => Ok(*b),
            Some(_) => Err(format!("{}.{k}: expected true or false", self.at)),
            None => Err(format!("{}.{k}: missing", self.at)),
        }
    }
    fn opt_bool(&mut self, k: &'a str) -> R<Option<bool>> {
        if self.t.contains_key(k) {
            self.bool(k).map(Some)
        } else {
            self.seen.insert(k);
            Ok(None)
        }
    }
    fn int(&mut self, k: &'a str) -> R<i64> {
        match self.get(k) {
            Some(toml::Value::Integer(i)) => Ok(*i),
            Some(_) => Err(format!("{}.{k}: expected a whole number", self.at)),
            None => Err(format!("{}.{k}: missing", self.at)),
        }
    }
    fn strs(&mut self, k: &'a str) -> R<Vec<&'a str>> {
        let at = format!("{}.{k}", self.at);
        match self.get(k) {
            Some(toml::Value::Array(a)) => a
                .iter()
                .map(|v| v.as_str().ok_or_else(|| format!("{at}: expected strings")))
                .collect(),
            _ => Err(format!("{at}: expected an array of strings")),
        }
    }
    fn tables(&mut self, k: &'a str) -> R<Vec<Tab<'a>>> {
        let at = format!("{}.{k}", self.at);
        match self.get(k) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(a)) => {
                a.iter().enumerate().map(|(i, v)| Tab::new(format!("{at}[{i}]"), v)).collect()
            }
            Some(_) => Err(format!("{at}: expected [[{k}]] tables")),
        }
    }
    fn done(self) -> R<()> {
        for k in self.t.keys() {
            if !self.seen.contains(k.as_str()) {
                return Err(format!("{}.{k}: unknown key", self.at));
            }
        }
        Ok(())
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// `"0.5"` → `Decimal::from_parts(5, 0, 0, false, 1)`, checked to be a plain
/// non-negative decimal with at most 28 digits.
fn decimal(at: &str, s: &str) -> R<String> {
    let bad = || format!("{at}: {s:?} is not a non-negative decimal like \"0.5\" or \"100000\"");
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if s.contains('.') && frac.is_empty() {
        return Err(bad());
    }
    let digits = format!("{int}{frac}");
    if digits.len() > 28 {
        return Err(bad());
    }
    let m: u128 = digits.parse().map_err(|_| bad())?;
    Ok(format!(
        "Decimal::from_parts({}, {}, {}, false, {})",
        m as u32,
        (m >> 32) as u32,
        (m >> 64) as u32,
        frac.len()
    ))
}

/// A rate as the API shows it: `"0.50"` → `"0.5"`, `"1.0"` → `"1"`.
fn rate_shown(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// An amount as the API shows it, with two decimals: `"20000"` → `"20000.00"`.
fn money_shown(at: &str, s: &str) -> R<String> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let frac = frac.trim_end_matches('0');
    if frac.len() > 2 {
        return Err(format!("{at}: {s:?} has more than two decimals"));
    }
    Ok(format!("{int}.{frac:0<2}"))
}

fn list(items: &[&str]) -> String {
    let mut s = String::from("&[");
    for i in items {
        write!(s, "{i:?}, ").unwrap();
    }
    s.push(']');
    s
}

fn generate(root: &toml::Table) -> R<String> {
    let root_v = toml::Value::Table(root.clone());
    let mut top = Tab::new("policy", &root_v)?;
    let mut out = String::new();

    // Document.
    let doc_v = top.get("document").ok_or("document: missing")?;
    let mut doc = Tab::new("document", doc_v)?;
    let id = doc.str("id")?;
    let version = doc.str("version")?;
    let title = doc.text("title")?;
    let status = doc.str("status")?;
    let status_label = doc.text("status")?;
    let valid_from = doc.str("valid_from")?;
    let valid_until = doc.str("valid_until")?;
    let first_year = doc.int("first_year")?;
    let last_year = doc.int("last_year")?;
    if first_year > last_year || !valid_from.starts_with(&first_year.to_string()) || !valid_until.starts_with(&last_year.to_string()) {
        return Err("document: first_year/last_year disagree with valid_from/valid_until".into());
    }
    let from_month: u32 = valid_from
        .strip_prefix(&format!("{first_year}-"))
        .and_then(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m))
        .ok_or("document.valid_from: expected YYYY-MM")?;
    let valid_source = doc.str("valid_source")?;
    let rules_zh = doc.strs("detailed_rules_zh")?;
    let rules_en = doc.strs("detailed_rules_en")?;
    let rules_source = doc.str("detailed_rules_source")?;
    let nc_source = doc.str("non_cumulative_source")?;
    let mut notices = String::from("&[");
    let mut notices_json = Vec::new();
    for mut n in doc.tables("notice")? {
        let code = n.str("code")?;
        let zh = n.str("zh")?;
        let en = n.str("en")?;
        let source = n.str("source")?;
        n.done()?;
        write!(notices, "DocNotice {{ code: {code:?}, text: Text {{ zh: {zh:?}, en: {en:?} }}, source: {source:?} }}, ").unwrap();
        notices_json.push(json!({ "code": code, "zh": zh, "en": en, "source": source }));
    }
    notices.push(']');
    doc.done()?;
    let document_json = json!({
        "title": title.1, "status": status, "status_label": status_label.1,
        "valid_from": valid_from, "valid_until": valid_until, "first_year": first_year, "last_year": last_year,
        "valid_source": valid_source,
        "detailed_rules": { "zh": rules_zh, "en": rules_en }, "detailed_rules_source": rules_source,
        "non_cumulative_source": nc_source, "notices": notices_json,
    });

    // Applicants.
    let mut applicant_ids = BTreeSet::new();
    let mut applicants = String::from("&[");
    let mut applicants_json = Vec::new();
    for mut a in top.tables("applicant")? {
        let aid = a.str("id")?;
        if !applicant_ids.insert(aid) {
            return Err(format!("applicant {aid}: duplicate id"));
        }
        let label = a.text("label")?;
        a.done()?;
        write!(applicants, "Applicant {{ id: {aid:?}, label: {} }}, ", label.0).unwrap();
        applicants_json.push(json!({ "id": aid, "label": label.1 }));
    }
    applicants.push(']');

    // Cap periods.
    let mut periods = Vec::new();
    let mut periods_json = Vec::new();
    let mut period_statics = String::new();
    for (i, mut c) in top.tables("cap_period")?.into_iter().enumerate() {
        let pid = c.str("id")?;
        if periods.contains(&pid) {
            return Err(format!("cap_period {pid}: duplicate id"));
        }
        let label = c.text("label")?;
        c.done()?;
        writeln!(period_statics, "static PERIOD_{i}: CapPeriod = CapPeriod {{ id: {pid:?}, label: {} }};", label.0).unwrap();
        periods.push(pid);
        periods_json.push(json!({ "id": pid, "label": label.1 }));
    }

    // Measures.
    let mut measure_ids = Vec::new();
    let mut measures = String::from("&[");
    let mut measures_json: Vec<Map<String, Json>> = Vec::new();
    for mut m in top.tables("measure")? {
        let mid = m.str("id")?;
        if measure_ids.contains(&mid) {
            return Err(format!("measure {mid}: duplicate id"));
        }
        measure_ids.push(mid);
        m.at = format!("measure {mid}");
        let section = m.text("section")?;
        let mtitle = m.text("title")?;
        let text = m.str("text")?;
        let summary_en = m.str("summary_en")?;
        let dz = m.strs("departments_zh")?;
        let de = m.strs("departments_en")?;
        if dz.len() != de.len() {
            return Err(format!("measure {mid}: departments_zh and departments_en differ in length"));
        }
        m.done()?;
        write!(
            measures,
            "Measure {{ id: {mid:?}, section: {}, title: {}, text: {text:?}, summary_en: {summary_en:?}, departments_zh: {}, departments_en: {} }}, ",
            section.0,
            mtitle.0,
            list(&dz),
            list(&de)
        )
        .unwrap();
        let j = json!({
            "id": mid, "section": section.1, "title": mtitle.1, "text": text, "summary_en": summary_en,
            "departments": { "zh": dz, "en": de }, "categories": [],
        });
        measures_json.push(j.as_object().unwrap().clone());
    }
    measures.push(']');

    // Categories.
    let mut category_ids = BTreeSet::new();
    let mut categories = String::from("&[");
    let mut categories_json = Vec::new();
    for mut c in top.tables("category")? {
        let cid = c.str("id")?;
        if !category_ids.insert(cid) {
            return Err(format!("category {cid}: duplicate id"));
        }
        c.at = format!("category {cid}");
        let at = c.at.clone();
        let measure = c.str("measure")?;
        let Some(mi) = measure_ids.iter().position(|m| *m == measure) else {
            return Err(format!("{at}: measure {measure:?} does not exist"));
        };
        measures_json[mi]["categories"].as_array_mut().unwrap().push(json!(cid));
        let kind_s = c.str("kind")?;
        let kind = match kind_s {
            "expense" => "Kind::Expense",
            "award" => "Kind::Award",
            k => return Err(format!("{at}.kind: {k:?} is neither \"expense\" nor \"award\"")),
        };
        let applicant = c.str("applicant")?;
        if !applicant_ids.contains(applicant) {
            return Err(format!("{at}.applicant: {applicant:?} is not an [[applicant]]"));
        }
        let label = c.text("label")?;
        let hint = c.text("hint")?;
        let rate = c.opt_str("rate")?;
        let rate_source = c.opt_str("rate_source")?;
        let assumed = c.opt_bool("assumed_rate")?;
        let (rate_rs, rate_json, rate_source, assumed, assumption_rs, assumption_json) = match (kind, rate, rate_source, assumed) {
            ("Kind::Award", None, None, None) => ("None".to_string(), Json::Null, "", false, "None".to_string(), Json::Null),
            ("Kind::Expense", Some(r), Some(src), Some(assumed)) => {
                let d = decimal(&format!("{at}.rate"), r)?;
                if src.is_empty() != assumed {
                    return Err(format!("{at}: an assumed rate has an empty rate_source, a stated one quotes it"));
                }
                let (a_rs, a_json) = if assumed {
                    let a = c.text("assumption")?;
                    (format!("Some({})", a.0), a.1)
                } else {
                    ("None".to_string(), Json::Null)
                };
                (format!("Some({d})"), json!(rate_shown(r)), src, assumed, a_rs, a_json)
            }
            ("Kind::Award", ..) => return Err(format!("{at}: an award has no rate, rate_source or assumed_rate")),
            _ => return Err(format!("{at}: an expense needs rate, rate_source and assumed_rate")),
        };
        let cap_s = c.str("cap")?;
        let cap = decimal(&format!("{at}.cap"), cap_s)?;
        let cap_shown = money_shown(&format!("{at}.cap"), cap_s)?;
        let cap_source = c.str("cap_source")?;
        let period_id = c.str("cap_period")?;
        let Some(pi) = periods.iter().position(|p| *p == period_id) else {
            return Err(format!("{at}.cap_period: {period_id:?} is not a [[cap_period]]"));
        };
        let group = c.opt_str("exclusive_group")?;
        let group_rs = group.map_or("None".to_string(), |g| format!("Some({g:?})"));
        let mut conditions = String::from("&[");
        let mut conditions_json = Vec::new();
        let mut cond_ids = BTreeSet::new();
        for mut k in c.tables("condition")? {
            let kid = k.str("id")?;
            if !cond_ids.insert(kid) {
                return Err(format!("{at}: duplicate condition {kid}"));
            }
            k.at = format!("{at}.condition {kid}");
            let ty = k.str("type")?;
            let required = k.bool("required")?;
            let label = k.text("label")?;
            let source = k.str("source")?;
            let (ty_rs, rule, default, expect_j, min_j) = match ty {
                "bool" => {
                    let expect = k.bool("expect")?;
                    let default = k.opt_bool("default")?;
                    if required == default.is_some() {
                        return Err(format!("{}: a bool condition has a default exactly when it is not required", k.at));
                    }
                    let d = default.map_or("None".to_string(), |d| format!("Some({d})"));
                    ("ConditionType::Bool", format!("Rule::Is({expect})"), d, json!(expect), Json::Null)
                }
                "months" | "count" => {
                    let min = k.int("min")?;
                    if !(0..=u32::MAX as i64).contains(&min) || !required {
                        return Err(format!("{}: min must be a whole number ≥ 0 and the condition required", k.at));
                    }
                    let t = if ty == "months" { "ConditionType::Months" } else { "ConditionType::Count" };
                    (t, format!("Rule::AtLeast({min})"), "None".to_string(), Json::Null, json!(min))
                }
                t => return Err(format!("{}.type: {t:?} is not bool, months or count", k.at)),
            };
            let default_j = k.t.get("default").and_then(|d| d.as_bool()).map_or(Json::Null, Json::Bool);
            k.done()?;
            write!(
                conditions,
                "Condition {{ id: {kid:?}, kind: {ty_rs}, required: {required}, rule: {rule}, default: {default}, label: {}, source: {source:?} }}, ",
                label.0
            )
            .unwrap();
            conditions_json.push(json!({
                "id": kid, "type": ty, "required": required, "expect": expect_j, "min": min_j, "default": default_j,
                "label": label.1, "source": source,
            }));
        }
        conditions.push(']');
        c.done()?;
        write!(
            categories,
            "Category {{ id: {cid:?}, measure: {measure:?}, kind: {kind}, applicant: {applicant:?}, label: {}, hint: {}, \
             rate: {rate_rs}, rate_source: {rate_source:?}, rate_assumed: {assumed}, assumption: {assumption_rs}, cap: {cap}, \
             cap_source: {cap_source:?}, cap_period: &PERIOD_{pi}, exclusive_group: {group_rs}, conditions: {conditions} }}, ",
            label.0, hint.0
        )
        .unwrap();
        categories_json.push(json!({
            "id": cid, "measure": measure, "kind": kind_s, "applicant": applicant,
            "label": label.1, "hint": hint.1,
            "rate": rate_json, "rate_assumed": assumed, "assumption": assumption_json,
            "rate_source": if rate_source.is_empty() { Json::Null } else { json!(rate_source) },
            "cap": cap_shown, "cap_source": cap_source,
            "cap_period": period_id, "cap_period_label": periods_json[pi]["label"].clone(),
            "exclusive_group": group, "conditions": conditions_json,
        }));
    }
    categories.push(']');
    top.done()?;

    let policy_json = json!({
        "id": id, "version": version, "document": document_json, "applicants": applicants_json,
        "measures": measures_json, "categories": categories_json, "cap_periods": periods_json,
    });
    let policy_json = serde_json::to_string(&policy_json).unwrap();

    writeln!(
        out,
        "// Generated by build.rs from {POLICY}. Do not edit.\n\
         {period_statics}\n\
         pub(crate) static BUILTIN: Policy = Policy {{\n\
         document: Document {{ id: {id:?}, version: {version:?}, title: {}, status: {status:?}, status_label: {}, \
         valid_from: {valid_from:?}, valid_from_month: {from_month}, valid_until: {valid_until:?}, first_year: {first_year}, last_year: {last_year}, \
         valid_source: {valid_source:?}, detailed_rules_zh: {}, detailed_rules_en: {}, detailed_rules_source: {rules_source:?}, \
         non_cumulative_source: {nc_source:?}, notices: {notices} }},\n\
         categories: {categories},\n}};\n\
         pub(crate) static APPLICANTS: &[Applicant] = {applicants};\n\
         pub(crate) static MEASURES: &[Measure] = {measures};\n\
         /// What `policy()` returns, as JSON.\n\
         pub(crate) static POLICY_JSON: &str = {policy_json:?};\n\
         /// A text of the statics, kept once: a slice of the JSON.\n\
         const fn j(from: usize, to: usize) -> &'static str {{\n\
             let (head, _) = POLICY_JSON.as_bytes().split_at(to);\n\
             match core::str::from_utf8(head.split_at(from).1) {{ Ok(s) => s, Err(_) => panic!(\"not UTF-8\") }}\n\
         }}",
        title.0,
        status_label.0,
        list(&rules_zh),
        list(&rules_en)
    )
    .unwrap();
    Ok(share_with_json(&out, &policy_json))
}

/// Every string literal of the statics that the JSON holds verbatim becomes a
/// slice of the JSON (`j(from, to)`), so the wasm carries each text once.
fn share_with_json(code: &str, json: &str) -> String {
    let json_start = code.find("pub(crate) static POLICY_JSON").expect("the JSON static");
    let (statics, rest) = code.split_at(json_start);
    let mut out = String::with_capacity(code.len());
    let mut chars = statics.char_indices().peekable();
    let mut last = 0;
    while let Some((start, c)) = chars.next() {
        if c != '"' {
            continue;
        }
        // A literal as `{:?}` writes it: escapes start with a backslash.
        let mut value = String::new();
        let mut plain = true;
        let mut end = start;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    plain = false;
                    chars.next();
                }
                '"' => {
                    end = i + 1;
                    break;
                }
                c => value.push(c),
            }
        }
        if !plain || value.len() < 8 {
            continue;
        }
        if let Some(at) = json.find(&format!("\"{value}\"")) {
            out.push_str(&statics[last..start]);
            write!(out, "j({}, {})", at + 1, at + 1 + value.len()).unwrap();
            last = end;
        }
    }
    out.push_str(&statics[last..]);
    out.push_str(rest);
    out
}
