// The TypeScript types that ship: pkg/pinghu_subsidy.d.ts (written by wasm-bindgen) carries the
// API's shapes from src/boundary/api.d.ts and types each function with them; the element's
// .d.ts takes its result and policy types from there. (That api.d.ts matches what serde writes
// is checked by tests/typescript.rs in `cargo test`.) With a TypeScript compiler at hand
// (TSC=/path/to/tsc, or node_modules/.bin/tsc), a consumer of both is type-checked too;
// TypeScript is not one of the project's tools, so without one that test is skipped.
//
//   node --test tests/node/types.test.mjs      (after make build)
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
// wasm-bindgen re-indents the custom section: compare line by line, each trimmed.
const lines = (text) => text.split("\n").map((l) => l.trim()).filter(Boolean).join("\n");
const api = lines(readFileSync(root("src/boundary/api.d.ts"), "utf8"));

for (const dir of ["pkg", "www/pkg"]) {
  test(`${dir}/pinghu_subsidy.d.ts carries the API's types and types the functions with them`, () => {
    const dts = readFileSync(root(`${dir}/pinghu_subsidy.d.ts`), "utf8");
    assert.ok(lines(dts).includes(api), "src/boundary/api.d.ts, line by line");
    assert.match(dts, /^export function calculate\(input: CalculateInput, lang\?: Lang\): Estimate;$/m);
    assert.match(dts, /^export function calculate_plan\(input: PlanInput, lang\?: Lang\): PlanEstimate;$/m);
    assert.match(dts, /^export function policy\(\): Policy;$/m);
    assert.match(dts, /^export function read_amount\(value: Amount\): Money;$/m);
    assert.doesNotMatch(dts, /^export function \w+\([^)]*\bany\b|\): any;$/m, "no function of the API is typed `any`");
  });
}

test("the element's .d.ts takes the result and policy types from pkg/", () => {
  const el = readFileSync(root("www/pinghu-subsidy-calculator.d.ts"), "utf8");
  assert.match(el, /^import type \{[^}]*\bEstimate\b[^}]*\} from "\.\/pkg\/pinghu_subsidy\.js";$/m);
  assert.match(el, /^\s*readonly result: SubsidyResult \| null;$/m);
  assert.match(el, /^\s*readonly policy: Policy \| null;$/m);
  assert.match(el, /^export type SubsidyResult = Estimate;$/m);
  assert.doesNotMatch(el, /^export interface (SubsidyResult|SubsidyLine|SubsidyNotice|Bilingual)\b/m, "no copy of the engine's shapes");
});

const tsc = [process.env.TSC, root("node_modules/.bin/tsc")].find((p) => p && existsSync(p));

test("a TypeScript consumer of pkg/ and the element type-checks (with TSC)", { skip: tsc ? false : "no TypeScript compiler (set TSC)" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "pinghu-types-"));
  try {
    cpSync(root("www/pkg"), join(dir, "pkg"), { recursive: true });
    copyFileSync(root("www/pinghu-subsidy-calculator.d.ts"), join(dir, "pinghu-subsidy-calculator.d.ts"));
    copyFileSync(root("tests/types/consumer.ts"), join(dir, "consumer.ts"));
    const args = ["--noEmit", "--strict", "--target", "es2020", "--module", "esnext", "--moduleResolution", "bundler",
      "--lib", "es2020,dom", "consumer.ts", "pinghu-subsidy-calculator.d.ts", "pkg/pinghu_subsidy.d.ts"];
    try {
      execFileSync(tsc, args, { cwd: dir, encoding: "utf8" });
    } catch (e) {
      assert.fail(`tsc: ${e.stdout || e.message}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
