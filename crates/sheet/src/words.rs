//! Every word the sheet parts say, in Chinese and English (the one catalogue of this crate).

use crate::shapes::Problem;

fn problem(code: &str, zh: String, en: String) -> Problem {
    Problem {
        code: code.into(),
        zh,
        en,
        table: None,
        row: None,
        column: None,
    }
}

#[allow(dead_code)]
pub fn not_excel() -> Problem {
    problem(
        "not_excel",
        "这不是 Excel 文件（.xlsx 或 .xls）：文件未计算。如果是 CSV，请把扩展名改为 .csv 再选择".into(),
        "this is not an Excel file (.xlsx or .xls): nothing computed. If it is a CSV, name it .csv and choose it again"
            .into(),
    )
}

#[allow(dead_code)]
pub fn unreadable(kind: &str, why: &str) -> Problem {
    problem(
        "unreadable",
        format!("无法读取这个 {kind} 文件（可能已损坏或设有密码）：文件未计算。请在 Excel 中另存后重新选择（{why}）"),
        format!("this {kind} file cannot be read (damaged, or protected by a password): nothing computed. Save it again in Excel and choose it again ({why})"),
    )
}

#[allow(dead_code)]
pub fn no_sheet() -> Problem {
    problem(
        "no_sheet",
        "工作簿里没有工作表：文件未计算".into(),
        "the workbook has no worksheet: nothing computed".into(),
    )
}

#[allow(dead_code)]
pub fn unknown_sheet(name: &str) -> Problem {
    problem(
        "unknown_sheet",
        format!("工作簿里没有名为“{name}”的工作表"),
        format!("the workbook has no worksheet named “{name}”"),
    )
}

#[allow(dead_code)]
pub fn sheet_unreadable(name: &str, why: &str) -> Problem {
    problem(
        "unreadable",
        format!("无法读取工作表“{name}”：未计算（{why}）"),
        format!("the worksheet “{name}” cannot be read: nothing computed ({why})"),
    )
}

#[allow(dead_code)]
pub fn bad_input(why: &str) -> Problem {
    problem(
        "input",
        format!("下载内容无法生成（{why}）"),
        format!("the download could not be made ({why})"),
    )
}

#[allow(dead_code)]
pub fn bad_money(table: &str, row: u32, column: u32, label: &str, text: &str) -> Problem {
    let mut p = problem(
        "money",
        format!("表“{table}”第{row}行“{label}”：“{text}”不是金额（应为数字，最多两位小数），未生成下载"),
        format!("table “{table}” row {row} “{label}”: “{text}” is not an amount (digits, at most two decimals): nothing downloaded"),
    );
    p.table = Some(table.into());
    p.row = Some(row);
    p.column = Some(column);
    p
}

#[allow(dead_code)]
pub fn bad_count(table: &str, row: u32, column: u32, label: &str, text: &str) -> Problem {
    let mut p = problem(
        "count",
        format!("表“{table}”第{row}行“{label}”：“{text}”不是整数，未生成下载"),
        format!("table “{table}” row {row} “{label}”: “{text}” is not a whole number: nothing downloaded"),
    );
    p.table = Some(table.into());
    p.row = Some(row);
    p.column = Some(column);
    p
}

#[allow(dead_code)]
pub fn writer_failed(why: &str) -> Problem {
    problem(
        "writer",
        format!("无法生成 Excel 文件（{why}）"),
        format!("the Excel file could not be made ({why})"),
    )
}
