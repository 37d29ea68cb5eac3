// Where the element's files are: the engine (pkg/) and the stylesheet, found from this module's
// own URL, so the element works wherever the files are copied together.
//
// Unbundled, this module is element/assets.js: pkg/ and pinghu-subsidy-calculator.css are one
// folder up. In the bundle `make build` writes (pinghu-subsidy-calculator.min.js), every
// module's `import.meta.url` is the bundle's: esbuild defines PINGHU_BUNDLE as true, pkg/ is
// next to the bundle, and the stylesheet is named like it (….min.js loads ….min.css).
//
// The parts loaded on demand (the plan view, the visit's additions, the CSV writer) are
// element/NAME.js unbundled, and in the build each its own bundle beside the element's
// (….min.js loads ….NAME.min.js), written by `make build` (partUrl).

/* global PINGHU_BUNDLE */
const BUNDLED = typeof PINGHU_BUNDLE !== "undefined" && PINGHU_BUNDLE === true;
const HERE = import.meta.url.split(/[?#]/)[0];
const BASE = BUNDLED ? HERE : new URL("../", HERE).href;

export const ENGINE_URL = new URL("./pkg/pinghu_subsidy.js", BASE).href;
export const WASM_URL = new URL("./pkg/pinghu_subsidy_bg.wasm", BASE).href;
// The second package (the batch and the workspace; see Makefile), loaded by the workspace only.
export const WORKSPACE_ENGINE_URL = new URL("./pkg-office/pinghu_subsidy.js", BASE).href;
export const WORKSPACE_WASM_URL = new URL("./pkg-office/pinghu_subsidy_bg.wasm", BASE).href;
export const STYLE_URL = BUNDLED
  ? HERE.replace(/\.js$/, ".css")
  : new URL("./pinghu-subsidy-calculator.css", BASE).href;
/** The URL of a part loaded on demand (plan-view, visit, csv): element/NAME.js unbundled, and
 *  in the build its own bundle beside the element's (….min.js → ….NAME.min.js). */
export function partUrl(name) {
  return BUNDLED ? HERE.replace(/\.min\.js$/, "." + name + ".min.js") : new URL("./" + name + ".js", HERE).href;
}
/** A part's own stylesheet (the workspace's): element/NAME.css unbundled, ….NAME.min.css built. */
export function partStyleUrl(name) {
  return BUNDLED ? HERE.replace(/\.min\.js$/, "." + name + ".min.css") : new URL("./" + name + ".css", HERE).href;
}
