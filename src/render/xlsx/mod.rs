//! The Excel workbook.

mod workbook;

pub use workbook::*;
