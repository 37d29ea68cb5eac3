//! The committed workbooks (tests/sheets/habits.xlsx and habits.xls, written from
//! tests/sheets/workbooks.json by two writers) read back natively: every cell's text as the
//! description says Excel shows it, merged ranges, the error cell, both sheets. The same reading
//! the wasm read part does for the page.

#![cfg(feature = "read")]

use pinghu_sheet::read::read;
use serde_json::Value;

fn root(p: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p)
}

fn check(file: &str) {
    let bytes = std::fs::read(root(&format!("tests/sheets/{file}"))).expect("the fixture exists: make sheet-fixtures");
    let books: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(root("tests/sheets/workbooks.json")).unwrap()).unwrap();
    let sheets = books[0]["sheets"].as_array().unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s["name"].as_str().unwrap()).collect();
    for (k, sheet) in sheets.iter().enumerate() {
        let grid = read(&bytes, if k == 0 { None } else { Some(names[k]) }).expect("read");
        assert_eq!(grid.sheets, names, "{file}: the sheets");
        assert_eq!(grid.sheet, names[k]);
        let mut cells = 0;
        for cell in sheet["cells"].as_array().unwrap() {
            let (r, c) = (
                cell["r"].as_u64().unwrap() as usize,
                cell["c"].as_u64().unwrap() as usize,
            );
            let got = grid
                .rows
                .get(r - 1)
                .and_then(|row| row.get(c - 1))
                .map(String::as_str)
                .unwrap_or("");
            assert_eq!(
                got,
                cell["shown"].as_str().unwrap(),
                "{file} {} row {r} column {c}",
                names[k]
            );
            cells += 1;
        }
        let filled: usize = grid
            .rows
            .iter()
            .map(|r| r.iter().filter(|c| !c.is_empty()).count())
            .sum();
        assert_eq!(filled, cells, "{file}: no cell more than described");
        let merges: Vec<[u32; 4]> = grid
            .merged
            .iter()
            .map(|m| [m.first_row, m.first_column, m.last_row, m.last_column])
            .collect();
        let want: Vec<[u32; 4]> = serde_json::from_value(sheet["merges"].clone()).unwrap();
        assert_eq!(merges, want, "{file}: merged ranges");
        let errors: Vec<(u32, u32, &str)> = grid.errors.iter().map(|e| (e.row, e.column, e.text.as_str())).collect();
        let want: Vec<(u32, u32, &str)> = sheet["cells"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["t"] == "e")
            .map(|c| {
                (
                    c["r"].as_u64().unwrap() as u32,
                    c["c"].as_u64().unwrap() as u32,
                    c["shown"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(errors, want, "{file}: error cells");
    }
}

#[test]
fn xlsx_cells_as_excel_shows_them() {
    check("habits.xlsx");
}

#[test]
fn xls_cells_as_excel_shows_them() {
    check("habits.xls");
}

#[test]
fn not_a_workbook_is_refused_aloud() {
    let p = read(b"a,b\n1,2\n", None).unwrap_err();
    assert_eq!(p.code, "not_excel");
    assert!(p.zh.contains("Excel") && p.en.contains("Excel"));
    let p = read(b"PK\x03\x04garbage", None).unwrap_err();
    assert_eq!(p.code, "unreadable");
    let bytes = std::fs::read(root("tests/sheets/habits.xlsx")).unwrap();
    assert_eq!(read(&bytes, Some("no such sheet")).unwrap_err().code, "unknown_sheet");
}
