//! CSV (RFC 4180, CRLF): labels as the header, no total row, lists joined with 、 or "; ",
//! text cells guarded against formula injection unless `--raw`, a UTF-8 BOM with `--excel`.

use std::borrow::Cow;

use crate::error::Error;
use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::render::grid::{Cell, Grid};
use crate::render::view::{DiffView, SummaryView, diff_grid, summary_grid};

pub struct CsvOptions {
    pub excel: bool,
    pub raw: bool,
}

/// One view of the yearly report, with the columns only CSV and the workbook show; CSV holds
/// one table, so view `full` is refused.
pub fn summary(
    report: &Report,
    view: SummaryView,
    lang: Lang,
    options: &CsvOptions,
) -> Result<Vec<u8>, Error> {
    if view == SummaryView::Full {
        return Err(Error::FullCsv);
    }
    Ok(csv(&summary_grid(report, view, lang, true), lang, options))
}

/// One view of the comparison; view `full` is refused.
pub fn diff(
    diff: &Diff,
    view: DiffView,
    lang: Lang,
    options: &CsvOptions,
) -> Result<Vec<u8>, Error> {
    if view == DiffView::Full {
        return Err(Error::FullCsv);
    }
    Ok(csv(&diff_grid(diff, view, lang), lang, options))
}

/// A grid as CSV: the labels as the header row, then its rows.
pub fn csv(grid: &Grid, lang: Lang, options: &CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.excel {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let labels = grid.columns.iter().map(|column| Cell::Text(Cow::Borrowed(&column.label)));
    out.extend(records(&[labels.collect()], lang, options.raw));
    // Rows are independent: a large table is written in parts on every core, then joined.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let part = grid.rows.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = grid
            .rows
            .chunks(part)
            .map(|rows| scope.spawn(move || records(rows, lang, options.raw)))
            .collect();
        for handle in handles {
            out.extend(handle.join().unwrap_or_default());
        }
    });
    out
}

/// Rows as CSV records (CRLF), text cells guarded.
fn records(rows: &[Vec<Cell>], lang: Lang, raw: bool) -> Vec<u8> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    for row in rows {
        for cell in row {
            let text = cell.render(lang, false);
            let text = if cell.is_numeric() { text } else { guard(&text, raw) };
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
