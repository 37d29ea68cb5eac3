// The cross-engine suite: the same tests in each engine (webkit.test.mjs, firefox.test.mjs,
// chromium.test.mjs each run `engineSuite(name)`), one browser per file, www/ served with the
// strict CSP as a header on every response. Every expected figure is the engine's, in Node, for
// the same input (the pages' own pkg/): none is written here.
import { before, after } from "node:test";
import { ISSUE_CSP, WWW, watchdog } from "../browser/harness.mjs";
import { engineRunner, missing, serve } from "./harness.mjs";
import { calculatorTests } from "./calculator.mjs";
import { workspaceTests } from "./workspace.mjs";
import { batchTests } from "./batch.mjs";

export function engineSuite(name) {
  watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));
  // A missing browser fails the step (run make setup), unless setup was told to leave it out.
  const gone = missing(name);
  const skip = gone && process.env.SETUP_SKIP_ENGINES === "1" ? gone + " (SETUP_SKIP_ENGINES=1)" : false;
  const E = engineRunner(name);
  const ctx = { E, skip, server: null };
  before(async () => {
    if (skip) return;
    if (gone) throw new Error(`${name}: ${gone} (or SETUP_SKIP_ENGINES=1 to skip these tests)`);
    ctx.server = await serve(WWW, { headers: { "content-security-policy": ISSUE_CSP } });
    await E.start();
  });
  after(async () => {
    try {
      await E.stop();
    } finally {
      if (ctx.server) await ctx.server.close();
    }
  });
  calculatorTests(ctx);
  workspaceTests(ctx);
  batchTests(ctx);
}
