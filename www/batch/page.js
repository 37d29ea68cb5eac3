// The batch page (batch.html): a CSV dropped or picked → decoded, tokenized, mapped with policy()
// → computed by the batch engine (www/pkg-office/) in a module worker, or on the main thread in
// parts where module workers are missing → counts, refused rows by row and column, totals per
// measure, caps reached, a histogram, the enterprise table, the results CSV; and what-if. All
// words of the policy come from policy(); the money is the engine's (strings, never computed).
// Nothing leaves the browser. `?worker=0` forces the main-thread path.
import { init, engine } from "./engine.js";
import { h, replaceChildren } from "../element/dom.js";
import { formatYuan, formatRate } from "../element/money.js";
import { toCsv } from "./csv.js";
import { applySaved } from "./mapping.js";
import { problemRows } from "./sheet.js";
import { isExcel, readGrid } from "./excel.js";
import { showSheetChoice } from "./sheet-choice.js";
import { downloadXlsx } from "./xlsx-download.js";
import { renderReview, hideReview, renderConditions } from "./review.js";
import { loadMapping, saveMapping } from "./saved.js";
import { loadFile, loadGridFile, reviewFile, computeFile } from "./compute.js";
import { overlayFingerprint } from "./fingerprint.js";
import { sortEnterprises, templateCsv, histogram, histogramBars } from "./report.js";
import { reportTables, tablesCsv, sheetTables } from "./tables.js";
import { renderTables, renderPrint } from "./render.js";

const SHOWN_ROWS = 300;
const SHOWN_ERRORS = 200;
const $ = (id) => document.getElementById(id);
const both = (zh, en) => zh + " / " + en;

const state = { policy: null, result: null, baseline: null, report: null, sort: ["total", -1], fingerprint: null, file: null, sheet: null, problems: [] };
const ready = init().then(() => {
  state.policy = engine.policy();
  buildWhatIf();
});

// ------------------------------------------------------------------ running

function progress(done, total) {
  $("progress").max = Math.max(1, total);
  $("progress").value = done;
  $("status").textContent = both("正在计算 " + done + " / " + total + " 行", "computing " + done + " of " + total + " rows");
}

// ------------------------------------------------------------------ the file

/** A file's bytes (Blob.arrayBuffer is missing before Safari 14: FileReader then). */
function readBytes(file) {
  if (file.arrayBuffer) return file.arrayBuffer();
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(r.result);
    r.onerror = () => fail(r.error);
    r.readAsArrayBuffer(file);
  });
}

/** Clears every result of an earlier file: totals, table, download, what-if, problem lists. */
let generation = 0; // bumped whenever results are cleared: a run of an earlier file never shows

function clearResults() {
  generation++;
  Object.assign(state, { result: null, baseline: null, report: null, fingerprint: null, problems: [] });
  for (const id of ["results", "whatif-box", "table-box", "conditions-box"]) $(id).hidden = true;
  for (const id of ["totals", "caps", "histogram", "table", "changed-list", "whatif-errors", "errors", "conditions", "report-tables", "print"]) replaceChildren($(id), []);
  for (const id of ["counts", "fingerprint", "changed-count", "table-note", "conditions-status"]) $(id).textContent = "";
  $("whatif").reset();
  $("errors-box").hidden = true;
  $("problems-download").hidden = true;
  document.body.setAttribute("data-batch", "ready");
}

function refuseLoad(zh, en) {
  clearResults();
  hideReview();
  state.sheet = null;
  $("status").textContent = both(zh, en);
  $("progress").value = 0;
  document.body.setAttribute("data-batch", "refused");
}

let loads = 0; // the latest load asked (the same file again, another encoding or sheet): an earlier one is stale

async function readFile(file, sheetName) {
  performance.mark("batch-start");
  state.file = file;
  const mine = ++loads;
  await ready;
  clearResults();
  $("status").textContent = both("正在读取 " + file.name, "reading " + file.name);
  $("progress").removeAttribute("value");
  let bytes;
  try {
    bytes = new Uint8Array(await readBytes(file));
  } catch (e) {
    if (state.file !== file) return;
    return refuseLoad("无法读取文件：" + String(e && e.message), "the file could not be read: " + String(e && e.message));
  }
  if (state.file !== file) return; // another file was chosen while this one was read
  performance.mark("batch-bytes");
  // Decoded, tokenized and mapped where the computing runs (the worker): the records stay there.
  // An Excel file is first read into a grid by its own part (excel.js, in a worker of its own).
  let view;
  try {
    if (isExcel(file.name, bytes)) {
      const read = await readGrid(bytes, sheetName);
      view = read.problem ? { refused: Object.assign({ line: 0 }, read.problem) } : await loadGridFile(read.grid);
    } else view = await loadFile(bytes, { encoding: $("encoding").value });
  } catch (e) {
    if (state.file !== file || mine !== loads) return;
    return refuseLoad("无法读取文件：" + String(e && e.message), "the file could not be read: " + String(e && e.message));
  }
  if (state.file !== file || mine !== loads) return;
  showSheetChoice(view.workbook, (name) => readFile(file, name));
  if (view.refused) return refuseLoad(view.refused.zh, view.refused.en);
  // A mapping kept on this device for the same header comes first.
  const kept = loadMapping(view.header);
  const saved = kept ? applySaved(state.policy, view.header, kept) : null;
  state.sheet = Object.assign(view, { mapping: saved || view.mapping, saved: !!saved, fillDown: false, same: [], file });
  reviewStep(true);
}

let reviews = 0; // the latest review asked: an earlier answer is stale

/** Shows the mapping step; computes at once when nothing in it needs the officer. */
async function reviewStep(auto) {
  const sh = state.sheet;
  const mine = ++reviews;
  performance.mark("batch-loaded");
  let r;
  try {
    r = await reviewFile({ mapping: sh.mapping, fillDown: sh.fillDown, same: sh.same });
  } catch (e) {
    if (mine === reviews && state.sheet === sh) refuseLoad("无法读取文件：" + String(e && e.message), "the file could not be read: " + String(e && e.message));
    return;
  }
  if (mine !== reviews || state.sheet !== sh) return;
  performance.mark("batch-reviewed");
  sh.problems = r.problems;
  const { fatal, asks } = r;
  renderReview({ policy: state.policy, mapping: sh.mapping, problems: r.problems, runs: r.runs, near: r.near, fillDown: sh.fillDown, mixed: sh.mixed, encoding: sh.encoding, saved: sh.saved, preview: r.preview }, {
    change: (mapping) => { clearResults(); sh.mapping = mapping; sh.saved = false; reviewStep(false); },
    fillDown: () => { clearResults(); sh.fillDown = true; reviewStep(false); },
    merge: (names) => { clearResults(); sh.same = (sh.same || []).concat([names]); reviewStep(false); },
    encoding: (enc) => { $("encoding").value = enc; readFile(state.file); },
  });
  $("compute").disabled = fatal.length > 0;
  if (fatal.length) {
    $("status").textContent = both("无法计算：", "cannot compute: ") + fatal.map((p) => both(p.zh, p.en)).join("; ");
    document.body.setAttribute("data-batch", "review");
    return;
  }
  if (auto && !asks) return computeSheet();
  $("status").textContent = both("请先检查上面的列对应和提示，再点“计算”", "check the mapping and the warnings above, then press Compute");
  document.body.setAttribute("data-batch", "review");
}

async function computeSheet() {
  const sh = state.sheet;
  if (!sh) return;
  clearResults();
  saveMapping(sh.header, sh.mapping);
  state.date = new Date().toISOString().slice(0, 10);
  performance.mark("batch-read"); // read, mapped and prepared: the engine's part follows
  await run(null);
}

async function run(overlay) {
  progress(0, 0);
  let result;
  let report;
  const mine = generation;
  const sheet = state.sheet;
  try {
    ({ result, report } = await computeFile(overlay, (done, total) => { if (mine === generation) progress(done, total); }));
  } catch (e) {
    if (mine !== generation) return;
    if (overlay && e.errors) {
      // A refused what-if: its 调整后 figures go; the baseline stays.
      if (state.baseline) {
        state.result = state.baseline;
        state.fingerprint = null;
        renderTotals();
        renderTable();
        renderChanged();
      }
      return showOverlayErrors(e.errors);
    }
    $("status").textContent = both("计算失败：", "the calculation failed: ") + String(e.message || e);
    return;
  }
  if (mine !== generation || state.sheet !== sheet) return; // another file, mapping or load since: this result is stale
  if (!overlay) performance.mark("batch-computed"); // the engine's result is here: the page draws it next
  const fingerprint = result.totals.overlay.length ? await overlayFingerprint(state.policy, result.totals.overlay) : null;
  if (mine !== generation) return;
  state.result = result;
  state.report = report;
  if (!overlay) state.baseline = result;
  state.fingerprint = fingerprint;
  const t = result.totals;
  const c = report.counts;
  $("status").textContent = both("计算完成（" + sheet.encoding + "）", "done (" + sheet.encoding + ")");
  $("counts").textContent = both(
    "读取 " + t.rows_read + " 行，计算 " + t.rows_computed + " 行，拒绝 " + t.rows_refused + " 行；企业 " + t.enterprises + " 家" +
      "；另有未读 " + c.refused + " 行、未计入（合计行、方案年度外）" + c.left_out + " 行、名称为空未计 " + c.unfilled + " 行、空行 " + c.blank + " 行",
    t.rows_read + " rows read, " + t.rows_computed + " computed, " + t.rows_refused + " refused; " + t.enterprises + " enterprises" +
      "; besides, " + c.refused + " rows not read, " + c.left_out + " left out (totals, outside the plan's years), " + c.unfilled + " without a name not computed, " + c.blank + " blank rows skipped",
  );
  // The header's warnings first (row 1), then every row's notes and refusals, in row order.
  if (!overlay) state.problems = report.problems;
  showErrors(state.problems.slice(0, SHOWN_ERRORS).map((p) => both(p.zh, p.en)), state.problems.length);
  renderTotals();
  renderTable();
  renderChanged();
  $("results").hidden = false;
  $("whatif-box").hidden = false;
  $("table-box").hidden = false;
  renderConditions(state.policy, t.range.empty_conditions.map((e) => ({ category: e.category, rows: e.rows, extra: e.adds })), money);
  $("conditions-status").textContent = t.range.empty_conditions.length ? both("以下各行按条件未满足计，支持为零：", "these rows count as not meeting a condition, with no support:") : both("没有因条件为空而不计的行", "no rows left at zero by an empty condition");
  document.body.setAttribute("data-conditions", "done");
  performance.mark("batch-totals");
  document.body.setAttribute("data-batch", overlay ? "whatif" : "done");
}

function showErrors(lines, count) {
  $("errors-box").hidden = count === 0;
  $("problems-download").hidden = count === 0;
  $("errors-summary").textContent = both("问题和说明 " + count + " 处（按行排列）", count + " problems and notes (in row order)") +
    (count > lines.length ? both("，列出前 " + lines.length + " 处，完整清单请下载", ", first " + lines.length + " listed; download the full list") : "");
  replaceChildren($("errors"), lines.map((l) => h("li", { text: l })));
  if (count) $("errors-box").open = true;
}

// ------------------------------------------------------------------ results

function money(s) {
  return formatYuan(s);
}

/** The report's tables (tables.js) for the current result: the page, the printout and the files draw these. */
function tables(summary) {
  const groups = state.report ? state.report.groups : [];
  return reportTables(state.policy, state.result, { fingerprint: state.fingerprint, date: state.date, groups, summary });
}

function renderTotals() {
  const list = tables(true);
  renderTables(list, { totals: $("totals"), caps: $("caps"), more: $("report-tables") });
  renderHistogram();
  renderPrint(list, $("print"), $("histogram").firstChild);
}

function renderHistogram() {
  const totals = state.result.enterprises.map((e) => e.baseline.total);
  const hist = histogram(totals);
  const W = 600, H = 180;
  const NS = "http://www.w3.org/2000/svg";
  const el = (tag, attrs, text) => {
    const n = document.createElementNS(NS, tag);
    for (const k of Object.keys(attrs)) n.setAttribute(k, String(attrs[k]));
    if (text != null) n.textContent = text;
    return n;
  };
  const svg = el("svg", { class: "histogram", viewBox: "0 0 " + W + " " + (H + 40), role: "img", "aria-labelledby": "hist-title" });
  svg.appendChild(el("title", { id: "hist-title" }, both("每家企业支持金额分布（" + totals.length + " 家）", "support per enterprise (" + totals.length + ")")));
  for (const b of histogramBars(hist, W, H)) {
    if (!b.bin.count) continue;
    const g = el("g", {});
    g.appendChild(el("rect", { class: "bar", x: b.x, y: b.y, width: b.width, height: b.height }));
    g.appendChild(el("title", {}, binLabel(b.bin) + ": " + b.bin.count));
    if (b.bin.count) g.appendChild(el("text", { x: b.x + 2, y: b.y - 3 }, String(b.bin.count)));
    svg.appendChild(g);
  }
  svg.appendChild(el("line", { class: "axis", x1: 0, y1: H, x2: W, y2: H }));
  const bars = histogramBars(hist, W, H);
  bars.forEach((b, i) => {
    // the axis: ¥0, then each power of ten
    if (i === 0 || (i >= 2 && (i - 2) % 3 === 0)) svg.appendChild(el("text", { x: b.x, y: H + 16 }, "¥" + formatYuan(i === 0 ? "0" : b.bin.from).replace(/^¥|\.00$/g, "")));
  });
  replaceChildren($("histogram"), svg);
}

function binLabel(b) {
  if (b.to === "0") return "¥0";
  return "¥" + formatYuan(b.from).replace(/^¥|\.00$/g, "") + "–" + formatYuan(b.to).replace(/^¥|\.00$/g, "");
}

function renderTable() {
  const { policy, result } = state;
  const cats = policy.categories;
  const changed = !!result.totals.changed;
  const [key, dir] = state.sort;
  const sorted = sortEnterprises(result.enterprises, key, dir);
  const sortButton = (label, k) => h("button", {
    type: "button",
    "aria-label": label + both("（排序）", " (sort)"),
    onclick: () => { state.sort = [k, state.sort[0] === k ? -state.sort[1] : -1]; renderTable(); },
    text: label + (key === k ? (dir > 0 ? " ▲" : " ▼") : ""),
  });
  const th = (label, k, num) => h("th", { class: num ? "num" : null, "aria-sort": key === k ? (dir > 0 ? "ascending" : "descending") : null }, sortButton(label, k));
  const head = h("tr", null,
    th(both("企业", "Enterprise"), "enterprise", false),
    h("th", { text: both("年份", "Years") }),
    th(both("支持", "Support"), "total", true),
    th(both("奖励上限", "Awards"), "awards_up_to", true),
    changed ? th(both("调整后", "Changed"), "changed", true) : null,
    cats.map((c, i) => th(c.label.zh, i, true)));
  const body = sorted.slice(0, SHOWN_ROWS).map((e) => h("tr", null,
    h("td", { text: e.enterprise }),
    h("td", { text: e.rows.map((r) => r.year).join(" ") }),
    h("td", { class: "num", text: money(e.baseline.total) }),
    h("td", { class: "num", text: money(e.baseline.awards_up_to) }),
    changed ? h("td", { class: "num", text: money(e.changed.total) }) : null,
    cats.map((c, i) => h("td", { class: "num", text: money(e.baseline.support[i]) }))));
  replaceChildren($("table"), [h("thead", null, head), h("tbody", null, body)]);
  $("table-note").textContent = result.enterprises.length > SHOWN_ROWS
    ? both("显示前 " + SHOWN_ROWS + " 家（共 " + result.enterprises.length + " 家），完整结果请下载 CSV", "showing " + SHOWN_ROWS + " of " + result.enterprises.length + "; download the CSV for all")
    : both("共 " + result.enterprises.length + " 家", result.enterprises.length + " enterprises");
}

function differs(e) {
  return e.changed && (e.changed.total !== e.baseline.total || e.changed.awards_up_to !== e.baseline.awards_up_to);
}

function renderChanged() {
  const t = state.result.totals;
  if (!t.changed) {
    $("changed-count").textContent = both("尚未调整", "no changes yet");
    replaceChildren($("changed-list"), []);
    $("fingerprint").textContent = "";
    return;
  }
  const list = state.result.enterprises.filter(differs);
  $("changed-count").textContent = both("支持金额变化的企业 " + t.changed_enterprises + " 家", t.changed_enterprises + " enterprises whose support changes");
  const shown = list.slice(0, 100).map((e) => h("li", { text: e.enterprise + ": " + money(e.baseline.total) + " → " + money(e.changed.total) }));
  if (list.length > shown.length) shown.push(h("li", { class: "more", text: both("另有 " + (list.length - shown.length) + " 家，完整名单见下载的结果 CSV（“支持金额变化的企业”表）", (list.length - shown.length) + " more: the results CSV lists them all (table “Enterprises whose support changes”)") }));
  replaceChildren($("changed-list"), shown);
  $("fingerprint").textContent = both("调整：", "changes: ") + t.overlay.map((c) => c.parameter + " = " + c.value).join("; ") +
    " · " + both("调整指纹", "overlay fingerprint") + " SHA-256 " + (state.fingerprint || both("（此环境不可用）", "(unavailable here)"));
}

// ------------------------------------------------------------------ what-if

function buildWhatIf() {
  const { policy } = state;
  const rows = policy.categories.map((c) => h("tr", null,
    h("th", { scope: "row", text: c.label.zh }),
    h("td", null, c.kind === "award" ? "—" : h("input", { class: "short", name: c.id + ".rate", "aria-label": c.label.zh + " 比例 rate", placeholder: formatRate(c.rate) })),
    h("td", null, h("input", { class: "short", name: c.id + ".cap", "aria-label": c.label.zh + " 上限 cap", placeholder: c.cap })),
    h("td", null, h("select", { name: c.id + ".cap_period", "aria-label": c.label.zh + " 上限期间 cap period" },
      h("option", { value: "", text: c.cap_period_label.zh + "（不变 / unchanged）" }),
      policy.cap_periods.map((p) => h("option", { value: p.id, text: p.label.zh + " / " + p.label.en }))))));
  replaceChildren($("whatif-table"), [
    h("thead", null, h("tr", null, h("th", { text: both("类别", "Category") }), h("th", { text: both("比例", "Rate") }),
      h("th", { text: both("上限", "Cap") }), h("th", { text: both("上限期间", "Cap period") }))),
    h("tbody", null, rows)]);
}

function overlayFromForm() {
  const overlay = {};
  for (const el of $("whatif").querySelectorAll("input[name], select[name]")) {
    el.removeAttribute("aria-invalid");
    // Full-width forms as typed on a Chinese keyboard read as ASCII: a rate as a percentage or a fraction.
    const v = el.value.normalize("NFKC").trim();
    if (v !== "") overlay[el.name] = v;
  }
  return overlay;
}

function showOverlayErrors(errors) {
  const items = errors.map((p) => {
    const m = /^overlay\["(.+)"\]$|^overlay\.(.+)$/.exec(p.path);
    const name = m ? m[1] || m[2] : "";
    const input = name ? $("whatif").querySelector('[name="' + CSS.escape(name) + '"]') : null;
    if (input) input.setAttribute("aria-invalid", "true");
    return h("li", { text: (name || p.path) + ": " + both(p.zh, p.en) });
  });
  replaceChildren($("whatif-errors"), items);
  $("status").textContent = both("调整有误，未计算", "the changes have problems; nothing computed");
}

$("whatif").addEventListener("submit", (ev) => {
  ev.preventDefault();
  if (!state.baseline) return;
  replaceChildren($("whatif-errors"), []);
  const overlay = overlayFromForm();
  run(Object.keys(overlay).length ? overlay : null);
});
$("whatif-clear").addEventListener("click", () => {
  $("whatif").reset();
  replaceChildren($("whatif-errors"), []);
  if (state.baseline) run(null);
});

// ------------------------------------------------------------------ files in and out

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60 * 1000);
}

$("template").addEventListener("click", async () => {
  await ready;
  download("pinghu-batch-template.csv", templateCsv(state.policy));
});
$("download").addEventListener("click", () => {
  if (state.result) download("pinghu-batch-results.csv", tablesCsv(tables()));
});
$("print-button").addEventListener("click", () => window.print());
$("download-xlsx").addEventListener("click", async () => {
  if (!state.result) return;
  const problem = await downloadXlsx("pinghu-batch-results.xlsx", sheetTables(tables(), state.problems.length ? problemRows(state.problems) : null));
  if (problem) $("status").textContent = both(problem.zh, problem.en);
});
$("file").addEventListener("change", () => {
  const f = $("file").files && $("file").files[0];
  // Emptied so that picking the same file again reloads it.
  if (f) readFile(f).finally(() => { $("file").value = ""; });
});
$("compute").addEventListener("click", () => computeSheet());
$("problems-download").addEventListener("click", () => {
  if (state.problems.length) download("pinghu-batch-problems.csv", toCsv(problemRows(state.problems)));
});
$("encoding").addEventListener("change", () => {
  if (state.file) readFile(state.file);
});
const drop = $("drop");
drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (ev) => {
  ev.preventDefault();
  drop.classList.remove("over");
  const f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
  if (f) readFile(f);
});
ready.then(() => document.body.setAttribute("data-batch", "ready"), (e) => {
  $("status").textContent = both("计算引擎无法加载（需要 WebAssembly）", "the engine could not load (WebAssembly is needed)") + ": " + String(e && e.message);
});
