//! What the schema alone cannot say: references between tables, duplicate
//! ids, which keys go together, dates against years. Every problem is
//! reported, each with the line and column it is about.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::schema::{self, place, Category, Condition, ConditionType, Kind, Placement, PolicyFile, Status};

/// Every problem of `file`, read from `text`, as `line:column: message`.
pub fn check(file: &PolicyFile, text: &str) -> Vec<String> {
    let mut p = Problems { text, list: Vec::new() };
    document(&file.document, &mut p);
    unique(&mut p, "duplicate source", file.source.iter().map(|x| &x.id));
    sources(file, &mut p);
    for c in &file.cap_period {
        if let Some(r) = &c.reading {
            parent(&mut p, "cap_period", &c.id, r.of.as_ref(), "reading", "of");
        }
    }
    for g in &file.exclusive_group {
        parent(&mut p, "exclusive_group", &g.id, g.reading.of.as_ref(), "reading", "of");
    }
    if let Some(of) = &file.document.non_cumulative_reading.of {
        p.at(of.span(), "document: this reading has no `of`".to_string());
    }
    unique(
        &mut p,
        "document: duplicate notice",
        file.document.notice.iter().map(|n| &n.code),
    );
    unique(&mut p, "duplicate applicant", file.applicant.iter().map(|a| &a.id));
    unique(&mut p, "duplicate cap_period", file.cap_period.iter().map(|c| &c.id));
    unique(
        &mut p,
        "duplicate exclusive_group",
        file.exclusive_group.iter().map(|g| &g.id),
    );
    unique(&mut p, "duplicate measure", file.measure.iter().map(|m| &m.id));
    unique(&mut p, "duplicate category", file.category.iter().map(|c| &c.id));
    unique(&mut p, "duplicate promise", file.promise.iter().map(|x| &x.id));
    unique(&mut p, "duplicate overlap", file.overlap.iter().map(|x| &x.id));
    for x in &file.promise {
        if !file.measure.iter().any(|m| m.id.get_ref() == x.measure.get_ref()) {
            let msg = format!(
                "promise {}: measure {:?} is not a [[measure]]",
                x.id.get_ref(),
                x.measure.get_ref()
            );
            p.at(x.measure.span(), msg);
        }
    }
    for x in &file.overlap {
        overlap(file, x, &mut p);
    }
    unique(
        &mut p,
        "duplicate department",
        file.department.iter().map(|d| &d.short_zh),
    );
    unique(
        &mut p,
        "duplicate requirement",
        file.requirement.iter().map(|r| &r.category),
    );
    for r in &file.requirement {
        if !file.category.iter().any(|c| c.id.get_ref() == r.category.get_ref()) {
            let msg = format!("requirement: category {:?} is not a [[category]]", r.category.get_ref());
            p.at(r.category.span(), msg);
        }
        let given = [&r.evidence_zh, &r.evidence_en, &r.evidence_source].map(|x| x.is_empty());
        if given.iter().any(|&e| e != given[0]) {
            let msg = format!(
                "requirement {:?}: evidence_zh, evidence_en and evidence_source go together (evidence is quoted, never invented)",
                r.category.get_ref()
            );
            p.at(r.category.span(), msg);
        }
    }
    if let Some(a) = &file.application {
        application(file, a, &mut p);
    }
    for m in &file.material {
        if !file.category.iter().any(|c| c.id.get_ref() == m.category.get_ref()) {
            let msg = format!("material: category {:?} is not a [[category]]", m.category.get_ref());
            p.at(m.category.span(), msg);
        }
        if let Some(x) = &m.cites {
            cites(file, &mut p, "material", x);
        }
    }
    for m in &file.measure {
        cites(file, &mut p, &format!("measure {}", m.id.get_ref()), &m.cites);
        if m.departments_zh.len() != m.departments_en.get_ref().len() {
            let msg = format!(
                "measure {}: departments_zh and departments_en differ in length",
                m.id.get_ref()
            );
            p.at(m.departments_en.span(), msg);
        }
    }
    for c in &file.category {
        references(file, c, &mut p);
        rate(c, &mut p);
        let what = format!("category {}: duplicate condition", c.id.get_ref());
        unique(&mut p, &what, c.condition.iter().map(|k| &k.id));
        for k in &c.condition {
            condition(c, k, &mut p);
            parent(&mut p, "category", &c.id, Some(&k.category), "condition", "category");
            if let Some(x) = &k.cites {
                cites(
                    file,
                    &mut p,
                    &format!("category {}, condition {}", c.id.get_ref(), k.id.get_ref()),
                    x,
                );
            }
        }
        if let Some(x) = &c.cites {
            cites(file, &mut p, &format!("category {}", c.id.get_ref()), x);
        }
        if let Some(r) = &c.reading {
            parent(&mut p, "category", &c.id, r.of.as_ref(), "reading", "of");
        }
        for n in &c.notices {
            if !file.document.notice.iter().any(|d| d.code.get_ref() == n.get_ref()) {
                let msg = format!(
                    "category {}: notice {:?} is not a [[document.notice]]",
                    c.id.get_ref(),
                    n.get_ref()
                );
                p.at(n.span(), msg);
            }
        }
        if let Some(k) = &file.document.start_condition {
            if c.condition.iter().any(|x| x.id.get_ref() == k.id.get_ref()) {
                let msg = format!(
                    "category {}: condition {:?} is the document's start_condition",
                    c.id.get_ref(),
                    k.id.get_ref()
                );
                p.at(c.id.span(), msg);
            }
        }
        for x in &c.citation {
            parent(&mut p, "category", &c.id, Some(&x.category), "citation", "category");
            cites(
                file,
                &mut p,
                &format!("category {}, citation", c.id.get_ref()),
                &x.source,
            );
        }
    }
    p.list
}

/// How to apply: zh and en go together, and each thing a source gives (the window, the contact,
/// the phone, the portal) quotes its words from it.
fn application(file: &PolicyFile, a: &schema::Application, p: &mut Problems) {
    let span = a.contact_en.span();
    if a.contact_zh.is_empty() != a.contact_en.get_ref().is_empty() {
        p.at(
            span.clone(),
            "application: contact_zh and contact_en go together".into(),
        );
    }
    if a.window_zh.is_empty() != a.window_en.is_empty() {
        p.at(span.clone(), "application: window_zh and window_en go together".into());
    }
    if a.lead_zh.is_empty() != a.lead_en.is_empty() {
        p.at(span.clone(), "application: lead_zh and lead_en go together".into());
    }
    let given = [
        ("window", &a.window_zh, &a.window_source),
        ("contact", &a.contact_zh, &a.contact_source),
        ("phone", &a.phone, &a.phone_source),
        ("portal", &a.portal, &a.portal_source),
    ];
    for (what, value, quote) in given {
        if value.is_empty() != quote.is_empty() {
            p.at(
                span.clone(),
                format!("application: {what} and {what}_source go together (a contact is never invented)"),
            );
        }
    }
    if let Some(x) = &a.cites {
        cites(file, p, "application", x);
    }
}

/// A table nested under an array of tables names its parent (`key`): TOML attaches
/// `[[category.condition]]` to the category above it, whichever that is, so a category
/// inserted between another and its condition would silently take the condition.
fn parent(p: &mut Problems, kind: &str, id: &Spanned<String>, named: Option<&Spanned<String>>, child: &str, key: &str) {
    match named {
        None => p.at(
            id.span(),
            format!("{kind} {}: its {child} needs {key} = {:?}", id.get_ref(), id.get_ref()),
        ),
        Some(n) if n.get_ref() != id.get_ref() => {
            let msg = format!(
                "{child} of {kind} {:?} is written under {kind} {:?} (first at {}): \
                 move it below its own {kind}, or a table inserted between them takes it",
                n.get_ref(),
                id.get_ref(),
                place(p.text, &id.span())
            );
            p.at(n.span(), msg);
        }
        Some(_) => {}
    }
}

/// `what` names a `[[source]]`.
fn cites(file: &PolicyFile, p: &mut Problems, what: &str, id: &Spanned<String>) {
    if !file.source.iter().any(|x| x.id.get_ref() == id.get_ref()) {
        p.at(id.span(), format!("{what}: {:?} is not a [[source]]", id.get_ref()));
    }
}

/// The sources: each text file exists; the document is one of them, with its status
/// and issue date; a final document or source has an issue date; the notices agree
/// with the status (a notice stating a status only under it; a draft says so in the banner).
fn sources(file: &PolicyFile, p: &mut Problems) {
    let d = &file.document;
    for x in &file.source {
        if std::fs::metadata(x.file.get_ref()).is_err() {
            let msg = format!(
                "source {}: no file {:?} (from the crate's root)",
                x.id.get_ref(),
                x.file.get_ref()
            );
            p.at(x.file.span(), msg);
        }
        if *x.status.get_ref() == Status::Final && x.issued.is_none() {
            let msg = format!(
                "source {}: a final source needs issued = \"YYYY-MM-DD\"",
                x.id.get_ref()
            );
            p.at(x.status.span(), msg);
        }
    }
    cites(file, p, "document", &d.cites);
    if let Some(x) = file.source.iter().find(|x| x.id.get_ref() == d.cites.get_ref()) {
        if x.status.get_ref() != d.status.get_ref() {
            let msg = format!(
                "document: status {:?} but its source {} has status {:?}",
                d.status.get_ref().id(),
                x.id.get_ref(),
                x.status.get_ref().id()
            );
            p.at(d.status.span(), msg);
        }
        let date = |i: &Option<Spanned<schema::Date>>| i.as_ref().map(|v| v.get_ref().text.clone());
        if date(&d.issued) != date(&x.issued) {
            let msg = format!("document: issued differs from its source {}'s", x.id.get_ref());
            p.at(d.cites.span(), msg);
        }
    }
    if *d.status.get_ref() == Status::Final && d.issued.is_none() {
        p.at(
            d.status.span(),
            "document: a final document needs issued = \"YYYY-MM-DD\"".to_string(),
        );
    }
    for n in &d.notice {
        if let Some(st) = n.status {
            if st != *d.status.get_ref() {
                let msg = format!(
                    "document: notice {} states status {:?}, the document's is {:?}: remove or reword it",
                    n.code.get_ref(),
                    st.id(),
                    d.status.get_ref().id()
                );
                p.at(n.code.span(), msg);
            }
        }
    }
    let says = d
        .notice
        .iter()
        .any(|n| n.status == Some(Status::Draft) && n.placement == Placement::Banner);
    if *d.status.get_ref() == Status::Draft && !says {
        let msg = "document: a draft needs a notice with status = \"draft\" and placement = \"banner\"";
        p.at(d.status.span(), msg.to_string());
    }
}

struct Problems<'a> {
    text: &'a str,
    list: Vec<String>,
}

impl Problems<'_> {
    fn at(&mut self, span: Range<usize>, message: String) {
        self.list.push(format!("{}: {message}", place(self.text, &span)));
    }
}

/// The years agree with the dates: `valid_from` in `first_year`, `valid_until` in `last_year`.
fn document(d: &schema::Document, p: &mut Problems) {
    let (first, last) = (*d.first_year.get_ref(), *d.last_year.get_ref());
    if first > last {
        p.at(
            d.last_year.span(),
            format!("document: last_year {last} is before first_year {first}"),
        );
    }
    if d.valid_from.get_ref().year != first {
        let msg = format!(
            "document: valid_from {:?} is not in first_year {first}",
            d.valid_from.get_ref().text
        );
        p.at(d.valid_from.span(), msg);
    }
    if d.valid_until.get_ref().year != last {
        let msg = format!(
            "document: valid_until {:?} is not in last_year {last}",
            d.valid_until.get_ref().text
        );
        p.at(d.valid_until.span(), msg);
    }
    if d.detailed_rules_zh.len() != d.detailed_rules_en.get_ref().len() {
        let msg = "document: detailed_rules_zh and detailed_rules_en differ in length".to_string();
        p.at(d.detailed_rules_en.span(), msg);
    }
}

/// No id twice among `ids`; `what` says what a second one is.
fn unique<'a>(p: &mut Problems, what: &str, ids: impl Iterator<Item = &'a Spanned<String>>) {
    let mut seen: BTreeMap<&str, Range<usize>> = BTreeMap::new();
    for id in ids {
        if let Some(first) = seen.get(id.get_ref().as_str()) {
            let msg = format!("{what} {:?} (first at {})", id.get_ref(), place(p.text, first));
            p.at(id.span(), msg);
        } else {
            seen.insert(id.get_ref(), id.span());
        }
    }
}

/// An overlap names at least two different categories, each of which exists.
fn overlap(file: &PolicyFile, x: &schema::Overlap, p: &mut Problems) {
    let ids = x.categories.get_ref();
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 2 || distinct.len() != ids.len() {
        let msg = format!(
            "overlap {}: categories must name two or more different categories",
            x.id.get_ref()
        );
        p.at(x.categories.span(), msg);
    }
    for id in ids {
        if !file.category.iter().any(|c| c.id.get_ref() == id) {
            let msg = format!("overlap {}: category {id:?} is not a [[category]]", x.id.get_ref());
            p.at(x.categories.span(), msg);
        }
    }
}

/// The measure, applicant group and cap period a category names exist.
fn references(file: &PolicyFile, c: &Category, p: &mut Problems) {
    let id = c.id.get_ref();
    if !file.measure.iter().any(|m| m.id.get_ref() == c.measure.get_ref()) {
        p.at(
            c.measure.span(),
            format!("category {id}: measure {:?} is not a [[measure]]", c.measure.get_ref()),
        );
    }
    if !file.applicant.iter().any(|a| a.id.get_ref() == c.applicant.get_ref()) {
        p.at(
            c.applicant.span(),
            format!(
                "category {id}: applicant {:?} is not an [[applicant]]",
                c.applicant.get_ref()
            ),
        );
    }
    if let Some(g) = &c.exclusive_group {
        if !file.exclusive_group.iter().any(|e| e.id.get_ref() == g.get_ref()) {
            let msg = format!(
                "category {id}: exclusive_group {:?} is not an [[exclusive_group]]",
                g.get_ref()
            );
            p.at(g.span(), msg);
        }
    }
    if !file.cap_period.iter().any(|a| a.id.get_ref() == c.cap_period.get_ref()) {
        let msg = format!(
            "category {id}: cap_period {:?} is not a [[cap_period]]",
            c.cap_period.get_ref()
        );
        p.at(c.cap_period.span(), msg);
    }
}

/// An expense has `rate`, `rate_source` and `assumed_rate`; an award none of
/// them. An assumed rate has an empty `rate_source` and an `assumption_zh/en`;
/// a stated one quotes its source and assumes nothing.
fn rate(c: &Category, p: &mut Problems) {
    let id = c.id.get_ref();
    let mut wrong = |msg: &str| p.at(c.id.span(), format!("category {id}: {msg}"));
    let assumption = (&c.assumption_zh, &c.assumption_en);
    match (c.kind, &c.rate, &c.rate_source, c.assumed_rate) {
        (Kind::Award, None, None, None) => {
            if assumption != (&None, &None) {
                wrong("an award has no assumption_zh or assumption_en");
            }
            if c.rate_up_to.is_some() {
                wrong("an award has no rate_up_to");
            }
        }
        (Kind::Award, ..) => wrong("an award has no rate, rate_source or assumed_rate"),
        (Kind::Expense, Some(_), Some(source), Some(assumed)) => {
            if source.is_empty() != assumed {
                wrong("an assumed rate has an empty rate_source, a stated one quotes it");
            }
            if assumed && c.rate_up_to == Some(true) {
                wrong("rate_up_to quotes a stated rate: an assumed one has none");
            }
            match (assumed, assumption) {
                (true, (Some(_), Some(_))) | (false, (None, None)) => {}
                (true, _) => wrong("an assumed rate needs assumption_zh and assumption_en"),
                (false, _) => wrong("a stated rate has no assumption_zh or assumption_en"),
            }
        }
        (Kind::Expense, ..) => wrong("an expense needs rate, rate_source and assumed_rate"),
    }
}

/// A `bool` condition has `expect`, and a `default` exactly when it is not
/// required; `months` and `count` have `min` and are required.
fn condition(c: &Category, k: &Condition, p: &mut Problems) {
    let at = format!("category {}, condition {}", c.id.get_ref(), k.id.get_ref());
    let mut wrong = |msg: &str| p.at(k.id.span(), format!("{at}: {msg}"));
    match k.kind {
        ConditionType::Bool => {
            if k.expect.is_none() {
                wrong("a bool condition needs expect");
            }
            if k.required == k.default.is_some() {
                wrong("a bool condition has a default exactly when it is not required");
            }
            if k.min.is_some() {
                wrong("a bool condition has no min");
            }
        }
        ConditionType::Months | ConditionType::Count => {
            if k.min.is_none() || !k.required {
                wrong("a months or count condition needs min and required = true");
            }
            if k.expect.is_some() || k.default.is_some() {
                wrong("a months or count condition has no expect or default");
            }
        }
    }
}
