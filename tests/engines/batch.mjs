// The bureau's batch page in each engine, on the worker path and on the main thread (?worker=0):
// a CSV dropped, the totals the engine gives for its rows, a refused cell named by row; and make
// dist's folder alone in a host page under the strict CSP sent as a header.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { EL, ISSUE_CSP, REPO, engine, engineIn, yuan } from "../browser/harness.mjs";
import { serve } from "./harness.mjs";
import { ready, pageYear, waitTotal } from "./calculator.mjs";

const fen = (s) => BigInt(s.replace(".", ""));
const money = (f) => `${f / 100n}.${String(f % 100n).padStart(2, "0")}`;

/** A small file by property: two enterprises in two categories without conditions, one refused cell. */
async function batchFile() {
  const E = await engine();
  const P = E.policy();
  const Y = P.document.first_year + 1 <= P.document.last_year ? P.document.first_year + 1 : P.document.first_year;
  const plain = P.categories.filter((c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null && k.only_year !== Y));
  if (plain.length < 2) return { skip: "the policy needs two expense categories without conditions" };
  const [A, B] = plain;
  const rows = [
    ["甲公司", "30万", ""],
    ["乙公司", "", "80,000"],
    ["丙公司", "100.123", ""],
  ];
  const csv = ["enterprise,year," + A.id + "," + B.id, ...rows.map(([n, a, b]) => [n, Y, a, b.includes(",") ? `"${b}"` : b].join(","))].join("\r\n") + "\r\n";
  const sum = [E.calculate({ year: Y, expenses: [{ category: A.id, amount: "30万" }] }), E.calculate({ year: Y, expenses: [{ category: B.id, amount: "80,000" }] })].reduce((t, r) => t + fen(r.total), 0n);
  return { csv, total: yuan(money(sum)), refusedRow: 4 };
}

async function dropFile(page, csv) {
  await page.eval((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], "list.csv", { type: "text/csv" }));
    const ev = new DragEvent("drop", { dataTransfer: d, bubbles: true, cancelable: true });
    document.getElementById("drop").dispatchEvent(ev);
  }, csv);
}

export function batchTests(ctx) {
  const { E, skip } = ctx;
  for (const [path, query] of [["the worker", ""], ["the main thread", "?worker=0"]]) {
    test(`${E.name}: the batch page on ${path}: a dropped CSV's total is the engine's, the refused cell named by its row`, { skip }, async () => {
      const f = await batchFile();
      if (f.skip) return assert.fail(f.skip);
      await E.withPage(ctx.server, async (page) => {
        await page.open("batch.html" + query);
        await page.waitFor(() => document.body.getAttribute("data-batch") === "ready", [], "the batch page ready");
        await dropFile(page, f.csv);
        await page.waitFor(() => document.body.getAttribute("data-batch") === "done", [], "the batch computed", 60000);
        assert.equal(await page.text("#total-support"), f.total);
        const errors = await page.eval(() => Array.from(document.querySelectorAll("#errors li")).map((li) => li.textContent));
        assert.equal(errors.length, 1, JSON.stringify(errors));
        assert.ok(errors[0].startsWith(`第${f.refusedRow}行`), errors[0]);
        const workers = page.requests().filter((p) => /\/batch\/worker\.js/.test(p));
        assert.equal(workers.length, query ? 0 : 1, `${path}: requests of the worker: ${JSON.stringify(workers)}`);
        await page.eval(() => document.getElementById("results").scrollIntoView());
        await page.screenshot("batch" + (query ? "-main" : ""));
      });
    });
  }

  const DIST = join(REPO, "dist");
  const noDist = existsSync(join(DIST, "EMBED.md")) ? false : "dist/ is missing: run `make dist` (make test-engines does)";
  test(`${E.name}: make dist's folder alone, in a host page, under the strict CSP sent as a header`, { skip: skip || noDist }, async () => {
    const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="pinghu-subsidy-calculator.min.js"></script></head><body><pinghu-subsidy-calculator></pinghu-subsidy-calculator></body></html>';
    const dist = await serve(DIST, { pages: { "/": html, "/favicon.ico": null }, headers: { "content-security-policy": ISSUE_CSP } });
    try {
      await E.withPage(dist, async (page) => {
        await page.open("/");
        await ready(page);
        const own = await engineIn(DIST);
        const year = await pageYear(page);
        // The first expense category of the policy dist/ carries; the amount as typed is an input.
        const cat = own.policy().categories.find((c) => c.kind === "expense").id;
        await page.type(`${EL} >>> fieldset[data-category="${cat}"] input[data-field="amount"]`, "18万5千");
        await waitTotal(page, yuan(own.calculate({ year, expenses: [{ category: cat, amount: "18万5千" }] }).total));
        assert.deepEqual(dist.notFound, [], "files the page asked for that dist/ lacks");
      });
    } finally {
      await dist.close();
    }
  });
}
