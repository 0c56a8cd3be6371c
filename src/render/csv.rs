//! CSV (RFC 4180, CRLF): labels as the header, no total row, lists joined with 、 or "; ",
//! text cells guarded against formula injection unless `--raw`, a UTF-8 BOM with `--excel`.

use std::borrow::Cow;
use std::io::{self, Write};

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

/// The grid of one view of the yearly report, with the columns only CSV and the workbook
/// show; CSV holds one table, so view `full` is refused.
pub fn summary<'a>(report: &'a Report, view: SummaryView, lang: Lang) -> Result<Grid<'a>, Error> {
    if view == SummaryView::Full {
        return Err(Error::FullCsv);
    }
    Ok(summary_grid(report, view, lang, true))
}

/// The grid of one view of the comparison; view `full` is refused.
pub fn diff(diff: &Diff, view: DiffView, lang: Lang) -> Result<Grid<'_>, Error> {
    if view == DiffView::Full {
        return Err(Error::FullCsv);
    }
    Ok(diff_grid(diff, view, lang))
}

/// How many rows each core writes at a time.
const PART: usize = 8192;

/// A grid as CSV, written to `out` as it is made: the labels as the header row, then its rows.
pub fn csv(grid: &Grid, lang: Lang, options: &CsvOptions, out: &mut dyn Write) -> io::Result<()> {
    if options.excel {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let labels = grid.columns.iter().map(|column| Cell::Text(Cow::Borrowed(&column.label)));
    out.write_all(&records([Cow::Owned(labels.collect())].into_iter(), lang, options.raw))?;
    // Rows are independent: a large table is written in parts on every core, a part a core at
    // a time, so that only those parts' text is held.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rows = grid.rows.len();
    let mut start = 0;
    while start < rows {
        let end = rows.min(start + threads * PART);
        let part = (end - start).div_ceil(threads);
        let parts: Vec<Vec<u8>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (start..end)
                .step_by(part)
                .map(|from| {
                    let take = part.min(end - from);
                    scope.spawn(move || {
                        records(grid.rows.iter_from(from).take(take), lang, options.raw)
                    })
                })
                .collect();
            handles.into_iter().map(|handle| handle.join().unwrap_or_default()).collect()
        });
        for part in parts {
            out.write_all(&part)?;
        }
        start = end;
    }
    Ok(())
}

/// Rows as CSV records (CRLF), text cells guarded.
fn records<'r, 'c: 'r>(
    rows: impl Iterator<Item = Cow<'r, [Cell<'c>]>>,
    lang: Lang,
    raw: bool,
) -> Vec<u8> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    for row in rows {
        for cell in row.iter() {
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
