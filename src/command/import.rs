//! `jiebie import FILE --sector NAME`: reads a spreadsheet (`read::sheet`) and the workspace;
//! appends the sheet's new activities, plans or metrics to the sector's file through the one
//! append of `add` (validated with them in place, atomic), or prints them (`--dry-run`).
//!
//! Columns are matched by the labels of the activities, plans and metrics views and by the
//! names of `add`'s flags, so a sheet jiebie exported imports back. Each cell becomes a key of
//! a new entry as written; the loader's own checks then judge the entries, and every problem
//! they find inside the new text is placed back at the cell it came from.

use std::path::PathBuf;

use crate::HashSet;
use crate::cli::ImportArgs;
use crate::command::{Context, EXIT_INVALID, paths_or_here};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::sector::Sector;
use crate::model::workspace::Workspace;
use crate::read::diagnostic::{CellPlace, Diagnostic, Invalid, Kind, Place, Severity};
use crate::read::sheet::{self, Row, Sheet, TextEncoding, Value};
use crate::render::labels as l;
use crate::terms::date::Date;
use crate::terms::vocabulary::closest;
use crate::write::entry::{self as add, Entry, Field};
use crate::write::output;

/// What a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Activity,
    Plan,
    Metric,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Sector,
    Id,
    Date,
    EndDate,
    Kind,
    Title,
    Summary,
    Location,
    Participants,
    Partners,
    Organizers,
    Tags,
    Outcomes,
    Plan,
    Brand,
    Highlight,
    Year,
    Detail,
    Name,
    Value,
    Unit,
    Goal,
    Completion,
    Note,
}

/// A column's labels: Chinese, English (any case), and the names of `add`'s flag and the key.
struct Label {
    col: Col,
    zh: &'static str,
    en: &'static str,
    names: &'static [&'static str],
}

const fn label(
    col: Col,
    pair: (&'static str, &'static str),
    names: &'static [&'static str],
) -> Label {
    Label { col, zh: pair.0, en: pair.1, names }
}

/// The activities view's columns (labels::ACTIVITIES), the columns CSV and the workbook add,
/// and the id and brand that `add` takes.
const ACTIVITY: &[Label] = &[
    label(Col::Sector, l::SECTOR, &["sector"]),
    label(Col::Date, l::ACTIVITIES[0], &["date"]),
    label(Col::EndDate, l::ACTIVITIES[1], &["end-date", "end_date"]),
    label(Col::Kind, l::ACTIVITIES[2], &["kind"]),
    label(Col::Title, l::ACTIVITIES[3], &["title"]),
    label(Col::Participants, l::ACTIVITIES[4], &["participants"]),
    label(Col::Partners, l::ACTIVITIES[5], &["partner", "partners"]),
    label(Col::Location, l::ACTIVITIES[6], &["location"]),
    label(Col::Highlight, l::ACTIVITIES[7], &["highlight"]),
    label(Col::Plan, l::ACTIVITIES[8], &["plan"]),
    label(Col::Summary, l::ACTIVITY_DETAILS[0], &["summary"]),
    label(Col::Outcomes, l::ACTIVITY_DETAILS[1], &["outcome", "outcomes"]),
    label(Col::Organizers, l::ACTIVITY_DETAILS[2], &["organizer", "organizers"]),
    label(Col::Tags, l::ACTIVITY_DETAILS[3], &["tag", "tags"]),
    label(Col::Id, l::PLANS[1], &["id"]),
    label(Col::Brand, l::BRANDS[0], &["brand"]),
];

const PLAN: &[Label] = &[
    label(Col::Sector, l::SECTOR, &["sector"]),
    label(Col::Year, l::PLANS[0], &["year"]),
    label(Col::Id, l::PLANS[1], &["id"]),
    label(Col::Kind, l::PLANS[2], &["kind"]),
    label(Col::Title, l::PLANS[3], &["title"]),
    label(Col::Detail, l::PLANS[4], &["detail"]),
    label(Col::Tags, l::ACTIVITY_DETAILS[3], &["tag", "tags"]),
];

const METRIC: &[Label] = &[
    label(Col::Sector, l::SECTOR, &["sector"]),
    label(Col::Year, l::PLANS[0], &["year"]),
    label(Col::Name, l::METRICS[0], &["name"]),
    label(Col::Value, l::METRICS[1], &["value"]),
    label(Col::Unit, l::METRICS[2], &["unit"]),
    label(Col::Goal, l::METRICS[3], &["target"]),
    label(Col::Completion, l::METRICS[4], &["completion"]),
    label(Col::Note, l::METRICS[5], &["note"]),
];

impl Target {
    fn labels(self) -> &'static [Label] {
        match self {
            Target::Activity => ACTIVITY,
            Target::Plan => PLAN,
            Target::Metric => METRIC,
        }
    }

    fn required(self) -> &'static [Col] {
        match self {
            Target::Activity => &[Col::Date, Col::Kind, Col::Title],
            Target::Plan => &[Col::Id, Col::Title],
            Target::Metric => &[Col::Name, Col::Value],
        }
    }

    fn table(self) -> &'static str {
        match self {
            Target::Activity => "activity",
            Target::Plan => "plan",
            Target::Metric => "metric",
        }
    }
}

/// The column a header names, for one kind of sheet.
fn match_label(target: Target, header: &str) -> Option<&'static Label> {
    let header = header.trim();
    let name = header.trim_start_matches("--").to_lowercase();
    target.labels().iter().find(|label| {
        header == label.zh
            || header.eq_ignore_ascii_case(label.en)
            || label.names.iter().any(|n| *n == name)
    })
}

/// The header row's text, cell by cell.
fn header_text(value: &Value) -> String {
    match value {
        Value::Text(s) => s.trim().to_string(),
        other => cell_text(other),
    }
}

/// A cell as text, as the user sees it.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => number_text(*f),
        Value::Bool(b) => b.to_string(),
        Value::Day { year, month, day } => format!("{year}-{month:02}-{day:02}"),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
}

/// A sheet's columns: for each column of the header, what it holds.
struct Columns {
    target: Target,
    header_row: u32,
    by_col: Vec<(u32, &'static Label, String)>,
}

impl Columns {
    fn of(&self, col: Col) -> Option<u32> {
        self.by_col.iter().find(|(_, l, _)| l.col == col).map(|(c, _, _)| *c)
    }

    fn header(&self, column: u32) -> &str {
        self.by_col.iter().find(|(c, _, _)| *c == column).map_or("", |(_, _, h)| h.as_str())
    }
}

/// The kind of sheet whose labels most headers match (activities first on a tie). A sheet
/// that has none of a kind's required columns is not of that kind, whatever else it shares
/// with it: the overview's 参与人次 and 亮点 do not make it a sheet of activities.
fn recognise(header: &Row) -> Option<Target> {
    let score = |target: Target| {
        let cols: Vec<Col> = header
            .cells
            .iter()
            .filter_map(|c| match_label(target, &header_text(&c.value)))
            .map(|l| l.col)
            .filter(|col| *col != Col::Sector)
            .collect();
        match target.required().iter().any(|r| cols.contains(r)) {
            true => cols.len(),
            false => 0,
        }
    };
    let best = [Target::Activity, Target::Plan, Target::Metric]
        .into_iter()
        .map(|t| (score(t), t))
        .fold((0, None), |best, (n, t)| if n > best.0 { (n, Some(t)) } else { best });
    best.1
}

/// The header row: the first row, among a sheet's first 10, in which at least two cells are
/// known labels (SPEC §10), so that a title above it (jiebie's own workbook has one) is not
/// taken for the header; else the first row.
fn header_row(sheet: &Sheet) -> Option<&Row> {
    let labels = |row: &Row| {
        let known = |text: &str| {
            [Target::Activity, Target::Plan, Target::Metric]
                .into_iter()
                .any(|target| match_label(target, text).is_some())
        };
        row.cells.iter().filter(|c| known(&header_text(&c.value))).count()
    };
    let mut first_ten = sheet.rows.iter().take_while(|r| r.number <= 10);
    first_ten.find(|r| labels(r) >= 2).or(sheet.rows.first())
}

/// Where an entry's keys came from, to place problems at their cells.
struct Origin {
    sheet: usize,
    row: u32,
    first_column: u32,
    first_text: String,
    keys: Vec<(&'static str, u32, String)>,
}

/// One sheet being read, with everything needed to place its problems.
struct SheetCx<'a> {
    index: usize,
    path: &'a str,
    sheet: &'a Sheet,
    columns: Columns,
    /// Whether every column the rows need is there; otherwise its rows are not read.
    complete: bool,
}

impl SheetCx<'_> {
    fn cell(&self, row: u32, column: u32, text: String) -> CellPlace {
        CellPlace { path: self.path.to_string(), sheet: self.sheet.name.clone(), row, column, text }
    }
}

/// What the import counted.
#[derive(Default)]
struct Counts {
    read: usize,
    added: usize,
    skipped: usize,
    other_sector: usize,
}

/// The plans a 对应设想 cell may name: the sector's and the sheet's, as (id, year, title).
type KnownPlans = Vec<(String, Option<u16>, String)>;

pub fn run(cx: &Context, args: ImportArgs) -> Result<i32, Error> {
    let paths = paths_or_here(&args.paths);
    let config = cx.config.as_deref();
    let sheet_path = args.sheet_file.clone();
    if !sheet_path.exists() {
        return Err(Error::PathNotFound { path: sheet_path });
    }
    let book = sheet::read(&sheet_path).map_err(|e| Error::ReadSheet {
        path: sheet_path.clone(),
        zh: e.zh,
        en: e.en,
    })?;
    let before = Workspace::load(&paths, config, cx.today)?;
    let sector = before.sector_named(&args.sector).map_err(|error| {
        if before.count(Severity::Error) > 0 {
            Error::DataHasErrors { name: args.sector.clone() }
        } else {
            error
        }
    })?;
    let shown_path = sheet_path.display().to_string();
    let mut notes: Vec<String> = Vec::new();
    if book.encoding == Some(TextEncoding::Gbk) {
        notes.push(match cx.lang {
            Lang::Zh => format!("提示: `{shown_path}` 是 GBK/GB18030 编码，已按 GBK 读取"),
            Lang::En => format!("note: `{shown_path}` is encoded in GBK/GB18030; read as such"),
        });
    }

    // The sheets to import, each with its columns.
    let names: Vec<String> = book.sheets.iter().filter_map(|s| s.name.clone()).collect();
    if let Some(wanted) = &args.sheet
        && book.sheets.iter().all(|s| s.name.as_deref() != Some(wanted.as_str()))
    {
        return Err(Error::NoSuchSheet { name: wanted.clone(), sheets: names });
    }
    let mut diagnostics: Vec<(usize, Diagnostic)> = Vec::new();
    let mut sheets: Vec<SheetCx<'_>> = Vec::new();
    // Sheets with a header that is none of activities, plans or metrics (a workbook's 总览).
    let mut unrecognised: Vec<String> = Vec::new();
    for (index, sheet) in book.sheets.iter().enumerate() {
        if args.sheet.as_ref().is_some_and(|w| sheet.name.as_ref() != Some(w)) {
            continue;
        }
        let Some(header) = header_row(sheet) else { continue };
        let Some(target) = recognise(header) else {
            unrecognised.push(sheet.name.clone().unwrap_or_default());
            continue;
        };
        let mut columns = Columns { target, header_row: header.number, by_col: Vec::new() };
        let mut cx_sheet = SheetCx {
            index,
            path: &shown_path,
            sheet,
            columns: Columns { target, header_row: header.number, by_col: Vec::new() },
            complete: true,
        };
        for cell in &header.cells {
            let text = header_text(&cell.value);
            let place = cx_sheet.cell(header.number, cell.column, text.clone());
            match match_label(target, &text) {
                Some(label) if columns.of(label.col).is_none() => {
                    columns.by_col.push((cell.column, label, text));
                }
                Some(_) => notes.push(match cx.lang {
                    Lang::Zh => format!("警告: 列「{text}」（{}）重复，已忽略", place.display()),
                    Lang::En => {
                        format!(
                            "warning: column `{text}` ({}) is repeated; ignored",
                            place.display()
                        )
                    }
                }),
                None => notes.push(unknown_column(cx.lang, target, &text, &place)),
            }
        }
        let mut missing: Vec<Col> =
            target.required().iter().copied().filter(|c| columns.of(*c).is_none()).collect();
        if target != Target::Activity && columns.of(Col::Year).is_none() && args.year.is_none() {
            missing.push(Col::Year);
        }
        cx_sheet.complete = missing.is_empty();
        for col in missing {
            let label = target.labels().iter().find(|l| l.col == col).expect("required column");
            let first = header.cells.first().map_or(0, |c| c.column);
            let place = cx_sheet.cell(header.number, first, header_text(&header.cells[0].value));
            let flag = (col == Col::Year).then_some("--year");
            let kind = Kind::MissingColumn { zh: label.zh.into(), en: label.en.into(), flag };
            diagnostics.push((index, Diagnostic::new(Place::in_cell(place), kind)));
        }
        cx_sheet.columns = columns;
        sheets.push(cx_sheet);
    }
    if sheets.is_empty() {
        return Err(Error::NoSheetToImport { path: sheet_path });
    }
    if !unrecognised.is_empty() {
        notes.push(skipped_sheets(cx.lang, &unrecognised));
    }

    // Plans first: an activity of the same workbook may name one of them by its title.
    sheets.sort_by_key(|s| (s.columns.target != Target::Plan, s.index));
    let mut known: KnownPlans = sector
        .plans
        .iter()
        .map(|p| (p.id.value.clone(), Some(p.year.value), p.title.trim().to_string()))
        .collect();
    let mut seen = Seen::of(sector);
    let mut counts = Counts::default();
    let mut entries: Vec<Entry> = Vec::new();
    let mut origins: Vec<Origin> = Vec::new();
    for sheet_cx in sheets.iter().filter(|s| s.complete) {
        for row in sheet_cx.sheet.rows.iter().filter(|r| r.number > sheet_cx.columns.header_row) {
            counts.read += 1;
            let read = RowCx { sheet: sheet_cx, row, year: args.year };
            if let Some(col) = sheet_cx.columns.of(Col::Sector)
                && let Some(value) = row.get(col)
            {
                let word = cell_text(value);
                let name = before.registry.canonical(word.trim());
                if name != sector.name && before.registry.resolve(word.trim()) != Some(&sector.name)
                {
                    counts.other_sector += 1;
                    counts.skipped += 1;
                    continue;
                }
            }
            let mut found = Vec::new();
            let Some((entry, origin, key)) = read.entry(&known, &mut found) else {
                diagnostics.extend(found.into_iter().map(|d| (sheet_cx.index, d)));
                continue;
            };
            diagnostics.extend(found.into_iter().map(|d| (sheet_cx.index, d)));
            if !seen.insert(&key) {
                counts.skipped += 1;
                continue;
            }
            if let SeenKey::Plan(id) = &key {
                let title = entry.keys.get("title").and_then(|t| t.as_str()).unwrap_or("");
                known.push((id.clone(), entry.year, title.trim().to_string()));
            }
            entries.push(entry);
            origins.push(origin);
        }
    }
    if counts.other_sector > 0 {
        let n = counts.other_sector;
        notes.push(match cx.lang {
            Lang::Zh => {
                format!("警告: 跳过了 {n} 行其他界别的记录（界别列不是「{}」）", sector.name)
            }
            Lang::En => format!(
                "warning: skipped {n} row(s) of other sectors (the Sector column is not `{}`)",
                sector.name
            ),
        });
    }
    if !cx.quiet {
        let text: String = notes.iter().map(|n| format!("{n}\n")).collect();
        eprint!("{text}");
    }

    // The file: `--file`, else the one the entries' years choose (SPEC §3.6).
    let mut years: Vec<Option<u16>> = entries.iter().map(|e| e.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut files: Vec<PathBuf> = Vec::new();
    for year in years.iter().copied().chain(years.is_empty().then_some(None)) {
        let file = add::choose_file(&before, &args.sector, args.file.as_deref(), year)?;
        if !files.contains(&file) {
            files.push(file);
        }
    }
    if files.len() > 1 {
        return Err(Error::AmbiguousFile {
            name: sector.name.clone(),
            files: sector.files.iter().map(|&f| before.sources[f].path.clone()).collect(),
        });
    }
    let file = files.remove(0);
    let several_files = entries.is_empty() && sector.files.len() > 1;

    let own_errors = diagnostics.iter().any(|(_, d)| d.severity() == Severity::Error);
    let at = add::Workplace { paths: &paths, config, today: cx.today };
    let appended = add::append(&at, &file, &entries, args.dry_run || own_errors)?;
    let mapped = place_in_cells(&appended, &origins, &sheets);
    diagnostics.extend(mapped);
    diagnostics.sort_by_cached_key(|(sheet, d)| {
        let (row, column) = d.position(&appended.after.sources).unwrap_or((0, 0));
        (*sheet, row, column, d.code())
    });
    let errors = diagnostics.iter().filter(|(_, d)| d.severity() == Severity::Error).count();
    let mut text = String::new();
    for (_, diagnostic) in &diagnostics {
        if cx.quiet && diagnostic.severity() == Severity::Warning {
            continue;
        }
        text.push_str(&diagnostic.render(&appended.after.sources, cx.lang, cx.color_stderr));
        text.push('\n');
    }
    if errors > 0 {
        text.push_str(&match cx.lang {
            Lang::Zh => format!("未写入：表格中有 {errors} 个错误\n"),
            Lang::En => format!("nothing written: the sheet has {errors} error(s)\n"),
        });
        eprint!("{text}");
        return Ok(EXIT_INVALID);
    }
    eprint!("{text}");
    counts.added = entries.len();
    let count = count_line(cx.lang, &counts);
    let file_shown = file.display();
    if args.dry_run {
        output::print(appended.text.trim_start_matches(['\r', '\n']).as_bytes())?;
        eprintln!(
            "{count}{}",
            match cx.lang {
                Lang::Zh => format!("（试运行，未写入 {file_shown}）"),
                Lang::En => format!(" (dry run: {file_shown} not written)"),
            }
        );
        return Ok(0);
    }
    let done = match (cx.lang, appended.written) {
        (Lang::Zh, true) => format!("已导入到 {file_shown}\n{count}\n"),
        (Lang::En, true) => format!("imported into {file_shown}\n{count}\n"),
        // Nothing new for a sector of several files chose no file: name none of them.
        (Lang::Zh, false) if several_files => format!("没有新的记录，没有改动任何文件\n{count}\n"),
        (Lang::En, false) if several_files => format!("nothing new: no file changed\n{count}\n"),
        (Lang::Zh, false) => format!("没有新的记录，{file_shown} 未改动\n{count}\n"),
        (Lang::En, false) => format!("nothing new: {file_shown} unchanged\n{count}\n"),
    };
    output::print(done.as_bytes())?;
    Ok(0)
}

fn count_line(lang: Lang, counts: &Counts) -> String {
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

fn unknown_column(lang: Lang, target: Target, text: &str, place: &CellPlace) -> String {
    let labels = target.labels().iter().map(|l| l.zh).chain(target.labels().iter().map(|l| l.en));
    let mut candidates: Vec<&str> = labels.collect();
    candidates.sort_unstable();
    candidates.dedup();
    let suggestion = closest(text, candidates.into_iter());
    let at = place.display();
    match (lang, suggestion) {
        (Lang::Zh, Some(s)) => {
            format!("警告: 未知的列「{text}」（{at}），已忽略；是否想写「{s}」？")
        }
        (Lang::Zh, None) => format!("警告: 未知的列「{text}」（{at}），已忽略"),
        (Lang::En, Some(s)) => {
            format!("warning: unknown column `{text}` ({at}), ignored; did you mean `{s}`?")
        }
        (Lang::En, None) => format!("warning: unknown column `{text}` ({at}), ignored"),
    }
}

/// What makes an entry one the sector already has (SPEC §10).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum SeenKey {
    Activity(String, String),
    Plan(String),
    Metric(Option<u16>, String),
    /// An entry that cannot be compared (its date or year is unreadable): never skipped.
    Unique,
}

struct Seen(HashSet<SeenKey>);

impl Seen {
    fn of(sector: &Sector) -> Seen {
        let mut set = HashSet::default();
        for a in &sector.activities {
            set.insert(SeenKey::Activity(a.date.value.to_string(), a.title.value.trim().into()));
        }
        for p in &sector.plans {
            set.insert(SeenKey::Plan(p.id.value.trim().to_string()));
        }
        for m in &sector.metrics {
            set.insert(SeenKey::Metric(Some(m.year.value), m.name.value.trim().to_string()));
        }
        Seen(set)
    }

    /// Whether the key is new (and now seen).
    fn insert(&mut self, key: &SeenKey) -> bool {
        *key == SeenKey::Unique || self.0.insert(key.clone())
    }
}

/// One data row being turned into an entry.
struct RowCx<'a> {
    sheet: &'a SheetCx<'a>,
    row: &'a Row,
    year: Option<u16>,
}

impl RowCx<'_> {
    fn value(&self, col: Col) -> Option<(u32, &Value)> {
        let column = self.sheet.columns.of(col)?;
        self.row.get(column).map(|v| (column, v))
    }

    fn text(&self, col: Col) -> Option<String> {
        self.value(col).map(|(_, v)| cell_text(v).trim().to_string()).filter(|t| !t.is_empty())
    }

    fn place(&self, column: u32, text: String) -> Place {
        Place::in_cell(self.sheet.cell(self.row.number, column, text))
    }

    /// The entry of the row, where it came from, and what makes it a duplicate; problems the
    /// loader cannot see (a plan title naming no plan, or several) go to `found`.
    fn entry(
        &self,
        known: &KnownPlans,
        found: &mut Vec<Diagnostic>,
    ) -> Option<(Entry, Origin, SeenKey)> {
        let target = self.sheet.columns.target;
        let mut keys: Vec<(&'static str, u32, String)> = Vec::new();
        let note = |key: &'static str, col: Col, keys: &mut Vec<_>| {
            if let Some(column) = self.sheet.columns.of(col) {
                let text = self.row.get(column).map(cell_text).unwrap_or_default();
                keys.push((key, column, text));
            }
        };
        let year_of_row = self.year_cell();
        let mut entry = match target {
            Target::Activity => Entry::new("activity", None),
            Target::Plan | Target::Metric => {
                Entry::new(target.table(), year_of_row.clone().ok().flatten().or(self.year))
            }
        };
        let key;
        match target {
            Target::Activity => {
                note("id", Col::Id, &mut keys);
                entry.set_opt("id", self.text(Col::Id).map(Field::Text));
                let date = self.date(Col::Date);
                note("date", Col::Date, &mut keys);
                entry.year = Date::parse(&date).ok().map(|d| d.year);
                entry.set("date", Field::Date(date.clone()));
                note("end_date", Col::EndDate, &mut keys);
                if self.value(Col::EndDate).is_some() {
                    entry.set("end_date", Field::Date(self.date(Col::EndDate)));
                }
                note("kind", Col::Kind, &mut keys);
                entry.set("kind", Field::Text(self.text(Col::Kind).unwrap_or_default()));
                note("title", Col::Title, &mut keys);
                let title = self.text(Col::Title).unwrap_or_default();
                entry.set("title", Field::Text(title.clone()));
                for (key, col) in [("summary", Col::Summary), ("location", Col::Location)] {
                    note(key, col, &mut keys);
                    entry.set_opt(key, self.text(col).map(Field::Text));
                }
                note("participants", Col::Participants, &mut keys);
                entry.set_opt("participants", self.number(Col::Participants));
                for (key, col) in [
                    ("partners", Col::Partners),
                    ("organizers", Col::Organizers),
                    ("tags", Col::Tags),
                    ("outcomes", Col::Outcomes),
                ] {
                    note(key, col, &mut keys);
                    entry.set(key, Field::List(self.list(col, col != Col::Outcomes)));
                }
                note("plan", Col::Plan, &mut keys);
                if let Some((column, value)) = self.value(Col::Plan) {
                    let word = cell_text(value).trim().to_string();
                    match resolve_plan(&word, entry.year, known) {
                        Ok(id) => entry.set("plan", Field::Text(id)),
                        Err(kind) => found.push(Diagnostic::new(self.place(column, word), kind)),
                    }
                }
                note("brand", Col::Brand, &mut keys);
                entry.set_opt("brand", self.text(Col::Brand).map(Field::Text));
                note("highlight", Col::Highlight, &mut keys);
                match self.value(Col::Highlight).map(|(_, v)| boolean(v)) {
                    Some(Ok(true)) => entry.set("highlight", Field::Bool(true)),
                    Some(Ok(false)) | None => {}
                    Some(Err(text)) => entry.set("highlight", Field::Text(text)),
                }
                key = match Date::parse(&date) {
                    Ok(d) => SeenKey::Activity(d.to_string(), title),
                    Err(_) => SeenKey::Unique,
                };
            }
            Target::Plan => {
                note("id", Col::Id, &mut keys);
                let id = self.text(Col::Id).unwrap_or_default();
                entry.set("id", Field::Text(id.clone()));
                note("year", Col::Year, &mut keys);
                entry.set("year", year_field(&year_of_row, self.year));
                note("title", Col::Title, &mut keys);
                entry.set("title", Field::Text(self.text(Col::Title).unwrap_or_default()));
                for (key, col) in [("kind", Col::Kind), ("detail", Col::Detail)] {
                    note(key, col, &mut keys);
                    entry.set_opt(key, self.text(col).map(Field::Text));
                }
                note("tags", Col::Tags, &mut keys);
                entry.set("tags", Field::List(self.list(Col::Tags, true)));
                key = if id.is_empty() { SeenKey::Unique } else { SeenKey::Plan(id) };
            }
            Target::Metric => {
                note("year", Col::Year, &mut keys);
                entry.set("year", year_field(&year_of_row, self.year));
                note("name", Col::Name, &mut keys);
                let name = self.text(Col::Name).unwrap_or_default();
                entry.set("name", Field::Text(name.clone()));
                note("value", Col::Value, &mut keys);
                entry.set("value", self.number(Col::Value).unwrap_or(Field::Text(String::new())));
                note("unit", Col::Unit, &mut keys);
                entry.set_opt("unit", self.text(Col::Unit).map(Field::Text));
                note("target", Col::Goal, &mut keys);
                entry.set_opt("target", self.number(Col::Goal));
                note("note", Col::Note, &mut keys);
                entry.set_opt("note", self.text(Col::Note).map(Field::Text));
                key = match &year_of_row {
                    Ok(year) if !name.is_empty() => SeenKey::Metric(year.or(self.year), name),
                    _ => SeenKey::Unique,
                };
            }
        }
        let first = self.row.cells.first();
        let origin = Origin {
            sheet: self.sheet.index,
            row: self.row.number,
            first_column: first.map_or(0, |c| c.column),
            first_text: first.map(|c| cell_text(&c.value)).unwrap_or_default(),
            keys,
        };
        Some((entry, origin, key))
    }

    /// A date cell as the text of a date: a date cell or a serial number becomes its day, a
    /// whole number between 1900 and 2100 a year; text is kept as written (the loader judges).
    fn date(&self, col: Col) -> String {
        match self.value(col).map(|(_, v)| v) {
            None => String::new(),
            Some(Value::Day { year, month, day }) => format!("{year}-{month:02}-{day:02}"),
            Some(Value::Int(n)) => number_date(*n as f64),
            Some(Value::Float(f)) => number_date(*f),
            Some(other) => {
                let text = cell_text(other).trim().to_string();
                // A date typed as a number and stored as text (CSV) is a year or a serial too.
                match text.parse::<f64>() {
                    Ok(f) if !text.contains(['-', '.']) => number_date(f),
                    _ => text,
                }
            }
        }
    }

    /// A number cell: numbers as they are, text that reads as a number as that number, other
    /// text kept (the loader reports the wrong type at the cell).
    fn number(&self, col: Col) -> Option<Field> {
        let (_, value) = self.value(col)?;
        Some(match value {
            Value::Int(i) => Field::Integer(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Field::Integer(*f as i64),
            Value::Float(f) => Field::Float(*f),
            Value::Bool(b) => Field::Bool(*b),
            other => {
                let text = cell_text(other).trim().to_string();
                let plain = text.replace([',', '，'], "");
                if let Ok(i) = plain.parse::<i64>() {
                    Field::Integer(i)
                } else if let Ok(f) = plain.parse::<f64>()
                    && plain.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
                {
                    Field::Float(f)
                } else {
                    Field::Text(text)
                }
            }
        })
    }

    /// A list cell: split on 、 , ; ； and line breaks, and on ， except in outcomes, which are
    /// sentences.
    fn list(&self, col: Col, fullwidth_comma: bool) -> Vec<String> {
        let Some(text) = self.text(col) else { return Vec::new() };
        text.split(|c: char| {
            matches!(c, '、' | ',' | ';' | '；' | '\n' | '\r') || (fullwidth_comma && c == '，')
        })
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
    }

    /// The year of a plan or metric: its 年度 cell (Ok(None) when blank), or the cell's text
    /// when it is no year.
    fn year_cell(&self) -> Result<Option<u16>, String> {
        let Some((_, value)) = self.value(Col::Year) else { return Ok(None) };
        let text = cell_text(value).trim().trim_end_matches('年').to_string();
        match text.parse::<f64>() {
            Ok(f) if f.fract() == 0.0 && (0.0..=65535.0).contains(&f) => Ok(Some(f as u16)),
            _ => Err(cell_text(value)),
        }
    }
}

/// The `year` key: the row's year, else `--year`; a cell that is no year is written as text
/// (the loader says it is the wrong type).
fn year_field(cell: &Result<Option<u16>, String>, default: Option<u16>) -> Field {
    match cell {
        Ok(Some(year)) => Field::Integer(i64::from(*year)),
        Ok(None) => default.map_or(Field::Text(String::new()), |y| Field::Integer(i64::from(y))),
        Err(text) => Field::Text(text.clone()),
    }
}

/// A number in a date column: a whole number from 1900 to 2100 is a year, any other an Excel
/// serial date.
fn number_date(f: f64) -> String {
    if f.fract() == 0.0 && (1900.0..=2100.0).contains(&f) {
        return format!("{}", f as i64);
    }
    match sheet::serial_day(f) {
        Some((year, month, day)) => format!("{year}-{month:02}-{day:02}"),
        None => number_text(f),
    }
}

/// 是/否, yes/no, true/false, 1/0 (any case); other text is returned for the loader to refuse.
fn boolean(value: &Value) -> Result<bool, String> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Int(1) => Ok(true),
        Value::Int(0) => Ok(false),
        Value::Float(f) if *f == 1.0 => Ok(true),
        Value::Float(f) if *f == 0.0 => Ok(false),
        other => {
            let text = cell_text(other).trim().to_lowercase();
            match text.as_str() {
                "是" | "yes" | "true" | "1" | "y" => Ok(true),
                "否" | "no" | "false" | "0" | "n" | "" => Ok(false),
                _ => Err(cell_text(other)),
            }
        }
    }
}

/// The plan a 对应设想 cell names: an id, else a title — of one plan, or of one plan of the
/// activity's year.
fn resolve_plan(word: &str, year: Option<u16>, known: &KnownPlans) -> Result<String, Kind> {
    if word.is_empty() || known.iter().any(|(id, _, _)| id == word) {
        return Ok(word.to_string());
    }
    let titled: Vec<&(String, Option<u16>, String)> =
        known.iter().filter(|(_, _, title)| title == word).collect();
    let of_year: Vec<&(String, Option<u16>, String)> =
        titled.iter().copied().filter(|(_, y, _)| *y == year).collect();
    match (titled.as_slice(), of_year.as_slice()) {
        ([one], _) | (_, [one]) => Ok(one.0.clone()),
        ([], _) => {
            let mut candidates: Vec<&str> =
                known.iter().flat_map(|(id, _, title)| [id.as_str(), title.as_str()]).collect();
            candidates.sort_unstable();
            Err(Kind::UnresolvedPlan {
                id: word.to_string(),
                suggestion: closest(word, candidates.into_iter()),
            })
        }
        (several, _) => Err(Kind::AmbiguousPlan {
            title: word.to_string(),
            candidates: several.iter().map(|(id, _, _)| id.clone()).collect(),
        }),
    }
}

/// The new diagnostics of the appended text, placed at the cells their keys came from; the
/// key in a message becomes the column's label, and a problem with an empty cell says it is
/// blank.
fn place_in_cells(
    appended: &add::Appended,
    origins: &[Origin],
    sheets: &[SheetCx<'_>],
) -> Vec<(usize, Diagnostic)> {
    let locate = |place: &Place| -> Option<(usize, Place, Option<String>)> {
        let span = place.span.as_ref()?;
        if Some(place.file) != appended.file_index || span.start < appended.original_len {
            return None;
        }
        let entry = appended.ranges.iter().position(|r| r.contains(&span.start))?;
        let origin = &origins[entry];
        let sheet = sheets.iter().find(|s| s.index == origin.sheet)?;
        let at = span.start - appended.original_len;
        let text = &appended.text;
        let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..];
        let key = line.split_once(" = ").map(|(k, _)| k.trim());
        let found = key.and_then(|k| origin.keys.iter().find(|(name, _, _)| *name == k));
        let (column, cell_text, header) = match found {
            Some((_, column, text)) => {
                (*column, text.clone(), Some(sheet.columns.header(*column).to_string()))
            }
            None => (origin.first_column, origin.first_text.clone(), None),
        };
        let cell = sheet.cell(origin.row, column, cell_text);
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
            let blank = cell_place.cell.as_ref().is_some_and(|c| c.text.trim().is_empty())
                && header.is_some();
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

#[cfg(test)]
mod tests {
    use super::{Col, Target, match_label};
    use crate::render::labels as l;

    /// Every column a view exports is a column the importer reads, in both languages; only
    /// the derived 完成率 is read and then ignored.
    #[test]
    fn every_exported_label_is_a_column() {
        let views: [(Target, Vec<(&str, &str)>); 3] = [
            (Target::Activity, [&l::ACTIVITIES[..], &l::ACTIVITY_DETAILS[..]].concat()),
            (Target::Plan, l::PLANS.to_vec()),
            (Target::Metric, l::METRICS.to_vec()),
        ];
        for (target, labels) in views {
            for (zh, en) in std::iter::once(l::SECTOR).chain(labels) {
                let by_zh = match_label(target, zh).map(|label| label.col);
                let by_en = match_label(target, en).map(|label| label.col);
                assert!(by_zh.is_some(), "{target:?} {zh}");
                assert_eq!(by_zh, by_en, "{target:?} {zh} {en}");
            }
        }
        assert_eq!(match_label(Target::Metric, "完成率").map(|l| l.col), Some(Col::Completion));
    }
}
