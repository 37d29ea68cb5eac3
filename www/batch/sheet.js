// The sheet's rows read as clerks write them, before the engine sees them: rows with more fields
// than the header refused at their row (never shifted), total rows (合计, 小计, 总计, 汇总, or a
// row equal to the sum of the rows above it, compared exactly) left out with a line naming them,
// empty names under a named row offered as one fill-down, yes/no words read, refused at their
// cell when neither, amounts given their column's unit, empty conditions counted per category,
// rows outside the plan's years listed, identity by credit code or by normalised name (variants
// listed). Returns records whose cells `toEnterprises` (columns.js) reads as the engine takes them.
// Pure, tested in tests/node/batch-sheets.test.mjs.
import { yesNo, amountText, exact, addExact, fromExact, isTotalName, nameKey, plain, isCellError } from "./cells.js";
import { CREDIT, columnsFor, takesMoney } from "./mapping.js";

/**
 * `records` (after the header), `mapping` (mapping.js), `options.fillDown` (empty names take the
 * name above), `options.same` (pairs of names the officer confirmed as one enterprise, as the
 * near-duplicate notes give them in `names`). Returns `{ records, columns, notes, fillDown, emptyConditions, variants, counts }`:
 * - `notes`: `[{ line, column, kind, zh, en, cells? }]` in row order (column 1-based, 0 the row);
 *   kind "refused" (the row is not computed), "left_out" (not an enterprise, or outside the
 *   plan's years), "fill_down" (a run of empty names), "variant" (names merged),
 *   "near_duplicate" (names perhaps of one enterprise, not merged: `nearDuplicates`);
 * - `fillDown`: `[{ from, to, count, name }]` runs of empty names under a named row;
 * - `emptyConditions`: `{ category: [record] }` (indices in the returned `records`): rows claiming
 *   the category with a condition empty or without a column (`emptyIds` says which);
 * - `counts`: `{ rows, blank, refused, left_out, unfilled }` (blank: rows of empty fields, skipped).
 */
export function prepareSheet(policy, mapping, records, options = {}) {
  const columns = columnsFor(policy, mapping);
  const width = mapping.length;
  const at = (key) => mapping.findIndex((f) => f.key === key);
  const nameCol = at("enterprise");
  const yearCol = at("year");
  const creditCol = at(CREDIT);
  const money = columns.map((c, i) => (takesMoney(c) && c.kind === "amount" ? i : -1)).filter((i) => i >= 0);
  const doc = policy.document || {};
  const condCol = new Map();
  columns.forEach((c, i) => { if (c && c.kind === "condition") condCol.set(c.key, i); });
  // Names the officer confirmed as one enterprise (`options.same`: pairs), the second under the first.
  const same = new Map();
  for (const [a, b] of options.same || []) {
    const ka = nameKey(a);
    same.set(nameKey(b), same.get(ka) || ka);
  }
  const condsOf = policy.categories.map((cat) => ({ id: cat.id, conds: cat.conditions.map((cond) => [cond.id, condCol.get(cat.id + "." + cond.id)]) }));
  const notes = [];
  const out = [];
  const runs = [];
  const emptyConditions = {};
  const names = new Map(); // identity key → { name, lines, spellings }
  const byName = new Map(); // display name → identity key
  let sums = money.map(() => "0");
  let above = []; // the records since the last total row
  let summed = 0; // how many of them are in `sums`
  let lastName = "";
  let run = null;
  let refused = 0;
  let leftOut = 0;
  let blank = 0;
  const colName = (i) => "第" + (i + 1) + "列“" + mapping[i].header + "”";
  const colEn = (i) => "column " + (i + 1) + " “" + mapping[i].header + "”";

  for (let k = 0; k < records.length; k++) {
    const { line, fields } = records[k];
    const cell = (i) => (i >= 0 && i < fields.length ? String(fields[i]).trim() : "");
    const row = "第" + line + "行";
    if (fields.every((f) => String(f).trim() === "")) {
      blank++;
      continue;
    }
    // 1. More fields than the header: never shifted.
    if (fields.length > width && fields.slice(width).some((f) => String(f).trim() !== "")) {
      refused++;
      notes.push({ line, column: 0, kind: "refused", code: "extra_fields", zh: row + "有 " + fields.length + " 个字段，表头只有 " + width + " 列：整行未读（" + fields.join(" | ") + "）", en: "row " + line + " has " + fields.length + " fields, the header " + width + ": the row is not read (" + fields.join(" | ") + ")" });
      continue;
    }
    let name = cell(nameCol);
    // 2. Rows that are not enterprises: named as totals, or the exact sum of the rows above. A sum
    // row has no year of its own (a subtotal); a dated row equal to the sum is an enterprise. The
    // rows above are summed only when such a row comes (most sheets have none).
    let isSum = false;
    if (above.length >= 2 && !/^[0-9]{4}\s*(年度?)?$/.test(plain(cell(yearCol)))) {
      for (; summed < above.length; summed++) {
        const f = records[above[summed]].fields;
        money.forEach((i, j) => {
          const v = i < f.length ? exact(f[i], mapping[i].unit) : "0";
          if (v !== null) sums[j] = addExact(sums[j], v);
        });
      }
      const vals = money.map((i) => exact(cell(i), mapping[i].unit));
      isSum = vals.every((v, j) => v !== null && v === sums[j]) && vals.some((v) => v !== "0");
    }
    if ((name && isTotalName(name)) || isSum) {
      leftOut++;
      notes.push({ line, column: 0, kind: "left_out", code: "total_row", zh: row + "“" + (name || "（无名称）") + "”是" + (isSum ? "上方各行之和" : "合计行") + "，不是企业：未计入", en: "row " + line + " “" + (name || "(no name)") + "” is " + (isSum ? "the sum of the rows above" : "a total row") + ", not an enterprise: left out" });
      sums = money.map(() => "0");
      above = [];
      summed = 0;
      continue;
    }
    above.push(k);
    // 3. Empty names under a named row: one fill-down for the run.
    if (name === "" && lastName !== "" && creditCol < 0) {
      if (!run || run.to !== records[k - 1].line || run.name !== lastName) runs.push((run = { from: line, to: line, count: 0, name: lastName }));
      run.to = line;
      run.count++;
      if (!options.fillDown) continue;
      name = lastName;
    } else if (name !== "") lastName = name;
    // 4. The plan's years.
    const yearText = plain(cell(yearCol));
    const year4 = (/^([0-9]{4})\s*(年度?)?$/.exec(yearText) || [])[1];
    // A date in the year column (a cell formatted as a date, read as Excel shows it): which year
    // the clerk meant is not for the page to guess; refused at its cell.
    if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}( |$)/.test(yearText)) {
      refused++;
      notes.push({ line, column: yearCol + 1, kind: "refused", code: "year_date", zh: row + " " + colName(yearCol) + "：“" + yearText + "”是日期，不是年份：请填写年份（如 " + yearText.slice(0, 4) + "）：整行未计算", en: "row " + line + " " + colEn(yearCol) + ": “" + yearText + "” is a date, not a year: write the year (e.g. " + yearText.slice(0, 4) + "): the row is not computed" });
      continue;
    }
    if (year4 && doc.first_year && (parseInt(year4, 10) < doc.first_year || parseInt(year4, 10) > doc.last_year)) {
      leftOut++;
      notes.push({ line, column: yearCol + 1, kind: "left_out", code: "outside_years", zh: row + "年份 " + yearText + " 不在方案年度（" + doc.first_year + "—" + doc.last_year + "）内：未计入", en: "row " + line + ": year " + yearText + " is outside the plan's years (" + doc.first_year + "–" + doc.last_year + "): left out" });
      continue;
    }
    // 5. A used cell holding a spreadsheet error (#N/A, #VALUE!, … as Excel shows or exports it)
    // refuses the row at that cell: it is no name, year, amount or answer.
    const errs = [];
    for (let i = 0; i < width; i++) if (mapping[i].key && isCellError(cell(i))) errs.push(i);
    if (errs.length) {
      refused++;
      for (const i of errs) notes.push({ line, column: i + 1, kind: "refused", code: "cell_error", zh: row + " " + colName(i) + "：单元格是 Excel 错误值“" + cell(i) + "”（公式出错）：整行未计算", en: "row " + line + " " + colEn(i) + ": the cell holds the Excel error “" + cell(i) + "” (a formula failed): the row is not computed" });
      continue;
    }
    // 6. Cells: yes/no words, units; a cell neither yes nor no refuses the row at that cell.
    const cells = fields.slice(0, width).map((f) => String(f));
    while (cells.length < width) cells.push("");
    // A year as clerks write it: 2025年, 2025年度, full-width digits.
    if (year4 && yearCol >= 0) cells[yearCol] = year4;
    const bad = [];
    const has = new Set();
    columns.forEach((c, i) => {
      if (!c) return;
      const v = cell(i);
      if (takesMoney(c)) cells[i] = amountText(v, mapping[i].unit);
      if (c.kind === "amount" && cells[i] !== "") has.add(c.category.id);
      if (c.kind === "award" || (c.kind === "condition" && c.condition.type === "bool")) {
        const yn = yesNo(v);
        if (yn === null) bad.push(i);
        else cells[i] = c.kind === "award" ? (yn ? "是" : "") : v === "" ? "" : yn ? "是" : "否";
        if (c.kind === "award" && yn) has.add(c.category.id);
      } else if (c.kind === "condition") {
        const s = plain(v);
        cells[i] = /^[-—–]+$|^(无|不适用|n\/a)$/i.test(s) ? "0" : s;
      }
    });
    if (bad.length) {
      refused++;
      for (const i of bad) {
        notes.push({ line, column: i + 1, kind: "refused", code: "yes_no", zh: row + " " + colName(i) + "：“" + cell(i) + "”不是“是/否”（是、√、有、Y、1 / 否、无、未申报、不适用、—、/、×、N/A、0 或留空）：整行未计算", en: "row " + line + " " + colEn(i) + ": “" + cell(i) + "” is neither yes nor no (是 √ 有 Y 1 / 否 无 未申报 不适用 — / × N/A 0 or empty): the row is not computed" });
      }
      continue;
    }
    // 7. Conditions of a category the row claims that are empty, or have no column.
    if (has.size) for (const cat of condsOf) {
      if (!has.has(cat.id)) continue;
      // only the record is kept: `conditionSums` finds which conditions were empty from its cells
      if (cat.conds.some((cond) => cond[1] === undefined || cells[cond[1]] === "")) (emptyConditions[cat.id] || (emptyConditions[cat.id] = [])).push(out.length);
    }
    // 8. Identity: the credit code, else the normalised name.
    const code = creditCol >= 0 ? plain(cell(creditCol)).toUpperCase() : "";
    const nk = nameKey(name);
    const key = code ? "code:" + code : "name:" + (same.get(nk) || nk);
    let who = names.get(key);
    if (!who) {
      let shown = name;
      if (byName.has(shown) && byName.get(shown) !== key) shown = name + "（" + code + "）";
      names.set(key, (who = { name: shown, lines: [], spellings: new Map() }));
      byName.set(shown, key);
    }
    who.lines.push(line);
    if (!who.spellings.has(name)) who.spellings.set(name, line);
    if (nameCol >= 0) cells[nameCol] = who.name;
    out.push({ line, fields: cells, raw: fields });
  }
  for (const r of runs) {
    notes.push({ line: r.from, column: nameCol + 1, kind: "fill_down", code: "empty_names", count: r.count, from: r.from, to: r.to,
      zh: "第" + r.from + (r.to > r.from ? "–" + r.to : "") + "行企业名称为空（" + r.count + " 行）：" + (options.fillDown ? "已按上一行企业“" + r.name + "”计" : "按上一行企业“" + r.name + "”计？未确认前不计算"),
      en: "rows " + r.from + (r.to > r.from ? "–" + r.to : "") + " have no enterprise name (" + r.count + " rows): " + (options.fillDown ? "counted as “" + r.name + "” above" : "count them as “" + r.name + "” above? Not computed until confirmed") });
  }
  const variants = [];
  for (const who of names.values()) {
    if (who.spellings.size > 1) {
      const list = Array.from(who.spellings.entries());
      variants.push({ name: who.name, spellings: list.map((x) => x[0]), lines: list.map((x) => x[1]) });
      notes.push({ line: list[1][1], column: nameCol + 1, kind: "variant", code: "name_variant",
        zh: "同一企业的不同写法已合并，请确认：" + list.map((x) => "“" + x[0] + "”（第" + x[1] + "行）").join(" = "),
        en: "spellings of one enterprise merged, please confirm: " + list.map((x) => "“" + x[0] + "” (row " + x[1] + ")").join(" = ") });
    }
  }
  for (const pair of creditCol >= 0 ? [] : nearDuplicates(Array.from(names.values()))) {
    const [a, b] = pair;
    notes.push({ line: b.lines[0], column: nameCol + 1, kind: "near_duplicate", code: "near_duplicate", names: [a.name, b.name],
      zh: "可能是同一企业，未合并，请确认：“" + a.name + "”（第" + a.lines[0] + "行）与“" + b.name + "”（第" + b.lines[0] + "行）",
      en: "perhaps one enterprise, not merged, please confirm: “" + a.name + "” (row " + a.lines[0] + ") and “" + b.name + "” (row " + b.lines[0] + ")" });
  }
  notes.sort((a, b) => a.line - b.line || a.column - b.column);
  const unfilled = options.fillDown ? 0 : runs.reduce((n, r) => n + r.count, 0);
  return { records: out, columns, notes, fillDown: runs, emptyConditions, condsOf, variants, counts: { rows: records.length, blank, refused, left_out: leftOut, unfilled } };
}

const SUFFIXES = /(股份有限公司|有限责任公司|有限公司|公司|厂|商行|店)$/;

/**
 * Names that are perhaps one enterprise (not merged; listed for the officer): the same but for a
 * company suffix (平湖丙 and 平湖丙有限公司), or, from eight characters on (without the suffix), one
 * character apart (added, dropped or changed; a digit apart is not: 平湖第1号, 平湖第2号). Found through shared keys, never by comparing every pair.
 * `list`: `[{ name, lines }]`; returns pairs in the order first seen.
 */
export function nearDuplicates(list) {
  const seen = new Map();
  const pairs = [];
  const done = new Set();
  list.forEach((who, i) => {
    const key = nameKey(who.name);
    const keys = new Set();
    const base = key.replace(SUFFIXES, "");
    if (base !== "") keys.add("s:" + base);
    if (base.length >= 8) {
      keys.add("d:" + base);
      // a digit apart is another enterprise (平湖第1号, 平湖第2号)
      for (let j = 0; j < base.length; j++) if (!/[0-9]/.test(base[j])) keys.add("d:" + base.slice(0, j) + "\u0000" + base.slice(j + 1)).add("d:" + base.slice(0, j) + base.slice(j + 1));
    }
    for (const k of keys) {
      const other = seen.get(k);
      if (other !== undefined && other !== i && !done.has(other + "," + i)) {
        done.add(other + "," + i);
        pairs.push([list[other], who]);
      }
      if (other === undefined) seen.set(k, i);
    }
  });
  return pairs;
}

/**
 * What to add to the engine's refusal of a cell: the cell as the clerk typed it, and the unit the
 * column is read in when it is 万元 (a 万元 cell has 万 appended for the engine). `at`: `locate`'s
 * `{ record, column }` (record: index in `prepared.records`, column 0-based). `{ zh, en }`, "" when
 * there is no cell.
 */
export function cellNote(prepared, mapping, at) {
  const r = prepared.records[at.record];
  if (!r || at.column < 0 || !r.raw) return { zh: "", en: "" };
  const typed = at.column < r.raw.length ? String(r.raw[at.column]).trim() : "";
  const wan = mapping[at.column] && mapping[at.column].unit === "万元";
  return {
    zh: "（单元格“" + typed + "”" + (wan ? "，本列按万元读" : "") + "）",
    en: " (cell “" + typed + "”" + (wan ? ", this column read in 万元" : "") + ")",
  };
}

/** The problem list as rows for a CSV the officer can send back to the clerk (header first). */
export function problemRows(notes) {
  return [["行 row", "列 column", "类型 kind", "问题", "problem"]].concat(notes.map((n) => [String(n.line), n.column ? String(n.column) : "", n.kind, n.zh, n.en]));
}
