//! The Excel workbook (SPEC §9): one sheet per view, each built from the same `Grid` as the
//! table, CSV and Markdown. Numbers are numbers, text is always a string (never a formula),
//! the total row is `SUM` formulas with their values cached, and the file is byte-identical
//! for the same input.

use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::error::Error;
use crate::lang::Lang;
use crate::render::grid::{Cell, Grid};
use crate::render::labels as l;

/// Excel's rows per sheet, the header and the total row included.
const MAX_ROWS: usize = 1_048_576;
/// Excel's longest text in a cell, in UTF-16 units.
const MAX_TEXT: usize = 32_767;
/// Column widths, in characters of the default font (a CJK character counts two).
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;
/// Paper size 9 is A4 in Excel's numbering.
const A4: u8 = 9;

/// A workbook of named sheets, as the bytes of an `.xlsx` file.
pub fn workbook(sheets: &[(&str, Grid)], title: &str, lang: Lang) -> Result<Vec<u8>, Error> {
    let mut workbook = Workbook::new();
    // A fixed creation time: the same input gives the same bytes (the zip entries' dates are
    // fixed by the library).
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(failed)?;
    workbook.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&created));
    let formats = Formats::new(lang);
    for (name, grid) in sheets {
        let rows = grid.rows.len() + 1 + usize::from(grid.total.is_some());
        if rows > MAX_ROWS {
            return Err(Error::SheetTooLarge { sheet: name.to_string(), rows });
        }
        let sheet = add_sheet(&mut workbook);
        sheet.set_name(sheet_name(name)).map_err(failed)?;
        write_sheet(sheet, grid, lang, &formats).map_err(failed)?;
    }
    let mut bytes = workbook.save_to_buffer().map_err(failed)?;
    made_on_unix(&mut bytes);
    Ok(bytes)
}

/// Sets the "made by" system of every entry in the zip's central directory to Unix (3).
/// rust_xlsxwriter leaves it to the zip crate, which writes the building platform (DOS on
/// Windows), and nothing else in the file depends on the platform: with this one byte fixed, a
/// workbook made on Windows is byte-identical to one made on Linux (SPEC §12). The library's
/// options are not ours to set, so the byte is set here, in the finished buffer.
fn made_on_unix(zip: &mut [u8]) {
    const END: &[u8] = b"PK\x05\x06";
    const ENTRY: &[u8] = b"PK\x01\x02";
    let u16_at = |b: &[u8], i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let Some(end) = zip.windows(4).rposition(|w| w == END) else { return };
    let Some(offset) = zip.get(end + 16..end + 20) else { return };
    // A zip64 archive (its offset is 0xFFFFFFFF here) is left as it is: a sheet has at most
    // 1 048 576 rows, far from the 4 GB that would need it.
    let mut at = u32::from_le_bytes([offset[0], offset[1], offset[2], offset[3]]) as usize;
    while at + 46 <= end && &zip[at..at + 4] == ENTRY {
        zip[at + 5] = 3;
        at += 46 + u16_at(zip, at + 28) + u16_at(zip, at + 30) + u16_at(zip, at + 32);
    }
}

/// A sheet written row by row ("constant memory"): each row goes to a temporary file as it is
/// written, with its text inline (`t="inlineStr"`) instead of in a shared-strings table. The
/// standard sheet keeps every cell in memory until the workbook is saved, which made the
/// workbook of 100,000 activities spend 41 % of its time having fresh pages cleared; row by row
/// it takes a sixth less time and a third less memory (BENCHMARKS.md). Where no temporary file can be
/// made (an unwritable temporary directory), the standard sheet: the same cells, with their
/// text in the shared-strings table.
fn add_sheet(workbook: &mut Workbook) -> &mut Worksheet {
    if workbook.add_worksheet_with_constant_memory().is_ok() {
        return workbook.worksheets_mut().last_mut().expect("the sheet just added");
    }
    workbook.add_worksheet()
}

fn failed(error: XlsxError) -> Error {
    Error::Workbook { reason: error.to_string() }
}

/// The cell formats, each plain and bold (the total row).
struct Formats {
    /// The header of a column of text, and of numbers (aligned right, above them).
    header: [Format; 2],
    text: [Format; 2],
    count: [Format; 2],
    signed: [Format; 2],
    number: [Format; 2],
    signed_number: [Format; 2],
    points: [Format; 2],
    percent: [Format; 2],
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let both = |format: Format| [format.clone(), format.set_bold()];
        let points = match lang {
            Lang::Zh => r#"+General"个百分点";-General"个百分点";0"个百分点""#,
            Lang::En => r#"+General" pp";-General" pp";0" pp""#,
        };
        let header = Format::new()
            .set_bold()
            .set_background_color("F2F2F2")
            .set_border_bottom(FormatBorder::Thin);
        Formats {
            header: [header.clone(), header.set_align(FormatAlign::Right)],
            text: both(Format::new()),
            count: both(Format::new().set_num_format("0")),
            signed: both(Format::new().set_num_format("+0;-0;0")),
            number: both(Format::new()),
            signed_number: both(Format::new().set_num_format("+General;-General;0")),
            // LibreOffice aligns a number with this format left unless told.
            points: both(Format::new().set_num_format(points).set_align(FormatAlign::Right)),
            percent: both(Format::new().set_num_format("0%")),
        }
    }

    /// The format of a cell and the number it holds, or None for text.
    fn numeric<'f>(&'f self, cell: &Cell, bold: usize) -> Option<(&'f Format, f64)> {
        Some(match cell {
            Cell::Count(n) => (&self.count[bold], *n as f64),
            Cell::Signed(n) => (&self.signed[bold], *n as f64),
            Cell::Number(n) => (&self.number[bold], n.as_f64()),
            Cell::SignedNumber(n) => (&self.signed_number[bold], n.as_f64()),
            Cell::Points(n) => (&self.points[bold], n.as_f64()),
            Cell::Percent(Some(ratio)) => (&self.percent[bold], *ratio),
            _ => return None,
        })
    }
}

fn write_sheet(
    sheet: &mut Worksheet,
    grid: &Grid,
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let last_col = grid.columns.len().saturating_sub(1) as u16;
    let mut widths: Vec<usize> = Vec::with_capacity(grid.columns.len());
    for (col, column) in grid.columns.iter().enumerate() {
        let header = &formats.header[usize::from(column.numeric)];
        sheet.write_string_with_format(0, col as u16, &column.label, header)?;
        // Room for the autofilter's button.
        widths.push(column.label.width() + 4);
    }
    for (i, row) in grid.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let width = write_cell(sheet, r, col as u16, cell, lang, formats, 0)?;
            if let Some(widest) = widths.get_mut(col) {
                *widest = (*widest).max(width + 2);
            }
        }
    }
    let data_rows = grid.rows.len() as u32;
    if let Some(total) = &grid.total {
        let r = data_rows + 1;
        for (col, cell) in total.iter().enumerate() {
            let col = col as u16;
            let width = match formats.numeric(cell, 1) {
                // A column of numbers adds up as a formula, so that the total stays right when
                // someone edits a cell; its value is cached for readers that never calculate.
                Some((format, _)) if data_rows > 0 && !matches!(cell, Cell::Percent(_)) => {
                    let letter = column_number_to_name(col);
                    let sum = format!("=SUM({letter}2:{letter}{})", data_rows + 1);
                    let formula = Formula::new(sum).set_result(cell.render(lang, false));
                    sheet.write_formula_with_format(r, col, formula, format)?;
                    cell.render(lang, true).width()
                }
                _ => write_cell(sheet, r, col, cell, lang, formats, 1)?,
            };
            if let Some(widest) = widths.get_mut(usize::from(col)) {
                *widest = (*widest).max(width + 2);
            }
        }
    }
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width.clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, data_rows, last_col)?;
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_footer(l::page_footer(lang));
    Ok(())
}

/// Writes one cell (numbers as numbers, everything else as a string) and returns the display
/// width of what it shows.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    lang: Lang,
    formats: &Formats,
    bold: usize,
) -> Result<usize, XlsxError> {
    if let Some((format, value)) = formats.numeric(cell, bold) {
        sheet.write_number_with_format(row, col, value, format)?;
        return Ok(cell.render(lang, true).width());
    }
    let text = cell.render(lang, false);
    if text.is_empty() {
        return Ok(0);
    }
    let width = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    // Always a string: text that begins with `=` stays text, never a formula.
    let text = fit(&text);
    if bold == 1 {
        sheet.write_string_with_format(row, col, text, &formats.text[1])?;
    } else {
        sheet.write_string(row, col, text)?;
    }
    Ok(width)
}

/// Text within Excel's limit of a cell, cut with `…` when longer.
fn fit(text: &str) -> String {
    if text.len() <= MAX_TEXT || text.encode_utf16().count() <= MAX_TEXT {
        return text.to_string();
    }
    let mut units = 0;
    let mut out = String::new();
    for c in text.chars() {
        units += c.len_utf16();
        if units > MAX_TEXT - 1 {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

/// A name Excel accepts for a sheet: none of `[ ] : * ? / \`, no `'` at either end, at most
/// 31 UTF-16 units, not empty.
pub fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'');
    let mut out = String::new();
    let mut units = 0;
    for c in cleaned.chars() {
        units += c.len_utf16();
        if units > 31 {
            break;
        }
        out.push(c);
    }
    let out = out.trim_end_matches('\'').to_string();
    if out.is_empty() { "Sheet1".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::{fit, sheet_name};

    #[test]
    fn sheet_names_are_valid_for_excel() {
        assert_eq!(sheet_name("总览"), "总览");
        assert_eq!(sheet_name("a/b:c*d?e[f]g\\h"), "a_b_c_d_e_f_g_h");
        assert_eq!(sheet_name("'引号'"), "引号");
        let long = "界".repeat(40);
        assert_eq!(sheet_name(&long).chars().count(), 31);
        // An emoji is two UTF-16 units.
        assert_eq!(sheet_name(&"😀".repeat(20)).chars().count(), 15);
        assert_eq!(sheet_name("''"), "Sheet1");
    }

    #[test]
    fn long_text_is_cut_within_the_limit() {
        let text = "中".repeat(40_000);
        let cut = fit(&text);
        assert_eq!(cut.encode_utf16().count(), super::MAX_TEXT);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("短"), "短");
    }
}
