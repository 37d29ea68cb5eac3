// The batch page with the bureau's own sheets (issue 18), in Chromium under the strict CSP: each
// sheet of tests/sheets/make.mjs picked as a file; the mapping step (each column's item and unit,
// the warnings at the top, the fill-down offer), the officer's actions, the totals against the
// engine's for the same enterprises written cleanly (the shipped second package in Node: no policy
// figure written here), messages at their row; no earlier result survives a failed load; the same
// file picked again and a changed encoding reload; the mapping saved and found again; a refused
// what-if drops its changed figures; a rate as "60%" or "0.6".
//
//   node --test tests/browser/batch-sheets.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { browserFile, serveWww, watchdog, ISSUE_CSP, recordViolations, screenshotPath } from "./harness.mjs";
import { sheets, loadEngine } from "../sheets/make.mjs";
import { calculateBatch } from "../../www/batch/run.js";
import { formatYuan } from "../../www/element/money.js";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

const engine = await loadEngine();
const SHEETS = sheets(engine.policy());
const sheet = (name) => SHEETS.find((s) => s.name === name);

const { server, withPage } = browserFile(() => serveWww({ headers: { "content-security-policy": ISSUE_CSP } }));

async function open(page) {
  await recordViolations(page);
  await page.goto(server.url + "batch.html");
  await page.waitForSelector("body[data-batch=ready]");
}

/** Picks a sheet as a file and waits for the page to settle: "done", "review" or "refused". */
async function pick(page, s, name) {
  await page.evaluate(() => document.body.setAttribute("data-batch", "picking"));
  await page.setInputFiles("#file", { name: name || s.name + ".csv", mimeType: "text/csv", buffer: Buffer.from(s.bytes) });
  await page.waitForSelector("body[data-batch=done], body[data-batch=review], body[data-batch=refused]", { timeout: 60000 });
  return page.getAttribute("body", "data-batch");
}

async function expectedTotal(s) {
  const r = await calculateBatch(engine, s.clean);
  return { support: formatYuan(r.totals.baseline.total), awards: formatYuan(r.totals.baseline.awards_up_to) };
}

async function act(page, s) {
  for (const a of s.actions || []) {
    if (a === "fill-down") {
      await page.click("#fill-down");
      await page.waitForSelector("#fill-down");
    } else if (a.unit) await page.selectOption(`#mapping select[data-unit="${a.unit - 1}"]`, a.value);
  }
  await page.click("#compute");
  await page.waitForSelector("body[data-batch=done]", { timeout: 60000 });
}

test("every sheet: the mapping step, the officer's actions, the totals the engine gives for the clean rows, messages at their row", async () => {
  await withPage(null, async (page) => {
    await open(page);
    for (const s of SHEETS) {
      if (s.name === "mixed-encoding") continue; // its own test below
      const state = await pick(page, s);
      assert.equal(state, s.status, s.name + ": " + (await page.textContent("#status")));
      if (s.status === "refused") {
        assert.match(await page.textContent("#status"), new RegExp("第" + s.messages[0].line + "行"), s.name);
        continue;
      }
      assert.equal(await page.isVisible("#review-box"), true, s.name + ": the mapping step is shown");
      for (const m of s.mapping || []) {
        assert.equal(await page.$eval(`#mapping select[data-column="${m.column - 1}"]`, (e) => e.value), m.key, s.name + " column " + m.column);
        if (m.unit) assert.equal(await page.$eval(`#mapping select[data-unit="${m.column - 1}"]`, (e) => e.value), m.unit, s.name + " unit " + m.column);
      }
      if (s.status === "review") {
        const codes = await page.$$eval("#review-warnings li[data-code]", (li) => li.map((x) => x.getAttribute("data-code")));
        for (const m of s.messages.filter((x) => x.line === 0 || x.code === "empty_names")) assert.ok(codes.includes(m.code), s.name + ": " + m.code + " in " + codes);
        assert.equal(await page.isVisible("#results"), false, s.name + ": no total before the officer computes");
        await act(page, s);
      }
      const want = await expectedTotal(s);
      assert.equal(await page.textContent("#total-support"), want.support, s.name + " support");
      assert.equal(await page.textContent("#total-awards"), want.awards, s.name + " awards");
      const errors = await page.$$eval("#errors li", (li) => li.map((x) => x.textContent));
      for (const m of s.engine || []) {
        assert.ok(errors.some((e) => e.startsWith("第" + m.line + "行") && e.indexOf(m.says) >= 0), s.name + ": the engine's refusal at row " + m.line + " names " + m.says + ": " + errors.join(" | "));
      }
      for (const m of s.messages.filter((x) => x.line > 0 && x.code !== "empty_names")) {
        assert.ok(errors.some((e) => e.startsWith("第" + m.line + "行") || e.indexOf("第" + m.line + "行") >= 0), s.name + ": row " + m.line + " in " + errors.join(" | "));
      }
    }
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });
});

test("no earlier result survives a failed load; the same file picked again reloads", async () => {
  await withPage(null, async (page) => {
    await open(page);
    assert.equal(await pick(page, sheet("units")), "done");
    await page.fill('#whatif input[name="brand_promotion.cap"]', "1");
    await page.click("#whatif button[type=submit]");
    await page.waitForSelector("body[data-batch=whatif]");
    assert.equal(await pick(page, sheet("stray-quote")), "refused");
    for (const id of ["#results", "#whatif-box", "#table-box", "#review-box", "#problems-download"]) assert.equal(await page.isVisible(id), false, id + " hidden");
    assert.equal(await page.$$eval("#totals tr, #table tr, #changed-list li", (x) => x.length), 0, "no figures left in the page");
    assert.equal(await page.inputValue('#whatif input[name="brand_promotion.cap"]'), "", "the what-if is cleared");
    assert.equal(await page.textContent("#counts"), "");
    // the same file again: read again (the file input is emptied after each pick)
    assert.equal(await pick(page, sheet("units"), "same.csv"), "done");
    assert.equal(await pick(page, sheet("units"), "same.csv"), "done");
    assert.equal(await page.textContent("#total-support"), (await expectedTotal(sheet("units"))).support);
    // changing the encoding re-reads the file: this UTF-8 file read as GBK has no headers it knows
    await page.evaluate(() => document.body.setAttribute("data-batch", "picking"));
    await page.selectOption("#encoding", "gb18030");
    await page.waitForSelector("body[data-batch=review]");
    assert.match(await page.textContent("#status"), /无法计算.*缺少/);
    assert.equal(await page.isVisible("#results"), false, "the UTF-8 reading's totals are gone");
    await page.selectOption("#encoding", "auto");
    await page.waitForSelector("body[data-batch=done]");
    assert.equal(await page.textContent("#total-support"), (await expectedTotal(sheet("units"))).support);
  });
});

test("mixed encodings are said, and the other encoding offered and read", async () => {
  await withPage(null, async (page) => {
    await open(page);
    assert.equal(await pick(page, sheet("mixed-encoding")), "review");
    assert.match(await page.textContent('#review-warnings li[data-code="mixed_encoding"]'), /乱码.*garbled/);
    await page.evaluate(() => document.body.setAttribute("data-batch", "picking"));
    await page.click("#other-encoding");
    await page.waitForSelector("body[data-batch=review], body[data-batch=done]");
    assert.equal(await page.inputValue("#encoding"), "utf-8");
    assert.match(await page.textContent('#review-warnings li[data-code="mixed_encoding"]'), /GBK/);
  });
});

test("the mapping is saved on the device and found again for the same headers", async () => {
  await withPage(null, async (page) => {
    await open(page);
    const s = sheet("wan-column");
    assert.equal(await pick(page, s), "review");
    await act(page, s);
    assert.match(await page.textContent("#errors"), /表头 第5列“其他费用”未使用，但有 2 个数字/, "the header's warnings are in the problem list too");
    assert.equal(await pick(page, s), "review", "the unused column of numbers still asks");
    assert.equal(await page.$eval('#mapping select[data-unit="2"]', (e) => e.value), "万元");
    assert.match(await page.textContent("#saved-note"), /本机保存/);
    const codes = await page.$$eval("#review-warnings li[data-code]", (li) => li.map((x) => x.getAttribute("data-code")));
    assert.ok(!codes.includes("looks_wan"), "the unit set is the unit kept");
  });
});

test("what-if: a refused change drops the changed figures; a rate as 60%, 0.6 or ６０％ is the same", async () => {
  await withPage(null, async (page) => {
    await open(page);
    assert.equal(await pick(page, sheet("units")), "done");
    const changed = [];
    for (const rate of ["60%", "0.6", "６０％"]) {
      await page.fill('#whatif input[name="brand_promotion.rate"]', rate);
      await page.evaluate(() => document.body.setAttribute("data-batch", "x"));
      await page.click("#whatif button[type=submit]");
      await page.waitForSelector("body[data-batch=whatif]");
      changed.push(await page.textContent("#changed-support"));
    }
    assert.equal(new Set(changed).size, 1, changed.join(" "));
    const r = await calculateBatch(engine, sheet("units").clean, { overlay: { "brand_promotion.rate": "0.6" } });
    assert.equal(changed[0], formatYuan(r.totals.changed.total));
    await page.fill('#whatif input[name="brand_promotion.rate"]', "160%");
    await page.click("#whatif button[type=submit]");
    await page.waitForSelector('#whatif input[name="brand_promotion.rate"][aria-invalid=true]');
    assert.equal(await page.$$eval("#changed-support", (x) => x.length), 0, "no 调整后 figure left");
    assert.equal(await page.textContent("#changed-count"), "尚未调整 / no changes yet");
  });
});

test("the problem list downloads as CSV in row order", async () => {
  await withPage(null, async (page) => {
    await open(page);
    assert.equal(await pick(page, sheet("subtotal")), "done");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#problems-download")]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.ok(csv.startsWith("\uFEFF"));
    const rows = csv.trim().split("\r\n").slice(1).map((l) => l.split(",")[0]);
    assert.deepEqual(rows, ["4", "7", "8"]);
  });
});

test("the mapping step with its warnings: accessible (axe, WCAG 2.1 AA), no sideways scrolling at 375 px", async () => {
  await withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
    await open(page);
    assert.equal(await pick(page, sheet("merged-names")), "review");
    const axe = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id + ": " + v.nodes.length), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, "the page scrolls sideways by " + overflow + " px");
    await page.screenshot({ path: screenshotPath("batch-mapping-375.png"), fullPage: true });
  });
});

test("a near-duplicate listed in the mapping step, counted as one when the officer says so", async () => {
  await withPage(null, async (page) => {
    await open(page);
    const s = sheet("brackets");
    assert.equal(await pick(page, s), "done", "listed, not asked: computed at once");
    assert.match(await page.textContent("#near"), /可能是同一企业.*嘉兴 \( 平湖 \) 乙.*嘉兴\(平湖\)乙有限公司/);
    await page.evaluate(() => document.body.setAttribute("data-batch", "picking"));
    await page.click("#near button.merge");
    await page.waitForSelector("body[data-batch=review]");
    assert.equal(await page.isVisible("#results"), false, "the earlier totals are gone");
    await page.click("#compute");
    await page.waitForSelector("body[data-batch=done]");
    const rows = s.clean.map((r) => (r.enterprise === "嘉兴(平湖)乙有限公司" ? { ...r, enterprise: "嘉兴 ( 平湖 ) 乙" } : r));
    const want = await calculateBatch(engine, rows);
    assert.equal(await page.textContent("#total-support"), formatYuan(want.totals.baseline.total));
    assert.match(await page.textContent("#counts"), /企业 2 家/);
    assert.equal(await page.isVisible("#near-box"), false);
  });
});

test("a file still computing when another is refused never shows its results", async () => {
  await withPage(null, async (page) => {
    await open(page);
    const big = ["企业,年份," + engine.policy().categories[0].label.zh];
    for (let i = 0; i < 20000; i++) big.push("大" + i + ",2025,1000");
    await page.setInputFiles("#file", { name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(big.join("\n")) });
    await page.waitForFunction(() => /正在计算/.test(document.getElementById("status").textContent));
    assert.equal(await pick(page, sheet("stray-quote")), "refused");
    await page.waitForTimeout(3000); // the big file's run ends in the meantime
    assert.equal(await page.getAttribute("body", "data-batch"), "refused");
    assert.equal(await page.isVisible("#results"), false);
    assert.match(await page.textContent("#status"), /第6行/);
  });
});
