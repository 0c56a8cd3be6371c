//! Spreadsheets for `jiebie import`: a workbook's sheets as rows of typed cells, each with its
//! place (sheet, row, column). `.xlsx`, `.xls` and `.ods` are read by calamine; `.csv` by the
//! csv crate, in UTF-8 (with or without a byte-order mark) or GBK/GB18030, which is detected.

use std::path::Path;

use calamine::{Data, Reader};

use crate::terms::date::Date;

/// A cell's value as the spreadsheet holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A date cell (Excel's serial number with a date format, or an ODS date); the time of a
    /// date-time is dropped.
    Day {
        year: i64,
        month: u32,
        day: u32,
    },
}

/// One non-empty cell: 0-based column within the sheet, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub column: u32,
    pub value: Value,
}

/// A row with at least one non-empty cell; `number` is the 1-based row number as the
/// spreadsheet program shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn get(&self, column: u32) -> Option<&Value> {
        self.cells.iter().find(|c| c.column == column).map(|c| &c.value)
    }
}

/// One sheet; a CSV file is a single sheet with no name.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: Option<String>,
    pub rows: Vec<Row>,
}

/// How a CSV file's text was encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Gbk,
}

pub struct Workbook {
    pub sheets: Vec<Sheet>,
    /// For a CSV file, the encoding it was read in.
    pub encoding: Option<TextEncoding>,
}

/// Why a spreadsheet could not be read, in Chinese and English.
#[derive(Debug)]
pub struct SheetError {
    pub zh: String,
    pub en: String,
}

impl SheetError {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> SheetError {
        SheetError { zh: zh.into(), en: en.into() }
    }
}

/// Reads every sheet of the workbook (or CSV file) at `path`.
pub fn read(path: &Path) -> Result<Workbook, SheetError> {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => {
            let bytes = std::fs::read(path).map_err(|e| {
                let (zh, en) = (
                    crate::error::io_reason(&e, crate::lang::Lang::Zh),
                    crate::error::io_reason(&e, crate::lang::Lang::En),
                );
                SheetError::new(zh, en)
            })?;
            read_csv(&bytes)
        }
        Some("xlsx" | "xlsm" | "xls" | "ods") => read_workbook(path),
        _ => Err(SheetError::new(
            "只能导入 .xlsx、.xls、.ods 或 .csv 文件",
            "only .xlsx, .xls, .ods and .csv files can be imported",
        )),
    }
}

/// A CSV file's text: strict UTF-8 first (a BOM is dropped), then GBK/GB18030.
pub fn decode_csv(bytes: &[u8]) -> Result<(String, TextEncoding), SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), TextEncoding::Utf8));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(SheetError::new(
            "文件既不是 UTF-8 也不是 GBK 编码；请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”",
            "the file is neither UTF-8 nor GBK; save it from Excel or WPS as “CSV UTF-8 (comma delimited)”",
        ));
    }
    Ok((text.into_owned(), TextEncoding::Gbk))
}

fn read_csv(bytes: &[u8]) -> Result<Workbook, SheetError> {
    let (text, encoding) = decode_csv(bytes)?;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // A row's number is the line it starts on, less the line breaks inside the quoted cells
    // before it: the row number a spreadsheet program shows.
    let mut breaks_before = 0u64;
    let (mut counted_to, mut lines_before) = (0usize, 0u64);
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(index as u64 + 1, |p| p.line());
            SheetError::new(
                format!("CSV 第 {line} 行无法读取（引号不成对？）"),
                format!("line {line} of the CSV cannot be read (unbalanced quotes?)"),
            )
        })?;
        // The line from the byte offset: csv's own line count lags behind after a CRLF.
        let line = match record.position() {
            Some(p) => {
                let mut at = usize::try_from(p.byte()).unwrap_or(usize::MAX).min(text.len());
                while text.as_bytes().get(at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                    at += 1;
                }
                // Counted on from the previous record: linear in the file, not quadratic.
                let at = at.max(counted_to);
                lines_before +=
                    text.as_bytes()[counted_to..at].iter().filter(|&&b| b == b'\n').count() as u64;
                counted_to = at;
                lines_before + 1
            }
            None => index as u64 + 1,
        };
        let number = line.saturating_sub(breaks_before).max(1);
        breaks_before += record.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>();
        let cells: Vec<Cell> = record
            .iter()
            .enumerate()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(column, text)| Cell { column: column as u32, value: Value::Text(text.into()) })
            .collect();
        if !cells.is_empty() {
            rows.push(Row { number: u32::try_from(number).unwrap_or(u32::MAX), cells });
        }
    }
    Ok(Workbook { sheets: vec![Sheet { name: None, rows }], encoding: Some(encoding) })
}

fn read_workbook(path: &Path) -> Result<Workbook, SheetError> {
    let unreadable = |e: calamine::Error| {
        SheetError::new(
            format!("无法读取表格文件（{e}）"),
            format!("the spreadsheet cannot be read ({e})"),
        )
    };
    let mut workbook = calamine::open_workbook_auto(path).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(unreadable)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Row> = Vec::new();
        for (row, column, data) in range.used_cells() {
            let Some(value) = value_of(data) else { continue };
            let number = top.saturating_add(row as u32).saturating_add(1);
            let cell = Cell { column: left.saturating_add(column as u32), value };
            match rows.last_mut() {
                Some(last) if last.number == number => last.cells.push(cell),
                _ => rows.push(Row { number, cells: vec![cell] }),
            }
        }
        sheets.push(Sheet { name: Some(name), rows });
    }
    Ok(Workbook { sheets, encoding: None })
}

fn value_of(data: &Data) -> Option<Value> {
    Some(match data {
        Data::Empty => return None,
        Data::String(s) if s.trim().is_empty() => return None,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Int(*i),
        Data::Float(f) => Value::Float(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            Value::Day { year: i64::from(year), month: u32::from(month), day: u32::from(day) }
        }
        Data::DateTime(dt) => Value::Float(dt.as_f64()),
        Data::DateTimeIso(text) => match iso_day(text) {
            Some((year, month, day)) => Value::Day { year, month, day },
            None => Value::Text(text.clone()),
        },
        Data::DurationIso(text) => Value::Text(text.clone()),
        Data::Error(e) => Value::Text(format!("#{e:?}")),
    })
}

/// The day of an ISO date or date-time (`2021-03-02`, `2021-03-02T10:00:00`).
fn iso_day(text: &str) -> Option<(i64, u32, u32)> {
    let day = text.get(..10)?;
    match Date::parse(day).ok()? {
        Date { year, period: crate::terms::date::Period::Day(m, d) } => {
            Some((i64::from(year), u32::from(m), u32::from(d)))
        }
        _ => None,
    }
}

/// The day an Excel serial number stands for (1900 date system; Excel's phantom 29 February
/// 1900 is serial 60).
pub fn serial_day(serial: f64) -> Option<(i64, u32, u32)> {
    use chrono::Datelike;
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let days = if days < 60 { days + 1 } else { days };
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 31)?;
    let date = epoch.checked_add_signed(chrono::TimeDelta::days(days - 1))?;
    Some((i64::from(date.year()), date.month(), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials() {
        assert_eq!(serial_day(45731.0), Some((2025, 3, 15)));
        assert_eq!(serial_day(1.0), Some((1900, 1, 1)));
        assert_eq!(serial_day(61.0), Some((1900, 3, 1)));
        assert_eq!(serial_day(44257.75), Some((2021, 3, 2)));
        assert_eq!(serial_day(-3.0), None);
    }

    #[test]
    fn csv_in_gbk_and_with_bom() {
        let (bytes, _, _) = encoding_rs::GBK.encode("日期,活动\n2021-03-02,走访\n");
        let book = read_csv(&bytes).unwrap();
        assert_eq!(book.encoding, Some(TextEncoding::Gbk));
        assert_eq!(book.sheets[0].rows[1].get(1), Some(&Value::Text("走访".into())));
        let book = read_csv("\u{feff}日期\n\n2021\n".as_bytes()).unwrap();
        assert_eq!(book.encoding, Some(TextEncoding::Utf8));
        assert_eq!(book.sheets[0].rows[0].get(0), Some(&Value::Text("日期".into())));
        assert_eq!(book.sheets[0].rows[1].number, 3, "row numbers count blank lines");
    }
}
