//! Spreadsheets for `jiebie import`: a workbook's sheets as rows of typed cells, each with its
//! place (sheet, row, column). `.xlsx` and `.xls` are read by calamine (an `.xlsx` cell by cell,
//! never as a dense range), `.ods` by a streaming reader of its own (`ods.rs`); `.csv` by the
//! csv crate, in UTF-8 (with or without a byte-order mark) or GBK/GB18030, which is detected.
//!
//! Spreadsheets come from others and are untrusted (SPEC §7): a panic in a reader is caught and
//! is an error; a zipped workbook's unpacked size is capped (`MAX_UNPACKED`); the cells a small
//! file can make are bounded (`Budget`); an `.xls` is looked at before calamine allocates for it
//! (`xls.rs`); positions, declared counts and dimensions are never used as sizes.

mod ods;
mod xls;

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
    // Line ends as Excel for Mac (CR) and Windows (CRLF) write them become LF, so that rows are
    // rows and their numbers count lines, whatever the line ends.
    let text =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    if let Some(line) = unclosed_quote(&text) {
        return Err(SheetError::new(
            format!(
                "CSV 第 {line} 行的引号没有闭合：从这里到文件末尾都会被读成一个单元格；请检查这一行的引号"
            ),
            format!(
                "line {line} of the CSV opens a quote that is never closed: the rest of the file would be one cell; check the quotes on that line"
            ),
        ));
    }
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

/// The line on which a quoted CSV field opens and is never closed, if one is. As the csv crate
/// reads: a quote opens a quoted field only at the start of a field; inside, `""` is a quote.
fn unclosed_quote(text: &str) -> Option<u64> {
    let (mut line, mut opened_at) = (1u64, 0u64);
    let (mut quoted, mut field_start) = (false, true);
    let mut chars = text.bytes().peekable();
    while let Some(b) = chars.next() {
        if quoted {
            match b {
                b'"' if chars.peek() == Some(&b'"') => {
                    chars.next();
                }
                b'"' => quoted = false,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if field_start => {
                quoted = true;
                opened_at = line;
                field_start = false;
            }
            b',' => field_start = true,
            b'\n' => {
                line += 1;
                field_start = true;
            }
            _ => field_start = false,
        }
    }
    quoted.then_some(opened_at)
}

/// The most a zipped workbook (`.xlsx`, `.ods`) may unpack to: more is refused as a zip bomb.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// Reads every sheet of the workbook (or CSV file) at `path`.
pub fn read(path: &Path) -> Result<Workbook, SheetError> {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let extension = match extension.as_deref() {
        Some(e @ ("csv" | "xlsx" | "xlsm" | "xls" | "ods")) => e.to_string(),
        _ => {
            return Err(SheetError::new(
                "只能导入 .xlsx、.xls、.ods 或 .csv 文件",
                "only .xlsx, .xls, .ods and .csv files can be imported",
            ));
        }
    };
    let io = |e: std::io::Error| {
        let (zh, en) = (
            crate::error::io_reason(&e, crate::lang::Lang::Zh),
            crate::error::io_reason(&e, crate::lang::Lang::En),
        );
        SheetError::new(zh, en)
    };
    // Only a regular file: a FIFO would wait for a writer (even to be opened), and /dev/zero
    // never end. Looked at before opening, and again on the file opened.
    let not_regular = || {
        SheetError::new(
            "无法读取表格文件：它不是普通文件（管道或设备）",
            "the spreadsheet cannot be read: it is not a regular file (a pipe or a device)",
        )
    };
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(not_regular());
    }
    let mut file = std::fs::File::open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io)?;
    read_bytes(&bytes, &extension)
}

/// Reads every sheet of a workbook held in memory; `extension` (`csv`, `xlsx`, `xlsm`, `xls`,
/// `ods`) says whether it is a CSV file, and otherwise the bytes say which kind of workbook it
/// is (a `.xls` that is really an `.xlsx` is read as what it is). The bytes are untrusted: no
/// input panics, aborts, or takes memory beyond a bound (SPEC §7); each is a `SheetError`.
pub fn read_bytes(bytes: &[u8], extension: &str) -> Result<Workbook, SheetError> {
    if extension.eq_ignore_ascii_case("csv") {
        return guarded(|| read_csv(bytes));
    }
    guarded(|| {
        if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            read_xls(bytes)
        } else if bytes.starts_with(b"PK") {
            let parts = unpack(bytes)?;
            if parts.ods() { read_ods(&parts) } else { read_xlsx(parts) }
        } else {
            Err(SheetError::new(
                "无法读取表格文件：它不是 .xlsx、.xls 或 .ods 工作簿（若是网页或文本导出的“表格”，请在 Excel 或 WPS 中另存为 .xlsx）",
                "the spreadsheet cannot be read: it is not an .xlsx, .xls or .ods workbook (a web page or text saved as a spreadsheet? save it as .xlsx from Excel or WPS)",
            ))
        }
    })
}

thread_local! {
    /// Whether a panic on this thread happens inside `guarded` (and is not to be printed).
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a reader on untrusted bytes: a panic inside it (calamine panics on some malformed files)
/// becomes an error, and prints nothing. The panic hook is wrapped once, so that panics
/// elsewhere, and on other threads, are reported as before.
fn guarded<T>(read: impl FnOnce() -> Result<T, SheetError>) -> Result<T, SheetError> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    QUIET.with(|q| q.set(was));
    result.unwrap_or_else(|_| {
        Err(SheetError::new(
            "无法读取表格文件：文件已损坏或格式不对（读取时遇到无法处理的内容）；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入",
            "the spreadsheet cannot be read: the file is damaged or malformed (the reader met content it cannot handle); open it in Excel or WPS, save it as .xlsx and import that",
        ))
    })
}

/// How much the cells read from a workbook may take: 32 MB and four times the bytes the
/// workbook unpacks to. Text a cell shares with others (an xlsx shared string, an ODS repeat)
/// is charged each time it is copied, so a small file cannot make a huge one in memory.
pub struct Budget {
    left: u64,
}

impl Budget {
    pub fn new(unpacked: u64) -> Budget {
        Budget { left: (32 << 20) + unpacked.saturating_mul(4) }
    }

    /// What a cell costs: its place and its text.
    pub fn cost(cell: &Cell) -> u64 {
        let text = match &cell.value {
            Value::Text(t) => t.len() as u64,
            _ => 0,
        };
        std::mem::size_of::<Cell>() as u64 + text
    }

    pub fn take(&mut self, bytes: u64) -> Result<(), SheetError> {
        match self.left.checked_sub(bytes) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(SheetError::new(
                "无法读取表格文件：单元格内容展开后太大（文件很小，却声称有海量的重复单元格或共享文本），已拒绝读取",
                "the spreadsheet cannot be read: its cells would expand to far more than the file holds (huge repeats or shared text in a small file); refused",
            )),
        }
    }
}

fn too_big() -> SheetError {
    let mb = MAX_UNPACKED >> 20;
    SheetError::new(
        format!("无法读取表格文件：解压后超过 {mb} MB（可能是压缩炸弹），已拒绝读取"),
        format!(
            "the spreadsheet cannot be read: it unpacks to more than {mb} MB (a zip bomb?); refused"
        ),
    )
}

fn unreadable(e: impl std::fmt::Display) -> SheetError {
    // calamine's message may quote the file's own text: shown escaped.
    let e = crate::text::escaped(&e.to_string()).into_owned();
    SheetError::new(
        format!("无法读取表格文件（{e}）"),
        format!("the spreadsheet cannot be read ({e})"),
    )
}

/// The parts of a zipped workbook that the readers use (XML and relationships), unpacked with
/// their total checked against `MAX_UNPACKED` as declared and as actually read. Pictures and
/// other media are not unpacked, and do not count.
struct Parts {
    parts: Vec<(String, Vec<u8>)>,
    unpacked: u64,
}

impl Parts {
    fn ods(&self) -> bool {
        self.get("mimetype").is_some_and(|m| m.starts_with(b"application/vnd.oasis.opendocument"))
            || (self.get("content.xml").is_some() && self.get("xl/workbook.xml").is_none())
    }

    fn get(&self, name: &str) -> Option<&[u8]> {
        self.parts.iter().find(|(n, _)| n == name).map(|(_, b)| b.as_slice())
    }
}

fn unpack(bytes: &[u8]) -> Result<Parts, SheetError> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    // The parts read: XML and relationships (pictures and other media are left packed).
    let wanted = |name: &str| {
        let lower = name.to_ascii_lowercase();
        lower.ends_with(".xml") || lower.ends_with(".rels") || lower == "mimetype"
    };
    let mut declared = 0u64;
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(unreadable)?;
        if !file.is_dir() && wanted(&file.name().map_err(unreadable)?) {
            declared = declared.saturating_add(file.size());
        }
    }
    if declared > MAX_UNPACKED {
        return Err(too_big());
    }
    let mut parts = Vec::new();
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(unreadable)?;
        let name = file.name().map_err(unreadable)?.into_owned();
        if file.is_dir() || !wanted(&name) {
            continue;
        }
        // The declared size is not trusted: at most what is left of the cap is read.
        let mut data = Vec::new();
        let left = MAX_UNPACKED - unpacked;
        file.take(left + 1).read_to_end(&mut data).map_err(unreadable)?;
        unpacked += data.len() as u64;
        if unpacked > MAX_UNPACKED {
            return Err(too_big());
        }
        parts.push((name, data));
    }
    Ok(Parts { parts, unpacked })
}

/// An `.xlsx` read cell by cell (calamine's `worksheet_cells_reader`): no dense range, so a cell
/// at XFD1048576 or a `<dimension>` of the whole sheet costs one cell. calamine gets the parts
/// as read and checked here, stored without compression, and with the shared strings'
/// `uniqueCount` (which it would reserve room for) renamed away.
fn read_xlsx(mut parts: Parts) -> Result<Workbook, SheetError> {
    use std::io::Write;
    for (name, data) in &mut parts.parts {
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            neutralize_unique_count(data);
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in &parts.parts {
        zip.start_file(name.as_str(), stored).map_err(unreadable)?;
        zip.write_all(data).map_err(unreadable)?;
    }
    let unpacked = parts.unpacked;
    drop(parts);
    let zipped = zip.finish().map_err(unreadable)?;
    // What calamine reads of the parts is counted: a workbook whose many sheets all point to
    // one large part would have it parsed once for each (a stall, not a crash); reading more
    // than 4× the unpacked bytes and 64 MB is refused.
    let read = std::rc::Rc::new(std::cell::Cell::new(0u64));
    let counted = Counted { inner: zipped, read: read.clone() };
    let most = (64 << 20) + unpacked.saturating_mul(4);
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(counted).map_err(unreadable)?;
    let mut budget = Budget::new(unpacked);
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        if read.get() > most {
            return Err(SheetError::new(
                "无法读取表格文件：多个工作表指向同一份内容，要读的量远超文件本身，已拒绝读取",
                "the spreadsheet cannot be read: many sheets point to the same content, far more to read than the file holds; refused",
            ));
        }
        let mut cells = match book.worksheet_cells_reader(&name) {
            Ok(cells) => cells,
            Err(calamine::XlsxError::NotAWorksheet(_)) => {
                sheets.push(Sheet { name: Some(name), rows: Vec::new() });
                continue;
            }
            Err(e) => return Err(unreadable(e)),
        };
        let mut found: Vec<(u32, Cell)> = Vec::new();
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (row, column) = cell.get_position();
            let data: Data = cell.get_value().clone().into();
            let Some(value) = value_of(&data) else { continue };
            let cell = Cell { column, value };
            budget.take(Budget::cost(&cell))?;
            found.push((row, cell));
        }
        drop(cells);
        // Rows may come in any order in the XML; each row once, its cells by column.
        found.sort_by_key(|(row, cell)| (*row, cell.column));
        let mut rows: Vec<Row> = Vec::new();
        for (row, cell) in found {
            let number = row.saturating_add(1);
            match rows.last_mut() {
                Some(last) if last.number == number => {
                    if last.cells.last().is_some_and(|c| c.column == cell.column) {
                        continue; // the same cell twice: the first is kept
                    }
                    last.cells.push(cell)
                }
                _ => rows.push(Row { number, cells: vec![cell] }),
            }
        }
        sheets.push(Sheet { name: Some(name), rows });
    }
    Ok(Workbook { sheets, encoding: None })
}

/// The rebuilt archive, counting the bytes read from it.
struct Counted {
    inner: std::io::Cursor<Vec<u8>>,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl std::io::Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get().saturating_add(n as u64));
        Ok(n)
    }
}

impl std::io::Seek for Counted {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(to)
    }
}

/// Renames the `uniqueCount` attribute of the `<sst>` element (to `uniqueCounX`, the same
/// length): calamine reserves that many strings before reading any, and a crafted count
/// asks for exabytes. Done on every `uniqueCount` inside start tags named `sst`.
fn neutralize_unique_count(data: &mut [u8]) {
    let mut i = 0;
    while let Some(at) = data[i..].iter().position(|&b| b == b'<') {
        let start = i + at + 1;
        // The tag's name, maybe with a prefix.
        let name_end = data[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(data.len(), |p| start + p);
        let name = &data[start..name_end];
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        // The tag's end, outside quotes.
        let mut quote = None;
        let mut end = name_end;
        while end < data.len() {
            match (quote, data[end]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), b) if b == q => quote = None,
                _ => {}
            }
            end += 1;
        }
        if local == b"sst" {
            let tag = &mut data[name_end..end];
            let key = b"uniqueCount";
            let mut k = 0;
            while k + key.len() <= tag.len() {
                if &tag[k..k + key.len()] == key {
                    tag[k + key.len() - 1] = b'X';
                }
                k += 1;
            }
        }
        i = end.min(data.len());
        if i >= data.len() {
            break;
        }
    }
}

/// An `.ods`: `content.xml`, read as a stream (`ods.rs`).
fn read_ods(parts: &Parts) -> Result<Workbook, SheetError> {
    let Some(content) = parts.get("content.xml") else {
        return Err(unreadable("content.xml is missing"));
    };
    let mut budget = Budget::new(parts.unpacked);
    let sheets = ods::read(content, &mut budget)?;
    Ok(Workbook { sheets, encoding: None })
}

/// An `.xls`: looked at first (`xls.rs`) for what calamine would allocate, which must stay
/// under 6× the file plus 50 MB; then read by calamine.
fn read_xls(bytes: &[u8]) -> Result<Workbook, SheetError> {
    let bound = (50u64 << 20) + 6 * bytes.len() as u64;
    // calamine keeps each sheet's grid and hands out a copy of it: twice the cost.
    match xls::cost(bytes) {
        Ok(cost) if cost.saturating_mul(2) <= bound => {}
        Ok(_) => {
            return Err(SheetError::new(
                "无法读取表格文件：工作表声称的范围或单元格远超文件本身（可能是构造的文件），已拒绝读取；请在 Excel 或 WPS 中另存为 .xlsx 再导入",
                "the spreadsheet cannot be read: its sheets claim far more cells than the file holds (a crafted file?); refused; save it as .xlsx from Excel or WPS and import that",
            ));
        }
        Err(xls::Refusal::Broken) => {
            return Err(unreadable("the compound file's sector chains are broken"));
        }
    }
    let mut book: calamine::Xls<_> =
        calamine::Xls::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(unreadable)?;
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
    fn unclosed_quotes() {
        assert_eq!(unclosed_quote("a,b\n\"c,d\ne,f\n"), Some(2));
        assert_eq!(unclosed_quote("a,\"b\"\"c\"\n"), None);
        assert_eq!(unclosed_quote("a,b\"c\n"), None, "a quote inside a field is text");
        assert_eq!(unclosed_quote("x\n\"two\nlines\",y\n"), None);
        assert_eq!(unclosed_quote("x\n\"two\nlines\"\"\n"), Some(2));
    }

    #[test]
    fn csv_with_cr_line_ends() {
        let book =
            read_csv("日期,活动\r2021-03-02,走访\r\r2021-03-05,\"两\r行\"\r".as_bytes()).unwrap();
        let rows = &book.sheets[0].rows;
        assert_eq!(rows.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 2, 4]);
        assert_eq!(rows[2].get(1), Some(&Value::Text("两\n行".into())));
    }

    #[test]
    fn unique_count_renamed_in_sst_only() {
        let mut xml = br#"<?xml version="1.0"?><x:sst a=">" uniqueCount="9" count="9"><si><t>uniqueCount</t></si></x:sst>"#.to_vec();
        neutralize_unique_count(&mut xml);
        let text = String::from_utf8(xml).unwrap();
        assert!(text.contains(r#"uniqueCounX="9""#), "{text}");
        assert!(text.contains("<t>uniqueCount</t>"), "{text}");
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
