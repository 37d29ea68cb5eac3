// The <pinghu-subsidy-calculator> element: its public API (attributes, properties, events),
// its life cycle, the calculation (form → model → engine → results), recovery from engine
// faults. The actions (copy, download, print, clear) are element-keep.js. The form and the results are
// form.js and results.js; what the values mean is model.js. Registering the tag is define.js.

import { loadEngine, sharedEngine, isEngineFault, warmEngine } from "./engine.js";
import { STYLE_URL, partUrl } from "./assets.js";
import { partsStyle } from "./part-style.js";
import { showLang } from "./lang-loader.js";
import { LOAD_FAILED, langKey, langTag } from "./strings.js";
import { formatYuan } from "./money.js";
import { buildRequest, withoutExpenses, normaliseErrors, readYear } from "./model.js";
import { keepActions, planKeep } from "./element-keep.js";
import { h, append, setText, LangBindings, inheritedLang } from "./dom.js";
import { CalculatorForm } from "./form.js";
import { ResultsView } from "./results.js";
import { modeSwitch } from "./mode-switch.js";
import { loadPlanView } from "./plan-loader.js";
import { applyWorkspace } from "./workspace-load.js";
import { later } from "./after-frame.js";
import { engineFault } from "./element-faults.js";

let instanceCount = 0;

export class PinghuSubsidyCalculatorElement extends HTMLElement {
  static get observedAttributes() {
    return ["lang", "year", "mode", "language-switch", "workspace"];
  }

  /** Registers the element under `tag` (safe to call twice: the first registration stays). */
  static define(tag = "pinghu-subsidy-calculator", registry = window.customElements) {
    if (!registry.get(tag)) {
      try {
        registry.define(tag, this);
      } catch (e) {
        // Same class already registered under another name, or a race: keep the first.
      }
    }
    return this;
  }

  constructor() {
    super();
    this._uid = "p" + ++instanceCount;
    this._engine = null;
    this._result = null;
    this._resultSig = null;
    this._request = null;
    this._form = null;
    this._view = null;
    this._shell = null;
    this._plan = null;
    this._planLoading = null;
    this._connectedOnce = false;
    // Trap recovery: restarts so far, the calculation they belong to, and whether one is under way.
    this._restarts = 0;
    this._calcSerial = 0;
    this._restartSerial = -1;
    this._restarting = false;
    // After a keystroke: the result but for its totals, drawn after the frame (_recalc "typed").
    this._toRender = null;
    this._stale = false;
    this._rest = later(() => this._renderRest());
    this._engineDead = false;
    this._engineBroken = false;
    this._firstResultShown = false;
    this._readyResolve = null;
    this._ready = new Promise((resolve) => {
      this._readyResolve = resolve;
    });
    this._root = this.attachShadow({ mode: "open" });
    this._texts = new LangBindings(this._root, "zh");
    showLang(this, langKey(this.getAttribute("lang"))); // English once its words are in (lang-loader.js)
  }

  // ---------- public API

  /** Resolves when the engine has loaded and the form is built. */
  get ready() {
    return this._ready;
  }

  /** The latest result of `calculate()` (null before the first). */
  get result() {
    return this._result;
  }

  /** The engine's `policy()` (null before it has loaded). */
  get policy() {
    return this._engine ? this._engine.policy : null;
  }

  /** The request last sent to `calculate()` for the shown result. */
  get input() {
    return this._request;
  }

  /** The `year` attribute read strictly (1 to 4 digits); otherwise the current calendar year. */
  get year() {
    return readYear(this.getAttribute("year"), new Date().getFullYear());
  }

  set year(value) {
    this.setAttribute("year", String(value));
  }

  /** "plan" (the years of the policy, `calculate_plan()`) when the `mode` attribute says so; otherwise "year". */
  get mode() {
    return this.getAttribute("mode") === "plan" ? "plan" : "year";
  }

  set mode(value) {
    this.setAttribute("mode", value === "plan" ? "plan" : "year");
  }

  /** The latest result of `calculate_plan()` in the plan view (null before the first), and its request. */
  get planResult() {
    return this._plan ? this._plan.result : null;
  }

  get planInput() {
    return this._plan ? this._plan.request : null;
  }

  connectedCallback() {
    // A `year` property set before the element was defined would shadow the accessor.
    if (Object.prototype.hasOwnProperty.call(this, "year")) {
      const value = this.year;
      delete this.year;
      this.year = value;
    }
    if (this._connectedOnce) return;
    this._connectedOnce = true;
    if (!this.hasAttribute("lang")) showLang(this, langKey(inheritedLang(this))); // else <html lang>
    this._renderShell();
    Promise.all([loadEngine(), this._langShown])
      .then(([engine]) => {
        this._engine = engine;
        this._build();
        this._recalc();
        this._readyResolve(this);
        // A share link, on load and pasted into this open tab (share-open.js, loaded on demand).
        this._onHash = () => this._openHash();
        window.addEventListener("hashchange", this._onHash);
        this._openHash();
      })
      .catch((err) => {
        this._engine = null;
        this._renderFailure(err);
      });
  }

  disconnectedCallback() {
    this._flushPending();
    if (this._onHash) window.removeEventListener("hashchange", this._onHash);
  }

  /** Opens the page's share link (`#s=…`), if it has one; resolves when it is shown. */
  _openHash() {
    const hash = typeof location !== "undefined" ? location.hash : "";
    if (hash.indexOf("#s=") !== 0 || !this._form) return Promise.resolve(null);
    // The banner it shows is styled by the parts' stylesheet: both loaded before it shows.
    return Promise.all([import(partUrl("share-open")), partsStyle(this._root)]).then(([m]) => m.openShared(this, hash));
  }

  /** Fills the form (kind "year" | "plan", `fill` as workspace/fill.js makes it) and calculates; resolves when done. */
  _fillWith(kind, fill) {
    this.mode = kind;
    if (kind === "plan") {
      // The plan view is loaded on demand (plan-loader.js): fill it once it is there.
      return Promise.resolve(this._planLoading).then(() => {
        this._plan.fill(fill.perYear, fill.received);
        this._recalc();
      });
    }
    this.year = fill.year;
    this._form.setValues(fill.values);
    this._recalc();
    return Promise.resolve();
  }

  /** An input not yet calculated (an amount not yet read, a composition) is calculated now (on disconnect; before the workspace saves or shares). */
  _flushPending() {
    if ((this._form && this._form.pending) || (this._plan && this._plan.cancelPending())) this._recalc();
    this._rest.flush();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === "language-switch" && this._visit) this._visit.langSwitch.hidden = newValue === null;
    else if (name === "lang") showLang(this, langKey(newValue === null ? inheritedLang(this) : newValue));
    else if (name === "mode" || name === "workspace") {
      if (this._form) name === "mode" ? this._applyMode() : applyWorkspace(this);
    } else if (name === "year") {
      if (this._form) {
        this._form.syncYearOptions();
        this._recalc();
      }
    }
  }

  _applyLang() {
    const L = this._texts.lang;
    this._shell.setAttribute("lang", langTag(L));
    this._texts.setLang(L);
    // Results carry the element's language only: the shown view is calculated again in the new
    // one (the other when it is next shown, _applyMode).
    if (this._form) this._recalc();
    if (this._visit) this._visit.rerender();
  }

  // ---------- shell, loading and failure

  _renderShell() {
    const link = h("link", { rel: "stylesheet", href: STYLE_URL });
    this._shell = h("div", { class: "root", part: "root", hidden: true });
    // Show once the stylesheet is in (no flash of unstyled content), or anyway.
    const reveal = () => {
      if (this._shell && this._shell.hidden) {
        this._shell.hidden = false;
        this._noteFirstResult();
      }
    };
    link.addEventListener("load", reveal);
    link.addEventListener("error", reveal);
    setTimeout(reveal, 3000);
    this._status = h("p", { class: "status", part: "status", role: "status" });
    this._shell.appendChild(this._texts.text("p", { class: "loading", part: "loading" }, (L, ui) => ui.loading));
    this._root.appendChild(link);
    this._root.appendChild(this._shell);
    this._shell.setAttribute("lang", langTag(this._texts.lang));
  }

  _renderFailure(err) {
    if (typeof console !== "undefined") console.error("pinghu-subsidy-calculator:", err);
    const box = h(
      "div",
      { class: "failure", part: "failure", role: "alert" },
      h("p", { lang: "zh-CN" }, LOAD_FAILED.zh),
      h("p", { lang: "en" }, LOAD_FAILED.en),
      h("slot", { name: "fallback" }),
      h("p", { class: "failure-detail" }, String((err && err.message) || err))
    );
    this._shell.textContent = "";
    this._shell.appendChild(box);
    this._shell.hidden = false;
    this.dispatchEvent(new CustomEvent("subsidy-error", { bubbles: true, composed: true, detail: { error: err } }));
  }

  /** The form and the results, from the engine's policy. */
  _build() {
    const policy = this._engine.policy;
    this._shell.textContent = "";
    this._form = new CalculatorForm({
      uid: this._uid,
      texts: this._texts,
      policy: policy,
      year: () => this.year,
      setYear: (value) => {
        this.year = value;
      },
      recalc: (how) => this._recalc(how),
      readAmount: (raw) => this._readAmount(raw),
      keepInView: (target) => this._keepInView(target),
    });
    this._view = new ResultsView({
      uid: this._uid,
      texts: this._texts,
      policy: policy,
      actions: keepActions(this),
    });
    this._single = h("div", { class: "layout" }, h("div", { class: "form-col" }, this._form.el, this._view.mini), this._view.section);
    this._planBox = h("div", { class: "plan-box", hidden: true });
    this._modes = modeSwitch(this._texts, this._uid, this._engine.policy, (mode) => (this.mode = mode));
    append(this._shell, this._view.printHead, this._form.banner, this._modes.el, this._single, this._planBox, this._view.otherMeasures, this._status);
    this._applyMode(true);
    // The consultant's workspace (workspace-load.js: its code loads only when the attribute is on).
    applyWorkspace(this);
  }

  /**
   * Shows the view of `mode`. The plan view's code (plan-view.js; its own file beside the bundle)
   * is loaded the first time the plan is shown, so a visitor who only calculates one year
   * never downloads it.
   */
  _applyMode(initial) {
    const plan = this.mode === "plan";
    this._modes.show(plan ? "plan" : "year");
    if (plan && !this._plan) this._loadPlanView();
    this._single.hidden = plan;
    this._planBox.hidden = !plan;
    this._view.printHead.hidden = plan; // the plan view prints its own
    if (initial !== true && (plan || !this._result || this._resultLang !== this._texts.lang)) this._recalc();
  }

  /** Loads and builds the plan view once (plan-loader.js), then calculates it if it is shown. */
  _loadPlanView() {
    if (this._planLoading) return;
    this._planLoading = loadPlanView(this._texts, this._planBox, {
      uid: this._uid,
      texts: this._texts,
      policy: this._engine.policy,
      recalc: () => this._recalc(),
      readAmount: (raw) => this._readAmount(raw),
      keepInView: (target) => this._keepInView(target),
      fault: (err) => this._engineFault(err),
      keep: planKeep(this),
      changed: (result) => this.dispatchEvent(new CustomEvent("subsidy-plan-change", { bubbles: true, composed: true, detail: result })),
    }).then(
      (view) => {
        this._plan = view;
        if (this.mode === "plan") this._recalc();
      },
      (err) => {
        this._planLoading = null;
        if (typeof console !== "undefined") console.warn("pinghu-subsidy-calculator: the plan view could not be loaded", err);
      }
    );
  }

  /** A focused field is never hidden under the small sticky total (narrow screens). */
  _keepInView(target) {
    const mini = this._view && this._view.mini;
    if (!mini || !target || !target.getBoundingClientRect) return;
    const m = mini.getBoundingClientRect();
    if (!m.height) return;
    const r = target.getBoundingClientRect();
    if (r.bottom > m.top && r.top < m.bottom && target.scrollIntoView) {
      target.scrollIntoView({ block: "center" });
    }
  }

  /** The engine's reading of an amount, formatted ("" when it is not an amount). */
  _readAmount(raw) {
    if (!this._engineUsable()) return "";
    try {
      return formatYuan(this._engine.readAmount(raw));
    } catch (e) {
      // A fault (trap) rather than an input error: the next calculation restarts the engine.
      if (isEngineFault(e)) this._engineBroken = true;
      return "";
    }
  }

  // ---------- calculation

  /**
   * Calculates from the form and shows the result. `how`: "restart", the same calculation again
   * with a new engine instance after a fault (not a new request, so no second restart for it);
   * "typed", a keystroke's: only the totals are drawn at once, in the keystroke's own frame, and
   * the rest of the result (lines, notices, the notes at the fields, the next steps) in the task
   * after that frame (issue 20: keystroke to total on screen on a phone; docs/performance.md).
   * Every other change draws the whole result at once.
   */
  _recalc(how) {
    if (this._form) this._form.cancelPending();
    if (!this._engine || this._restarting || this._engineDead) return;
    if (how !== "restart") this._calcSerial++;
    // Another element on the page may have replaced the shared engine after a fault: use the new one.
    const shared = sharedEngine();
    if (shared && shared !== this._engine) {
      this._engine = shared;
      this._engineBroken = false;
    }
    if (this._engineBroken) {
      this._engineFault(null);
      return;
    }
    if (this.mode === "plan") {
      // Until plan-view.js has loaded there is nothing to calculate; it calls back when it has.
      if (this._plan) this._plan.recalc(this._engine);
      return;
    }
    const form = this._form;
    const built = buildRequest(this.year, form.values());
    form.clearErrors();
    let result = null;
    let request = built.request;
    let errors = null;
    try {
      // Only the element's language: about half the result to write and parse (a switch recalculates).
      result = this._engine.calculate(request, langTag(this._texts.lang));
    } catch (err) {
      if (isEngineFault(err)) {
        this._engineFault(err);
        return;
      }
      errors = normaliseErrors(err);
    }
    let excluded = 0;
    let stale = false;
    if (errors) {
      const placed = form.showErrors(errors, built.map, this._view.generalError);
      // Leave out the entries that have errors and keep the rest of the estimate current.
      if (placed.general === 0 && placed.bad.size > 0) {
        request = withoutExpenses(request, placed.bad);
        try {
          result = this._engine.calculate(request, langTag(this._texts.lang));
          excluded = placed.bad.size;
        } catch (err2) {
          if (isEngineFault(err2)) {
            this._engineFault(err2);
            return;
          }
          result = null;
        }
      }
      stale = !result;
    }
    form.updateFilledCounts(built.map);
    // A keystroke after the first result: the rest of the result is drawn after its frame.
    const putOff = how === "typed" && this._firstResultShown;
    if (result) {
      const sig = JSON.stringify(result);
      const changed = sig !== this._resultSig;
      this._resultSig = sig;
      this._result = result;
      this._resultLang = this._texts.lang;
      this._request = request;
      this._toRender = result;
      this._view.renderTotal(result, putOff);
      if (changed) {
        this.dispatchEvent(new CustomEvent("subsidy-change", { bubbles: true, composed: true, detail: result }));
      }
    }
    this._stale = stale;
    this._excluded = excluded;
    if (putOff) {
      this._rest.schedule();
    } else {
      this._rest.cancel();
      this._renderRest();
    }
  }

  /** The result but for its totals (drawn by _recalc), what is left out or stale, the visit's additions. */
  _renderRest() {
    // A result carries one language: one put off before a language switch is not drawn in the new.
    if (this._toRender && this._resultLang === this._texts.lang) {
      this._view.render(this._toRender);
      this._toRender = null;
      this._noteFirstResult();
    }
    this._view.renderPending(this._excluded, this._stale);
    if (this._visit) this._visit.render(this._result, this._excluded);
  }

  _engineUsable() {
    return !!this._engine && !this._restarting && !this._engineDead && !this._engineBroken;
  }

  /** The engine threw something that is not an input error (a trap): element-faults.js. */
  _engineFault(err) {
    // What a keystroke put off is drawn first, so that it cannot cover what the fault says.
    this._rest.flush();
    engineFault(this, err);
  }

  /** Marks the moment the first result is on screen (`performance.mark`, read by bench/browser.mjs). */
  _noteFirstResult() {
    if (this._firstResultShown || !this._result || !this._shell || this._shell.hidden) return;
    this._firstResultShown = true;
    // A measurement aid only: a name no browser reserves, where User Timing exists.
    if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark("pinghu-first-result");
    // The visit's additions (visit.js, a part) are fetched once the first result is on screen,
    // with the parts' stylesheet (part-style.js; print's rules are there too), shown once both are in.
    const host = { uid: this._uid, texts: this._texts, policy: this._engine.policy, form: this._form, view: this._view, element: this, shell: this._shell, excluded: () => this._excluded, plan: () => this._plan };
    const warn = (e) => typeof console !== "undefined" && console.warn("pinghu-subsidy-calculator: visit.js could not load", e);
    setTimeout(() => Promise.all([import(partUrl("visit")), partsStyle(this._root)]).then(([m]) => (this._visit = new m.Visit(host)), warn), 0);
    // The engine's code for amounts and lines compiled before the first keystroke (engine.js).
    setTimeout(() => {
      if (this._engineUsable() && !warmEngine(this._engine, this.year, langTag(this._texts.lang))) this._engineBroken = true;
    }, 0);
  }

  // ---------- keeping and sharing

  _say(text) {
    setText(this._status, "");
    // A fresh text node so that repeated messages are announced again.
    setTimeout(() => setText(this._status, text), 50);
  }
}
