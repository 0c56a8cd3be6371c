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

/// A column a header may name: the key it carries and its names.
#[derive(Debug)]
pub struct Label {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// `add`'s flag and the key (lowercase, without `--`).
    names: [&'static str; 2],
}

/// The entities a sheet can hold, in the order a tie is decided.
pub const ENTITIES: [&Entity; 3] = [&fields::ACTIVITY, &fields::PLAN, &fields::METRIC];

/// The columns of an entity's sheet: the sector, every field, and the derived ones of its view.
pub fn labels(entity: &'static Entity) -> Vec<Label> {
    let (zh, en) = labels::SECTOR;
    let mut out = vec![Label { key: SECTOR, zh, en, names: [SECTOR, SECTOR] }];
    out.extend(entity.fields.iter().map(|field| Label {
        key: field.key,
        zh: field.zh,
        en: field.en,
        names: [field.flag, field.key],
    }));
    if entity.table == fields::METRIC.table {
        let (zh, en) = labels::METRICS[4];
        out.push(Label { key: COMPLETION, zh, en, names: [COMPLETION, COMPLETION] });
    }
    out
}

/// The keys a row needs for an entry (the year of a plan or metric may come from `--year`).
pub fn required(entity: &Entity) -> impl Iterator<Item = &'static str> + '_ {
    entity.fields.iter().filter(|f| f.required && f.key != "year").map(|f| f.key)
}

/// The column a header names, among an entity's labels.
pub fn match_label<'l>(labels: &'l [Label], header: &str) -> Option<&'l Label> {
    let header = header.trim();
    let name = header.trim_start_matches("--").to_lowercase();
    labels.iter().find(|label| {
        header == label.zh || header.eq_ignore_ascii_case(label.en) || label.names.contains(&&*name)
    })
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
pub fn recognise(header: &Row) -> Option<&'static Entity> {
    let score = |entity: &'static Entity| {
        let labels = labels(entity);
        let keys: Vec<&str> = header
            .cells
            .iter()
            .filter_map(|c| match_label(&labels, &header_text(&c.value)))
            .map(|l| l.key)
            .filter(|key| *key != SECTOR)
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

/// The warning for a column no label matches, with the closest label.
pub fn unknown_column(lang: Lang, labels: &[Label], text: &str, place: &CellPlace) -> String {
    let mut candidates: Vec<&str> =
        labels.iter().map(|l| l.zh).chain(labels.iter().map(|l| l.en)).collect();
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

#[cfg(test)]
mod tests {
    use super::{COMPLETION, labels, match_label};
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
            for (zh, en) in std::iter::once(l::SECTOR).chain(view) {
                let by_zh = match_label(&labels, zh).map(|label| label.key);
                let by_en = match_label(&labels, en).map(|label| label.key);
                assert!(by_zh.is_some(), "{} {zh}", entity.table);
                assert_eq!(by_zh, by_en, "{} {zh} {en}", entity.table);
            }
        }
        let metric = labels(&fields::METRIC);
        assert_eq!(match_label(&metric, "完成率").map(|l| l.key), Some(COMPLETION));
    }
}
