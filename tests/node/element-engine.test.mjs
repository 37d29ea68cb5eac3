// Unit tests of the element's engine loader (www/element/engine.js) and asset locations
// (www/element/assets.js) that need no browser: which errors count as engine faults, and where
// the unbundled modules look for the engine and the stylesheet. (The bundle's locations, and
// loading and restarting in a real browser, are tested in tests/browser/.)
//
//   node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isEngineFault, sharedEngine } from "../../www/element/engine.js";
import { ENGINE_URL, WASM_URL, STYLE_URL, partStyleUrl, partUrl } from "../../www/element/assets.js";

const WWW = new URL("../../www/", import.meta.url).href;

test("isEngineFault: an input error carries `errors`; anything else is a fault (a trap)", () => {
  const rows = [
    [Object.assign(new Error("bad input"), { errors: [{ path: "year" }] }), false],
    [Object.assign(new Error("no problems listed"), { errors: [] }), false],
    [new WebAssembly.RuntimeError("unreachable"), true],
    [new RangeError("Maximum call stack size exceeded"), true],
    [new Error("memory access out of bounds"), true],
    [Object.assign(new Error("not an array"), { errors: "year" }), true],
    ["a string", true],
    [null, true],
    [undefined, true],
  ];
  for (const [err, fault] of rows) assert.equal(isEngineFault(err), fault, String(err && err.message ? err.message : err));
});

test("no engine is loaded on import", () => {
  assert.equal(sharedEngine(), null);
});

test("unbundled, the modules find pkg/ and the readable stylesheet one folder up (in www/)", () => {
  assert.equal(ENGINE_URL, WWW + "pkg/pinghu_subsidy.js");
  assert.equal(WASM_URL, WWW + "pkg/pinghu_subsidy_bg.wasm");
  assert.equal(STYLE_URL, WWW + "pinghu-subsidy-calculator.css");
  assert.ok(existsSync(fileURLToPath(STYLE_URL)), STYLE_URL);
  // A part and its own stylesheet beside it (element/NAME.js, element/NAME.css).
  assert.equal(partUrl("workspace"), WWW + "element/workspace.js");
  assert.equal(partStyleUrl("workspace"), WWW + "element/workspace.css");
  assert.ok(existsSync(fileURLToPath(partStyleUrl("workspace"))), partStyleUrl("workspace"));
  if (existsSync(fileURLToPath(new URL("pkg/", WWW)))) {
    assert.ok(existsSync(fileURLToPath(ENGINE_URL)), ENGINE_URL);
    assert.ok(existsSync(fileURLToPath(WASM_URL)), WASM_URL);
  }
});
