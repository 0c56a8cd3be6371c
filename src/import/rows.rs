//! A data row turned into an entry: each key of the entity's field table, in the table's order,
//! read from its column by the field's type; where each key came from (`Origins`); and what
//! makes the entry one the sector already has (`SeenKey`).

use crate::HashSet;
use crate::diagnostic::{CellPlace, Diagnostic, Kind, Place};
use crate::import::columns::{Columns, cell_text, number_text};
use crate::model::sector::Sector;
use crate::read::sheet::{self, Row, Value};
use crate::terms::date::Date;
use crate::terms::fields::Type;
use crate::terms::vocabulary::closest;
use crate::write::entry::{Entry, Field};

/// Where the entries' keys came from, to place problems at their cells: each entry's sheet
/// and row, and the text of its first cell and of its cell of each key (`SheetCx::keys`). The
/// texts are kept in one buffer, since the sheet itself is let go before the entries are
/// validated: 100,000 rows are one string here, not 700,000 (issue 22).
#[derive(Default)]
pub struct Origins {
    texts: String,
    /// Where each text ends in `texts`: an entry's first cell, then its keys'.
    ends: Vec<usize>,
    entries: Vec<Origin>,
}

/// Where one entry came from.
struct Origin {
    /// The sheet's index in the workbook (`SheetCx::index`).
    sheet: usize,
    row: u32,
    first_column: u32,
    /// The index in `Origins::ends` of the end of the first cell's text.
    first: usize,
}

impl Origins {
    /// The origin of the next entry: `row` of `sheet`.
    pub fn push(&mut self, sheet: &SheetCx<'_>, row: &Row) {
        let first = row.cells.first();
        self.entries.push(Origin {
            sheet: sheet.index,
            row: row.number,
            first_column: first.map_or(0, |c| c.column),
            first: self.ends.len(),
        });
        self.push_text(first.map(|c| &c.value));
        for &(_, column) in &sheet.keys {
            self.push_text(row.get(column));
        }
    }

    fn push_text(&mut self, value: Option<&Value>) {
        match value {
            Some(Value::Text(text)) => self.texts.push_str(text),
            Some(other) => self.texts.push_str(&cell_text(other)),
            None => {}
        }
        self.ends.push(self.texts.len());
    }

    /// Gives back the room left over from growing by doubling (up to half of it).
    pub fn shrink_to_fit(&mut self) {
        self.texts.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.entries.shrink_to_fit();
    }

    /// The text whose end is `ends[at]`.
    fn text(&self, at: usize) -> &str {
        let start = if at == 0 { 0 } else { self.ends[at - 1] };
        &self.texts[start..self.ends[at]]
    }

    /// The sheet (its index in the workbook) and row of entry `entry`.
    pub fn row(&self, entry: usize) -> (usize, u32) {
        let origin = &self.entries[entry];
        (origin.sheet, origin.row)
    }

    /// The first cell of entry `entry`'s row: its column and text.
    pub fn first_cell(&self, entry: usize) -> (u32, &str) {
        let origin = &self.entries[entry];
        (origin.first_column, self.text(origin.first))
    }

    /// The cell entry `entry`'s `key` came from (its column and text), when its sheet has a
    /// column for the key; `sheet` is the entry's sheet.
    pub fn key_cell(&self, entry: usize, sheet: &SheetCx<'_>, key: &str) -> Option<(u32, &str)> {
        let position = sheet.keys.iter().position(|(name, _)| *name == key)?;
        let at = self.entries[entry].first + 1 + position;
        Some((sheet.keys[position].1, self.text(at)))
    }
}

/// One sheet being read, with everything needed to place its problems (but not its rows:
/// those are let go once read).
pub struct SheetCx<'a> {
    /// The sheet's index in the workbook.
    pub index: usize,
    pub path: &'a str,
    /// The sheet's name (none in a CSV file).
    pub name: Option<String>,
    pub columns: Columns,
    /// The fields the sheet has a column for, in the field table's order, with the column:
    /// the keys whose cells an entry's origin keeps (`Origins`).
    pub keys: Vec<(&'static str, u32)>,
    /// Whether every column the rows need is there; otherwise its rows are not read.
    pub complete: bool,
}

impl SheetCx<'_> {
    pub fn cell(&self, row: u32, column: u32, text: String) -> CellPlace {
        CellPlace { path: self.path.to_string(), sheet: self.name.clone(), row, column, text }
    }
}

/// The plans a 对应设想 cell may name: the sector's and the sheet's, as (id, year, title).
pub type KnownPlans = Vec<(String, Option<u16>, String)>;

/// What makes an entry one the sector already has (SPEC §10).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SeenKey {
    Activity(String, String),
    Plan(String),
    Metric(Option<u16>, String),
    /// An entry that cannot be compared (its date or year is unreadable): never skipped.
    Unique,
}

/// The entries the sector has, and those read so far.
pub struct Seen(HashSet<SeenKey>);

impl Seen {
    pub fn of(sector: &Sector) -> Seen {
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
    pub fn insert(&mut self, key: &SeenKey) -> bool {
        *key == SeenKey::Unique || self.0.insert(key.clone())
    }
}

/// One data row being turned into an entry.
pub struct RowCx<'a> {
    pub sheet: &'a SheetCx<'a>,
    pub row: &'a Row,
    /// `--year`.
    pub year: Option<u16>,
}

impl RowCx<'_> {
    fn value(&self, key: &str) -> Option<(u32, &Value)> {
        let column = self.sheet.columns.of(key)?;
        self.row.get(column).map(|v| (column, v))
    }

    /// The cell of `key` as trimmed text; none when blank.
    pub fn text(&self, key: &str) -> Option<String> {
        self.value(key).map(|(_, v)| cell_text(v).trim().to_string()).filter(|t| !t.is_empty())
    }

    fn place(&self, column: u32, text: String) -> Place {
        Place::in_cell(self.sheet.cell(self.row.number, column, text))
    }

    /// The entry of the row, and what makes it a duplicate; problems the loader cannot see (a
    /// plan title naming no plan, or several) go to `found`.
    pub fn entry(&self, known: &KnownPlans, found: &mut Vec<Diagnostic>) -> (Entry, SeenKey) {
        let entity = self.sheet.columns.entity;
        let year_of_row = self.year_cell();
        let date = self.date("date");
        let year = match entity.field("date") {
            Some(_) => Date::parse(&date).ok().map(|d| d.year),
            None => year_of_row.clone().ok().flatten().or(self.year),
        };
        let mut entry = Entry::new(entity.table, year);
        for field in entity.fields {
            let key = field.key;
            match field.ty {
                Type::Text if key == "plan" => {
                    if let Some((column, value)) = self.value(key) {
                        let word = cell_text(value).trim().to_string();
                        match resolve_plan(&word, entry.year, known) {
                            Ok(id) => entry.set(key, Field::Text(id)),
                            Err(kind) => {
                                found.push(Diagnostic::new(self.place(column, word), kind))
                            }
                        }
                    }
                }
                Type::Text | Type::Table if field.required => {
                    entry.set(key, Field::Text(self.text(key).unwrap_or_default()));
                }
                Type::Text | Type::Table => entry.set_opt(key, self.text(key).map(Field::Text)),
                Type::Date { end: false } => entry.set(key, Field::Date(date.clone())),
                Type::Date { end: true } => {
                    if self.value(key).is_some() {
                        entry.set(key, Field::Date(self.date(key)));
                    }
                }
                Type::Count | Type::Number if field.required => {
                    entry.set(key, self.number(key).unwrap_or(Field::Text(String::new())));
                }
                Type::Count | Type::Number => entry.set_opt(key, self.number(key)),
                Type::Year => entry.set(key, year_field(&year_of_row, self.year)),
                Type::List => entry.set(key, Field::List(self.list(key, true))),
                Type::Sentences => entry.set(key, Field::List(self.list(key, false))),
                Type::Bool => match self.value(key).map(|(_, v)| boolean(v)) {
                    Some(Ok(true)) => entry.set(key, Field::Bool(true)),
                    Some(Ok(false)) | None => {}
                    Some(Err(text)) => entry.set(key, Field::Text(text)),
                },
            }
        }
        let seen = match entity.table {
            "activity" => match Date::parse(&date) {
                Ok(d) => SeenKey::Activity(d.to_string(), self.text("title").unwrap_or_default()),
                Err(_) => SeenKey::Unique,
            },
            "plan" => match self.text("id") {
                Some(id) => SeenKey::Plan(id),
                None => SeenKey::Unique,
            },
            _ => match (&year_of_row, self.text("name")) {
                (Ok(year), Some(name)) => SeenKey::Metric(year.or(self.year), name),
                _ => SeenKey::Unique,
            },
        };
        (entry, seen)
    }

    /// A date cell as the text of a date: a date cell or a serial number becomes its day, a
    /// whole number between 1900 and 2100 a year; text is kept as written (the loader judges).
    fn date(&self, key: &str) -> String {
        match self.value(key).map(|(_, v)| v) {
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
    fn number(&self, key: &str) -> Option<Field> {
        let (_, value) = self.value(key)?;
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

    /// A list cell: split on 、 , ; ； and line breaks, and on ， except in lists of sentences
    /// (outcomes).
    fn list(&self, key: &str, fullwidth_comma: bool) -> Vec<String> {
        let Some(text) = self.text(key) else { return Vec::new() };
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
        let Some((_, value)) = self.value("year") else { return Ok(None) };
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
