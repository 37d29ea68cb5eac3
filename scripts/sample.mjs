#!/usr/bin/env node
// Prints an estimate for a sample enterprise from the built engine (pkg/), line by line,
// the way the widget shows it: `make run` calls it before serving the page. The document's
// title, status and banner notices come from policy().
import { readFileSync } from "node:fs";

const pkg = new URL("../pkg/", import.meta.url);
const { default: init, calculate, policy } = await import(new URL("pinghu_subsidy.js", pkg).href);
await init({ module_or_path: readFileSync(new URL("pinghu_subsidy_bg.wasm", pkg)) });

const doc = policy().document;
const result = calculate({
  year: 2025,
  expenses: [
    { category: "brand_promotion", amount: "30万" },
    { category: "certification", amount: "80,000" },
    { category: "overseas_showroom", amount: "150000", conditions: { showroom_months: 14 } },
    { category: "overseas_legal", amount: "400000" },
  ],
});
console.log(`${doc.title.zh}（${doc.status_label.zh}${doc.issued ? "，" + doc.issued : ""}）`);
console.log(`Sample enterprise, ${result.year} (policy ${result.policy.id} ${result.policy.version}):`);
for (const line of result.lines) console.log(`  ${line.support.padStart(12)}  ${line.explanation.zh}`);
console.log(`  ${result.total.padStart(12)}  合计 / total`);
const banner = new Set(doc.notices.filter((n) => n.placement === "banner").map((n) => n.code));
for (const n of result.notices.filter((n) => banner.has(n.code))) console.log(`  * ${n.zh}`);
