// Cells as clerks write them, read for the engine: yes/no words in award and condition cells,
// amounts with a unit from the header (元 or 万元), Excel's accounting zero " - ", names compared
// after normalising width, brackets and spaces, and exact decimal sums (digit
// strings, never a JS Number) to find a subtotal row. No policy here. Pure, tested in
// tests/node/batch-sheets.test.mjs.

/** Words that mean yes and no in an award or condition cell (empty is no). */
export const YES_WORDS = ["是", "√", "✓", "✔", "有", "y", "yes", "true", "1"];
export const NO_WORDS = ["否", "无", "没有", "未申报", "不适用", "—", "–", "-", "/", "×", "✗", "n", "no", "n/a", "na", "false", "0"];
const YES = new Set(YES_WORDS);
const NO = new Set(NO_WORDS);

/** A cell's text with full-width forms as ASCII and spaces dropped at the ends. */
export function plain(cell) {
  const s = String(cell == null ? "" : cell);
  return (/[^\x00-\x7f]/.test(s) ? s.normalize("NFKC") : s).trim();
}

/** Whether a cell is a spreadsheet's error value, as Excel shows it and writes it to CSV (#N/A, #VALUE!, #DIV/0!, …). */
export function isCellError(cell) {
  return cell.charCodeAt(0) === 35 && /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|DATA!|SPILL!|CALC!|GETTING_DATA)$/.test(cell);
}

/** A yes/no cell: true, false, or null when it is neither (refused at its cell). Empty is no. */
export function yesNo(cell) {
  const raw = String(cell == null ? "" : cell);
  const known = seen.get(raw);
  if (known !== undefined) return known;
  const s = plain(raw).toLowerCase().replace(/\s+/g, "");
  const v = s === "" || NO.has(s) || /^[-—–]+$/.test(s) ? false : YES.has(s) ? true : null;
  if (seen.size < 1000) seen.set(raw, v);
  return v;
}
const seen = new Map(); // a sheet's yes/no cells are a few words over and over

/** Excel's accounting zero (" - ", "-", "—", "¥ -"): a cell that is nothing but dashes. */
export function isAccountingZero(cell) {
  return /^[¥￥\s]*[-—–－]+\s*$/.test(String(cell == null ? "" : cell)) && /[-—–－]/.test(String(cell));
}

/**
 * An amount cell → the text the engine's amount reader takes: "" for empty or an accounting zero;
 * in a 万元 column a cell without a unit of its own gets "万" appended (the engine does the
 * arithmetic: never a JS Number). Anything else is passed on as typed, so the engine names it.
 */
export function amountText(cell, unit) {
  const s = String(cell == null ? "" : cell).trim();
  if (s === "" || isAccountingZero(s)) return "";
  if (unit === "万元" && /^[¥￥]?\s*[0-9０-９][0-9０-９,，.．\s]*$/.test(s)) return s + "万";
  return s;
}

/**
 * A header's unit: `…（元）`, `…(万元)`, `…万元`, `…元` → `{ name, unit }` (unit "元", "万元" or
 * null), the name without it.
 */
export function headerUnit(header) {
  const h = String(header == null ? "" : header).replace(/^\uFEFF/, "").trim();
  const m = /^(.*?)[\s]*[（(]\s*(万元|元|万)\s*[）)]$/.exec(h) || /^(.*?[^万])?(万元|元)$/.exec(h);
  if (m && m[1] && m[1].trim() !== "") return { name: m[1].trim(), unit: m[2] === "万" ? "万元" : m[2] };
  return { name: h, unit: null };
}

/** A name compared: width, brackets and spaces normalised (嘉兴（平湖）甲 = 嘉兴(平湖)甲). */
export function nameKey(name) {
  if (!/[^\x21-\x7e]|[A-Z\[\]{}]/.test(name)) return String(name);
  return plain(name)
    .replace(/[【〔［\[{｛]/g, "(")
    .replace(/[】〕］\]}｝]/g, ")")
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase();
}

const SCALE = 6; // digits after the point: 1/10,000 fen covers 万 with four decimals

/**
 * A plain amount as a string of digits in 10^-6 yuan (no leading zeros, "0" for zero), for exact
 * sums with `addExact`: digits with separators and decimals, optionally ¥ first and 元, 万 or 万元
 * after; the column's unit applies when the cell has none. null for anything else (a compound
 * written with several units is not compared). Strings, not Numbers: money is never a float here.
 */
export function exact(cell, unit) {
  const raw = String(cell == null ? "" : cell).trim();
  // the common cell, plain digits: no normalising
  const fast = /^([0-9]+)(?:\.([0-9]{0,6}))?$/.exec(raw);
  if (fast) return strip(fast[1] + (fast[2] || "").padEnd(SCALE, "0") + (unit === "万元" ? "0000" : ""));
  const s = plain(cell).replace(/^[¥]/, "").replace(/[,\s]/g, "");
  if (s === "" || isAccountingZero(cell)) return "0";
  let wan = unit === "万元";
  const m = /^([0-9]+)(?:\.([0-9]*))?(万元|万|元)?$/.exec(s);
  if (!m) return null;
  if (m[3]) wan = m[3] !== "元";
  const frac = (m[2] || "").padEnd(SCALE, "0");
  if (frac.length > SCALE) return null;
  return strip(m[1] + frac + (wan ? "0000" : ""));
}

function strip(d) {
  const t = d.replace(/^0+/, "");
  return t === "" ? "0" : t;
}

/** The sum of two digit strings from `exact` (schoolbook addition, exact at any size). */
export function addExact(a, b) {
  const out = [];
  let carry = 0;
  for (let i = a.length - 1, j = b.length - 1; i >= 0 || j >= 0 || carry; i--, j--) {
    const d = (i >= 0 ? a.charCodeAt(i) - 48 : 0) + (j >= 0 ? b.charCodeAt(j) - 48 : 0) + carry;
    out.push(d % 10);
    carry = d >= 10 ? 1 : 0;
  }
  return strip(out.reverse().join(""));
}

/** Whether digit string `a` (from `exact`) is below `b`. */
export function lessExact(a, b) {
  return a.length !== b.length ? a.length < b.length : a < b;
}

const THOUSAND = "1" + "0".repeat(3 + SCALE);

/** Whether a column's values all look like 万元 in a yuan column: every one below 1,000 and some with decimals. */
export function looksWan(cells) {
  let n = 0;
  let decimals = 0;
  for (const c of cells) {
    const v = plain(c);
    if (v === "" || isAccountingZero(v)) continue;
    if (/[万元]/.test(v)) return false;
    const x = exact(v, "元");
    // the first amount of a thousand or more ends it: most columns are read in a few cells
    if (x === null || x === "0" || !lessExact(x, THOUSAND)) return false;
    n++;
    if (/\.[0-9]*[1-9]/.test(v)) decimals++;
  }
  return n >= 2 && decimals > 0;
}

/** Whether a cell holds a number (for an unused column that should not be). */
export function isNumeric(cell) {
  const s = plain(cell);
  return s !== "" && exact(s, "元") !== null && !/^(19|20)[0-9]{2}$/.test(s);
}

/** Words that name a row that is not an enterprise. */
export const TOTAL_WORDS = ["合计", "小计", "总计", "汇总"];

/**
 * Whether a name cell names a total row: it starts or ends with one of the words (2025年小计,
 * 合 计, 总计：, 汇总（全市）: the words stand at an end); 联合计算机公司 is an enterprise.
 */
export function isTotalName(name) {
  if (!/[合小总汇總彙]|total/i.test(name)) return false;
  const s = plain(name).replace(/\s+/g, "").replace(/[:：]$/, "").replace(/\([^()]*\)$/, "");
  return TOTAL_WORDS.some((w) => s.slice(0, w.length) === w || s.slice(-w.length) === w) || /^(sub)?total$/i.test(s);
}

/** A digit string from `exact` back as yuan text with two decimals, cut, not rounded. */
export function fromExact(d) {
  const s = d.padStart(7, "0");
  return strip(s.slice(0, s.length - 6)) + "." + s.slice(s.length - 6, s.length - 4);
}
