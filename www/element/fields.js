// The form's fields (form.js): a text field for an amount or a count, and an item's "support
// already received under another policy" (a disclosure of its own per item, as 就高不重复 is
// settled item by item). DOM only; no policy knowledge.

import { h } from "./dom.js";

/** A text field for an amount (or a count); `described`: its aria-describedby. */
export function textInput(id, part, cls, inputmode, described, data) {
  return h("input", Object.assign({
    type: "text",
    id: id,
    part: part,
    class: cls,
    inputmode: inputmode,
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": described,
  }, data));
}

/**
 * "Support already received under another policy" for one item (`oid`: its field's id): a
 * disclosure, closed until used, with the field, its hint, error and the engine's reading.
 * `label(L, ui)`: the field's label (null: the caller labels it).
 */
export function otherField(T, oid, fmtId, label) {
  const other = {
    input: textInput(oid, "input amount", "amount", "decimal", oid + "-read " + oid + "-hint " + fmtId, {
      "data-field": "other_policy_support",
    }),
    reading: h("p", { class: "reading", id: oid + "-read", part: "reading" }),
    error: h("p", { class: "error", id: oid + "-err", part: "error", hidden: true }),
    label: label ? T.text("label", { for: oid }, label) : h("label", { for: oid }),
  };
  other.details = h(
    "details",
    { class: "other", part: "other-support" },
    T.text("summary", null, (L, ui) => ui.other),
    h(
      "div",
      { class: "field" },
      other.label,
      T.text("p", { class: "hint small", id: oid + "-hint" }, (L, ui) => ui.otherHint),
      other.input,
      other.error,
      other.reading
    )
  );
  return other;
}

/** Sets an item's support from elsewhere (as typed) and opens its disclosure when there is one. */
export function setOther(form, other, value) {
  other.input.value = value === undefined || value === null ? "" : String(value);
  form.showReading(other.input);
  other.details.open = other.input.value !== "";
}
