// Work that may wait for the next frame: `later(run)` runs `run` once in the task after the
// next frame is drawn (requestAnimationFrame, then a task), however many times it is scheduled
// before that. Where no frame comes (a hidden page draws none) it runs after NO_FRAME_MS.
// The element draws a keystroke's total in the keystroke's own frame and the rest of the result
// here (element.js; issue 20: keystroke to total on screen on a phone).

const NO_FRAME_MS = 200;

/**
 * @param {() => void} run
 * @returns {{ schedule(): void, flush(): void, cancel(): void }}
 */
export function later(run) {
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
      timer = setTimeout(fire, NO_FRAME_MS);
    },
    /** Runs it now if it is scheduled. */
    flush: fire,
    cancel() {
      pending = false;
      clearTimeout(timer);
    },
  };
}
