//! The one message catalogue: every word the engine shows, in Chinese and
//! English. Steps, notices and problems are typed elsewhere; only this module
//! turns them into text. The policy's own words (labels, quotes, assumptions)
//! come from the policy data.
//!
//! It renders what the layers below it made and never calls the engine (the engine calls it
//! where it writes a result): `steps` words a line's explanation, `notices` a notice,
//! `problems` a problem (and an amount refused); this file holds the templates' filling and the
//! words steps and notices share.

mod notices;
mod problems;
mod steps;

pub(crate) use notices::notice;
pub(crate) use steps::explain;

use crate::estimate::{Message, UsedIn};
use crate::policy::{Condition, ConditionType, Rule};

impl Message {
    fn new(zh: &str, en: &str, args: &[&str]) -> Message {
        let mut m = Message::default();
        m.add(zh, en, args);
        m
    }

    /// Appends a template in each language, `{0}`…`{9}` taken from `args`.
    fn add(&mut self, zh: &str, en: &str, args: &[&str]) {
        // A new English sentence after a finished one takes a space.
        if self.en.ends_with(['.', ')', ':']) && !en.starts_with([' ', ',', '.']) {
            self.en.push(' ');
        }
        fill(&mut self.zh, zh, args);
        fill(&mut self.en, en, args);
    }
}

/// Writes `tpl` into `out`, replacing `{0}`…`{9}` with `args`.
fn fill(out: &mut String, tpl: &str, args: &[&str]) {
    let mut rest = tpl;
    // '{' is ASCII and never part of a longer UTF-8 sequence; `find` is core's memchr, fast even
    // in an unoptimised test build, where a byte iterator made most of the property tests' time.
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let b = rest.as_bytes();
        match (b.get(at + 1), b.get(at + 2)) {
            (Some(d @ b'0'..=b'9'), Some(b'}')) => {
                out.push_str(args.get(usize::from(d - b'0')).copied().unwrap_or(""));
                rest = &rest[at + 3..];
            }
            _ => {
                out.push('{');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
}

fn yes_no(b: bool) -> (&'static str, &'static str) {
    if b {
        ("是", "yes")
    } else {
        ("否", "no")
    }
}

/// "must be …" for a condition.
fn requirement(cond: &Condition) -> Message {
    match (cond.rule, cond.kind) {
        (Rule::Is(b), _) => {
            let (zh, en) = yes_no(b);
            Message::new("须为“{0}”", "must be “{1}”", &[zh, en])
        }
        (Rule::AtLeast(n), ConditionType::Months) => {
            Message::new("须至少 {0} 个月", "must be at least {0} months", &[&n.to_string()])
        }
        (Rule::AtLeast(n), _) => Message::new("须至少 {0}", "must be at least {0}", &[&n.to_string()]),
    }
}

/// "2025 年" / "in 2025", or before the years entered.
fn used_in(when: UsedIn) -> Message {
    match when {
        UsedIn::Year(y) => Message::new("自{0}年起", "in {0}", &[&y.to_string()]),
        UsedIn::Before => Message::new(
            "此前（已获支持）",
            "before the years entered (support already received)",
            &[],
        ),
    }
}

/// 就高不重复 against another policy: `{0}` other, `{1}` this plan (an award's ceiling when
/// `award`), `{2}` the rest.
fn other_policy_words(other_higher: bool, award: bool) -> (&'static str, &'static str) {
    match (other_higher, award) {
        (true, false) => (
            "已按其他政策获得 {0}，不低于本方案的 {1}：就高不重复，本方案不再另给。",
            "Already granted {0} under another policy, not less than this plan's {1}: the higher applies, so this plan adds nothing.",
        ),
        (false, false) => (
            "已按其他政策获得 {0}，本方案的 {1} 更高：就高不重复，本方案只补差额 {2}。",
            "Already granted {0} under another policy; this plan's {1} is higher: the higher applies, so this plan adds the difference, {2}.",
        ),
        (true, true) => (
            "已按其他政策获得 {0}，不低于本方案最高 {1}：就高不重复，本方案不再另给。",
            "Already granted {0} under another policy, not less than this plan's ceiling of {1}: the higher applies, so this plan adds nothing.",
        ),
        (false, true) => (
            "已按其他政策获得 {0}，本方案最高 {1}：就高不重复，本方案最多补差额 {2}。",
            "Already granted {0} under another policy; this plan gives up to {1}: the higher applies, so this plan adds at most the difference, {2}.",
        ),
    }
}
