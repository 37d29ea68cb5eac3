// The consultant's workspace panel, loaded by the element only when its `workspace` attribute
// is on (a dynamic import(), so a plain calculator downloads none of it). Clients and their
// scenarios on this device, compare, erase everything, export/import, and the share link. The stored
// format and the browser storage belong to the engine (src/workspace.rs, src/wasm.rs); this module
// renders what it returns (textContent only) and holds no policy knowledge.

import { h, append, setText } from "../dom.js";
import { WS } from "./strings.js";
import { fillFor } from "./fill.js";
import { encodeShare, LONG_LINK } from "./share.js";
import { UI, addStrings } from "../strings.js";
import { PART_UI } from "../strings-parts.js";
import { reportRows, reportElement, reportCsv, reportHtml } from "./report.js";
import { today, skippedText, attempt, fileName } from "./store.js";
import { CompareView } from "./compare-view.js";
import { exportAll, importChosen, previewImport } from "./transfer.js";
import { applyImport, offerKeptBackup, eraseBackup } from "./import-apply.js";
import { renderScenarios } from "./list.js";
import { adaptForWeChat } from "./wechat.js";
import { statusAnchor, placeStatus } from "./near.js";
import { clientFields, createClient, editClient, deleteClient, renderClientInfo } from "./clients.js";
import { readSettings, writeSettings, eraseSettings, orderClients, clientLabel, searchClients, storageOf } from "./settings.js";
import { saveScenario, openScenario, renameScenario, duplicateScenario, removeScenario, leaveEdits, isOpenedAsSaved, showDirty, trackEdits, dirtyMark, scenarioLabel, openedDrift, openedNotes } from "./scenarios.js";

// The share link's texts (strings-parts.js), in this bundle's copy of UI (linkLong below).
addStrings(PART_UI);

/**
 * host (element.js `_workspaceHost()`): { uid, texts, policy, engine() → engine or null,
 * current() → { kind, input, result }, fill(kind, fill), mount(el), say(text) }.
 * Returns { el }.
 */
export function attachWorkspace(host) {
  const panel = new WorkspacePanel(host);
  host.mount(panel.el);
  trackEdits(panel, panel.el.getRootNode());
  adaptForWeChat(panel, typeof navigator !== "undefined" ? navigator.userAgent : "");
  panel.reload();
  // The backup from before an import, kept on the device by an earlier page, is offered again.
  offerKeptBackup(panel);
  // A change made in another tab or window is shown at once (and a save there never overwritten:
  // each save is merged onto what is stored, see _store).
  if (typeof window !== "undefined") window.addEventListener("storage", (e) => panel.otherTab(e));
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
    // Remembered on this device once something was saved: the preparer, the last client, when each was used.
    this.settings = readSettings(storageOf());
    this.clientId = this.settings.lastClient;
    this.el = this._build();
    this.preparer.value = this.settings.preparer;
    this.firm.value = this.settings.firm;
    this.consultant.value = this.settings.consultant;
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
  _say(msg, isError, near) {
    // Next to the control in hand (`near`, or the focused one), then announced.
    const root = this.el.getRootNode();
    placeStatus(this.status, statusAnchor(this, near || (root && root.activeElement)));
    this.status.className = "ws-status" + (isError ? " ws-error" : "");
    this.status.setAttribute("role", isError ? "alert" : "status");
    this.texts.dyn(this.status, (L) => setText(this.status, typeof msg === "function" ? msg(WS[L], L) : typeof msg === "string" ? WS[L][msg] : msg[L]));
  }

  _build() {
    const id = (s) => this._id(s);
    this.status = h("p", { class: "ws-status", role: "status", "aria-live": "polite", "data-ws": "status" });
    this.skipped = h("div", { class: "ws-skipped", role: "alert", hidden: true, "data-ws": "skipped" });

    const clients = this._buildClients(id);

    // Scenarios of the chosen client.
    this.scenarioName = h("input", { type: "text", id: id("scenario"), autocomplete: "off", "data-ws": "scenario-name" });
    const save = this._button("save", () => this.saveScenario(), "ws-save");
    save.setAttribute("data-ws", "save");
    this.updateButton = this._button("update", () => this.updateScenario(), "ws-update");
    this.updateButton.setAttribute("data-ws", "update");
    this.updateButton.hidden = true;
    this.dirtyMark = dirtyMark(this);
    this.list = h("ul", { class: "ws-scenarios", "aria-labelledby": id("list-h"), "data-ws": "scenarios" });
    this.compareView = new CompareView(this);

    // Share link.
    this.shareName = h("input", { type: "checkbox", id: id("share-name"), "data-ws": "share-name" });
    this.linkOut = h("input", { type: "text", id: id("link"), readonly: true, class: "ws-link", "data-ws": "link" });
    const copy = this._button("copyLink", () => this.copyLink(), "ws-copy-link");
    copy.setAttribute("data-ws", "copy-link");

    const erase = this._button("erase", () => this.eraseAll(), "ws-erase danger");
    erase.setAttribute("data-ws", "erase");

    return h(
      "section",
      { class: "workspace", part: "workspace", "aria-labelledby": id("h") },
      this._t("h2", { id: id("h"), class: "section-title" }, "heading"),
      this._t("p", { class: "hint" }, "intro"),
      this.status,
      this.skipped,
      clients,
      h("div", { class: "field" }, this._t("label", { for: id("scenario") }, "scenarioName"), this.scenarioName, save, this.updateButton, this.dirtyMark),
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
      this._buildReports(id),
      this._buildFiles(id),
      erase
    );
  }

  /** The clients: search, choose (with the count), the chosen one's details, its card, new. */
  _buildClients(id) {
    // Client: choose, or create.
    this.clientSelect = h("select", { id: id("client"), "data-ws": "client" });
    this.clientSelect.addEventListener("change", () => {
      // Edits not saved are asked about first; the figures on screen then belong to no scenario.
      if (!leaveEdits(this)) {
        this.clientSelect.value = this.clientId;
        return;
      }
      this.clientId = this.clientSelect.value;
      if (this.settings.lastClient) this.remember(this.clientId);
      renderClientInfo(this);
      this._renderScenarios();
      showDirty(this);
    });
    this.search = h("input", { type: "search", id: id("search"), autocomplete: "off", "data-ws": "search" });
    this.search.addEventListener("input", () => this._renderClients());
    this.clientCount = h("p", { class: "hint small", "data-ws": "client-count", "aria-live": "polite" });
    this.newForm = clientFields(this, "");
    const create = this._button("create", () => createClient(this), "ws-create");
    create.setAttribute("data-ws", "create");
    this.newBox = h("details", { class: "ws-new", "data-ws": "new" }, this._t("summary", null, "newClient"), this.newForm.rows, create);
    // The chosen client: its details shown, its card to edit, delete (undo until reload).
    this.clientInfo = h("div", { class: "ws-client-info", "data-ws": "client-info" });
    this.editForm = clientFields(this, "edit-");
    const saveClient = this._button("saveClient", () => editClient(this), "ws-save-client");
    saveClient.setAttribute("data-ws", "save-client");
    const del = this._button("deleteClient", () => deleteClient(this), "ws-delete-client danger");
    del.setAttribute("data-ws", "delete-client");
    this.editBox = h("details", { class: "ws-new", "data-ws": "edit" }, this._t("summary", null, "editClient"), this.editForm.rows, saveClient, del);
    this.undoDeleteBox = h("div", { hidden: true, "data-ws": "undo-delete-box" });

    return [
      h("div", { class: "field" }, this._t("label", { for: id("search") }, "search"), this.search),
      h("div", { class: "field" }, this._t("label", { for: id("client") }, "client"), this.clientSelect, this.clientCount),
      this.clientInfo,
      this.editBox,
      this.undoDeleteBox,
      this.newBox,
    ];
  }

  /** The client report: who prepared it, print, HTML, CSV. */
  _buildReports(id) {
    this.preparer = h("input", { type: "text", id: id("preparer"), autocomplete: "name", "data-ws": "preparer" });
    this.firm = h("input", { type: "text", id: id("firm"), autocomplete: "organization", "data-ws": "firm" });
    this.consultant = h("input", { type: "text", id: id("consultant"), autocomplete: "off", "data-ws": "consultant" });
    const print = this._button("printReport", () => this.printReport(), "ws-print");
    print.setAttribute("data-ws", "print");
    const html = this._button("downloadHtml", () => this.downloadReport("html"), "ws-html");
    html.setAttribute("data-ws", "report-html");
    const csv = this._button("downloadCsv", () => this.downloadReport("csv"), "ws-csv");
    csv.setAttribute("data-ws", "report-csv");
    this.reportBox = h("div", { class: "ws-report-box", "data-ws": "report" });
    return h(
      "div",
      { class: "ws-reports", role: "group", "aria-labelledby": id("report-h") },
      this._t("h3", { id: id("report-h"), class: "ws-subhead" }, "reportGroup"),
      this._t("p", { class: "hint small" }, "reportIntro"),
      h("div", { class: "field" }, this._t("label", { for: id("preparer") }, "preparer"), this.preparer),
      h("div", { class: "field" }, this._t("label", { for: id("firm") }, "firm"), this.firm),
      h("div", { class: "field" }, this._t("label", { for: id("consultant") }, "consultant"), this.consultant),
      print,
      html,
      csv,
      this.reportBox
    );
  }

  /** Export and import. */
  _buildFiles(id) {
    const exp = this._button("exportAll", () => this.exportAll(), "ws-export");
    exp.setAttribute("data-ws", "export");
    this.fileInput = h("input", { type: "file", id: id("file"), accept: "application/json,.json", "data-ws": "import" });
    this.fileInput.addEventListener("change", () => this.importChosen());
    this.previewBox = h("div", { class: "ws-preview", hidden: true, "data-ws": "preview" });
    this.undoBox = h("div", { class: "ws-preview", hidden: true, "data-ws": "undo" });
    return h(
      "div",
      { class: "ws-files", role: "group", "aria-labelledby": id("files-h") },
      this._t("h3", { id: id("files-h"), class: "ws-subhead" }, "fileHeading"),
      exp,
      h("div", { class: "field" }, this._t("label", { for: id("file") }, "importFile"), this.fileInput),
      this.previewBox,
      this.undoBox
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
      this.clients = orderClients(r.value.clients, this.settings.used);
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
    const shown = searchClients(this.clients, this.search.value);
    // The chosen client stays listed (and chosen) while a search hides the others.
    const list = shown.indexOf(this._client()) >= 0 || !this._client() ? shown : [this._client()].concat(shown);
    this.texts.dyn(sel, (L) => {
      sel.textContent = "";
      if (!this.clients.length) sel.appendChild(h("option", { value: "" }, WS[L].noClient));
      list.forEach((c) => sel.appendChild(h("option", { value: c.id }, clientLabel(c, this.clients))));
      sel.value = this.clientId;
      setText(this.clientCount, WS[L].clientCount(shown.length, this.clients.length));
    });
    renderClientInfo(this);
    this._renderScenarios();
  }

  _renderScenarios() {
    this.compareView.update();
    renderScenarios(this);
  }

  // ---------- storing (each change writes the client's whole entry; a failure leaves the screen as it was)

  /**
   * Stores an edit: `base` the client as this page has it (null: new), `next` as wanted (null:
   * delete). The engine re-reads what is stored and applies only the difference, by scenario id;
   * a change made meanwhile elsewhere is kept or, when it collides, refused (the list is then
   * read afresh and said). Returns the stored client (null when deleted), or undefined on failure.
   */
  _store(base, next, done, quiet) {
    const ws = this._engine();
    if (!ws) return undefined;
    const r = attempt(() => ws.save(base, next));
    this.lastError = r.error || null;
    if (r.error) {
      if (r.error.code === "conflict" || r.error.code === "unreadable") {
        this.reload();
        this._say(r.error.code === "conflict" ? "conflict" : "unreadableStored", true);
      } else this._say(r.error, true);
      return undefined;
    }
    const id = (next || base).id;
    const others = this.clients.filter((c) => c.id !== id);
    if (r.value && !quiet) this.remember(id);
    this.clients = orderClients(r.value ? others.concat([r.value]) : others, this.settings.used);
    if (r.value) this.clientId = id;
    else if (this.clientId === id) this.clientId = this.clients.length ? this.clients[0].id : "";
    if (!quiet) this._renderClients();
    if (done) this._say(done);
    return r.value;
  }

  /** Another tab or window changed a client: read afresh and say so. */
  otherTab(e) {
    if (e && e.key !== null && String(e.key).indexOf("pinghu-subsidy/client/") !== 0) return;
    this.reload();
    this._say("otherTab");
  }

  /** Once something is saved: the preparer, the last client and when it was used are remembered. */
  remember(clientId) {
    this.settings = writeSettings(storageOf(), this.settings, { preparer: this.preparer.value.trim(), firm: this.firm.value.trim(), consultant: this.consultant.value.trim(), lastClient: clientId || this.clientId }, clientId || this.clientId);
  }

  // ---------- scenarios (scenarios.js)

  saveScenario() {
    saveScenario(this, false);
  }

  updateScenario() {
    saveScenario(this, true);
  }

  _scenario(id) {
    const c = this._client();
    return c ? c.scenarios.find((s) => s.id === id) : null;
  }

  /** A scenario still listed but no longer stored (changed in another tab): said, never a click that does nothing; the list redrawn. */
  _gone() {
    this._renderScenarios();
    this._say((w) => w.scenarioGone);
  }

  openScenario(id) {
    openScenario(this, id);
  }

  renameScenario(id) {
    renameScenario(this, id);
  }

  duplicateScenario(id) {
    duplicateScenario(this, id);
  }

  removeScenario(id) {
    removeScenario(this, id);
  }

  eraseAll() {
    const ws = this._engine();
    if (!ws || !window.confirm(WS[this.texts.lang].eraseConfirm)) return;
    const r = attempt(() => ws.erase());
    if (r.error) return this._say(r.error, true);
    this.clients = [];
    this.clientId = "";
    this.opened = null;
    eraseSettings(storageOf());
    eraseBackup(this, false);
    this.settings = readSettings(storageOf());
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
    if (this.settings.lastClient) this.remember();
    const r = { kind: cur.kind, result: cur.result, client: this._client(), preparer: this.preparer.value.trim(), firm: this.firm.value.trim(), consultant: this.consultant.value.trim(), date: today(), scenario: scenarioLabel(this, L), scenarioNotes: openedNotes(this), drift: openedDrift(this), comparison: this.compareView.reportRows(L) };
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
    const fragment = encodeShare(cur.kind, cur.input, this.host.policy.fingerprint, c, isOpenedAsSaved(this) ? this.opened.name : "");
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
    return previewImport(this, text);
  }

  applyImport() {
    return applyImport(this);
  }
}
