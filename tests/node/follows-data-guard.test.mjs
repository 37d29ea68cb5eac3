// The guard of issue 21: every test follows the data. No test outside the scenario tables
// (tests/scenarios/*.toml, tests/rehearsal/, tests/mechanics/ and the tests built only with the
// mechanics' policy) writes a figure the policy file states: each cap and award ceiling, each
// condition's threshold, each stated rate worded as in the text, each clause number. Tests take
// them from policy() and the engine, or pick categories by property; a figure written by hand
// fails this test, which names its file and line.
//
// An amount a test types as input may equal a figure of the policy by chance: the line says so
// with the comment `input, not a policy figure` (after // in JS and Rust).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, relative, sep } from "node:path";
import { loadPackage } from "./packages.mjs";
import { TYPICAL } from "../browser/harness.mjs";
import { formatRate } from "../../www/element/money.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TESTS = join(ROOT, "tests");
// The policy of this repository's own build: its figures are the ones a test must not write.
const ENGINE = await loadPackage("pkg", true);
const P = ENGINE.policy();

/** Where figures belong: the scenario tables, the rehearsal's and the mechanics' fixtures. */
const TABLES = ["tests/scenarios/", "tests/rehearsal/", "tests/mechanics/"];
const OPT_OUT = "input, not a policy figure";
const SELF = "tests/node/follows-data-guard.test.mjs";

/** Every test source outside the tables. */
function files(dir = TESTS, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(ROOT, path).split(sep).join("/");
    if (statSync(path).isDirectory()) {
      if (!TABLES.some((t) => (rel + "/").startsWith(t))) files(path, out);
    } else if (/\.(mjs|js|ts|rs)$/.test(name) && rel !== SELF) {
      out.push(rel);
    }
  }
  return out;
}

const grouped = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The policy's figures, each with the forms a test would write it in: as the element shows them
 * (¥1,000.00, 最高 50%, 须满 12 个月, 第 3 条, a label), flagged wherever they stand; and as the
 * engine returns them or as digits (1000.00, "1000", Rust's 1_000), flagged only where a test
 * expects something (an assertion or a wait for what the page shows) and not typed in there (an
 * amount, support from elsewhere, a filled field). Never as a bare number: a timeout, a depth or
 * a count may equal one by chance, and so may an amount a test types, today or after a policy
 * update.
 */
function figures() {
  const out = [];
  const add = (what, forms, expected = []) => out.push({ what, re: forms.length ? new RegExp(forms.join("|"), "gu") : null, expected: expected.length ? new RegExp(expected.join("|"), "gu") : null });
  for (const cap of new Set(P.categories.map((c) => c.cap))) {
    const [whole, cents] = cap.split(".");
    const exact = cents === "00" ? "(?:\\.00)?" : escape("." + cents);
    // as the element shows it, and as the text words it
    const forms = [`¥\\s?${escape(grouped(whole))}${exact}(?![\\d,]|\\.\\d)`];
    if (cents === "00" && Number(whole) % 10000 === 0) forms.push(`(?<![\\d.])${Number(whole) / 10000}\\s?万元`);
    // as the engine returns it, as a string of digits, as a Rust literal
    const expected = [`(?<![\\d.,])${escape(cap)}(?!\\d)`, `(?<![\\d.,])${escape(grouped(whole))}\\\\?\\.${cents}(?!\\d)`, `["'\`]${escape(whole)}["'\`]`, `(?<![\\w.])${escape(grouped(whole).replace(/,/g, "_"))}(?![\\w.])`];
    add(`cap ${cap}`, forms, expected);
  }
  for (const c of P.categories) {
    for (const k of c.conditions) {
      if (k.type === "bool" || k.min == null) continue;
      add(`${c.id}.${k.id}'s threshold ${k.min}`, [`(?:须满|满|不少于|at least|≥|>=)\\s?${k.min}(?!\\d)`]);
    }
    if (c.rate != null && !c.rate_assumed) {
      add(`${c.id}'s rate ${c.rate}`, [`(?:最高|up to)\\s?${escape(formatRate(c.rate).replace("%", ""))}\\s?%`]);
    }
    for (const label of [c.label.zh, c.label.en]) add(`${c.id}'s label`, [escape(label)]);
  }
  for (const m of P.measures) {
    if (m.categories.length) add(`measure ${m.id}'s number`, [`第\\s?${m.id}\\s?条`, `Measure ${m.id}(?!\\d)`]);
  }
  // The typical enterprise's total (the browser tests type it in; the engine's figure).
  const year = P.document.first_year + 1 <= P.document.last_year ? P.document.first_year + 1 : P.document.first_year;
  const total = ENGINE.calculate({ year, expenses: TYPICAL }).total;
  const [whole, cents] = total.split(".");
  add(`the typical enterprise's total, ${total} (the engine's)`, [`¥\\s?${escape(grouped(whole))}\\.${cents}(?!\\d)`], [`(?<![\\d.,])${escape(total)}(?!\\d)`, `(?<![\\d.,])${escape(grouped(whole))}\\\\?\\.${cents}(?!\\d)`]);
  const len = `(?:measures|categories)(?:\\(\\))?\\.len(?:gth)?(?:\\(\\))?\\s*,\\s*`;
  add(`the count of measures, ${P.measures.length}`, [`${len}${P.measures.length}(?!\\d)`, `(?<!\\d)${P.measures.length}\\s?(?:measures|条措施|项措施)`]);
  add(`the count of categories, ${P.categories.length}`, [`${len}${P.categories.length}(?!\\d)`, `(?<!\\d)${P.categories.length}\\s?(?:categories|类)`]);
  return out;
}

/** A line that expects something: an assertion, or a wait for what the page shows. */
const EXPECTS = /assert|\bwait[A-Z]\w*\(|expect/;

/** Where a string of digits is typed in: the value of an amount or of other support, or filled into a field. */
const TYPED_IN = /(?:(?:amount|other_policy_support|already_received|others|amounts|value)["']?\s*:\s*\[?|\.(?:fill|type)\(.*,|yuan\()\s*["'`]?$/;

/** The code of a line: without a comment that fills it, and without a trailing // comment. */
function code(line) {
  const t = line.trim();
  if (t.startsWith("//") || t.startsWith("*") || t.startsWith("/*")) return "";
  const at = line.search(/\s\/\/\s/);
  return at >= 0 ? line.slice(0, at) : line;
}

/** What `line` writes by hand of the figures `figs`: [what, as written] for each (none when it opts out). */
function lineHits(line, figs) {
  if (line.includes(OPT_OUT)) return [];
  const c = code(line);
  const hits = [];
  const expects = EXPECTS.test(c);
  for (const f of figs) {
    const found = f.re ? [...c.matchAll(f.re)].map((m) => m[0]) : [];
    if (f.expected && expects) for (const m of c.matchAll(f.expected)) if (!TYPED_IN.test(c.slice(0, m.index))) found.push(m[0]);
    if (found.length) hits.push([f.what, found[0].trim()]);
  }
  return hits;
}

/** Every figure of the policy written by hand in the tests: "file:line: what (as written): the line". */
function scan() {
  const figs = figures();
  const hits = [];
  for (const rel of files()) {
    const text = readFileSync(join(ROOT, rel), "utf8");
    if (/pinghu_policy = "mechanics"/.test(text)) continue; // its tests run on the mechanics' policy only (PINGHU_POLICY)
    text.split("\n").forEach((line, i) => {
      for (const [what, written] of lineHits(line, figs)) hits.push(`${rel}:${i + 1}: ${what} (${JSON.stringify(written)}): ${line.trim().slice(0, 160)}`);
    });
  }
  return hits;
}

test("no test outside the scenario tables writes a figure the policy states", () => {
  const hits = scan();
  assert.ok(hits.length === 0, `${hits.length} figures of the policy written by hand: take them from policy() or the engine, or pick a category by property (an amount typed in says "// ${OPT_OUT}"):\n${hits.join("\n")}`);
});

test("the guard flags a figure of the policy written by hand, and lets an input or a comment be", () => {
  const figs = figures();
  const flagged = (line) => lineHits(line, figs).length > 0;
  const cap = P.categories[0].cap;
  const whole = cap.split(".")[0];
  for (const line of [`assert.equal(line.cap, "${cap}");`, `await waitTotal(page, "¥${grouped(whole)}.${cap.split(".")[1]}");`, `assert.equal(x, "${whole}");`]) {
    assert.ok(flagged(line), `flagged: ${line}`);
  }
  for (const line of [`{ category: "x", amount: "${whole}" },`, `await page.fill(amount("x"), "${whole}");`, `const row = ["x", "${whole}"];`, `assert.equal(line.cap, "${cap}"); // ${OPT_OUT}`, `// the cap is ${cap}`, `setTimeout(done, ${whole});`]) {
    assert.ok(!flagged(line), `not flagged: ${line}`);
  }
  const k = P.categories.flatMap((c) => c.conditions).find((x) => x.type !== "bool" && x.min != null);
  if (k) assert.ok(flagged(`rule: "须满 ${k.min} 个月"`) && flagged(`"at least ${k.min}"`), "a threshold");
  const m = P.measures.find((x) => x.categories.length);
  assert.ok(flagged(`assert.equal(row[0], "第 ${m.id} 条");`), "a clause number");
  const stated = P.categories.find((c) => c.rate != null && !c.rate_assumed);
  if (stated) assert.ok(flagged(`"最高 ${formatRate(stated.rate)}"`), "a stated rate");
  assert.ok(flagged(`assert.ok(line.includes("${P.categories[0].label.zh}"));`), "a category's wording");
});
