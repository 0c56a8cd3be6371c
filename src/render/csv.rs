//! CSV (RFC 4180, CRLF): labels as the header, no total row, lists joined with 、 or "; ",
//! text cells guarded against formula injection unless `--raw`, a UTF-8 BOM with `--excel`.

use crate::lang::Lang;
use crate::render::grid::{Cell, Grid};

pub struct CsvOptions {
    pub excel: bool,
    pub raw: bool,
}

pub fn csv(grid: &Grid, lang: Lang, options: &CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.excel {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let header: Vec<String> = grid.columns.iter().map(|c| guard(&c.label, options.raw)).collect();
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(&header);
    for row in &grid.rows {
        let record: Vec<String> = row.iter().map(|cell| field(cell, lang, options.raw)).collect();
        let _ = writer.write_record(&record);
    }
    writer.into_inner().unwrap_or_default()
}

fn field(cell: &Cell, lang: Lang, raw: bool) -> String {
    let text = cell.render(lang, false);
    if cell.is_numeric() { text } else { guard(&text, raw) }
}

/// Prefixes `'` to text that a spreadsheet would run as a formula.
fn guard(text: &str, raw: bool) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !raw => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(guard("=1+1", false), "'=1+1");
        assert_eq!(guard("-负数开头", false), "'-负数开头");
        assert_eq!(guard("@张三", false), "'@张三");
        assert_eq!(guard("\tx", false), "'\tx");
        assert_eq!(guard("=1+1", true), "=1+1");
        assert_eq!(guard("正常", false), "正常");
    }
}
