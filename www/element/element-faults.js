// Recovery from an engine fault (a trap, not an input error) for the element (element.js): the
// broken instance is discarded and a new one made (engine.js restartEngine), the same calculation
// runs again; a failure that recurs is said where the result is, the last estimate kept.

import { restartEngine } from "./engine.js";
import { UI } from "./strings.js";
import { normaliseErrors } from "./model.js";

// Restarts of the engine after a trap: at most one per calculation, this many per element.
const MAX_RESTARTS = 3;

/**
 * The engine of element `el` threw something that is not an input error (a trap): its instance
 * is discarded and a new one made, then the same calculation runs again. At most one restart per
 * calculation and MAX_RESTARTS per element, so a trap that always recurs cannot loop.
 */
export function engineFault(el, err) {
  if (el._restarting || el._engineDead) return;
  el._engineBroken = true;
  if (err && typeof console !== "undefined") console.warn("pinghu-subsidy-calculator: the engine failed", err);
  el._form.clearErrors();
  if (el._restarts >= MAX_RESTARTS) {
    el._engineDead = true;
    showEngineError(el, { zh: UI.zh.engineFailed, en: UI.en.engineFailed });
    return;
  }
  if (el._restartSerial === el._calcSerial) {
    // The new instance failed on the same request: wait for the next change.
    showEngineError(el, normaliseErrors(err || new Error("engine restarted"))[0]);
    return;
  }
  el._restarts++;
  el._restartSerial = el._calcSerial;
  el._restarting = true;
  restartEngine(el._engine).then(
    (engine) => {
      el._restarting = false;
      el._engineBroken = false;
      el._engine = engine;
      el._view.showRestarted();
      if (el._plan) el._plan.showRestarted();
      el._form.refreshReadings();
      if (el._plan) el._plan.refreshReadings();
      el._recalc("restart");
    },
    (e) => {
      el._restarting = false;
      el._engineDead = true;
      if (typeof console !== "undefined") console.warn("pinghu-subsidy-calculator: the engine could not be restarted", e);
      showEngineError(el, { zh: UI.zh.engineFailed, en: UI.en.engineFailed });
    }
  );
}

/** The previous estimate stays, marked as not current, with the engine's failure said above it. */
function showEngineError(el, err) {
  el._form.markError(null, el._view.generalError, { zh: err.zh, en: err.en });
  el._view.renderPending(0, "engine");
  if (el._plan) el._plan.showEngineError({ zh: err.zh, en: err.en });
}
