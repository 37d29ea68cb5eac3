// Browser tests of the consultant's workspace (issue 11) on the calculator page, which turns the
// `workspace` attribute on, against the real engine (www/pkg/) under the strict CSP: a client
// with a Chinese name and two scenarios, nothing restored unasked, a corrupt stored entry,
// storage that throws (quota, disabled), export then import in a fresh context, the share link
// (round trip, name only when ticked, tampered), scenarios compared side by side, a scenario
// saved under another policy version (both totals and what changed, beside its open button),
// erase everything; axe, 375 px, no request leaves 127.0.0.1.
//
//   node --test tests/browser/workspace.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { browserFile, watchdog, waitReady, screenshotPath, EL, amount, condition, typeTypicalEnterprise, readCondition, waitTotal, strictPages, recordViolations, expected, expectedPlan, typical, TYPICAL, yuan, pageYear, waitShadowText, waitLang, openWorkspace } from "./harness.mjs";
import { ws, PREFIX, waitStatus } from "./workspace-steps.mjs";
import { storedEntry } from "./stored-entry.mjs";
import { formatDifference } from "../../www/element/workspace/compare.js";
import { WS } from "../../www/element/workspace/strings.js";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

const { server, withPage } = browserFile();


const CLIENT = "嘉兴市某某箱包有限公司";

/** Opens the calculator page (CSP on, every request's host recorded) and waits for the workspace. */
async function open(page, hash = "", csp = true) {
  if (csp) await strictPages(page);
  await recordViolations(page);
  page.__hosts = page.__hosts || new Set();
  page.on("request", (r) => page.__hosts.add(new URL(r.url()).host));
  await page.goto(server.url + "index.html" + hash);
  await waitReady(page);
  // Closed on a fresh device: opened as a consultant does.
  await openWorkspace(page);
}

async function status(page) {
  return (await page.locator(ws("status")).textContent()).trim();
}

async function createClient(page, name, contact) {
  await page.locator(`${ws("new")} summary`).click();
  await page.fill(ws("name"), name);
  if (contact) await page.fill(ws("contact"), contact);
  await page.click(ws("create"));
  await waitStatus(page, name);
}

async function saveScenario(page, name) {
  await page.fill(ws("scenario-name"), name);
  await page.click(ws("save"));
  await waitStatus(page, name);
}

async function scenarioNames(page) {
  return page.locator(`${EL} .ws-scenario .ws-scenario-name`).allTextContents();
}

async function storedKeys(page) {
  return page.evaluate((p) => Object.keys(localStorage).filter((k) => k.indexOf(p) === 0), PREFIX);
}

async function noViolationsNoNetwork(page) {
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "CSP violations");
  assert.deepEqual([...page.__hosts].filter((h) => h !== new URL(server.url).host), [], "requests to other hosts");
}

/** Ticks the named scenarios in the comparison's list and compares them, by keyboard only. */
async function compareByKeyboard(page, names) {
  const boxes = await page.locator(`${ws("compare-choices")} .check`).evaluateAll((cs) => cs.map((c) => c.textContent));
  for (const name of names) {
    const i = boxes.findIndex((t) => t.indexOf(name + " · ") === 0);
    assert.ok(i >= 0, `no box for ${name} among ${JSON.stringify(boxes)}`);
    await page.focus(`${ws("compare-choices")} input >> nth=${i}`);
    await page.keyboard.press("Space");
  }
  const ticked = await page.locator(`${ws("compare-choices")} input:checked`).count();
  await page.focus(ws("compare"));
  await page.keyboard.press("Enter");
  await waitStatus(page, "已比较 " + ticked + " 个方案");
}

/** The comparison on screen: caption, column heads, and each row as [label, [value, difference]...]. */
function comparisonShown(page) {
  return page.evaluate((sel) => {
    const t = document.querySelector(sel).shadowRoot.querySelector('[data-ws="comparison"] table');
    if (!t) return null;
    const text = (e) => (e ? e.textContent.trim() : null);
    return {
      caption: text(t.querySelector("caption")),
      heads: Array.from(t.querySelectorAll("thead th")).map(text),
      rows: Array.from(t.querySelectorAll("tbody tr[data-row]")).map((tr) => ({
        kind: tr.getAttribute("data-row"),
        label: text(tr.querySelector("th")),
        cells: Array.from(tr.querySelectorAll("td")).map((td) => ({ value: td.getAttribute("data-value"), shown: text(td.querySelector(".ws-compare-value")), diff: text(td.querySelector(".ws-diff")), text: text(td) })),
      })),
      groups: Array.from(t.querySelectorAll("th[scope=rowgroup]")).map(text),
    };
  }, EL);
}

/** A money string in fen, exactly (BigInt: never a JS Number). */
const fen = (s) => BigInt(s.replace(".", ""));
/** Fen back to the engine's form ("-50000.00"). */
const money = (f) => (f < 0n ? "-" : "") + ((f < 0n ? -f : f) / 100n).toString() + "." + ((f < 0n ? -f : f) % 100n).toString().padStart(2, "0");

/** A difference as the comparison shows it: +¥…, −¥… (a minus sign) or ¥0.00. */
const signed = (f) => (f < 0n ? "\u2212" : f > 0n ? "+" : "") + yuan(money(f < 0n ? -f : f));

/**
 * The engine's estimates of the two scenarios, in the page's year: 方案一 the typical enterprise,
 * 方案二 the same with 10万 of promotion; `diff` the second less the first, in fen (not 0).
 */
async function twoEstimates(page) {
  const year = await pageYear(page);
  const one = await expected(year, TYPICAL);
  const two = await expected(year, TYPICAL.map((e) => (e.category === "brand_promotion" ? Object.assign({}, e, { amount: "10万" }) : e)));
  const diff = fen(two.total) - fen(one.total);
  assert.notEqual(diff, 0n, "premise: less promotion gives less support");
  return { one, two, diff };
}

/** A client with two scenarios saved in `page`: 方案一 (the typical enterprise), 方案二 (less promotion). */
async function clientWithTwoScenarios(page) {
  const { one, two } = await twoEstimates(page);
  await createClient(page, CLIENT, "张经理 0573-0000");
  await typeTypicalEnterprise(page);
  await waitTotal(page, yuan(one.total));
  await saveScenario(page, "方案一");
  await page.fill(amount("brand_promotion"), "10万");
  await waitTotal(page, yuan(two.total));
  await saveScenario(page, "方案二");
  assert.deepEqual(await scenarioNames(page), ["方案一", "方案二"]);
}

test("a client with a Chinese name keeps two scenarios on the device; after a reload nothing is filled in until one is opened", async () => {
  await withPage(null, async (page) => {
    await open(page);
    assert.deepEqual(await storedKeys(page), [], "nothing stored before saving");
    await clientWithTwoScenarios(page);
    assert.equal((await storedKeys(page)).length, 1);

    await page.reload();
    await waitReady(page);
    await page.locator(`${EL} .ws-scenario`).first().waitFor();
    assert.equal(await page.inputValue(amount("brand_promotion")), "", "nothing restored unasked");
    assert.equal(await page.locator(`${ws("client")} option:checked`).textContent(), CLIENT);
    assert.deepEqual(await scenarioNames(page), ["方案一", "方案二"]);

    await page.click(`${EL} .ws-scenario[data-scenario] >> nth=0 >> [data-action="open"]`);
    await waitTotal(page, yuan((await typical(page)).total));
    // Every condition typed comes back as typed.
    for (const e of TYPICAL) for (const [k, v] of Object.entries(e.conditions || {})) assert.equal(await readCondition(page, e.category, k, v), typeof v === "boolean" ? v : String(v));

    // Duplicate, rename, delete.
    page.on("dialog", (d) => d.accept(d.type() === "prompt" ? "方案三" : undefined));
    await page.click(`${EL} .ws-scenario >> nth=1 >> [data-action="duplicate"]`);
    await waitStatus(page, "方案二（副本）");
    assert.deepEqual(await scenarioNames(page), ["方案一", "方案二", "方案二（副本）"]);
    await page.click(`${EL} .ws-scenario >> nth=2 >> [data-action="rename"]`);
    await waitStatus(page, "方案三");
    await page.click(`${EL} .ws-scenario >> nth=2 >> [data-action="remove"]`);
    await waitStatus(page, "已删除");
    assert.deepEqual(await scenarioNames(page), ["方案一", "方案二"]);

    await noViolationsNoNetwork(page);
  });
});

test("a scenario still listed but no longer in the panel's data (changed in another tab) is said when opened, never a click that does nothing, and the list is redrawn", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await clientWithTwoScenarios(page);
    const before = await page.locator(ws("status")).textContent();
    // The list still shows 方案一; the panel's data no longer holds it (what a lost race with another tab leaves).
    await page.evaluate((sel) => {
      const panel = document.querySelector(sel)._workspace;
      panel.clients = panel.clients.map((c) => Object.assign({}, c, { scenarios: c.scenarios.filter((s) => s.name !== "方案一") }));
    }, EL);
    await page.click(`${EL} .ws-scenario[data-scenario] >> nth=0 >> [data-action="open"]`);
    await waitStatus(page, WS.zh.scenarioGone);
    assert.notEqual(await page.locator(ws("status")).textContent(), before);
    assert.deepEqual(await scenarioNames(page), ["方案二"]);
  });
});

test("two scenarios side by side by keyboard: per item and in total with the difference, both languages; then a year against a plan, by year", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await clientWithTwoScenarios(page);
    const { one, two, diff } = await twoEstimates(page);
    assert.equal(await comparisonShown(page), null, "nothing compared before asking");
    // One scenario is not enough: said, nothing shown.
    await page.focus(`${ws("compare-choices")} input >> nth=0`);
    await page.keyboard.press("Space");
    await page.click(ws("compare"));
    await waitStatus(page, "请选择 2 至 4 个方案");
    await page.keyboard.press("Space"); // the focus went back to the first box: untick it
    assert.equal(await comparisonShown(page), null);

    await compareByKeyboard(page, ["方案一", "方案二"]);
    let shown = await comparisonShown(page);
    assert.match(shown.caption, new RegExp(CLIENT + ".*基准：方案一"));
    assert.deepEqual(shown.heads.slice(0, 2), ["项目", "方案一" + (await pageYear(page)) + " 年度 · 基准"]);
    // The totals are the two the page showed; the difference is the second less the first.
    const total = shown.rows.find((r) => r.kind === "total");
    assert.deepEqual(total.cells.map((c) => c.shown), [yuan(one.total), yuan(two.total)]);
    assert.equal(total.cells[0].diff, null, "the baseline has no difference");
    assert.equal(total.cells[1].diff, "较基准 " + signed(diff));
    assert.equal(money(fen(total.cells[1].value) - fen(total.cells[0].value)), money(diff));
    // Only promotion differs; every other item reads ±0.
    const items = shown.rows.filter((r) => r.kind === "category");
    const policy = await page.evaluate((sel) => document.querySelector(sel).policy, EL);
    const label = (id) => policy.categories.find((c) => c.id === id).label.zh;
    const promo = items.find((r) => r.label === label("brand_promotion"));
    assert.ok(promo, JSON.stringify(items.map((r) => r.label)));
    assert.equal(promo.cells[1].diff, "较基准 " + signed(diff));
    assert.deepEqual(items.filter((r) => r !== promo).map((r) => r.cells[1].diff), items.filter((r) => r !== promo).map(() => "较基准 ¥0.00"));
    // The item rows add up to the total, in fen.
    assert.equal(items.reduce((sum, r) => sum + fen(r.cells[1].value), 0n), fen(total.cells[1].value));

    await page.click('[data-set-lang="en"]');
    await waitShadowText(page, '[data-ws="comparison"] caption', /baseline: 方案一/);
    assert.equal(await page.locator(`${ws("compare-choices")} input:checked`).count(), 2, "the ticks survive the language switch");
    shown = await comparisonShown(page);
    assert.equal(shown.rows.find((r) => r.kind === "total").cells[1].diff, "vs baseline " + signed(diff));
    assert.equal(shown.rows.find((r) => r.kind === "category" && r.cells[1].diff !== "vs baseline ¥0.00").label, policy.categories.find((c) => c.id === "brand_promotion").label.en);
    await page.click('[data-set-lang="zh-CN"]');

    // Another baseline: 方案二; the differences turn round.
    assert.deepEqual(await page.locator(`${ws("compare-baseline")} option`).allTextContents(), ["方案一", "方案二"]);
    await page.selectOption(ws("compare-baseline"), { label: "方案二" });
    await page.click(ws("compare"));
    await waitShadowText(page, '[data-ws="comparison"] caption', /基准：方案二/);
    const turned = (await comparisonShown(page)).rows.find((r) => r.kind === "total");
    assert.deepEqual(turned.cells.map((c) => c.shown), [yuan(two.total), yuan(one.total)]);
    assert.equal(turned.cells[1].diff, "较基准 " + signed(-diff));
    await page.selectOption(ws("compare-baseline"), { label: "方案一" });
    await page.click(ws("compare"));
    await waitShadowText(page, '[data-ws="comparison"] caption', /基准：方案一/);

    // The CSV of the same rows.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(ws("compare-csv"))]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.ok(csv.includes(["预计支持合计", one.total, two.total, money(diff)].join(",")), csv);
    assert.ok(csv.includes(policy.fingerprint));
    // The client report handed over carries the comparison shown (here as the HTML file).
    const [report] = await Promise.all([page.waitForEvent("download"), page.click(ws("report-html"))]);
    const html = readFileSync(await report.path(), "utf8");
    assert.ok(html.includes(CLIENT + "：方案比较（基准：方案一）"), "the comparison's caption in the report");
    assert.ok(html.includes(signed(diff)), "the difference in the report");
    assert.match(html, /\.ws-compare-table \.offscreen\{position:absolute/, "the spoken-only prefix stays hidden in the file");

    // A plan: an expense category without conditions in the year after the plan's first (no
    // start condition), saved, then compared with the single year.
    const first = policy.document.first_year;
    const years = [];
    for (let y = first; y <= policy.document.last_year; y++) years.push(y);
    // (In the first applicant group, the one open at first.)
    const planned = policy.categories.find((c) => c.kind === "expense" && c.applicant === policy.applicants[0].id && c.conditions.every((k) => k.only_year != null && k.only_year !== first + 1)).id;
    const input = { years: years.map((year) => ({ year, expenses: year === first + 1 ? [{ category: planned, amount: "60000" }] : [] })) };
    const plan = await expectedPlan(input);
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await page.click(`${EL} .year-tab[data-year="${first + 1}"]`);
    await page.fill(`${EL} .plan-year-form[data-year="${first + 1}"] fieldset[data-category="${planned}"] input[data-field="amount"]`, "60000");
    await waitShadowText(page, ".plan-results .total-value", yuan(plan.total));
    await saveScenario(page, "三年方案");
    // Changing what was compared takes the stale table away.
    assert.notEqual(await comparisonShown(page), null, "saving another scenario leaves the comparison");
    await page.locator(`${ws("compare-choices")} input >> nth=1`).uncheck();
    await compareByKeyboard(page, ["三年方案"]);
    shown = await comparisonShown(page);
    assert.deepEqual(shown.groups, ["按项目", "按年度"]);
    const byYear = shown.rows.filter((r) => r.kind === "year");
    assert.deepEqual(byYear.map((r) => r.label), years.map((y) => y + " 年度"));
    const single = Number(await pageYear(page));
    byYear.forEach((r, i) => {
      assert.equal(r.cells[1].value, plan.years[i].total, `the plan's ${years[i]}`);
      if (years[i] === single) assert.ok(r.cells[0].value !== "", "the single year is covered");
      else assert.deepEqual([r.cells[0].value, r.cells[0].text, r.cells[1].diff], ["", "未包含该年度", null], `${years[i]} is not in the single year`);
    });
    // The totals span other years than the baseline's: said under the table.
    assert.match(await page.locator(ws("compare-coverage")).textContent(), /三年方案.*方案一/);
    await page.locator(ws("comparison")).screenshot({ path: screenshotPath("workspace-compare-plan.png") });
    const planTotal = shown.rows.find((r) => r.kind === "total");
    assert.equal(planTotal.cells[1].value, plan.total);
    assert.ok(fen(plan.total) < fen(one.total), "premise: the plan gives less than the typical year");
    assert.equal(planTotal.cells[1].diff, "较基准 " + signed(fen(plan.total) - fen(one.total)));

    // Renaming, then deleting, a compared scenario takes the table away.
    page.on("dialog", (d) => d.accept(d.type() === "prompt" ? "三年方案（改）" : undefined));
    await page.click(`${EL} .ws-scenario >> nth=2 >> [data-action="rename"]`);
    await waitStatus(page, "三年方案（改）");
    assert.equal(await comparisonShown(page), null, "a comparison of a renamed scenario is gone");
    await compareByKeyboard(page, []);
    assert.notEqual(await comparisonShown(page), null);
    await page.click(`${EL} .ws-scenario >> nth=2 >> [data-action="remove"]`);
    await waitStatus(page, "已删除");
    assert.equal(await comparisonShown(page), null, "a comparison of a deleted scenario is gone");
    await noViolationsNoNetwork(page);
  });
});

test("a screen-reader user finds each control by its role and name, works by keyboard, hears the status, and the comparison reads with its headers", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await typeTypicalEnterprise(page);
    const { one, two, diff } = await twoEstimates(page);
    await waitTotal(page, yuan(one.total));
    const panel = page.getByRole("region", { name: "客户与方案" });
    await panel.getByText("新建客户").focus();
    await page.keyboard.press("Enter");
    await panel.getByRole("textbox", { name: "客户名称" }).focus();
    await page.keyboard.type(CLIENT);
    await panel.getByRole("button", { name: "创建客户" }).focus();
    await page.keyboard.press("Enter");
    await waitStatus(page, CLIENT);
    assert.match(await panel.getByRole("status").textContent(), new RegExp("已创建客户“" + CLIENT + "”"));
    // 方案二 is saved straight after typing, before the calculation's pause has passed: what is
    // saved is what was typed (the comparison below shows its total).
    for (const name of ["方案一", "方案二"]) {
      if (name === "方案二") await page.fill(amount("brand_promotion"), "10万");
      await panel.getByRole("textbox", { name: "方案名称" }).focus();
      await page.keyboard.type(name);
      await panel.getByRole("button", { name: "保存当前输入为方案" }).focus();
      await page.keyboard.press("Enter");
      await waitStatus(page, name);
    }
    // Each scenario's actions are named with the scenario, not just "打开".
    assert.equal(await panel.getByRole("button", { name: "打开 · 方案二" }).count(), 1);

    const compare = panel.getByRole("group", { name: "比较方案" });
    const year = await pageYear(page);
    for (const name of ["方案一", "方案二"]) {
      await compare.getByRole("checkbox", { name: name + " · " + year + " 年度" }).focus();
      await page.keyboard.press("Space");
    }
    await compare.getByRole("button", { name: "比较所选方案" }).focus();
    await page.keyboard.press("Enter");
    await waitStatus(page, "已比较 2 个方案");
    assert.equal(await panel.getByRole("alert").count(), 0, "no error said");

    // The table is named by its caption; its region is named the same and reachable by Tab.
    const caption = CLIENT + "：方案比较（基准：方案一）";
    const table = compare.getByRole("table", { name: caption });
    assert.equal(await table.count(), 1);
    assert.equal(await compare.getByRole("region", { name: caption }).getAttribute("tabindex"), "0");
    // What a screen reader reads: column headers per scenario, a row header per item, and each
    // difference spoken as "较基准 …".
    const tree = await table.ariaSnapshot();
    assert.match(tree, /columnheader "项目"/);
    assert.match(tree, /columnheader "方案一\s*\d{4} 年度 · 基准"/);
    assert.match(tree, /rowheader "预计支持合计"/);
    assert.ok(tree.includes(`cell "${yuan(two.total)} 较基准 ${signed(diff)}"`), tree);
    await page.screenshot({ path: screenshotPath("workspace-compare-page.png"), fullPage: false });
    await noViolationsNoNetwork(page);
  });
});

test("the workspace passes axe in both languages at 375 px, a client and scenarios listed and compared, every section open", async () => {
  await withPage({ viewport: { width: 375, height: 812 } }, async (page) => {
    // axe injects inline styles: this page is served without the CSP (the others check it).
    await open(page, "", false);
    await clientWithTwoScenarios(page);
    await compareByKeyboard(page, ["方案一", "方案二"]);
    // The workspace's own stylesheet (not in the element's) came with it and applies.
    assert.equal(await page.locator(`${EL} .workspace`).evaluate((e) => getComputedStyle(e).borderTopStyle), "solid");
    assert.equal(await page.locator(`${ws("comparison")} [role=region]`).evaluate((e) => getComputedStyle(e).overflowX), "auto");
    // The table scrolls inside its own region (reachable by keyboard), not the page.
    assert.equal(await page.locator(`${ws("comparison")} [role=region]`).getAttribute("tabindex"), "0");
    await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
    for (const lang of ["en", "zh-CN"]) {
      await page.click(`[data-set-lang="${lang}"]`);
      await waitLang(page, lang);
      const axe = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
      assert.deepEqual(axe.violations.map((v) => lang + " " + v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", ")), []);
    }
    assert.equal(await page.locator(`${ws("save")}`).textContent(), "保存当前输入为方案");
    await page.click('[data-set-lang="en"]');
    await waitShadowText(page, '[data-ws="save"]', "Save the current input as a scenario");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, "no sideways scrolling at 375 px: " + width);
    await page.locator(`${EL} .workspace`).screenshot({ path: screenshotPath("workspace-375.png") });
    await page.locator(ws("comparison")).screenshot({ path: screenshotPath("workspace-compare-375.png") });
  });
});

test("a corrupt stored entry is reported and skipped, and the other client is still there", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await createClient(page, CLIENT);
    await page.evaluate((p) => {
      localStorage.setItem(p + "bad", "{\"format\": \"pinghu-subsidy/cli");
      localStorage.setItem("another-app", "whatever");
    }, PREFIX);
    await page.reload();
    await waitReady(page);
    await page.locator(ws("skipped")).waitFor();
    const text = await page.locator(ws("skipped")).textContent();
    assert.match(text, /pinghu-subsidy\/client\/bad/);
    assert.match(text, /JSON/);
    assert.doesNotMatch(text, /another-app/, "what is not ours is not ours to report");
    assert.equal(await page.locator(`${ws("client")} option:checked`).textContent(), CLIENT);
  });
});

test("storage that throws (quota exceeded, switched off) gives a clear message and the input stays on screen", async () => {
  await withPage(null, async (page) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException("full", "QuotaExceededError");
      };
    });
    await open(page);
    await page.fill(amount("brand_promotion"), "30万");
    await waitTotal(page, yuan((await expected(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total));
    await page.locator(`${ws("new")} summary`).click();
    await page.fill(ws("name"), CLIENT);
    await page.click(ws("create"));
    await waitStatus(page, "存储空间已满");
    assert.equal(await page.inputValue(amount("brand_promotion")), "30万");
    assert.equal(await page.inputValue(ws("name")), CLIENT, "what was typed stays");
  });
  await withPage(null, async (page) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("denied", "SecurityError");
        },
      });
    });
    await open(page);
    await waitStatus(page, "无法保存数据");
    await page.fill(amount("brand_promotion"), "30万");
    await waitTotal(page, yuan((await expected(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total));
    await page.locator(`${ws("new")} summary`).click();
    await page.fill(ws("name"), CLIENT);
    await page.click(ws("create"));
    await waitStatus(page, "无法保存数据");
    assert.equal(await page.inputValue(amount("brand_promotion")), "30万");
  });
});

test("export, then import in a fresh browser context: the preview says new, both scenarios arrive, a changed client is not overwritten unasked", async () => {
  let file;
  let est;
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page);
    est = await typical(page);
    await clientWithTwoScenarios(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(ws("export"))]);
    file = readFileSync(await download.path(), "utf8");
  });
  const parsed = JSON.parse(file);
  assert.equal(parsed.format, "pinghu-subsidy/workspace");
  assert.equal(parsed.version, 4);
  assert.equal(parsed.clients[0].scenarios[0].stamp.total, est.total, "the stamp goes with the file");
  assert.equal(parsed.clients[0].name, CLIENT);

  await withPage(null, async (page) => {
    await open(page);
    await page.setInputFiles(ws("import"), { name: "clients.json", mimeType: "application/json", buffer: Buffer.from(file) });
    await page.locator(`${ws("preview")} [data-change="new"]`).waitFor();
    assert.deepEqual(await storedKeys(page), [], "nothing stored before the user says so");
    await page.click(ws("import-apply"));
    await waitStatus(page, "1 个客户有新增或更新");
    assert.deepEqual(await scenarioNames(page), ["方案一", "方案二"]);
    const arrived = await storedEntry(page, (await storedKeys(page))[0]);
    assert.deepEqual(arrived.client.scenarios.map((s) => s.stamp), parsed.clients[0].scenarios.map((s) => s.stamp), "the stamps arrive with the import");
    await noViolationsNoNetwork(page);

    // A changed copy: "changed" with what differs, and importing without taking the file's leaves it.
    const changed = JSON.parse(file);
    changed.clients[0].notes = "改过";
    await page.setInputFiles(ws("import"), { name: "c.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(changed)) });
    await page.locator(`${ws("preview")} [data-kind="merge"]`).waitFor();
    assert.match(await page.locator(`${ws("preview")} [data-kind="merge"]`).textContent(), /不同之处：备注/);
    await page.click(ws("import-apply"));
    await waitStatus(page, "没有需要导入的内容");
    const stored = await storedEntry(page, (await storedKeys(page))[0]);
    assert.equal(stored.client.notes, "");

    // A bad file is refused with its reason.
    await page.setInputFiles(ws("import"), { name: "x.json", mimeType: "application/json", buffer: Buffer.from("{\"format\":\"something else\",\"version\":2}") });
    await waitStatus(page, "文件无法导入");
    assert.match(await status(page), /不是本计算器的数据格式/);
  });
});

test("a share link fills the form in a fresh context, says where the figures came from, stores nothing; the name only when ticked; a tampered link is reported", async () => {
  let link;
  let named;
  let fingerprint;
  await withPage(null, async (page, ctx) => {
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"]);
    await open(page);
    fingerprint = await page.evaluate((sel) => document.querySelector(sel).policy.fingerprint, EL);
    await createClient(page, CLIENT, "张经理");
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    await page.click(ws("copy-link"));
    link = await page.inputValue(ws("link"));
    await page.check(ws("share-name"));
    await page.click(ws("copy-link"));
    named = await page.inputValue(ws("link"));
  });
  const payload = (url) => Buffer.from(url.split("#s=")[1].split(".")[0], "base64url").toString("utf8");
  assert.doesNotMatch(payload(link), /嘉兴|张经理/, "no name unless ticked");
  assert.match(payload(named), /嘉兴市某某箱包有限公司/);
  assert.ok(link.length < 1200, "compact enough to forward: " + link.length);

  await withPage(null, async (page) => {
    await open(page, "#" + link.split("#")[1]);
    await waitTotal(page, yuan((await typical(page)).total));
    // The element says at its top what the link filled in, its total and the policy data (share-open.js).
    await waitShadowText(page, ".shared-banner", "来自分享链接");
    const banner = await page.locator(`${EL} .shared-banner`).textContent();
    assert.match(banner, new RegExp(fingerprint));
    assert.ok(banner.includes(yuan((await typical(page)).total)), banner);
    assert.deepEqual(await storedKeys(page), [], "nothing stored unless saved");
    await noViolationsNoNetwork(page);
  });

  const tampered = link.replace(/#s=(.)/, (m, c) => "#s=" + (c === "e" ? "f" : "e"));
  await withPage(null, async (page) => {
    await open(page, "#" + tampered.split("#")[1]);
    await waitShadowText(page, ".shared-banner.is-error", "分享链接无效或已被改动");
    await page.fill(amount("brand_promotion"), "30万");
    await waitTotal(page, yuan((await expected(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total));
  });
});

test("the client report prints to an A4 PDF whose text holds the client's name and the policy fingerprint; as HTML and CSV too", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    await page.addInitScript(() => {
      window.print = () => {
        window.__printed = (window.__printed || 0) + 1;
      };
    });
    await open(page);
    const fingerprint = await page.evaluate((sel) => document.querySelector(sel).policy.fingerprint, EL);
    await clientWithTwoScenarios(page);
    await page.click(`${EL} .ws-scenario >> nth=0 >> [data-action="open"]`);
    await waitTotal(page, yuan((await typical(page)).total));
    await page.fill(ws("preparer"), "李顾问");
    await page.click(ws("print"));
    assert.equal(await page.evaluate(() => window.__printed), 1);
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).hasAttribute("data-ws-print"), EL), true);
    const pdfPath = screenshotPath("workspace-report.pdf");
    await page.pdf({ path: pdfPath, format: "A4", printBackground: true });
    const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
    const pages = execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1];
    assert.ok(text.replace(/\s+/g, "").includes(CLIENT), "the client's name in the PDF");
    assert.ok(text.replace(/\s+/g, "").includes(fingerprint), "the fingerprint in the PDF");
    assert.match(text, /李顾问/);
    assert.match(text, /以主管部门审核结果为准/);
    assert.match(text, /责任单位/);
    const total = yuan((await typical(page)).total).slice(1); // as shown, without the ¥ (the PDF's text may split it off)
    assert.ok(text.includes(total), `the total ${total} in the PDF`);
    assert.equal(pages, "1", "a typical enterprise's report fits one A4 page (plus the host page's own print)");

    const [html] = await Promise.all([page.waitForEvent("download"), page.click(ws("report-html"))]);
    const doc = readFileSync(await html.path(), "utf8");
    assert.match(doc, /^<!doctype html>/);
    assert.ok(doc.includes(CLIENT) && doc.includes(fingerprint));
    assert.doesNotMatch(doc, /<script|<link|src=/i, "self-contained: nothing to run or fetch");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click(ws("report-csv"))]);
    const rows = readFileSync(await csv.path(), "utf8");
    assert.ok(rows.includes(CLIENT) && rows.includes(fingerprint));
    assert.match(rows, /责任单位/);
    await noViolationsNoNetwork(page);
  });
});

test("a scenario saved under another policy version: opened after a reload, it shows both totals and the changed item beside its open button, said in the live region; under the same data nothing more", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page);
    const policy = await page.evaluate((sel) => document.querySelector(sel).policy, EL);
    const est = await typical(page);
    await createClient(page, CLIENT);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan(est.total));
    await saveScenario(page, "方案一");
    // Stored with its stamp: the policy data in use and the figures of the result on screen.
    const key = (await storedKeys(page))[0];
    const stored = await storedEntry(page, key);
    assert.equal(stored.version, 4);
    const stamp = stored.client.scenarios[0].stamp;
    assert.deepEqual(stamp.policy, { version: policy.version, fingerprint: policy.fingerprint });
    assert.equal(stamp.total, est.total);
    assert.deepEqual(stamp.categories, est.lines.map((l) => ({ category: l.category, support: l.support })));

    // Opened under the same data: nothing more than "opened".
    await page.click(`${EL} .ws-scenario >> nth=0 >> [data-action="open"]`);
    await waitStatus(page, "已打开方案“方案一”");
    assert.equal(await status(page), "已打开方案“方案一”。");
    assert.equal(await page.locator(ws("drift")).count(), 0);

    // As if saved under another version: another fingerprint, another total, the first item's support other.
    const old = JSON.parse(JSON.stringify(stamp));
    old.policy = { version: "2024-01-draft", fingerprint: "0".repeat(64) };
    old.total = money(fen(stamp.total) + 1234500n);
    old.categories[0].support = money(fen(stamp.categories[0].support) + 1234500n);
    stored.client.scenarios[0].stamp = old;
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(stored)]);
    await page.reload();
    await waitReady(page);
    await page.locator(`${EL} .ws-scenario`).first().waitFor();
    assert.equal(await page.locator(ws("drift")).count(), 0, "nothing said until it is opened");

    const openButton = `${EL} .ws-scenario >> nth=0 >> [data-action="open"]`;
    await page.focus(openButton);
    await page.keyboard.press("Enter");
    await waitTotal(page, yuan(est.total));
    await page.locator(ws("drift")).waitFor();
    // Beside the control that opened it: in the same list item, and the focus stays on the button.
    assert.equal(await page.locator(`${EL} .ws-scenario >> nth=0 >> [data-ws="drift"]`).count(), 1);
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).shadowRoot.activeElement.getAttribute("data-action"), EL), "open");
    const label = (L) => policy.categories.find((c) => c.id === stamp.categories[0].category).label[L];
    const shown = (await page.locator(ws("drift")).textContent()).trim();
    for (const part of [
      "2024-01-draft",
      policy.version,
      "保存时（版本 2024-01-draft）" + yuan(old.total),
      "当前（版本 " + policy.version + "）" + yuan(est.total),
      formatDifference(money(fen(est.total) - fen(old.total))),
      label("zh") + "：保存时 " + yuan(old.categories[0].support) + "，当前 " + yuan(stamp.categories[0].support),
    ]) {
      assert.ok(shown.includes(part), `the note beside the button says ${part}: ${shown}`);
    }
    // Only the item that changed is listed.
    assert.equal(await page.locator(`${ws("drift")} li`).count(), 1);
    // Said in the live region too.
    const said = await status(page);
    assert.ok(said.startsWith("已打开方案“方案一”。"), said);
    assert.ok(said.includes(yuan(old.total)) && said.includes(yuan(est.total)) && said.includes(label("zh")), said);
    assert.equal(await page.locator(ws("status")).getAttribute("aria-live"), "polite");
    await page.locator(`${EL} .ws-scenario >> nth=0`).screenshot({ path: screenshotPath("workspace-drift.png") });

    // In English.
    await page.click('[data-set-lang="en"]');
    await waitShadowText(page, '[data-ws="drift"]', "when saved (version 2024-01-draft)");
    const en = await page.locator(ws("drift")).textContent();
    assert.ok(en.includes(yuan(old.total) + " when saved") && en.includes(yuan(est.total) + " now") && en.includes(label("en") + ": "), en);
    assert.match(await status(page), /Scenario “方案一” opened\. This scenario was saved under policy data version 2024-01-draft/);
    await page.click('[data-set-lang="zh-CN"]');
    await waitShadowText(page, '[data-ws="drift"]', "保存时（版本");

    // The client report: its figures under the version in use, the scenario's then said.
    const [report] = await Promise.all([page.waitForEvent("download"), page.click(ws("report-html"))]);
    const html = readFileSync(await report.path(), "utf8");
    assert.ok(html.includes("金额所依据的政策数据版本") && html.includes(policy.version) && html.includes(policy.fingerprint));
    assert.ok(html.includes("2024-01-draft（当时预计支持合计 " + yuan(old.total) + "）"), "the version it was saved under in the report");

    // Saved before stamps (version 2): opening it says its figures then are not known.
    delete stored.client.scenarios[0].stamp;
    stored.version = 2;
    // Version 2 knows none of version 4's client keys.
    ["revision", "credit_code", "town"].forEach((k) => delete stored.client[k]);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(stored)]);
    await page.reload();
    await waitReady(page);
    await page.locator(`${EL} .ws-scenario`).first().waitFor();
    await page.click(openButton);
    await waitShadowText(page, '[data-ws="drift"]', "未记录政策数据版本");
    assert.equal(await page.locator(`${ws("drift")} li`).count(), 0);
    await noViolationsNoNetwork(page);
  });
});

test("erase everything on this device removes every client", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await clientWithTwoScenarios(page);
    page.on("dialog", (d) => d.accept());
    await page.click(ws("erase"));
    await waitStatus(page, "已清除本机数据");
    assert.deepEqual(await storedKeys(page), []);
    assert.equal(await page.locator(`${EL} .ws-scenario`).count(), 0);
    await page.reload();
    await waitReady(page);
    // Nothing of the workspace left on the device: it stays closed, as on a fresh device.
    assert.equal(await page.locator(ws("disclosure")).evaluate((d) => d.open), false);
    await openWorkspace(page);
    assert.equal(await page.locator(`${EL} .ws-scenario`).count(), 0);
  });
});

test("without the attribute, the workspace's code is never requested", async () => {
  await withPage(null, async (page) => {
    const paths = [];
    page.on("request", (r) => paths.push(new URL(r.url()).pathname));
    await page.goto(server.url + "embed-example.html");
    await waitReady(page);
    assert.equal(await page.locator(`${EL} .workspace`).count(), 0);
    assert.deepEqual(paths.filter((p) => p.indexOf("workspace") >= 0), []);
  });
});
