// Static rules of the widget's source (no browser needed).
//
//   node --test tests/browser/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { WWW } from "./harness.mjs";

// The shipped sources: www/, the element's modules in www/element/ (its workspace in
// www/element/workspace/) and the batch page's in www/batch/ (names relative to www/).
const DIRS = ["", "element", "element/workspace", "batch"];
const files = (ext) =>
  DIRS.flatMap((dir) =>
    readdirSync(join(WWW, dir))
      // *.min.js is `make build`'s bundle of the checked sources.
      .filter((f) => f.endsWith(ext) && !f.endsWith(".min" + ext))
      .map((f) => ({ name: dir ? dir + "/" + f : f, text: readFileSync(join(WWW, dir, f), "utf8") }))
  );

const shipped = () => files(".js").concat(files(".html"));

/** Lines of `text` matching `re`, as "file:line: text". */
function hits(list, re) {
  const out = [];
  list.forEach(({ name, text }) =>
    text.split("\n").forEach((line, i) => {
      if (re.test(line)) out.push(`${name}:${i + 1}: ${line.trim()}`);
    })
  );
  return out;
}

test("no policy knowledge in www/*.js and www/*.html: no amounts, rates or clause numbers", () => {
  const list = shipped();
  assert.ok(list.some((f) => f.name === "element/element.js") && list.some((f) => f.name === "element/define.js"));
  // Five or more digits (20000, 100000 …), digits before 万/亿/元, percentages, "第 3 条".
  assert.deepEqual(hits(list, /(^|[^\w.#-])\d{5,}(?![\w-])/), [], "long numbers");
  assert.deepEqual(hits(list, /\d\s*(万|亿|元)/), [], "amounts in 万/亿/元");
  assert.deepEqual(hits(list, /\d\s*%/), [], "percentages");
  assert.deepEqual(hits(list, /第\s*\d+\s*条/), [], "clause numbers");
});

test("rendering never uses HTML strings, inline styles or network APIs", () => {
  const js = files(".js");
  assert.deepEqual(hits(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/), []);
  // The one <style> is in the client report's downloaded file (a standalone document, never
  // rendered in the page): workspace/report.js's reportHtml.
  const withoutReportFile = js.map((f) => ({ name: f.name, text: f.name === "element/workspace/report.js" ? f.text.split('"</title><style>" + css + "</style></head><body>"').join("") : f.text }));
  assert.deepEqual(hits(withoutReportFile, /setAttribute\(\s*["']style|\.style\.cssText|<style|cssText/), []);
  // The one request the element makes itself: the engine's .wasm, next to it (compiled once, kept
  // for restarts after a trap). Any other fetch, and every other network or storage API, is refused.
  // The batch page keeps the officer's column mapping (headers, keys, units: no cell) on the device
  // in one module, batch/saved.js; the workspace its settings (preparer, firm, consultant's
  // contact, last client, when each was used: not the clients, whose storage is the engine's) in
  // one module, workspace/settings.js; the backup taken before an import (issue 19) in IndexedDB
  // in one module, workspace/backup-store.js. (workspace/room.js probes the storage it is given.)
  const own = { "batch/saved.js": "window.localStorage", "element/workspace/settings.js": "window.localStorage", "element/workspace/backup-store.js": "indexedDB" };
  // The standalone page (page.js) starts that same download early and hands it to the element
  // (element/engine.js takes it): the one fetch of ENGINE_WASM, checked below to be the same file.
  const pageFetch = ['typeof window.fetch === "function"', "window.fetch(ENGINE_WASM)"];
  const withoutEngineFetch = js.map((f) => ({
    name: f.name,
    text: own[f.name] ? f.text.split(own[f.name]).join("") : f.name === "page.js" ? pageFetch.reduce((t, x) => t.split(x).join(""), f.text) : f.text.split("fetch(WASM_URL)").join(""),
  }));
  assert.deepEqual(hits(withoutEngineFetch, /\bfetch\b|XMLHttpRequest|sendBeacon|WebSocket|EventSource|localStorage|sessionStorage|indexedDB|document\.cookie/), []);
  // WASM_URL is pkg/ beside the element's files, found from import.meta.url (element/assets.js).
  const assets = js.find((f) => f.name === "element/assets.js").text;
  assert.match(assets, /export const WASM_URL = new URL\("\.\/pkg\/pinghu_subsidy_bg\.wasm", BASE\)\.href;/);
  const page = js.find((f) => f.name === "page.js").text;
  // page.js is a classic script in the head (no import.meta): the same file, beside the page's script.
  assert.match(page, /const ENGINE_WASM = new URL\("pkg\/pinghu_subsidy_bg\.wasm", here \|\| document\.baseURI\)\.href;/);
  assert.match(page, /const here = document\.currentScript && document\.currentScript\.src;/);
  assert.match(assets, /const HERE = import\.meta\.url\.split/);
  assert.match(js.find((f) => f.name === "element/engine.js").text, /fetch\(WASM_URL\)/);
  assert.deepEqual(hits(js, /parseFloat|Number\(|toFixed|toLocaleString|Intl\.NumberFormat/), [], "no Number arithmetic on money");
  assert.deepEqual(hits(js, /\beval\(|new Function/), []);
});

test("pages: no inline scripts or styles, no external resources", () => {
  for (const { name, text } of files(".html")) {
    assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${name}: inline <script>`);
    assert.doesNotMatch(text, /<style[\s>]/i, `${name}: <style>`);
    assert.doesNotMatch(text, /\sstyle=/i, `${name}: style attribute`);
    assert.doesNotMatch(text, /\son[a-z]+=/i, `${name}: inline event handler`);
    assert.doesNotMatch(text, /(src|href)=["']?(https?:)?\/\//i, `${name}: external resource`);
  }
  for (const { name, text } of files(".css")) {
    assert.doesNotMatch(text, /@import|url\(\s*["']?(https?:)?\/\//i, `${name}: external resource`);
    assert.doesNotMatch(text, /@font-face/i, `${name}: web font`);
  }
});

test("the element is written in ES2019 + import.meta + import() (old WeChat web-views)", () => {
  const js = files(".js");
  // Syntax is checked by scripts/check-es2019.mjs (make test); these are library calls newer than ES2019.
  assert.deepEqual(
    hits(js, /\.replaceAll\(|\.at\(|structuredClone|Promise\.allSettled|Promise\.any|globalThis|Object\.hasOwn|\.findLast|AggregateError|WeakRef|\.replaceChildren\(/),
    []
  );
  assert.match(js.find((f) => f.name === "element/engine.js").text, /import\(\s*ENGINE_URL\s*\)/);
  assert.match(js.find((f) => f.name === "element/assets.js").text, /new URL\("\.\/pkg\/pinghu_subsidy\.js", BASE\)/);
});

test("the element's modules: none longer than about 500 lines; the pure ones touch no DOM", () => {
  const modules = files(".js").filter((f) => f.name.startsWith("element/"));
  assert.ok(modules.length >= 7, modules.map((f) => f.name).join(", "));
  const long = modules.map((f) => [f.name, f.text.split("\n").length]).filter((x) => x[1] > 500);
  assert.deepEqual(long, [], "modules over 500 lines");
  const pure = modules.filter((f) => /^element\/(model|money|strings|strings-parts|strings-en|plan|guide|csv|guide-data)\.js$/.test(f.name));
  assert.equal(pure.length, 9);
  assert.deepEqual(hits(pure, /(^|[^.\w])(document|window|navigator)\.|\b(HTMLElement|customElements|fetch)\b|import\.meta/), [], "DOM or network in a pure module");
  // A pure module imports only pure modules: no way to the DOM.
  assert.deepEqual(hits(pure, /\bfrom\s*["'](?!\.\/(model|money|strings|strings-parts|strings-en|plan|guide|csv)\.js["'])|\bimport\s*\(/), [], "a pure module imports a DOM module");
  // The workspace's pure modules likewise.
  const wsPure = modules.filter((f) => /^element\/workspace\/(share|fill|store|strings|compare|import-plan|room)\.js$/.test(f.name));
  assert.equal(wsPure.length, 7);
  assert.deepEqual(hits(wsPure, /(^|[^.\w])(document|window|navigator)\.|\b(HTMLElement|customElements|fetch)\b|import\.meta/), [], "DOM or network in a pure workspace module");
  assert.deepEqual(hits(wsPure, /\bfrom\s*["'](?!\.\/(share|fill|store|strings|compare|import-plan|room)\.js["']|\.\.\/(model|money|strings|csv)\.js["'])|\bimport\s*\(/), [], "a pure workspace module imports a DOM module");
});

test("the batch page's modules: none over 500 lines; the pure ones touch no DOM and import only pure ones", () => {
  const modules = files(".js").filter((f) => f.name.startsWith("batch/"));
  assert.deepEqual(modules.map((f) => [f.name, f.text.split("\n").length]).filter((x) => x[1] > 500), [], "modules over 500 lines");
  const PURE = /^batch\/(cells|mapping|sheet|load|csv|columns|run|report|tables|session|side|grid)\.js$/;
  const pure = modules.filter((f) => PURE.test(f.name));
  assert.equal(pure.length, 12);
  assert.deepEqual(hits(pure, /(^|[^.\w])(document|window|navigator|localStorage)\b|\b(HTMLElement|customElements|fetch)\b|import\.meta/), [], "DOM or network in a pure module");
  assert.deepEqual(hits(pure, /\bfrom\s*["'](?!\.\/(cells|mapping|sheet|load|csv|columns|run|report|tables|session|side|grid)\.js["']|\.\.\/element\/money\.js["'])|\bimport\s*\(/), [], "a pure module imports a DOM module");
  // Each sheet part (crates/sheet: the Excel reader and writer) is imported in one module only.
  assert.deepEqual(modules.filter((f) => /pinghu_sheet\.js/.test(f.text)).map((f) => f.name).sort(), ["batch/excel.js", "batch/xlsx-download.js"]);
  // The second package is imported in one place (batch/engine.js), so renaming its folder is one line.
  assert.deepEqual(hits(modules.filter((f) => f.name !== "batch/engine.js"), /pinghu_subsidy\.js/), []);
});

test("the element's .d.ts declares what define.js exports (the bundle's exports)", () => {
  const define = readFileSync(join(WWW, "element", "define.js"), "utf8");
  const dts = readFileSync(join(WWW, "pinghu-subsidy-calculator.d.ts"), "utf8");
  const named = (text) => (/^export \{([^}]*)\};?$/m.exec(text) || [null, ""])[1].split(",").map((s) => s.trim()).filter(Boolean);
  const exported = named(define).sort();
  assert.ok(exported.length >= 4, exported.join(", "));
  const declared = Array.from(dts.matchAll(/^export (?:declare )?(?:class|function|const) (\w+)/gm), (m) => m[1]);
  assert.deepEqual(Array.from(new Set(declared)).sort(), exported);
  assert.match(define, /^export default PinghuSubsidyCalculatorElement;$/m);
  assert.match(dts, /^export default PinghuSubsidyCalculatorElement;$/m);
  assert.match(define, /^\/\* @ts-self-types="\.\.\/pinghu-subsidy-calculator\.d\.ts" \*\//);
});
