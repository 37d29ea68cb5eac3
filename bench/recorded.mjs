// The recorded figures `make bench` compares against, read from docs/performance.md (the table
// under "## Recorded figures"), so the diary and the benchmark cannot drift apart.
//
//   | first result, headless Chromium, normal CPU (median) | 250 ms | ... |
//   | first result, headless Chromium, 4× CPU throttling (median) | 940 ms | ... |
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const PERFORMANCE_MD = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "performance.md");

/** { normal, throttled4x } in ms (null where the document records none). */
export function recordedFirstResult(file = PERFORMANCE_MD) {
  const out = { normal: null, throttled4x: null, source: file };
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^\|\s*first result, headless Chromium, ([^|]*?)\s*\|\s*([\d,.]+)\s*ms\s*\|/.exec(line);
    if (!m) continue;
    const ms = Number(m[2].replace(/,/g, ""));
    if (/normal CPU/.test(m[1])) out.normal = ms;
    else if (/4×|4x/.test(m[1])) out.throttled4x = ms;
  }
  return out;
}
