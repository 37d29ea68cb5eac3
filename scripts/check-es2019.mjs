#!/usr/bin/env node
// Syntax gate for every JS file the page ships: it must run on Chrome 78 / Safari 13
// (old WeChat web-views). Allowed: ES2019 + `import.meta` + dynamic `import()`.
//
// How: parse with acorn (ecmaVersion 2020, sourceType module) — that already rejects
// ES2021+ syntax (numeric separators, `??=`/`||=`/`&&=`, class fields, private names,
// top-level await). Then walk the tree and reject the ES2020 features Chrome 78 /
// Safari 13 lack: optional chaining `?.`, nullish coalescing `??`, BigInt literals,
// `export * as ns from`. Also rejected: array rest in a destructuring pattern
// (`[a, ...rest] = x`), which Safari <= 13.1 implements wrongly (babel/babel#17773);
// the build tells esbuild destructuring is supported, so this check is the guard.
//
// Usage: node scripts/check-es2019.mjs [file.js ...]
//   no arguments: check www/*.js, www/element/*.js and www/pkg/**/*.js (relative to the repo root).
// A self-test runs first, so the checker itself can fail the build.
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as acorn from "acorn";
import * as walk from "acorn-walk";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Returns a list of problems `{line, col, message}` (empty = OK). */
export function check(source) {
  let ast;
  try {
    ast = acorn.parse(source, {
      ecmaVersion: 2020,
      sourceType: "module",
      locations: true,
      allowHashBang: false,
    });
  } catch (e) {
    const loc = e.loc || { line: 0, column: 0 };
    return [{ line: loc.line, col: loc.column + 1, message: `not ES2019-parseable: ${e.message.replace(/ \(\d+:\d+\)$/, "")}` }];
  }
  const problems = [];
  const bad = (node, message) =>
    problems.push({ line: node.loc.start.line, col: node.loc.start.column + 1, message });
  walk.full(ast, (node) => {
    switch (node.type) {
      case "ChainExpression":
        bad(node, "optional chaining `?.` (ES2020; Chrome 80 / Safari 13.1)");
        break;
      case "LogicalExpression":
        if (node.operator === "??") bad(node, "nullish coalescing `??` (ES2020; Chrome 80 / Safari 13.1)");
        break;
      case "Literal":
        if (typeof node.bigint === "string") bad(node, "BigInt literal (ES2020; Safari 14)");
        break;
      case "ExportAllDeclaration":
        if (node.exported) bad(node, "`export * as ns from` (ES2020; Chrome 72 ok, Safari 14.1)");
        break;
      case "ArrayPattern":
        if (node.elements.some((el) => el && el.type === "RestElement"))
          bad(node, "array rest in destructuring `[a, ...rest]` (wrong results in Safari <= 13.1)");
        break;
      default:
        break;
    }
  });
  // walk.full does not visit every node kind the same way in all acorn-walk versions;
  // a textual back-stop for `?.`/`??` tokens using acorn's tokenizer (ignores strings/comments).
  if (problems.length === 0) {
    for (const tok of acorn.tokenizer(source, { ecmaVersion: 2020, sourceType: "module", locations: true })) {
      if (tok.type === acorn.tokTypes.questionDot) bad(tok, "optional chaining `?.` token");
      else if (tok.type === acorn.tokTypes.coalesce) bad(tok, "nullish coalescing `??` token");
    }
  }
  return problems;
}

function selfTest() {
  const mustFail = {
    "a?.b": /optional chaining/,
    "a?.[0]": /optional chaining/,
    "f?.()": /optional chaining/,
    "a ?? b": /nullish/,
    "const n = 10n;": /BigInt/,
    'export * as ns from "./x.js";': /export \* as/,
    "let [a, ...rest] = x;": /array rest/,
    "a ||= b": /not ES2019-parseable/,
    "const n = 1_000;": /not ES2019-parseable/,
    "class A { x = 1 }": /not ES2019-parseable/,
    "class A { #p; }": /not ES2019-parseable/,
    "await import('./x.js');": /not ES2019-parseable/,
  };
  const mustPass = [
    "const u = new URL('x.wasm', import.meta.url);",
    "const m = import('./x.js');",
    "async function f() { const { a, b } = await g(); for await (const x of y) {} }",
    "const o = { ...p }; const { q, ...rest } = o;",
    "try { f() } catch { g() }",
    "const s = 'a?.b ?? c'; // a?.b ?? c",
    "export default function init() {} export { init as x };",
  ];
  const failures = [];
  for (const [src, re] of Object.entries(mustFail)) {
    const p = check(src);
    if (p.length === 0) failures.push(`self-test: accepted ${JSON.stringify(src)} (must reject)`);
    else if (!p.some((x) => re.test(x.message)))
      failures.push(`self-test: ${JSON.stringify(src)} rejected for the wrong reason: ${p[0].message}`);
  }
  for (const src of mustPass) {
    const p = check(src);
    if (p.length) failures.push(`self-test: rejected ${JSON.stringify(src)}: ${p[0].message}`);
  }
  return failures;
}

function defaultFiles() {
  const out = [];
  // www/pkg/ whole: the glue and the JS snippets the crate imports (www/pkg/snippets/**).
  for (const [dir, deep] of [["www", false], ["www/element", false], ["www/batch", false], ["www/pkg", true], ["www/pkg-office", true], ["www/pkg-sheet-read", true], ["www/pkg-sheet-write", true]]) {
    const walk = (abs) => {
      if (!existsSync(abs) || !statSync(abs).isDirectory()) return;
      for (const name of readdirSync(abs).sort()) {
        const f = join(abs, name);
        if (deep && statSync(f).isDirectory()) walk(f);
        else if (name.endsWith(".js") || name.endsWith(".mjs")) out.push(f);
      }
    };
    walk(join(ROOT, dir));
  }
  return out;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const st = selfTest();
  if (st.length) {
    for (const f of st) console.error(f);
    console.error("check-es2019: self-test FAILED (the checker is broken)");
    process.exit(2);
  }
  const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles();
  if (files.length === 0) {
    console.error("check-es2019: no shipped JS files found (www/*.js, www/element/*.js, www/pkg/**/*.js) — run `make build` first");
    process.exit(1);
  }
  let bad = 0;
  for (const f of files) {
    const rel = relative(process.cwd(), f) || f;
    const problems = check(readFileSync(f, "utf8"));
    for (const p of problems) console.error(`${rel}:${p.line}:${p.col}: ${p.message}`);
    if (problems.length) bad++;
  }
  if (bad) {
    console.error(`check-es2019: ${bad} of ${files.length} file(s) use syntax Chrome 78 / Safari 13 cannot run`);
    process.exit(1);
  }
  console.log(`check-es2019: self-test ok; ${files.length} file(s) OK as ES2019 + import.meta + import(): ${files.map((f) => relative(ROOT, f)).join(", ")}`);
}
