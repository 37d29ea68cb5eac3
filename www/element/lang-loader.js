// The element's language, shown once its words are in. In the element's bundle the English UI
// words are a part of their own (strings-en.js, built as pinghu-subsidy-calculator.strings-en
// .min.js), fetched the first time English is asked for, so a page read in Chinese does not
// download them before its first result (issue 20, docs/performance.md). Unbundled, and in the
// parts' bundles, strings.js has them already and a language shows at once.

import { UI, addStrings } from "./strings.js";
import { partUrl } from "./assets.js";

let english = null;

/** Whether UI has the element's words in language L (English: strings-en.js's added). */
const hasWords = (L) => L !== "en" || UI.en.formHeading !== undefined;

/** Resolves to true once L's words are in UI, false if they could not be loaded (the next ask tries again). */
function wordsFor(L) {
  if (hasWords(L)) return Promise.resolve(true);
  if (!english) {
    english = import(partUrl("strings-en")).then(
      (m) => addStrings({ en: m.UI_EN }),
      (err) => {
        english = null;
        throw err;
      }
    );
  }
  return english.then(
    () => true,
    (err) => {
      if (typeof console !== "undefined") console.warn("pinghu-subsidy-calculator: the English words could not be loaded", err);
      return false;
    }
  );
}

/**
 * Shows language key L in `el` (a PinghuSubsidyCalculatorElement): its texts' language, and
 * `el._applyLang()` once its shell is there. At once when the words are in; else once they are
 * loaded, if L is still the language last asked for (one that cannot be loaded leaves the language
 * shown). Returns a promise the element waits for before its first build (`el._langShown`).
 */
export function showLang(el, L) {
  el._langAsked = L;
  const apply = () => {
    el._texts.lang = L;
    if (el._shell) el._applyLang();
  };
  if (hasWords(L)) {
    apply();
    el._langShown = Promise.resolve();
  } else {
    el._langShown = wordsFor(L).then((ok) => {
      if (ok && el._langAsked === L) apply();
    });
  }
  return el._langShown;
}
