// Browser tests of the workspace's data (issue 19), on the calculator page under the strict CSP,
// against the real engine: two pages of one profile saving to one client keep both scenarios (one
// page stale: its storage events held back); a scenario that does not read is kept verbatim on
// every save and deleted by hand only; import with a changed scenario, a new one, one only here
// and a same-id other-name client, then undo; a GBK-encoded file refused with the reason.
//
//   node --test tests/browser/workspace-data.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { browserFile, watchdog, waitReady, EL, amount, strictPages, recordViolations, typeTypicalEnterprise, openWorkspace } from "./harness.mjs";
import { ws, PREFIX, waitStatus, createClient, saveScenario } from "./workspace-steps.mjs";
import { storedClients, storedTexts, changeStored } from "./stored-entry.mjs";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

const { server, withPage } = browserFile();
const CLIENT = "嘉兴市某某箱包有限公司";

async function open(page) {
  await strictPages(page);
  await recordViolations(page);
  page.on("dialog", (d) => d.accept());
  await page.goto(server.url + "index.html");
  await waitReady(page);
  // Closed on a fresh device: opened as a consultant does.
  await openWorkspace(page);
}


const scenarioNames = (page) => page.locator(`${EL} .ws-scenario:not(.ws-kept) .ws-scenario-name`).allTextContents();

/** The stored clients, parsed, by id (the order of storage's keys means nothing: a write elsewhere may change it). */
const stored = (page) => storedClients(page, PREFIX);

test("two pages of one profile save to one client: both scenarios are kept, the stale page's save merged, the other page shown the change at once", async () => {
  await withPage(null, async (a, ctx) => {
    await open(a);
    await createClient(a, CLIENT);
    await typeTypicalEnterprise(a);
    const b = await ctx.newPage();
    // Page B is stale: it never hears of A's changes (its storage events are held back).
    await b.addInitScript(() => window.addEventListener("storage", (e) => e.stopImmediatePropagation(), true));
    await open(b);
    await b.locator(`${ws("client")} option`, { hasText: CLIENT }).waitFor({ state: "attached" });
    await typeTypicalEnterprise(b);
    await saveScenario(a, "甲页的方案");
    await saveScenario(b, "乙页的方案");
    const [c] = await stored(a);
    assert.deepEqual(c.scenarios.map((s) => s.name), ["甲页的方案", "乙页的方案"], "neither page's scenario lost");
    assert.equal(c.revision, 3, "created, then one write from each page");
    // Page A heard B's save at once and shows both.
    await waitStatus(a, "其他标签页或窗口修改了");
    assert.deepEqual(await scenarioNames(a), ["甲页的方案", "乙页的方案"]);
    // B, read afresh, shows both too.
    await b.reload();
    await waitReady(b);
    await b.locator(`${EL} .ws-scenario`).nth(1).waitFor({ state: "attached", timeout: 20000 });
    assert.deepEqual(await scenarioNames(b), ["甲页的方案", "乙页的方案"]);
  });
});

test("a scenario that does not read is kept verbatim on every save, shown as such, exported and deleted by hand only", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page);
    await createClient(page, CLIENT);
    // Written back as plain JSON, as entries were stored before packing: still read.
    const bad = await changeStored(page, (await storedTexts(page, PREFIX))[0][0], (e) => {
      const s = { id: "s-old", name: "改名前的类别", saved: "2026-01-01", kind: "year", input: { year: 2025, expenses: [{ category: "renamed_by_an_update", amount: "1.00" }] } };
      e.client.scenarios.push(s);
      return s;
    });
    await page.reload();
    await waitReady(page);
    await page.locator(`${EL} .ws-kept`).waitFor();
    assert.match(await page.locator(`${EL} .ws-kept`).textContent(), /改名前的类别.*无法读取（保留原样）/);
    await typeTypicalEnterprise(page);
    await saveScenario(page, "新方案");
    const [c] = await stored(page);
    assert.deepEqual(c.scenarios.find((s) => s.id === "s-old"), bad, "written back exactly as it was");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`${EL} .ws-kept [data-action="keptExport"]`)]);
    assert.deepEqual(JSON.parse(readFileSync(await download.path(), "utf8")), bad);
    await page.click(`${EL} .ws-kept [data-action="keptRemove"]`);
    await waitStatus(page, "已删除无法读取的方案");
    const [after] = await stored(page);
    assert.deepEqual(after.scenarios.map((s) => s.name), ["新方案"]);
  });
});

test("import merges per scenario: changed (with what differs), new, only here, a same-id other-name client asked about; an automatic backup, then undo", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page);
    await createClient(page, CLIENT);
    await typeTypicalEnterprise(page);
    await saveScenario(page, "方案一");
    await saveScenario(page, "方案二");
    await createClient(page, "乙公司");
    const before = await stored(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(ws("export"))]);
    const file = JSON.parse(readFileSync(await download.path(), "utf8"));
    const a = file.clients.find((c) => c.name === CLIENT);
    a.scenarios[0].name = "方案一（顾问改）";
    a.scenarios[0].input.expenses[0].amount = "1.00";
    a.scenarios.splice(1, 1);
    a.scenarios.push(Object.assign({}, file.clients[0].scenarios[0] || a.scenarios[0], { id: "s-from-file", name: "文件中的新方案" }));
    file.clients.find((c) => c.name === "乙公司").name = "丙公司（同编号）";
    await page.setInputFiles(ws("import"), { name: "c.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
    const preview = ws("preview");
    await page.locator(`${preview} [data-kind="otherName"]`).waitFor();
    const text = await page.locator(`${preview} [data-kind="merge"]`).textContent();
    assert.match(text, /方案一（顾问改） — 有改动（不同之处：名称、输入）/);
    assert.match(text, /文件中的新方案 — 新增/);
    assert.match(text, /方案二 — 仅本机有（保留）/);
    assert.match(await page.locator(`${preview} [data-kind="otherName"]`).textContent(), /编号相同但名称不同/);
    assert.deepEqual(await stored(page), before, "nothing stored before the user says so");
    await page.check(ws("take-changed"));
    await page.click(ws("import-apply"));
    await waitStatus(page, "导入前已自动备份");
    const now = await stored(page);
    const merged = now.find((c) => c.id === a.id);
    assert.deepEqual(merged.scenarios.map((s) => s.name), ["方案一（顾问改）", "方案二", "文件中的新方案"], "nothing local deleted");
    assert.deepEqual(now.find((c) => c.name === "乙公司") && true, true, "the same-id other-name client skipped by default");
    // The backup holds the workspace as it was.
    const [bk] = await Promise.all([page.waitForEvent("download"), page.click(ws("import-backup"))]);
    const backup = JSON.parse(readFileSync(await bk.path(), "utf8"));
    assert.deepEqual(backup.clients.find((c) => c.id === a.id).scenarios.map((s) => s.name), ["方案一", "方案二"]);
    await page.click(ws("import-undo"));
    await waitStatus(page, "已恢复导入前的备份");
    const undone = await stored(page);
    const strip = (cs) => cs.map((c) => Object.assign({}, c, { revision: 0 })).sort((x, y) => (x.id < y.id ? -1 : 1));
    assert.deepEqual(strip(undone), strip(before), "undo puts back what was there");
  });
});

test("a GBK-encoded file is refused with the reason, and nothing is stored", async () => {
  await withPage(null, async (page) => {
    await open(page);
    // {"format":"pinghu-subsidy/workspace","version":4,"exported":"2026-12-01","clients":[{"id":"a","name":"嘉兴市","scenarios":[]}]} in GBK.
    const head = Buffer.from('{"format":"pinghu-subsidy/workspace","version":4,"exported":"2026-12-01","clients":[{"id":"a","name":"');
    const gbk = Buffer.from([0xbc, 0xce, 0xd0, 0xcb, 0xca, 0xd0]);
    const tail = Buffer.from('","scenarios":[]}]}');
    await page.setInputFiles(ws("import"), { name: "gbk.json", mimeType: "application/json", buffer: Buffer.concat([head, gbk, tail]) });
    await waitStatus(page, "不是 UTF-8");
    assert.equal(await page.getAttribute(ws("import"), "aria-invalid"), "true");
    assert.deepEqual(await stored(page), []);
    assert.equal(await page.locator(ws("preview")).isHidden(), true);
  });
});
