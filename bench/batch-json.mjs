#!/usr/bin/env node
// The enterprises the batch page sends the engine for bench/batch.mjs's file, as JSON, for the
// native timing (examples/batch_timing.rs): `node bench/batch-json.mjs [ROWS] > enterprises.json`.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const WWW = join(ROOT, "www");
const { benchCsv } = await import("./batch-rows.mjs");
const engine = await import(join(WWW, "pkg-office", "pinghu_subsidy.js"));
await engine.default({ module_or_path: readFileSync(join(WWW, "pkg-office", "pinghu_subsidy_bg.wasm")) });
const { parseCsv } = await import(join(WWW, "batch", "csv.js"));
const { mapHeader, toEnterprises } = await import(join(WWW, "batch", "columns.js"));
const recs = parseCsv(benchCsv(parseInt(process.argv[2] || "30000", 10)));
const { columns } = mapHeader(engine.policy(), recs[0].fields);
process.stdout.write(JSON.stringify(toEnterprises(columns, recs.slice(1)).enterprises));
