/* @ts-self-types="../pinghu-subsidy-calculator.d.ts" */
// Registers <pinghu-subsidy-calculator> on import, and exports the element's public API.
// This is the entry point: unbundled, a page loads it directly,
//   <script type="module" src="element/define.js"></script>
// and `make build` bundles it, with every module it imports, into pinghu-subsidy-calculator.min.js.
//
// The modules (all ES2019 + import.meta + import(), for old WeChat web-views):
//   element.js  the element: API, life cycle, calculation, engine faults, actions
//   mode-switch.js  the switch between one year and the plan
//   plan-loader.js  loads plan-view.js on demand (its own bundle in the build)
//   plan-view.js    the plan view (not imported here: loaded when the plan is first shown)
//   plan.js     pure: the plan's request, error paths, caps' rows, headroom
//   keep.js     copying to the clipboard, downloading a file
//   form.js     the form built from policy(), errors at the fields
//   results.js  the estimate, notices, actions, print header
//   model.js    pure: form values → request, error paths, notice placement, summary/CSV/JSON
//   money.js    pure: decimal strings formatted (¥1,234.50, 万元, %)
//   strings.js  pure: the element's own UI text in Chinese and English (strings-parts.js: the
//               parts' own, in their bundles)
//   engine.js   loading the engine once, restarting it after a trap
//   assets.js   where pkg/ and the stylesheet are (unbundled and bundled)
//   dom.js      DOM helpers and language bindings

import { PinghuSubsidyCalculatorElement } from "./element.js";
import { formatYuan, formatWan, formatRate } from "./money.js";

PinghuSubsidyCalculatorElement.formatYuan = formatYuan;
PinghuSubsidyCalculatorElement.formatWan = formatWan;

if (typeof window !== "undefined" && window.customElements) {
  PinghuSubsidyCalculatorElement.define();
  if (!window.PinghuSubsidyCalculatorElement) window.PinghuSubsidyCalculatorElement = PinghuSubsidyCalculatorElement;
}

export { PinghuSubsidyCalculatorElement, formatYuan, formatWan, formatRate };
export default PinghuSubsidyCalculatorElement;
