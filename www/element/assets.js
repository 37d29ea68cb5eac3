// Where the element's files are: the engine (pkg/) and the stylesheet, found from this module's
// own URL, so the element works wherever the files are copied together.
//
// Unbundled, this module is element/assets.js: pkg/ and pinghu-subsidy-calculator.css are one
// folder up. In the bundle `make build` writes (pinghu-subsidy-calculator.min.js), every
// module's `import.meta.url` is the bundle's: esbuild defines PINGHU_BUNDLE as true, pkg/ is
// next to the bundle, and the stylesheet is named like it (….min.js loads ….min.css).
//
// The plan view is loaded on demand: plan-view.js unbundled, and in the bundle its own bundle
// beside it (….min.js loads ….plan-view.min.js), built from plan-view.js by `make build`.

/* global PINGHU_BUNDLE */
const BUNDLED = typeof PINGHU_BUNDLE !== "undefined" && PINGHU_BUNDLE === true;
const HERE = import.meta.url.split(/[?#]/)[0];
const BASE = BUNDLED ? HERE : new URL("../", HERE).href;

export const ENGINE_URL = new URL("./pkg/pinghu_subsidy.js", BASE).href;
export const WASM_URL = new URL("./pkg/pinghu_subsidy_bg.wasm", BASE).href;
export const STYLE_URL = BUNDLED
  ? HERE.replace(/\.js$/, ".css")
  : new URL("./pinghu-subsidy-calculator.css", BASE).href;
export const PLAN_VIEW_URL = BUNDLED
  ? HERE.replace(/\.min\.js$/, ".plan-view.min.js")
  : new URL("./plan-view.js", HERE).href;
