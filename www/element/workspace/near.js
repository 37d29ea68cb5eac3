// Where the workspace's status goes: next to the control that caused it, not at the panel's top
// (issue 19: messages 500–1,500 px away from the button). The one live region is moved there
// before its text changes. Parts the panel redraws (the scenario list, the import preview) and
// closed disclosures are never its home: it goes right after them.

/** The element after which the status goes, for the control `active` (null: leave it where it is). */
export function statusAnchor(panel, active) {
  if (!active || !panel.el.contains(active) || active === panel.status) return null;
  const redrawn = [panel.list, panel.previewBox, panel.undoBox, panel.undoDeleteBox, panel.compareView && panel.compareView.el, panel.clientInfo];
  const inside = redrawn.find((r) => r && r.contains(active));
  if (inside) return inside;
  // A disclosure of the panel's own (not the one the panel sits in, workspace-hook.js).
  const details = active.closest("details");
  if (details && details !== panel.el && panel.el.contains(details)) return details;
  return active.closest(".field, .check") || active;
}

/** Moves `status` right after `anchor` (when not already there). */
export function placeStatus(status, anchor) {
  if (!anchor || !anchor.parentNode || anchor.nextSibling === status) return;
  anchor.parentNode.insertBefore(status, anchor.nextSibling);
}
