//! The explanation of a line: one sentence or clause per typed step, in order, then the
//! headroom. `explain` matches every step by name (a new step does not compile until it has
//! words); the longer ones have a function each.

use rust_decimal::Decimal;

use super::{other_policy_words, requirement, used_in, yes_no};
use crate::amount::{money, percent};
use crate::estimate::{Headroom, Message, Step, UsedIn};
use crate::policy::{Category, Condition, ConditionValue, Kind as CategoryKind};

/// The explanation of a line, from its steps, and its headroom.
pub(crate) fn explain(cat: &Category, steps: &[Step], headroom: Option<Headroom>) -> Message {
    let mut ex = Message::default();
    for step in steps {
        match step {
            Step::ConditionMissing { item, condition } => condition_missing(&mut ex, *item, condition),
            Step::ConditionNotMet { item, condition, given } => condition_not_met(&mut ex, *item, condition, *given),
            Step::ItemOther { item, other, this_plan } => item_other(&mut ex, *item, other, *this_plan),
            Step::Project { item } => ex.add(
                "第 {0} 项（一个项目，单独封顶）：",
                "Item {0} (one project, capped on its own): ",
                &[&(item + 1).to_string()],
            ),
            Step::CapLeft {
                cap,
                used,
                left,
                when,
                by,
            } => cap_left(&mut ex, cat, cap, used, left, *when, *by),
            Step::CapShared { once } => cap_shared(&mut ex, cat, *once),
            Step::OncePaid { when } => once_paid(&mut ex, *when),
            Step::Base {
                base,
                left_out,
                to_other,
            } => base_step(&mut ex, cat, base, left_out, to_other),
            Step::Rate {
                rate,
                assumed,
                up_to,
                product,
            } => rate_step(&mut ex, rate, *assumed, *up_to, product),
            Step::Cap { cap, capped, remainder } => cap_step(&mut ex, cat, cap, *capped, *remainder),
            Step::Projects { total } => ex.add("各项目合计 {0}。", "The projects add up to {0}.", &[&money(*total)]),
            Step::Round { to, .. } => ex.add(
                "四舍五入到分：{0}。",
                "Rounded to the fen, half up: {0}.",
                &[&money(*to)],
            ),
            Step::NotSupported | Step::AwardNotCounted => ex.add(
                "条件未满足或未填写，暂不计入。",
                "Not counted for now: a condition is not met or not given.",
                &[],
            ),
            Step::Award { ceiling } => award_step(&mut ex, cat, ceiling),
            Step::AmountIgnored => ex.add(
                "（奖励不按填写的金额计算。）",
                "(Awards do not depend on an amount spent.)",
                &[],
            ),
            Step::OtherPolicy { other, this_plan, rest } => {
                let (zh, en) = other_policy_words(other >= this_plan, cat.kind == CategoryKind::Award);
                ex.add(zh, en, &[&money(*other), &money(*this_plan), &money(*rest)]);
            }
            Step::GroupNotKept { kept } => ex.add(
                "与“{0}”为同一事项，就高不重复，按较高的一项计，本项计 ¥0.00。",
                "Same matter as “{1}”: only the higher counts, so this line is ¥0.00.",
                &[kept.label.zh, kept.label.en],
            ),
            Step::OutsidePeriod { year } => ex.add(
                "{0}年不在本方案有效期内，按 0 计。",
                "The plan is not in force in {0}: 0.",
                &[&year.to_string()],
            ),
        }
    }
    // What the text would allow: not advice to spend (the rate may be assumed, the year past).
    if let Some(h) = headroom {
        ex.add(
            "按原文上限，距上限尚余 {1}（费用再多 {0} 即达上限）。",
            "Under the text's cap, {1} more would be allowed (reached with {0} more expense).",
            &[&money(h.expense_to_cap), &money(h.support_left)],
        );
    }
    ex
}

fn condition_missing(ex: &mut Message, item: Option<usize>, condition: &Condition) {
    item_prefix(ex, item);
    let need = requirement(condition);
    let args = [condition.label.zh, condition.label.en, &need.zh, &need.en];
    ex.add(
        "缺少条件“{0}”（{2}），按未满足计。",
        "Condition “{1}” not given ({3}): counted as not met.",
        &args,
    );
}

fn condition_not_met(ex: &mut Message, item: Option<usize>, condition: &Condition, given: ConditionValue) {
    item_prefix(ex, item);
    let (need, given) = (requirement(condition), shown(given));
    let args = [
        condition.label.zh,
        condition.label.en,
        &need.zh,
        &need.en,
        &given.zh,
        &given.en,
    ];
    ex.add(
        "条件未满足：“{0}”{2}（填写：{4}）。",
        "Condition not met: “{1}” {3} (given: {5}).",
        &args,
    );
}

/// An item with other support, and which policy took it.
fn item_other(ex: &mut Message, item: Option<usize>, other: &Decimal, this_plan: bool) {
    item_prefix(ex, item);
    let other = money(*other);
    let args: [&str; 1] = [&other];
    if this_plan {
        ex.add(
            "已按其他政策获得 {0}，归本方案：本方案补足差额（扣除这 {0}）。",
            "Already granted {0} under another policy; taken by this plan, which tops it up ({0} deducted).",
            &args,
        );
    } else {
        ex.add(
            "已按其他政策获得 {0}，不低于本方案对该项可补的数额：就高不重复，该项归其他政策，本方案不另给，也不占本方案上限。",
            "Already granted {0} under another policy, no less than this plan would add for it: the higher applies, so the item is left with the other policy, outside this plan and its cap.",
            &args,
        );
    }
}

/// What a cap over the plan had used before this year and has left, `when` it was first used,
/// and `by` which other category of the same matter, if one.
fn cap_left(
    ex: &mut Message,
    cat: &Category,
    cap: &Decimal,
    used: &Decimal,
    left: &Decimal,
    when: UsedIn,
    by: Option<&Category>,
) {
    let p = cat.cap_period.label;
    let w = used_in(when);
    let (cap, used, left) = (money(*cap), money(*used), money(*left));
    match by {
        // One matter across the years: what the other category of it counted.
        Some(other) => ex.add(
            "与“{0}”为同一事项：{4}已计 {6}，第{8}条上限 {9}（{2}）尚余 {7}。",
            "Same matter as “{1}”, which counted {6} {5}: of the cap of measure {8}, {9} {3}, {7} is left.",
            &[
                other.label.zh,
                other.label.en,
                p.zh,
                p.en,
                &w.zh,
                &w.en,
                &used,
                &left,
                cat.measure,
                &cap,
            ],
        ),
        None => ex.add(
            "第{0}条上限 {1}（{2}）{4}已用 {6}，尚余 {7}。",
            "The cap of measure {0}, {1} {3}, was used {5}: {6} used, {7} left.",
            &[cat.measure, &cap, p.zh, p.en, &w.zh, &w.en, &used, &left],
        ),
    }
}

fn cap_shared(ex: &mut Message, cat: &Category, once: bool) {
    let p = cat.cap_period.label;
    if once {
        ex.add(
            "第{0}条为一次性支持（{1}）：整个方案期只计一次；此前已获得的，本项按 0 计。",
            "Measure {0} is a one-time support ({2}): counted once over the whole plan; if already received, this line is 0.",
            &[cat.measure, p.zh, p.en],
        );
    } else {
        ex.add(
            "第{0}条上限（{1}）为整个方案期共用：其他年度已获的本项支持须从中扣除。",
            "The cap of measure {0} ({2}) is shared by all the plan's years: support for this line received in other years comes off it.",
            &[cat.measure, p.zh, p.en],
        );
    }
}

fn once_paid(ex: &mut Message, when: UsedIn) {
    match when {
        UsedIn::Year(y) => ex.add(
            "一次性支持已在 {0} 年计入，本年按 ¥0.00 计。",
            "The one-time support is counted in {0}: ¥0.00 this year.",
            &[&y.to_string()],
        ),
        UsedIn::Before => ex.add(
            "一次性支持此前已获得，本年按 ¥0.00 计。",
            "The one-time support was already received: ¥0.00 this year.",
            &[],
        ),
    }
}

/// The expense this plan takes, and what was left out or left with another policy.
fn base_step(ex: &mut Message, cat: &Category, base: &Decimal, left_out: &Decimal, to_other: &Decimal) {
    let l = cat.label;
    ex.add("{0} {2}", "{1} {2}", &[l.zh, l.en, &money(*base)]);
    if !left_out.is_zero() {
        let left_out = money(*left_out);
        ex.add(
            "（不含未满足条件的 {0}）",
            " (leaving out {0} that does not qualify)",
            &[&left_out],
        );
    }
    if !to_other.is_zero() {
        let to_other = money(*to_other);
        ex.add(
            "（不含归其他政策的 {0}）",
            " (leaving out {0} left with another policy)",
            &[&to_other],
        );
    }
}

fn rate_step(ex: &mut Message, rate: &Decimal, assumed: bool, up_to: bool, product: &Decimal) {
    if up_to {
        ex.add(" × 最高 {0}", " × up to {0}", &[&percent(*rate)]);
    } else {
        ex.add(" × {0}", " × {0}", &[&percent(*rate)]);
    }
    if assumed {
        ex.add("（比例为假设，原文未写）", " (assumed: the text states no rate)", &[]);
    }
    ex.add(" = {0}", " = {0}", &[&money(*product)]);
}

/// The cap compared with the product; `remainder`: what earlier years left of it.
fn cap_step(ex: &mut Message, cat: &Category, cap: &Decimal, capped: bool, remainder: bool) {
    let p = cat.cap_period.label;
    let args = [cat.measure, &money(*cap), p.zh, p.en];
    match (capped, remainder) {
        // What earlier years left of the cap: used up, or what remains.
        (_, true) if cap.is_zero() => ex.add(
            "，第{0}条上限（{2}）已用完，按 ¥0.00 计。",
            ", but the cap of measure {0} {3} is used up: ¥0.00.",
            &args,
        ),
        (true, true) => ex.add(
            "，超过第{0}条上限（{2}）尚余的 {1}，按尚余额计。",
            ", above the {1} left of the cap of measure {0} {3}: that much counts.",
            &args,
        ),
        (false, true) => ex.add(
            "，未超过第{0}条上限（{2}）尚余的 {1}。",
            ", within the {1} left of the cap of measure {0} {3}.",
            &args,
        ),
        (true, false) => ex.add(
            "，超过第{0}条上限 {1}（{2}），按上限计。",
            ", above the cap of measure {0}, {1} {3}: capped.",
            &args,
        ),
        (false, false) => ex.add(
            "，未超过第{0}条上限 {1}（{2}）。",
            ", within the cap of measure {0}, {1} {3}.",
            &args,
        ),
    }
}

/// An award's ceiling, or that it is used up.
fn award_step(ex: &mut Message, cat: &Category, ceiling: &Decimal) {
    let p = cat.cap_period.label;
    if ceiling.is_zero() {
        ex.add(
            "第{0}条奖励上限（{1}）已用完，按 ¥0.00 计。",
            "The ceiling of the award under measure {0} {2} is used up: ¥0.00.",
            &[cat.measure, p.zh, p.en],
        );
    } else {
        ex.add(
            "第{0}条奖励：最高 {1}（{2}），以评审认定为准；这是上限，不计入合计。",
            "Award under measure {0}: up to {1} {3}, decided by evaluation; a ceiling, not added to the total.",
            &[cat.measure, &money(*ceiling), p.zh, p.en],
        );
    }
}

fn item_prefix(ex: &mut Message, item: Option<usize>) {
    if let Some(k) = item {
        ex.add("第 {0} 项：", "Item {0}: ", &[&(k + 1).to_string()]);
    }
}

fn shown(v: ConditionValue) -> Message {
    match v {
        ConditionValue::Bool(b) => {
            let (zh, en) = yes_no(b);
            Message::new(zh, en, &[])
        }
        ConditionValue::Number(n) => Message::new("{0}", "{0}", &[&n.to_string()]),
    }
}
