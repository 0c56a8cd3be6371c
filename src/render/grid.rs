//! One grid (rows × columns of typed cells) per view, made from the report or the diff and
//! shared by the table, CSV and Markdown renderers, so their columns cannot drift apart. The
//! rows of the large views are made as they are read (`Rows`).

use std::borrow::Cow;
use std::sync::Arc;

use crate::lang::Lang;
use crate::numbers::diff::{Diff, KindRow, MetricRow, SectorRow, Status};
use crate::numbers::report::{ActivityOut, Counts, MemberRow, Report, SectorReport, Sectors};
use crate::read::schema::{Number, Sp};
use crate::render::labels as l;
use crate::terms::date::Date;
use crate::terms::fields::{self, Type};

/// A typed cell; each format decides how to print it. Text is borrowed from the report
/// wherever it can be.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    /// A count or a sum: u128, so that a sum of counts up to 2^63 each is exact.
    Count(u128),
    /// A change: `+3` in tables and Markdown, `3` in CSV.
    Signed(i128),
    Number(Number),
    SignedNumber(Number),
    /// A change of a percentage, in percentage points: `+6.4个百分点` / `+6.4 pp` in tables
    /// and Markdown, `6.4` in CSV.
    Points(Number),
    /// A ratio printed as a whole percent; empty when there is nothing to divide by.
    Percent(Option<f64>),
    List(Vec<Cow<'a, str>>),
    Bool(bool),
    /// A date of any precision, in its canonical form; the workbook writes a day as a date cell.
    Date(Date),
    Empty,
}

/// An activity's value of a key, as a cell: the one place that maps an activity's keys to
/// what the tables show (a plan by its title).
fn activity_cell<'a>(out: &ActivityOut<'a>, key: &str) -> Cell<'a> {
    let a = out.activity;
    let list =
        |items: &'a [String]| Cell::List(items.iter().map(|s| Cow::Borrowed(s.as_str())).collect());
    let names = |names: &'a [Sp<String>]| {
        Cell::List(names.iter().map(|name| Cow::Borrowed(name.value.as_str())).collect())
    };
    let name = |name: &'a Option<Box<Sp<String>>>| name.as_ref().map(|n| n.value.as_str());
    match key {
        "id" => Cell::opt_text(name(&a.id)),
        "date" => Cell::Date(a.date.value),
        "end_date" => Cell::opt(a.end_date.as_ref().map(|d| d.value), Cell::Date),
        "kind" => Cell::text(out.kind),
        "title" => Cell::text(&a.title.value),
        "summary" => Cell::opt_text(a.summary.as_deref()),
        "location" => Cell::opt_text(a.location.as_deref()),
        "participants" => Cell::opt(out.participants, Cell::count),
        "partners" => names(&a.partners),
        "organizers" => list(&a.organizers),
        "tags" => list(&a.tags),
        "outcomes" => list(&a.outcomes),
        "plan" => Cell::opt_text(out.plan_title),
        "brand" => Cell::opt_text(name(&a.brand)),
        "highlight" => Cell::Bool(a.highlight),
        "note" => Cell::opt_text(a.note.as_deref()),
        "attendees" => names(&a.attendees),
        "authors" => names(&a.authors),
        "number" => Cell::opt_text(a.number.as_deref()),
        "status" => Cell::opt_text(name(&a.status)),
        "adoption" => names(&a.adoption),
        _ => Cell::Empty,
    }
}

impl<'a> Cell<'a> {
    fn text(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }

    fn opt_text(s: Option<&'a str>) -> Cell<'a> {
        s.map_or(Cell::Empty, Cell::text)
    }

    fn count(n: impl Into<u128>) -> Cell<'a> {
        Cell::Count(n.into())
    }

    fn opt<T>(value: Option<T>, f: impl FnOnce(T) -> Cell<'a>) -> Cell<'a> {
        value.map_or(Cell::Empty, f)
    }

    /// Whether the cell holds a number (never prefixed against formula injection, aligned right).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Cell::Count(_)
                | Cell::Signed(_)
                | Cell::Number(_)
                | Cell::SignedNumber(_)
                | Cell::Points(_)
                | Cell::Percent(_)
        )
    }

    /// The cell as text; `signed` prints changes with a plus sign.
    pub fn render(&self, lang: Lang, signed: bool) -> Cow<'_, str> {
        let text = match self {
            Cell::Text(s) => return Cow::Borrowed(s),
            Cell::Count(n) => n.to_string(),
            Cell::Signed(n) if signed && *n > 0 => format!("+{n}"),
            Cell::Signed(n) => n.to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::SignedNumber(n) if signed && n.as_f64() > 0.0 => format!("+{n}"),
            Cell::SignedNumber(n) => n.to_string(),
            Cell::Points(n) if signed => {
                let sign = if n.as_f64() > 0.0 { "+" } else { "" };
                l::points(lang, &format!("{sign}{n}"))
            }
            Cell::Points(n) => n.to_string(),
            Cell::Percent(Some(ratio)) if ratio.is_finite() => format!("{}%", percent(*ratio)),
            Cell::Percent(_) | Cell::Empty => String::new(),
            Cell::List(items) => items.join(l::list_separator(lang)),
            Cell::Bool(b) => return Cow::Borrowed(l::yes_no(lang, *b)),
            Cell::Date(date) => date.to_string(),
        };
        Cow::Owned(text)
    }
}

fn member_row(m: &MemberRow, scoring: bool) -> Vec<Cell<'_>> {
    // Rows are given exactly their room: a vector that grows makes room for twice as many.
    let mut row = Vec::with_capacity(11);
    row.extend([Cell::text(&m.sector), Cell::text(&m.member), Cell::text(&m.role)]);
    row.extend(
        [
            m.activities,
            m.proposals_first,
            m.proposals_joint,
            m.opinions_first,
            m.opinions_joint,
            m.adopted,
            m.instructed,
        ]
        .map(Cell::count),
    );
    if scoring {
        row.push(Cell::opt(m.score, Cell::Number));
    }
    row
}

/// A ratio as a whole percent, rounded half away from zero (3/8 → 38), in full digits however
/// large (never clamped). The ratio is first rounded to nine decimals so that 0.285 stored as
/// 0.28499… still gives 29; when that step overflows, the plain product is rounded.
pub fn percent(ratio: f64) -> String {
    let hundred = ratio * 100.0;
    let fine = (hundred * 1e9).round() / 1e9;
    let rounded = if fine.is_finite() { fine.round() } else { hundred.round() };
    if rounded == 0.0 { "0".into() } else { format!("{rounded:.0}") }
}

#[derive(Clone, Debug)]
pub struct Column {
    pub label: String,
    pub numeric: bool,
    /// Long text that may wrap to fit a terminal; every other column keeps its width.
    pub wraps: bool,
}

/// Rows of cells under labelled columns, and a total row for the views that have one.
#[derive(Clone)]
pub struct Grid<'a> {
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
    pub total: Option<Vec<Cell<'a>>>,
}

/// A grid's rows: built once, or — a row per activity or per sector — made again each time they
/// are read, so that a table of a million activities or of 20,000 sectors never holds all its
/// cells at once (SPEC §7: they took some 300 bytes an activity, 480 a sector's months).
#[derive(Clone)]
pub enum Rows<'a> {
    /// Rows made once (the small views).
    Built(Vec<Vec<Cell<'a>>>),
    /// `len` rows, the `i`th made by `row(i)`.
    Made { len: usize, row: Arc<dyn Fn(usize) -> Vec<Cell<'a>> + Send + Sync + 'a> },
    /// A row per activity of these sectors, in order: the sector's name, then the keys' cells.
    Activities {
        sectors: &'a Sectors<'a>,
        /// The activity's keys shown, after the sector's name.
        keys: Vec<&'static str>,
    },
}

impl<'a> Rows<'a> {
    /// `len` rows made by `row` from their index.
    fn made(len: usize, row: impl Fn(usize) -> Vec<Cell<'a>> + Send + Sync + 'a) -> Rows<'a> {
        Rows::Made { len, row: Arc::new(row) }
    }

    pub fn len(&self) -> usize {
        match self {
            Rows::Built(rows) => rows.len(),
            Rows::Made { len, .. } => *len,
            Rows::Activities { sectors, .. } => {
                (0..sectors.len()).map(|i| sectors.activities(i)).sum()
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows in order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Cow<'_, [Cell<'a>]>> + '_> {
        self.iter_from(0)
    }

    /// The rows from the `start`th on; the ones before it are skipped without being made.
    pub fn iter_from(&self, start: usize) -> Box<dyn Iterator<Item = Cow<'_, [Cell<'a>]>> + '_> {
        match self {
            Rows::Built(rows) => {
                Box::new(rows.iter().skip(start).map(|row| Cow::Borrowed(&row[..])))
            }
            Rows::Made { len, row } => Box::new((start..*len).map(|i| Cow::Owned(row(i)))),
            Rows::Activities { sectors, keys } => Box::new(
                sectors
                    .iter()
                    .flat_map(|s| {
                        let name = s.name;
                        s.activities.into_iter().map(move |a| (name, a))
                    })
                    .skip(start)
                    .map(move |(name, a)| {
                        let mut row = Vec::with_capacity(keys.len() + 1);
                        row.push(Cell::text(name));
                        row.extend(keys.iter().map(|key| activity_cell(&a, key)));
                        Cow::Owned(row)
                    }),
            ),
        }
    }
}

impl<'a> Grid<'a> {
    fn new(labels: Vec<(String, bool)>) -> Grid<'a> {
        let columns = labels
            .into_iter()
            .map(|(label, numeric)| Column { label, numeric, wraps: false })
            .collect();
        Grid { columns, rows: Rows::Built(Vec::new()), total: None }
    }

    /// Adds a row to a grid whose rows are built (as `new` makes it).
    fn push(&mut self, row: Vec<Cell<'a>>) {
        if let Rows::Built(rows) = &mut self.rows {
            rows.push(row);
        }
    }

    /// Columns from pairs of (zh, en) labels; `numeric` says which hold numbers.
    fn labelled(lang: Lang, first: &str, pairs: &[(&str, &str)], numeric: &[bool]) -> Grid<'a> {
        let mut labels = vec![(first.to_string(), false)];
        for (i, (zh, en)) in pairs.iter().enumerate() {
            labels.push((lang.pick(zh, en).to_string(), numeric.get(i).copied().unwrap_or(false)));
        }
        Grid::new(labels)
    }

    pub fn overview(report: &'a Report, lang: Lang) -> Grid<'a> {
        let mut pairs = l::OVERVIEW.to_vec();
        if report.rosters {
            pairs.extend(l::PARTICIPATION);
        }
        let mut grid = Grid::labelled(lang, l::sector(lang), &pairs, &[true; 12]);
        let rosters = report.rosters;
        let row = move |name: &'a str, c: &Counts| {
            let mut row = Vec::with_capacity(13);
            row.extend([
                Cell::text(name),
                Cell::count(c.activities),
                Cell::opt(c.participants, Cell::count),
                Cell::count(c.participants_unrecorded),
            ]);
            row.extend(
                [c.cross_sector, c.partnered, c.highlights, c.proposals, c.opinions, c.plans_next]
                    .map(Cell::count),
            );
            if rosters {
                row.push(Cell::opt(c.members, Cell::count));
                row.push(Cell::opt(c.taking_part, Cell::count));
                row.push(Cell::Percent(c.participation));
            }
            row
        };
        let sectors = &report.sectors;
        grid.rows = Rows::made(sectors.len(), move |i| {
            let sector = sectors.get(i);
            row(sector.name, &sector.counts)
        });
        grid.total = Some(row(l::total(lang), &report.totals));
        grid
    }

    /// The activities; `details` adds summary, outcomes, organizers and tags (CSV and the
    /// workbook), which the terminal table and Markdown leave out.
    pub fn activities(sectors: &'a Sectors<'a>, lang: Lang, details: bool) -> Grid<'a> {
        let duties = if details { l::duty_keys(sectors) } else { Vec::new() };
        let details: Vec<&'static str> = if details {
            l::ACTIVITY_DETAIL_VIEW.iter().copied().chain(duties).collect()
        } else {
            Vec::new()
        };
        let details = &details[..];
        let keys: Vec<&'static str> = l::ACTIVITY_VIEW.iter().chain(details).copied().collect();
        let mut labels = vec![(l::sector(lang).to_string(), false)];
        for key in &keys {
            let field = fields::ACTIVITY.field(key).expect("a view's key is a field");
            let numeric = matches!(field.ty, Type::Count | Type::Number);
            labels.push((lang.pick(field.zh, field.en).to_string(), numeric));
        }
        let mut grid = Grid::new(labels);
        // Long text wraps: the title, the partners, the location and every detail.
        for (i, key) in keys.iter().enumerate() {
            grid.columns[i + 1].wraps |=
                ["title", "partners", "location"].contains(key) || details.contains(key);
        }
        grid.rows = Rows::Activities { sectors, keys };
        grid
    }

    pub fn kinds(report: &'a Report, lang: Lang) -> Grid<'a> {
        let kinds = &report.by_kind.0;
        let mut labels = vec![(l::sector(lang).to_string(), false)];
        labels.extend(kinds.iter().map(|(k, _)| (k.clone(), true)));
        labels.push((l::total(lang).to_string(), true));
        let mut grid = Grid::new(labels);
        grid.rows = Rows::made(report.sectors.len(), |i| {
            let sector = report.sectors.get(i);
            let mut row = Vec::with_capacity(kinds.len() + 2);
            row.push(Cell::text(sector.name));
            row.extend(kinds.iter().map(|(k, _)| Cell::count(sector.by_kind.get(k))));
            row.push(Cell::count(sector.counts.activities));
            row
        });
        let mut total = vec![Cell::text(l::total(lang))];
        total.extend(kinds.iter().map(|(_, n)| Cell::count(*n)));
        total.push(Cell::count(report.totals.activities));
        grid.total = Some(total);
        grid
    }

    pub fn months(report: &'a Report, lang: Lang) -> Grid<'a> {
        let mut labels = vec![(l::sector(lang).to_string(), false)];
        labels.extend((1..=12).map(|m| (l::month(lang, m), true)));
        labels.push((l::no_month(lang).to_string(), true));
        labels.push((l::total(lang).to_string(), true));
        let mut grid = Grid::new(labels);
        let row = |name: &'a str, months: &[u64; 12], none: u64, all: u64| {
            let mut row = Vec::with_capacity(15);
            row.push(Cell::text(name));
            row.extend(months.iter().map(|n| Cell::count(*n)));
            row.push(Cell::count(none));
            row.push(Cell::count(all));
            row
        };
        let sectors = &report.sectors;
        grid.rows = Rows::made(sectors.len(), move |i| {
            let s = sectors.get(i);
            row(s.name, &s.by_month, s.no_month, s.counts.activities)
        });
        grid.total =
            Some(row(l::total(lang), &report.by_month, report.no_month, report.totals.activities));
        grid
    }

    pub fn plans(sectors: &Sectors<'a>, lang: Lang) -> Grid<'a> {
        let mut grid = Grid::labelled(lang, l::sector(lang), &l::PLANS, &[true]);
        for sector in sectors.iter() {
            for p in &sector.plans_next {
                grid.push(vec![
                    Cell::text(sector.name),
                    Cell::count(p.year),
                    Cell::text(p.id),
                    Cell::opt_text(p.kind),
                    Cell::text(p.title),
                    Cell::opt_text(p.detail),
                ]);
            }
        }
        grid.wrapping(&[4, 5])
    }

    pub fn metrics(sectors: &Sectors<'a>, lang: Lang) -> Grid<'a> {
        let numeric = [false, true, false, true, true];
        let mut grid = Grid::labelled(lang, l::sector(lang), &l::METRICS, &numeric);
        for sector in sectors.iter() {
            for m in &sector.metrics {
                grid.push(vec![
                    Cell::text(sector.name),
                    Cell::text(m.name),
                    Cell::Number(m.value),
                    Cell::opt_text(m.unit),
                    Cell::opt(m.target, Cell::Number),
                    Cell::Percent(m.completion),
                    Cell::opt_text(m.note),
                ]);
            }
        }
        grid.wrapping(&[1, 6])
    }

    /// The member table (SPEC §13): one row per member of the year; a score with `[scoring]`.
    pub fn members(report: &'a Report, lang: Lang) -> Grid<'a> {
        let mut pairs = l::MEMBERS.to_vec();
        if report.scoring {
            pairs.push(l::SCORE);
        }
        let numeric = [false, false, true, true, true, true, true, true, true, true];
        let mut grid = Grid::labelled(lang, l::sector(lang), &pairs, &numeric);
        grid.rows =
            Rows::Built(report.members.iter().map(|m| member_row(m, report.scoring)).collect());
        grid
    }

    /// The brands of one sector and whether the year held them.
    pub fn brands(sector: &'a SectorReport, lang: Lang) -> Grid<'a> {
        let mut grid = Grid::labelled(lang, l::sector(lang), &l::BRANDS, &[false, true]);
        for b in &sector.brands {
            grid.push(vec![
                Cell::text(sector.name),
                Cell::text(b.name),
                Cell::opt(b.since, Cell::count),
                Cell::Bool(b.held),
                Cell::opt_text(b.summary),
            ]);
        }
        grid.wrapping(&[1, 4])
    }

    pub fn diff_sectors(diff: &'a Diff, lang: Lang) -> Grid<'a> {
        let y = |year, zh, en| (l::of_year(lang, year, zh, en), true);
        let plain = |zh: &str, en: &str| (lang.pick(zh, en).to_string(), true);
        let mut grid = Grid::new(vec![
            (l::sector(lang).to_string(), false),
            y(diff.from, "活动数", "Activities"),
            y(diff.to, "活动数", "Activities"),
            (l::activities_change(lang).to_string(), true),
            y(diff.from, "参与人次", "Participants"),
            y(diff.to, "参与人次", "Participants"),
            (l::participants_change(lang).to_string(), true),
            y(diff.from, "未填人次", "Unrecorded"),
            y(diff.to, "未填人次", "Unrecorded"),
            plain("设想数", "Plans"),
            plain("已落实", "Done"),
            plain("落实率", "Follow-through"),
        ]);
        if diff.rosters {
            for (zh, en) in l::PARTICIPATION {
                grid.columns.push(Column {
                    label: y(diff.from, zh, en).0,
                    numeric: true,
                    wraps: false,
                });
                grid.columns.push(Column {
                    label: y(diff.to, zh, en).0,
                    numeric: true,
                    wraps: false,
                });
            }
        }
        let rosters = diff.rosters;
        let row = move |name: &'a str, r: &'a SectorRow| {
            let mut row = Vec::with_capacity(18);
            row.extend([
                Cell::text(name),
                Cell::count(r.from_activities),
                Cell::count(r.to_activities),
                Cell::Signed(r.activities_change),
                Cell::opt(r.from_participants, Cell::count),
                Cell::opt(r.to_participants, Cell::count),
                Cell::opt(r.participants_change, Cell::Signed),
                Cell::count(r.from_participants_unrecorded),
                Cell::count(r.to_participants_unrecorded),
                Cell::count(r.plans),
                Cell::count(r.done),
                Cell::Percent(r.follow_through),
            ]);
            if rosters {
                row.extend([
                    Cell::opt(r.from_members, Cell::count),
                    Cell::opt(r.to_members, Cell::count),
                    Cell::opt(r.from_taking_part, Cell::count),
                    Cell::opt(r.to_taking_part, Cell::count),
                    Cell::Percent(r.from_participation),
                    Cell::Percent(r.to_participation),
                ]);
            }
            row
        };
        // Made as they are read, like the overview's: 100,000 sectors' rows of cells held at
        // once took more than the comparison itself (SPEC §7).
        let sectors = &diff.sectors;
        grid.rows = Rows::made(sectors.len(), move |i| row(&sectors[i].sector, &sectors[i]));
        grid.total = Some(row(l::total(lang), &diff.sectors_total));
        grid
    }

    pub fn diff_kinds(diff: &'a Diff, lang: Lang) -> Grid<'a> {
        let mut grid = Grid::new(vec![
            (lang.pick("类别", "Kind").to_string(), false),
            (diff.from.to_string(), true),
            (diff.to.to_string(), true),
            (l::change(lang).to_string(), true),
        ]);
        let row = |name: &'a str, r: &KindRow| {
            vec![Cell::text(name), Cell::count(r.from), Cell::count(r.to), Cell::Signed(r.change)]
        };
        grid.rows = Rows::Built(diff.kinds.iter().map(|r| row(&r.kind, r)).collect());
        grid.total = Some(row(l::total(lang), &diff.kinds_total));
        grid
    }

    pub fn diff_metrics(diff: &'a Diff, lang: Lang) -> Grid<'a> {
        let mut grid = Grid::new(vec![
            (l::sector(lang).to_string(), false),
            (lang.pick("指标", "Metric").to_string(), false),
            (lang.pick("单位", "Unit").to_string(), false),
            (diff.from.to_string(), true),
            (diff.to.to_string(), true),
            (l::change(lang).to_string(), true),
            (lang.pick("变化率", "Change rate").to_string(), true),
        ]);
        let row = |name: &'a str, r: &'a MetricRow| {
            let change = if r.points { Cell::Points } else { Cell::SignedNumber };
            vec![
                Cell::text(name),
                Cell::text(&r.metric),
                Cell::opt_text(r.unit.as_deref()),
                Cell::opt(r.from, Cell::Number),
                Cell::opt(r.to, Cell::Number),
                Cell::opt(r.change, change),
                Cell::Percent(r.change_rate),
            ]
        };
        grid.rows = Rows::Built(diff.metrics.iter().map(|r| row(&r.sector, r)).collect());
        grid.total = diff.metrics_total.as_ref().map(|r| row(l::total(lang), r));
        grid.wrapping(&[1])
    }

    pub fn diff_plans(diff: &'a Diff, lang: Lang) -> Grid<'a> {
        let mut grid = Grid::new(vec![
            (l::sector(lang).to_string(), false),
            (lang.pick("编号", "ID").to_string(), false),
            (lang.pick("设想", "Plan").to_string(), false),
            (lang.pick("状态", "Status").to_string(), false),
            (lang.pick("相关活动", "Activities").to_string(), false),
        ]);
        for r in &diff.plans {
            grid.push(vec![
                Cell::text(&r.sector),
                Cell::text(&r.id),
                Cell::text(&r.title),
                Cell::text(l::status(lang, r.status == Status::Done)),
                Cell::List(r.activities.iter().map(|a| Cow::Borrowed(a.as_str())).collect()),
            ]);
        }
        grid.wrapping(&[2, 4])
    }

    pub fn diff_brands(diff: &'a Diff, lang: Lang) -> Grid<'a> {
        let mut grid = Grid::new(vec![
            (l::sector(lang).to_string(), false),
            (lang.pick("品牌", "Brand").to_string(), false),
            (l::of_year(lang, diff.from, "举办", "Held"), false),
            (l::of_year(lang, diff.to, "举办", "Held"), false),
        ]);
        for r in &diff.brands {
            grid.push(vec![
                Cell::text(&r.sector),
                Cell::text(&r.brand),
                Cell::Bool(r.from_held),
                Cell::Bool(r.to_held),
            ]);
        }
        grid
    }

    /// Marks the columns of long text, which may wrap in a narrow terminal.
    fn wrapping(mut self, columns: &[usize]) -> Grid<'a> {
        for &i in columns {
            self.columns[i].wraps = true;
        }
        self
    }

    /// A built grid without its first column, the sector (a sector's brands).
    pub fn without_first_column(mut self) -> Grid<'a> {
        self.columns.remove(0);
        if let Rows::Built(rows) = &mut self.rows {
            for row in rows {
                row.remove(0);
            }
        }
        if let Some(total) = &mut self.total {
            total.remove(0);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percents_round_half_away_from_zero() {
        assert_eq!(percent(3.0 / 8.0), "38");
        assert_eq!(percent(0.285), "29");
        assert_eq!(percent(2.0 / 3.0), "67");
        assert_eq!(percent(-0.125), "-13");
        assert_eq!(percent(-0.001), "0");
        assert_eq!(percent(1.0), "100");
    }
}
