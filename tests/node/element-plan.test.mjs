// Unit tests of the plan view's pure model (www/element/plan.js): the request for
// calculate_plan() from per-year form values, where plan errors go, the caps' rows, the
// "up to" rate and the headroom text. The last test runs a request through the shipped engine
// (pkg/, after `make build`).
//
//   node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { optionalPackage } from "./packages.mjs";
import {
  planYears, buildPlanRequest, withoutPlanExpenses, planErrorTarget, splitPlanErrors, capRows, rateText, headroomText,
} from "../../www/element/plan.js";
import { formatYuan } from "../../www/element/money.js";

// PINGHU_PKG: another build of the engine (the rehearsal's fixture policy, `make test-rehearsal`).
const { glue, skip: NO_ENGINE } = await optionalPackage("pkg");

const field = (category, amounts, extra) =>
  Object.assign({ category, kind: "expense", applying: false, amounts, others: [], conditions: [] }, extra);

test("planYears: first_year…last_year of the document", () => {
  assert.deepEqual(planYears({ document: { first_year: 2024, last_year: 2027 } }), [2024, 2025, 2026, 2027]);
  assert.deepEqual(planYears({ document: { first_year: 2025, last_year: 2025 } }), [2025]);
});

test("buildPlanRequest: every year sent, empty fields and empty received amounts left out", () => {
  const rows = [
    [
      [[{ year: 2024, fields: [field("certification", [""])] }], []],
      { request: { years: [{ year: 2024, expenses: [] }] }, maps: [[]], receivedMap: [] },
    ],
    [
      [
        [
          { year: 2025, fields: [field("certification", [" 60,000 "])] },
          { year: 2026, fields: [field("certification", ["80000", ""]), field("brand_promotion", ["", "30万"])] },
        ],
        [{ category: "certification", value: "" }, { category: "brand_promotion", value: " 1万 " }],
      ],
      {
        request: {
          years: [
            { year: 2025, expenses: [{ category: "certification", amount: "60,000" }] },
            { year: 2026, expenses: [{ category: "certification", amount: "80000" }, { category: "brand_promotion", amount: "30万" }] },
          ],
          already_received: [{ category: "brand_promotion", amount: "1万" }],
        },
        maps: [[{ field: 0, item: 0 }], [{ field: 0, item: 0 }, { field: 1, item: 1 }]],
        receivedMap: [1],
      },
    ],
  ];
  for (const [[perYear, received], want] of rows) {
    assert.deepEqual(buildPlanRequest(perYear, received), want, JSON.stringify(perYear));
  }
});

test("withoutPlanExpenses drops the named expenses of the named years only", () => {
  const req = {
    years: [
      { year: 2025, expenses: [{ category: "a", amount: "1" }, { category: "b", amount: "x" }] },
      { year: 2026, expenses: [{ category: "a", amount: "2" }] },
    ],
    already_received: [{ category: "a", amount: "3" }],
  };
  assert.deepEqual(withoutPlanExpenses(req, new Map([[0, new Set([1])]])), {
    years: [{ year: 2025, expenses: [{ category: "a", amount: "1" }] }, { year: 2026, expenses: [{ category: "a", amount: "2" }] }],
    already_received: [{ category: "a", amount: "3" }],
  });
});

test("planErrorTarget: a year's path, an already_received entry, or nothing", () => {
  const rows = [
    ["years[1].expenses[0].amount", { year: 1, path: "expenses[0].amount" }],
    ["years[2].year", { year: 2, path: "year" }],
    ["years[0]", { year: 0, path: "" }],
    ["already_received[3].amount", { received: 3, field: "amount" }],
    ["already_received[0]", { received: 0, field: null }],
    ["years", {}],
    ["", {}],
    [undefined, {}],
  ];
  for (const [path, want] of rows) assert.deepEqual(planErrorTarget(path), want, String(path));
});

test("splitPlanErrors: expenses to their year (path inside the year), received, the rest general", () => {
  const e = (path) => ({ path, code: "x", zh: "z", en: "e" });
  const s = splitPlanErrors([e("years[1].expenses[0].amount"), e("already_received[0].amount"), e("years[2].year"), e("years")]);
  assert.deepEqual([...s.years.entries()], [[1, [e("expenses[0].amount")]]]);
  assert.deepEqual([...s.received.entries()], [[0, [e("already_received[0].amount")]]]);
  assert.deepEqual(s.general, [e("years[2].year"), e("years")]);
});

test("capRows: labels and periods from policy(), money formatted, — when a cap starts afresh", () => {
  const policy = {
    categories: [
      { id: "certification", label: { zh: "认证", en: "Certification" }, cap_period_label: { zh: "每家企业", en: "per enterprise" } },
    ],
  };
  const result = {
    caps: [
      { category: "certification", cap: "95000.00", cap_period: "per_enterprise", used: "70000.00", remaining: "25000.00", by_year: [{ year: 2025, used: "30000.00" }, { year: 2026, used: "40000.00" }] },
      { category: "other", cap: "45000.00", cap_period: "per_enterprise_year", used: "0.00", remaining: null, by_year: [] },
      { category: "certification", cap: "95000.00", cap_period: "per_enterprise", used: "95000.00", remaining: "0.00" },
    ],
  };
  assert.deepEqual(capRows(result, policy, "en"), [
    {
      category: "certification", label: "Certification", cap: "¥95,000.00", period: "per enterprise", used: "¥70,000.00", remaining: "¥25,000.00",
      byYear: [{ year: 2025, used: "¥30,000.00" }, { year: 2026, used: "¥40,000.00" }], exhausted: false,
    },
    { category: "other", label: "other", cap: "¥45,000.00", period: "per_enterprise_year", used: "¥0.00", remaining: "—", byYear: [], exhausted: false },
    { category: "certification", label: "Certification", cap: "¥95,000.00", period: "per enterprise", used: "¥95,000.00", remaining: "¥0.00", byYear: [], exhausted: true },
  ]);
  assert.equal(capRows(result, policy, "zh")[0].label, "认证");
  assert.deepEqual(capRows({}, policy, "zh"), []);
});

test("rateText and headroomText in both languages", () => {
  assert.equal(rateText("0.35", false, "zh"), "35%");
  assert.equal(rateText("0.35", true, "zh"), "最高 35%");
  assert.equal(rateText("0.35", true, "en"), "up to 35%");
  assert.equal(headroomText({ headroom: null }, "zh"), "");
  assert.equal(headroomText(null, "en"), "");
});

test("headroomText says what the text would still allow, with the engine's figures, not advice to spend", { skip: NO_ENGINE }, () => {
  const policy = glue.policy();
  // An expense category with no condition asked every year, and a small amount in the year after
  // the plan's first (no start condition): its line is under its cap.
  const cat = policy.categories.find((c) => c.kind === "expense" && (c.conditions || []).every((k) => k.only_year != null) && c.cap);
  const r = glue.calculate({ year: policy.document.first_year + 1, expenses: [{ category: cat.id, amount: "1" }] });
  const line = r.lines.find((l) => l.category === cat.id);
  const hr = line.headroom;
  assert.ok(hr, "premise: the line has headroom " + JSON.stringify(line));
  const e = formatYuan(hr.expense_to_cap);
  const s = formatYuan(hr.support_left);
  assert.equal(headroomText(line, "zh"), "距上限尚余 " + s + "（费用再多 " + e + " 即达上限）");
  assert.equal(headroomText(line, "en"), s + " of the cap is left (reached with " + e + " more expense)");
  for (const L of ["zh", "en"]) assert.doesNotMatch(headroomText(line, L), /再投入|可多获|Another|more support/);
});

test("a plan request from the form's values runs through the engine: the cap over the plan", { skip: NO_ENGINE }, (t) => {
  const policy = glue.policy();
  // An expense category with one cap over the plan and no condition asked every year, typed in the
  // two years after the plan's first (no start condition).
  const scope = (c) => policy.cap_periods.find((p) => p.id === c.cap_period).scope;
  const cat = policy.categories.find((c) => c.kind === "expense" && scope(c) === "plan" && c.conditions.every((k) => k.only_year != null));
  if (!cat) return t.skip("no expense category of this policy has a cap over the plan without conditions");
  const years = planYears(policy);
  if (years.length < 3) return t.skip("the plan has fewer than three years");
  const built = buildPlanRequest(
    years.map((year) => ({
      year,
      fields: [field(cat.id, [year === years[1] ? "60,000" : year === years[2] ? "80000" : ""])],
    })),
    []
  );
  const r = glue.calculate_plan(built.request);
  assert.equal(r.years.length, years.length);
  const rows = capRows(r, policy, "en").filter((c) => c.category === cat.id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].cap, formatYuan(cat.cap));
  assert.ok(rows[0].byYear.length >= 2, JSON.stringify(rows[0]));
});
