// Unit tests of what the visit needs besides the estimate (www/element/guide.js) and of the CSV
// download (www/element/csv.js): the rule beside a condition, what the total leaves out and where
// to fix it first, the next steps per line, the group's kept line, file stamps, WeChat, and the
// CSV in the UI language. The last tests use the shipped engine and guide-data.js.
//
//   node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { optionalPackage } from "./packages.mjs";
import { conditionRule, conditionUnit, leftOut, nextSteps, nextStepsText, ifEligibleText, keptText, fileStamp, stampText, isWeChat } from "../../www/element/guide.js";
import { csvCell, csvRows, csvText } from "../../www/element/csv.js";
import GUIDE from "../../www/element/guide-data.js";

// The repository's own build, with the repository's guide-data.js (not PINGHU_PKG's).
const { glue: engine, skip: NO_ENGINE } = await optionalPackage("pkg", true);

// ---------------------------------------------------------------- conditions at the field

test("conditionRule: the rule of a condition in words, from its type and min or expect", () => {
  const rows = [
    [{ type: "months", min: 7 }, "须满 7 个月", "at least 7 months"],
    [{ type: "count", min: 35 }, "须不少于 35", "at least 35"],
    [{ type: "bool", expect: true }, "须为“是”", "must be “yes”"],
    [{ type: "bool", expect: false }, "须为“否”", "must be “no”"],
    [{ type: "months", min: null }, "", ""],
    [null, "", ""],
  ];
  for (const [cond, zh, en] of rows) {
    assert.equal(conditionRule(cond, "zh"), zh, JSON.stringify(cond));
    assert.equal(conditionRule(cond, "en"), en, JSON.stringify(cond));
  }
  assert.equal(conditionUnit({ type: "months" }, "zh"), "个月");
  assert.equal(conditionUnit({ type: "months" }, "en"), "months");
  assert.equal(conditionUnit({ type: "count" }, "zh"), "");
});

const line = (category, extra) =>
  Object.assign({ category, clause: "9", kind: "expense", support: "0.00", eligible: true, if_eligible: null, unmet: [], kept_instead: null, upper_bound: false }, extra);

test("leftOut: entries with errors and lines whose conditions are not met, and where to fix first", () => {
  const showroom = line("overseas_showroom", { eligible: false, if_eligible: "120000.00", unmet: ["showroom_months"] });
  const rows = [
    ["nothing left out", { lines: [line("brand_promotion")] }, 0, { count: 0, first: null }],
    ["one condition not met", { lines: [line("brand_promotion"), showroom] }, 0, { count: 1, first: { category: "overseas_showroom", condition: "showroom_months" } }],
    ["an entry with an error comes first", { lines: [showroom] }, 1, { count: 2, first: { error: true } }],
    ["only errors", { lines: [] }, 2, { count: 2, first: { error: true } }],
    // Outside the period there is no if_eligible: nothing to fix at a field.
    ["unmet outside the period is not counted", { lines: [line("overseas_showroom", { eligible: false, unmet: ["showroom_months"] })] }, 0, { count: 0, first: null }],
    ["no result", null, 0, { count: 0, first: null }],
  ];
  for (const [name, result, excluded, want] of rows) assert.deepEqual(leftOut(result, excluded), want, name);
});

test("ifEligibleText and keptText: what a line would give, and which line of one matter was kept", () => {
  assert.equal(ifEligibleText(line("x", { if_eligible: "120000.00" }), "zh"), "满足条件后可得 ¥120,000.00");
  assert.equal(ifEligibleText(line("x", { if_eligible: "120000.00" }), "en"), "Once the condition is met: ¥120,000.00");
  assert.equal(ifEligibleText(line("x", { if_eligible: "1230000.00", upper_bound: true }), "zh"), "满足条件后最高可得 ¥1,230,000.00");
  assert.equal(ifEligibleText(line("x"), "zh"), "");
  const policy = { categories: [{ id: "national_demo_park", label: { zh: "国家级电商示范园区", en: "National park" } }] };
  assert.equal(keptText(line("provincial_demo_park", { kept_instead: "national_demo_park" }), policy, "zh"), "就高不重复：已按“国家级电商示范园区”计");
  assert.equal(keptText(line("provincial_demo_park", { kept_instead: "national_demo_park" }), policy, "en"), "The higher applies: counted as “National park”");
  assert.equal(keptText(line("national_demo_park"), policy, "zh"), "");
});

// ---------------------------------------------------------------- next steps

const POLICY = {
  categories: [
    { id: "a", measure: "3", label: { zh: "甲", en: "A" } },
    { id: "b", measure: "9", label: { zh: "乙", en: "B" } },
    { id: "p", measure: "4", label: { zh: "省级", en: "Provincial" } },
  ],
  measures: [
    { id: "3", departments: { zh: ["商务局", "财政局"], en: ["Commerce Bureau", "Finance Bureau"] } },
    { id: "9", departments: { zh: ["商务局"], en: ["Commerce Bureau"] } },
    { id: "4", departments: { zh: ["商务局"], en: ["Commerce Bureau"] } },
  ],
};
const GUIDE_T = {
  application: { text: { zh: "以细则为准。", en: "Follow the rules." }, contact: null, phone: null, portal: null },
  departments: [
    { short_zh: "商务局", name: { zh: "某市商务局", en: "City Commerce" }, phone: null, portal: null },
    { short_zh: "财政局", name: { zh: "某市财政局", en: "City Finance" }, phone: "0000", portal: null },
  ],
  requirements: [{ category: "b", text: { zh: "须满一年。", en: "A year." } }],
};

test("nextSteps: per line that gives or could give, full names, what to show, how to apply", () => {
  const result = {
    lines: [
      line("a", { clause: "3", support: "100.00" }),
      line("b", { clause: "9", eligible: false, if_eligible: "5.00", unmet: ["m"] }),
      line("p", { clause: "4", eligible: false, kept_instead: "n" }),
    ],
  };
  const zh = nextSteps(result, POLICY, GUIDE_T, "zh");
  assert.deepEqual(zh.lines.map((s) => s.category), ["a", "b"], "the line kept out by its group has none");
  assert.deepEqual(zh.lines[0].departments, [{ name: "某市商务局", phone: null, portal: null, lead: false }, { name: "某市财政局", phone: "0000", portal: null, lead: false }]);
  assert.equal(zh.lines[0].requirement, "");
  assert.equal(zh.lines[1].requirement, "须满一年。");
  assert.deepEqual(zh.application, { text: "以细则为准。", lead: null, window: null, contact: null, phone: null, portal: null });
  assert.equal(zh.lines[1].evidence, "", "no evidence unless the data quotes one");
  assert.deepEqual(zh.lines[0].materials, []);
  const en = nextSteps(result, POLICY, GUIDE_T, "en");
  assert.equal(en.lines[1].label, "B");
  assert.equal(en.lines[0].departments[1].name, "City Finance");
  // Before guide-data.js has loaded: the short names, no requirement, no application.
  const early = nextSteps(result, POLICY, null, "zh");
  assert.deepEqual(early.lines[0].departments.map((d) => d.name), ["商务局", "财政局"]);
  assert.equal(early.application, null);
  // A line that gives nothing and could give nothing has no next step.
  assert.deepEqual(nextSteps({ lines: [line("a", { eligible: false })] }, POLICY, GUIDE_T, "zh").lines, []);
});

test("nextStepsText: the next steps as plain text for the copied summary", () => {
  const result = { lines: [line("a", { clause: "23", support: "100.00" }), line("b", { clause: "29", eligible: false, if_eligible: "5.00", unmet: ["m"] })] };
  assert.equal(nextStepsText(nextSteps(result, POLICY, GUIDE_T, "zh"), "zh"), [
    "",
    "下一步：",
    "- 甲（第 23 条）",
    "  负责部门：某市商务局、某市财政局 0000",
    "- 乙（第 29 条）",
    "  需具备：须满一年。",
    "  负责部门：某市商务局",
    "以细则为准。",
  ].join("\n"));
  assert.match(nextStepsText(nextSteps(result, POLICY, GUIDE_T, "en"), "en"), /^\nNext steps:\n- A \(Measure 23\)\n  Responsible: City Commerce, City Finance 0000\n/);
  assert.equal(nextStepsText(nextSteps({ lines: [] }, POLICY, GUIDE_T, "zh"), "zh"), "");
});

test("nextSteps: a 细则's window and materials, once the data has them, stand in the next steps", () => {
  const guide = Object.assign({}, GUIDE_T, {
    application: Object.assign({}, GUIDE_T.application, { window: { zh: "每年三月", en: "Each March" } }),
    materials: [{ category: "b", text: { zh: "合同", en: "The contract" } }, { category: "b", text: { zh: "凭证", en: "Receipts" } }],
  });
  const result = { lines: [line("a", { clause: "3", support: "100.00" }), line("b", { clause: "9", support: "5.00" })] };
  const zh = nextSteps(result, POLICY, guide, "zh");
  assert.deepEqual(zh.lines.map((s) => s.materials), [[], ["合同", "凭证"]]);
  assert.equal(zh.application.window, "每年三月");
  const text = nextStepsText(zh, "zh");
  assert.ok(text.includes("  申报材料：合同、凭证"), text);
  assert.ok(text.includes("申报时间：每年三月"), text);
  assert.ok(nextStepsText(nextSteps(result, POLICY, guide, "en"), "en").includes("When to apply: Each March"));
});

test("nextSteps: where the data marks the reading, the first department a measure lists leads (牵头), said once; the evidence the text implies", () => {
  const guide = Object.assign({}, GUIDE_T, {
    application: Object.assign({}, GUIDE_T.application, { lead: { zh: "按第一个部门理解。", en: "The first one, as read." } }),
    requirements: [{ category: "b", text: { zh: "须满一年。", en: "A year." }, evidence: { zh: "一年的凭证。", en: "A year's records." } }],
  });
  const result = { lines: [line("a", { clause: "3", support: "100.00" }), line("b", { clause: "9", support: "5.00" })] };
  const zh = nextSteps(result, POLICY, guide, "zh");
  assert.deepEqual(zh.lines[0].departments.map((d) => [d.name, d.lead]), [["某市商务局", true], ["某市财政局", false]]);
  assert.deepEqual(zh.lines.map((s) => s.evidence), ["", "一年的凭证。"]);
  const text = nextStepsText(zh, "zh");
  assert.ok(text.includes("负责部门：某市商务局（牵头）、某市财政局 0000"), text);
  assert.ok(text.includes("  需留存：一年的凭证。"), text);
  assert.equal(text.split("按第一个部门理解。").length, 2, "the reading said once");
  const en = nextStepsText(nextSteps(result, POLICY, guide, "en"), "en");
  assert.ok(en.includes("Responsible: City Commerce (lead), City Finance 0000") && en.includes("Keep as evidence: A year's records."), en);
});

test("guide-data.js: no contact, phone or portal is made up; every department a measure names has a full name", { skip: NO_ENGINE }, () => {
  const policy = JSON.parse(JSON.stringify(engine.policy()));
  assert.equal(GUIDE.application.phone, null);
  assert.equal(GUIDE.application.portal, null);
  assert.equal(GUIDE.application.contact, null);
  // How to apply is the data's words, in both languages (what they say is the policy's, not this test's).
  assert.ok(GUIDE.application.text.zh && GUIDE.application.text.en, JSON.stringify(GUIDE.application));
  for (const d of GUIDE.departments) assert.deepEqual([d.phone, d.portal], [null, null], d.short_zh);
  for (const m of policy.measures) {
    for (const d of m.departments.zh) assert.ok(GUIDE.departments.some((x) => x.short_zh === d), `${m.id}: ${d}`);
  }
  for (const c of policy.categories) assert.ok(GUIDE.requirements.some((r) => r.category === c.id), c.id);
  // Evidence, where given, is in both languages (its quote is checked against the text by tests/policy_data.rs).
  for (const r of GUIDE.requirements.filter((x) => x.evidence)) assert.ok(r.evidence.zh && r.evidence.en, r.category);
  if (GUIDE.application.lead) assert.ok(GUIDE.application.lead.zh && GUIDE.application.lead.en);
});

// ---------------------------------------------------------------- stamps and web-views

test("fileStamp and stampText: date and time in local time", () => {
  const d = new Date(2025, 2, 4, 9, 5);
  assert.equal(fileStamp(d), "2025-03-04-0905");
  assert.equal(stampText(d), "2025-03-04 09:05");
  assert.match(fileStamp(), /^\d{4}-\d{2}-\d{2}-\d{4}$/);
});

test("isWeChat: WeChat's web-view by its user agent", () => {
  assert.equal(isWeChat("Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/78.0 Mobile MicroMessenger/8.0.1"), true);
  assert.equal(isWeChat("Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.2 NetType/WIFI"), true);
  assert.equal(isWeChat("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36"), false);
  assert.equal(isWeChat(undefined), false);
});

// ---------------------------------------------------------------- the CSV

const CSV_POLICY = {
  id: "t",
  version: "v9",
  document: { title: { zh: "测试方案", en: "Test plan" }, status_label: { zh: "草案", en: "draft" } },
  categories: [
    { id: "ads", label: { zh: "广告", en: "Ads, \"online\"" }, cap_period_label: { zh: "每家企业", en: "per enterprise" }, assumption: { zh: "按 100% 估算。", en: "Assumed at 100%." } },
    { id: "n", label: { zh: "国家级", en: "National" }, cap_period_label: { zh: "一次性", en: "one-time" } },
    { id: "p", label: { zh: "省级", en: "Provincial" }, cap_period_label: { zh: "一次性", en: "one-time" } },
  ],
};
const CSV_RESULT = {
  total: "1234.50",
  awards_up_to: "456000.00",
  year: 2025,
  policy: { id: "t", version: "v9" },
  lines: [
    line("ads", { clause: "27", expense: "2469.00", rate: "0.35", rate_up_to: true, rate_assumed: true, cap: "9000.00", cap_period: "per_enterprise", support: "1234.50", other_policy_support: "120.00" }),
    line("n", { clause: "24", kind: "award", expense: null, rate: null, cap: "456000.00", support: "456000.00", upper_bound: true }),
    line("p", { clause: "24", kind: "award", expense: null, rate: null, cap: "123000.00", support: "0.00", upper_bound: true, eligible: false, kept_instead: "n" }),
  ],
  notices: [{ code: "reading_one_matter", category: "n", zh: "同一事项。", en: "One matter." }, { code: "ceiling", zh: "上限。", en: "Ceilings." }],
};

test("csvRows: headers in the UI language naming the currency, money as plain numbers, the netting, a total row, year, version, assumptions", () => {
  const en = csvRows(CSV_RESULT, CSV_POLICY, "en", "2025-03-04 09:05");
  assert.deepEqual(en.slice(0, 6), [
    ["Estimate of cross-border e-commerce support"],
    ["Policy", "Test plan (draft)"],
    ["Policy version", "v9"],
    ["Year the costs were incurred", 2025],
    ["Date", "2025-03-04 09:05"],
    [],
  ]);
  assert.deepEqual(en[6], ["Measure", "Item", "Spent (CNY)", "Rate", "Cap (CNY)", "Cap applies", "Received elsewhere (CNY)", "Estimated support (CNY)", "Notes"]);
  assert.deepEqual(en[7], ["Measure 27", 'Ads, "online"', "2469.00", "up to 35%", "9000.00", "per enterprise", "120.00", "1234.50", "assumed rate"]);
  assert.equal(en[9][8], "The higher applies: counted as “National”; up to (decided by evaluation, not included in the total)");
  assert.deepEqual(en[10], ["", "Estimated support in total (at the highest rates the text allows)", "", "", "", "", "", "1234.50", ""]);
  assert.equal(en[11][7], "456000.00");
  const text = en.map((r) => r.join("|")).join("\n");
  assert.match(text, /Assumptions behind the estimate/);
  assert.match(text, /Ads, "online"\|Assumed at 100%\./);
  assert.match(text, /Reading of the text\|One matter\./);
  assert.doesNotMatch(text, /per_enterprise|0\.35\b|¥/, "no raw ids or rates, no formatted money");
  const zh = csvRows(CSV_RESULT, CSV_POLICY, "zh", "2025-03-04 09:05");
  assert.deepEqual(zh[3], ["费用发生年度", 2025]);
  assert.deepEqual(zh[6], ["条款", "项目", "费用（元，CNY）", "比例", "上限（元，CNY）", "上限方式", "其他政策已给予（元，CNY）", "预计支持（元，CNY）", "说明"]);
  assert.equal(zh[7][0], "第 27 条");
  assert.equal(zh[10][1], "预计可获支持合计（按文中最高比例估算）");
});

test("csvRows: the policy's fingerprint when policy() has one", () => {
  const rows = csvRows(CSV_RESULT, Object.assign({ fingerprint: "sha256:abc" }, CSV_POLICY), "en", "x");
  assert.deepEqual(rows[3], ["Policy fingerprint", "sha256:abc"]);
  assert.ok(!csvRows(CSV_RESULT, CSV_POLICY, "en", "x").some((r) => r[0] === "Policy fingerprint"));
});

test("csvCell and csvText: quoted where needed, BOM, CRLF", () => {
  const rows = [["plain", "plain"], ["a,b", '"a,b"'], ['say "hi"', '"say ""hi"""'], ["two\nlines", '"two\nlines"'], [null, ""], [undefined, ""], [true, "true"], [0, "0"]];
  for (const [v, want] of rows) assert.equal(csvCell(v), want);
  const csv = csvText(CSV_RESULT, CSV_POLICY, "en", "x");
  assert.ok(csv.startsWith("\uFEFFEstimate of cross-border e-commerce support\r\n"));
  assert.ok(csv.endsWith("\r\n"));
  assert.ok(csv.includes('Measure 27,"Ads, ""online""",2469.00,up to 35%'), csv);
});
