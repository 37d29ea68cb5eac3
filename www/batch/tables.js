// The batch report as a list of tables, the one shape the page, the printout, the CSV download
// and the .xlsx writer all render:
//   reportTables(policy, result, extra) → [{ name, title, columns: [{ key, label, kind }], rows }]
// `kind` is "text", "money" (a decimal string as the engine wrote it, never a Number) or
// "count" (a whole number); each row is an object keyed by the columns' keys (a row may carry
// `role: "overall"` for a table's last line of sums). Every word of the policy comes from
// policy(), every figure from the engine's totals. Pure: tested in tests/node/batch-tables.test.mjs.
import { formatRate } from "../element/money.js";
import { exact, addExact, fromExact } from "./cells.js";
import { toCsv, asText } from "./csv.js";
import { GROUPS } from "./mapping.js";

const both = (zh, en) => zh + " / " + en;
const col = (key, label, kind) => ({ key, label, kind: kind || "text" });

function measureName(policy, id) {
  const m = policy.measures.find((x) => x.id === id);
  return m ? m.section.zh + " " + m.title.zh : id;
}

function catOf(policy, id) {
  return policy.categories.find((c) => c.id === id);
}

/** The file's facts: policy, version, fingerprint, date, counts, the overlay. */
function aboutTable(policy, result, extra) {
  const t = result.totals;
  const rows = [
    { item: both("政策", "Policy"), value: policy.id + " " + policy.version },
    { item: both("政策数据指纹", "Policy fingerprint") + " (SHA-256)", value: policy.fingerprint || "" },
    { item: both("计算日期", "Date"), value: extra.date || "" },
    { item: both("读取 / 计算 / 拒绝行数", "Rows read / computed / refused"), value: t.rows_read + " / " + t.rows_computed + " / " + t.rows_refused },
    { item: both("企业", "Enterprises"), value: String(t.enterprises) },
  ];
  if (t.overlay.length) {
    rows.push({ item: both("假设调整", "What-if overlay"), value: t.overlay.map((c) => c.parameter + "=" + c.value).join("; ") });
    rows.push({ item: both("调整指纹", "Overlay fingerprint") + " (SHA-256)", value: extra.fingerprint || both("不可用", "unavailable") });
  }
  return { name: "about", title: both("测算说明", "About this estimate"), columns: [col("item", both("项目", "Item")), col("value", both("内容", "Value"))], rows };
}

/** Per measure: support and award ceilings, and under the what-if. */
function totalsTable(policy, result) {
  const t = result.totals;
  const ch = t.changed;
  const columns = [col("measure", both("措施", "Measure")), col("total", both("支持", "Support"), "money"), col("awards_up_to", both("奖励上限", "Awards up to"), "money")];
  if (ch) columns.push(col("changed_total", both("调整后支持", "Support, changed"), "money"), col("changed_awards", both("调整后奖励上限", "Awards, changed"), "money"));
  const row = (name, s, c, role) => {
    const r = { measure: name, total: s.total, awards_up_to: s.awards_up_to };
    if (c) Object.assign(r, { changed_total: c.total, changed_awards: c.awards_up_to });
    if (role) r.role = role;
    return r;
  };
  const rows = t.baseline.measures.map((m, i) => row(measureName(policy, m.measure), m, ch && ch.measures[i]));
  rows.push(row(both("合计", "Overall"), t.baseline, ch, "overall"));
  return { name: "totals", title: both("资金需求（按措施）", "What it costs, per measure"), columns, rows };
}

/** Measure × year: expense support per year, award ceilings on lines of their own. */
function yearsTable(policy, result) {
  const b = result.totals.baseline;
  const years = b.years.map((y) => y.year);
  const columns = [col("measure", both("措施", "Measure")), col("kind", both("类型", "Kind"))]
    .concat(years.map((y) => col("y" + y, String(y), "money")), [col("total", both("合计", "Total"), "money")]);
  const has = (mid, kind) => policy.categories.some((c) => c.measure === mid && c.kind === kind);
  const line = (name, kind, pick, whole, role) => {
    const r = { measure: name, kind: kind === "award" ? both("奖励上限", "awards up to") : both("支持", "support"), total: whole };
    b.years.forEach((y) => { r["y" + y.year] = pick(y); });
    if (role) r.role = role;
    return r;
  };
  const rows = [];
  b.measures.forEach((m, i) => {
    const name = measureName(policy, m.measure);
    if (has(m.measure, "expense")) rows.push(line(name, "expense", (y) => y.measures[i].total, m.total));
    if (has(m.measure, "award")) rows.push(line(name, "award", (y) => y.measures[i].awards_up_to, m.awards_up_to));
  });
  rows.push(line(both("合计", "Overall"), "expense", (y) => y.total, b.total, "overall"));
  rows.push(line(both("合计", "Overall"), "award", (y) => y.awards_up_to, b.awards_up_to, "overall"));
  return { name: "years", title: both("按措施和年度", "Per measure and year"), columns, rows };
}

/** The total at the text's most, and under each reading that matters. */
function rangeTable(policy, result) {
  const t = result.totals;
  const r = t.range;
  const rows = [{ reading: both("按文件最高标准", "At the most the text allows"), total: t.baseline.total, awards_up_to: t.baseline.awards_up_to }];
  if (r.readings.length) {
    rows.push({ reading: both("无期限的上限按每年一个理解", "Caps with no period read as one each year"), total: r.yearly_reading.total, awards_up_to: r.yearly_reading.awards_up_to });
  }
  if (r.empty_conditions.length) {
    rows.push({ reading: both("空白条件按满足计", "Conditions left empty counted as met"), total: r.conditions_met.total, awards_up_to: r.conditions_met.awards_up_to });
  }
  const columns = [col("reading", both("理解", "Reading")), col("total", both("支持", "Support"), "money"), col("awards_up_to", both("奖励上限", "Awards up to"), "money")];
  return { name: "range", title: both("测算区间", "Range"), columns, rows };
}

/** Per category: rows with an empty condition, and what they add when met. */
function emptyTable(policy, result) {
  const rows = result.totals.range.empty_conditions.map((e) => {
    const c = catOf(policy, e.category);
    return { category: c ? c.label.zh : e.category, rows: e.rows, adds: e.adds };
  });
  const columns = [col("category", both("类别", "Category")), col("rows", both("条件为空的行", "Rows with empty conditions"), "count"), col("adds", both("若条件满足可增加", "Would add if met"), "money")];
  return { name: "empty_conditions", title: both("条件为空的行（按未满足计）", "Rows with empty conditions (counted as not met)"), columns, rows };
}

/** Per category: rate, cap, enterprises, at the cap; with the what-if's rate, cap and period. */
function capsTable(policy, result) {
  const t = result.totals;
  const ch = t.changed;
  const changes = {};
  for (const c of t.overlay) changes[c.parameter] = c.value;
  const periodLabel = (id) => { const p = policy.cap_periods.find((x) => x.id === id); return p ? p.label.zh : id; };
  const columns = [col("category", both("类别", "Category")), col("rate", both("比例", "Rate")), col("cap", both("上限", "Cap"), "money"), col("cap_period", both("上限期间", "Cap period")),
    col("enterprises", both("企业数", "Enterprises"), "count"), col("reached_cap", both("达到上限", "At the cap"), "count")];
  if (ch) columns.push(col("changed_rate", both("调整后比例", "Rate, changed")), col("changed_cap", both("调整后上限", "Cap, changed"), "money"),
    col("changed_cap_period", both("调整后上限期间", "Cap period, changed")), col("changed_reached", both("调整后达到上限", "At the cap, changed"), "count"));
  const rows = t.baseline.categories.map((s, i) => {
    const c = catOf(policy, s.category);
    const award = c.kind === "award";
    const r = { category: c.label.zh, rate: award ? both("奖励", "award") : formatRate(c.rate), cap: c.cap, cap_period: c.cap_period_label.zh, enterprises: s.enterprises, reached_cap: award ? null : s.reached_cap };
    if (ch) {
      const rate = changes[c.id + ".rate"];
      Object.assign(r, {
        changed_rate: award ? both("奖励", "award") : formatRate(rate != null ? rate : c.rate),
        changed_cap: changes[c.id + ".cap"] != null ? changes[c.id + ".cap"] : c.cap,
        changed_cap_period: changes[c.id + ".cap_period"] != null ? periodLabel(changes[c.id + ".cap_period"]) : c.cap_period_label.zh,
        changed_reached: award ? null : ch.categories[i].reached_cap,
      });
    }
    return r;
  });
  return { name: "caps", title: both("各类别的比例、上限和达到上限的企业", "Rates, caps and enterprises at each cap"), columns, rows };
}

/** Subtotals per value of a passed-through column (镇街道, 梯度): `group.values[i]` for result enterprise i. */
function groupTable(group, result) {
  const sums = new Map();
  result.enterprises.forEach((e, i) => {
    const v = String(group.values[i] == null ? "" : group.values[i]).trim() || both("（空）", "(empty)");
    const s = sums.get(v) || { enterprises: 0, total: "0", awards: "0" };
    s.enterprises++;
    s.total = addExact(s.total, exact(e.baseline.total, "元"));
    s.awards = addExact(s.awards, exact(e.baseline.awards_up_to, "元"));
    sums.set(v, s);
  });
  const rows = Array.from(sums.keys()).sort().map((k) => {
    const s = sums.get(k);
    return { group: k, enterprises: s.enterprises, total: fromExact(s.total), awards_up_to: fromExact(s.awards) };
  });
  const columns = [col("group", group.label), col("enterprises", both("企业", "Enterprises"), "count"), col("total", both("支持", "Support"), "money"), col("awards_up_to", both("奖励上限", "Awards up to"), "money")];
  return { name: group.key, title: both("按" + group.label + "小计", "Subtotals per " + group.label), columns, rows };
}

function noticesTable(result) {
  const rows = result.totals.notices.map((n) => ({ code: n.code, zh: n.zh, en: n.en }));
  return { name: "notices", title: both("测算所依据的说明", "What every figure here assumes"), columns: [col("code", both("代码", "Code")), col("zh", "说明"), col("en", "Notice")], rows };
}

/** One row per enterprise, a column per category; with the what-if, its figures too. */
function enterprisesTable(policy, result) {
  const cats = policy.categories;
  const ch = !!result.totals.changed;
  const columns = [col("enterprise", "企业 (enterprise)"), col("years", "年份 (years)"), col("total", "支持合计 (total)", "money"), col("awards_up_to", "奖励上限 (awards_up_to)", "money")]
    .concat(cats.map((c) => col("c." + c.id, c.label.zh + " (" + c.id + ")", "money")), [col("reached", "达到上限 (reached_cap)")]);
  if (ch) columns.push(col("changed_total", "调整后合计 (changed.total)", "money"), col("changed_awards", "调整后奖励上限 (changed.awards_up_to)", "money"),
    ...cats.map((c) => col("changed.c." + c.id, "调整后 " + c.label.zh + " (changed." + c.id + ")", "money")));
  const rows = result.enterprises.map((e) => {
    const r = { enterprise: e.enterprise, years: e.rows.map((y) => y.year).join(" "), total: e.baseline.total, awards_up_to: e.baseline.awards_up_to, reached: e.baseline.reached.join(" ") };
    cats.forEach((c, i) => { r["c." + c.id] = e.baseline.support[i]; });
    if (ch && e.changed) {
      Object.assign(r, { changed_total: e.changed.total, changed_awards: e.changed.awards_up_to });
      cats.forEach((c, i) => { r["changed.c." + c.id] = e.changed.support[i]; });
    }
    return r;
  });
  return { name: "enterprises", title: both("企业明细", "Enterprises"), columns, rows };
}

/** Every enterprise whose figures the what-if changes. */
function changedTable(result) {
  const rows = result.enterprises.filter((e) => e.changed && (e.changed.total !== e.baseline.total || e.changed.awards_up_to !== e.baseline.awards_up_to))
    .map((e) => ({ enterprise: e.enterprise, total: e.baseline.total, changed_total: e.changed.total, awards_up_to: e.baseline.awards_up_to, changed_awards: e.changed.awards_up_to }));
  const columns = [col("enterprise", both("企业", "Enterprise")), col("total", both("支持", "Support"), "money"), col("changed_total", both("调整后支持", "Support, changed"), "money"),
    col("awards_up_to", both("奖励上限", "Awards up to"), "money"), col("changed_awards", both("调整后奖励上限", "Awards, changed"), "money")];
  return { name: "changed", title: both("支持金额变化的企业", "Enterprises whose support changes"), columns, rows };
}

/**
 * The passed-through columns of a sheet (mapping.js GROUPS: 镇街道, 梯度) for `groupTable`: for each
 * enterprise of the result, the first non-empty cell of its rows (`places[e][r].record`, an index
 * in `prepared.records`). `[{ key, label, values }]`, only for the columns the mapping has.
 */
export function sheetGroups(mapping, prepared, places, result) {
  return GROUPS.filter((g) => mapping.some((f) => f.key === g.key)).map((g) => {
    const i = mapping.findIndex((f) => f.key === g.key);
    const values = result.enterprises.map((e) => {
      for (const p of places[e.index] || []) {
        const r = prepared.records[p.record];
        const v = r && i < r.fields.length ? String(r.fields[i]).trim() : "";
        if (v) return v;
      }
      return "";
    });
    return { key: g.key, label: g.zh, values };
  });
}

/**
 * The report's tables. `extra`: `date` (text), `fingerprint` (the overlay's), `groups`
 * (`[{ key: "town" | "tier", label, values }]`, values per result enterprise), `summary` (all but
 * the per-enterprise tables: what the page and the printout draw).
 */
export function reportTables(policy, result, extra = {}) {
  const out = [aboutTable(policy, result, extra), totalsTable(policy, result), yearsTable(policy, result), rangeTable(policy, result)];
  if (result.totals.range.empty_conditions.length) out.push(emptyTable(policy, result));
  out.push(capsTable(policy, result));
  for (const g of extra.groups || []) out.push(groupTable(g, result));
  out.push(noticesTable(result));
  if (extra.summary) return out; // the page draws its own enterprise list: not built for it
  out.push(enterprisesTable(policy, result));
  if (result.totals.changed) out.push(changedTable(result));
  return out;
}

/** A cell as text for a file: money as the engine wrote it, counts as digits, text safe from formulas. */
export function cellText(column, value) {
  if (value == null) return "";
  if (column.kind === "text") return asText(String(value));
  return String(value);
}

/** The tables as one CSV (UTF-8 with BOM): each its title, its header, its rows, a blank line. */
export function tablesCsv(tables) {
  const rows = [];
  for (const t of tables) {
    rows.push([t.title]);
    rows.push(t.columns.map((c) => c.label));
    for (const r of t.rows) rows.push(t.columns.map((c) => cellText(c, r[c.key])));
    rows.push([]);
  }
  return toCsv(rows);
}

/**
 * The tables as the .xlsx write part takes them (xlsx-download.js; crates/sheet's `Table`): a sheet
 * each, named by its title, its cells as text (money as the engine wrote it: the part makes it a
 * number); `problems` (sheet.js `problemRows`, header first) a sheet of its own when there are any.
 */
export function sheetTables(tables, problems) {
  const out = tables.map((t) => ({
    name: t.title.replace(" / ", " "),
    columns: t.columns.map((c) => ({ label: c.label, kind: c.kind })),
    rows: t.rows.map((r) => t.columns.map((c) => (r[c.key] == null ? "" : String(r[c.key])))),
  }));
  if (problems && problems.length > 1) {
    const text = (c) => (c == null ? "" : String(c));
    out.push({ name: "拒绝与说明 Problems", columns: problems[0].map((label) => ({ label, kind: "text" })), rows: problems.slice(1).map((r) => r.map(text)) });
  }
  return out;
}
