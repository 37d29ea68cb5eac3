//! The policy data against its source: every quoted clause, rate and cap stands
//! in the text, and the JSON `policy()` returns says what the engine's statics say.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use pinghu_subsidy::policy::{CapScope, Kind, Rule, Text};
use pinghu_subsidy::{plain, Policy};
use serde_json::{json, Value};

/// The text of each source the data lists, read from the file the data names, without
/// whitespace: the quotes are checked against the source they cite, whatever it is.
fn sources() -> BTreeMap<&'static str, String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = Policy::builtin();
    assert!(!p.document.sources.is_empty(), "the policy lists its sources");
    p.document
        .sources
        .iter()
        .map(|x| {
            let text = std::fs::read_to_string(root.join(x.file))
                .unwrap_or_else(|e| panic!("source {}: {}: {e}", x.id, x.file));
            (x.id, squeeze(&text))
        })
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_quote_stands_in_the_source_text() {
    let texts = sources();
    let p = Policy::builtin();
    let mut missing = Vec::new();
    let mut check = |what: String, cites: &str, quote: &str| match texts.get(cites) {
        None => missing.push(format!("{what}: cites {cites:?}, which is not a source")),
        Some(src) if !quote.is_empty() && !src.contains(&squeeze(quote)) => {
            missing.push(format!("{what} (in source {cites}): {quote}"))
        }
        Some(_) => {}
    };
    for m in p.measures() {
        check(format!("measure {} text", m.id), m.cites, m.text);
        for d in m.departments_zh {
            check(format!("measure {} department", m.id), m.cites, d);
        }
    }
    for c in p.categories {
        check(format!("{} rate_source", c.id), c.cites, c.rate_source);
        check(format!("{} cap_source", c.id), c.cites, c.cap_source);
        for k in c.conditions {
            check(format!("{}.{} source", c.id, k.id), k.cites, k.source);
        }
        for x in c.citations {
            check(format!("{} citation {}", c.id, x.clause), x.source, x.text);
        }
        if let Some(r) = c.reading {
            check(format!("{} reading source", c.id), c.cites, r.source);
        }
    }
    let d = &p.document;
    check(
        "non_cumulative_reading source".into(),
        d.cites,
        d.non_cumulative_reading.source,
    );
    for c in p.cap_periods() {
        if let Some(r) = c.reading {
            check(format!("cap_period {} reading source", c.id), d.cites, r.source);
        }
    }
    for g in p.exclusive_groups() {
        check(
            format!("exclusive_group {} reading source", g.id),
            d.cites,
            g.reading.source,
        );
    }
    for x in p.promises() {
        let cites = p.measure(x.measure).map_or("", |m| m.cites);
        check(format!("promise {} source", x.id), cites, x.source);
    }
    for r in p.requirements() {
        check(format!("requirement {} source", r.category), d.cites, r.source);
        // The evidence a line asks to keep is implied by its measure's own words, quoted.
        let cites = p
            .category(r.category)
            .and_then(|c| p.measure(c.measure))
            .map_or(d.cites, |m| m.cites);
        check(
            format!("requirement {} evidence_source", r.category),
            cites,
            r.evidence_source,
        );
    }
    if let Some(a) = p.application() {
        check("application source".into(), d.cites, a.source);
        // The window, contact, phone and portal a source (a 细则) gives, each quoted from it.
        for (what, q) in ["window", "contact", "phone", "portal"].iter().zip(a.quotes) {
            check(format!("application {what}_source"), a.cites, q);
        }
    }
    for m in p.materials() {
        check(format!("material {} source", m.category), m.cites, m.source);
    }
    for n in d.notices {
        check(format!("notice {} source", n.code), d.cites, n.source);
    }
    check("valid_source".into(), d.cites, d.valid_source);
    check("detailed_rules_source".into(), d.cites, d.detailed_rules_source);
    check("non_cumulative_source".into(), d.cites, d.non_cumulative_source);
    assert!(
        missing.is_empty(),
        "quotes not found in the source text:\n{}",
        missing.join("\n")
    );
}

/// A stated rate appears in its quote ("50%" for 0.5); a cap appears in its
/// quote in 万元 ("10 万元" for 100000).
#[test]
fn stated_figures_match_their_quotes() {
    for c in Policy::builtin().categories {
        if let (Some(rate), false) = (c.rate, c.rate_assumed) {
            let pct = pinghu_subsidy::amount::percent(rate);
            let shown = pct.trim_end_matches('%');
            let q = squeeze(c.rate_source);
            assert!(q.contains(&format!("{shown}%")), "{}: {pct} vs {q}", c.id);
            // "最高 50%" is a ceiling on the rate, and so is a rate set "按照使用评定情况" (after an
            // assessment): the data says so; a plain "50%" is not.
            assert_eq!(
                c.rate_up_to,
                q.contains(&format!("最高{shown}%")) || q.contains("评定"),
                "{}: rate_up_to vs {q}",
                c.id
            );
        }
        let wan = (c.cap / pinghu_subsidy::Decimal::from(10_000)).normalize();
        assert!(
            squeeze(c.cap_source).contains(&format!("{wan}万元")),
            "{}: cap {} not in {:?}",
            c.id,
            c.cap,
            c.cap_source
        );
    }
}

#[test]
fn the_json_says_what_the_statics_say() {
    let p = Policy::builtin();
    let j: Value = serde_json::from_str(p.to_json()).expect("valid JSON");
    assert_eq!(j["id"], p.document.id);
    assert_eq!(j["version"], p.document.version);
    assert_eq!(j["document"]["first_year"], p.document.first_year);
    assert_eq!(j["document"]["last_year"], p.document.last_year);
    assert_eq!(
        j["document"]["notices"].as_array().unwrap().len(),
        p.document.notices.len()
    );
    let cats = j["categories"].as_array().unwrap();
    assert_eq!(cats.len(), p.categories.len());
    for (c, jc) in p.categories.iter().zip(cats) {
        assert_eq!(jc["id"], c.id);
        assert_eq!(jc["measure"], c.measure);
        assert_eq!(jc["cap"], plain(c.cap).as_str(), "{}", c.id);
        assert_eq!(jc["cap_period"], c.cap_period.id);
        assert_eq!(jc["kind"], if c.kind == Kind::Award { "award" } else { "expense" });
        assert_eq!(
            jc["rate"].as_str().map(str::to_string),
            c.rate.map(|r| r.normalize().to_string()),
            "{}",
            c.id
        );
        assert_eq!(jc["rate_assumed"], c.rate_assumed);
        assert_eq!(jc["label"]["zh"], c.label.zh);
        let conds = jc["conditions"].as_array().unwrap();
        assert_eq!(conds.len(), c.conditions.len());
        for (k, jk) in c.conditions.iter().zip(conds) {
            assert_eq!(jk["id"], k.id);
            assert_eq!(jk["required"], k.required);
            match k.rule {
                Rule::Is(b) => assert_eq!(jk["expect"], b),
                Rule::AtLeast(n) => assert_eq!(jk["min"], n),
            }
        }
    }
    let ms = j["measures"].as_array().unwrap();
    assert_eq!(ms.len(), p.measures().len());
    for (m, jm) in p.measures().iter().zip(ms) {
        assert_eq!(jm["id"], m.id);
        assert_eq!(jm["text"], m.text);
        let funded: Vec<&str> = p
            .categories
            .iter()
            .filter(|c| c.measure == m.id)
            .map(|c| c.id)
            .collect();
        let listed: Vec<&str> = jm["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(listed, funded, "measure {}", m.id);
    }
    assert_eq!(
        j["applicants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        p.applicants().iter().map(|a| a.id).collect::<Vec<_>>()
    );
}

/// `{zh, en}` of a text.
fn text(t: Text) -> Value {
    json!({ "zh": t.zh, "en": t.en })
}

/// Every key of `j`, sorted.
fn keys(j: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = j.as_object().expect("an object").keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// Every key and value of each category in the JSON, written out by hand from
/// the statics (not through their `Serialize`): the two emitters of the build
/// script, and the JSON's shape, cannot drift.
#[test]
fn every_category_in_the_json_says_what_its_static_says() {
    let p = Policy::builtin();
    let j: Value = serde_json::from_str(p.to_json()).expect("valid JSON");
    let cats = j["categories"].as_array().unwrap();
    assert_eq!(cats.len(), p.categories.len());
    for (c, jc) in p.categories.iter().zip(cats) {
        let conditions: Vec<Value> = c
            .conditions
            .iter()
            .map(|k| {
                let (expect, min) = match k.rule {
                    Rule::Is(b) => (json!(b), Value::Null),
                    Rule::AtLeast(n) => (Value::Null, json!(n)),
                };
                json!({
                    "id": k.id, "type": k.kind.id(), "required": k.required, "expect": expect, "min": min,
                    "default": k.default, "label": text(k.label), "source": k.source, "cites": k.cites,
                    "only_year": k.only_year,
                })
            })
            .collect();
        let expected = json!({
            "id": c.id,
            "measure": c.measure,
            "kind": if c.kind == Kind::Award { "award" } else { "expense" },
            "applicant": c.applicant,
            "label": text(c.label),
            "hint": text(c.hint),
            "rate": c.rate.map(|r| r.normalize().to_string()),
            "rate_assumed": c.rate_assumed,
            "rate_up_to": c.rate_up_to,
            "assumption": c.assumption.map(text),
            "rate_source": if c.rate_source.is_empty() { None } else { Some(c.rate_source) },
            "cap": plain(c.cap),
            "cap_source": c.cap_source,
            "cap_period": c.cap_period.id,
            "cap_period_label": text(c.cap_period.label),
            "exclusive_group": c.exclusive_group,
            "conditions": conditions,
            "cites": c.cites,
            "citations": c.citations.iter().map(|x| json!({
                "source": x.source, "clause": x.clause, "text": x.text, "summary_en": x.summary_en,
            })).collect::<Vec<_>>(),
            "reading": c.reading.map(|r| json!({
                "code": r.code, "zh": r.text.zh, "en": r.text.en, "reason": text(r.reason), "source": r.source,
            })),
            "notices": c.notices,
        });
        assert_eq!(keys(jc), keys(&expected), "{}", c.id);
        for k in keys(&expected) {
            assert_eq!(jc[k], expected[k], "{}.{k}", c.id);
        }
    }
}

/// The statics serialized through the crate's types are exactly the JSON the
/// build wrote (which it serialized from the values it wrote the statics from).
#[test]
fn the_statics_serialize_to_the_json() {
    let p = Policy::builtin();
    let j: Value = serde_json::from_str(p.to_json()).expect("valid JSON");
    for (c, jc) in p.categories.iter().zip(j["categories"].as_array().unwrap()) {
        assert_eq!(&serde_json::to_value(c).unwrap(), jc, "{}", c.id);
    }
    // All but the fingerprint, which the build adds from the file's bytes.
    let mut j = j;
    let fp = j.as_object_mut().unwrap().remove("fingerprint").unwrap();
    assert_eq!(fp, p.fingerprint());
    assert_eq!(serde_json::to_value(p).unwrap(), j);
}

/// The shape the JS API promises (README, `policy()`), key by key.
#[test]
fn the_json_keeps_its_shape() {
    let j: Value = serde_json::from_str(Policy::builtin().to_json()).expect("valid JSON");
    assert_eq!(
        keys(&j),
        [
            "applicants",
            "cap_periods",
            "categories",
            "document",
            "exclusive_groups",
            "fingerprint",
            "id",
            "measures",
            "overlaps",
            "promises",
            "version"
        ]
    );
    let d = &j["document"];
    assert_eq!(
        keys(d),
        [
            "cites",
            "detailed_rules",
            "detailed_rules_source",
            "first_year",
            "issued",
            "last_year",
            "non_cumulative_reading",
            "non_cumulative_source",
            "notices",
            "sources",
            "start_notice",
            "status",
            "status_label",
            "title",
            "valid_from",
            "valid_source",
            "valid_until",
        ]
    );
    assert_eq!(keys(&d["detailed_rules"]), ["en", "zh"]);
    for n in d["notices"].as_array().unwrap() {
        assert_eq!(keys(n), ["code", "en", "placement", "source", "status", "zh"]);
    }
    for x in d["sources"].as_array().unwrap() {
        assert_eq!(keys(x), ["file", "id", "issued", "status", "status_label", "title"]);
    }
    for a in j["applicants"].as_array().unwrap() {
        assert_eq!(keys(a), ["id", "label"]);
    }
    let reading_keys = ["code", "en", "reason", "source", "zh"];
    assert_eq!(keys(&d["non_cumulative_reading"]), reading_keys);
    for g in j["exclusive_groups"].as_array().unwrap() {
        assert_eq!(keys(g), ["id", "reading"]);
        assert_eq!(keys(&g["reading"]), reading_keys);
    }
    for m in j["measures"].as_array().unwrap() {
        assert_eq!(
            keys(m),
            [
                "categories",
                "cites",
                "departments",
                "id",
                "section",
                "summary_en",
                "text",
                "title"
            ]
        );
        assert_eq!(keys(&m["departments"]), ["en", "zh"]);
    }
    let cap_periods = Policy::builtin().cap_periods();
    assert_eq!(j["cap_periods"].as_array().unwrap().len(), cap_periods.len());
    for (c, jc) in cap_periods.iter().zip(j["cap_periods"].as_array().unwrap()) {
        let scope = match c.scope {
            CapScope::Plan => "plan",
            CapScope::Year => "year",
            CapScope::Item => "item",
            CapScope::Once => "once",
        };
        let reading = c.reading.map(|r| {
            json!({ "code": r.code, "zh": r.text.zh, "en": r.text.en, "reason": text(r.reason), "source": r.source })
        });
        assert_eq!(
            jc,
            &json!({ "id": c.id, "label": text(c.label), "scope": scope, "reading": reading })
        );
    }
}

/// The measures are numbered 1, 2, … in order, and every category names one of them
/// (how many there are is the data's business: a new category changes no test).
#[test]
fn the_measures_are_numbered_in_order_and_every_category_has_one() {
    let p = Policy::builtin();
    assert_eq!(
        p.measures().iter().map(|m| m.id).collect::<Vec<_>>(),
        (1..=p.measures().len()).map(|i| i.to_string()).collect::<Vec<_>>()
    );
    assert!(!p.categories.is_empty());
    for c in p.categories {
        assert!(p.measure(c.measure).is_some());
        assert_eq!(c.rate_assumed, c.assumption.is_some(), "{}", c.id);
    }
}

/// Every grouping into one matter, and every cap whose scope the text leaves
/// open, is marked as a reading with its reason, in both languages.
#[test]
fn readings_are_marked_with_their_reasons() {
    let p = Policy::builtin();
    let mut readings = vec![p.document.non_cumulative_reading];
    for c in p.categories {
        if let Some(g) = c.exclusive_group {
            let group = p.exclusive_group(g).unwrap_or_else(|| panic!("{}: no group {g}", c.id));
            readings.push(group.reading);
        }
    }
    readings.extend(p.cap_periods().iter().filter_map(|c| c.reading));
    readings.extend(p.categories.iter().filter_map(|c| c.reading));
    for r in readings {
        for t in [r.text, r.reason] {
            assert!(!t.zh.is_empty() && !t.en.is_empty(), "{}", r.code);
        }
        assert!(r.code.starts_with("reading_"), "{}", r.code);
    }
}

/// Each category's expenses with every condition met (the conditions from the data), in `year`.
fn qualifying(c: &pinghu_subsidy::policy::Category, year: i32) -> Value {
    let conditions: serde_json::Map<String, Value> = c
        .conditions
        .iter()
        .map(|k| {
            let v = match k.rule {
                Rule::Is(b) => json!(b),
                Rule::AtLeast(n) => json!(n),
            };
            (k.id.to_string(), v)
        })
        .collect();
    let mut e = json!({ "category": c.id, "conditions": conditions });
    if c.kind == Kind::Expense {
        e["amount"] = json!(plain(c.cap));
    }
    json!({ "year": year, "expenses": [e] })
}

/// A category's own reading, and the document notices that govern it (a provincial clause), stand
/// on its line: a notice with its code and the category.
#[test]
fn a_categorys_reading_and_notices_stand_on_its_line() {
    let p = Policy::builtin();
    let year = p.document.first_year + 1;
    let mut seen = 0;
    for c in p.categories {
        let est = p.calculate_input(qualifying(c, year)).unwrap();
        let codes = c.notices.iter().copied().chain(c.reading.map(|r| r.code));
        for code in codes {
            seen += 1;
            assert!(
                est.notices
                    .iter()
                    .any(|n| n.code() == code && n.category.is_some_and(|x| x.id == c.id)),
                "{}: no notice {code} on its line",
                c.id
            );
        }
    }
    if seen == 0 {
        eprintln!("skipped: no category of this policy has a reading or a notice of its own");
    }
}

/// Words never claim more than the text: an estimate says 暂不计入 (not counted for now), never
/// the wording of an official refusal, in every state a line can be in.
#[test]
fn the_words_never_refuse_what_the_text_may_give() {
    let p = Policy::builtin();
    let d = &p.document;
    for c in p.categories {
        for year in [d.first_year - 1, d.first_year, d.first_year + 1, d.last_year + 1] {
            let met = qualifying(c, year);
            let mut unmet = met.clone();
            unmet["expenses"][0]["conditions"] = json!({});
            for input in [met, unmet] {
                let est = p.calculate_input(input).unwrap();
                let words = est
                    .lines
                    .iter()
                    .map(|l| &l.explanation)
                    .chain(est.notices.iter().map(|n| &n.text));
                for m in words {
                    for refusal in ["不予支持", "不予计算", "不予补助"] {
                        assert!(!m.zh.contains(refusal), "{} {year}: {}", c.id, m.zh);
                    }
                    assert!(!m.en.contains("No support"), "{} {year}: {}", c.id, m.en);
                }
            }
        }
    }
}

/// Every measure that funds no category but promises something lists it, and every
/// overlap names categories of the policy (issue 8 §6).
#[test]
fn promises_without_an_amount_and_overlaps_are_data() {
    let p = Policy::builtin();
    let promised: Vec<&str> = p.promises().iter().map(|x| x.measure).collect();
    for m in ["8", "9", "12", "14", "15", "16"] {
        assert!(
            promised.contains(&m),
            "measure {m} promises something without an amount"
        );
    }
    for x in p.promises() {
        assert!(
            p.measure(x.measure).is_some(),
            "promise {} names measure {}",
            x.id,
            x.measure
        );
        assert!(!x.text.zh.is_empty() && !x.text.en.is_empty());
    }
    assert!(!p.overlaps().is_empty());
    for o in p.overlaps() {
        assert!(o.categories.len() >= 2);
        for c in o.categories {
            assert!(p.category(c).is_some(), "overlap {} names {c}", o.id);
        }
    }
    let j: serde_json::Value = serde_json::from_str(p.to_json()).unwrap();
    assert_eq!(j["promises"].as_array().unwrap().len(), p.promises().len());
    assert_eq!(j["overlaps"][0]["categories"][0], p.overlaps()[0].categories[0]);
}

/// The document is one of its sources, with the same status and issue date, and the notices
/// say its status where the data places them: a draft says so in the banner; a final text
/// carries no notice stating another status.
#[test]
fn the_status_is_the_sources_and_the_notices_agree() {
    let p = Policy::builtin();
    let d = &p.document;
    assert!(["draft", "final"].contains(&d.status), "{}", d.status);
    let me = d
        .sources
        .iter()
        .find(|x| x.id == d.cites)
        .expect("the document is a source");
    assert_eq!((me.status, me.issued), (d.status, d.issued));
    if d.status == "final" {
        assert!(d.issued.is_some());
    }
    for n in d.notices {
        assert!(n.status.is_none_or(|s| s == d.status), "notice {}", n.code);
    }
    let banner = d
        .notices
        .iter()
        .any(|n| n.status == Some("draft") && n.placement == pinghu_subsidy::policy::Placement::Banner);
    assert_eq!(banner, d.status == "draft");
    let j: Value = serde_json::from_str(p.to_json()).unwrap();
    assert_eq!(j["document"]["sources"].as_array().unwrap().len(), d.sources.len());
    assert_eq!(j["document"]["issued"], json!(d.issued));
}

/// The English summaries say the figures the data holds: each category's cap (`¥100,000`) and
/// stated rate (`50%`) stands in its measure's `summary_en` or in one of its citations' (a 细则
/// that changes a figure says so in its own summary).
#[test]
fn the_english_summaries_say_the_figures() {
    let p = Policy::builtin();
    let mut wrong = Vec::new();
    for c in p.categories {
        let measure = p.measure(c.measure).expect("its measure");
        let mut said = vec![measure.summary_en];
        said.extend(c.citations.iter().map(|x| x.summary_en));
        let cap = format!("¥{}", group(&c.cap.normalize().to_string()));
        if !said.iter().any(|s| s.contains(&cap)) {
            wrong.push(format!("{}: {cap} not in {said:?}", c.id));
        }
        if let (Some(rate), false) = (c.rate, c.rate_assumed) {
            let pct = pinghu_subsidy::amount::percent(rate);
            if !said.iter().any(|s| s.contains(&pct)) {
                wrong.push(format!("{}: {pct} not in {said:?}", c.id));
            }
        }
    }
    assert!(wrong.is_empty(), "summaries that miss a figure:\n{}", wrong.join("\n"));
}

/// `1000000` → `1,000,000`.
fn group(digits: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Next steps are data: every department a measure lists has a full name, every category
/// that funds something says what to hold or show, and no contact is made up.
#[test]
fn next_steps_are_data_and_no_contact_is_made_up() {
    let p = Policy::builtin();
    for m in p.measures() {
        for d in m.departments_zh {
            assert!(
                p.departments().iter().any(|x| x.short_zh == *d),
                "measure {}: department {d} has no full name",
                m.id
            );
        }
    }
    for c in p.categories {
        assert!(
            p.requirements().iter().any(|r| r.category == c.id),
            "{}: no requirement",
            c.id
        );
    }
    for d in p.departments() {
        assert!(!d.name.zh.is_empty() && !d.name.en.is_empty(), "{}", d.short_zh);
        // Until an official source gives them, contacts stay empty.
        assert_eq!((d.phone, d.portal), (None, None), "{}", d.short_zh);
    }
    let a = p.application().expect("how to apply");
    assert!(a.text.zh.contains("实施细则"));
    assert_eq!((a.contact, a.phone, a.portal), (None, None, None));
    let j = serde_json::to_value(p.guide_view()).unwrap();
    assert_eq!(j["application"]["phone"], Value::Null);
    assert_eq!(j["departments"].as_array().unwrap().len(), p.departments().len());
    // Kept out of policy() and so out of the wasm: the element loads them on demand.
    let policy: Value = serde_json::from_str(p.to_json()).unwrap();
    assert!(policy.get("departments").is_none() && policy.get("requirements").is_none());
}
