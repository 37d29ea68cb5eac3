//! The batch page's spreadsheet parts (issue 18), apart from the engine: `read` turns an .xlsx or
//! .xls file's bytes into a grid of the cell texts Excel shows (calamine), so that the page's CSV
//! pipeline reads it as it reads a decoded CSV; `write` turns tables of cell texts into an .xlsx
//! (rust_xlsxwriter), money as numbers with a ¥ format. Each is its own wasm package, loaded only
//! when needed; only `wasm.rs` knows wasm_bindgen.

pub mod shapes;
mod words;

#[cfg(feature = "read")]
pub mod read;
#[cfg(feature = "write")]
pub mod write;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use shapes::{CellError, Column, Grid, Kind, Merge, Problem, Table, MONEY_FORMAT};
