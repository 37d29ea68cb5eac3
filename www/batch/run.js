// Runs a batch through the engine's `Batch` in parts (so progress can be shown and each call
// stays within what the engine's boundary reads at once), in a worker, on the main thread or in
// Node. The money is all in the engine: this module only groups, splits and re-indexes.
//
//   engine: the second package's glue, initialised (batch/engine.js in the page, packages.mjs in Node)
//   const r = await calculateBatch(engine, rows, { overlay: { "brand_promotion.rate": "0.4" } });
//   r.totals.baseline.total;  r.enterprises[0].baseline.support;  r.errors[0].row

/** Rows of at most this many per call of `Batch.add` (the boundary reads 100,000 values at most). */
export const PART_ROWS = 400;

/**
 * `[{ enterprise, year, expenses }]` → `{ enterprises: [{ enterprise, rows }], origin }`: rows
 * of one enterprise together, in the order first seen; `origin[e][r]` is the input row's index.
 */
export function groupRows(rows) {
  const byName = new Map();
  const enterprises = [];
  const origin = [];
  rows.forEach((row, i) => {
    const key = row && row.enterprise != null ? String(row.enterprise) : "";
    let e = byName.get(key);
    if (e === undefined) {
      e = enterprises.length;
      byName.set(key, e);
      enterprises.push({ enterprise: row ? row.enterprise : undefined, rows: [] });
      origin.push([]);
    }
    const rest = {};
    if (row && typeof row === "object") for (const k of Object.keys(row)) if (k !== "enterprise") rest[k] = row[k];
    enterprises[e].rows.push(rest);
    origin[e].push(i);
  });
  return { enterprises, origin };
}

/**
 * Runs enterprises (`[{ enterprise, rows }]`, each whole) through `new engine.Batch({ overlay })`.
 * options: `overlay`, `partRows`, `onProgress(done, total)` (rows), `pause()` (awaited between
 * parts: the page yields to the browser there), `json` (each part given to the engine as JSON
 * text, `Batch.add_json`: much less work across the boundary; only for plain data, strings,
 * whole or finite numbers, booleans, as toEnterprises makes: JSON has no NaN, undefined or BigInt). Returns `{ enterprises, errors, totals }` with
 * enterprise indices into the input. Throws the engine's `CalculateError` for a bad overlay.
 */
export async function runBatch(engine, enterprises, options = {}) {
  const batch = new engine.Batch({ overlay: options.overlay || null });
  try {
    const limit = options.partRows || PART_ROWS;
    const total = enterprises.reduce((n, e) => n + (e && Array.isArray(e.rows) ? e.rows.length : 0), 0);
    const out = { enterprises: [], errors: [], totals: null };
    let done = 0;
    let start = 0;
    while (start < enterprises.length) {
      let end = start;
      let rows = 0;
      while (end < enterprises.length && (end === start || rows + size(enterprises[end]) <= limit)) {
        rows += size(enterprises[end]);
        end++;
      }
      const slice = enterprises.slice(start, end);
      const part = options.json ? batch.add_json(JSON.stringify(slice)) : batch.add(slice);
      for (const e of part.enterprises) {
        e.index += start;
        out.enterprises.push(e);
      }
      for (const p of part.errors) {
        p.enterprise += start;
        out.errors.push(p);
      }
      done += rows;
      start = end;
      if (options.onProgress) options.onProgress(done, total);
      if (options.pause && start < enterprises.length) await options.pause();
    }
    out.totals = batch.totals();
    return out;
  } finally {
    batch.free();
  }
}

function size(e) {
  return e && Array.isArray(e.rows) ? Math.max(1, e.rows.length) : 1;
}

/**
 * The API for a script: rows `[{ enterprise, year, expenses }]` (rows of one enterprise across
 * years form a plan), `{ overlay }`. Each error's `row` is then the index in `rows` (null: the
 * enterprise's every row), each enterprise's `rows[].row` too.
 */
export async function calculateBatch(engine, rows, options = {}) {
  const { enterprises, origin } = groupRows(rows);
  const out = await runBatch(engine, enterprises, options);
  for (const e of out.enterprises) for (const r of e.rows) r.row = origin[e.index][r.row];
  for (const p of out.errors) {
    if (p.row != null) p.row = origin[p.enterprise][p.row];
  }
  return out;
}
