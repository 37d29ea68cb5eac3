// The batch file's columns, read with the engine's policy(): `enterprise`, `year`, one per
// category id (or its Chinese label), `category.condition`, `category.other_policy_support`,
// `category.already_received` (support from this plan received in years not in the file);
// a header may also be "label (id)", as the template writes it. Records → the enterprises
// `Batch.add` takes, each expense remembering the column it came from, so that the engine's
// problems can be said by row and column. No policy figures here: only ids, labels and condition
// types from policy(). Pure, tested in tests/node/batch-columns.test.mjs.

/** The two columns every file has, with the Chinese headers accepted for them. */
export const FIXED = [
  { key: "enterprise", zh: "企业", en: "Enterprise" },
  { key: "year", zh: "年份", en: "Year" },
];
const OTHER = { key: "other_policy_support", zh: "其他政策已获支持", en: "support under another policy" };
const RECEIVED = { key: "already_received", zh: "本方案已获支持", en: "already received under this plan (years not in the file)" };

/** Every column a file may have, in the template's order: `{ key, kind, category, condition, zh, en }`. */
export function columnsOf(policy) {
  const cols = FIXED.map((f) => ({ key: f.key, kind: f.key, zh: f.zh, en: f.en }));
  for (const c of policy.categories) {
    cols.push({ key: c.id, kind: c.kind === "award" ? "award" : "amount", category: c, zh: c.label.zh, en: c.label.en });
    for (const cond of c.conditions) {
      cols.push({
        key: c.id + "." + cond.id,
        kind: "condition",
        category: c,
        condition: cond,
        zh: c.label.zh + "." + cond.label.zh,
        en: c.label.en + ": " + cond.label.en,
      });
    }
    if (c.kind !== "award") {
      for (const [kind, col] of [["other", OTHER], ["received", RECEIVED]]) {
        cols.push({ key: c.id + "." + col.key, kind: kind, category: c, zh: c.label.zh + "." + col.zh, en: c.label.en + ": " + col.en });
      }
    }
  }
  return cols;
}

/** The template's header row: "中文 (id)" for each column. */
export function templateHeader(policy) {
  return columnsOf(policy).map((c) => c.zh + " (" + c.key + ")");
}

function norm(s) {
  return String(s).replace(/^\uFEFF/, "").replace(/[\s\u3000]+/g, "").replace(/（/g, "(").replace(/）/g, ")");
}

/**
 * The header row mapped to columns. Returns `{ columns: [column | null per field], problems }`:
 * an unknown header, a column given twice, or a missing `enterprise`/`year` is a problem
 * `{ column, zh, en }` (column: 1-based).
 */
export function mapHeader(policy, header) {
  const cols = columnsOf(policy);
  const byName = new Map();
  for (const c of cols) {
    byName.set(norm(c.key), c);
    byName.set(norm(c.zh), c);
  }
  const problems = [];
  const seen = new Set();
  const columns = header.map((h, i) => {
    const raw = norm(h);
    const inParens = /\(([^()]*)\)$/.exec(raw);
    const c = (inParens && byName.get(inParens[1])) || byName.get(raw);
    if (!c) {
      if (raw !== "") {
        problems.push({ column: i + 1, zh: "第" + (i + 1) + "列 未知的列名“" + String(h).trim() + "”，已忽略", en: "column " + (i + 1) + ": unknown header “" + String(h).trim() + "”, ignored" });
      }
      return null;
    }
    if (seen.has(c.key)) {
      problems.push({ column: i + 1, zh: "第" + (i + 1) + "列 “" + c.zh + "”重复，已忽略", en: "column " + (i + 1) + ": “" + c.en + "” given twice, ignored" });
      return null;
    }
    seen.add(c.key);
    return c;
  });
  for (const f of FIXED) {
    if (!seen.has(f.key)) problems.push({ column: 0, fatal: true, zh: "缺少“" + f.zh + "”列（" + f.key + "）", en: "the “" + f.key + "” column is missing" });
  }
  return { columns, problems };
}

const NO = /^(否|不|无|没有|n|no|false|0)$/i;
const YES = /^(是|有|y|yes|true|1|√|✓)$/i;

/** A condition cell as the engine takes it: bool conditions as true/false, numbers as numbers; anything else as typed (the engine names the problem). */
function conditionValue(cond, cell) {
  if (cond.type === "bool") {
    if (YES.test(cell)) return true;
    if (NO.test(cell)) return false;
    return cell;
  }
  return /^[0-9]{1,15}$/.test(cell) ? parseInt(cell, 10) : cell; // a whole count, not money
}

/**
 * Records (after the header) → `{ enterprises, places }`. `enterprises`: what `Batch.add`
 * takes, rows of one enterprise together (in the order first seen). `places[e][r]` says where
 * enterprise e's row r came from: `{ record, line, year: column, expenses: [{ category, amount,
 * other, conditions: { id: column } }] }` (columns 0-based), for `locate`; `places[e].received[i]`
 * where its `already_received[i]` came from, `{ record, line, column }`. Support already received
 * may be given on any of an enterprise's rows; what several rows give for one category adds up.
 */
export function toEnterprises(columns, records) {
  const at = (key) => columns.findIndex((c) => c && c.key === key);
  const entCol = at("enterprise");
  const yearCol = at("year");
  const byName = new Map();
  const enterprises = [];
  const places = [];
  for (let k = 0; k < records.length; k++) {
    const { line, fields } = records[k];
    const cell = (i) => (i >= 0 && i < fields.length ? fields[i].trim() : "");
    const name = cell(entCol);
    const yearText = cell(yearCol);
    const expenses = [];
    const where = [];
    const perCat = new Map();
    columns.forEach((c, i) => {
      if (!c || (c.kind !== "amount" && c.kind !== "award")) return;
      const v = cell(i);
      if (v === "" || (c.kind === "award" && NO.test(v))) return;
      const e = c.kind === "award" ? { category: c.category.id } : { category: c.category.id, amount: v };
      perCat.set(c.category.id, expenses.length);
      expenses.push(e);
      where.push({ category: i, amount: i, other: -1, conditions: {} });
    });
    columns.forEach((c, i) => {
      if (!c || (c.kind !== "condition" && c.kind !== "other")) return;
      const v = cell(i);
      const j = perCat.get(c.category.id);
      if (v === "" || j === undefined) return;
      if (c.kind === "other") {
        expenses[j].other_policy_support = v;
        where[j].other = i;
      } else {
        (expenses[j].conditions || (expenses[j].conditions = {}))[c.condition.id] = conditionValue(c.condition, v);
        where[j].conditions[c.condition.id] = i;
      }
    });
    const year = /^[0-9]{1,4}$/.test(yearText) ? parseInt(yearText, 10) : yearText;
    let e = byName.get(name);
    if (e === undefined) {
      e = enterprises.length;
      byName.set(name, e);
      enterprises.push({ enterprise: name, rows: [] });
      places.push([]);
    }
    enterprises[e].rows.push({ year, expenses });
    places[e].push({ record: k, line, year: yearCol, expenses: where });
    columns.forEach((c, i) => {
      const v = c && c.kind === "received" ? cell(i) : "";
      if (v === "") return;
      (enterprises[e].already_received || (enterprises[e].already_received = [])).push({ category: c.category.id, amount: v });
      (places[e].received || (places[e].received = [])).push({ record: k, line, column: i });
    });
  }
  return { enterprises, places };
}

/**
 * Where a problem of `Batch.add` points: `{ record, line, column }` (column 0-based, -1: the
 * whole row), from its enterprise, row and path (`year`, `expenses[2].amount`,
 * `expenses[2].conditions.showroom_months`, `expenses[2].other_policy_support`).
 */
export function locate(places, columns, problem) {
  const rows = places[problem.enterprise] || [];
  const entCol = columns.findIndex((c) => c && c.key === "enterprise");
  const got = /^already_received\[(\d+)\]/.exec(problem.path);
  const received = got && rows.received && rows.received[parseInt(got[1], 10)];
  if (problem.row == null && received) return { record: received.record, line: received.line, column: received.column };
  if (problem.row == null) {
    const first = rows[0] || { record: -1, line: 0 };
    return { record: first.record, line: first.line, column: problem.path === "enterprise" ? entCol : -1, rows: rows.map((r) => r.record) };
  }
  const p = rows[problem.row];
  if (!p) return { record: -1, line: 0, column: -1 };
  let column = -1;
  const m = /^expenses\[(\d+)\](?:\.(amount|category|other_policy_support|conditions)(?:\.(.+))?)?/.exec(problem.path);
  if (problem.path === "year") column = p.year;
  else if (m) {
    const w = p.expenses[parseInt(m[1], 10)];
    if (w) {
      if (m[2] === "other_policy_support") column = w.other;
      else if (m[2] === "conditions") column = m[3] && m[3] in w.conditions ? w.conditions[m[3]] : w.category;
      else column = w.amount;
    }
  }
  return { record: p.record, line: p.line, column };
}

/**
 * The words for a refused row: "第12行 自主品牌推广: 金额最多保留两位小数" and
 * "row 12 Brand promotion: …". `rowNumber` is the record's number as a spreadsheet shows it
 * (the header is row 1).
 */
export function rowMessage(rowNumber, column, problem) {
  const zhCol = column ? " " + column.zh : "";
  const enCol = column ? " " + column.en : "";
  return {
    zh: "第" + rowNumber + "行" + zhCol + ": " + problem.zh,
    en: "row " + rowNumber + enCol + ": " + problem.en,
  };
}
