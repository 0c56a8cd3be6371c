//! `import` as a stage: a spreadsheet's sheets read into new entries of one sector. Each sheet's
//! header names its entity and columns (`columns`), each data row becomes an entry by the
//! field table (`rows`), rows the sector has are skipped, and every problem the loader later
//! finds in the new text is placed back at the cell it came from (`place_in_cells`).

pub mod columns;
pub mod rows;

use crate::diagnostic::{Diagnostic, Invalid, Kind, Place};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::sector::Sector;
use crate::model::workspace::Workspace;
use crate::read::sheet::{Row, Workbook};
use crate::terms::fields;
use crate::write::entry::{self as add, Entries, Entry};
use columns::{Columns, Mapping, cell_text, header_row, header_text, match_label, recognise};
use rows::{KnownPlans, Origins, RowCx, Seen, SeenKey, SheetCx};

/// What the import counted.
#[derive(Default)]
pub struct Counts {
    pub read: usize,
    pub added: usize,
    pub skipped: usize,
    pub other_sector: usize,
}

/// The sheets read: the new entries (their text) with their origins and years, the problems
/// found in the cells, the notes for the user, and the counts. Nothing here borrows the
/// workbook: it is let go before the entries are validated.
pub struct Imported<'a> {
    pub sheets: Vec<SheetCx<'a>>,
    pub entries: Entries,
    pub origins: Origins,
    /// The entries' years, each once, in order (None: an activity whose date does not parse).
    pub years: Vec<Option<u16>>,
    /// Each with the index of its sheet, for sorting.
    pub diagnostics: Vec<(usize, Diagnostic)>,
    pub notes: Vec<String>,
    pub counts: Counts,
}

/// What to read: the sheet named (else every sheet), `--year` for rows without a year.
pub struct Options<'a> {
    pub sheet: Option<&'a str>,
    pub year: Option<u16>,
    /// `--columns`.
    pub columns: &'a Mapping,
    pub lang: Lang,
}

/// Reads the sheets of `book` (shown as `path`) into new entries of `sector`. The workbook is
/// taken: each row is let go once it is an entry, so that the rows and the entries made of them
/// are not all in memory at once (issue 22).
pub fn read<'a>(
    mut book: Workbook,
    path: &'a str,
    workspace: &Workspace,
    sector: &Sector,
    options: &Options,
) -> Result<Imported<'a>, Error> {
    let lang = options.lang;
    let mut notes: Vec<String> = Vec::new();
    let names: Vec<String> = book.sheets.iter().filter_map(|s| s.name.clone()).collect();
    if let Some(wanted) = options.sheet
        && book.sheets.iter().all(|s| s.name.as_deref() != Some(wanted))
    {
        // Sheet names are the file's text: shown escaped.
        let sheets = names.iter().map(|n| crate::text::escaped(n).into_owned()).collect();
        let name = crate::text::escaped(wanted).into_owned();
        return Err(Error::NoSuchSheet { name, sheets });
    }
    let mut diagnostics: Vec<(usize, Diagnostic)> = Vec::new();
    let mut sheets: Vec<SheetCx<'_>> = Vec::new();
    // Sheets with a header that is none of activities, plans or metrics (a workbook's 总览).
    let mut unrecognised: Vec<String> = Vec::new();
    for (index, sheet) in book.sheets.iter().enumerate() {
        if options.sheet.is_some_and(|w| sheet.name.as_deref() != Some(w)) {
            continue;
        }
        let Some(header) = header_row(&sheet.rows, options.columns) else { continue };
        let Some(entity) = recognise(header, options.columns) else {
            unrecognised.push(sheet.name.clone().unwrap_or_default());
            continue;
        };
        let labels = columns::labels(entity);
        let mut found = Columns { entity, header_row: header.number, by_col: Vec::new() };
        let mut cx_sheet = SheetCx {
            index,
            path,
            name: sheet.name.clone(),
            columns: Columns { entity, header_row: header.number, by_col: Vec::new() },
            keys: Vec::new(),
            complete: true,
        };
        for cell in &header.cells {
            let text = header_text(&cell.value);
            let place = cx_sheet.cell(header.number, cell.column, text.clone());
            match match_label(&labels, &text, options.columns) {
                Some(label) if found.of(label.key).is_none() => {
                    found.by_col.push((cell.column, label.key, text));
                }
                Some(_) => notes.push(match lang {
                    Lang::Zh => format!("警告: 列「{text}」（{}）重复，已忽略", place.display()),
                    Lang::En => {
                        format!(
                            "warning: column `{text}` ({}) is repeated; ignored",
                            place.display()
                        )
                    }
                }),
                None => notes.push(columns::unknown_column(lang, &labels, &text, &place)),
            }
        }
        let mut missing: Vec<&str> =
            columns::required(entity).filter(|key| found.of(key).is_none()).collect();
        let has_year = entity.field("year").is_some();
        if has_year && found.of("year").is_none() && options.year.is_none() {
            missing.push("year");
        }
        cx_sheet.complete = missing.is_empty();
        for key in missing {
            let label = labels.iter().find(|l| l.key == key).expect("a required column");
            let first = header.cells.first().map_or(0, |c| c.column);
            let place = cx_sheet.cell(header.number, first, header_text(&header.cells[0].value));
            let flag = (key == "year").then_some("--year");
            let kind = Kind::MissingColumn { zh: label.zh.into(), en: label.en.into(), flag };
            diagnostics.push((index, Diagnostic::new(Place::in_cell(place), kind)));
        }
        cx_sheet.keys = entity
            .fields
            .iter()
            .filter_map(|field| found.of(field.key).map(|column| (field.key, column)))
            .collect();
        cx_sheet.columns = found;
        sheets.push(cx_sheet);
    }
    if sheets.is_empty() {
        return Err(Error::NoSheetToImport { path: path.into() });
    }
    if !unrecognised.is_empty() {
        notes.push(skipped_sheets(lang, &unrecognised));
    }

    // Plans first: an activity of the same workbook may name one of them by its title.
    sheets.sort_by_key(|s| (s.columns.entity.table != fields::PLAN.table, s.index));
    let mut known: KnownPlans = sector
        .plans
        .iter()
        .map(|p| (p.id.value.clone(), Some(p.year.value), p.title.trim().to_string()))
        .collect();
    let mut seen = Seen::of(sector);
    let mut counts = Counts::default();
    let mut entries = Entries::default();
    let mut origins = Origins::default();
    let mut years: Vec<Option<u16>> = Vec::new();
    let mut skipped = Skipped::default();
    for sheet_cx in sheets.iter().filter(|s| s.complete) {
        let header_row = sheet_cx.columns.header_row;
        let sheet_name = || sheet_cx.name.clone();
        for row in std::mem::take(&mut book.sheets[sheet_cx.index].rows) {
            let row = &row;
            if columns::is_blank(row) {
                continue;
            }
            if row.number < header_row {
                skipped.above.push((sheet_name(), row.number));
                continue;
            }
            if row.number == header_row {
                continue;
            }
            if columns::is_total(row) {
                skipped.totals.push((sheet_name(), row.number));
                continue;
            }
            counts.read += 1;
            let read = RowCx { sheet: sheet_cx, row, year: options.year };
            if let Some(col) = sheet_cx.columns.of(columns::SECTOR)
                && let Some(value) = row.get(col)
            {
                let word = cell_text(value);
                let registry = &workspace.registry;
                let name = registry.canonical(word.trim());
                if name != sector.name && registry.resolve(word.trim()) != Some(&sector.name) {
                    counts.other_sector += 1;
                    counts.skipped += 1;
                    continue;
                }
            }
            let mut found = Vec::new();
            let (entry, key) = read.entry(&known, &mut found);
            diagnostics.extend(found.into_iter().map(|d| (sheet_cx.index, d)));
            if !seen.insert(&key) {
                counts.skipped += 1;
                continue;
            }
            if let Some(near) = near_activity(sector, &entry, row, sheet_cx) {
                diagnostics.push((sheet_cx.index, near));
            }
            if let SeenKey::Plan(id) = &key {
                let title = entry.keys.get("title").and_then(|t| t.as_str()).unwrap_or("");
                known.push((id.clone(), entry.year, title.trim().to_string()));
            }
            entries.push(&entry);
            origins.push(sheet_cx, row);
            if !years.contains(&entry.year) {
                years.push(entry.year);
            }
        }
    }
    years.sort_unstable();
    entries.shrink_to_fit();
    origins.shrink_to_fit();
    if let Some(note) = skipped.note(lang) {
        notes.push(note);
    }
    if counts.other_sector > 0 {
        let n = counts.other_sector;
        notes.push(match lang {
            Lang::Zh => {
                format!("警告: 跳过了 {n} 行其他界别的记录（界别列不是「{}」）", sector.name)
            }
            Lang::En => format!(
                "warning: skipped {n} row(s) of other sectors (the Sector column is not `{}`)",
                sector.name
            ),
        });
    }
    Ok(Imported { sheets, entries, origins, years, diagnostics, notes, counts })
}

/// The rows of the sheets that are no data: above the header (a title, a date line), and totals;
/// each with its sheet's name (none in a CSV file) and row number.
#[derive(Default)]
struct Skipped {
    above: Vec<(Option<String>, u32)>,
    totals: Vec<(Option<String>, u32)>,
}

impl Skipped {
    /// One note for every row skipped (SPEC §10), or none: `提示: 跳过了表头上方的 2 行
    /// （「活动」第 1 行、「设想」第 1 行）、合计 1 行（「活动」第 9 行）`.
    fn note(&self, lang: Lang) -> Option<String> {
        let rows = |rows: &[(Option<String>, u32)]| -> String {
            let shown: Vec<String> = rows
                .iter()
                .take(5)
                .map(|(sheet, row)| match (lang, sheet) {
                    (Lang::Zh, Some(s)) => format!("「{}」第 {row} 行", crate::text::escaped(s)),
                    (Lang::Zh, None) => format!("第 {row} 行"),
                    (Lang::En, Some(s)) => format!("`{}` row {row}", crate::text::escaped(s)),
                    (Lang::En, None) => format!("row {row}"),
                })
                .collect();
            let more = if rows.len() > 5 { lang.pick("等", ", …") } else { "" };
            shown.join(lang.pick("、", ", ")) + more
        };
        let mut parts = Vec::new();
        if !self.above.is_empty() {
            let (n, at) = (self.above.len(), rows(&self.above));
            parts.push(match lang {
                Lang::Zh => format!("表头上方的 {n} 行（{at}）"),
                Lang::En => format!("{n} row(s) above the header ({at})"),
            });
        }
        if !self.totals.is_empty() {
            let (n, at) = (self.totals.len(), rows(&self.totals));
            parts.push(match lang {
                Lang::Zh => format!("合计 {n} 行（{at}）"),
                Lang::En => format!("{n} total row(s) ({at})"),
            });
        }
        match lang {
            _ if parts.is_empty() => None,
            Lang::Zh => Some(format!("提示: 跳过了{}", parts.join("、"))),
            Lang::En => Some(format!("note: skipped {}", parts.join(" and "))),
        }
    }
}

/// W112: a new activity on the date of one the sector has, whose title contains the other's
/// or nearly equals it (the same activity typed twice, most likely); placed at its title cell
/// (at the row's first cell when the sheet has no title column).
fn near_activity(
    sector: &Sector,
    entry: &Entry,
    row: &Row,
    sheet: &SheetCx<'_>,
) -> Option<Diagnostic> {
    if entry.table != fields::ACTIVITY.table {
        return None;
    }
    let date = entry.keys.get("date").map(|d| d.to_string()).unwrap_or_default();
    let date = crate::terms::date::Date::parse(date.trim().trim_matches('"')).ok()?;
    let title = entry.keys.get("title").and_then(|t| t.as_str())?.trim();
    let near = |other: &str| {
        let other = other.trim();
        !title.is_empty()
            && (other.contains(title)
                || title.contains(other)
                || strsim::normalized_levenshtein(title, other) >= 0.75)
    };
    let found = sector.activities.iter().find(|a| a.date.value == date && near(&a.title.value))?;
    let first = row.cells.first();
    let (column, text) = match sheet.columns.of("title") {
        Some(column) => (column, row.get(column).map(cell_text).unwrap_or_default()),
        None => {
            (first.map_or(0, |c| c.column), first.map(|c| cell_text(&c.value)).unwrap_or_default())
        }
    };
    let place = Place::in_cell(sheet.cell(row.number, column, text));
    let kind = Kind::NearActivity {
        title: title.to_string(),
        other: found.title.value.clone(),
        date: date.to_string(),
        earlier: found.place(&found.title.span),
    };
    Some(Diagnostic::new(place, kind))
}

/// 读取 N 行，新增 N 条，跳过 N 条.
pub fn count_line(lang: Lang, counts: &Counts) -> String {
    let Counts { read, added, skipped, .. } = counts;
    match lang {
        Lang::Zh => format!("读取 {read} 行，新增 {added} 条，跳过 {skipped} 条"),
        Lang::En => format!("read {read} row(s), added {added}, skipped {skipped}"),
    }
}

/// The note for sheets that are not imported: a workbook jiebie wrote has its overview,
/// kinds and months sheets next to the ones that import back.
fn skipped_sheets(lang: Lang, names: &[String]) -> String {
    match lang {
        Lang::Zh => {
            let names: String = names.iter().map(|n| format!("「{n}」")).collect();
            format!("提示: 工作表{names}不是活动、工作设想或指标的表格，已跳过")
        }
        Lang::En => {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!(
                "note: sheet(s) {} hold no activities, plans or metrics; skipped",
                names.join(", ")
            )
        }
    }
}

/// The new diagnostics of the appended text, placed at the cells their keys came from; the
/// key in a message becomes the column's label, and a problem with an empty cell says it is
/// blank.
pub fn place_in_cells(
    appended: &add::Appended,
    origins: &Origins,
    sheets: &[SheetCx<'_>],
) -> Vec<(usize, Diagnostic)> {
    let locate = |place: &Place| -> Option<(usize, Place, Option<String>)> {
        let span = place.span()?;
        if place.file() != appended.file_index || span.start < appended.original_len {
            return None;
        }
        let entry = appended.ranges.iter().position(|r| r.contains(&span.start))?;
        let (sheet_index, row) = origins.row(entry);
        let sheet = sheets.iter().find(|s| s.index == sheet_index)?;
        let at = span.start - appended.original_len;
        let text = appended.text();
        let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..];
        let key = line.split_once(" = ").map(|(k, _)| k.trim());
        let found = key.and_then(|k| origins.key_cell(entry, sheet, k));
        let (column, cell_text, header) = match found {
            Some((column, text)) => {
                (column, text.to_string(), Some(sheet.columns.header(column).to_string()))
            }
            None => {
                let (column, text) = origins.first_cell(entry);
                (column, text.to_string(), None)
            }
        };
        let cell = sheet.cell(row, column, cell_text);
        Some((sheet.index, Place::in_cell(cell), header))
    };
    let mut out = Vec::new();
    for diagnostic in appended.errors.iter().chain(&appended.warnings) {
        let mut diagnostic = diagnostic.clone();
        let mut sheet_index = 0;
        if let Some(place) = &diagnostic.place
            && let Some((index, cell_place, header)) = locate(place)
        {
            sheet_index = index;
            let blank =
                cell_place.cell().is_some_and(|c| c.text.trim().is_empty()) && header.is_some();
            if let Some(header) = header {
                relabel(&mut diagnostic.kind, &header, blank);
            }
            diagnostic.place = Some(cell_place);
        }
        match &mut diagnostic.kind {
            Kind::Duplicate { earlier, .. } | Kind::SameActivity { earlier, .. } => {
                if let Some((_, place, _)) = locate(earlier) {
                    *earlier = place;
                }
            }
            _ => {}
        }
        out.push((sheet_index, diagnostic));
    }
    out
}

/// The column's label instead of the TOML key; an empty cell is a blank value (E013).
fn relabel(kind: &mut Kind, header: &str, blank: bool) {
    if blank && !matches!(kind, Kind::UnknownPartner { .. } | Kind::SelfPartner { .. }) {
        *kind = Kind::InvalidValue { key: header.to_string(), reason: Invalid::Blank };
        return;
    }
    match kind {
        Kind::WrongType { key, .. }
        | Kind::InvalidValue { key, .. }
        | Kind::DateTime { key }
        | Kind::MissingKey { key, .. } => *key = header.to_string(),
        _ => {}
    }
}
