//! The checked policy file as the crate's own types (`src/policy/types.rs`),
//! the values both emitters write. Strings are leaked: the build script is a
//! short-lived program and the types hold `&'static str`.

use crate::schema::{self, PolicyFile};
use crate::types::*;

/// Everything the crate's statics hold, and what the JSON is serialized from.
pub struct Model {
    pub document: Document,
    pub applicants: &'static [Applicant],
    pub cap_periods: &'static [CapPeriod],
    pub exclusive_groups: &'static [ExclusiveGroup],
    pub measures: &'static [Measure],
    pub categories: &'static [Category],
    pub promises: &'static [Promise],
    pub overlaps: &'static [Overlap],
    pub application: Option<&'static Application>,
    pub departments: &'static [Department],
    pub requirements: &'static [Requirement],
    pub materials: &'static [Material],
}

impl Model {
    /// What `policy()` returns, before serializing.
    pub fn json_view(&self) -> PolicyJson<'_> {
        PolicyJson {
            document: &self.document,
            applicants: self.applicants,
            cap_periods: self.cap_periods,
            exclusive_groups: self.exclusive_groups,
            measures: self.measures,
            categories: self.categories,
            promises: self.promises,
            overlaps: self.overlaps,
        }
    }
}

/// The values of a file that passed `checks::check`.
pub fn build(file: &PolicyFile) -> Result<Model, String> {
    let cap_periods = leak_all(file.cap_period.iter().map(|c| CapPeriod {
        id: s(c.id.get_ref()),
        label: text(&c.label_zh, &c.label_en),
        scope: match c.scope {
            schema::CapScope::Plan => CapScope::Plan,
            schema::CapScope::Year => CapScope::Year,
            schema::CapScope::Item => CapScope::Item,
            schema::CapScope::Once => CapScope::Once,
        },
        reading: c.reading.as_ref().map(reading),
    }));
    let categories = file
        .category
        .iter()
        .map(|c| category(c, cap_periods, file))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Model {
        document: document(&file.document, &file.source),
        applicants: leak_all(file.applicant.iter().map(|a| Applicant {
            id: s(a.id.get_ref()),
            label: text(&a.label_zh, &a.label_en),
        })),
        cap_periods,
        exclusive_groups: leak_all(file.exclusive_group.iter().map(|g| ExclusiveGroup {
            id: s(g.id.get_ref()),
            reading: reading(&g.reading),
        })),
        measures: leak_all(file.measure.iter().map(measure)),
        categories: leak_all(categories),
        promises: leak_all(file.promise.iter().map(|x| Promise {
            id: s(x.id.get_ref()),
            measure: s(x.measure.get_ref()),
            text: text(&x.zh, &x.en),
            source: s(&x.source),
        })),
        overlaps: leak_all(file.overlap.iter().map(|x| Overlap {
            id: s(x.id.get_ref()),
            categories: strs(x.categories.get_ref()),
            text: text(&x.zh, &x.en),
        })),
        application: file.application.as_ref().map(|a| {
            &*Box::leak(Box::new(Application {
                text: text(&a.zh, &a.en),
                source: s(&a.source),
                window: (!a.window_zh.is_empty()).then(|| text(&a.window_zh, &a.window_en)),
                contact: (!a.contact_zh.is_empty()).then(|| text(&a.contact_zh, a.contact_en.get_ref())),
                phone: given(&a.phone),
                portal: given(&a.portal),
                quotes: [
                    s(&a.window_source),
                    s(&a.contact_source),
                    s(&a.phone_source),
                    s(&a.portal_source),
                ],
                cites: s(a.cites.as_ref().map_or(file.document.cites.get_ref(), |c| c.get_ref())),
                lead: (!a.lead_zh.is_empty()).then(|| text(&a.lead_zh, &a.lead_en)),
            }))
        }),
        departments: leak_all(file.department.iter().map(|d| Department {
            short_zh: s(d.short_zh.get_ref()),
            name: text(&d.name_zh, &d.name_en),
            phone: given(&d.phone),
            portal: given(&d.portal),
        })),
        materials: leak_all(file.material.iter().map(|m| {
            Material {
                category: s(m.category.get_ref()),
                text: text(&m.zh, &m.en),
                source: s(&m.source),
                cites: s(m
                    .cites
                    .as_ref()
                    .map_or_else(|| measure_cites(file, m.category.get_ref()), |c| c.get_ref())),
            }
        })),
        requirements: leak_all(file.requirement.iter().map(|r| Requirement {
            category: s(r.category.get_ref()),
            text: text(&r.zh, &r.en),
            source: s(&r.source),
            evidence: (!r.evidence_zh.is_empty()).then(|| text(&r.evidence_zh, &r.evidence_en)),
            evidence_source: s(&r.evidence_source),
        })),
    })
}

/// The source of the measure that funds `category` (`checks` saw both exist).
fn measure_cites<'a>(file: &'a PolicyFile, category: &str) -> &'a str {
    let measure = file
        .category
        .iter()
        .find(|c| c.id.get_ref() == category)
        .map(|c| c.measure.get_ref());
    file.measure
        .iter()
        .find(|m| Some(m.id.get_ref()) == measure)
        .map_or("", |m| m.cites.get_ref().as_str())
}

/// A text the file may leave empty (until an official source gives it): empty is `None`.
fn given(t: &str) -> Option<&'static str> {
    (!t.is_empty()).then(|| s(t))
}

fn document(d: &schema::Document, sources: &[schema::Source]) -> Document {
    Document {
        id: s(&d.id),
        version: s(&d.version),
        title: text(&d.title_zh, &d.title_en),
        status: s(d.status.get_ref().id()),
        status_label: text(&d.status_zh, &d.status_en),
        issued: d.issued.as_ref().map(|x| s(&x.get_ref().text)),
        cites: s(d.cites.get_ref()),
        sources: leak_all(sources.iter().map(|x| Source {
            id: s(x.id.get_ref()),
            title: text(&x.title_zh, &x.title_en),
            status: s(x.status.get_ref().id()),
            status_label: text(&x.status_zh, &x.status_en),
            issued: x.issued.as_ref().map(|i| s(&i.get_ref().text)),
            file: s(x.file.get_ref()),
        })),
        valid_from: s(&d.valid_from.get_ref().text),
        valid_from_month: d.valid_from.get_ref().month,
        valid_until: s(&d.valid_until.get_ref().text),
        first_year: *d.first_year.get_ref(),
        last_year: *d.last_year.get_ref(),
        valid_source: s(&d.valid_source),
        detailed_rules_zh: strs(&d.detailed_rules_zh),
        detailed_rules_en: strs(d.detailed_rules_en.get_ref()),
        detailed_rules_source: s(&d.detailed_rules_source),
        non_cumulative_source: s(&d.non_cumulative_source),
        non_cumulative_reading: reading(&d.non_cumulative_reading),
        start_notice: d.start_condition.as_ref().map(|k| text(&k.notice_zh, &k.notice_en)),
        notices: leak_all(d.notice.iter().map(|n| DocNotice {
            code: s(n.code.get_ref()),
            text: text(&n.zh, &n.en),
            source: s(&n.source),
            placement: match n.placement {
                schema::Placement::Banner => Placement::Banner,
                schema::Placement::Footnote => Placement::Footnote,
            },
            status: n.status.map(|x| s(x.id())),
        })),
    }
}

fn reading(r: &schema::Reading) -> Reading {
    Reading {
        code: s(r.code.get_ref()),
        text: text(&r.zh, &r.en),
        reason: text(&r.reason_zh, &r.reason_en),
        source: s(&r.source),
    }
}

fn measure(m: &schema::Measure) -> Measure {
    Measure {
        id: s(m.id.get_ref()),
        section: text(&m.section_zh, &m.section_en),
        title: text(&m.title_zh, &m.title_en),
        text: s(&m.text),
        summary_en: s(&m.summary_en),
        departments_zh: strs(&m.departments_zh),
        departments_en: strs(m.departments_en.get_ref()),
        cites: s(m.cites.get_ref()),
    }
}

fn category(c: &schema::Category, cap_periods: &'static [CapPeriod], file: &PolicyFile) -> Result<Category, String> {
    let (id, measures) = (c.id.get_ref(), &file.measure);
    // The measure's source, unless the category names its own (`checks` saw the measure exists).
    let measure_cites = measures
        .iter()
        .find(|m| m.id.get_ref() == c.measure.get_ref())
        .map_or("", |m| m.cites.get_ref().as_str());
    let cites = c.cites.as_ref().map_or(measure_cites, |x| x.get_ref().as_str());
    let cap_period = cap_periods
        .iter()
        .find(|p| p.id == c.cap_period.get_ref())
        .ok_or_else(|| format!("category {id}: no cap_period {:?}", c.cap_period.get_ref()))?;
    let assumption = match (&c.assumption_zh, &c.assumption_en) {
        (Some(zh), Some(en)) => Some(text(zh, en)),
        _ => None,
    };
    Ok(Category {
        id: s(id),
        measure: s(c.measure.get_ref()),
        kind: match c.kind {
            schema::Kind::Expense => Kind::Expense,
            schema::Kind::Award => Kind::Award,
        },
        applicant: s(c.applicant.get_ref()),
        label: text(&c.label_zh, &c.label_en),
        hint: text(&c.hint_zh, &c.hint_en),
        rate: c.rate.map(|r| r.0),
        rate_source: s(c.rate_source.as_deref().unwrap_or("")),
        rate_assumed: c.assumed_rate.unwrap_or(false),
        rate_up_to: c.rate_up_to.unwrap_or(false),
        assumption,
        cap: c.cap.0,
        cap_source: s(&c.cap_source),
        cap_period,
        exclusive_group: c.exclusive_group.as_ref().map(|g| s(g.get_ref())),
        conditions: leak_all(
            c.condition
                .iter()
                .map(|k| condition(k, measure_cites))
                .chain(start_condition(file).filter(|_| c.kind == schema::Kind::Expense)),
        ),
        cites: s(cites),
        citations: leak_all(c.citation.iter().map(|x| Citation {
            source: s(x.source.get_ref()),
            clause: s(&x.clause),
            text: s(&x.text),
            summary_en: s(&x.summary_en),
        })),
        reading: c.reading.as_ref().map(reading),
        notices: leak_all(c.notices.iter().map(|n| s(n.get_ref()))),
    })
}

/// The document's start condition, as each expense category asks it in the plan's first year.
fn start_condition(file: &PolicyFile) -> Option<Condition> {
    let d = &file.document;
    let k = d.start_condition.as_ref()?;
    Some(Condition {
        id: s(k.id.get_ref()),
        kind: ConditionType::Bool,
        required: true,
        rule: Rule::Is(true),
        default: None,
        label: text(&k.label_zh, &k.label_en),
        source: s(&k.source),
        cites: s(d.cites.get_ref()),
        only_year: Some(d.valid_from.get_ref().year),
    })
}

fn condition(k: &schema::Condition, measure_cites: &str) -> Condition {
    let (kind, rule) = match k.kind {
        // `expect` and `min` are there: `checks::condition`.
        schema::ConditionType::Bool => (ConditionType::Bool, Rule::Is(k.expect.unwrap_or(true))),
        schema::ConditionType::Months => (ConditionType::Months, Rule::AtLeast(k.min.unwrap_or(0))),
        schema::ConditionType::Count => (ConditionType::Count, Rule::AtLeast(k.min.unwrap_or(0))),
    };
    Condition {
        id: s(k.id.get_ref()),
        kind,
        required: k.required,
        rule,
        default: k.default,
        label: text(&k.label_zh, &k.label_en),
        source: s(&k.source),
        cites: s(k.cites.as_ref().map_or(measure_cites, |x| x.get_ref().as_str())),
        only_year: None,
    }
}

fn s(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn text(zh: &str, en: &str) -> Text {
    Text { zh: s(zh), en: s(en) }
}

fn strs(list: &[String]) -> &'static [&'static str] {
    leak_all(list.iter().map(|t| s(t)))
}

fn leak_all<T>(items: impl IntoIterator<Item = T>) -> &'static [T] {
    Vec::leak(items.into_iter().collect())
}
