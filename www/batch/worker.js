// The batch's reading and computing in a module worker: the page keeps the DOM and stays
// responsive while the file is decoded, tokenized, mapped (session.js) and computed (run.js).
// Messages in: `{ id, op: "load", bytes, options }`, `{ id, op: "review", options }`,
// `{ id, op: "compute", overlay }`; out: `{ id, progress: [done, total] }` while computing, then
// `{ id, result }` or `{ id, error: { message, errors } }` (the engine's problems, e.g. a bad overlay).
import { init, engine } from "./engine.js";
import { runSide } from "./side.js";
import { newSession } from "./session.js";

const ready = init();
const session = newSession();

self.onmessage = async (ev) => {
  const { id } = ev.data;
  try {
    await ready;
    const result = await runSide(engine, session, ev.data, {
      onProgress: (done, total) => self.postMessage({ id, progress: [done, total] }),
    });
    self.postMessage({ id, result });
  } catch (e) {
    self.postMessage({ id, error: { message: String((e && e.message) || e), errors: (e && e.errors) || null } });
  }
};
