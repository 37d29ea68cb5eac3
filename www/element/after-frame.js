// Work that may wait for the next frame: `later(run)` runs `run` once in the task after the
// next frame is drawn (requestAnimationFrame, then a task), however many times it is scheduled
// before that. Where no frame comes (a hidden page draws none) it runs after `fallbackMs`.
// The element draws a keystroke's total in the keystroke's own frame and the rest of the result
// here (element.js; issue 20: keystroke to total on screen on a phone).

/**
 * @param {() => void} run
 * @param {number} [fallbackMs]
 * @returns {{ schedule(): void, flush(): void, cancel(): void, readonly pending: boolean }}
 */
export function later(run, fallbackMs) {
  let pending = false;
  let timer = null;
  const fire = () => {
    if (!pending) return;
    pending = false;
    clearTimeout(timer);
    run();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(fire, 0));
      timer = setTimeout(fire, fallbackMs == null ? 200 : fallbackMs);
    },
    /** Runs it now if it is scheduled. */
    flush: fire,
    cancel() {
      pending = false;
      clearTimeout(timer);
    },
    get pending() {
      return pending;
    },
  };
}
