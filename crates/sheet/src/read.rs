//! An .xlsx or .xls file's bytes to the grid of cell texts Excel shows (`Grid`), with calamine's
//! typed cells: numbers without float noise (at most Excel's 15 significant digits: a stored
//! 0.30000000000000004 is "0.3", 12345.6 is "12345.6"), dates as ISO (`2025-03-31`), booleans
//! as Excel writes them (`TRUE`), errors as Excel shows them (`#N/A`, also listed in
//! `Grid::errors`). Merged cells stay as Excel shows them: the value in the top-left cell, the
//! rest empty (the ranges are in `Grid::merged`).

use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, SheetType, SheetVisible, Sheets, Xls};

use crate::shapes::{CellError, Grid, Merge, Problem};
use crate::words;

type Book<'a> = Sheets<Cursor<&'a [u8]>>;

/// Reads the sheet named `sheet` (`None`: the first visible worksheet).
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Grid, Problem> {
    let (mut book, kind) = open(bytes)?;
    let sheets: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let name = match sheet {
        Some(n) if sheets.iter().any(|s| s == n) => n.to_string(),
        Some(n) => return Err(words::unknown_sheet(n)),
        None => first_visible(&book).ok_or_else(words::no_sheet)?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| words::sheet_unreadable(&name, &e.to_string()))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    let mut errors = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let mut row: Vec<String> = vec![String::new(); left as usize];
        for (j, cell) in cells.iter().enumerate() {
            if let Data::Error(e) = cell {
                let at = (top + i as u32 + 1, left + j as u32 + 1);
                errors.push(CellError {
                    row: at.0,
                    column: at.1,
                    text: e.to_string(),
                });
            }
            row.push(cell_text(cell));
        }
        while row.last().is_some_and(|c| c.is_empty()) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    let mut merged: Vec<Merge> = merges(&mut book, &name).into_iter().map(merge).collect();
    merged.sort_by_key(|m| (m.first_row, m.first_column));
    Ok(Grid {
        kind: kind.into(),
        sheets,
        sheet: name,
        rows,
        merged,
        errors,
    })
}

/// Opens the workbook by its first bytes: a zip is .xlsx (or .xlsb, .ods), an OLE container .xls.
fn open(bytes: &[u8]) -> Result<(Book<'_>, &'static str), Problem> {
    let cursor = Cursor::new(bytes);
    if bytes.starts_with(b"PK\x03\x04") {
        return match calamine::open_workbook_auto_from_rs(cursor) {
            Ok(book @ Sheets::Xlsx(_)) => Ok((book, "xlsx")),
            Ok(book @ Sheets::Xlsb(_)) => Ok((book, "xlsb")),
            Ok(book @ Sheets::Ods(_)) => Ok((book, "ods")),
            Ok(book) => Ok((book, "xls")),
            Err(e) => Err(words::unreadable("xlsx", &e.to_string())),
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return match calamine::open_workbook_from_rs::<Xls<_>, _>(cursor) {
            Ok(book) => Ok((Sheets::Xls(book), "xls")),
            Err(e) => Err(words::unreadable("xls", &e.to_string())),
        };
    }
    Err(words::not_excel())
}

fn first_visible(book: &Book<'_>) -> Option<String> {
    let sheets = book.sheets_metadata();
    let ws = |s: &&calamine::Sheet| s.typ == SheetType::WorkSheet;
    let found = sheets.iter().filter(ws).find(|s| s.visible == SheetVisible::Visible);
    found.or_else(|| sheets.iter().find(ws)).map(|s| s.name.clone())
}

fn merges(book: &mut Book<'_>, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    }
}

fn merge(d: Dimensions) -> Merge {
    Merge {
        first_row: d.start.0 + 1,
        first_column: d.start.1 + 1,
        last_row: d.end.0 + 1,
        last_column: d.end.1 + 1,
    }
}

/// The text Excel shows for a cell, by its type (not its display format: a money cell formatted
/// `#,##0.00` is "12345.6", which the page's amount reader takes as it is).
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(x) => number_text(*x),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, mi, s, _) = d.to_ymd_hms_milli();
            let time = (h, mi, s) != (0, 0, 0);
            if d.as_f64() < 1.0 && time {
                format!("{h:02}:{mi:02}:{s:02}")
            } else if time {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}")
            }
        }
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A stored number as Excel shows it in its cell's value: at most 15 significant digits, no
/// exponent, no trailing zeros (`0.1 + 0.2` stored as 0.30000000000000004 is "0.3").
pub fn number_text(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return if x.is_finite() { "0".into() } else { x.to_string() };
    }
    // Most numbers: the shortest text that reads back as the same number, when it has at most 15
    // significant digits (Display never writes an exponent).
    let short = x.to_string();
    let significant = short
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|b| *b == b'0')
        .count();
    if significant <= 15 {
        return short;
    }
    let sci = format!("{:.14e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let point = exp + 1;
    let len = digits.len() as i32;
    let body = if point <= 0 {
        format!("0.{}{}", "0".repeat((-point) as usize), digits)
    } else if point >= len {
        format!("{}{}", digits, "0".repeat((point - len) as usize))
    } else {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    };
    if x < 0.0 {
        format!("-{body}")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::number_text;

    #[test]
    fn numbers_as_excel_shows_them() {
        assert_eq!(number_text(12345.6), "12345.6");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(120000.0), "120000");
        assert_eq!(number_text(-3.5), "-3.5");
        assert_eq!(number_text(0.05), "0.05");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(123456789012.34), "123456789012.34");
        assert_eq!(number_text(0.0), "0");
        assert_eq!(number_text(2025.0), "2025");
    }
}
