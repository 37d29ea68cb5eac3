"""Writes tests/sheets/habits.xls (Excel 97-2003, BIFF8) from tests/sheets/workbooks.json, with
xlwt (PyPI, 1.3.0): the same cells as habits.xlsx (crates/sheet/examples/fixtures.rs), each with its
type and number format, merged ranges, an #N/A error cell, two sheets. No other writer of .xls is
at hand here (rust_xlsxwriter writes .xlsx only); xlwt writes the BIFF8 records Excel 2003 and
WPS save. Only to regenerate the committed file (make sheet-fixtures):

    python3 -m venv target/py && target/py/bin/pip install xlwt==1.3.0
    target/py/bin/python tests/sheets/make_xls.py tests/sheets/workbooks.json tests/sheets
"""
import datetime
import json
import sys

import xlwt

# BIFF8 error codes (passed as numbers: xlwt's own table lacks #N/A and misnumbers #VALUE!).
ERRORS = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D, "#NUM!": 0x24, "#N/A": 0x2A}


def main(src, out):
    with open(src, encoding="utf-8") as f:
        books = json.load(f)
    for book in books:
        wb = xlwt.Workbook(encoding="utf-8")
        for sheet in book["sheets"]:
            ws = wb.add_sheet(sheet["name"], cell_overwrite_ok=True)
            for r1, c1, r2, c2 in sheet["merges"]:
                ws.merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1)
            for cell in sheet["cells"]:
                r, c, t, v = cell["r"] - 1, cell["c"] - 1, cell["t"], cell["v"]
                style = xlwt.easyxf(num_format_str=cell["fmt"]) if cell.get("fmt") else xlwt.Style.default_style
                if t == "s":
                    ws.write(r, c, v, style)
                elif t == "n":
                    ws.write(r, c, float(v), style)
                elif t == "d":
                    ws.write(r, c, datetime.date.fromisoformat(v), style)
                elif t == "e":
                    ws.row(r).set_cell_error(c, ERRORS[v])
                else:
                    raise ValueError("unknown cell type " + t)
        path = "%s/%s.xls" % (out, book["name"])
        wb.save(path)
        print("wrote " + path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
