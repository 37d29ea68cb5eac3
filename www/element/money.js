// Money as strings. The engine returns every amount as a decimal string ("1234.50"); this
// module only inserts thousands separators and moves the decimal point (元 → 万元, rate → %).
// No JS Number arithmetic on money, no DOM: unit-tested in tests/node/element-money.test.mjs.

const ZERO_RE = /^0*(\.0*)?$/;

/** "-0012.5" → { sign: "-", int: "12", frac: "5" }; null when s is not a plain decimal. */
function splitDecimal(s) {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(s).trim());
  if (!m) return null;
  return { sign: m[1], int: m[2].replace(/^0+(?=\d)/, ""), frac: m[3] || "" };
}

/** "1234" → "1,234" */
export function groupThousands(digits) {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

/** "1234.50" → "¥1,234.50"; anything that is not a plain decimal comes back as it is. */
export function formatYuan(s) {
  const d = splitDecimal(s);
  if (!d) return String(s);
  let frac = d.frac;
  while (frac.length < 2) frac += "0";
  return d.sign + "¥" + groupThousands(d.int) + "." + frac;
}

/** Yuan to 万元 by moving the decimal point four places: "1234.50" → "0.12345". */
export function formatWan(s) {
  const d = splitDecimal(s);
  if (!d) return String(s);
  let int = d.int;
  while (int.length < 5) int = "0" + int;
  const head = int.slice(0, int.length - 4).replace(/^0+(?=\d)/, "");
  const tail = (int.slice(int.length - 4) + d.frac).replace(/0+$/, "");
  return d.sign + groupThousands(head) + (tail ? "." + tail : "");
}

/** A rate as a percentage, by moving the decimal point two places ("0.125" gives 12.5 per cent). */
export function formatRate(s) {
  const d = splitDecimal(s);
  if (!d) return String(s);
  let frac = d.frac;
  while (frac.length < 2) frac += "0";
  const int = (d.int + frac.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  return d.sign + int + (rest ? "." + rest : "") + "%";
}

/** True for "0", "0.00", "-0" — and for anything that is not a plain decimal. */
export function isZero(s) {
  const d = splitDecimal(s);
  return !d || ZERO_RE.test(d.int + "." + d.frac);
}
