// The computed result as tables for the .xlsx download (xlsx-download.js: `[{ name, columns:
// [{ label, kind }], rows }]`): the totals per measure and per category, and the enterprises, with
// the policy and the overlay on the first sheet. Interim: the same data as the results CSV
// (report.js); the bureau's report tables (tables.js, issue 18 §4) take its place when they come.
// Money as the engine wrote it (decimal strings): the write part makes them numbers. Pure.

const t = (label) => ({ label, kind: "text" });
const m = (label) => ({ label, kind: "money" });
const n = (label) => ({ label, kind: "count" });

/** The tables of `result` (run.js) under `policy`; `extra.fingerprint`: the overlay's. */
export function resultTables(policy, result, extra = {}) {
  const cats = policy.categories;
  const totals = result.totals;
  const changed = totals.changed;
  const about = [
    ["政策 policy", policy.id + " " + policy.version + (policy.fingerprint ? " " + policy.fingerprint : ""), "", ""],
    ["行 rows read / computed / refused", totals.rows_read + " / " + totals.rows_computed + " / " + totals.rows_refused, "", ""],
  ];
  for (const c of totals.overlay || []) about.push(["假设调整 overlay", c.parameter + "=" + c.value, "", ""]);
  if ((totals.overlay || []).length) about.push(["调整指纹 overlay fingerprint (SHA-256)", extra.fingerprint || "", "", ""]);
  const measures = totals.baseline.measures.map((x, i) => {
    const measure = policy.measures.find((y) => y.id === x.measure);
    return [measure ? measure.section.zh + " " + measure.title.zh : x.measure, x.total, x.awards_up_to, changed ? changed.measures[i].total : ""];
  });
  measures.push(["合计 overall", totals.baseline.total, totals.baseline.awards_up_to, changed ? changed.total : ""]);
  const summary = {
    name: "汇总 Summary",
    columns: [t("项目 item"), m("支持 support"), m("奖励上限 awards up to"), m("调整后支持 support, changed")],
    rows: about.map((r) => [r[0] + "：" + r[1], "", "", ""]).concat([["", "", "", ""]], measures),
  };
  const categories = {
    name: "类别 Categories",
    columns: [t("类别 category"), m("支持 support"), n("企业数 enterprises"), n("达到上限 at the cap")],
    rows: totals.baseline.categories.map((c) => {
      const cat = cats.find((x) => x.id === c.category);
      return [cat ? cat.label.zh : c.category, c.support, String(c.enterprises), cat && cat.kind === "award" ? "" : String(c.reached_cap)];
    }),
  };
  const columns = [t("企业 enterprise"), t("年份 years"), m("支持合计 total"), m("奖励上限 awards up to")].concat(cats.map((c) => m(c.label.zh)));
  if (changed) columns.push(m("调整后合计 changed total"));
  const enterprises = {
    name: "企业 Enterprises",
    columns,
    rows: result.enterprises.map((e) => {
      const r = [e.enterprise, e.rows.map((y) => y.year).join(" "), e.baseline.total, e.baseline.awards_up_to].concat(e.baseline.support);
      if (changed) r.push(e.changed ? e.changed.total : "");
      return r;
    }),
  };
  return [summary, categories, enterprises];
}
