// The workspace's reading of an imported backup in a module worker (workspace/read-file.js
// starts it): the engine's `workspace_import` (JSON.parse, then each client read like a stored
// one) runs here, so a big file keeps the page responsive. It touches no storage. Loaded as a
// part (element/workspace-worker.js unbundled, ….workspace-worker.min.js built).
// In: `{ text, glue, wasm }` (the second package's glue and .wasm URLs); out: `{ value }` (the
// engine's `{ clients, skipped }`) or `{ error: { code, skipped, message } }`.

let ready = null;

function engine(glueUrl, wasmUrl) {
  if (!ready) ready = import(glueUrl).then((glue) => glue.default({ module_or_path: wasmUrl }).then(() => glue));
  return ready;
}

self.onmessage = async (ev) => {
  const m = ev.data;
  try {
    const glue = await engine(m.glue, m.wasm);
    self.postMessage({ value: glue.workspace_import(m.text) });
  } catch (e) {
    self.postMessage({ error: { code: e && typeof e.code === "string" ? e.code : "file", skipped: (e && e.skipped) || null, message: String((e && e.message) || e) } });
  }
};
