// The workbook's sheet choice on the batch page (DOM): shown when an Excel file has more than one
// worksheet, the one read selected; picking another reads the file again with that sheet.
// textContent only.
const $ = (id) => document.getElementById(id);

/** Shows the choice for `workbook` (`{ sheets, sheet }`, or null for a CSV: hidden); `pick(name)` on change. */
export function showSheetChoice(workbook, pick) {
  const box = $("sheet-box");
  const select = $("sheet");
  if (!workbook || workbook.sheets.length < 2) {
    box.hidden = true;
    select.onchange = null;
    return;
  }
  while (select.firstChild) select.removeChild(select.firstChild);
  for (const name of workbook.sheets) {
    const o = document.createElement("option");
    o.value = name;
    o.textContent = name;
    o.selected = name === workbook.sheet;
    select.appendChild(o);
  }
  select.onchange = () => pick(select.value);
  box.hidden = false;
}
