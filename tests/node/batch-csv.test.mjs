// The batch page's CSV module (www/batch/csv.js) and column mapping (www/batch/columns.js): parser
// tables (UTF-8, BOM, GBK, quoted fields with commas and newlines, blank lines, a 20 MB file),
// Chinese headers, and refused cells located by row and column.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPackage } from "./packages.mjs";
import { decode, parseCsv, toCsv, csvField } from "../../www/batch/csv.js";
import { mapHeader, toEnterprises, locate, rowMessage, templateHeader, columnsOf } from "../../www/batch/columns.js";

const { policy } = await loadPackage("pkg-office");
const P = policy();

const hex = (s) => Uint8Array.from(s.match(/../g).map((b) => parseInt(b, 16)));
const utf8 = (s) => new TextEncoder().encode(s);
const fields = (text) => parseCsv(text).map((r) => r.fields);

test("decoding: each encoding read as itself, detected or chosen", () => {
  const cases = [
    ["UTF-8 without a BOM is detected as UTF-8", utf8("企业,年份\n"), "auto", "企业,年份\n", "utf-8"],
    ["UTF-8 with a BOM loses the BOM", Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("企业,1\n")]), "auto", "企业,1\n", "utf-8"],
    // 平湖公司,30万 in GBK, as Excel in China saves it
    ["GBK bytes are not UTF-8, so they are read as GB18030", hex("c6bdbafeb9abcbbe2c3330cdf2"), "auto", "平湖公司,30万", "gb18030"],
    ["GBK chosen by the user is read as GB18030", hex("c6f3d2b5"), "gb18030", "企业", "gb18030"],
    ["ASCII is valid UTF-8", utf8("a,b"), "auto", "a,b", "utf-8"],
    ["a BOM is dropped when UTF-8 is chosen too", Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]), "utf-8", "a", "utf-8"],
  ];
  for (const [name, bytes, enc, text, encoding] of cases) {
    assert.deepEqual(decode(bytes, enc), { text, encoding }, name);
  }
});

test("tokenizing: RFC 4180 fields, line ends and blank lines", () => {
  const cases = [
    ["plain fields split at commas", "a,b,c", [["a", "b", "c"]]],
    ["LF, CRLF and CR all end a record", "a\nb\r\nc\rd", [["a"], ["b"], ["c"], ["d"]]],
    ["a quoted field keeps its commas", '"1,000",x', [["1,000", "x"]]],
    ["a quoted field keeps its line breaks", '"line 1\nline 2",x\ny', [["line 1\nline 2", "x"], ["y"]]],
    ["a doubled quote is a quote", '"say ""hi""",x', [['say "hi"', "x"]]],
    ["empty fields are kept", "a,,c,", [["a", "", "c", ""]]],
    ["blank lines are skipped", "a\n\n\r\n  \nb\n", [["a"], ["b"]]],
    ["a final line end adds no record", "a,b\n", [["a", "b"]]],
    ["a quote left open runs to the end", '"abc\ndef', [["abc\ndef"]]],
    ["an empty text has no records", "", []],
  ];
  for (const [name, text, want] of cases) assert.deepEqual(fields(text), want, name);
});

test("each record knows the line it starts on, across quoted line breaks and blank lines", () => {
  const lines = parseCsv('h\n"a\nb"\n\nc\r\nd').map((r) => r.line);
  assert.deepEqual(lines, [1, 2, 5, 6]);
});

test("writing CSV: a BOM, CRLF, and fields quoted only when needed; it reads back the same", () => {
  const rows = [["a", "1,000", 'q"uote', "line\nbreak", "平湖"]];
  const text = toCsv(rows);
  assert.ok(text.startsWith("\uFEFF"));
  assert.ok(text.endsWith("\r\n"));
  assert.equal(csvField("plain"), "plain");
  assert.deepEqual(fields(decode(utf8(text), "auto").text), rows);
});

test("a 20 MB file is read whole and every record counted", () => {
  const line = "平湖跨境电商有限公司第00000号,2025,\"300,000.00\",120000,,14,是,5000\n";
  const count = Math.ceil((20 * 1024 * 1024) / utf8(line).length);
  const text = "enterprise,year,brand_promotion,livestream_service,certification,overseas_showroom.showroom_months,training.accredited,x\n" + line.repeat(count);
  const bytes = utf8(text);
  assert.ok(bytes.length >= 20 * 1024 * 1024);
  const records = parseCsv(decode(bytes, "auto").text);
  assert.equal(records.length, count + 1);
  assert.deepEqual(records[count].fields.slice(0, 3), ["平湖跨境电商有限公司第00000号", "2025", "300,000.00"]);
  assert.equal(records[count].line, count + 1);
});

test("headers: ids, Chinese labels from policy(), and the template's \"label (id)\" all map", () => {
  const brand = P.categories.find((c) => c.id === "brand_promotion");
  const show = P.categories.find((c) => c.id === "overseas_showroom");
  const months = show.conditions.find((c) => c.id === "showroom_months");
  const cases = [
    ["ids", ["enterprise", "year", "brand_promotion"], ["enterprise", "year", "brand_promotion"]],
    ["Chinese headers", ["企业", "年份", brand.label.zh], ["enterprise", "year", "brand_promotion"]],
    ["the template's headers", templateHeader(P).slice(0, 3), columnsOf(P).slice(0, 3).map((c) => c.key)],
    ["a condition by id", ["enterprise", "year", "overseas_showroom.showroom_months"], ["enterprise", "year", "overseas_showroom.showroom_months"]],
    ["a condition by its Chinese labels", ["企业", "年份", show.label.zh + "." + months.label.zh], ["enterprise", "year", "overseas_showroom.showroom_months"]],
    ["other support by id", ["enterprise", "year", "brand_promotion.other_policy_support"], ["enterprise", "year", "brand_promotion.other_policy_support"]],
    ["spaces and full-width brackets are forgiven", [" enterprise ", "year", brand.label.zh + "（brand_promotion）"], ["enterprise", "year", "brand_promotion"]],
  ];
  for (const [name, header, want] of cases) {
    const { columns, problems } = mapHeader(P, header);
    assert.deepEqual(columns.map((c) => c && c.key), want, name);
    assert.deepEqual(problems, [], name);
  }
});

test("headers: an unknown or repeated column is ignored and said; a missing enterprise or year is fatal", () => {
  const a = mapHeader(P, ["enterprise", "year", "nonsense", "brand_promotion", "brand_promotion"]);
  assert.deepEqual(a.columns.map((c) => c && c.key), ["enterprise", "year", null, "brand_promotion", null]);
  assert.deepEqual(a.problems.map((p) => p.column), [3, 5]);
  assert.ok(a.problems.every((p) => !p.fatal && p.zh && p.en));
  const b = mapHeader(P, ["brand_promotion"]);
  assert.equal(b.problems.filter((p) => p.fatal).length, 2);
});

test("rows become enterprises: rows of one enterprise together, cells as the engine takes them", () => {
  const text = "enterprise,year,brand_promotion,overseas_showroom,overseas_showroom.showroom_months,training,training.accredited,one_stop_park,brand_promotion.other_policy_support\n" +
    "A,2025,30万,,,,,,\n" +
    "B,2025,,150000,14,5000,是,是,\n" +
    "A,2026,\"100,000\",,,,,否,2000\n";
  const recs = parseCsv(text);
  const { columns } = mapHeader(P, recs[0].fields);
  const { enterprises, places } = toEnterprises(columns, recs.slice(1));
  assert.deepEqual(enterprises, [
    { enterprise: "A", rows: [
      { year: 2025, expenses: [{ category: "brand_promotion", amount: "30万" }] },
      { year: 2026, expenses: [{ category: "brand_promotion", amount: "100,000", other_policy_support: "2000" }] },
    ] },
    { enterprise: "B", rows: [{ year: 2025, expenses: [
      { category: "overseas_showroom", amount: "150000", conditions: { showroom_months: 14 } },
      { category: "training", amount: "5000", conditions: { accredited: true } },
      { category: "one_stop_park" },
    ] }] },
  ]);
  assert.deepEqual(places[0].map((p) => p.line), [2, 4]);
});

test("a refused cell is located by row and column and said in both languages", () => {
  const text = "enterprise,year,brand_promotion,overseas_showroom,overseas_showroom.showroom_months\n" +
    "A,2025,1,1,12\n".repeat(10) + "Z,2025,100.123,1,x\n";
  const recs = parseCsv(text);
  const { columns } = mapHeader(P, recs[0].fields);
  const { places } = toEnterprises(columns, recs.slice(1));
  const brand = P.categories.find((c) => c.id === "brand_promotion");
  const amount = locate(places, columns, { enterprise: 1, row: 0, path: "expenses[0].amount", zh: "金额最多保留两位小数", en: "at most two decimals" });
  assert.equal(amount.line, 12);
  assert.equal(columns[amount.column].key, "brand_promotion");
  const m = rowMessage(amount.line, columns[amount.column], { zh: "金额最多保留两位小数", en: "at most two decimals" });
  assert.equal(m.zh, "第12行 " + brand.label.zh + ": 金额最多保留两位小数");
  assert.equal(m.en, "row 12 " + brand.label.en + ": at most two decimals");
  const cond = locate(places, columns, { enterprise: 1, row: 0, path: "expenses[1].conditions.showroom_months" });
  assert.equal(columns[cond.column].key, "overseas_showroom.showroom_months");
  const year = locate(places, columns, { enterprise: 0, row: 3, path: "year" });
  assert.equal(columns[year.column].key, "year");
  assert.equal(year.line, 5);
});

test("support already received: a column per expense category, given on any row of an enterprise, located where it was given", () => {
  const expense = P.categories.filter((c) => c.kind === "expense");
  const award = P.categories.find((c) => c.kind === "award");
  const keys = columnsOf(P).filter((c) => c.kind === "received").map((c) => c.key);
  assert.deepEqual(keys, expense.map((c) => c.id + ".already_received"));
  if (award) assert.ok(!keys.includes(award.id + ".already_received"), "awards have no cap to use up");
  const text = "enterprise,year,brand_promotion,brand_promotion.already_received,certification.already_received\n" +
    "A,2025,100000,,\n" +
    "A,2026,,5万,1000\n" +
    "B,2025,1000,,\n" +
    "A,2027,,abc,\n";
  const recs = parseCsv(text);
  const { columns, problems } = mapHeader(P, recs[0].fields);
  assert.deepEqual(problems, []);
  const { enterprises, places } = toEnterprises(columns, recs.slice(1));
  assert.deepEqual(enterprises[0].already_received, [
    { category: "brand_promotion", amount: "5万" },
    { category: "certification", amount: "1000" },
    { category: "brand_promotion", amount: "abc" },
  ]);
  assert.equal(enterprises[1].already_received, undefined, "none given: none sent");
  // The engine's problem at already_received[2].amount points to the cell it came from.
  const at = locate(places, columns, { enterprise: 0, row: null, path: "already_received[2].amount" });
  assert.equal(at.line, 5);
  assert.equal(columns[at.column].key, "brand_promotion.already_received");
});
