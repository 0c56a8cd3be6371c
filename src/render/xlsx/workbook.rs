//! The Excel workbook (SPEC §9): one sheet per view, each built from the same `Grid` as the
//! table, CSV and Markdown. Each sheet opens with a title row (the report's title and the
//! sheet's subject) above its header; numbers are numbers, days are date cells, text is always
//! a string (never a formula) in the shared-strings table, the total row is `SUM` formulas with
//! their values cached, long text wraps in columns narrowed to print at 60 % or more, 总览 and
//! 各月活动 carry a native chart, and the file is byte-identical for the same input.

use std::borrow::Cow;

use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    ObjectMovement, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::error::Error;
use crate::lang::Lang;
use crate::read::schema::Number;
use crate::render::grid::{Cell, Grid};
use crate::render::labels as l;
use crate::render::xlsx::charts::{self, Cached, ChartCache};
use crate::terms::date::Period;

/// Excel's rows per sheet: the title, the header and the total row included.
const MAX_ROWS: usize = 1_048_576;
/// Excel's longest text in a cell, in UTF-16 units.
const MAX_TEXT: usize = 32_767;
/// Excel's longest printed header, in UTF-16 units (a longer one is dropped by the library).
const MAX_HEADER: usize = 255;
/// Column widths, in characters of the default font (a CJK character counts two).
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;
/// The narrowest a column of text is made so that the sheet prints larger: its text wraps.
const MIN_WRAP: usize = 12;
/// The rows above the data.
const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const FIRST_ROW: u32 = 2;
/// Integers up to 2^53 are exact in a cell's number (a double); larger ones are written as text.
const EXACT: u128 = 1 << 53;
/// The height of a line of text in a row, and Excel's tallest row, in points.
const LINE_HEIGHT: f64 = 15.0;
const MAX_ROW_HEIGHT: f64 = 409.0;
/// Paper size 9 is A4 in Excel's numbering.
const A4: u8 = 9;
/// The left and right margins, in inches (Excel's default is 0.7).
const MARGIN: f64 = 0.5;
/// The printable width of A4 landscape within the margins, in pixels at 96 dpi: what
/// fit-to-width divides the sheet's width into.
const PAGE_PX: f64 = (11.69 - 2.0 * MARGIN) * 96.0;
/// The smallest print scale: a sheet that would print smaller takes more pages instead.
const MIN_SCALE: f64 = 0.6;
/// The scale the columns of text are narrowed towards (a little above the smallest, since
/// Excel and LibreOffice measure the columns a little differently).
const AIM_SCALE: f64 = 0.62;

/// A workbook of named sheets, as the bytes of an `.xlsx` file. `title` is the report's (or
/// the comparison's): each sheet's title row is it and the sheet's name.
/// The sheets come one at a time, each dropped once written (those with a chart, whose rows are
/// made as they are read, once all are written): a workbook of many rows holds one sheet's
/// cells at a time, and none while the shared strings are written out.
pub fn workbook<'g>(
    sheets: impl IntoIterator<Item = (&'g str, Grid<'g>)>,
    title: &str,
    lang: Lang,
) -> Result<Vec<u8>, Error> {
    build(sheets, title, lang)?.save()
}

/// A workbook whose sheets are written, not yet saved: it owns all it needs, so that what
/// its sheets were made from (the report and the workspace, most of the memory of 100,000
/// sectors) can be dropped before the file is put together (SPEC §7).
pub struct Built {
    workbook: Workbook,
    /// The charts' cached values, by the charts' numbers; None where the library reads them.
    caches: Vec<Option<charts::ChartCache>>,
}

impl Built {
    /// The bytes of the `.xlsx` file.
    pub fn save(mut self) -> Result<Vec<u8>, Error> {
        let mut bytes = self.workbook.save_to_buffer().map_err(failed)?;
        drop(self.workbook);
        if self.caches.iter().any(Option::is_some) {
            bytes = charts::with_caches(&bytes, &self.caches)
                .map_err(|e| Error::Workbook { reason: e.to_string() })?;
        }
        made_on_unix(&mut bytes);
        Ok(bytes)
    }
}

/// Writes the sheets of a workbook (see `workbook`), one at a time.
pub fn build<'g>(
    sheets: impl IntoIterator<Item = (&'g str, Grid<'g>)>,
    title: &str,
    lang: Lang,
) -> Result<Built, Error> {
    let mut workbook = Workbook::new();
    // A fixed creation time: the same input gives the same bytes (the zip entries' dates are
    // fixed by the library).
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(failed)?;
    workbook.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&created));
    let formats = Formats::new(lang);
    // The sheets with a chart are written last, so that the shared strings come in the order
    // they came in when those were standard sheets (their strings added when saved).
    let mut charted = Vec::new();
    for (name, grid) in sheets {
        let rows = grid.rows.len() + 2 + usize::from(grid.total.is_some());
        if rows > MAX_ROWS {
            return Err(Error::SheetTooLarge { sheet: name.to_string(), rows });
        }
        let low_memory = add_sheet(&mut workbook);
        let index = workbook.worksheets_mut().len() - 1;
        match SheetChart::of(name, lang) {
            Some(chart) => charted.push((index, name, grid, chart, low_memory)),
            None => {
                let sheet = workbook.worksheet_from_index(index).map_err(failed)?;
                named_sheet(sheet, name, &grid, title, lang, &formats, None)?;
            }
        }
    }
    // The charts' cached values, by the charts' numbers; None where the library reads them.
    let mut caches = Vec::new();
    for (index, name, grid, chart, low_memory) in charted {
        let sheet = workbook.worksheet_from_index(index).map_err(failed)?;
        let cache = named_sheet(sheet, name, &grid, title, lang, &formats, Some(chart))?;
        if !grid.rows.is_empty() {
            caches.push(cache.filter(|_| low_memory));
        }
    }
    Ok(Built { workbook, caches })
}

/// Names a sheet and writes it, with its chart; the chart's cached values, for a chart.
fn named_sheet(
    sheet: &mut Worksheet,
    name: &str,
    grid: &Grid,
    title: &str,
    lang: Lang,
    formats: &Formats,
    chart: Option<SheetChart>,
) -> Result<Option<ChartCache>, Error> {
    let name = sheet_name(name);
    sheet.set_name(&name).map_err(failed)?;
    let heading = l::sheet_title(lang, title, &name);
    let cache = write_sheet(sheet, grid, &heading, lang, formats, chart).map_err(failed)?;
    if let Some(chart) = chart {
        insert_chart(sheet, &name, grid, chart, lang).map_err(failed)?;
    }
    Ok(cache)
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

/// A sheet written row by row (the library's "low memory" mode): each row goes to a temporary
/// file as it is written, while its text goes to the workbook's shared-strings table (held once
/// per distinct string), so that Excel need not rewrite the file on its first save. Where no
/// temporary file can be made (an unwritable temporary directory), the standard sheet, which
/// keeps its cells until the workbook is saved: the same cells. Whether it is low-memory.
fn add_sheet(workbook: &mut Workbook) -> bool {
    if workbook.add_worksheet_with_low_memory().is_ok() {
        return true;
    }
    workbook.add_worksheet();
    false
}

fn failed(error: XlsxError) -> Error {
    Error::Workbook { reason: error.to_string() }
}

/// The cell formats, each plain and bold (the total row). Cells sit at the top of rows that
/// grow with wrapped text.
struct Formats {
    title: Format,
    /// The header of a column of text, and of numbers (aligned right, above them).
    header: [Format; 2],
    /// Text wraps within its column.
    text: [Format; 2],
    /// A day, as a date cell.
    date: [Format; 2],
    /// An integer too large for a cell's number, as text with its exact digits.
    exact: [Format; 2],
    count: [Format; 2],
    signed: [Format; 2],
    number: [Format; 2],
    signed_number: [Format; 2],
    points: [Format; 2],
    percent: [Format; 2],
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let both = |format: Format| {
            let format = format.set_align(FormatAlign::Top);
            [format.clone(), format.set_bold()]
        };
        let points = match lang {
            Lang::Zh => r#"+General"个百分点";-General"个百分点";0"个百分点""#,
            Lang::En => r#"+General" pp";-General" pp";0" pp""#,
        };
        let header = Format::new()
            .set_bold()
            .set_background_color("F2F2F2")
            .set_border_bottom(FormatBorder::Thin);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::VerticalCenter),
            header: [header.clone(), header.set_align(FormatAlign::Right)],
            text: both(Format::new().set_text_wrap()),
            // Left, as the coarser dates beside them (text) are.
            date: both(Format::new().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Left)),
            exact: both(Format::new().set_align(FormatAlign::Right)),
            count: both(Format::new().set_num_format("0")),
            signed: both(Format::new().set_num_format("+0;-0;0")),
            number: both(Format::new()),
            signed_number: both(Format::new().set_num_format("+General;-General;0")),
            // LibreOffice aligns a number with this format left unless told.
            points: both(Format::new().set_num_format(points).set_align(FormatAlign::Right)),
            percent: both(Format::new().set_num_format("0%")),
        }
    }

    /// The format of a cell and the number it holds, or None for text. An integer beyond 2^53
    /// is text with its exact digits (a spreadsheet's numbers are doubles: it would show
    /// 18446744073709551616 for 18446744073709551614).
    fn numeric<'f>(&'f self, cell: &Cell, bold: usize) -> Option<(&'f Format, f64)> {
        Some(match cell {
            Cell::Count(n) if *n <= EXACT => (&self.count[bold], *n as f64),
            Cell::Signed(n) if n.unsigned_abs() <= EXACT => (&self.signed[bold], *n as f64),
            Cell::Number(n) if exact(n) => (&self.number[bold], n.as_f64()),
            Cell::SignedNumber(n) if exact(n) => (&self.signed_number[bold], n.as_f64()),
            Cell::Points(n) if exact(n) => (&self.points[bold], n.as_f64()),
            Cell::Percent(Some(ratio)) => (&self.percent[bold], *ratio),
            _ => return None,
        })
    }
}

/// Whether a number keeps its value in a cell's double.
fn exact(number: &Number) -> bool {
    match number {
        Number::Int(i) => i.get().unsigned_abs() <= EXACT,
        Number::Float(_) => true,
    }
}

fn write_sheet(
    sheet: &mut Worksheet,
    grid: &Grid,
    heading: &str,
    lang: Lang,
    formats: &Formats,
    chart: Option<SheetChart>,
) -> Result<Option<ChartCache>, XlsxError> {
    let last_col = grid.columns.len().saturating_sub(1) as u16;
    // The title row: merged across the columns, 14 pt, and the printed page's header.
    sheet.set_row_height(TITLE_ROW, 24)?;
    let heading = &fit(heading);
    if last_col > 0 {
        sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, last_col, heading, &formats.title)?;
    } else {
        sheet.write_string_with_format(TITLE_ROW, 0, heading, &formats.title)?;
    }
    sheet.set_header(page_header(heading));
    // The columns' widths first, from every cell: a row's height follows from them, and a
    // row written cannot be changed.
    let mut widths: Vec<usize> = grid.columns.iter().map(|c| c.label.width() + 4).collect();
    // Columns holding an integer written as text: their total cannot be a `SUM`.
    let mut as_text = vec![false; grid.columns.len()];
    for row in grid.rows.iter().chain(grid.total.as_deref().map(Cow::Borrowed)) {
        for ((cell, widest), text) in row.iter().zip(&mut widths).zip(&mut as_text) {
            let (width, written_as_text) = shown(cell, lang, formats);
            *widest = (*widest).max(width + 2);
            *text |= written_as_text && cell.is_numeric();
        }
    }
    let widths = print_widths(grid, widths);
    for (col, column) in grid.columns.iter().enumerate() {
        let header = &formats.header[usize::from(column.numeric)];
        // Room for the autofilter's button is in the width.
        sheet.write_string_with_format(HEADER_ROW, col as u16, &column.label, header)?;
    }
    // The chart's cached values, as its cells are written (the ranges `insert_chart` gives it).
    let mut cache = chart.map(|_| ChartCache::default());
    if let (Some(cache), Some(SheetChart::Months)) = (&mut cache, chart) {
        let months = grid.columns.iter().skip(1).take(12);
        cache.categories = months.map(|c| Cached::Text(c.label.clone())).collect();
    }
    for (i, row) in grid.rows.iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        write_row(sheet, r, &row, &widths, lang, formats, 0)?;
        if let (Some(cache), Some(SheetChart::Sectors)) = (&mut cache, chart) {
            let at =
                |col: usize| row.get(col).map_or(Cached::Blank, |c| cached(c, lang, formats, 0));
            cache.categories.push(at(0));
            cache.values.push(at(1));
        }
    }
    let data_rows = grid.rows.len() as u32;
    let mut total_cached = Vec::new();
    if let Some(total) = &grid.total {
        let r = FIRST_ROW + data_rows;
        for (col, cell) in total.iter().enumerate() {
            let adds_up = data_rows > 0
                && !matches!(cell, Cell::Percent(_))
                && !as_text.get(col).copied().unwrap_or(false);
            let col = col as u16;
            match formats.numeric(cell, 1) {
                // A column of numbers adds up as a formula, so that the total stays right when
                // someone edits a cell; its value is cached for readers that never calculate.
                Some((format, _)) if adds_up => {
                    let letter = column_number_to_name(col);
                    let (top, bottom) = (FIRST_ROW + 1, FIRST_ROW + data_rows);
                    let sum = format!("=SUM({letter}{top}:{letter}{bottom})");
                    let formula = Formula::new(sum).set_result(cell.render(lang, false));
                    sheet.write_formula_with_format(r, col, formula, format)?;
                    total_cached.push(Cached::Blank);
                }
                _ => {
                    write_cell(sheet, r, col, cell, lang, formats, 1)?;
                    total_cached.push(cached(cell, lang, formats, 1));
                }
            }
        }
    }
    if let (Some(cache), Some(SheetChart::Months)) = (&mut cache, chart) {
        // A formula's result is not cached: the library reads only a cell's value.
        cache.values =
            (1..=12).map(|col| total_cached.get(col).cloned().unwrap_or(Cached::Blank)).collect();
    }
    let sheet_px: f64 = widths.iter().map(|w| column_px(*w)).sum();
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width as f64)?;
    }
    sheet.set_freeze_panes(FIRST_ROW, 1)?;
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + data_rows, last_col)?;
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    // Excel's top, bottom, header and footer margins; narrower sides.
    sheet.set_margins(MARGIN, MARGIN, 0.75, 0.75, 0.3, 0.3);
    match print_scale(sheet_px) {
        None => sheet.set_print_fit_to_pages(1, 0),
        Some(scale) => sheet.set_print_scale(scale),
    };
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_footer(l::page_footer(lang));
    Ok(cache)
}

/// The columns' widths: each as wide as its content (from `MIN_WIDTH` to `MAX_WIDTH`), then
/// the widest columns of text narrowed together — their text wraps, the rows grow — until the
/// sheet fits one page wide at `AIM_SCALE`, none narrower than `MIN_WRAP`.
fn print_widths(grid: &Grid, widths: Vec<usize>) -> Vec<usize> {
    let mut widths: Vec<usize> =
        widths.into_iter().map(|w| w.clamp(MIN_WIDTH, MAX_WIDTH)).collect();
    // The first column names the row (a sector), and numbers never wrap.
    let narrowable: Vec<bool> =
        grid.columns.iter().enumerate().map(|(i, c)| i > 0 && !c.numeric).collect();
    let fits =
        |widths: &[usize]| PAGE_PX / widths.iter().map(|w| column_px(*w)).sum::<f64>() >= AIM_SCALE;
    let mut cap = MAX_WIDTH;
    while cap > MIN_WRAP && !fits(&widths) {
        cap -= 1;
        for (width, _) in widths.iter_mut().zip(&narrowable).filter(|(_, n)| **n) {
            *width = (*width).min(cap);
        }
    }
    widths
}

/// One page wide (None), unless that would print smaller than 60 %: then 60 % on more pages.
fn print_scale(sheet_px: f64) -> Option<u16> {
    (PAGE_PX / sheet_px < MIN_SCALE).then_some((MIN_SCALE * 100.0) as u16)
}

/// A column's width in pixels, as Excel draws a width in characters of Calibri 11.
fn column_px(width: usize) -> f64 {
    (width * 7 + 5) as f64
}

/// The printed page's header: the sheet's title, centred, within Excel's limit (`&` doubled,
/// since it starts a code there).
fn page_header(heading: &str) -> String {
    let mut header = String::from("&C");
    let mut units = 2;
    for c in heading.chars() {
        let more = if c == '&' { 2 } else { c.len_utf16() };
        if units + more > MAX_HEADER {
            break;
        }
        units += more;
        if c == '&' {
            header.push('&');
        }
        header.push(c);
    }
    header
}

/// The display width of what a cell shows, and whether it is written as text.
fn shown(cell: &Cell, lang: Lang, formats: &Formats) -> (usize, bool) {
    if formats.numeric(cell, 0).is_some() {
        return (cell.render(lang, true).width(), false);
    }
    if let Some(day) = day(cell) {
        return (day.len(), false);
    }
    let text = cell.render(lang, false);
    (text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0), !text.is_empty())
}

/// A day's cell as `yyyy-mm-dd` shows it, or None for other cells (a coarser date is text).
fn day(cell: &Cell) -> Option<&'static str> {
    match cell {
        Cell::Date(date) if matches!(date.period, Period::Day(..)) => Some("yyyy-mm-dd"),
        _ => None,
    }
}

/// Writes a row of data, as tall as its longest wrapped text needs (LibreOffice does not
/// grow rows by itself when it opens a file).
fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[Cell],
    widths: &[usize],
    lang: Lang,
    formats: &Formats,
    bold: usize,
) -> Result<(), XlsxError> {
    // Each text rendered once, for its lines and its cell.
    let texts: Vec<Option<Cow<str>>> = cells
        .iter()
        .map(|c| {
            let text = formats.numeric(c, bold).is_none() && day(c).is_none();
            text.then(|| c.render(lang, false))
        })
        .collect();
    let lines = texts
        .iter()
        .zip(cells)
        .zip(widths)
        .filter(|((_, cell), _)| !cell.is_numeric())
        .filter_map(|((text, _), width)| text.as_deref().map(|t| wrapped_lines(t, *width)))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        sheet.set_row_height(row, (LINE_HEIGHT * lines as f64).min(MAX_ROW_HEIGHT))?;
    }
    for (col, (cell, text)) in cells.iter().zip(&texts).enumerate() {
        match text {
            Some(text) => write_text(sheet, row, col as u16, cell, text, formats, bold)?,
            None => write_cell(sheet, row, col as u16, cell, lang, formats, bold)?,
        }
    }
    Ok(())
}

/// The lines a text takes in a column of this width: one for a line as wide as the column
/// was made for it, else wrapped (with a tenth more than its width, for the breaks that fall
/// at word ends rather than at the column's edge, and CJK glyphs a little wider than two).
fn wrapped_lines(text: &str, width: usize) -> usize {
    let room = width.saturating_sub(1).max(1);
    let lines = |line: &str| match line.width() {
        w if w + 2 <= width => 1,
        w => (w * 11 / 10).div_ceil(room),
    };
    text.lines().map(lines).sum::<usize>().max(1)
}

/// Writes one cell: numbers as numbers, days as dates, everything else as a string.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    lang: Lang,
    formats: &Formats,
    bold: usize,
) -> Result<(), XlsxError> {
    if let Some((format, value)) = formats.numeric(cell, bold) {
        sheet.write_number_with_format(row, col, value, format)?;
        return Ok(());
    }
    if let Cell::Date(date) = cell
        && let Period::Day(month, day) = date.period
    {
        let day = ExcelDateTime::from_ymd(date.year, month, day)?;
        sheet.write_datetime_with_format(row, col, day, &formats.date[bold])?;
        return Ok(());
    }
    write_text(sheet, row, col, cell, &cell.render(lang, false), formats, bold)
}

/// A cell as the chart's cache holds it once written by `write_cell`.
fn cached(cell: &Cell, lang: Lang, formats: &Formats, bold: usize) -> Cached {
    if let Some((_, value)) = formats.numeric(cell, bold) {
        return Cached::Number(value);
    }
    if let Cell::Date(date) = cell
        && let Period::Day(month, day) = date.period
    {
        return ExcelDateTime::from_ymd(date.year, month, day)
            .map_or(Cached::Blank, |day| Cached::Date(day.to_excel()));
    }
    match fit(&cell.render(lang, false)) {
        text if text.is_empty() => Cached::Blank,
        text => Cached::Text(text),
    }
}

/// Writes a cell's text (an integer beyond 2^53 aligned right), unless it is empty.
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    text: &str,
    formats: &Formats,
    bold: usize,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    // Always a string: text that begins with `=` stays text, never a formula.
    let text = fit(text);
    let format = if cell.is_numeric() { &formats.exact[bold] } else { &formats.text[bold] };
    sheet.write_string_with_format(row, col, text, format)?;
    Ok(())
}

/// The chart a sheet carries: 总览 a bar of activities per sector, 各月活动 a column of the
/// monthly totals.
#[derive(Clone, Copy)]
enum SheetChart {
    Sectors,
    Months,
}

impl SheetChart {
    /// The chart of the summary's sheet of this name (the comparison's sheets have other names).
    fn of(name: &str, lang: Lang) -> Option<SheetChart> {
        if name == l::sheet(lang, "overview") {
            Some(SheetChart::Sectors)
        } else if name == l::sheet(lang, "months") {
            Some(SheetChart::Months)
        } else {
            None
        }
    }
}

/// Inserts the sheet's chart below its table (one blank row between), within the table's
/// width where it can; it refers to the cells, so it follows edits.
fn insert_chart(
    sheet: &mut Worksheet,
    name: &str,
    grid: &Grid,
    kind: SheetChart,
    lang: Lang,
) -> Result<(), XlsxError> {
    let data_rows = grid.rows.len() as u32;
    if data_rows == 0 {
        return Ok(());
    }
    let (first, last) = (FIRST_ROW, FIRST_ROW + data_rows - 1);
    let below = last + 1 + u32::from(grid.total.is_some()) + 1;
    let mut chart = match kind {
        SheetChart::Sectors => {
            // Activities (column B) per sector (column A), the first sector at the top.
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_categories((name, first, 0, last, 0))
                .set_values((name, first, 1, last, 1));
            chart.y_axis().set_reverse();
            // A bar per sector: the chart grows with them.
            chart.set_height((data_rows * 22 + 100).clamp(288, 2400));
            chart
        }
        SheetChart::Months => {
            // The total row's twelve months, under the header's month names.
            let mut chart = Chart::new(ChartType::Column);
            let total = last + 1;
            chart
                .add_series()
                .set_categories((name, HEADER_ROW, 1, HEADER_ROW, 12))
                .set_values((name, total, 1, total, 12));
            chart
        }
    };
    chart.title().set_name(l::chart_title(lang, kind.key()));
    chart.legend().set_hidden();
    chart.set_width(640);
    chart.set_object_movement(ObjectMovement::MoveButDontSizeWithCells);
    sheet.insert_chart(below, 0, &chart)?;
    Ok(())
}

impl SheetChart {
    fn key(self) -> &'static str {
        match self {
            SheetChart::Sectors => "sectors",
            SheetChart::Months => "months",
        }
    }
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
    use super::{column_px, fit, print_scale, sheet_name, wrapped_lines};

    #[test]
    fn wide_sheets_print_at_60_percent_on_more_pages() {
        let px = |widths: &[usize]| widths.iter().map(|w| column_px(*w)).sum::<f64>();
        // 14 columns as the activities sheet's: one page wide.
        assert_eq!(print_scale(px(&[22, 12, 12, 10, 16, 12, 16, 16, 8, 16, 16, 16, 16, 16])), None);
        // 40 kinds of 8: 60 %, more pages.
        assert_eq!(print_scale(px(&[8; 40])), Some(60));
    }

    #[test]
    fn wrapped_text_takes_lines_by_width() {
        assert_eq!(wrapped_lines("社会福利和社会保障界", 22), 1, "the width made for it");
        assert_eq!(wrapped_lines("", 16), 1);
        // 40 CJK characters (80 columns, 88 with the margin) in 15 columns of room.
        assert_eq!(wrapped_lines(&"中".repeat(40), 16), 6);
        assert_eq!(wrapped_lines("一\n二", 16), 2);
    }

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
