// The consultant's workspace panel, loaded by the element only when its `workspace` attribute
// is on (a dynamic import(), so a plain calculator downloads none of it). Clients and their
// scenarios on this device, compare, erase everything, export/import, and the share link. The stored
// format and the browser storage belong to the engine (src/workspace.rs, src/wasm.rs); this module
// renders what it returns (textContent only) and holds no policy knowledge.

import { h, append, setText } from "../dom.js";
import { WS } from "./strings.js";
import { fillFor } from "./fill.js";
import { encodeShare, LONG_LINK } from "./share.js";
import { UI } from "../strings.js";
import { reportRows, reportElement, reportCsv, reportHtml } from "./report.js";
import { newId, today, skippedText, attempt, byName, fileName } from "./store.js";
import { CompareView } from "./compare-view.js";
import { exportAll, importChosen, previewImport, applyImport } from "./transfer.js";
import { driftText, driftSentence, driftElement } from "./drift.js";

/**
 * host (element.js `_workspaceHost()`): { uid, texts, policy, engine() → engine or null,
 * current() → { kind, input, result }, fill(kind, fill), mount(el), say(text) }.
 * Returns { el }.
 */
export function attachWorkspace(host) {
  const panel = new WorkspacePanel(host);
  host.mount(panel.el);
  panel.reload();
  // A share link in the page's address is opened by the element itself (share-open.js).
  return panel;
}

class WorkspacePanel {
  constructor(host) {
    this.host = host;
    this.texts = host.texts;
    this.clients = [];
    this.clientId = "";
    this.preview = null;
    // The scenario last opened: { id, check } (check: what its stamp says, see _check).
    this.opened = null;
    this.el = this._build();
  }

  _id(s) {
    return this.host.uid + "-ws-" + s;
  }

  /** A node whose text is WS[lang][key] (or fn(w, lang)). */
  _t(tag, props, key) {
    return this.texts.text(tag, props, (L) => (typeof key === "function" ? key(WS[L], L) : WS[L][key]));
  }

  _button(key, onclick, cls) {
    const b = this._t("button", { type: "button", class: "ws-button " + (cls || ""), part: "action" }, key);
    b.addEventListener("click", onclick);
    return b;
  }

  _engine() {
    const e = this.host.engine();
    return e && e.workspace ? e.workspace : null;
  }

  /** Says a message in the panel's live region: { zh, en } or a WS key or fn(w). */
  _say(msg, isError) {
    this.status.className = "ws-status" + (isError ? " ws-error" : "");
    this.status.setAttribute("role", isError ? "alert" : "status");
    this.texts.dyn(this.status, (L) => setText(this.status, typeof msg === "function" ? msg(WS[L], L) : typeof msg === "string" ? WS[L][msg] : msg[L]));
  }

  _build() {
    const id = (s) => this._id(s);
    this.status = h("p", { class: "ws-status", role: "status", "aria-live": "polite", "data-ws": "status" });
    this.skipped = h("div", { class: "ws-skipped", role: "alert", hidden: true, "data-ws": "skipped" });

    // Client: choose, or create.
    this.clientSelect = h("select", { id: id("client"), "data-ws": "client" });
    this.clientSelect.addEventListener("change", () => {
      this.clientId = this.clientSelect.value;
      this.opened = null;
      this._renderScenarios();
    });
    this.nameInput = h("input", { type: "text", id: id("name"), autocomplete: "off", "data-ws": "name" });
    this.contactInput = h("input", { type: "text", id: id("contact"), autocomplete: "off", "data-ws": "contact" });
    this.notesInput = h("textarea", { id: id("notes"), rows: "2", "data-ws": "notes" });
    const create = this._button("create", () => this.createClient(), "ws-create");
    create.setAttribute("data-ws", "create");
    this.newBox = h(
      "details",
      { class: "ws-new", "data-ws": "new" },
      this._t("summary", null, "newClient"),
      h("div", { class: "field" }, this._t("label", { for: id("name") }, "name"), this.nameInput),
      h("div", { class: "field" }, this._t("label", { for: id("contact") }, "contact"), this.contactInput),
      h("div", { class: "field" }, this._t("label", { for: id("notes") }, "notes"), this.notesInput),
      create
    );

    // Scenarios of the chosen client.
    this.scenarioName = h("input", { type: "text", id: id("scenario"), autocomplete: "off", "data-ws": "scenario-name" });
    const save = this._button("save", () => this.saveScenario(), "ws-save");
    save.setAttribute("data-ws", "save");
    this.list = h("ul", { class: "ws-scenarios", "aria-labelledby": id("list-h"), "data-ws": "scenarios" });
    this.compareView = new CompareView(this);

    // Share link.
    this.shareName = h("input", { type: "checkbox", id: id("share-name"), "data-ws": "share-name" });
    this.linkOut = h("input", { type: "text", id: id("link"), readonly: true, class: "ws-link", "data-ws": "link" });
    const copy = this._button("copyLink", () => this.copyLink(), "ws-copy-link");
    copy.setAttribute("data-ws", "copy-link");

    // Export and import.
    const exp = this._button("exportAll", () => this.exportAll(), "ws-export");
    exp.setAttribute("data-ws", "export");
    this.fileInput = h("input", { type: "file", id: id("file"), accept: "application/json,.json", "data-ws": "import" });
    this.fileInput.addEventListener("change", () => this.importChosen());
    this.previewBox = h("div", { class: "ws-preview", hidden: true, "data-ws": "preview" });

    // The client report.
    this.preparer = h("input", { type: "text", id: id("preparer"), autocomplete: "name", "data-ws": "preparer" });
    const print = this._button("printReport", () => this.printReport(), "ws-print");
    print.setAttribute("data-ws", "print");
    const html = this._button("downloadHtml", () => this.downloadReport("html"), "ws-html");
    html.setAttribute("data-ws", "report-html");
    const csv = this._button("downloadCsv", () => this.downloadReport("csv"), "ws-csv");
    csv.setAttribute("data-ws", "report-csv");
    this.reportBox = h("div", { class: "ws-report-box", "data-ws": "report" });

    const erase = this._button("erase", () => this.eraseAll(), "ws-erase danger");
    erase.setAttribute("data-ws", "erase");

    return h(
      "section",
      { class: "workspace", part: "workspace", "aria-labelledby": id("h") },
      this._t("h2", { id: id("h"), class: "section-title" }, "heading"),
      this._t("p", { class: "hint" }, "intro"),
      this.status,
      this.skipped,
      h("div", { class: "field" }, this._t("label", { for: id("client") }, "client"), this.clientSelect),
      this.newBox,
      h("div", { class: "field" }, this._t("label", { for: id("scenario") }, "scenarioName"), this.scenarioName, save),
      this._t("h3", { id: id("list-h"), class: "ws-subhead" }, "scenarios"),
      this.list,
      this.compareView.el,
      h(
        "div",
        { class: "ws-share", role: "group", "aria-labelledby": id("share-h") },
        this._t("h3", { id: id("share-h"), class: "ws-subhead" }, "shareHeading"),
        this._t("p", { class: "hint small" }, "shareIntro"),
        h("div", { class: "check" }, this.shareName, this._t("label", { for: id("share-name") }, "shareWithName")),
        copy,
        h("div", { class: "field" }, this._t("label", { for: id("link") }, "linkLabel"), this.linkOut)
      ),
      h(
        "div",
        { class: "ws-reports", role: "group", "aria-labelledby": id("report-h") },
        this._t("h3", { id: id("report-h"), class: "ws-subhead" }, "reportGroup"),
        this._t("p", { class: "hint small" }, "reportIntro"),
        h("div", { class: "field" }, this._t("label", { for: id("preparer") }, "preparer"), this.preparer),
        print,
        html,
        csv,
        this.reportBox
      ),
      h(
        "div",
        { class: "ws-files", role: "group", "aria-labelledby": id("files-h") },
        this._t("h3", { id: id("files-h"), class: "ws-subhead" }, "fileHeading"),
        exp,
        h("div", { class: "field" }, this._t("label", { for: id("file") }, "importFile"), this.fileInput),
        this.previewBox
      ),
      erase
    );
  }

  // ---------- loading

  /** Reads every client from the device (through the engine); what does not read is listed. */
  reload() {
    const ws = this._engine();
    if (!ws) return;
    const r = attempt(() => ws.load());
    if (r.error) {
      this.clients = [];
      this._say(r.error, true);
    } else {
      this.clients = byName(r.value.clients);
      this._showSkipped(r.value.skipped);
    }
    if (!this.clients.some((c) => c.id === this.clientId)) this.clientId = this.clients.length ? this.clients[0].id : "";
    this._renderClients();
  }

  _showSkipped(list) {
    const box = this.skipped;
    box.hidden = !list.length;
    this.texts.dyn(box, (L) => {
      box.textContent = "";
      if (!list.length) return;
      append(box, h("p", null, WS[L].skippedHeading), h("ul", null, list.map((s) => h("li", null, skippedText(s, L)))));
    });
  }

  _client() {
    return this.clients.find((c) => c.id === this.clientId) || null;
  }

  _renderClients() {
    const sel = this.clientSelect;
    this.texts.dyn(sel, (L) => {
      sel.textContent = "";
      if (!this.clients.length) sel.appendChild(h("option", { value: "" }, WS[L].noClient));
      this.clients.forEach((c) => sel.appendChild(h("option", { value: c.id }, c.name)));
      sel.value = this.clientId;
    });
    this._renderScenarios();
  }

  _renderScenarios() {
    this.compareView.update();
    const list = this.list;
    this.texts.dyn(list, (L) => {
      const w = WS[L];
      list.textContent = "";
      const c = this._client();
      if (!c || !c.scenarios.length) {
        list.appendChild(h("li", { class: "ws-none" }, w.none));
        return;
      }
      c.scenarios.forEach((s) => {
        const what = s.kind === "plan" ? w.kindPlan : w.kindYear(s.input.year);
        const label = s.name;
        const act = (key, fn) => {
          const b = h("button", { type: "button", class: "link-button", part: "action", "data-action": key, "aria-label": w[key] + " · " + label }, w[key]);
          b.addEventListener("click", fn);
          return b;
        };
        list.appendChild(
          h(
            "li",
            { class: "ws-scenario", "data-scenario": s.id },
            h("span", { class: "ws-scenario-name" }, label),
            " ",
            h("span", { class: "hint small" }, what + (s.saved ? " · " + w.saved(s.saved) : "")),
            " ",
            act("open", () => this.openScenario(s.id)),
            act("rename", () => this.renameScenario(s.id)),
            act("duplicate", () => this.duplicateScenario(s.id)),
            act("remove", () => this.removeScenario(s.id)),
            // What changed since it was saved, next to the control that opened it.
            this.opened && this.opened.id === s.id ? driftElement(driftText(this.host.policy, L, this.opened.check)) : null
          )
        );
      });
    });
  }

  // ---------- storing (each change writes the client's whole entry; a failure leaves the screen as it was)

  /** Stores `client`; on success replaces it in the list. Returns true when stored. */
  _store(client, done) {
    const ws = this._engine();
    if (!ws) return false;
    const r = attempt(() => ws.save(client));
    if (r.error) {
      this._say(r.error, true);
      return false;
    }
    const i = this.clients.findIndex((c) => c.id === client.id);
    if (i < 0) this.clients = byName(this.clients.concat([r.value]));
    else this.clients[i] = r.value;
    this.clientId = client.id;
    this._renderClients();
    if (done) this._say(done);
    return true;
  }

  createClient() {
    const name = this.nameInput.value.trim();
    if (!name) {
      this._say("needName", true);
      this.nameInput.focus();
      return;
    }
    const client = { id: newId("c"), name: name, contact: this.contactInput.value.trim(), notes: this.notesInput.value, scenarios: [] };
    if (this._store(client, (w) => w.created(name))) {
      this.nameInput.value = "";
      this.contactInput.value = "";
      this.notesInput.value = "";
      this.newBox.open = false;
    }
  }

  saveScenario() {
    const c = this._client();
    if (!c) return this._say("needClient", true);
    const name = this.scenarioName.value.trim();
    if (!name) {
      this.scenarioName.focus();
      return this._say("needScenarioName", true);
    }
    const cur = this.host.current();
    if (!cur.input) return this._say("nothingToSave", true);
    const scenario = { id: newId("s"), name: name, saved: today(), kind: cur.kind, input: cur.input };
    // Stamped with the policy data in use and what the input gives under it: the figures of the
    // result on screen (the same engine and input), so that after an update it can say what changed.
    const stamp = attempt(() => this._engine().stamp(scenario));
    if (stamp.error) return this._say(stamp.error, true);
    scenario.stamp = stamp.value;
    const next = Object.assign({}, c, { scenarios: c.scenarios.concat([scenario]) });
    if (this._store(next, (w) => w.savedMsg(name))) this.scenarioName.value = "";
  }

  _scenario(id) {
    const c = this._client();
    return c ? c.scenarios.find((s) => s.id === id) : null;
  }

  /**
   * What a scenario's stamp says under the policy data in use: { drift } (the engine's
   * comparison; its `same_policy` says nothing changed), { unstamped, now } for one saved before
   * stamps, or null when the engine could not compare (nothing more is said).
   */
  _check(s) {
    if (!s.stamp) return { unstamped: true, now: this.host.policy.version };
    const ws = this._engine();
    const r = ws ? attempt(() => ws.drift(s)) : { error: true };
    return r.error || !r.value ? null : { drift: r.value };
  }

  openScenario(id) {
    const s = this._scenario(id);
    if (!s) return;
    this.openedName = s.name;
    const check = this._check(s);
    this.opened = { id: s.id, check: check };
    this.host.fill(s.kind, fillFor(this.host.policy, s.kind, s.input));
    // Next to its open button (the list is not redrawn: the focus stays on the button), and said.
    this.list.querySelectorAll('[data-ws="drift"]').forEach((e) => e.remove());
    const li = Array.from(this.list.querySelectorAll("li[data-scenario]")).find((e) => e.getAttribute("data-scenario") === s.id);
    const box = driftElement(driftText(this.host.policy, this.texts.lang, check));
    if (li && box) li.appendChild(box);
    this._say((w, L) => {
      const said = driftSentence(driftText(this.host.policy, L, check), L);
      return w.opened(s.name) + (said ? " " + said : "");
    });
  }

  renameScenario(id) {
    const c = this._client();
    const s = this._scenario(id);
    if (!s) return;
    const name = window.prompt(WS[this.texts.lang].renamePrompt, s.name);
    if (name === null || !name.trim()) return;
    const next = Object.assign({}, c, { scenarios: c.scenarios.map((t) => (t.id === id ? Object.assign({}, t, { name: name.trim() }) : t)) });
    this._store(next, (w) => w.renamed(name.trim()));
  }

  duplicateScenario(id) {
    const c = this._client();
    const s = this._scenario(id);
    if (!s) return;
    const name = WS[this.texts.lang].copyOf(s.name);
    const copy = Object.assign({}, s, { id: newId("s"), name: name, saved: today() });
    const i = c.scenarios.indexOf(s);
    const scenarios = c.scenarios.slice(0, i + 1).concat([copy], c.scenarios.slice(i + 1));
    this._store(Object.assign({}, c, { scenarios: scenarios }), (w) => w.duplicated(name));
  }

  removeScenario(id) {
    const c = this._client();
    const s = this._scenario(id);
    if (!s || !window.confirm(WS[this.texts.lang].removeConfirm(s.name))) return;
    if (this.opened && this.opened.id === id) this.opened = null;
    this._store(Object.assign({}, c, { scenarios: c.scenarios.filter((t) => t.id !== id) }), (w) => w.removed(s.name));
  }

  eraseAll() {
    const ws = this._engine();
    if (!ws || !window.confirm(WS[this.texts.lang].eraseConfirm)) return;
    const r = attempt(() => ws.erase());
    if (r.error) return this._say(r.error, true);
    this.clients = [];
    this.clientId = "";
    this.opened = null;
    this._showSkipped([]);
    this._renderClients();
    this._say((w) => w.erased(r.value));
  }

  // ---------- the client report

  /** The report's rows of the current result, or null (said) when there is none. */
  _reportRows() {
    const cur = this.host.current();
    if (!cur.result) {
      this._say("needResult", true);
      return null;
    }
    const L = this.texts.lang;
    const r = { kind: cur.kind, result: cur.result, client: this._client(), preparer: this.preparer.value.trim(), date: today(), scenario: this.openedName || "", drift: this.opened && this.opened.check ? this.opened.check.drift || null : null, comparison: this.compareView.reportRows(L) };
    return { rows: reportRows(this.host.policy, L, r), L: L };
  }

  /** Prints the report alone (the element hides everything else while `data-ws-print` is set). */
  printReport() {
    const got = this._reportRows();
    if (!got) return;
    this.reportBox.textContent = "";
    this.reportBox.appendChild(reportElement(got.rows, got.L));
    const host = this.el.getRootNode().host;
    host.setAttribute("data-ws-print", "");
    const done = () => {
      window.removeEventListener("afterprint", done);
      host.removeAttribute("data-ws-print");
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  downloadReport(type) {
    const got = this._reportRows();
    if (!got) return;
    const c = this._client();
    const name = fileName("pinghu-report", c ? c.name : "", today(), type);
    if (type === "csv") this._download(name, "text/csv;charset=utf-8", reportCsv(got.rows, got.L));
    else this._download(name, "text/html;charset=utf-8", reportHtml(reportElement(got.rows, got.L), WS[got.L].reportHeading, got.L));
  }

  _download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const a = h("a", { href: url, download: name, class: "offscreen", tabindex: "-1", "aria-hidden": "true" });
    this.el.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this._say((w) => w.exported(name));
  }

  // ---------- share link

  copyLink() {
    const cur = this.host.current();
    if (!cur.input) return this._say("nothingToSave", true);
    const c = this.shareName.checked ? this._client() : null;
    const fragment = encodeShare(cur.kind, cur.input, this.host.policy.fingerprint, c, this.openedName || "");
    const url = location.href.split("#")[0] + fragment;
    this.linkOut.value = url;
    // Above LONG_LINK characters WeChat may cut the link: said, with the export file offered instead.
    const long = (w, L) => (url.length > LONG_LINK ? " " + UI[L].linkLong(url.length) + " " + w.exportAll : "");
    const ok = () => this._say((w, L) => w.linkCopied + long(w, L));
    const shown = () => {
      this.linkOut.focus();
      this.linkOut.select();
      this._say((w, L) => w.linkReady + long(w, L));
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(ok, shown);
    else shown();
  }

  // ---------- export and import (transfer.js)

  exportAll() {
    exportAll(this);
  }

  importChosen() {
    importChosen(this);
  }

  previewImport(text) {
    previewImport(this, text);
  }

  applyImport(overwrite) {
    applyImport(this, overwrite);
  }
}
