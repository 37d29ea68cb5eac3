// Unit tests of the element's pure model (www/element/model.js): reading fields, building the
// request, where errors and notices go, and the summary, CSV and JSON the element exports.
// The last tests run the model's requests through the shipped engine (pkg/, after `make build`).
//
//   node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { optionalPackage } from "./packages.mjs";
import { formatYuan } from "../../www/element/money.js";
import {
  readCount, readYear, toHalfWidthDigits, buildRequest, withoutExpenses, normaliseErrors, errorTarget,
  placeNotices, isBannerNotice, isWarningNotice, summaryText, jsonText, fileBase, todayIso,
} from "../../www/element/model.js";
import { csvText } from "../../www/element/csv.js";

// The shipped engine, for the last tests (skipped, saying why, before the first `make build`;
// `make test` builds first).
// PINGHU_PKG: another build of the engine (the rehearsal's fixture policy, `make test-rehearsal`).
const { glue, skip: NO_ENGINE } = await optionalPackage("pkg");
let calculate = null;
let enginePolicy = null;
if (glue) {
  calculate = glue.calculate;
  enginePolicy = glue.policy;
}

function table(fn, rows, ...extra) {
  for (const [input, expected] of rows) {
    assert.deepEqual(fn(input, ...extra), expected, `${fn.name}(${JSON.stringify(input)})`);
  }
}

// ---------------------------------------------------------------- reading fields

test("readCount: whole numbers of any length are sent as numbers, other text as typed", () => {
  table(readCount, [
    ["", undefined],
    ["   ", undefined],
    ["14", 14],
    [" 14 ", 14],
    ["0", 0],
    ["007", 7],
    ["-3", -3],
    ["１４", 14], // full-width digits (Chinese input methods)
    ["123456789", 123456789],
    // Ten or more digits: still a number (was sent as text, "got text"); the engine judges the range.
    ["1234567890", 1234567890],
    ["99999999999", 99999999999],
    ["12345678901234567890", 12345678901234567890],
    // Not a whole number: the text as typed, so the engine says it is not a whole number.
    ["x", "x"],
    ["12.5", "12.5"],
    ["1e3", "1e3"],
    ["+5", "+5"],
    ["5 6", "5 6"],
    ["十二", "十二"],
  ]);
  assert.equal(typeof readCount("9".repeat(10000)), "number", "10,000 nines: a number, not text");
});

test("readYear: one to four digits, strictly; anything else falls back", () => {
  const fallback = 2031;
  table(readYear, [
    ["2025", 2025],
    [" 2026 ", 2026],
    ["2024\n", 2024],
    ["1", 1],
    ["9999", 9999],
    ["0999", 999],
    // What parseInt accepted: "1e9" as 1, "2025abc" as 2025.
    ["1e9", fallback],
    ["2025abc", fallback],
    ["2025.0", fallback],
    ["20.5", fallback],
    ["-2025", fallback],
    ["+2025", fallback],
    ["0", fallback],
    ["0000", fallback],
    ["12345", fallback],
    ["0x7e9", fallback],
    ["２０２５", fallback],
    ["", fallback],
    [null, fallback],
    [undefined, fallback],
    ["abc", fallback],
  ], fallback);
});

test("toHalfWidthDigits", () => {
  assert.equal(toHalfWidthDigits("０１２３４５６７８９"), "0123456789");
  assert.equal(toHalfWidthDigits("３０万"), "30万");
  assert.equal(toHalfWidthDigits("abc"), "abc");
});

// ---------------------------------------------------------------- the request

const expense = (category, amounts, extra) => Object.assign({ category, kind: "expense", applying: false, amounts, others: amounts.map(() => ""), conditions: [] }, extra);
const award = (category, applying, extra) => Object.assign({ category, kind: "award", applying, amounts: [], others: [""], conditions: [] }, extra);

test("buildRequest: a table of form values and the request they make", () => {
  const rows = [
    {
      name: "an empty form: no expenses",
      fields: [expense("a", [""]), award("w", false)],
      expenses: [],
      map: [],
    },
    {
      name: "amounts are trimmed, empty ones left out, the map points at the fields",
      fields: [expense("a", [" 30万 ", "", "5"]), expense("b", [""]), expense("c", ["1"])],
      expenses: [{ category: "a", amount: "30万" }, { category: "a", amount: "5" }, { category: "c", amount: "1" }],
      map: [{ field: 0, item: 0 }, { field: 0, item: 2 }, { field: 2, item: 0 }],
    },
    {
      name: "support received elsewhere goes with its own item, trimmed; an item without any has none",
      fields: [expense("a", ["1", "2", "3"], { others: [" 20000 ", "", "5"] })],
      expenses: [
        { category: "a", amount: "1", other_policy_support: "20000" },
        { category: "a", amount: "2" },
        { category: "a", amount: "3", other_policy_support: "5" },
      ],
      map: [{ field: 0, item: 0 }, { field: 0, item: 1 }, { field: 0, item: 2 }],
    },
    {
      name: "an empty amount leaves its item out with its support from elsewhere; the next keeps its own",
      fields: [expense("a", ["", "2"], { others: ["7", "9"] })],
      expenses: [{ category: "a", amount: "2", other_policy_support: "9" }],
      map: [{ field: 0, item: 1 }],
    },
    {
      name: "an award's support from elsewhere goes with it",
      fields: [award("w", true, { others: [" 1万 "] })],
      expenses: [{ category: "w", other_policy_support: "1万" }],
      map: [{ field: 0, item: null }],
    },
    {
      name: "values of the older one-field form: `other` goes with the category's first entry, as it did",
      fields: [{ category: "a", kind: "expense", applying: false, amounts: ["", "1", "2"], other: " 20000 ", conditions: [] }],
      expenses: [{ category: "a", amount: "1", other_policy_support: "20000" }, { category: "a", amount: "2" }],
      map: [{ field: 0, item: 1 }, { field: 0, item: 2 }],
    },
    {
      name: "support received elsewhere without an amount: nothing to compare it with",
      fields: [expense("a", [""], { others: ["20000"] })],
      expenses: [],
      map: [],
    },
    {
      name: "conditions: booleans, counts as numbers, text as typed, empty counts left out",
      fields: [
        expense("s", ["150,000"], {
          conditions: [
            { id: "months", type: "months", value: "14" },
            { id: "big", type: "count", value: "1234567890" },
            { id: "bad", type: "count", value: "x" },
            { id: "empty", type: "count", value: "" },
            { id: "flag", type: "bool", value: false },
          ],
        }),
      ],
      expenses: [{ category: "s", amount: "150,000", conditions: { months: 14, big: 1234567890, bad: "x", flag: false } }],
      map: [{ field: 0, item: 0 }],
    },
    {
      name: "awards: included when applied for, without an amount, with their conditions",
      fields: [award("w", true, { conditions: [{ id: "events", type: "count", value: "１２" }] }), award("v", false)],
      expenses: [{ category: "w", conditions: { events: 12 } }],
      map: [{ field: 0, item: null }],
    },
  ];
  for (const row of rows) {
    const built = buildRequest(2025, row.fields);
    assert.deepEqual(built.request, { year: 2025, expenses: row.expenses }, row.name);
    assert.deepEqual(built.map, row.map, row.name + " (map)");
  }
});

test("buildRequest: each entry has its own copy of the conditions", () => {
  const built = buildRequest(2025, [expense("a", ["1", "2"], { conditions: [{ id: "m", type: "months", value: "3" }] })]);
  built.request.expenses[0].conditions.m = 99;
  assert.equal(built.request.expenses[1].conditions.m, 3);
});

test("buildRequest: a condition asked only in one year is sent in that year and left out in the others", () => {
  const fields = [{
    category: "c", kind: "expense", amounts: ["100"], other: "",
    conditions: [
      { id: "start", type: "bool", value: true, only_year: 2024 },
      { id: "months", type: "months", value: "12", only_year: null },
    ],
  }];
  assert.deepEqual(buildRequest(2024, fields).request.expenses[0].conditions, { start: true, months: 12 });
  assert.deepEqual(buildRequest(2025, fields).request.expenses[0].conditions, { months: 12 });
  // The year as the year select gives it (a string) is the same year.
  assert.deepEqual(buildRequest("2024", fields).request.expenses[0].conditions, { start: true, months: 12 });
});

test("withoutExpenses leaves out the entries with errors, keeps the year", () => {
  const request = { year: 2026, expenses: [{ category: "a" }, { category: "b" }, { category: "c" }] };
  assert.deepEqual(withoutExpenses(request, new Set([0, 2])), { year: 2026, expenses: [{ category: "b" }] });
  assert.equal(request.expenses.length, 3, "the original request is unchanged");
});

// ---------------------------------------------------------------- errors

test("errorTarget: where an error's path points", () => {
  table(errorTarget, [
    ["expenses[2].amount", { entry: 2, field: "amount", condition: null }],
    ["expenses[0].conditions.showroom_months", { entry: 0, field: "conditions", condition: "showroom_months" }],
    ["expenses[11].other_policy_support", { entry: 11, field: "other_policy_support", condition: null }],
    ["expenses[3]", { entry: 3, field: null, condition: null }],
    ["expenses[3].category", { entry: 3, field: "category", condition: null }],
    ["year", { year: true }],
    ["", {}],
    [undefined, {}],
    ["expenses", {}],
    ["input", {}],
  ]);
});

test("normaliseErrors: the engine's problems, or one general problem for anything else", () => {
  const problems = [{ path: "year", code: "year_range", zh: "z", en: "e" }];
  assert.equal(normaliseErrors(Object.assign(new Error("x"), { errors: problems })), problems);
  const [general] = normaliseErrors(new Error("boom"));
  assert.equal(general.path, "");
  assert.equal(general.code, "error");
  assert.match(general.en, /boom$/);
  assert.match(general.zh, /boom$/);
  assert.match(normaliseErrors("plain")[0].en, /plain$/);
  assert.equal(normaliseErrors(Object.assign(new Error("empty list"), { errors: [] }))[0].code, "error");
});

// ---------------------------------------------------------------- notices

test("placeNotices: banner notices nowhere, category notices at their line, the rest above or below", () => {
  const n = (code, category) => ({ code, category: category || null, zh: code, en: code });
  // Where the document's notices go is the policy's data, whatever their codes.
  const policy = { document: { notices: [
    { code: "draft", placement: "banner" }, { code: "ceiling", placement: "footnote" }, { code: "detailed_rules", placement: "footnote" },
    { code: "made_up", placement: "banner" },
  ] } };
  const result = {
    lines: [{ category: "a" }, { category: "b" }],
    notices: [n("draft"), n("ceiling"), n("assumed_rate", "a"), n("outside_period"), n("condition_missing", "b"),
      n("condition_not_met", "zzz"), n("detailed_rules"), n("exclusive", "a"), n("made_up")],
  };
  const placed = placeNotices(result, policy);
  assert.deepEqual(placed.top.map((x) => x.code), ["outside_period", "condition_not_met"]);
  assert.deepEqual(placed.foot.map((x) => x.code), ["ceiling", "detailed_rules"]);
  assert.deepEqual(Array.from(placed.byCategory.keys()), ["a", "b"]);
  assert.deepEqual(placed.byCategory.get("a").map((x) => x.code), ["assumed_rate", "exclusive"]);
  assert.deepEqual(placed.byCategory.get("b").map((x) => x.code), ["condition_missing"]);
  assert.equal(isBannerNotice(n("draft"), policy), true);
  assert.equal(isBannerNotice(n("made_up"), policy), true);
  assert.equal(isBannerNotice(n("ceiling"), policy), false);
  // Without the data, no code is a banner or a footnote: the element holds no list of codes.
  assert.equal(isBannerNotice(n("draft"), { document: { notices: [] } }), false);
  assert.deepEqual(placeNotices(result, { document: { notices: [] } }).foot, []);
  assert.equal(isWarningNotice(n("condition_not_met")), true);
  assert.equal(isWarningNotice(n("award")), false);
  assert.deepEqual(placeNotices({ lines: [] }, policy), { top: [], foot: [], byCategory: new Map() });
});

// ---------------------------------------------------------------- exports

const DATE = "2025-03-04";

/** A small made-up policy and result: the model must only pass through what it is given. */
const POLICY = {
  id: "test-policy",
  version: "v9",
  document: {
    title: { zh: "测试方案", en: "Test plan" },
    status_label: { zh: "草案", en: "draft" },
    notices: [{ code: "draft", placement: "banner" }, { code: "ceiling", placement: "footnote" }],
  },
  categories: [{ id: "ads", label: { zh: "广告", en: "Ads, \"online\"" } }],
};
const RESULT = {
  total: "1234.50",
  awards_up_to: "0.00",
  year: 2025,
  in_force: true,
  policy: { id: "test-policy", version: "v9" },
  lines: [{
    category: "ads", clause: "27", kind: "expense", expense: "2469.00", rate: "0.5", rate_assumed: true, cap: "9000.00",
    cap_period: "per_enterprise", support: "1234.50", capped: false, upper_bound: false, eligible: true,
    other_policy_support: "0.00", items: [], explanation: { zh: "", en: "" },
  }],
  notices: [{ code: "draft", category: null, zh: "草案。", en: "Draft." }, { code: "ceiling", category: null, zh: "上限。", en: "Ceilings." }],
};

test("summaryText: the estimate as plain text, in either language", () => {
  assert.equal(summaryText(RESULT, POLICY, "en", DATE), [
    "Estimate of cross-border e-commerce support",
    "Test plan (draft)",
    "Created 2025-03-04 · policy version v9 · Year 2025",
    "",
    "Estimated support in total (at the highest rates the text allows): ¥1,234.50 (0.12345 万元)",
    "- Ads, \"online\" (Measure 27): Spent ¥2,469.00 → ¥1,234.50 (assumed rate)",
    "",
    "Please note:",
    "- Ceilings.",
    "",
    "This is an estimate only, not a commitment; actual support is decided by the responsible departments.",
  ].join("\n"));
  const zh = summaryText(Object.assign({}, RESULT, { awards_up_to: "456000.00" }), POLICY, "zh", DATE).split("\n");
  assert.equal(zh[1], "测试方案（草案）");
  assert.equal(zh[4], "预计可获支持合计（按文中最高比例估算）：¥1,234.50（合 0.12345 万元）");
  assert.equal(zh[5], "另有奖励类项目，最高 ¥456,000.00（由评审决定，不计入合计）");
  assert.equal(zh[6], "- 广告（第 27 条）：费用 ¥2,469.00 → ¥1,234.50（比例为估算）");
});

test("jsonText and fileBase: what the JSON download holds and is called", () => {
  const request = { year: 2025, expenses: [{ category: "ads", amount: "2469" }] };
  const data = JSON.parse(jsonText(POLICY, "en", request, RESULT, DATE));
  assert.deepEqual(data, { policy: { id: "test-policy", version: "v9" }, date: DATE, lang: "en", input: request, result: RESULT });
  assert.equal(JSON.parse(jsonText(POLICY, "zh", request, RESULT, DATE)).lang, "zh-CN");
  assert.ok(jsonText(POLICY, "en", request, RESULT, DATE).endsWith("}\n"));
  assert.equal(fileBase(POLICY, DATE), "test-policy-estimate-2025-03-04");
  assert.equal(fileBase({}, DATE), "estimate-estimate-2025-03-04");
  assert.equal(todayIso(new Date(2025, 0, 9)), "2025-01-09");
  assert.equal(todayIso(new Date(2025, 10, 28)), "2025-11-28");
  assert.match(todayIso(), /^\d{4}-\d{2}-\d{2}$/);
});

// ---------------------------------------------------------------- with the shipped engine

test("a months value of ten or more digits reaches the engine as a number, never as text", { skip: NO_ENGINE }, (t) => {
  // A category whose one condition, in a year the plan is in force for the whole year, is a
  // number of months (the policy's; found by its type).
  const policy = enginePolicy();
  const year = policy.document.first_year + 1;
  const asked = (c) => c.conditions.filter((k) => k.only_year == null || k.only_year === year);
  const cat = policy.categories.find((c) => c.kind === "expense" && asked(c).length === 1 && asked(c)[0].type === "months");
  if (!cat) return t.skip("no expense category of this policy asks only a number of months");
  const { id, min } = asked(cat)[0];
  const months = (value) => buildRequest(year, [expense(cat.id, ["150000"], {
    conditions: [{ id, type: "months", value }],
  })]).request;
  // A whole number the engine accepts: no error at all.
  assert.equal(calculate(months("1234567890")).lines[0].eligible, true);
  assert.equal(calculate(months(String(min + 2))).lines[0].support, calculate(months(String(min + 2))).total);
  // Whatever the engine says about a whole number, it is not "got text / a string".
  for (const value of ["1234567890", "99999999999", "9".repeat(400)]) {
    try {
      calculate(months(value));
    } catch (e) {
      assert.ok(Array.isArray(e.errors), String(e));
      for (const p of e.errors) assert.doesNotMatch(p.en + p.zh, /a string|文本/, `${value.length} digits: ${p.en}`);
    }
  }
  // Months as people type them are read by the engine; other text is refused at its field, with an example.
  // (The threshold is the policy's: a month short of it is not met, and says what it would give.)
  assert.equal(calculate(months("1年")).lines[0].eligible, min <= 12);
  assert.equal(calculate(months(min - 1 + "个月")).lines[0].eligible, false);
  assert.equal(calculate(months(min - 1 + "个月")).lines[0].if_eligible, calculate(months(String(min))).total);
  assert.throws(() => calculate(months("x")), (e) => e.errors[0].path === `expenses[0].conditions.${id}` && e.errors[0].code === "count_format" && /个月/.test(e.errors[0].zh));
});

test("the shipped policy and a real result: summary and CSV name every line", { skip: NO_ENGINE }, () => {
  const policy = enginePolicy();
  const request = buildRequest(2025, [
    expense("brand_promotion", ["30万"]),
    expense("certification", ["80,000"]),
    expense("overseas_showroom", ["150,000"], { conditions: [{ id: "showroom_months", type: "months", value: "14" }] }),
    expense("overseas_legal", ["400,000"]),
  ]).request;
  const result = calculate(request);
  assert.equal(result.lines.length, 4);
  for (const L of ["zh", "en"]) {
    const summary = summaryText(result, policy, L, DATE);
    assert.ok(summary.includes(formatYuan(result.total)), summary);
    for (const line of result.lines) {
      const label = policy.categories.find((c) => c.id === line.category).label[L];
      assert.ok(summary.includes(label), `${L}: ${label}`);
    }
    // The CSV (tests/node/element-guide.test.mjs): a row per line, and the total row.
    const csv = csvText(result, policy, L, "2025-03-04 09:30");
    for (const line of result.lines) {
      const label = policy.categories.find((c) => c.id === line.category).label[L];
      assert.ok(csv.includes(label), `${L}: ${label} in the CSV`);
    }
    assert.ok(csv.includes("," + result.total + ","), csv); // money as a plain number
  }
});
