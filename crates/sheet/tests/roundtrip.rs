//! The write part's .xlsx read back with calamine (the read part's reader): money cells are
//! numbers, equal to the decimal strings written, with the ¥ format; counts are numbers; text
//! stays text (a formula-looking name is never a formula); sheet names Excel takes; a cell that is
//! not what its column says refuses the download at its table, row and column.

#![cfg(all(feature = "read", feature = "write"))]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use pinghu_sheet::{read::read, write::write, Column, Kind, Table, MONEY_FORMAT};

fn table(name: &str, rows: Vec<Vec<&str>>) -> Table {
    let col = |label: &str, kind| Column {
        label: label.into(),
        kind,
    };
    Table {
        name: name.into(),
        columns: vec![
            col("企业", Kind::Text),
            col("行数", Kind::Count),
            col("支持合计", Kind::Money),
        ],
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(String::from).collect())
            .collect(),
    }
}

#[test]
fn money_is_a_number_with_the_yuan_format() {
    let tables = vec![
        table(
            "企业",
            vec![
                vec!["平湖甲", "3", "12345.60"],
                vec!["=1+1", "1", "0.10"],
                vec!["乙", "", ""],
            ],
        ),
        table(&"测算".repeat(20), vec![vec!["丙", "2", "-3"]]),
    ];
    let bytes = write(&tables).expect("written");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).expect("an xlsx");
    let names = book.sheet_names();
    assert_eq!(names[0], "企业");
    assert_eq!(names[1].chars().count(), 31);
    let range = book.worksheet_range("企业").unwrap();
    assert_eq!(range.get((0, 2)), Some(&Data::String("支持合计".into())));
    assert_eq!(range.get((1, 2)), Some(&Data::Float(12345.6)));
    assert_eq!(range.get((2, 2)), Some(&Data::Float(0.1)));
    assert_eq!(range.get((1, 1)), Some(&Data::Float(3.0)));
    assert_eq!(
        range.get((2, 0)),
        Some(&Data::String("=1+1".into())),
        "text, never a formula"
    );
    assert!(
        matches!(range.get((3, 2)), None | Some(Data::Empty)),
        "an empty money cell stays empty"
    );
    let styles = book.worksheet_style("企业").unwrap();
    let (top, left) = styles.start().unwrap_or((0, 0));
    let format = |r: u32, c: u32| {
        styles
            .get((r - top, c - left))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
    };
    assert_eq!(format(1, 2).as_deref(), Some(MONEY_FORMAT));
    assert_eq!(format(2, 2).as_deref(), Some(MONEY_FORMAT));
    assert_ne!(format(1, 0).as_deref(), Some(MONEY_FORMAT));
    // and through the read part's own reading, as the page would see the file
    let grid = read(&bytes, None).unwrap();
    assert_eq!(grid.rows[1], vec!["平湖甲", "3", "12345.6"]);
    let second = read(&bytes, Some(&names[1])).unwrap();
    assert_eq!(second.rows[1], vec!["丙", "2", "-3"]);
}

#[test]
fn a_cell_that_is_not_its_columns_kind_refuses_the_download_at_its_place() {
    let p = write(&[table("企业", vec![vec!["甲", "1", "100.00"], vec!["乙", "1", "12万"]])]).unwrap_err();
    assert_eq!(
        (p.code.as_str(), p.table.as_deref(), p.row, p.column),
        ("money", Some("企业"), Some(3), Some(3))
    );
    assert!(p.zh.contains("12万") && p.en.contains("12万"));
    let p = write(&[table("企业", vec![vec!["甲", "1.5", "1"]])]).unwrap_err();
    assert_eq!((p.code.as_str(), p.row, p.column), ("count", Some(2), Some(2)));
}
