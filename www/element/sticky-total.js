// The sticky total tells the truth: beside the total (the small bar on narrow screens and the
// total card), "（1 处未计入）" with a button to the first field that needs fixing; tapping the
// small bar jumps to the results. The bar and the card are results.js's; this fills them.

import { h, setText } from "./dom.js";

export class StickyTotal {
  /** host: { texts (LangBindings), view (ResultsView: mini, miniValue, totalValue), jump(), fix() } */
  constructor(host) {
    const T = host.texts;
    this.texts = T;
    const mini = host.view.mini;
    mini.textContent = "";
    mini.removeAttribute("aria-hidden");
    this.jump = h(
      "button",
      { type: "button", class: "mini-jump", part: "mini-jump" },
      T.text("span", { class: "mini-label" }, (L, ui) => ui.miniTotal),
      host.view.miniValue
    );
    T.bind(this.jump, (L, ui) => this.jump.setAttribute("title", ui.toResults));
    this.jump.addEventListener("click", () => host.jump());
    this.miniFix = this._fixButton(host, "mini-fix");
    mini.appendChild(this.jump);
    mini.appendChild(this.miniFix);
    this.cardFix = this._fixButton(host, "total-fix");
    host.view.totalValue.parentNode.appendChild(this.cardFix);
    this.count = 0;
  }

  _fixButton(host, cls) {
    const b = h("button", { type: "button", class: "link-button left-out " + cls, part: "left-out", hidden: true });
    b.addEventListener("click", () => host.fix());
    return b;
  }

  /** Shows how many entries or lines the total leaves out (0: nothing said). */
  update(count) {
    this.count = count;
    [this.miniFix, this.cardFix].forEach((b) => {
      b.hidden = !count;
      this.texts.dyn(b, count ? (L, ui) => setText(b, ui.leftOut(count).trim() + (L === "en" ? " " : "") + ui.fixFirst) : null);
    });
  }
}
