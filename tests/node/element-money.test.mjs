// Unit tests of the element's pure modules money.js and strings.js (no browser, no DOM).
//
//   node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatYuan, formatWan, formatRate, isZero, groupThousands } from "../../www/element/money.js";
import { UI, LOAD_FAILED, langKey, langTag, paren, addStrings } from "../../www/element/strings.js";
import { PART_UI } from "../../www/element/strings-parts.js";

/** Runs fn on each [input, expected] row; a failure names the row. */
function table(fn, rows) {
  for (const [input, expected] of rows) {
    assert.deepEqual(fn(input), expected, `${fn.name}(${JSON.stringify(input)})`);
  }
}

test("formatYuan: thousands separators and two decimals, by string manipulation", () => {
  table(formatYuan, [
    ["0", "¥0.00"],
    ["0.00", "¥0.00"],
    ["1", "¥1.00"],
    ["1234.5", "¥1,234.50"],
    ["1234.50", "¥1,234.50"],
    ["300000.00", "¥300,000.00"],
    ["1000000000000.00", "¥1,000,000,000,000.00"],
    ["000123.40", "¥123.40"],
    ["-2500.00", "-¥2,500.00"],
    ["0.125", "¥0.125"], // more decimals than fen are kept, never rounded here
    [" 12.3 ", "¥12.30"],
    ["9007199254740993.01", "¥9,007,199,254,740,993.01"], // beyond a float's precision: exact
    // Not a plain decimal: shown as it is.
    ["abc", "abc"],
    ["1e5", "1e5"],
    ["", ""],
  ]);
});

test("formatWan: yuan to 万元 by moving the decimal point four places", () => {
  table(formatWan, [
    ["0", "0"],
    ["0.00", "0"],
    ["1234.50", "0.12345"],
    ["10000.00", "1"],
    ["300000.00", "30"],
    ["310000.00", "31"],
    ["123456789.00", "12,345.6789"],
    ["0.01", "0.000001"],
    ["-60000.00", "-6"],
    ["x", "x"],
  ]);
});

test("formatRate: a rate as a percentage by moving the decimal point two places", () => {
  table(formatRate, [
    ["0.5", "50%"],
    ["0.50", "50%"],
    ["1", "100%"],
    ["1.00", "100%"],
    ["0.125", "12.5%"],
    ["0.05", "5%"],
    ["0", "0%"],
    ["0.001", "0.1%"],
    ["rate", "rate"],
  ]);
});

test("isZero and groupThousands", () => {
  table(isZero, [["0", true], ["0.00", true], ["-0", true], ["000.000", true], ["0.01", false], ["10", false], ["abc", true]]);
  table(groupThousands, [["", ""], ["1", "1"], ["123", "123"], ["1234", "1,234"], ["123456", "123,456"], ["1234567", "1,234,567"]]);
});

test("UI strings: both languages have the same entries, of the same kind, none empty but by design", () => {
  assert.deepEqual(Object.keys(UI.en).sort(), Object.keys(UI.zh).sort());
  // The parts' texts are their own entries: none shadows the element's, both languages alike.
  assert.deepEqual(Object.keys(PART_UI.en).sort(), Object.keys(PART_UI.zh).sort());
  assert.deepEqual(Object.keys(PART_UI.zh).filter((k) => k in UI.zh), []);
  const before = Object.keys(UI.zh).length;
  addStrings(PART_UI);
  assert.equal(Object.keys(UI.zh).length, before + Object.keys(PART_UI.zh).length);
  for (const L of ["zh", "en"]) for (const key of Object.keys(PART_UI[L])) assert.equal(UI[L][key], PART_UI[L][key], L + " " + key);
  for (const key of Object.keys(UI.zh)) {
    assert.equal(typeof UI.en[key], typeof UI.zh[key], key);
    const sample = (v) => (typeof v === "function" ? v(3, 4) : v);
    // summaryEn is deliberately empty in Chinese (the English summary is only shown in English).
    if (key !== "summaryEn") assert.ok(sample(UI.zh[key]).length > 0, "zh " + key);
    assert.ok(sample(UI.en[key]).length > 0, "en " + key);
  }
  assert.ok(LOAD_FAILED.zh && LOAD_FAILED.en);
  assert.equal(UI.en.pending(1), "1 entry needs correcting and is left out until then.");
  assert.equal(UI.en.pending(2), "2 entries need correcting and are left out until then.");
  assert.equal(UI.zh.readAs("¥1.00"), "按 ¥1.00 计");
});

test("langKey, langTag and paren", () => {
  table(langKey, [["en", "en"], ["EN", "en"], ["en-GB", "en"], ["zh-CN", "zh"], ["zh", "zh"], ["", "zh"], [null, "zh"], ["eng", "zh"], ["fr", "zh"]]);
  assert.equal(langTag("en"), "en");
  assert.equal(langTag("zh"), "zh-CN");
  assert.equal(paren("en", "x"), " (x)");
  assert.equal(paren("zh", "x"), "（x）");
});
