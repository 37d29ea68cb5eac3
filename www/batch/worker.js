// The batch in a module worker: the page stays responsive while the engine computes. Messages:
// in `{ id, enterprises, overlay }`; out `{ id, progress: [done, total] }`, then `{ id, result }`
// or `{ id, error: { message, errors } }` (the engine's problems, e.g. a bad overlay).
import { init, engine } from "./engine.js";
import { runBatch } from "./run.js";

const ready = init();

self.onmessage = async (ev) => {
  const { id, enterprises, overlay } = ev.data;
  try {
    await ready;
    const result = await runBatch(engine, enterprises, {
      overlay,
      onProgress: (done, total) => self.postMessage({ id, progress: [done, total] }),
    });
    self.postMessage({ id, result });
  } catch (e) {
    self.postMessage({ id, error: { message: String((e && e.message) || e), errors: (e && e.errors) || null } });
  }
};
