//! Two years compared (SPEC §3.4, §4.3): computed from the two yearly reports of each sector, so
//! that the counting exists once.

use serde::Serialize;

use crate::model::workspace::Workspace;
use crate::numbers::report::{SectorReport, YearCounts, shown};
use crate::read::schema::Number;

#[derive(Clone, Debug, Serialize)]
pub struct SectorRow {
    pub sector: String,
    pub from_activities: u64,
    pub to_activities: u64,
    pub activities_change: i128,
    /// None when every activity of the year leaves `participants` unrecorded.
    pub from_participants: Option<u128>,
    pub to_participants: Option<u128>,
    /// None when either side is wholly unrecorded (SPEC §3.4).
    pub participants_change: Option<i128>,
    /// Activities of each year without `participants`.
    pub from_participants_unrecorded: u64,
    pub to_participants_unrecorded: u64,
    /// Plans with year TO.
    pub plans: u64,
    /// Of those, plans that at least one TO activity names.
    pub done: u64,
    /// done ÷ plans; None without plans.
    pub follow_through: Option<f64>,
    /// Members, members taking part and participation in each year (SPEC §13), when the
    /// report has rosters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_members: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_members: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_taking_part: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_taking_part: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_participation: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_participation: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KindRow {
    pub kind: String,
    pub from: u64,
    pub to: u64,
    pub change: i128,
}

#[derive(Clone, Debug, Serialize)]
pub struct MetricRow {
    pub sector: String,
    pub metric: String,
    pub unit: Option<String>,
    pub from: Option<Number>,
    pub to: Option<Number>,
    /// TO − FROM; in percentage points when the unit is a percentage (`points`).
    pub change: Option<Number>,
    /// change ÷ from; None when a side is missing, FROM is zero or the unit is a percentage.
    pub change_rate: Option<f64>,
    /// The unit is `%` or `百分点`: the change is in percentage points, and has no rate
    /// (1.7% → 8.1% is +6.4 points, not +376%).
    #[serde(skip)]
    pub points: bool,
}

/// Whether a metric's unit is a percentage, whose changes are percentage points.
pub fn is_percentage(unit: Option<&str>) -> bool {
    matches!(unit.map(str::trim), Some("%" | "％" | "百分点" | "个百分点"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Done,
    Pending,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanRow {
    pub sector: String,
    pub id: String,
    pub title: String,
    pub status: Status,
    pub activities: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BrandRow {
    pub sector: String,
    pub brand: String,
    pub from_held: bool,
    pub to_held: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub format: u8,
    pub kind: &'static str,
    pub from: u16,
    pub to: u16,
    pub sectors: Vec<SectorRow>,
    pub kinds: Vec<KindRow>,
    pub metrics: Vec<MetricRow>,
    pub plans: Vec<PlanRow>,
    pub brands: Vec<BrandRow>,
    /// Whether a sector of either year has a roster: `sectors` compares participation.
    #[serde(skip)]
    pub rosters: bool,
    /// The total row of `sectors` (its `sector` is empty).
    #[serde(skip)]
    pub sectors_total: SectorRow,
    /// The total row of `kinds` (its `kind` is empty).
    #[serde(skip)]
    pub kinds_total: KindRow,
    /// The total row of `metrics`, only when there are several rows and every one is the same
    /// metric in the same unit, and that unit is no percentage: adding up different metrics,
    /// or percentages, means nothing.
    #[serde(skip)]
    pub metrics_total: Option<MetricRow>,
}

impl Diff {
    /// Compares two years of the sectors named in `only` (all when empty), a sector at a time:
    /// its reports of the two years are made, compared and dropped, never the reports of every
    /// sector at once (SPEC §7; 25 MB for 20,000 sectors).
    pub fn from_workspace(workspace: &Workspace, from: u16, to: u16, only: &[String]) -> Diff {
        let (from_year, to_year) = (YearCounts::of(workspace, from), YearCounts::of(workspace, to));
        let rosters = shown(workspace, only).any(|s| !s.roster.is_empty());
        // A row a sector at most, reserved at once: grown by doubling, the rows of 100,000
        // sectors (some 300 bytes each) were copied in a larger vector near the peak (SPEC §7).
        let mut sectors = Vec::with_capacity(shown(workspace, only).count());
        // Every known kind, in kind order: whether a sector has it in either year, and its
        // activities in each.
        let mut kind_counts = vec![(false, 0u64, 0u64); workspace.kinds.len()];
        let mut metrics = Vec::new();
        let mut plans = Vec::new();
        let mut brands = Vec::new();
        for sector in shown(workspace, only) {
            let ((a, _), (b, _)) = (from_year.sector(sector), to_year.sector(sector));
            let (a, b) = (&a, &b);
            if a.counts.activities > 0 || b.counts.activities > 0 || !b.plans_due.is_empty() {
                sectors.push(sector_row(a, b));
            }
            for (k, (occurs, x, y)) in kind_counts.iter_mut().enumerate() {
                let kind = workspace.kinds.name(k);
                let (from, to) = (a.by_kind.get(kind), b.by_kind.get(kind));
                *occurs |= from > 0 || to > 0;
                *x += from;
                *y += to;
            }
            let mut keys: Vec<(&str, Option<&str>)> = Vec::new();
            for m in a.metrics.iter().chain(&b.metrics) {
                let key = (m.name, m.unit);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            keys.sort();
            for (name, unit) in keys {
                let find = |s: &SectorReport| {
                    s.metrics.iter().find(|m| m.name == name && m.unit == unit).map(|m| m.value)
                };
                let (x, y) = (find(a), find(b));
                let delta = match (x, y) {
                    (Some(x), Some(y)) => Some(difference(x, y)),
                    _ => None,
                }
                // Two finite values whose difference is no finite number: shown empty.
                .filter(|d| d.as_f64().is_finite());
                let points = is_percentage(unit);
                let rate = match (x, delta) {
                    (Some(x), Some(d)) if x.as_f64() != 0.0 && !points => {
                        Some(d.as_f64() / x.as_f64())
                    }
                    _ => None,
                }
                .filter(|rate| rate.is_finite());
                metrics.push(MetricRow {
                    sector: a.name.to_string(),
                    metric: name.to_string(),
                    unit: unit.map(str::to_string),
                    from: x,
                    to: y,
                    change: delta,
                    change_rate: rate,
                    points,
                });
            }
            plans.extend(b.plans_due.iter().map(|p| PlanRow {
                sector: b.name.to_string(),
                id: p.id.clone(),
                title: p.title.clone(),
                status: if p.activities.is_empty() { Status::Pending } else { Status::Done },
                activities: p.activities.clone(),
            }));
            brands.extend(a.brands.iter().zip(&b.brands).map(|(x, y)| BrandRow {
                sector: a.name.to_string(),
                brand: x.name.to_string(),
                from_held: x.held,
                to_held: y.held,
            }));
        }
        // The room reserved for the sectors with nothing in either year (no row) is freed.
        sectors.shrink_to_fit();
        let kinds: Vec<KindRow> = kind_counts
            .into_iter()
            .enumerate()
            .filter(|(_, (occurs, ..))| *occurs)
            .map(|(k, (_, a, b))| {
                let kind = workspace.kinds.name(k).to_string();
                KindRow { kind, from: a, to: b, change: change(a, b) }
            })
            .collect();

        let sectors_total = sectors_total(&sectors);
        let kinds_total = KindRow {
            kind: String::new(),
            from: sum_counts(kinds.iter().map(|k| k.from)),
            to: sum_counts(kinds.iter().map(|k| k.to)),
            change: 0,
        };
        let kinds_total =
            KindRow { change: change(kinds_total.from, kinds_total.to), ..kinds_total };
        let metrics_total = metrics_total(&metrics);
        Diff {
            format: 1,
            kind: "diff",
            from,
            to,
            sectors,
            kinds,
            metrics,
            plans,
            brands,
            rosters,
            sectors_total,
            kinds_total,
            metrics_total,
        }
    }
}

/// A sector's row of the comparison, from its reports of the two years.
fn sector_row(a: &SectorReport, b: &SectorReport) -> SectorRow {
    let plans = b.plans_due.len() as u64;
    let done = b.plans_due.iter().filter(|p| !p.activities.is_empty()).count() as u64;
    SectorRow {
        sector: a.name.to_string(),
        from_activities: a.counts.activities,
        to_activities: b.counts.activities,
        activities_change: change(a.counts.activities, b.counts.activities),
        from_participants: a.counts.participants,
        to_participants: b.counts.participants,
        participants_change: match (a.counts.participants, b.counts.participants) {
            (Some(x), Some(y)) => Some(change(x, y)),
            _ => None,
        },
        from_participants_unrecorded: a.counts.participants_unrecorded,
        to_participants_unrecorded: b.counts.participants_unrecorded,
        plans,
        done,
        follow_through: (plans > 0)
            .then(|| done as f64 / plans as f64)
            .filter(|rate| rate.is_finite()),
        from_members: a.counts.members,
        to_members: b.counts.members,
        from_taking_part: a.counts.taking_part,
        to_taking_part: b.counts.taking_part,
        from_participation: a.counts.participation,
        to_participation: b.counts.participation,
    }
}

fn sum_counts(counts: impl Iterator<Item = u64>) -> u64 {
    counts.fold(0, u64::saturating_add)
}

/// The total row of `sectors`: each column the sum of what it shows, as a spreadsheet's `SUM`
/// of the column would give (a wholly unrecorded side adds nothing); the participants change
/// only when every row has one; the rate is that of the totals.
fn sectors_total(rows: &[SectorRow]) -> SectorRow {
    let sum = |f: fn(&SectorRow) -> u64| sum_counts(rows.iter().map(f));
    // Sums of u128 sums of u64 counts: exact.
    let present =
        |f: fn(&SectorRow) -> Option<u128>| rows.iter().filter_map(f).reduce(u128::saturating_add);
    let (from_activities, to_activities) = (sum(|r| r.from_activities), sum(|r| r.to_activities));
    let (plans, done) = (sum(|r| r.plans), sum(|r| r.done));
    let (from_participants, to_participants) =
        (present(|r| r.from_participants), present(|r| r.to_participants));
    SectorRow {
        sector: String::new(),
        from_activities,
        to_activities,
        activities_change: change(from_activities, to_activities),
        from_participants,
        to_participants,
        // Only when every row has one: a sum of some changes would sit under totals that
        // include the wholly unrecorded years (12 → 146 with a change of -12).
        participants_change: match (from_participants, to_participants) {
            (Some(x), Some(y)) if rows.iter().all(|r| r.participants_change.is_some()) => {
                Some(change(x, y))
            }
            _ => None,
        },
        from_participants_unrecorded: sum(|r| r.from_participants_unrecorded),
        to_participants_unrecorded: sum(|r| r.to_participants_unrecorded),
        plans,
        done,
        follow_through: (plans > 0).then(|| done as f64 / plans as f64),
        from_members: present_u64(rows.iter().map(|r| r.from_members)),
        to_members: present_u64(rows.iter().map(|r| r.to_members)),
        from_taking_part: present_u64(rows.iter().map(|r| r.from_taking_part)),
        to_taking_part: present_u64(rows.iter().map(|r| r.to_taking_part)),
        from_participation: ratio(
            present_u64(rows.iter().map(|r| r.from_taking_part)),
            present_u64(rows.iter().map(|r| r.from_members)),
        ),
        to_participation: ratio(
            present_u64(rows.iter().map(|r| r.to_taking_part)),
            present_u64(rows.iter().map(|r| r.to_members)),
        ),
    }
}

/// The sum of the values given, None when none is.
fn present_u64(values: impl Iterator<Item = Option<u64>>) -> Option<u64> {
    values.flatten().reduce(u64::saturating_add)
}

fn ratio(part: Option<u64>, whole: Option<u64>) -> Option<f64> {
    match (part, whole) {
        (Some(part), Some(whole)) if whole > 0 => Some(part as f64 / whole as f64),
        _ => None,
    }
}

/// The sum of each column of the metrics, when the rows are all one metric in one unit that
/// is no percentage. Each column adds what it shows (a missing side adds nothing), as a
/// spreadsheet's `SUM` would; the rate is that of the totals when every row has both sides.
fn metrics_total(rows: &[MetricRow]) -> Option<MetricRow> {
    let first = rows.first().filter(|_| rows.len() > 1)?;
    let same = rows.iter().all(|r| r.metric == first.metric && r.unit == first.unit);
    if !same || first.points {
        return None;
    }
    let from = sum_numbers(rows.iter().filter_map(|r| r.from));
    let to = sum_numbers(rows.iter().filter_map(|r| r.to));
    let change = sum_numbers(rows.iter().filter_map(|r| r.change));
    let complete = rows.iter().all(|r| r.change.is_some());
    let change_rate = match (from, change) {
        (Some(x), Some(d)) if complete && x.as_f64() != 0.0 => Some(d.as_f64() / x.as_f64()),
        _ => None,
    };
    Some(MetricRow {
        sector: String::new(),
        metric: first.metric.clone(),
        unit: first.unit.clone(),
        from,
        to,
        change,
        change_rate,
        points: false,
    })
}

/// The sum of numbers (None when there are none), exact for integers and rounded to the
/// decimals written otherwise, like `difference`.
fn sum_numbers(numbers: impl Iterator<Item = Number>) -> Option<Number> {
    numbers.fold(None, |sum, n| {
        Some(match sum {
            None => n,
            Some(sum) => add(sum, n),
        })
    })
}

/// `a + b`: an integer when both are and it fits, otherwise a float rounded to the decimals
/// written.
fn add(a: Number, b: Number) -> Number {
    if let (Number::Int(x), Number::Int(y)) = (a, b)
        && let Some(s) = x.get().checked_add(y.get())
    {
        return Number::int(s);
    }
    rounded(a.as_f64() + b.as_f64(), decimals(a).max(decimals(b)))
}

/// `to - from`, exact: both are sums of counts of up to 2^63 each, far below 2^127.
fn change(from: impl Into<u128>, to: impl Into<u128>) -> i128 {
    let (from, to) = (from.into(), to.into());
    if to >= from { (to - from) as i128 } else { -((from - to) as i128) }
}

/// `to - from`: an integer when both are and it fits, otherwise a float rounded to the
/// decimals written (1.3 - 1.1 is 0.2, not 0.19999999999999996).
fn difference(from: Number, to: Number) -> Number {
    if let (Number::Int(x), Number::Int(y)) = (from, to)
        && let Some(d) = y.get().checked_sub(x.get())
    {
        return Number::int(d);
    }
    rounded(to.as_f64() - from.as_f64(), decimals(from).max(decimals(to)))
}

/// A float rounded to `places` decimals (at most 15), or as it is when that overflows.
fn rounded(raw: f64, places: usize) -> Number {
    let places = places.min(15);
    let factor = 10f64.powi(places as i32);
    let rounded = (raw * factor).round() / factor;
    Number::Float(if rounded.is_finite() { rounded } else { raw })
}

/// How many decimals a number was written with.
fn decimals(n: Number) -> usize {
    match n {
        Number::Int(_) => 0,
        Number::Float(f) => f.to_string().split_once('.').map_or(0, |(_, d)| d.len()),
    }
}
