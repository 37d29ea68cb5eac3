//! Tables of cell texts to an .xlsx (rust_xlsxwriter): one worksheet per table, a bold header row
//! kept in view, text cells as text (never a formula), counts as numbers, money as numbers with
//! the ¥ format (`MONEY_FORMAT`). The decimal string becomes the file's number here and only here:
//! the page never turns money into a JS Number. A cell that is not what its column says refuses
//! the whole download at its table, row and column.

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::shapes::{Kind, Problem, Table, MONEY_FORMAT};
use crate::words;

/// The .xlsx bytes of `tables`.
pub fn write(tables: &[Table]) -> Result<Vec<u8>, Problem> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold();
    let money = Format::new().set_num_format(MONEY_FORMAT);
    let count = Format::new().set_num_format("0");
    let mut names: Vec<String> = Vec::new();
    for table in tables {
        let name = sheet_name(&table.name, &names);
        names.push(name.clone());
        let sheet = book.add_worksheet();
        sheet
            .set_name(&name)
            .map_err(|e| words::writer_failed(&e.to_string()))?;
        let fail = |e: rust_xlsxwriter::XlsxError| words::writer_failed(&e.to_string());
        for (j, col) in table.columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, j as u16, &col.label, &header)
                .map_err(fail)?;
            sheet
                .set_column_width(j as u16, width(&col.label, col.kind))
                .map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        for (i, row) in table.rows.iter().enumerate() {
            write_row(sheet, table, i, row, &money, &count)?;
        }
    }
    book.save_to_buffer().map_err(|e| words::writer_failed(&e.to_string()))
}

fn write_row(
    sheet: &mut Worksheet,
    table: &Table,
    i: usize,
    row: &[String],
    money: &Format,
    count: &Format,
) -> Result<(), Problem> {
    let r = i as u32 + 1;
    let fail = |e: rust_xlsxwriter::XlsxError| words::writer_failed(&e.to_string());
    for (j, text) in row.iter().enumerate() {
        let c = j as u16;
        let (kind, label) = match table.columns.get(j) {
            Some(col) => (col.kind, col.label.as_str()),
            None => (Kind::Text, ""),
        };
        let text_t = text.trim();
        if kind != Kind::Text && text_t.is_empty() {
            continue;
        }
        match kind {
            Kind::Text => {
                if !text.is_empty() {
                    sheet.write_string(r, c, text).map_err(fail)?;
                }
            }
            Kind::Money => {
                let n = money_number(text_t)
                    .ok_or_else(|| words::bad_money(&table.name, r + 1, c as u32 + 1, label, text))?;
                sheet.write_number_with_format(r, c, n, money).map_err(fail)?;
            }
            Kind::Count => {
                let n = text_t
                    .parse::<i64>()
                    .ok()
                    .filter(|n| n.unsigned_abs() < 1 << 53)
                    .ok_or_else(|| words::bad_count(&table.name, r + 1, c as u32 + 1, label, text))?;
                sheet.write_number_with_format(r, c, n as f64, count).map_err(fail)?;
            }
        }
    }
    Ok(())
}

/// A money text (`-?digits(.d{1,2})?`, at most 15 significant digits, so that the file's number
/// is shown back exactly) as the nearest binary number (Rust's parse is correctly rounded).
pub fn money_number(text: &str) -> Option<f64> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty()
        || !digits_ok(int)
        || !digits_ok(frac)
        || frac.len() > 2
        || (body.contains('.') && frac.is_empty())
    {
        return None;
    }
    let significant = int.trim_start_matches('0').len() + frac.len();
    if significant > 15 {
        return None;
    }
    text.parse().ok()
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or
/// ending with `'`, not empty, unique (case-insensitively) among `taken` ("…(2)").
pub fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect::<String>()
        .trim_matches('\'')
        .trim()
        .into();
    let base = if cleaned.is_empty() {
        "Sheet".to_string()
    } else {
        cleaned
    };
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let free = |s: &str| !taken.iter().any(|t| t.to_lowercase() == s.to_lowercase());
    let first = cut(&base, 31);
    if free(&first) {
        return first;
    }
    (2..)
        .map(|k| {
            let tail = format!("({k})");
            format!("{}{}", cut(&base, 31 - tail.chars().count()), tail)
        })
        .find(|s| free(s))
        .unwrap_or(first)
}

/// A column's width in Excel's units: a CJK character is about two.
fn width(label: &str, kind: Kind) -> f64 {
    let w: usize = label.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    let least = if kind == Kind::Money { 16 } else { 10 };
    w.clamp(least, 40) as f64 + 2.0
}

#[cfg(test)]
mod tests {
    use super::{money_number, sheet_name};

    #[test]
    fn money_texts() {
        assert_eq!(money_number("12345.60"), Some(12345.6));
        assert_eq!(money_number("-3"), Some(-3.0));
        assert_eq!(money_number("0.1"), Some(0.1));
        for bad in [
            "",
            "1.234",
            "1,000",
            "¥5",
            "1e3",
            ".5",
            "5.",
            "12万",
            "1234567890123456",
        ] {
            assert_eq!(money_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn sheet_names_excel_takes() {
        let long = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三";
        assert_eq!(sheet_name(long, &[]).chars().count(), 31);
        assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
        let taken = vec![sheet_name(long, &[])];
        let second = sheet_name(long, &taken);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("(2)"));
        assert_eq!(sheet_name("", &[]), "Sheet");
    }
}
