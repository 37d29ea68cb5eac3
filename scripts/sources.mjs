#!/usr/bin/env node
// Puts the texts of the policy's sources into the web root, as the data lists them
// (`policy().document.sources[].file`): each under its own file name, and the document's own
// text also as `policy-text.txt`, the stable name the pages link to (before the engine loads,
// and in the fallback without WebAssembly), each with a UTF-8 byte order mark (www/README.md).
// `make build` runs it; no page names a file itself.
//   node scripts/sources.mjs [pkg dir] [web root]   (defaults: pkg/ and www/)
import { readFileSync, writeFileSync } from "node:fs";
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
