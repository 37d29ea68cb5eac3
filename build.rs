//! Turns `policy/*.toml` into Rust data at build time, so the wasm carries the
//! policy as plain statics and no TOML parser.
//!
//! The build fails, naming the key, on anything the schema (the header comment
//! of the policy file) does not allow: an unknown key, a missing one, a rate
//! that is not a decimal, a category pointing at a measure that does not exist…

use std::collections::BTreeSet;
use std::fmt::Write as _;
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
    fn text(&mut self, k: &'static str) -> R<String> {
        let zh = self.str(leak(format!("{k}_zh")))?;
        let en = self.str(leak(format!("{k}_en")))?;
        Ok(format!("Text {{ zh: {zh:?}, en: {en:?} }}"))
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
    for mut n in doc.tables("notice")? {
        let code = n.str("code")?;
        let zh = n.str("zh")?;
        let en = n.str("en")?;
        let source = n.str("source")?;
        n.done()?;
        write!(notices, "DocNotice {{ code: {code:?}, text: Text {{ zh: {zh:?}, en: {en:?} }}, source: {source:?} }}, ").unwrap();
    }
    notices.push(']');
    doc.done()?;

    // Applicants.
    let mut applicant_ids = BTreeSet::new();
    let mut applicants = String::from("&[");
    for mut a in top.tables("applicant")? {
        let aid = a.str("id")?;
        if !applicant_ids.insert(aid) {
            return Err(format!("applicant {aid}: duplicate id"));
        }
        let label = a.text("label")?;
        a.done()?;
        write!(applicants, "Applicant {{ id: {aid:?}, label: {label} }}, ").unwrap();
    }
    applicants.push(']');

    // Measures.
    let mut measure_ids = Vec::new();
    let mut measures = String::from("&[");
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
            "Measure {{ id: {mid:?}, section: {section}, title: {mtitle}, text: {text:?}, summary_en: {summary_en:?}, departments_zh: {}, departments_en: {} }}, ",
            list(&dz),
            list(&de)
        )
        .unwrap();
    }
    measures.push(']');

    // Categories.
    let mut category_ids = BTreeSet::new();
    let mut categories = String::from("&[");
    for mut c in top.tables("category")? {
        let cid = c.str("id")?;
        if !category_ids.insert(cid) {
            return Err(format!("category {cid}: duplicate id"));
        }
        c.at = format!("category {cid}");
        let at = c.at.clone();
        let measure = c.str("measure")?;
        if !measure_ids.contains(&measure) {
            return Err(format!("{at}: measure {measure:?} does not exist"));
        }
        let kind = match c.str("kind")? {
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
        let (rate, rate_source, assumed, assumption) = match (kind, rate, rate_source, assumed) {
            ("Kind::Award", None, None, None) => ("None".to_string(), "", false, "None".to_string()),
            ("Kind::Expense", Some(r), Some(src), Some(assumed)) => {
                let d = decimal(&format!("{at}.rate"), r)?;
                if src.is_empty() != assumed {
                    return Err(format!("{at}: an assumed rate has an empty rate_source, a stated one quotes it"));
                }
                let assumption = if assumed { format!("Some({})", c.text("assumption")?) } else { "None".into() };
                (format!("Some({d})"), src, assumed, assumption)
            }
            ("Kind::Award", ..) => return Err(format!("{at}: an award has no rate, rate_source or assumed_rate")),
            _ => return Err(format!("{at}: an expense needs rate, rate_source and assumed_rate")),
        };
        let cap = decimal(&format!("{at}.cap"), c.str("cap")?)?;
        let cap_source = c.str("cap_source")?;
        let cap_period = match c.str("cap_period")? {
            "one_time" => "CapPeriod::OneTime",
            "per_enterprise" => "CapPeriod::PerEnterprise",
            "per_enterprise_year" => "CapPeriod::PerEnterpriseYear",
            "per_year" => "CapPeriod::PerYear",
            "per_project" => "CapPeriod::PerProject",
            p => return Err(format!("{at}.cap_period: {p:?} is not a known period")),
        };
        let group = match c.opt_str("exclusive_group")? {
            Some(g) => format!("Some({g:?})"),
            None => "None".into(),
        };
        let mut conditions = String::from("&[");
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
            let (ty, rule, default) = match ty {
                "bool" => {
                    let expect = k.bool("expect")?;
                    let default = k.opt_bool("default")?;
                    if required == default.is_some() {
                        return Err(format!("{}: a bool condition has a default exactly when it is not required", k.at));
                    }
                    let d = default.map_or("None".to_string(), |d| format!("Some({d})"));
                    ("ConditionType::Bool", format!("Rule::Is({expect})"), d)
                }
                "months" | "count" => {
                    let min = k.int("min")?;
                    if !(0..=u32::MAX as i64).contains(&min) || !required {
                        return Err(format!("{}: min must be a whole number ≥ 0 and the condition required", k.at));
                    }
                    let t = if ty == "months" { "ConditionType::Months" } else { "ConditionType::Count" };
                    (t, format!("Rule::AtLeast({min})"), "None".to_string())
                }
                t => return Err(format!("{}.type: {t:?} is not bool, months or count", k.at)),
            };
            k.done()?;
            write!(
                conditions,
                "Condition {{ id: {kid:?}, kind: {ty}, required: {required}, rule: {rule}, default: {default}, label: {label}, source: {source:?} }}, "
            )
            .unwrap();
        }
        conditions.push(']');
        c.done()?;
        write!(
            categories,
            "Category {{ id: {cid:?}, measure: {measure:?}, kind: {kind}, applicant: {applicant:?}, label: {label}, hint: {hint}, \
             rate: {rate}, rate_source: {rate_source:?}, rate_assumed: {assumed}, assumption: {assumption}, cap: {cap}, \
             cap_source: {cap_source:?}, cap_period: {cap_period}, exclusive_group: {group}, conditions: {conditions} }}, "
        )
        .unwrap();
    }
    categories.push(']');
    top.done()?;

    writeln!(
        out,
        "// Generated by build.rs from {POLICY}. Do not edit.\n\
         pub(crate) static BUILTIN: Policy = Policy {{\n\
         document: Document {{ id: {id:?}, version: {version:?}, title: {title}, status: {status:?}, status_label: {status_label}, \
         valid_from: {valid_from:?}, valid_from_month: {from_month}, valid_until: {valid_until:?}, first_year: {first_year}, last_year: {last_year}, \
         valid_source: {valid_source:?}, detailed_rules_zh: {}, detailed_rules_en: {}, detailed_rules_source: {rules_source:?}, \
         non_cumulative_source: {nc_source:?}, notices: {notices} }},\n\
         applicants: {applicants},\nmeasures: {measures},\ncategories: {categories},\n}};",
        list(&rules_zh),
        list(&rules_en)
    )
    .unwrap();
    Ok(out)
}
