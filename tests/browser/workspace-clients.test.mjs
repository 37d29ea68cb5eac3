// Browser tests of the workspace's clients and scenarios (issue 19), on the calculator page under
// the strict CSP, against the real engine: a client edited (a wrong 统一社会信用代码 refused at its
// field, marked aria-invalid and focused), its details shown and in the report, deleted and put
// back; "update scenario" saves over the one opened, edits not saved are marked; the issue's
// wrong-client report: another client's edited figures are never named as a saved scenario.
//
//   node --test tests/browser/workspace-clients.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { browserFile, watchdog, waitReady, EL, amount, strictPages, recordViolations, typeTypicalEnterprise, waitTotal, expected, pageYear, TYPICAL, yuan, openWorkspace } from "./harness.mjs";
import { ws, PREFIX, waitStatus, createClient, saveScenario } from "./workspace-steps.mjs";
import { storedClients } from "./stored-entry.mjs";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

const { server, withPage } = browserFile();
/** A 统一社会信用代码 whose check character is right (GB 32100-2015's own example), and one with it wrong. */
const CODE = "91350100M000100Y43";
const BAD_CODE = "91350100M000100Y44";

async function open(page, dialogs, answer) {
  await strictPages(page);
  await recordViolations(page);
  page.on("dialog", (d) => {
    if (dialogs) dialogs.push(d.message());
    d.accept(d.type() === "prompt" ? answer : undefined);
  });
  await page.goto(server.url + "index.html");
  await waitReady(page);
  // Closed on a fresh device: opened as a consultant does.
  await openWorkspace(page);
}


const stored = (page) => storedClients(page, PREFIX);
const active = (page) => page.evaluate((sel) => {
  const a = document.querySelector(sel).shadowRoot.activeElement;
  return a ? a.getAttribute("data-ws") || a.getAttribute("data-action") : null;
}, EL);

test("a client is edited (a wrong credit code refused at its field), its details shown and in the report, deleted and put back", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page);
    await createClient(page, "甲公司");
    await typeTypicalEnterprise(page);
    await saveScenario(page, "方案一");
    await page.locator(`${ws("edit")} summary`).click();
    await page.fill(ws("edit-credit-code"), BAD_CODE);
    await page.click(ws("save-client"));
    await waitStatus(page, "credit_code");
    assert.equal(await page.getAttribute(ws("edit-credit-code"), "aria-invalid"), "true");
    assert.equal(await active(page), "edit-credit-code", "the focus on the field refused");
    await page.fill(ws("edit-name"), "甲公司（改名）");
    await page.fill(ws("edit-credit-code"), CODE);
    await page.fill(ws("edit-town"), "当湖街道");
    await page.fill(ws("edit-notes"), "年底前再核对一次费用");
    await page.click(ws("save-client"));
    await waitStatus(page, "已保存客户“甲公司（改名）”");
    assert.equal(await page.getAttribute(ws("edit-credit-code"), "aria-invalid"), null);
    const info = await page.locator(ws("client-info")).textContent();
    for (const part of [CODE, "当湖街道", "年底前再核对一次费用"]) assert.ok(info.includes(part), part);
    const [c] = await stored(page);
    assert.deepEqual([c.name, c.credit_code, c.town, c.scenarios.length], ["甲公司（改名）", CODE, "当湖街道", 1]);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click(ws("report-csv"))]);
    const rows = readFileSync(await csv.path(), "utf8");
    assert.ok(rows.includes(CODE) && rows.includes("当湖街道") && rows.includes("甲公司（改名）"));
    assert.doesNotMatch(rows.split("\n").slice(0, 4).join("\n"), /（可选）/, "no form labels in the report");
    // Deleted after a confirmation; put back (with its scenario) until the page is reloaded.
    await page.click(ws("delete-client"));
    await waitStatus(page, "已删除客户");
    assert.deepEqual(await stored(page), []);
    await page.click(ws("undo-delete"));
    await waitStatus(page, "已恢复客户");
    const [back] = await stored(page);
    assert.deepEqual([back.name, back.scenarios.map((s) => s.name)], ["甲公司（改名）", ["方案一"]]);
  });
});

test("update scenario saves over the one opened; edits not saved are marked, and opening another asks first", async () => {
  await withPage(null, async (page) => {
    const dialogs = [];
    await open(page, dialogs);
    const year = await pageYear(page);
    await createClient(page, "乙公司");
    await typeTypicalEnterprise(page);
    await saveScenario(page, "方案一");
    await saveScenario(page, "方案二");
    assert.equal(await page.locator(ws("dirty")).isHidden(), true);
    await page.click(`${EL} .ws-scenario >> nth=0 >> [data-action="open"]`);
    const more = TYPICAL.map((e) => (e.category === "brand_promotion" ? Object.assign({}, e, { amount: "10万" }) : e));
    const est = await expected(year, more);
    await page.fill(amount("brand_promotion"), "10万");
    await waitTotal(page, yuan(est.total));
    await page.locator(ws("dirty")).waitFor();
    await page.click(ws("update"));
    await waitStatus(page, "已更新方案“方案一”");
    const [c] = await stored(page);
    assert.deepEqual(c.scenarios.map((s) => s.name), ["方案一", "方案二"], "saved over, no copy");
    assert.equal(c.scenarios[0].stamp.total, est.total, "with the figures on screen");
    assert.notEqual(c.scenarios[1].stamp.total, est.total);
    assert.equal(await page.locator(ws("dirty")).isHidden(), true);
    // An edit, then opening the other scenario: asked first.
    await page.fill(amount("brand_promotion"), "20万");
    await page.locator(ws("dirty")).waitFor();
    await page.click(`${EL} .ws-scenario >> nth=1 >> [data-action="open"]`);
    assert.equal(dialogs.length, 1, "opening another asked: " + JSON.stringify(dialogs));
    assert.match(dialogs[0], /未保存的改动/);
  });
});

test("the issue's wrong-client report: client A's scenario edited, client B chosen: the report names B and 未保存的方案, never A's scenario", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    const dialogs = [];
    await open(page, dialogs);
    await createClient(page, "客户乙");
    await createClient(page, "客户甲");
    await typeTypicalEnterprise(page);
    await saveScenario(page, "2025 基础方案");
    await page.click(`${EL} .ws-scenario >> nth=0 >> [data-action="open"]`);
    await page.fill(amount("brand_promotion"), "45万");
    await page.locator(ws("dirty")).waitFor();
    const B = await page.locator(`${ws("client")} option`, { hasText: "客户乙" }).getAttribute("value");
    await page.selectOption(ws("client"), B);
    assert.equal(dialogs.length, 1, "switching client with edits not saved asks");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click(ws("report-csv"))]);
    const rows = readFileSync(await csv.path(), "utf8");
    assert.ok(rows.includes("客户乙"), "the chosen client");
    assert.ok(rows.includes("未保存的方案"));
    assert.ok(!rows.includes("2025 基础方案"), "never the other client's scenario's name");
  });
});

test("in WeChat's web-view the workspace offers copy instead of downloads and print; the copied report is the figures on screen", async () => {
  const ua = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/78.0 Mobile Safari/537.36 MicroMessenger/8.0.40";
  await withPage({ userAgent: ua, permissions: ["clipboard-read", "clipboard-write"], viewport: { width: 375, height: 740 } }, async (page) => {
    await open(page);
    await createClient(page, "丙公司");
    await typeTypicalEnterprise(page);
    const est = await expected(await pageYear(page), TYPICAL);
    await waitTotal(page, yuan(est.total));
    for (const k of ["print", "report-html", "report-csv", "export"]) assert.equal(await page.locator(ws(k)).isHidden(), true, k + " hidden");
    await page.click(ws("copy-report"));
    await waitStatus(page, "已复制");
    const text = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(text.includes("丙公司") && text.includes(yuan(est.total)) && text.includes("未保存的方案"), text);
    await page.click(ws("copy-backup"));
    await waitStatus(page, "已复制");
    const backup = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.deepEqual(backup.clients.map((c) => c.name), ["丙公司"]);
  });
  // Elsewhere nothing changes.
  await withPage(null, async (page) => {
    await open(page);
    assert.equal(await page.locator(ws("copy-report")).count(), 0);
    assert.equal(await page.locator(ws("report-csv")).isHidden(), false);
  });
});

test("each message appears next to the control that caused it (the one live region moves there) and is announced", async () => {
  await withPage(null, async (page) => {
    await open(page);
    const gap = async (control) => {
      const a = await page.locator(ws(control)).boundingBox();
      const b = await page.locator(ws("status")).boundingBox();
      return Math.abs(b.y - (a.y + a.height));
    };
    await createClient(page, "丁公司");
    await typeTypicalEnterprise(page);
    await page.fill(ws("scenario-name"), "");
    await page.click(ws("save"));
    await waitStatus(page, "请填写方案名称");
    assert.equal(await page.getAttribute(ws("scenario-name"), "aria-invalid"), "true");
    assert.ok((await gap("save")) < 120, "the save button's message beside it: " + (await gap("save")));
    await page.setInputFiles(ws("import"), { name: "x.json", mimeType: "application/json", buffer: Buffer.from("{}") });
    await waitStatus(page, "文件无法导入");
    assert.ok((await gap("import")) < 120, "the import's message beside it: " + (await gap("import")));
    assert.equal(await page.getAttribute(ws("status"), "role"), "alert");
    assert.equal(await page.getAttribute(ws("import"), "aria-invalid"), "true");
  });
});

test("a scenario's notes are edited beside it, shown in the list and carried by the report while it is on screen", async () => {
  const NOTE = "客户希望下半年加大推广";
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page, null, NOTE);
    await createClient(page, "戊公司");
    await typeTypicalEnterprise(page);
    await saveScenario(page, "方案一");
    await page.click(`${EL} .ws-scenario >> nth=0 >> [data-action="scenarioNotes"]`);
    await waitStatus(page, "已保存方案“方案一”的备注");
    assert.equal(await active(page), "scenarioNotes", "the focus back on the notes button");
    assert.match(await page.locator(ws("scenario-notes")).textContent(), new RegExp(NOTE));
    const [c] = await stored(page);
    assert.equal(c.scenarios[0].notes, NOTE);
    await page.click(`${EL} .ws-scenario >> nth=0 >> [data-action="open"]`);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click(ws("report-csv"))]);
    assert.ok(readFileSync(await csv.path(), "utf8").includes(NOTE));
  });
});
