//! A sheet's header: which entity its rows hold (activities, plans or metrics) and which key
//! each column carries, matched by the field tables' labels in both languages and by `add`'s
//! flag and the key itself.

use crate::diagnostic::CellPlace;
use crate::lang::Lang;
use crate::read::sheet::{Row, Value};
use crate::render::labels;
use crate::terms::fields::{self, Entity};
use crate::terms::vocabulary::closest;

/// The column of the sector's name, which any sheet may have (rows of other sectors are
/// skipped); it is no key of an entry.
pub const SECTOR: &str = "sector";

/// The metrics view's 完成率: a derived column, read and ignored.
pub const COMPLETION: &str = "completion";

/// A row counter (序号, No.): read and ignored, never an id.
pub const COUNTER: &str = "counter";

/// The names of a row counter.
const COUNTER_NAMES: [&str; 6] = ["序号", "序", "no.", "no", "#", "s/n"];

/// A column a header may name: the key it carries and its names.
#[derive(Debug)]
pub struct Label {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// `add`'s flag and the key (lowercase, without `--`).
    names: [&'static str; 2],
    /// The usual other names of such a column (SPEC §10).
    also: &'static [&'static str],
}

/// `--columns "活动类型=类别,负责人=备注"`: headers mapped to a field by its label or key.
#[derive(Clone, Debug, Default)]
pub struct Mapping(Vec<(String, String)>);

impl Mapping {
    /// Parses `列=字段,…` (full-width `＝` and `，` accepted); None names the bad part.
    pub fn parse(text: &str) -> Result<Mapping, String> {
        let mut pairs = Vec::new();
        for part in text.split([',', '，', ';', '；']).map(str::trim).filter(|p| !p.is_empty()) {
            match part.split_once(['=', '＝']) {
                Some((header, field)) if !header.trim().is_empty() && !field.trim().is_empty() => {
                    pairs.push((normal(header), normal(field)));
                }
                _ => return Err(part.to_string()),
            }
        }
        Ok(Mapping(pairs))
    }

    /// The field a header is mapped to, by label or key.
    fn target<'l>(&self, labels: &'l [Label], header: &str) -> Option<&'l Label> {
        let header = normal(header);
        let (_, field) = self.0.iter().find(|(h, _)| *h == header)?;
        labels.iter().find(|label| {
            normal(label.zh) == *field
                || normal(label.en) == *field
                || label.names.contains(&&**field)
        })
    }
}

/// A header as compared: without spaces (full-width ones too) or a trailing colon, ASCII
/// lowercased, `--` of a flag dropped.
fn normal(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let text = text.trim_end_matches([':', '：']).trim_start_matches("--");
    text.to_lowercase()
}

/// The entities a sheet can hold, in the order a tie is decided.
pub const ENTITIES: [&Entity; 3] = [&fields::ACTIVITY, &fields::PLAN, &fields::METRIC];

/// The columns of an entity's sheet: the sector, every field, and the derived ones of its view.
pub fn labels(entity: &'static Entity) -> Vec<Label> {
    let (zh, en) = labels::SECTOR;
    let mut out = vec![Label { key: SECTOR, zh, en, names: [SECTOR, SECTOR], also: &[] }];
    out.extend(entity.fields.iter().map(|field| Label {
        key: field.key,
        zh: field.zh,
        en: field.en,
        names: [field.flag, field.key],
        also: field.also,
    }));
    if entity.table == fields::METRIC.table {
        let (zh, en) = labels::METRICS[4];
        out.push(Label { key: COMPLETION, zh, en, names: [COMPLETION, COMPLETION], also: &[] });
    }
    let names = [COUNTER, COUNTER];
    out.push(Label { key: COUNTER, zh: "序号", en: "No.", names, also: &COUNTER_NAMES });
    out
}

/// The keys a row needs for an entry (the year of a plan or metric may come from `--year`).
pub fn required(entity: &Entity) -> impl Iterator<Item = &'static str> + '_ {
    entity.fields.iter().filter(|f| f.required && f.key != "year").map(|f| f.key)
}

/// The column a header names, among an entity's labels: by `--columns`, else by its label in
/// either language, `add`'s flag or the key, else by one of its usual names.
pub fn match_label<'l>(labels: &'l [Label], header: &str, mapping: &Mapping) -> Option<&'l Label> {
    if let Some(label) = mapping.target(labels, header) {
        return Some(label);
    }
    let header = normal(header);
    if header.is_empty() {
        return None;
    }
    let exact = labels.iter().find(|label| {
        header == normal(label.zh) || header == normal(label.en) || label.names.contains(&&*header)
    });
    exact.or_else(|| labels.iter().find(|l| l.also.iter().any(|name| normal(name) == header)))
}

/// The header row's text, cell by cell.
pub fn header_text(value: &Value) -> String {
    match value {
        Value::Text(s) => s.trim().to_string(),
        other => cell_text(other),
    }
}

/// A cell as text, as the user sees it.
pub fn cell_text(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => number_text(*f),
        Value::Bool(b) => b.to_string(),
        Value::Day { year, month, day } => format!("{year}-{month:02}-{day:02}"),
    }
}

pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
}

/// A sheet's columns: for each column of the header, the key it holds.
pub struct Columns {
    pub entity: &'static Entity,
    pub header_row: u32,
    pub by_col: Vec<(u32, &'static str, String)>,
}

impl Columns {
    /// The column holding `key`.
    pub fn of(&self, key: &str) -> Option<u32> {
        self.by_col.iter().find(|(_, k, _)| *k == key).map(|(c, _, _)| *c)
    }

    /// The header's text of a column.
    pub fn header(&self, column: u32) -> &str {
        self.by_col.iter().find(|(c, _, _)| *c == column).map_or("", |(_, _, h)| h.as_str())
    }
}

/// The entity whose labels most headers match (activities first on a tie). A sheet that has
/// none of an entity's required columns is not of that entity, whatever else it shares with
/// it: the overview's 参与人次 and 亮点 do not make it a sheet of activities.
pub fn recognise(header: &Row, mapping: &Mapping) -> Option<&'static Entity> {
    let score = |entity: &'static Entity| {
        let labels = labels(entity);
        let keys: Vec<&str> = header
            .cells
            .iter()
            .filter_map(|c| match_label(&labels, &header_text(&c.value), mapping))
            .map(|l| l.key)
            .filter(|key| ![SECTOR, COUNTER].contains(key))
            .collect();
        match required(entity).any(|r| keys.contains(&r)) {
            true => keys.len(),
            false => 0,
        }
    };
    let best = ENTITIES
        .into_iter()
        .map(|e| (score(e), e))
        .fold((0, None), |best, (n, e)| if n > best.0 { (n, Some(e)) } else { best });
    best.1
}

/// The header row: the first row, among a sheet's first 10, in which at least two cells are
/// known labels of some entity (SPEC §10); rows above it (a title, a date line) are not data.
/// Else the first row.
pub fn header_row<'s>(rows: &'s [Row], mapping: &Mapping) -> Option<&'s Row> {
    let all: Vec<Vec<Label>> = ENTITIES.iter().map(|e| labels(e)).collect();
    let known = |row: &Row| {
        let texts = row.cells.iter().map(|c| header_text(&c.value));
        let known = texts.filter(|t| all.iter().any(|l| match_label(l, t, mapping).is_some()));
        known.count()
    };
    let mut first_ten = rows.iter().take_while(|r| r.number <= 10);
    first_ten.find(|r| known(r) >= 2).or(rows.first())
}

/// Whether a row is a total (合计, 小计, 总计, 共计, Total, Subtotal in its first non-empty
/// cell): skipped and counted, never an activity.
pub fn is_total(row: &Row) -> bool {
    let first = row.cells.iter().map(|c| normal(&cell_text(&c.value))).find(|t| !t.is_empty());
    first.is_some_and(|t| {
        ["合计", "小计", "总计", "共计", "total", "subtotal", "sum"].contains(&&*t)
    })
}

/// Whether every cell of a row is blank.
pub fn is_blank(row: &Row) -> bool {
    row.cells.iter().all(|c| cell_text(&c.value).trim().is_empty())
}

/// The warning for a column no label matches, with the closest label.
pub fn unknown_column(lang: Lang, labels: &[Label], text: &str, place: &CellPlace) -> String {
    let mut candidates: Vec<&str> =
        labels.iter().map(|l| l.zh).chain(labels.iter().map(|l| l.en)).collect();
    candidates.sort_unstable();
    candidates.dedup();
    let suggestion = closest(text, candidates.into_iter());
    let at = place.display();
    // The header and the sheet's name are the file's text: shown escaped.
    let (text, at) = (crate::text::escaped(text), crate::text::escaped(&at).into_owned());
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

#[cfg(test)]
mod tests {
    use super::{COMPLETION, Mapping, labels, match_label};
    use crate::render::labels as l;
    use crate::terms::fields;

    /// Every column a view exports is a column the importer reads, in both languages; only
    /// the derived 完成率 is read and then ignored.
    #[test]
    fn every_exported_label_is_a_column() {
        let views = [
            (&fields::ACTIVITY, [&l::ACTIVITIES[..], &l::ACTIVITY_DETAILS[..]].concat()),
            (&fields::PLAN, l::PLANS.to_vec()),
            (&fields::METRIC, l::METRICS.to_vec()),
        ];
        for (entity, view) in views {
            let labels = labels(entity);
            let none = Mapping::default();
            for (zh, en) in std::iter::once(l::SECTOR).chain(view) {
                let by_zh = match_label(&labels, zh, &none).map(|label| label.key);
                let by_en = match_label(&labels, en, &none).map(|label| label.key);
                assert!(by_zh.is_some(), "{} {zh}", entity.table);
                assert_eq!(by_zh, by_en, "{} {zh} {en}", entity.table);
            }
        }
        let metric = labels(&fields::METRIC);
        let none = Mapping::default();
        assert_eq!(match_label(&metric, "完成率", &none).map(|l| l.key), Some(COMPLETION));
    }
}
