#!/usr/bin/env node
// Puts the texts of the policy's sources into the web root, as the data lists them
// (`policy().document.sources[].file`): each under its own file name, and the document's own
// text also as `policy-text.txt`, the stable name the pages link to (before the engine loads,
// and in the fallback without WebAssembly), each with a UTF-8 byte order mark (www/README.md).
// `make build` runs it; no page names a file itself.
// It also writes the list of those sources (title, status, issue date, a link to each text, in
// both languages) into the web root's index.html, inside <ul … data-policy-sources>: the list is
// in the page as it arrives, so nothing above the element moves once the engine has loaded
// (docs/performance.md, CLS). Written only when it changed.
//   node scripts/sources.mjs [pkg dir] [web root]   (defaults: pkg/ and www/)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(new URL("..", import.meta.url).pathname);
const pkg = resolve(process.argv[2] || resolve(root, "pkg"));
const www = resolve(process.argv[3] || resolve(root, "www"));
const { default: init, policy } = await import(pathToFileURL(resolve(pkg, "pinghu_subsidy.js")).href);
await init({ module_or_path: readFileSync(resolve(pkg, "pinghu_subsidy_bg.wasm")) });

// With a UTF-8 byte order mark, so that browsers read the text as UTF-8 without a charset header.
const withBom = (file) => {
  const text = readFileSync(file, "utf8");
  return text.charCodeAt(0) === 0xfeff ? text : "\ufeff" + text;
};

const doc = policy().document;
for (const s of doc.sources) {
  const text = withBom(resolve(root, s.file));
  writeFileSync(resolve(www, basename(s.file)), text);
  if (s.id === doc.cites) writeFileSync(resolve(www, "policy-text.txt"), text);
  console.log(`source ${s.id} (${s.status}${s.issued ? ", issued " + s.issued : ""}): ${s.file} -> ${www}/${basename(s.file)}`);
}

// The sources' list in index.html: one link per source, its words in both languages (the page's
// CSS shows the language being read), the words the data gives.
const escape = (t) => String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const WORDS = [["zh", "zh-CN", "（", "，", "）"], ["en", "en", " (", ", ", ")"]];
const item = (s) =>
  `      <li><a href="${escape(basename(s.file))}" data-source="${escape(s.id)}">` +
  WORDS.map(([k, lang, open, sep, close]) =>
    `<span class="t-${k}" lang="${lang}">${escape(s.title[k] + open + s.status_label[k] + (s.issued ? sep + s.issued : "") + close)}</span>`
  ).join("") +
  "</a></li>\n";
const index = resolve(www, "index.html");
if (existsSync(index)) {
  const html = readFileSync(index, "utf8");
  const list = /(<ul class="policy-sources" data-policy-sources>)[\s\S]*?(<\/ul>)/;
  if (!list.test(html)) throw new Error(`${index}: no <ul class="policy-sources" data-policy-sources> to write the sources into`);
  const out = html.replace(list, (m, open, close) => open + "\n" + doc.sources.map(item).join("") + "    " + close);
  if (out !== html) writeFileSync(index, out);
  console.log(`sources' list (${doc.sources.length}) in ${index}${out === html ? ": unchanged" : ""}`);
}
