//! Writing an estimate as JSON: the form it crosses the JS boundary in.
//!
//! One string, parsed once by the browser's `JSON.parse`, costs far less than
//! building the result object property by property across the boundary.

use rust_decimal::Decimal;

use crate::amount::{decimal_text, plain_into};
use crate::engine::{Estimate, Message};
use crate::policy::Kind;

struct Writer {
    out: String,
    /// Whether the next value in the current object or array needs a comma.
    comma: bool,
}

impl Writer {
    fn sep(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    fn open(&mut self, c: char) {
        self.sep();
        self.out.push(c);
        self.comma = false;
    }

    fn close(&mut self, c: char) {
        self.out.push(c);
        self.comma = true;
    }

    /// `k` is the key written out, quotes and colon included: `"\"total\":"`.
    fn key(&mut self, k: &str) {
        self.sep();
        self.out.push_str(k);
        self.comma = false;
    }

    fn str(&mut self, s: &str) {
        self.sep();
        escape(&mut self.out, s);
    }

    fn raw(&mut self, s: &str) {
        self.sep();
        self.out.push_str(s);
    }

    fn money(&mut self, d: Decimal) {
        self.sep();
        self.out.push('"');
        plain_into(&mut self.out, d);
        self.out.push('"');
    }

    fn opt_money(&mut self, d: Option<Decimal>) {
        match d {
            Some(d) => self.money(d),
            None => self.raw("null"),
        }
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    fn message(&mut self, m: &Message) {
        self.open('{');
        self.key("\"zh\":");
        self.str(&m.zh);
        self.key("\"en\":");
        self.str(&m.en);
        self.close('}');
    }
}

/// A JSON string literal. Text is copied in runs; only `"`, `\\` and control
/// characters are escaped (the texts are mostly Chinese: escaping every
/// character beyond ASCII cost more in the wasm than decoding UTF-8 in JS).
fn escape(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    // An index loop: the size-optimised build does not inline iterator adapters.
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.push_str(&s[start..i - 1]);
        start = i;
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            _ => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// An estimate as the JS API returns it; amounts are strings with two decimals.
pub fn estimate_json(est: &Estimate) -> String {
    let mut w = Writer { out: String::with_capacity(16 * 1024), comma: false };
    w.open('{');
    w.key("\"total\":");
    w.money(est.total);
    w.key("\"awards_up_to\":");
    w.money(est.awards_up_to);
    w.key("\"year\":");
    w.raw(&est.year.to_string());
    w.key("\"in_force\":");
    w.bool(est.in_force);
    w.key("\"lines\":");
    w.open('[');
    for l in &est.lines {
        let c = l.category;
        w.open('{');
        w.key("\"category\":");
        w.str(c.id);
        w.key("\"clause\":");
        w.str(c.measure);
        w.key("\"kind\":");
        w.str(if c.kind == Kind::Award { "award" } else { "expense" });
        w.key("\"expense\":");
        w.opt_money(l.expense);
        w.key("\"rate\":");
        w.opt_str(c.rate.map(decimal_text).as_deref());
        w.key("\"rate_assumed\":");
        w.bool(c.rate_assumed);
        w.key("\"cap\":");
        w.money(c.cap);
        w.key("\"cap_period\":");
        w.str(c.cap_period.id);
        w.key("\"support\":");
        w.money(l.support);
        w.key("\"capped\":");
        w.bool(l.capped);
        w.key("\"upper_bound\":");
        w.bool(l.upper_bound());
        w.key("\"eligible\":");
        w.bool(l.eligible);
        w.key("\"other_policy_support\":");
        w.money(l.other_policy_support);
        w.key("\"items\":");
        w.open('[');
        for (i, a) in &l.items {
            w.open('{');
            w.key("\"index\":");
            w.raw(&i.to_string());
            w.key("\"amount\":");
            w.opt_money(*a);
            w.close('}');
        }
        w.close(']');
        w.key("\"explanation\":");
        w.message(&l.explanation);
        w.close('}');
    }
    w.close(']');
    w.key("\"notices\":");
    w.open('[');
    for n in &est.notices {
        w.open('{');
        w.key("\"code\":");
        w.str(n.code);
        w.key("\"zh\":");
        w.str(&n.text.zh);
        w.key("\"en\":");
        w.str(&n.text.en);
        w.key("\"category\":");
        w.opt_str(n.category);
        w.close('}');
    }
    w.close(']');
    w.key("\"policy\":");
    w.open('{');
    w.key("\"id\":");
    w.str(est.policy_id);
    w.key("\"version\":");
    w.str(est.policy_version);
    w.close('}');
    w.close('}');
    w.out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_quotes_backslashes_and_controls() {
        let mut s = String::new();
        escape(&mut s, "a\"b\\c\n元😀\u{1}");
        assert_eq!(s, r#""a\"b\\c\u000a元😀\u0001""#);
    }
}
