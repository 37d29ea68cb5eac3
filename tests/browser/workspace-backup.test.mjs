// Browser tests of a consultant's big backups (issue 19), on the calculator page under the strict
// CSP, against the real engine. The 300 clients × 10 plans file the workspace exports is more
// than Chromium's storage holds as JSON (measured here, by the test's own probe); stored packed
// (docs/workspace.md) it is imported whole (read in the worker), and after a reload every client
// and scenario is in storage (read here by node's own inflate: stored-entry.mjs) and in the list.
// A file that truly does not fit, even packed (random notes), is refused with its size, what it
// needs and the device's room, and nothing of it is stored. The automatic backup from before an
// import outlives a reload: it is offered with its date, restores what was there (a client
// changed since is left alone and said, the backup kept for it), and can be deleted (after a
// confirmation); `?worker=0` reads on the main thread the same way; a write failing part way puts
// back what the import had stored.
//
//   node --test tests/browser/workspace-backup.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { browserFile, watchdog, waitReady, EL, strictPages, recordViolations, waitShadowText, typeTypicalEnterprise, openWorkspace } from "./harness.mjs";
import { ws, PREFIX } from "./workspace-steps.mjs";
import { storedClients, storedTexts, parseStored, changeStored, PACKED_MARKER } from "./stored-entry.mjs";
import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { loadPackage } from "../node/packages.mjs";
import { backupFile, withIncompressibleNotes } from "./backup-file.mjs";
import { sizeText, MAX_IMPORT_BYTES } from "../../www/element/workspace/import-plan.js";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 600000));

const { server, withPage } = browserFile();
let glue;
before(async () => {
  glue = await loadPackage("pkg-office");
});

async function open(page, query, dialogs) {
  await strictPages(page);
  await recordViolations(page);
  page.on("dialog", (d) => {
    if (dialogs) dialogs.push(d.message());
    d.accept();
  });
  await page.goto(server.url + "index.html" + (query || ""));
  await waitReady(page);
  // Closed on a fresh device: opened as a consultant does.
  await openWorkspace(page);
}

const waitStatus = (page, part, timeout) => waitShadowText(page, '[data-ws="status"]', part, timeout || 20000);

/** Every stored client, parsed, by id. */
const stored = (page) => storedClients(page, PREFIX);

/** The most UTF-16 units one more entry can hold in this page's storage, found by the test itself. */
const room = (page) =>
  page.evaluate(() => {
    const fits = (n) => {
      try {
        localStorage.setItem("t", "中".repeat(n));
        return true;
      } catch (e) {
        return false;
      } finally {
        localStorage.removeItem("t");
      }
    };
    let lo = 0;
    let hi = 1 << 26;
    while (hi - lo > 1024) {
      const m = Math.floor((lo + hi) / 2);
      if (fits(m)) lo = m;
      else hi = m;
    }
    return lo;
  });

/** The units each client of a file would take stored as JSON (its key and entry), as stored before packing. */
const jsonUnitsOf = (file) => file.clients.map((c) => (PREFIX + c.id).length + JSON.stringify({ format: "pinghu-subsidy/client", version: 4, client: c }).length);

/** The engine's limit on notes (src/workspace/mod.rs MAX_NOTES), from its source. */
const MAX_NOTES = Number(/const MAX_NOTES: usize = (\d+);/.exec(readFileSync(new URL("../../src/workspace/mod.rs", import.meta.url), "utf8"))[1]);

async function importFile(page, file, name, compact) {
  const text = compact ? JSON.stringify(file) : JSON.stringify(file, null, 2);
  await page.setInputFiles(ws("import"), { name: name || "backup.json", mimeType: "application/json", buffer: Buffer.from(text) });
  return text;
}

test("the 300 × 10 backup, more than the device holds as JSON, is stored packed: imported whole (read in the worker), and every client and scenario is there after a reload", async () => {
  await withPage(null, async (page) => {
    const workers = [];
    page.on("worker", (w) => workers.push(w.url()));
    const wasm = [];
    page.context().on("request", (r) => /pkg-office\/pinghu_subsidy_bg\.wasm/.test(r.url()) && wasm.push(r.url()));
    await open(page);
    const free = await room(page);
    const big = backupFile(glue, 300, 10);
    assert.ok(jsonUnitsOf(big).reduce((a, b) => a + b, 0) > free, "premise: 300 × 10 as JSON is more than this browser's storage holds");
    await importFile(page, big, "big.json");
    await page.locator(`${ws("preview")} [data-kind="new"] >> nth=${big.clients.length - 1}`).waitFor({ state: "attached", timeout: 120000 });
    assert.ok(workers.some((u) => /workspace-worker/.test(u)), "read in the worker");
    assert.ok(wasm.length >= 2, "the engine instantiated in the worker too (a worker that could not start fetches none)");
    await page.click(ws("import-apply"));
    await waitStatus(page, "导入前已自动备份", 300000);
    await page.reload();
    await waitReady(page);
    await page.locator(ws("client")).waitFor({ state: "attached", timeout: 30000 });
    const texts = await storedTexts(page, PREFIX);
    assert.ok(texts.every(([, t]) => t.startsWith(PACKED_MARKER)), "every client stored packed");
    const units = texts.reduce((n, [k, t]) => n + k.length + t.length, 0);
    console.log(`300 × 10 in Chromium: ${units} units stored packed, ${jsonUnitsOf(big).reduce((a, b) => a + b, 0)} as JSON; ${free} free before`);
    const got = texts.map(([, t]) => parseStored(t).client);
    assert.equal(got.length, big.clients.length, "every client in storage");
    const want = new Map(big.clients.map((c) => [c.id, c]));
    for (const c of got) {
      const w = want.get(c.id);
      assert.equal(c.name, w.name);
      assert.deepEqual(c.scenarios.map((s) => [s.id, s.name, JSON.stringify(s.input), JSON.stringify(s.stamp)]), w.scenarios.map((s) => [s.id, s.name, JSON.stringify(s.input), JSON.stringify(s.stamp)]), "every scenario of " + c.id);
    }
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [`${EL}`, 1]);
    const options = await page.evaluate((el) => document.querySelector(el).shadowRoot.querySelectorAll('[data-ws="client"] option').length, EL);
    assert.equal(options, big.clients.length, "every client listed after the reload");
  });
});

test("a backup that truly does not fit, even packed (notes deflate cannot shrink), is refused with its size and the room before anything is stored or previewed", async () => {
  await withPage(null, async (page) => {
    await open(page);
    // The device nearly full already (another page of this site's data, left as it is): a small
    // file is enough not to fit, where an empty storage would take one of about 17 MB to read.
    const filler = (await room(page)) - 60000;
    await page.evaluate((n) => localStorage.setItem("another-page-of-this-site", "中".repeat(n)), filler);
    const free = await room(page);
    // Clients of the policy's plans, every note as long as the engine takes, random: as many as
    // it takes for the packed estimate (node's deflate, 14 bits a unit) to pass the room by a tenth.
    const packedUnits = (c) => Math.ceil((deflateSync(JSON.stringify({ format: "pinghu-subsidy/client", version: 4, client: c })).length * 8) / 14);
    const n = Math.ceil((free * 1.1) / packedUnits(withIncompressibleNotes(backupFile(glue, 1, 8), MAX_NOTES).clients[0]));
    const file = withIncompressibleNotes(backupFile(glue, n, 8), MAX_NOTES);
    const packed = file.clients.reduce((a, c) => a + packedUnits(c), 0);
    assert.ok(packed > free, "premise: even packed it is more than the room");
    const text = await importFile(page, file, "huge.json", true);
    assert.ok(Buffer.byteLength(text) <= MAX_IMPORT_BYTES, "premise: a file the workspace reads");
    console.log(`a file that does not fit: ${n} clients, ${Buffer.byteLength(text)} bytes, about ${packed} units packed; ${free} free`);
    // Refused before the preview shows: what it would store is more than the room.
    await waitStatus(page, "未导入：此文件（" + sizeText(Buffer.byteLength(text)) + "）需要本设备再存", 180000);
    assert.match(await page.locator(ws("status")).textContent(), /本设备只剩 [\d.]+ MB（浏览器为本站提供的存储上限约 [\d.]+ MB）/);
    assert.equal(await page.getAttribute(ws("import"), "aria-invalid"), "true");
    assert.equal(await page.locator(ws("import-apply")).count(), 0, "no preview to apply");
    assert.deepEqual(await stored(page), [], "nothing of it stored");
    assert.equal(await page.evaluate(() => Object.keys(localStorage).some((k) => k.indexOf("probe") >= 0)), false, "no probe left behind");
    assert.equal(await page.evaluate(() => (localStorage.getItem("another-page-of-this-site") || "").length), filler, "the site's other data untouched");
  });
});

test("the backup from before an import outlives a reload: offered with its date, restores what was here, and can be deleted knowingly; ?worker=0 reads on the main thread", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    const workers = [];
    page.on("worker", (w) => workers.push(w.url()));
    const dialogs = [];
    await open(page, "?worker=0", dialogs);
    // One client here with a scenario, then a file changing it and adding another client.
    await page.locator(`${ws("new")} summary`).click();
    await page.fill(ws("name"), "甲公司");
    await page.click(ws("create"));
    await waitStatus(page, "甲公司");
    await typeTypicalEnterprise(page);
    await page.fill(ws("scenario-name"), "本机方案");
    await page.click(ws("save"));
    await waitStatus(page, "本机方案");
    const before = await stored(page);
    const file = backupFile(glue, 1, 2);
    file.clients[0].id = before[0].id;
    file.clients[0].name = before[0].name;
    file.clients.push(backupFile(glue, 2, 1).clients[1]);
    await importFile(page, file);
    await page.locator(`${ws("preview")} [data-kind="new"]`).waitFor({ timeout: 60000 });
    await page.click(ws("import-apply"));
    await waitStatus(page, "导入前已自动备份", 60000);
    assert.equal((await stored(page)).length, 2);
    assert.deepEqual(workers.filter((u) => /workspace-worker/.test(u)), [], "?worker=0: no worker");
    // After a reload the backup is still offered, with its date.
    await page.reload();
    await waitReady(page);
    await page.locator(ws("import-undo")).waitFor({ timeout: 30000 });
    const today = await page.evaluate(() => {
      const d = new Date();
      const p = (n) => (n < 10 ? "0" : "") + n;
      return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
    });
    assert.match(await page.locator(ws("import-done")).textContent(), new RegExp("导入前的备份：" + today + " \\d\\d:\\d\\d，该次导入写入了 2 个客户。备份保存在本设备上"));
    assert.equal(await page.locator(ws("import-undo")).textContent(), "恢复导入前的备份");
    await page.click(ws("import-undo"));
    await waitStatus(page, "已恢复导入前的备份（2 个客户）", 60000);
    const strip = (cs) => cs.map((c) => Object.assign({}, c, { revision: 0 }));
    assert.deepEqual(strip(await stored(page)), strip(before), "restored what was here");
    assert.equal(await page.locator(ws("undo")).isHidden(), true, "a backup restored whole is no longer offered");
    // Imported again, the new backup is deleted by hand, after a confirmation, and stays deleted.
    await importFile(page, file, "again.json");
    await page.locator(`${ws("preview")} [data-kind="new"]`).waitFor({ timeout: 60000 });
    await page.click(ws("import-apply"));
    await waitStatus(page, "导入前已自动备份", 60000);
    await page.reload();
    await waitReady(page);
    await page.locator(ws("import-backup-erase")).waitFor({ timeout: 30000 });
    await page.click(ws("import-backup-erase"));
    await waitStatus(page, "已删除导入前的备份");
    assert.ok(dialogs.some((m) => /删除导入前的备份？/.test(m)), "asked first");
    await page.reload();
    await waitReady(page);
    await page.locator(ws("client")).waitFor({ state: "attached", timeout: 30000 });
    await page.waitForTimeout(500);
    assert.equal(await page.locator(ws("undo")).isHidden(), true, "no backup offered once deleted");
    assert.equal((await stored(page)).length, 2, "deleting the backup leaves the clients alone");
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });
});

test("a write that fails part way through an import puts back the clients already stored: nothing of the file is imported, and the reason is said", async () => {
  await withPage(null, async (page) => {
    // Storage that is full for the import's third client written, and only for it (the probe's write is not a client's).
    await page.addInitScript((prefix) => {
      const set = Storage.prototype.setItem;
      let clients = 0;
      Storage.prototype.setItem = function (k, v) {
        if (window.__failAt && String(k).indexOf(prefix) === 0 && ++clients === window.__failAt) throw new DOMException("full", "QuotaExceededError");
        return set.call(this, k, v);
      };
    }, PREFIX);
    await open(page);
    await page.locator(`${ws("new")} summary`).click();
    await page.fill(ws("name"), "甲公司");
    await page.click(ws("create"));
    await waitStatus(page, "甲公司");
    const before = await stored(page);
    const file = backupFile(glue, 4, 1);
    // The client here is in the file with a scenario more: merged first, then the new ones.
    file.clients[0].id = before[0].id;
    file.clients[0].name = before[0].name;
    await importFile(page, file);
    await page.locator(`${ws("preview")} [data-kind="merge"]`).waitFor({ timeout: 60000 });
    await page.evaluate(() => (window.__failAt = 3));
    await page.click(ws("import-apply"));
    await waitStatus(page, "导入中途失败，已撤回本次写入的 2 个客户，没有导入任何内容", 60000);
    assert.match(await page.locator(ws("status")).textContent(), /存储空间已满|空间/);
    await page.evaluate(() => (window.__failAt = 0));
    const strip = (cs) => cs.map((c) => Object.assign({}, c, { revision: 0 }));
    assert.deepEqual(strip(await stored(page)), strip(before), "what was here, as it was; nothing of the file");
    assert.equal(await page.locator(ws("undo")).isHidden(), true, "no backup offered for an import that did not happen");
  });
});

test("restoring the backup leaves alone a client changed since the import, says so, and keeps the backup for it", async () => {
  await withPage(null, async (page) => {
    await open(page);
    const file = backupFile(glue, 2, 1);
    await importFile(page, file);
    await page.locator(`${ws("preview")} [data-kind="new"] >> nth=1`).waitFor({ timeout: 60000 });
    await page.click(ws("import-apply"));
    await waitStatus(page, "导入前已自动备份", 60000);
    // The second client changed after the import (as a save elsewhere would: its revision moves on).
    const changed = file.clients[1];
    await changeStored(page, PREFIX + changed.id, (e) => {
      e.client.revision += 1;
      e.client.notes = "导入后又改过";
    });
    await page.reload();
    await waitReady(page);
    await page.locator(ws("import-undo")).waitFor({ timeout: 30000 });
    await page.click(ws("import-undo"));
    await waitStatus(page, "已恢复导入前的备份（1 个客户）", 60000);
    assert.match(await page.locator(ws("status")).textContent(), new RegExp("以下客户在导入后又被修改，未恢复：" + changed.name));
    const left = await stored(page);
    assert.deepEqual(left.map((c) => [c.id, c.notes]), [[changed.id, "导入后又改过"]], "the changed client kept as it is now; the other removed");
    // The backup stays, for that client only, after a reload too.
    await page.reload();
    await waitReady(page);
    await page.locator(ws("import-done")).waitFor({ timeout: 30000 });
    assert.match(await page.locator(ws("import-done")).textContent(), /该次导入写入了 1 个客户/);
  });
});
