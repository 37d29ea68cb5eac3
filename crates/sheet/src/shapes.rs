//! The shapes that cross to JavaScript, declared once: what the read part returns (`Grid`, or a
//! `Problem`) and what the write part takes (`Table`s) or refuses (`Problem`). Each crosses the
//! boundary as one JSON text (`src/wasm.rs`); `www/batch/excel.js` and `www/batch/xlsx-download.js`
//! read them as documented here.

use serde::{Deserialize, Serialize};

/// One sheet of a workbook as Excel shows it: `rows[i]` is Excel's row `i + 1`, `rows[i][j]` its
/// column `j + 1`, each cell the text Excel shows (trailing empty cells left off).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    /// "xlsx" or "xls" (or "xlsb", "ods": calamine reads them too).
    pub kind: String,
    /// Every worksheet's name, in the workbook's order.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    pub rows: Vec<Vec<String>>,
    /// Merged ranges, 1-based and inclusive, in row order: Excel shows the value in the top-left cell only.
    pub merged: Vec<Merge>,
    /// Cells holding an Excel error (`#N/A`, `#VALUE!`, …), in row order; their text stands in the grid.
    pub errors: Vec<CellError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub first_row: u32,
    pub first_column: u32,
    pub last_row: u32,
    pub last_column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellError {
    pub row: u32,
    pub column: u32,
    /// As Excel shows it: `#N/A`.
    pub text: String,
}

/// A refusal, in both languages. `table`, `row`, `column` (1-based) say where, when it is a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: String,
    pub zh: String,
    pub en: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<u32>,
}

/// A table to write as one worksheet: a header row of labels, then the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The sheet's name (cut to Excel's 31 characters, characters Excel refuses replaced, made unique).
    pub name: String,
    pub columns: Vec<Column>,
    /// Cell texts; a money cell is a decimal string (`"12345.60"`, `"-3"`) or empty.
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub label: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Written as text, never as a formula or a number.
    Text,
    /// A decimal string written as a number with a ¥ format (`MONEY_FORMAT`).
    Money,
    /// A whole number written as a number.
    Count,
}

/// The number format of money cells: yuan with two decimals, as Chinese Excel's currency style.
pub const MONEY_FORMAT: &str = "¥#,##0.00;¥-#,##0.00";
