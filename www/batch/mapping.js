// The mapping step: each column of the sheet → a column of the batch (columns.js: enterprise,
// year, a category, a condition, other support, support already received) or the sheet's
// 统一社会信用代码, with its unit (元 or 万元) read from the header (`…（元）`, `…（万元）`,
// `…万元`) or set by the officer; the columns left unused; the warnings the officer sees before
// any total (an unused column holding numbers, a 元 column whose values all look like 万元, a
// column given twice, enterprise or year missing). No policy figures: ids, labels and condition
// types from policy() only. Pure, tested in tests/node/batch-sheets.test.mjs.
import { columnsOf, mapHeader } from "./columns.js";
import { headerUnit, isNumeric, looksWan, plain } from "./cells.js";

/** The key of the sheet's credit-code column (not a policy column: the enterprise's identity). */
export const CREDIT = "credit_code";
const CREDIT_HEADERS = /^(统一社会信用代码|社会信用代码|信用代码|credit_?code|uscc)$/i;
/** Columns that pass through for subtotals (tables.js): a town (镇街道) and a tier (梯度). */
export const GROUPS = [
  { key: "town", zh: "镇街道", en: "town or subdistrict", re: /^(镇街道|镇[(（]?街道[)）]?|所属镇街道|乡镇街道|镇街|乡镇|town)$/i },
  { key: "tier", zh: "梯度", en: "tier", re: /^(梯度|企业梯度|梯队|tier)$/i },
];
function groupOf(name) {
  const s = plain(name).replace(/\s+/g, "");
  return GROUPS.find((g) => g.re.test(s)) || null;
}

/** Unused columns whose numbers are not money (no warning): row numbers, codes, phones, postcodes. */
const NOT_MONEY = /(序号|编号|行号|号码|电话|手机|邮编|代码|账号|^no\.?$|^#$|^id$)/i;

/** Whether a column is a count of rows (1, 2, 3 …), as a 序号 column without its header. */
function counting(cells) {
  const vals = cells.map((c) => plain(c)).filter((c) => c !== "");
  return vals.length > 1 && vals.every((v, i) => v === String(i + 1));
}

/** Headers clerks give the two fixed columns (the template's are 企业 and 年份). */
const ALIASES = [["enterprise", /^(企业名称|企业全称|单位名称|公司名称|名称|company)$/i], ["year", /^(年度|年|费用年度|所属年度)$/]];
function alias(name) {
  const s = plain(name).replace(/\s+/g, "");
  const hit = ALIASES.find((a) => a[1].test(s));
  return hit ? hit[0] : name;
}

/** Whether a column of the batch takes money (and so a unit). */
export function takesMoney(col) {
  return !!col && (col.kind === "amount" || col.kind === "other" || col.kind === "received");
}

/** The choices for a column in the mapping step: unused, the credit code, then every batch column. */
export function choices(policy) {
  return [{ key: "", zh: "不使用", en: "not used" }, { key: CREDIT, zh: "统一社会信用代码", en: "unified social credit code" }]
    .concat(GROUPS.map((g) => ({ key: g.key, zh: g.zh + "（小计）", en: g.en + " (subtotals)" })))
    .concat(columnsOf(policy).map((c) => ({ key: c.key, zh: c.zh, en: c.en, kind: c.kind })));
}

/**
 * The header read: `[{ index, header, key, unit }]` (key "" when unused, unit "元"/"万元" for money
 * columns: the header's, else 元). A header with a unit maps to its category with that unit.
 */
export function autoMapping(policy, header) {
  const named = header.map((h) => headerUnit(h));
  const { columns } = mapHeader(policy, named.map((n) => (CREDIT_HEADERS.test(plain(n.name).replace(/\s+/g, "")) || groupOf(n.name) ? "" : alias(n.name))));
  // A header whose last character only looks like a unit (…元 as part of a name) maps as written.
  const whole = mapHeader(policy, header.map((h) => alias(String(h)))).columns;
  return header.map((h, i) => {
    let col = columns[i];
    if (!col && whole[i] && !columns.some((c) => c && c.key === whole[i].key)) {
      col = whole[i];
      named[i] = { name: named[i].name, unit: null };
    }
    const credit = CREDIT_HEADERS.test(plain(named[i].name).replace(/\s+/g, ""));
    const group = groupOf(named[i].name);
    const key = credit ? CREDIT : group ? group.key : col ? col.key : "";
    return { index: i, header: String(h).replace(/^\uFEFF/, "").trim(), key, unit: takesMoney(col) ? named[i].unit || "元" : null };
  });
}

/** A saved mapping (`[{ key, unit }]` per column) applied to the same header; null when it does not fit. */
export function applySaved(policy, header, saved) {
  if (!saved || !Array.isArray(saved.fields) || saved.fields.length !== header.length) return null;
  const keys = new Set(choices(policy).map((c) => c.key));
  const out = [];
  for (let i = 0; i < header.length; i++) {
    const f = saved.fields[i] || {};
    if (!keys.has(f.key)) return null;
    out.push({ index: i, header: String(header[i]).replace(/^\uFEFF/, "").trim(), key: f.key, unit: f.unit === "万元" ? "万元" : f.key ? "元" : null });
  }
  return out.map((f) => ({ ...f, unit: takesMoney(columnOf(policy, f.key)) ? f.unit || "元" : null }));
}

/** What a mapping keeps on the device: the headers and each column's key and unit. */
export function toSaved(mapping) {
  return { headers: mapping.map((f) => f.header), fields: mapping.map((f) => ({ key: f.key, unit: f.unit })) };
}

/** The storage key of a header row (the same headers find the same mapping). */
export function savedKey(header) {
  let h = 0;
  const s = header.map((x) => String(x).replace(/^\uFEFF/, "").trim()).join("\u0001");
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return "pinghu-subsidy/batch-mapping/" + (h >>> 0).toString(16) + "-" + s.length;
}

function columnOf(policy, key) {
  return columnsOf(policy).find((c) => c.key === key) || null;
}

/** The batch columns for `toEnterprises`: one per field (null when unused, the credit code or a group). */
export function columnsFor(policy, mapping) {
  const all = new Map(columnsOf(policy).map((c) => [c.key, c]));
  return mapping.map((f) => (f.key && f.key !== CREDIT ? all.get(f.key) || null : null));
}

/**
 * What the officer must see before computing: `[{ column, level, code, zh, en }]` (column 1-based,
 * 0: the sheet; level "fatal" stops the run, "warning" is shown at the top). `records` are the
 * rows after the header.
 */
export function mappingProblems(policy, mapping, records) {
  const out = [];
  const cols = columnsFor(policy, mapping);
  const seen = new Map();
  const cells = (i) => records.map((r) => (i < r.fields.length ? r.fields[i] : ""));
  mapping.forEach((f, i) => {
    const name = "第" + (i + 1) + "列“" + f.header + "”";
    const en = "column " + (i + 1) + " “" + f.header + "”";
    if (f.key && seen.has(f.key)) {
      out.push({ column: i + 1, level: "fatal", code: "twice", zh: name + "与第" + (seen.get(f.key) + 1) + "列对应同一项", en: en + " maps to the same item as column " + (seen.get(f.key) + 1) });
    } else if (f.key) seen.set(f.key, i);
    if (!f.key && !NOT_MONEY.test(plain(f.header).replace(/\s+/g, "")) && !counting(cells(i))) {
      const n = cells(i).filter(isNumeric).length;
      if (n) out.push({ column: i + 1, level: "warning", code: "unused_numbers", zh: name + "未使用，但有 " + n + " 个数字：不计入合计", en: en + " is not used but holds " + n + " numbers: left out of the totals" });
    }
    if (takesMoney(cols[i]) && f.unit !== "万元" && looksWan(cells(i))) {
      out.push({ column: i + 1, level: "warning", code: "looks_wan", zh: name + "的金额都小于一千且有小数，像是以万元为单位：请确认单位", en: en + ": every amount is below a thousand with decimals, as if in 万元 (ten thousand yuan): check the unit" });
    }
  });
  for (const k of ["enterprise", "year"]) {
    if (!seen.has(k)) {
      const c = columnOf(policy, k);
      out.push({ column: 0, level: "fatal", code: "missing", zh: "缺少“" + c.zh + "”列（" + k + "）", en: "the “" + k + "” column is missing" });
    }
  }
  return out;
}
