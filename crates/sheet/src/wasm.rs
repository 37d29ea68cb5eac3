//! The boundary of the two parts: one JSON text each way (shapes in `shapes.rs`).

use wasm_bindgen::prelude::*;

/// The read part: `{"grid": Grid}` or `{"problem": Problem}` for the sheet named `sheet` (none: the first).
#[cfg(feature = "read")]
#[wasm_bindgen(js_name = readSheet)]
pub fn read_sheet(bytes: &[u8], sheet: Option<String>) -> String {
    // Written straight to text (no JSON tree of a large grid in between).
    #[derive(serde::Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Out {
        Grid(crate::Grid),
        Problem(crate::Problem),
    }
    let out = match crate::read::read(bytes, sheet.as_deref()) {
        Ok(grid) => Out::Grid(grid),
        Err(problem) => Out::Problem(problem),
    };
    serde_json::to_string(&out).unwrap_or_default()
}

/// The write part: the .xlsx bytes of `tables` (a JSON array of `Table`), or throws a `Problem`'s JSON.
#[cfg(feature = "write")]
#[wasm_bindgen(js_name = writeXlsx)]
pub fn write_xlsx(tables: &str) -> Result<Vec<u8>, String> {
    let problem = |p: crate::Problem| serde_json::to_string(&p).unwrap_or_default();
    let tables: Vec<crate::Table> =
        serde_json::from_str(tables).map_err(|e| problem(crate::words::bad_input(&e.to_string())))?;
    crate::write::write(&tables).map_err(problem)
}
