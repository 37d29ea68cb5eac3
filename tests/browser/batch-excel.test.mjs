// Excel on the batch page (issue 18), in Chromium under the strict CSP: habits.xlsx dropped on
// the page (a real drop event) and habits.xls picked: the mapping step with its warnings (the
// title row, the merged names' fill-down), the officer's fill-down, the totals the engine gives
// for the sheet's clean rows (tests/sheets/workbooks.json), refusals at their row; the second
// sheet chosen; the read part fetched only for an Excel file, never for a CSV nor by the
// calculator, and the write part only on download; the downloaded .xlsx read back by the read
// part (in Node) with money as numbers equal to the page's figures, and its money cells in the
// ¥ format (the file's own styles, unzipped here).
//
//   make build-office build-sheets && node --test tests/browser/batch-excel.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { browserFile, serveWww, watchdog, ISSUE_CSP, recordViolations, REPO, WWW } from "./harness.mjs";
import { loadEngine, sheetCsv } from "../sheets/make.mjs";
import { calculateBatch } from "../../www/batch/run.js";
import { exact } from "../../www/batch/cells.js";
import { formatYuan } from "../../www/element/money.js";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

const engine = await loadEngine();
// The cells (workbooks.json) with what each sheet should give (its .xlsx entry in expected.json).
const EXPECTED = JSON.parse(readFileSync(REPO + "/tests/sheets/expected.json", "utf8")).filter((e) => e.file);
const BOOK = JSON.parse(readFileSync(REPO + "/tests/sheets/workbooks.json", "utf8"))[0];
BOOK.sheets = BOOK.sheets.map((s) => Object.assign({}, EXPECTED.find((e) => e.file === BOOK.name + ".xlsx" && e.sheet === s.name), s));
const FILE = (ext) => readFileSync(REPO + "/tests/sheets/" + BOOK.name + "." + ext);
const readPart = await import(WWW + "/pkg-sheet-read/pinghu_sheet.js");
readPart.initSync({ module: readFileSync(WWW + "/pkg-sheet-read/pinghu_sheet_bg.wasm") });

const log = [];
const { server, withPage } = browserFile(() => serveWww({ headers: { "content-security-policy": ISSUE_CSP }, log }));
const settled = "body[data-batch=done], body[data-batch=review], body[data-batch=refused]";

async function open(page, path = "batch.html") {
  await recordViolations(page);
  await page.goto(server.url + path);
  if (path.startsWith("batch.html")) await page.waitForSelector("body[data-batch=ready]");
}

/** Drops bytes on the page's drop zone as a file, as a file manager does. */
async function drop(page, name, bytes) {
  await page.evaluate(() => document.body.setAttribute("data-batch", "picking"));
  await page.evaluate(({ name, data }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(data)], name));
    document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, data: Array.from(bytes) });
  await page.waitForSelector(settled, { timeout: 60000 });
  return page.getAttribute("body", "data-batch");
}

async function pick(page, name, bytes) {
  await page.evaluate(() => document.body.setAttribute("data-batch", "picking"));
  await page.setInputFiles("#file", { name, mimeType: "application/octet-stream", buffer: Buffer.from(bytes) });
  await page.waitForSelector(settled, { timeout: 60000 });
  return page.getAttribute("body", "data-batch");
}

async function totals(sheet) {
  const r = await calculateBatch(engine, sheet.clean);
  return { support: formatYuan(r.totals.baseline.total), awards: formatYuan(r.totals.baseline.awards_up_to) };
}

/** The first sheet's review, fill-down and totals, and its refusals listed at their rows. */
async function firstSheet(page, state) {
  const sheet = BOOK.sheets[0];
  assert.equal(state, "review", await page.textContent("#status"));
  const codes = await page.$$eval("#review-warnings li[data-code]", (li) => li.map((x) => x.getAttribute("data-code")));
  assert.deepEqual(codes.sort(), ["empty_names", "title_row"]);
  assert.equal(await page.isVisible("#results"), false, "no total before the officer computes");
  assert.equal(await page.isVisible("#sheet-box"), true, "two sheets: the choice is shown");
  assert.deepEqual(await page.$$eval("#sheet option", (o) => o.map((x) => x.textContent)), BOOK.sheets.map((s) => s.name));
  await page.click("#fill-down");
  await page.waitForSelector("#fill-down");
  await page.click("#compute");
  await page.waitForSelector("body[data-batch=done]", { timeout: 60000 });
  const want = await totals(sheet);
  assert.equal(await page.textContent("#total-support"), want.support);
  assert.equal(await page.textContent("#total-awards"), want.awards);
  const errors = await page.$$eval("#errors li", (li) => li.map((x) => x.textContent));
  for (const m of sheet.messages.filter((x) => x.line > 0 && x.code !== "empty_names")) {
    assert.ok(errors.some((e) => e.indexOf("第" + m.line + "行") >= 0), "row " + m.line + " (" + m.code + ") in " + errors.join(" | "));
  }
}

test("an .xlsx dropped: the mapping step, the fill-down, the totals; the second sheet chosen; an .xls picked", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await firstSheet(page, await drop(page, "habits.xlsx", FILE("xlsx")));
    await page.evaluate(() => document.body.setAttribute("data-batch", "picking"));
    await page.selectOption("#sheet", BOOK.sheets[1].name);
    assert.equal(await (await page.waitForSelector(settled)).getAttribute("data-batch"), "done");
    const want = await totals(BOOK.sheets[1]);
    assert.equal(await page.textContent("#total-support"), want.support, "the second sheet's totals");
    await firstSheet(page, await pick(page, "habits.xls", FILE("xls")));
    // a CSV next: no sheet choice, and the workbook's results are gone
    assert.equal(await pick(page, "second.csv", new TextEncoder().encode(sheetCsv(BOOK.sheets[1]))), "done");
    assert.equal(await page.isVisible("#sheet-box"), false);
    assert.equal(await page.textContent("#total-support"), want.support, "the same sheet as CSV: the same totals");
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });
});

test("the main-thread path (?worker=0, as where module workers are missing): the same totals", async () => {
  await withPage(null, async (page) => {
    log.length = 0;
    await open(page, "batch.html?worker=0");
    await page.waitForSelector("body[data-batch=ready]");
    await firstSheet(page, await drop(page, "habits.xlsx", FILE("xlsx")));
    assert.ok(!log.includes("/batch/excel-worker.js"), "no worker");
  });
});

test("a workbook that cannot be read is refused aloud, and no earlier result survives it", async () => {
  await withPage(null, async (page) => {
    await open(page);
    assert.equal(await drop(page, "habits.xlsx", FILE("xlsx")), "review");
    await page.selectOption("#sheet", BOOK.sheets[1].name);
    await page.waitForSelector("body[data-batch=done]");
    assert.equal(await drop(page, "damaged.xlsx", Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0])), "refused");
    assert.match(await page.textContent("#status"), /无法读取.*\/.*cannot be read/);
    for (const id of ["#results", "#review-box", "#sheet-box"]) assert.equal(await page.isVisible(id), false, id + " hidden");
    assert.equal(await page.$$eval("#totals tr, #table tr", (x) => x.length), 0, "no figures left");
    // a damaged .xls that traps the reader (tests/sheets/damaged.xls): said; the next workbook is
    // read by a new instance of the part
    log.length = 0;
    assert.equal(await drop(page, "damaged.xls", readFileSync(REPO + "/tests/sheets/damaged.xls")), "refused");
    assert.match(await page.textContent("#status"), /损坏.*\/.*damaged/);
    assert.equal(await drop(page, "habits.xlsx", FILE("xlsx")), "review");
    assert.ok(log.some((p) => /^\/pkg-sheet-read\/pinghu_sheet\.js\?fresh=1/.test(p)), "a new instance: " + log.join(" "));
  });
});

test("a workbook's mapping step with its sheet choice: accessible (axe, WCAG 2.1 AA), no sideways scrolling at 375 px", async () => {
  await withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
    await open(page);
    assert.equal(await drop(page, "habits.xlsx", FILE("xlsx")), "review");
    assert.equal(await page.isVisible("#sheet"), true);
    const axe = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id + ": " + v.nodes.length), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, "the page scrolls sideways by " + overflow + " px");
  });
});

test("the parts load only when needed: not for a CSV, not by the calculator; the writer only on download", async () => {
  await withPage(null, async (page) => {
    log.length = 0;
    await open(page, "index.html");
    await page.waitForLoadState("networkidle");
    await open(page);
    assert.equal(await pick(page, "second.csv", new TextEncoder().encode(sheetCsv(BOOK.sheets[1]))), "done");
    await page.waitForLoadState("networkidle");
    assert.deepEqual(log.filter((p) => /pkg-sheet-/.test(p)), [], "no sheet part for the calculator or a CSV");
    assert.equal(await drop(page, "habits.xlsx", FILE("xlsx")), "review");
    assert.ok(log.some((p) => p.startsWith("/pkg-sheet-read/pinghu_sheet_bg.wasm")), "the read part for an Excel file");
    assert.ok(log.includes("/batch/excel-worker.js"), "read in a module worker");
    assert.deepEqual(log.filter((p) => /pkg-sheet-write/.test(p)), [], "no writer before the download");
  });
});

/** The entries of a zip (the central directory's names, sizes and offsets), inflated. */
function unzip(buf) {
  const out = new Map();
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  let p = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const name = buf.toString("utf8", p + 46, p + 46 + buf.readUInt16LE(p + 28));
    const local = buf.readUInt32LE(p + 42);
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    out.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString("utf8"));
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

test("the .xlsx download reads back: the enterprises' money as numbers equal to the page's, in the ¥ format", async () => {
  await withPage(null, async (page) => {
    await open(page);
    assert.equal(await pick(page, "second.csv", new TextEncoder().encode(sheetCsv(BOOK.sheets[1]))), "done");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-xlsx")]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const bytes = readFileSync(await download.path());
    const want = await calculateBatch(engine, BOOK.sheets[1].clean);
    const book = JSON.parse(readPart.readSheet(bytes, undefined)).grid;
    const name = book.sheets.find((s) => /Enterprises/.test(s));
    const grid = JSON.parse(readPart.readSheet(bytes, name)).grid;
    const col = grid.rows[0].findIndex((h) => /total/.test(h));
    want.enterprises.forEach((e, i) => {
      assert.equal(grid.rows[i + 1][0], e.enterprise);
      assert.equal(exact(grid.rows[i + 1][col]), exact(e.baseline.total), e.enterprise + ": the page's figure");
    });
    // in the file: the cell a number (no t="s"/"str"), its style's number format the ¥ one
    const files = unzip(bytes);
    const styles = files.get("xl/styles.xml");
    const fmt = /<numFmt numFmtId="(\d+)" formatCode="(¥[^"]*)"/.exec(styles);
    assert.ok(fmt, "a ¥ number format in the file");
    const xfs = Array.from(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)[1].matchAll(/<xf [^>]*numFmtId="(\d+)"/g)).map((m) => m[1]);
    const sheetXml = files.get("xl/worksheets/sheet" + (book.sheets.indexOf(name) + 1) + ".xml");
    const letter = String.fromCharCode(65 + col);
    const cell = new RegExp('<c r="' + letter + '2"([^>]*)><v>([^<]*)</v>').exec(sheetXml);
    assert.ok(cell, "the first enterprise's total cell");
    assert.ok(!/ t="/.test(cell[1]), "a number, not text: " + cell[1]);
    assert.equal(xfs[Number(/ s="(\d+)"/.exec(cell[1])[1])], fmt[1], "its style is the ¥ format");
    assert.equal(exact(cell[2]), exact(want.enterprises[0].baseline.total));
  });
});
