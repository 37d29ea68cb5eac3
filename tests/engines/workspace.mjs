// The consultant's workspace in each engine (index.html turns it on): a client and two scenarios
// saved on the device, a reload (nothing filled in until one is opened), the two compared, and a
// share link opened in a fresh session that fills the form. A backup imported (read in the module
// worker), every client stored packed and kept whole over a reload, its automatic backup from
// before kept over a reload (IndexedDB) and restored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EL, TYPICAL, expected, yuan } from "../browser/harness.mjs";
import { loadPackage } from "../node/packages.mjs";
import { backupFile } from "../browser/backup-file.mjs";
import { parseStored, PACKED_MARKER } from "../browser/stored-entry.mjs";
import { ready, pageYear, typeTypical, waitTotal } from "./calculator.mjs";

const ws = (name) => `${EL} >>> [data-ws="${name}"]`;
const CLIENT = "嘉兴市某某箱包有限公司";

/** The calculator page, its workspace opened as a consultant does (a click on its closed disclosure) or found opened by itself. */
async function openWorkspace(page, url = "index.html") {
  await page.open(url);
  await ready(page);
  const box = ws("disclosure");
  await page.element(box);
  if (!(await page.eval((p) => window.__find(p).open, box))) await page.click(`${box} > summary`);
  await page.waitFor((p) => !!window.__find(p), [ws("client")], "the workspace");
}

function waitStatus(page, part) {
  return page.waitText(ws("status"), new RegExp(part.replace(/[()（）]/g, ".")));
}

async function save(page, name) {
  await page.type(ws("scenario-name"), name);
  await page.click(ws("save"));
  await waitStatus(page, name);
}

function scenarioNames(page) {
  return page.eval((sel) => Array.from(document.querySelector(sel).shadowRoot.querySelectorAll(".ws-scenario .ws-scenario-name")).map((n) => n.textContent.trim()), EL);
}

export function workspaceTests(ctx) {
  const { E, skip } = ctx;
  test(`${E.name}: the workspace: a client's two scenarios saved, kept over a reload, opened, compared; a share link fills a fresh session`, { skip }, async () => {
    let link;
    let one;
    await E.withPage(ctx.server, async (page) => {
      await openWorkspace(page);
      const year = await pageYear(page);
      const less = TYPICAL.map((e) => (e.category === "brand_promotion" ? Object.assign({}, e, { amount: "10万" }) : e));
      one = await expected(year, TYPICAL);
      const two = await expected(year, less);
      assert.notEqual(one.total, two.total, "premise: less promotion, another total");

      await page.click(`${ws("new")} summary`);
      await page.type(ws("name"), CLIENT);
      await page.click(ws("create"));
      await waitStatus(page, CLIENT);
      await typeTypical(page);
      await waitTotal(page, yuan(one.total));
      await save(page, "方案一");
      await typeTypical(page, less.filter((e) => e.category === "brand_promotion"));
      await waitTotal(page, yuan(two.total));
      await save(page, "方案二");
      assert.deepEqual(await scenarioNames(page), ["方案一", "方案二"]);

      await page.reload();
      await ready(page);
      await page.waitFor((sel) => document.querySelector(sel).shadowRoot.querySelectorAll(".ws-scenario").length === 2, [EL], "the two scenarios listed after the reload");
      assert.equal(await page.value(`${EL} >>> fieldset[data-category="brand_promotion"] input[data-field="amount"]`), "", "nothing restored unasked");
      await page.click(`${EL} >>> .ws-scenario[data-scenario] [data-action="open"]`);
      await waitTotal(page, yuan(one.total));

      // Both ticked, compared: the totals row holds the two totals.
      await page.click(`${ws("compare-choices")} input @0`);
      await page.click(`${ws("compare-choices")} input @1`);
      await page.click(ws("compare"));
      const totals = await page.waitFor(
        (sel) => {
          const row = document.querySelector(sel).shadowRoot.querySelector('[data-ws="comparison"] table tr[data-row="total"]');
          return row && Array.from(row.querySelectorAll("td")).map((td) => td.getAttribute("data-value"));
        },
        [EL],
        "the comparison's totals"
      );
      assert.deepEqual(totals, [one.total, two.total]);

      // The share link of what is open (方案一): shown in its field whatever the clipboard allows.
      await page.click(ws("copy-link"));
      link = await page.waitFor((p) => window.__find(p).value, [ws("link")], "the share link");
      assert.match(link, /#s=/);
      await page.screenshot("workspace");
    });

    await E.withPage(ctx.server, async (page) => {
      // A share link needs no workspace: on a fresh device it stays closed, and unloaded.
      await page.open("index.html#" + link.split("#")[1]);
      await ready(page);
      await waitTotal(page, yuan(one.total));
      // The element opens the link itself and says so at its top: what was shared, and its total.
      await page.waitText(`${EL} >>> .shared-banner`, new RegExp("来自分享链接.*" + yuan(one.total).replace(/[.$]/g, "\\$&")));
      assert.deepEqual(await page.eval(() => Object.keys(localStorage).filter((k) => k.indexOf("pinghu-subsidy/client/") === 0)), [], "nothing stored unless saved");
      assert.ok(!page.requests().some((p) => /pkg-office\//.test(p)), "the workspace's engine not requested for a share link");
    });
  });

  test(`${E.name}: a backup imported (read in the worker), the backup from before it kept over a reload and restored`, { skip }, async () => {
    const glue = await loadPackage("pkg-office");
    const file = backupFile(glue, 2, 1);
    const keys = (page) => page.eval(() => Object.keys(localStorage).filter((k) => k.indexOf("pinghu-subsidy/client/") === 0).sort());
    await E.withPage(ctx.server, async (page) => {
      await openWorkspace(page);
      await page.click(`${ws("new")} summary`);
      await page.type(ws("name"), CLIENT);
      await page.click(ws("create"));
      await waitStatus(page, CLIENT);
      const before = await keys(page);
      // The panel's own import of a file's text (what choosing the file does after decoding it).
      await page.eval((sel, text) => void document.querySelector(sel)._workspace.previewImport(text), EL, JSON.stringify(file));
      await page.waitFor((sel) => document.querySelector(sel).shadowRoot.querySelectorAll('[data-ws="preview"] [data-kind="new"]').length === 2, [EL], "the preview", 60000);
      // Read in the worker: its part fetched, and the engine's .wasm a second time (the page's own
      // was fetched when the workspace loaded); a worker that could not start would fetch neither.
      assert.ok(page.requests().some((p) => /workspace-worker/.test(p)), "the worker's part fetched");
      assert.ok(page.requests().filter((p) => /pkg-office\/pinghu_subsidy_bg\.wasm/.test(p)).length >= 2, "the engine instantiated in the worker");
      await page.click(ws("import-apply"));
      await waitStatus(page, "导入前已自动备份");
      assert.equal((await keys(page)).length, before.length + 2);
      await page.reload();
      await ready(page);
      // Stored packed (docs/workspace.md) and kept whole by this engine's storage over the reload:
      // read back by node's own inflate, each the client its key names.
      const texts = await page.eval(() => Object.keys(localStorage).filter((k) => k.indexOf("pinghu-subsidy/client/") === 0).sort().map((k) => [k, localStorage.getItem(k)]));
      assert.equal(texts.length, before.length + 2);
      for (const [k, t] of texts) {
        assert.ok(t.startsWith(PACKED_MARKER), k + " packed");
        assert.equal("pinghu-subsidy/client/" + parseStored(t).client.id, k);
      }
      await page.waitText(ws("import-done"), /导入前的备份：.*该次导入写入了 2 个客户。备份保存在本设备上/);
      await page.click(ws("import-undo"));
      await waitStatus(page, "已恢复导入前的备份");
      assert.deepEqual(await keys(page), before);
      await page.assertClean();
    });
  });
}
