// Real-habit sheets for the batch page (issue 18): the CSV files a clerk of the commerce bureau
// really makes (units in headers, words in award cells, empty conditions, subtotal rows, bracket
// variants, a 万元 column, Excel's " - " zeros, merged-name gaps, a stray quote, a row with extra
// fields, GBK bytes, mixed encodings, rows outside the plan's years, a credit-code column, blank
// rows), each with what it should give:
//   - `clean`: the same enterprises as the engine should see them (`calculateBatch` rows); the
//     expected totals are the engine's figures for these rows, computed by the tests: no policy
//     amount is written here;
//   - `status`: "done" (computed at once), "review" (the mapping step asks first) or "refused"
//     (the file is not computed);
//   - `actions`: what the officer does in the mapping step before computing;
//   - `messages`: `{ line, column, code }` the page must say (column 1-based, 0: the row);
//   - `engine`: refusals of the engine, `{ line, column, code, says }` (says: words the line holds);
//   - `mapping`: columns whose reading is checked, `{ column, key, unit }`.
// Headers are the policy's labels (from policy(), at generation time).
//
//   node tests/sheets/make.mjs     writes tests/sheets/*.csv, expected.json and workbooks.json
//   make sheet-fixtures            then habits.xlsx and habits.xls from workbooks.json
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The second package (the batch engine) in Node: the one place these tests name its folder. */
export async function loadEngine() {
  const { loadPackage } = await import("../node/packages.mjs");
  return loadPackage("pkg-office");
}

/** GBK/GB18030 bytes of a text (Node has no encoder: the decoder's table turned round, once). */
let table = null;
export function gbk(text) {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder("gb18030");
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== "\uFFFD" && !table.has(ch)) table.set(ch, [a, b]);
      }
    }
  }
  const out = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error("not in GBK: " + ch);
      out.push(pair[0], pair[1]);
    }
  }
  return Uint8Array.from(out);
}

const utf8 = (s) => new TextEncoder().encode(s);
const lines = (rows) => rows.map((r) => r.join(",")).join("\r\n") + "\r\n";

/** The sheets, with their headers from `policy`. */
export function sheets(policy) {
  const cat = (id) => policy.categories.find((c) => c.id === id);
  const L = (id) => cat(id).label.zh;
  const C = (id, cond) => L(id) + "." + cat(id).conditions.find((c) => c.id === cond).label.zh;
  const x = (category, amount, conditions) => (conditions ? { category, amount, conditions } : amount == null ? { category } : { category, amount });
  const row = (enterprise, year, ...expenses) => ({ enterprise, year, expenses });
  // An expense category whose one cap runs over the plan, asked no condition after the plan's
  // first year (found by property: the plan's promotion), and an amount twice what reaches that
  // cap at its rate, in whole 万, so each year alone exceeds the one cap.
  const scope = (c) => policy.cap_periods.find((p) => p.id === c.cap_period).scope;
  const over = policy.categories.find((c) => c.kind === "expense" && scope(c) === "plan" && !c.exclusive_group && c.conditions.every((k) => k.only_year != null));
  if (!over) throw new Error("the sheets need an expense category whose cap runs over the plan, without conditions");
  const [int, frac = ""] = over.rate.split(".");
  const capFen = BigInt(over.cap.replace(".", ""));
  const twice = (2n * capFen * 10n ** BigInt(frac.length)) / BigInt(int + frac) / 100n; // yuan
  const far = String(((twice + 9999n) / 10000n) * 10000n);
  const out = [];

  out.push({
    name: "units", about: "units in headers: （元）, （万元）, …万元, (元); a 万元 cell without a unit read as 万; full-width digits; \" - \"",
    text: lines([
      ["企业名称", "年度", L("brand_promotion") + "（元）", L("certification") + "（万元）", L("overseas_legal") + "万元", L("platform_onboarding") + "(元)"],
      ["平湖甲", "2025", '"120,000"', "3.5", "12", "８，０００"],
      ["平湖乙", "2026", "50000元", "0.8", " - ", ""],
      ["平湖丙", "2026", "", "1.2345678", "", ""],
    ]),
    status: "done",
    clean: [
      row("平湖甲", 2025, x("brand_promotion", "120000"), x("certification", "35000"), x("overseas_legal", "120000"), x("platform_onboarding", "8000")),
      row("平湖乙", 2026, x("brand_promotion", "50000"), x("certification", "8000")),
    ],
    mapping: [{ column: 1, key: "enterprise" }, { column: 3, key: "brand_promotion", unit: "元" }, { column: 4, key: "certification", unit: "万元" }, { column: 5, key: "overseas_legal", unit: "万元" }],
    // 1.2345678万 is 12,345.678 yuan, below the fen: refused, the message names 万元
    engine: [{ line: 4, column: 4, code: "amount_precision", says: "万元" }],
    messages: [],
  });

  out.push({
    name: "award-words", about: "award cells as clerks write them; one neither yes nor no refused at its cell",
    text: lines([
      ["企业", "年份", L("one_stop_park"), L("provincial_demo_park")],
      ["园区A", "2025", "是", "否"], ["园区B", "2025", "√", "未申报"], ["园区C", "2025", "不适用", "有"],
      ["园区D", "2025", "—", "Y"], ["园区E", "2025", "/", "×"], ["园区F", "2025", "N/A", "0"],
      ["园区G", "2025", "", "1"], ["园区H", "2025", "待定", ""],
    ]),
    status: "done",
    clean: [
      row("园区A", 2025, x("one_stop_park")), row("园区B", 2025, x("one_stop_park")), row("园区C", 2025, x("provincial_demo_park")),
      row("园区D", 2025, x("provincial_demo_park")), row("园区E", 2025), row("园区F", 2025), row("园区G", 2025, x("provincial_demo_park")),
    ],
    messages: [{ line: 9, column: 3, code: "yes_no" }],
  });

  out.push({
    name: "empty-conditions", about: "empty condition cells: counted per category, with what they would add if met (the engine's if_eligible)",
    text: lines([
      ["企业", "年份", L("overseas_showroom"), C("overseas_showroom", "showroom_months"), L("training"), C("training", "accredited")],
      ["展厅甲", "2025", "150000", "12", "20000", "是"],
      ["展厅乙", "2025", "80000", "", "10000", ""],
      ["展厅丙", "2026", "60000", "", "", ""],
    ]),
    status: "done",
    clean: [
      row("展厅甲", 2025, x("overseas_showroom", "150000", { showroom_months: 12 }), x("training", "20000", { accredited: true })),
      row("展厅乙", 2025, x("overseas_showroom", "80000"), x("training", "10000")),
      row("展厅丙", 2026, x("overseas_showroom", "60000")),
    ],
    // rows (line) whose conditions are empty, per category: the extra is the engine's if_eligible
    empty: { overseas_showroom: [3, 4], training: [3] },
    messages: [],
  });

  out.push({
    name: "subtotal", about: "a 2025年小计 row, an unnamed row equal to the sum of the rows above it, a 总计 row: left out, each named",
    text: lines([
      ["企业", "年份", L("brand_promotion"), L("certification")],
      ["联合计算机公司", "2025", "100000", "20000"], ["乙公司", "2025", "60000", ""], ["2025年小计", "", "160000", "20000"],
      ["丙公司", "2026", "30000", "5000"], ["丁公司", "2026", "10000", "5000"], ["", "", "40000", "10000"],
      ["总计", "", "200000", "30000"],
    ]),
    status: "done",
    // 联合计算机公司 holds 合计 inside its name: an enterprise, kept
    clean: [row("联合计算机公司", 2025, x("brand_promotion", "100000"), x("certification", "20000")), row("乙公司", 2025, x("brand_promotion", "60000")), row("丙公司", 2026, x("brand_promotion", "30000"), x("certification", "5000")), row("丁公司", 2026, x("brand_promotion", "10000"), x("certification", "5000"))],
    messages: [{ line: 4, column: 0, code: "total_row" }, { line: 7, column: 0, code: "total_row" }, { line: 8, column: 0, code: "total_row" }],
  });

  out.push({
    name: "brackets", about: "嘉兴（平湖）甲 and 嘉兴(平湖)甲 are one enterprise (one cap over the plan), the merge listed to confirm; 嘉兴(平湖)乙有限公司 perhaps the same as 嘉兴 ( 平湖 ) 乙: listed, not merged",
    text: lines([
      ["企业", "年份", L(over.id)],
      ["嘉兴（平湖）甲", "2025", far], ["嘉兴(平湖)甲", "2026", far], ["嘉兴 ( 平湖 ) 乙", "2025", "10000"], ["嘉兴(平湖)乙有限公司", "2026", "10000"],
    ]),
    status: "done",
    enterprises: 3,
    clean: [row("嘉兴（平湖）甲", 2025, x(over.id, far)), row("嘉兴（平湖）甲", 2026, x(over.id, far)), row("嘉兴 ( 平湖 ) 乙", 2025, x(over.id, "10000")), row("嘉兴(平湖)乙有限公司", 2026, x(over.id, "10000"))],
    messages: [{ line: 3, column: 1, code: "name_variant" }, { line: 5, column: 1, code: "near_duplicate" }],
  });

  out.push({
    name: "wan-column", about: "a money column in 万元 under a header without unit: a warning naming it; an unused column of numbers: a warning; 镇街道 passes through (subtotals); the officer sets 万元",
    text: lines([
      ["企业", "年份", L("brand_promotion"), "镇街道", "其他费用"],
      ["万甲", "2025", "12.5", "当湖街道", "300"], ["万乙", "2025", "8.75", "钟埭街道", "450.5"], ["万丙", "2026", "3", "新埭镇", ""],
    ]),
    status: "review",
    actions: [{ unit: 3, value: "万元" }],
    clean: [row("万甲", 2025, x("brand_promotion", "125000")), row("万乙", 2025, x("brand_promotion", "87500")), row("万丙", 2026, x("brand_promotion", "30000"))],
    mapping: [{ column: 3, key: "brand_promotion", unit: "元" }, { column: 4, key: "town" }, { column: 5, key: "" }],
    messages: [{ line: 0, column: 3, code: "looks_wan" }, { line: 0, column: 5, code: "unused_numbers" }],
  });

  out.push({
    name: "accounting-zero", about: "Excel's accounting zero \" - \" is nothing, not a negative amount",
    text: lines([["企业", "年份", L("brand_promotion"), L("certification")], ["零甲", "2025", '" - "', "50000"], ["零乙", "2025", "80000", " - "]]),
    status: "done",
    clean: [row("零甲", 2025, x("certification", "50000")), row("零乙", 2025, x("brand_promotion", "80000"))],
    messages: [],
  });

  out.push({
    name: "merged-names", about: "merged name cells as Excel saves them: one fill-down offer with a count, not rows refused one by one",
    text: lines([
      ["企业", "年份", L("brand_promotion")],
      ["合并甲", "2024", "10000"], ["", "2025", "20000"], ["", "2026", "30000"], ["", "2027", "40000"], ["合并乙", "2025", "5000"],
    ]),
    status: "review",
    actions: ["fill-down"],
    clean: [row("合并甲", 2024, x("brand_promotion", "10000")), row("合并甲", 2025, x("brand_promotion", "20000")), row("合并甲", 2026, x("brand_promotion", "30000")), row("合并甲", 2027, x("brand_promotion", "40000")), row("合并乙", 2025, x("brand_promotion", "5000"))],
    messages: [{ line: 3, column: 1, code: "empty_names", from: 3, to: 5, count: 3 }],
  });

  const many = [["企业", "年份", L("brand_promotion")]];
  for (let i = 1; i <= 1000; i++) many.push([(i === 5 ? '"' : "") + "批量" + i, "2025", "85000"]);
  out.push({
    name: "stray-quote", about: "one stray quote on line 6 of 1,000 rows: an error at its line, nothing computed (not 995 rows swallowed)",
    text: lines(many), status: "refused", clean: null, messages: [{ line: 6, column: 0, code: "open_quote" }],
  });

  out.push({
    name: "extra-fields", about: "a row with more fields than the header (an unquoted 1,000) is refused at its row, never shifted",
    text: lines([["企业", "年份", L("brand_promotion"), L("certification")], ["多甲", "2025", "50000", "10000"], ["多乙", "2025", "1", "000", "20000"], ["多丙", "2025", "30000", ""]]),
    status: "done",
    clean: [row("多甲", 2025, x("brand_promotion", "50000"), x("certification", "10000")), row("多丙", 2025, x("brand_promotion", "30000"))],
    messages: [{ line: 3, column: 0, code: "extra_fields" }],
  });

  out.push({
    name: "gbk", about: "GBK bytes as Chinese Excel saves them, a 万元 header", encoding: "gb18030",
    bytes: gbk(lines([["企业名称", "年度", L("brand_promotion") + "（万元）"], ["平湖公司", "2025", "12.5"]])),
    status: "done", clean: [row("平湖公司", 2025, x("brand_promotion", "125000"))], messages: [],
  });

  out.push({
    name: "mixed-encoding", about: "GBK bytes with one line pasted in UTF-8: the garbling is said and the other encoding offered",
    bytes: Uint8Array.from([...gbk(lines([["企业", "年份", L("brand_promotion")], ["混合甲", "2025", "10000"]])), ...utf8("混合乙,2025,20000\r\n")]),
    status: "review", clean: null, messages: [{ line: 0, column: 0, code: "mixed_encoding" }],
  });

  out.push({
    name: "plan-years", about: "rows outside the plan's years (policy().document first_year/last_year) listed, their money not counted; a year written ２０２５年 read as the year",
    text: lines([["企业", "年份", L("brand_promotion")], ["年甲", String(policy.document.first_year - 1), "50000"], ["年乙", String(policy.document.first_year + 1).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + parseInt(d, 10))) + "年", "40000"], ["年丙", String(policy.document.last_year + 1), "60000"]]),
    status: "done", clean: [row("年乙", policy.document.first_year + 1, x("brand_promotion", "40000"))],
    messages: [{ line: 2, column: 2, code: "outside_years" }, { line: 4, column: 2, code: "outside_years" }],
  });

  out.push({
    name: "credit-code", about: "a 统一社会信用代码 column is the key: one code under two names is one enterprise; one name under two codes is two",
    text: lines([
      ["统一社会信用代码", "企业名称", "年度", L("brand_promotion")],
      ["91330482MA2B000001", "平湖丙", "2025", "300000"], ["91330482MA2B000001", "平湖丙有限公司", "2026", "300000"],
      ["91330482MA2B000002", "平湖丁", "2025", "10000"], ["91330482MA2B000003", "平湖丁", "2025", "20000"],
    ]),
    status: "done", enterprises: 3,
    clean: [row("平湖丙", 2025, x("brand_promotion", "300000")), row("平湖丙", 2026, x("brand_promotion", "300000")), row("平湖丁", 2025, x("brand_promotion", "10000")), row("平湖丁（91330482MA2B000003）", 2025, x("brand_promotion", "20000"))],
    mapping: [{ column: 1, key: "credit_code" }],
    messages: [{ line: 3, column: 2, code: "name_variant" }],
  });

  out.push({
    name: "blank-rows", about: "blank lines and rows of empty fields are skipped and counted",
    text: "企业,年份," + L("brand_promotion") + "\r\n空甲,2025,10000\r\n\r\n,,\r\n空乙,2025,20000\r\n , , \r\n",
    status: "done", blank: 3, clean: [row("空甲", 2025, x("brand_promotion", "10000")), row("空乙", 2025, x("brand_promotion", "20000"))], messages: [],
  });

  for (const s of out) if (!s.bytes) s.bytes = utf8(s.text);
  return out;
}

/**
 * The workbooks (issue 18, Excel): what a clerk's .xlsx/.xls really holds, cell by cell with its
 * type, as both writers take it (`tests/sheets/workbooks.json`: crates/sheet/examples/fixtures.rs
 * writes habits.xlsx with rust_xlsxwriter, tests/sheets/make_xls.py habits.xls with xlwt), and
 * what each sheet should give, as for the CSVs (`clean`, `status`, `actions`, `messages`,
 * `engine`). A cell: `{ r, c, t, v, fmt?, shown }` (1-based; t: "s" text, "n" number, "d" a date
 * (v: "YYYY-MM-DD"), "e" an Excel error; `shown`: the text the read part must give for it).
 * Merges: `[firstRow, firstCol, lastRow, lastCol]`, 1-based. Headers from `policy`. Written as
 * two files: the cells to workbooks.json, what each sheet gives to expected.json (`excelExpected`).
 */
export function workbooks(policy) {
  const cat = (id) => policy.categories.find((c) => c.id === id);
  const L = (id) => cat(id).label.zh;
  const x = (category, amount) => (amount == null ? { category } : { category, amount });
  const row = (enterprise, year, ...expenses) => ({ enterprise, year, expenses });
  const S = (v) => ({ t: "s", v, shown: v });
  const N = (v, fmt, shown) => ({ t: "n", v, fmt, shown: shown || String(v) });
  const accounting = '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ';
  const grid = (rows) => {
    const cells = [];
    rows.forEach((cols, i) => cols.forEach((cell, j) => {
      if (cell === "" || cell == null) return;
      cells.push(Object.assign({ r: i + 1, c: j + 1 }, typeof cell === "string" ? S(cell) : typeof cell === "number" ? N(cell) : cell));
    }));
    return cells;
  };
  const award = policy.categories.find((c) => c.kind === "award").id;
  const first = {
    name: policy.document.first_year + 1 + "年测算",
    about: "a title row merged across; units in headers; names merged down three rows (the fill-down offer); numbers stored as text; an accounting-format zero and a typed \" - \"; a money cell 12345.6; a date in the year column (refused at its cell); an #N/A award (refused at its cell); a 合计 row (left out); an unused 备注 column",
    cells: grid([
      ["平湖市跨境电商扶持资金测算表"],
      ["企业名称", "年度", L("brand_promotion") + "（元）", L("certification") + "（万元）", L(award), L("platform_onboarding") + "(元)", "备注"],
      ["合并甲", N(2024), N(120000, "#,##0.00"), N(3.5), "", N(8000), "首次申报"],
      ["", N(2025), "50000", N(0, accounting, "0"), "", "", ""],
      ["", N(2026), N(12345.6, "#,##0.00"), "", "", " - ", ""],
      ["平湖乙", N(2025), N(30000), "", "是", "", ""],
      ["平湖丙", { t: "d", v: "2025-06-30", fmt: "yyyy-mm-dd", shown: "2025-06-30" }, N(10000), "", "", "", ""],
      ["平湖丁", N(2025), N(20000), "", { t: "e", v: "#N/A", shown: "#N/A" }, "", ""],
      ["合计", "", N(242345.6), N(3.5), "", N(8000), ""],
    ]),
    merges: [[1, 1, 1, 7], [3, 1, 5, 1]],
    status: "review",
    actions: ["fill-down"],
    clean: [
      row("合并甲", 2024, x("brand_promotion", "120000"), x("certification", "35000"), x("platform_onboarding", "8000")),
      row("合并甲", 2025, x("brand_promotion", "50000"), x("certification", "0")),
      row("合并甲", 2026, x("brand_promotion", "12345.6")),
      row("平湖乙", 2025, x("brand_promotion", "30000"), x(award)),
    ],
    messages: [
      { line: 0, column: 0, code: "title_row" },
      { line: 4, column: 1, code: "empty_names", from: 4, to: 5, count: 2 },
      { line: 7, column: 2, code: "year_date" },
      { line: 8, column: 5, code: "cell_error" },
      { line: 9, column: 0, code: "total_row" },
    ],
  };
  const second = {
    name: "二表",
    about: "the second sheet, chosen: no title, a blank row skipped and counted",
    cells: grid([
      ["企业", "年份", L("brand_promotion")],
      ["二表甲", N(policy.document.first_year + 2), N(40000)],
      [],
      ["二表乙", N(policy.document.first_year + 3), "15,000"],
    ]),
    merges: [],
    status: "done",
    blank: 1,
    clean: [row("二表甲", policy.document.first_year + 2, x("brand_promotion", "40000")), row("二表乙", policy.document.first_year + 3, x("brand_promotion", "15,000"))],
    messages: [],
  };
  return [{ name: "habits", sheets: [first, second] }];
}

/**
 * The workbooks' sheets as entries of expected.json, beside the CSVs': one per file (.xlsx, .xls)
 * and sheet, `file` and `sheet` naming it, what it should give as the CSVs' entries say it (the
 * cells themselves are in workbooks.json).
 */
export function excelExpected(books) {
  const out = [];
  for (const book of books) {
    for (const ext of ["xlsx", "xls"]) {
      for (const { cells, merges, name, ...rest } of book.sheets) out.push(Object.assign({ name: book.name + "." + ext + ": " + name, file: book.name + "." + ext, sheet: name }, rest));
    }
  }
  return out;
}

/** The CSV a clerk would have saved from a sheet of `workbooks`: the texts shown, line for row. */
export function sheetCsv(sheet) {
  const rows = [];
  for (const cell of sheet.cells) {
    while (rows.length < cell.r) rows.push([]);
    const r = rows[cell.r - 1];
    while (r.length < cell.c) r.push("");
    r[cell.c - 1] = cell.shown;
  }
  const q = (f) => (/[",\r\n]/.test(f) ? '"' + f.replace(/"/g, '""') + '"' : f);
  return rows.map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { policy } = await loadEngine();
  const list = sheets(policy());
  const dir = new URL("./", import.meta.url);
  for (const s of list) writeFileSync(new URL(s.name + ".csv", dir), s.bytes);
  const books = workbooks(policy());
  const expected = list.map(({ bytes, text, ...rest }) => rest).concat(excelExpected(books));
  writeFileSync(new URL("expected.json", dir), JSON.stringify(expected, null, 1) + "\n");
  // the cells only (what the writers take); what each sheet should give is in expected.json
  const cellsOnly = books.map((b) => ({ name: b.name, sheets: b.sheets.map(({ name, about, cells, merges }) => ({ name, about, cells, merges })) }));
  writeFileSync(new URL("workbooks.json", dir), JSON.stringify(cellsOnly, null, 1) + "\n");
  console.log("wrote " + list.length + " sheets to tests/sheets/");
}
