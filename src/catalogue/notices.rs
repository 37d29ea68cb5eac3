//! The words of a notice: the document's own, and those a line or a plan raises, each from its
//! typed kind. `notice` matches every kind by name; the longer ones have a function each.

use rust_decimal::Decimal;

use super::{other_policy_words, requirement, used_in};
use crate::amount::{money, percent};
use crate::estimate::{Message, NoticeKind, UsedIn};
use crate::policy::{Category, Kind as CategoryKind, Policy, Reading};

/// The words of a notice; `cat` is the category it is about, if one.
pub(crate) fn notice(policy: &Policy, kind: &NoticeKind, cat: Option<&Category>) -> Message {
    let doc = &policy.document;
    let (lz, le) = cat.map_or(("", ""), |c| (c.label.zh, c.label.en));
    match kind {
        NoticeKind::Document(code) => {
            let n = doc.notices.iter().find(|n| n.code == *code);
            n.map_or_else(Message::default, |n| Message::new(n.text.zh, n.text.en, &[]))
        }
        NoticeKind::OutsidePeriod { year } => Message::new(
            "{0}年不在本方案有效期（{1} 至 {2}）内：各项支持均按 0 计。",
            "The plan is not in force in {0} (it runs from {1} to {2}): every line is 0.",
            &[&year.to_string(), doc.valid_from, doc.valid_until],
        ),
        NoticeKind::PartialYear { year } => match doc.start_notice {
            Some(t) => Message::new(t.zh, t.en, &[]),
            None => Message::new(
                "本方案自 {1} 起施行：{0} 年只计施行之后发生的费用。",
                "The plan takes effect in {1}: for {0} only expenses from then on count.",
                &[&year.to_string(), doc.valid_from],
            ),
        },
        NoticeKind::ConditionMissing { condition } => Message::new(
            "“{0}”缺少条件“{2}”：按未满足计，暂不计入。",
            "“{1}”: condition “{3}” not given, so counted as not met and not counted for now.",
            &[lz, le, condition.label.zh, condition.label.en],
        ),
        NoticeKind::ConditionNotMet { condition } => {
            let need = requirement(condition);
            Message::new(
                "“{0}”条件未满足：“{2}”{4}（依据：“{6}”）。",
                "“{1}”: condition not met: “{3}” {5} (text: “{6}”).",
                &[lz, le, condition.label.zh, condition.label.en, &need.zh, &need.en, condition.source],
            )
        }
        NoticeKind::AssumedRate => {
            cat.and_then(|c| c.assumption).map_or_else(Message::default, |a| Message::new(a.zh, a.en, &[]))
        }
        NoticeKind::RateUpTo { rate } => Message::new(
            "“{0}”：原文写的是“{3}”，这里按最高 {2} 估算；实际比例经评审或评定确定。",
            "“{1}”: the text says “{3}”; this estimate uses the most it allows, {2}, and an evaluation or assessment sets the actual rate.",
            &[lz, le, &percent(*rate), cat.map_or("", |c| c.rate_source)],
        ),
        NoticeKind::OtherPolicyHigher { other, items } => Message::new(
            "“{0}”：{2} 项已按其他政策获得的支持（共 {3}）不低于本方案可补的数额：就高不重复，这些项目归其他政策，本方案不另给，也不占本方案上限。",
            "“{1}”: {2} item(s) already granted {3} under another policy, no less than this plan would add: the higher applies, so they are left with the other policy, outside this plan and its cap.",
            &[lz, le, &items.to_string(), &money(*other)],
        ),
        NoticeKind::Reading(r) => reading(r),
        NoticeKind::CapUsed { when, left } => {
            let w = used_in(*when);
            Message::new(
                "“{0}”的上限（{2}）{4}已部分或全部用去，本年尚余 {6}。",
                "“{1}”: its cap ({3}) was used {5}; {6} is left this year.",
                &[lz, le, cat.map_or("", |c| c.cap_period.label.zh), cat.map_or("", |c| c.cap_period.label.en), &w.zh, &w.en, &money(*left)],
            )
        }
        NoticeKind::CapOverPlan {
            reading: r,
            yearly,
            yearly_awards,
        } => cap_over_plan(r, *yearly, *yearly_awards),
        NoticeKind::OncePaid { when } => once_paid(lz, le, *when),
        NoticeKind::ThisPlanHigher { other, this_plan, rest } => {
            let mut m = Message::new("“{0}”：", "“{1}”: ", &[lz, le]);
            let (zh, en) = other_policy_words(false, cat.is_some_and(|c| c.kind == CategoryKind::Award));
            m.add(zh, en, &[&money(*other), &money(*this_plan), &money(*rest)]);
            m
        }
        NoticeKind::Exclusive { members } => exclusive(lz, le, members),
        NoticeKind::Overlap(o) => Message::new(o.text.zh, o.text.en, &[]),
        NoticeKind::Award => Message::new(
            "奖励类项目经评审认定：所示金额为上限，单独列出，不计入合计。",
            "Awards are decided by evaluation: the amounts shown are ceilings, listed apart and not added to the total.",
            &[],
        ),
    }
}

/// Caps with no period in the text taken over the plan: the reading, and the totals were they
/// read as yearly caps instead.
fn cap_over_plan(r: &Reading, yearly: Option<Decimal>, yearly_awards: Option<Decimal>) -> Message {
    let mut m = reading(r);
    if let Some(y) = yearly {
        m.add(
            "若按每年一个上限理解，方案合计为 {0}。",
            " Read as a cap each year instead, the plan's total would be {0}.",
            &[&money(y)],
        );
    }
    if let Some(a) = yearly_awards {
        m.add(
            "若按每年一个上限理解，奖励上限合计为 {0}。",
            " Read as a cap each year instead, the award ceilings would add up to {0}.",
            &[&money(a)],
        );
    }
    m
}

/// A one-time support counted in another year, or received before.
fn once_paid(lz: &str, le: &str, when: UsedIn) -> Message {
    let mut m = Message::new("“{0}”：", "“{1}”: ", &[lz, le]);
    match when {
        UsedIn::Year(y) => m.add(
            "一次性支持按最有利的一年计，已在 {0} 年计入；其他年度按 0 计。",
            "a one-time support, counted in its best year, {0}; the other years count 0.",
            &[&y.to_string()],
        ),
        UsedIn::Before => m.add(
            "一次性支持此前已获得，本方案不再计入。",
            "a one-time support already received; not counted again.",
            &[],
        ),
    }
    m
}

/// Categories that are one matter (`members`), of which only the kept one (`lz`, `le`) counts.
fn exclusive(lz: &str, le: &str, members: &[&Category]) -> Message {
    let mut names = Message::default();
    for (k, c) in members.iter().enumerate() {
        let sep = if k == 0 { ["", ""] } else { ["、", " and "] };
        names.add("{0}“{2}”", "{1}“{3}”", &[sep[0], sep[1], c.label.zh, c.label.en]);
    }
    Message::new(
        "{2} 为同一事项，就高不重复：只计较高的“{0}”。",
        "{3} are one matter: only the higher, “{1}”, counts.",
        &[lz, le, &names.zh, &names.en],
    )
}

/// A reading of the text, with its reason.
fn reading(r: &Reading) -> Message {
    Message::new(
        "{0}理由：{2}",
        "{1} Why: {3}",
        &[r.text.zh, r.text.en, r.reason.zh, r.reason.en],
    )
}
