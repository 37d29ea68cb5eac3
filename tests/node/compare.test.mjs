// Scenarios side by side (www/element/workspace/compare.js) on the shipped second package's
// comparison (pkg-office/, src/compare.rs): the differences as people read them, every figure the
// engine's own string (no JS arithmetic), labels from policy(), the years a scenario does not
// cover, both languages, the CSV; and what the engine refuses.
//
//   node --test tests/node/compare.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { optionalPackage } from "./packages.mjs";
import { formatDifference, compareRows, compareCsv } from "../../www/element/workspace/compare.js";
import { formatYuan } from "../../www/element/money.js";
import { reportRows, reportCsv } from "../../www/element/workspace/report.js";

const { glue, skip: NO_ENGINE } = await optionalPackage("pkg-office");

test("a difference reads +¥, −¥ (a minus sign) or ¥0.00, exactly as the engine wrote it", () => {
  assert.equal(formatDifference("1234.50"), "+¥1,234.50");
  assert.equal(formatDifference("-1234.50"), "\u2212¥1,234.50");
  assert.equal(formatDifference("0.00"), "¥0.00");
  assert.equal(formatDifference("-0.00"), "¥0.00");
  // Beyond a double's 15 digits: the string's digits, untouched.
  assert.equal(formatDifference("-999999999999.99"), "\u2212¥999,999,999,999.99");
  assert.equal(formatDifference(null), "");
});

/** Two plain expense categories of the policy (no condition, no shared matter). */
function plainCategories(policy) {
  const cats = policy.categories.filter((c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null) && !c.exclusive_group);
  assert.ok(cats.length >= 2, "two plain expense categories");
  return cats;
}

function scenarios(policy) {
  const [a, b] = plainCategories(policy);
  const y = policy.document.first_year + 1;
  const year = (yr, items) => ({ year: yr, expenses: items.map(([c, amount]) => ({ category: c.id, amount: amount })) });
  return [
    { id: "s1", name: "方案一", saved: "2026-11-29", kind: "year", input: year(y, [[a, "100000"]]) }, // input, not a policy figure
    { id: "s2", name: "方案二", saved: "2026-11-29", kind: "plan", input: { years: [year(y, [[a, "100000"], [b, "50000"]]), year(y + 1, [[a, "20000"]])] } }, // input, not a policy figure
  ];
}

test("the rows are the engine's figures with their differences, labelled from policy()", { skip: NO_ENGINE }, () => {
  const policy = glue.policy();
  const c = glue.workspace_compare(scenarios(policy));
  const [a, b] = plainCategories(policy);
  for (const L of ["zh", "en"]) {
    const rows = compareRows(policy, L, c, "嘉兴某某箱包有限公司");
    assert.equal(rows.baseline, "方案一");
    assert.ok(rows.caption.includes("嘉兴某某箱包有限公司") && rows.caption.includes("方案一"), rows.caption);
    assert.equal(rows.fingerprint, policy.fingerprint);
    const [cats, totals, years] = rows.groups;
    assert.deepEqual(
      cats.rows.map((r) => r.label),
      [a.label[L], b.label[L]]
    );
    // Each cell: the engine's value, and after the first its difference, formatted, never recomputed.
    const row = cats.rows[1];
    assert.deepEqual(row.cells.map((x) => x.value), c.categories[1].values.map(formatYuan));
    assert.equal(row.cells[0].difference, null);
    assert.equal(row.cells[1].difference, formatDifference(c.categories[1].differences[1]));
    assert.equal(totals.rows[0].kind, "total");
    assert.deepEqual(totals.rows[0].cells.map((x) => x.raw), c.total.values);
    // The single year does not cover the plan's second year: no value, no difference.
    assert.equal(years.rows.length, 2);
    assert.deepEqual([years.rows[1].cells[0].raw, years.rows[1].cells[1].difference], [null, null]);
    assert.match(rows.columns[1].covers, new RegExp(String(policy.document.first_year + 2)));
  }
});

test("the CSV has a column per scenario and a difference column after the first, and the fingerprint", { skip: NO_ENGINE }, () => {
  const policy = glue.policy();
  const c = glue.workspace_compare(scenarios(policy));
  const csv = compareCsv(compareRows(policy, "zh", c, "客户甲"), "zh");
  assert.ok(csv.startsWith("\ufeff"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines[1].split(",").length, 1 + 2 + 1);
  const total = lines.find((l) => l.startsWith("预计支持合计"));
  assert.equal(total, ["预计支持合计", c.total.values[0], c.total.values[1], c.total.differences[1]].join(","));
  assert.ok(lines.some((l) => l.includes(policy.fingerprint)));
  assert.ok(lines.some((l) => l.includes("未包含该年度")));
});

test("the engine compares 2 to 4 scenarios and refuses one, or a scenario its reader refuses, with the reason", { skip: NO_ENGINE }, () => {
  const policy = glue.policy();
  const two = scenarios(policy);
  assert.equal(glue.workspace_compare(two.concat(two.map((s) => Object.assign({}, s, { id: s.id + "b" })))).scenarios.length, 4);
  const refused = (list) => {
    try {
      glue.workspace_compare(list);
    } catch (e) {
      return e;
    }
    assert.fail("not refused");
  };
  const one = refused(two.slice(0, 1));
  assert.deepEqual([one.code, one.skipped.code, one.skipped.path], ["invalid", "count", "scenarios"]);
  const bad = refused([two[0], Object.assign({}, two[1], { kind: "year" })]);
  assert.deepEqual([bad.skipped.code, bad.skipped.scenario, bad.skipped.path], ["input", "方案二", "scenarios[1].input"]);
  assert.ok(bad.skipped.errors.length > 0);
});

test("the client report carries the comparison shown: its CSV has the comparison's rows after the disclaimer", { skip: NO_ENGINE }, () => {
  const policy = glue.policy();
  const list = scenarios(policy);
  const c = glue.workspace_compare(list);
  const result = glue.calculate(list[0].input);
  const base = { kind: "year", result: result, client: { name: "客户甲", contact: "" }, preparer: "", date: "2026-11-29", scenario: "方案一" };
  const without = reportCsv(reportRows(policy, "zh", base), "zh");
  assert.doesNotMatch(without, /方案比较/);
  const withIt = reportCsv(reportRows(policy, "zh", Object.assign({ comparison: compareRows(policy, "zh", c, "客户甲") }, base)), "zh");
  const lines = withIt.slice(1).split("\r\n");
  const disclaimer = lines.findIndex((l) => l.startsWith("声明"));
  const heading = lines.indexOf("比较方案");
  assert.ok(disclaimer > 0 && heading > disclaimer, "the comparison follows the disclaimer");
  assert.ok(lines.includes(["预计支持合计", c.total.values[0], c.total.values[1], c.total.differences[1]].join(",")), withIt);
});

test("three scenarios: a column and a difference column each; a shared name told apart; a plan with a gap lists its years; other years are said", { skip: NO_ENGINE }, () => {
  const policy = glue.policy();
  const [s1, s2] = scenarios(policy);
  const y = policy.document.first_year + 1;
  const gap = { id: "s3", name: "方案二", saved: "", kind: "plan", input: { years: [{ year: y, expenses: [] }, { year: y + 2, expenses: [] }] } };
  const c = glue.workspace_compare([s1, s2, gap]);
  for (const L of ["zh", "en"]) {
    const rows = compareRows(policy, L, c, "客户甲");
    assert.deepEqual(rows.columns.map((col) => col.name), ["方案一", "方案二 (2)", "方案二 (3)"]);
    assert.ok(rows.columns[2].covers.includes(String(y + 2)) && !rows.columns[2].covers.includes("–"), rows.columns[2].covers);
    // Both plans cover other years than the single-year baseline: said, naming them and the baseline.
    assert.ok(rows.coverage.includes("方案二 (2)") && rows.coverage.includes("方案二 (3)") && rows.coverage.includes("方案一"), rows.coverage);
    const lines = compareCsv(rows, L).slice(1).split("\r\n");
    assert.equal(cellsOf(lines[1]).length, 1 + 3 + 2, lines[1]);
    assert.ok(lines.includes(csvTextOf(rows.coverage)), "the note is in the CSV");
  }
  // Two single years of the same year: nothing to say.
  assert.equal(compareRows(policy, "zh", glue.workspace_compare([s1, Object.assign({}, s1, { id: "s9" })]), "").coverage, "");
});

/** A CSV line's cells (quoted cells may hold commas). */
function cellsOf(line) {
  return line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).filter((c, i, all) => i < all.length - 1 || c !== "");
}

/** The note as the CSV writes it (quoted when it holds a comma). */
function csvTextOf(s) {
  return /[",]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

test("names a spreadsheet would run as a formula stay text in the CSVs; money keeps its minus", { skip: NO_ENGINE }, () => {
  const policy = glue.policy();
  const [s1, s2] = scenarios(policy);
  // The plan first: the single year gives less, so its difference is negative.
  const c = glue.workspace_compare([Object.assign({}, s2, { name: "@SUM(1)" }), Object.assign({}, s1, { name: "=HYPERLINK(\"x\")" })]);
  const csv = compareCsv(compareRows(policy, "en", c, "+client"), "en");
  assert.doesNotMatch(csv, /(^|,|\n)"?[=+@]/m, csv);
  assert.match(csv, /'=HYPERLINK/);
  assert.match(csv, /,-\d+\.\d\d(,|\r)/, "a negative difference stays a number");
  const report = reportCsv(reportRows(policy, "en", { kind: "year", result: glue.calculate(s1.input), client: { name: "-1+1", contact: "=cmd" }, preparer: "@me", date: "2026-11-29", scenario: "" }), "en");
  assert.match(report, /,'-1\+1\r\n/);
  assert.match(report, /,'=cmd\r\n/);
  assert.match(report, /,'@me\r\n/);
});
