// Small DOM helpers: elements built with textContent and attributes only (never HTML strings),
// and language bindings that re-run a node's text when the language changes.

import { UI, addStrings } from "./strings.js";

/**
 * h(tag, props, ...children). props: `text` (textContent), `class`, `on<event>` (listener);
 * any other key an attribute (true → "", null/undefined/false → left out).
 */
export function h(tag, props) {
  const el = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach(function (k) {
      const v = props[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    });
  }
  for (let i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}

/** append(el, ...children): strings become text nodes, arrays are flattened, null is skipped. */
export function append(el) {
  for (let i = 1; i < arguments.length; i++) {
    const child = arguments[i];
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
    else if (typeof child === "string") el.appendChild(document.createTextNode(child));
    else el.appendChild(child);
  }
}

/** Sets el's text only when it changes (a live region then stays quiet). */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Adds a token to a space-separated attribute (aria-describedby). */
export function addToken(el, attr, token) {
  const list = (el.getAttribute(attr) || "").split(/\s+/).filter(Boolean);
  if (list.indexOf(token) < 0) list.push(token);
  el.setAttribute(attr, list.join(" "));
}

/** Removes a token from a space-separated attribute, and the attribute when it is empty. */
export function removeToken(el, attr, token) {
  const list = (el.getAttribute(attr) || "").split(/\s+/).filter(function (t) { return t && t !== token; });
  if (list.length) el.setAttribute(attr, list.join(" "));
  else el.removeAttribute(attr);
}

export function replaceChildren(el, children) {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}

/** Replaces el's children by build() unless `key` is the same as last time. */
export function patch(el, key, build) {
  const sig = JSON.stringify(key);
  if (el.__pinghuSig === sig) return;
  el.__pinghuSig = sig;
  replaceChildren(el, build());
}

/**
 * The language-dependent parts of one element's shadow root. Each binding is fn(lang, ui),
 * run when bound and again at every language change (`setLang`), while its node is in `root`.
 */
export class LangBindings {
  constructor(root, lang) {
    this.root = root;
    this.lang = lang;
    this.list = [];
  }

  /** The UI strings of the current language. */
  get ui() {
    return UI[this.lang];
  }

  /** Registers fn(lang, ui) and runs it now and at every language change. */
  bind(node, fn) {
    this.list.push({ node: node, fn: fn });
    fn(this.lang, UI[this.lang]);
    return node;
  }

  /** Sets (or replaces) the language-dependent content of el: fn(lang, ui), re-run at language changes. */
  dyn(el, fn) {
    el.__pinghuFn = fn;
    if (!el.__pinghuBound) {
      el.__pinghuBound = true;
      this.bind(el, (L, ui) => {
        if (el.__pinghuFn) el.__pinghuFn(L, ui);
      });
    } else if (fn) {
      fn(this.lang, UI[this.lang]);
    }
  }

  /** A node whose text is fn(lang, ui). */
  text(tag, props, fn) {
    const el = h(tag, props);
    return this.bind(el, (L, ui) => setText(el, fn(L, ui)));
  }

  /** Adds a part's own texts (strings-parts.js) to the table the bindings' `ui` comes from. */
  extend(more) {
    addStrings(more);
  }

  /** Switches the language: every binding whose node is still in the root runs again. */
  setLang(lang) {
    this.lang = lang;
    this.list = this.list.filter((b) => this.root.contains(b.node));
    this.list.forEach((b) => b.fn(lang, UI[lang]));
  }
}

/** The nearest `lang` above an element (across no shadow boundary), else the document's. */
export function inheritedLang(el) {
  const above = el.parentElement && el.parentElement.closest("[lang]");
  return (above && above.getAttribute("lang")) || (document.documentElement && document.documentElement.lang) || "";
}

/** Marks each notice whose text was already said above it (`repeat`: print shows each once). */
export function markRepeats(section) {
  if (!section) return;
  const seen = new Set();
  Array.prototype.forEach.call(section.querySelectorAll(".notice, .footnotes > li"), (n) => {
    const text = n.textContent;
    n.classList.toggle("repeat", seen.has(text));
    seen.add(text);
  });
}
