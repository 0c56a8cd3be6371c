//! Members and their duties (委员履职, SPEC §13): which 提案 and 社情民意 count for a year
//! (the counting windows and statuses of `[counting]`), who attended what, and the member
//! table with its scores. Computed once per report; `report` reads it.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::HashMap;
use crate::model::sector::Sector;
use crate::model::workspace::Workspace;
use crate::read::schema::{Activity, Counting, Number, Scoring, Sp};
use crate::terms::vocabulary::{Mark, OPINION, PROPOSAL, mark};

/// The first day of the counting year `year` that starts on (month, day): the calendar year
/// for 01-01, else that day of the year before ("12-01": Dec 1 of Y-1 to Nov 30 of Y).
fn window(year: u16, (month, day): (u8, u8)) -> (NaiveDate, NaiveDate) {
    let start_year = if (month, day) == (1, 1) { i32::from(year) } else { i32::from(year) - 1 };
    let at =
        |y: i32| NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(day)).unwrap_or_default();
    (at(start_year), at(start_year + 1))
}

/// Whether a 提案 or 社情民意 counts for `year`: its first day lies in the year's window and its
/// status (if any) is one that counts. Other kinds never count here.
pub fn counts_for(activity: &Activity, year: u16, counting: &Counting) -> bool {
    let kind = activity.kind.value.0;
    let (from, statuses) = match kind {
        PROPOSAL => (counting.proposals_from, &counting.proposals_status),
        OPINION => (counting.opinions_from, &counting.opinions_status),
        _ => return false,
    };
    let (start, end) = window(year, from);
    let day = activity.date.value.first_day();
    let status_counts = activity.status.as_ref().is_none_or(|s| statuses.contains(&s.value));
    start <= day && day < end && status_counts
}

/// Counts per kind, in kind order; serialised as a JSON object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KindCounts(pub Vec<(String, u64)>);

impl KindCounts {
    pub fn get(&self, kind: &str) -> u64 {
        self.0.iter().find(|(k, _)| k == kind).map_or(0, |(_, n)| *n)
    }
}

impl Serialize for KindCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// One item of a member's score: what was done, how often, at how many points each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreItem {
    pub item: String,
    pub count: u64,
    pub points: Number,
    pub score: Number,
}

/// A row of the member table (view `members`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberRow {
    pub sector: String,
    pub member: String,
    pub role: String,
    pub unit: Option<String>,
    /// Activities of the year attended.
    pub activities: u64,
    pub proposals_first: u64,
    pub proposals_joint: u64,
    pub opinions_first: u64,
    pub opinions_joint: u64,
    /// Counted 社情民意 authored that carry an adoption mark.
    pub adopted: u64,
    /// Counted 社情民意 authored that carry an instruction (批示).
    pub instructed: u64,
    /// The sum of `score_items`; None without `[scoring]`.
    pub score: Option<Number>,
    pub score_items: Vec<ScoreItem>,
    /// Attendances per kind, in kind order.
    pub by_kind: KindCounts,
}

impl MemberRow {
    /// Whether the member took part: attended, or authored something counted.
    pub fn takes_part(&self) -> bool {
        self.activities
            + self.proposals_first
            + self.proposals_joint
            + self.opinions_first
            + self.opinions_joint
            > 0
    }
}

/// What one member did in the year.
#[derive(Default)]
struct Done {
    by_kind: Vec<u64>,
    activities: u64,
    proposals: [u64; 2],
    opinions: [u64; 2],
    adopted: u64,
    instructed: u64,
    marks: Vec<(String, u64)>,
}

/// Everything counted for a year, across the whole workspace (a partner's member who attends
/// counts for their own sector, shown or not).
pub struct Duties<'w> {
    proposals: HashMap<&'w str, u64>,
    opinions: HashMap<&'w str, u64>,
    done: HashMap<(&'w str, &'w str), Done>,
}

impl<'w> Duties<'w> {
    pub fn of(workspace: &'w Workspace, year: u16) -> Duties<'w> {
        let mut duties = Duties {
            proposals: HashMap::default(),
            opinions: HashMap::default(),
            done: HashMap::default(),
        };
        let by_name: HashMap<&str, &Sector> =
            workspace.sectors.iter().map(|s| (s.name.as_str(), s)).collect();
        let kinds = workspace.kinds.len();
        for sector in &workspace.sectors {
            for activity in &sector.activities {
                let counted = counts_for(activity, year, &workspace.counting);
                let kind = activity.kind.value.0;
                if counted {
                    let tally =
                        if kind == PROPOSAL { &mut duties.proposals } else { &mut duties.opinions };
                    *tally.entry(sector.name.as_str()).or_default() += 1;
                }
                let attended = activity.date.value.year == year && !activity.attendees.is_empty();
                if !attended && (!counted || activity.authors.is_empty()) {
                    continue;
                }
                // Whose member a name is: the sector's own, else the first partner's; as
                // (sector, the roster's own spelling).
                let member_of = |name: &str| -> Option<(&'w str, &'w str)> {
                    let year = activity.date.value.year;
                    let on = |s: &'w Sector| {
                        s.members_in(year)
                            .find(|m| m.name.value == name)
                            .map(|m| (s.name.as_str(), m.name.value.as_str()))
                    };
                    on(sector).or_else(|| {
                        activity
                            .partners
                            .iter()
                            .filter_map(|p| by_name.get(p.value.as_str()).copied())
                            .find_map(on)
                    })
                };
                if attended {
                    for (_, name) in distinct(&activity.attendees) {
                        let Some(key) = member_of(name) else { continue };
                        let done = duties.done.entry(key).or_default();
                        done.by_kind.resize(kinds, 0);
                        done.by_kind[kind] += 1;
                        done.activities += 1;
                    }
                }
                if counted {
                    let adopted =
                        activity.adoption.iter().any(|m| mark(&m.value) == Mark::Adoption);
                    let instructed =
                        activity.adoption.iter().any(|m| mark(&m.value) == Mark::Instruction);
                    for (i, name) in distinct(&activity.authors) {
                        let Some(key) = member_of(name) else { continue };
                        let done = duties.done.entry(key).or_default();
                        let slot = usize::from(i > 0);
                        if kind == PROPOSAL {
                            done.proposals[slot] += 1;
                        } else {
                            done.opinions[slot] += 1;
                            done.adopted += u64::from(adopted);
                            done.instructed += u64::from(instructed);
                            for m in &activity.adoption {
                                match done.marks.iter_mut().find(|(k, _)| *k == m.value) {
                                    Some((_, n)) => *n += 1,
                                    None => done.marks.push((m.value.clone(), 1)),
                                }
                            }
                        }
                    }
                }
            }
        }
        duties
    }

    /// The 提案 of a sector that count for the year.
    pub fn proposals(&self, sector: &str) -> u64 {
        self.proposals.get(sector).copied().unwrap_or(0)
    }

    pub fn opinions(&self, sector: &str) -> u64 {
        self.opinions.get(sector).copied().unwrap_or(0)
    }

    /// The member table's rows of a sector: its roster of the year, in roster order.
    pub fn members(&self, sector: &Sector, workspace: &Workspace, year: u16) -> Vec<MemberRow> {
        let kinds = &workspace.kinds;
        let empty = Done::default();
        sector
            .members_in(year)
            .map(|m| {
                let done = self.done.get(&(sector.name.as_str(), m.name.value.as_str()));
                let done = done.unwrap_or(&empty);
                let by_kind = KindCounts(
                    done.by_kind
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| **n > 0)
                        .map(|(k, n)| (kinds.name(k).to_string(), *n))
                        .collect(),
                );
                let score_items = workspace
                    .scoring
                    .as_ref()
                    .map(|scoring| score_items(scoring, done, kinds))
                    .unwrap_or_default();
                let score = workspace.scoring.as_ref().map(|_| sum(&score_items));
                MemberRow {
                    sector: sector.name.clone(),
                    member: m.name.value.clone(),
                    role: m.role().to_string(),
                    unit: m.unit.clone(),
                    activities: done.activities,
                    proposals_first: done.proposals[0],
                    proposals_joint: done.proposals[1],
                    opinions_first: done.opinions[0],
                    opinions_joint: done.opinions[1],
                    adopted: done.adopted,
                    instructed: done.instructed,
                    score,
                    score_items,
                    by_kind,
                }
            })
            .collect()
    }
}

/// The names of a list, trimmed, each at its first place only (with that place).
fn distinct(names: &[Sp<String>]) -> Vec<(usize, &str)> {
    let mut seen: Vec<(usize, &str)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let name = name.value.trim();
        if !seen.iter().any(|(_, s)| *s == name) {
            seen.push((i, name));
        }
    }
    seen
}

/// count × points, kept an integer when both are.
fn times(count: u64, points: Number) -> Number {
    match points {
        Number::Int(p) => i128::from(count)
            .checked_mul(p.get())
            .map_or(Number::Float(count as f64 * p.get() as f64), Number::int),
        Number::Float(p) => Number::Float(count as f64 * p),
    }
}

fn sum(items: &[ScoreItem]) -> Number {
    items.iter().fold(Number::int(0), |total, item| match (total, item.score) {
        (Number::Int(a), Number::Int(b)) => {
            let (a, b) = (a.get(), b.get());
            a.checked_add(b).map_or(Number::Float(a as f64 + b as f64), Number::int)
        }
        (a, b) => Number::Float(a.as_f64() + b.as_f64()),
    })
}

/// The items of a member's score, in the order of `[scoring]`'s kinds, then authorship, then
/// the marks; items with nothing done are left out.
fn score_items(
    scoring: &Scoring,
    done: &Done,
    kinds: &crate::terms::vocabulary::Kinds,
) -> Vec<ScoreItem> {
    let mut items = Vec::new();
    let mut push = |item: String, count: u64, points: Option<Number>| {
        if let Some(points) = points
            && count > 0
        {
            items.push(ScoreItem { item, count, points, score: times(count, points) });
        }
    };
    for (kind, points) in &scoring.kinds {
        let count = done.by_kind.get(*kind).copied().unwrap_or(0);
        push(kinds.name(*kind).to_string(), count, Some(*points));
    }
    push("proposal_first".into(), done.proposals[0], scoring.proposal_first);
    push("proposal_joint".into(), done.proposals[1], scoring.proposal_joint);
    push("opinion_first".into(), done.opinions[0], scoring.opinion_first);
    push("opinion_joint".into(), done.opinions[1], scoring.opinion_joint);
    for (mark, points) in &scoring.marks {
        let count = done.marks.iter().find(|(m, _)| m == mark).map_or(0, |(_, n)| *n);
        push(mark.clone(), count, Some(*points));
    }
    items
}
