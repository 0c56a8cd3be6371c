//! CSV (RFC 4180, CRLF): labels as the header, no total row, lists joined with 、 or "; ",
//! text cells guarded against formula injection unless `--raw`, a UTF-8 BOM with `--excel`.

use std::borrow::Cow;

use crate::lang::Lang;
use crate::render::grid::Grid;

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
    // Writing into a Vec cannot fail.
    for column in &grid.columns {
        let _ = writer.write_field(guard(&column.label, options.raw).as_bytes());
    }
    let _ = writer.write_record(None::<&[u8]>);
    for row in &grid.rows {
        for cell in row {
            let text = cell.render(lang, false);
            let text = if cell.is_numeric() { text } else { guard(&text, options.raw) };
            let _ = writer.write_field(text.as_bytes());
        }
        let _ = writer.write_record(None::<&[u8]>);
    }
    writer.into_inner().unwrap_or_default()
}

/// Prefixes `'` to text that a spreadsheet would run as a formula.
fn guard(text: &str, raw: bool) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !raw => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
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
