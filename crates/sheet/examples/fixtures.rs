//! Writes the batch page's test workbooks as .xlsx with rust_xlsxwriter, from the description
//! `tests/sheets/make.mjs` writes (`tests/sheets/workbooks.json`): each cell with its type and
//! format as a clerk's Excel holds it (numbers, numbers stored as text, an accounting-format zero,
//! a date, an #N/A from a formula), merged ranges, several sheets.
//!
//!   cargo run -p pinghu-sheet --features write --example fixtures -- tests/sheets/workbooks.json tests/sheets

use rust_xlsxwriter::{Format, Formula, Workbook};
use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, dir) = match (args.get(1), args.get(2)) {
        (Some(i), Some(d)) => (i.clone(), d.clone()),
        _ => {
            eprintln!("usage: fixtures WORKBOOKS_JSON OUT_DIR");
            std::process::exit(2);
        }
    };
    let text = std::fs::read_to_string(&input).expect("workbooks.json");
    let books: Vec<Value> = serde_json::from_str(&text).expect("workbooks.json is JSON");
    for book in &books {
        let name = book["name"].as_str().expect("name");
        let path = format!("{dir}/{name}.xlsx");
        write_book(book).save(&path).expect("saved");
        println!("wrote {path}");
    }
}

fn write_book(book: &Value) -> Workbook {
    let mut wb = Workbook::new();
    for sheet in book["sheets"].as_array().expect("sheets") {
        let ws = wb.add_worksheet();
        ws.set_name(sheet["name"].as_str().expect("sheet name"))
            .expect("a sheet name Excel takes");
        for m in sheet["merges"].as_array().expect("merges") {
            let n: Vec<u32> = m
                .as_array()
                .expect("merge")
                .iter()
                .map(|v| v.as_u64().expect("index") as u32 - 1)
                .collect();
            // The top-left cell's value is written below; a merge over it keeps the others empty.
            ws.merge_range(n[0], n[1] as u16, n[2], n[3] as u16, "", &Format::new())
                .expect("merge");
        }
        for cell in sheet["cells"].as_array().expect("cells") {
            let r = cell["r"].as_u64().expect("r") as u32 - 1;
            let c = cell["c"].as_u64().expect("c") as u16 - 1;
            let fmt = cell["fmt"]
                .as_str()
                .map(|f| Format::new().set_num_format(f))
                .unwrap_or_default();
            match cell["t"].as_str().expect("t") {
                "s" => ws
                    .write_string_with_format(r, c, cell["v"].as_str().expect("text"), &fmt)
                    .map(|_| ()),
                "n" => ws
                    .write_number_with_format(r, c, cell["v"].as_f64().expect("number"), &fmt)
                    .map(|_| ()),
                "d" => ws
                    .write_number_with_format(r, c, serial(cell["v"].as_str().expect("date")), &fmt)
                    .map(|_| ()),
                "e" => {
                    // As a clerk's sheet has it: a formula that failed, its cached result the error.
                    let f = Formula::new("=NA()").set_result(cell["v"].as_str().expect("error"));
                    ws.write_formula(r, c, f).map(|_| ())
                }
                t => panic!("unknown cell type {t}"),
            }
            .expect("cell written");
        }
    }
    wb
}

/// Excel's serial number of a date "YYYY-MM-DD" (1900 system: days since 1899-12-30 from March 1900).
fn serial(date: &str) -> f64 {
    let p: Vec<i64> = date.split('-').map(|x| x.parse().expect("date part")).collect();
    let (y, m, d) = (p[0], p[1], p[2]);
    // days from civil (Howard Hinnant), then from 1899-12-30
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468; // since 1970-01-01
    (days + 25569) as f64
}
