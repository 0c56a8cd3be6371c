//! The yearly report (SPEC §3.3, §4.1): plain data with every derived number computed here
//! and nowhere else. Renderers and `diff` only read it.

use serde::Serialize;

use crate::HashMap;
use crate::model::sector::Sector;
use crate::model::workspace::Workspace;
use crate::read::schema::{Activity, Number, Sp};
use crate::terms::vocabulary::Kinds;

pub use crate::numbers::duties::{KindCounts, MemberRow};

/// The counts of a sector (or of all shown sectors) in the year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Counts {
    pub activities: u64,
    /// The sum of the recorded `participants`; None when there are activities and none of
    /// them records it (unrecorded is not 0, SPEC §3.3). No activities at all sum to 0.
    /// A sum of counts of up to 2^63 each: u128 keeps it exact.
    pub participants: Option<u128>,
    /// Activities without `participants`.
    pub participants_unrecorded: u64,
    pub cross_sector: u64,
    pub partnered: u64,
    pub highlights: u64,
    pub proposals: u64,
    pub opinions: u64,
    pub plans_next: u64,
    /// Members on the roster in the year (SPEC §13); None without a roster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<u64>,
    /// Of those, members who attended an activity or authored a counted 提案 or 社情民意.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taking_part: Option<u64>,
    /// taking_part ÷ members; None without a roster (or with no members).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participation: Option<f64>,
}

impl Default for Counts {
    fn default() -> Counts {
        Counts {
            activities: 0,
            participants: Some(0),
            participants_unrecorded: 0,
            cross_sector: 0,
            partnered: 0,
            highlights: 0,
            proposals: 0,
            opinions: 0,
            plans_next: 0,
            members: None,
            taking_part: None,
            participation: None,
        }
    }
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        // Saturating: no data, however absurd its numbers, may overflow a total.
        self.activities = self.activities.saturating_add(other.activities);
        let sum = self.participants.unwrap_or(0) + other.participants.unwrap_or(0);
        self.participants_unrecorded =
            self.participants_unrecorded.saturating_add(other.participants_unrecorded);
        self.participants = Some(sum);
        self.settle_participants();
        self.cross_sector = self.cross_sector.saturating_add(other.cross_sector);
        self.partnered = self.partnered.saturating_add(other.partnered);
        self.highlights = self.highlights.saturating_add(other.highlights);
        self.proposals = self.proposals.saturating_add(other.proposals);
        self.opinions = self.opinions.saturating_add(other.opinions);
        self.plans_next = self.plans_next.saturating_add(other.plans_next);
        if let Some(members) = other.members {
            let taking_part = other.taking_part.unwrap_or(0);
            self.members = Some(self.members.unwrap_or(0).saturating_add(members));
            self.taking_part = Some(self.taking_part.unwrap_or(0).saturating_add(taking_part));
            self.participation = rate(self.taking_part, self.members);
        }
    }

    /// Participants become unknown when every activity counted is unrecorded.
    fn settle_participants(&mut self) {
        if self.activities > 0 && self.participants_unrecorded == self.activities {
            self.participants = None;
        }
    }
}

/// taking part ÷ members, None when there is nothing to divide by.
fn rate(part: Option<u64>, whole: Option<u64>) -> Option<f64> {
    match (part, whole) {
        (Some(part), Some(whole)) if whole > 0 => Some(part as f64 / whole as f64),
        _ => None,
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviewOut<'a> {
    /// The headline the sector's piece is published under.
    pub title: Option<&'a str>,
    pub summary: &'a str,
    pub highlights: &'a [String],
    pub shortcomings: &'a [String],
    pub outlook: Option<&'a str>,
}

/// An activity of the year: the activity itself, borrowed from the workspace, and what the
/// report adds to it. A national report holds hundreds of thousands of them; a copy of every
/// field, even as references, took 352 bytes each (SPEC §7). Serialized as those fields were.
#[derive(Clone, Copy, Debug)]
pub struct ActivityOut<'a> {
    pub activity: &'a Activity,
    /// The name of its kind.
    pub kind: &'a str,
    /// The recorded participants, else the number of distinct attendees.
    pub participants: Option<u64>,
    /// The title of the plan it carries out, which every output shows instead of the id.
    pub plan_title: Option<&'a str>,
}

/// A list of names, serialized as their text.
struct Names<'a>(&'a [Sp<String>]);

impl Serialize for Names<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|name| name.value.as_str()))
    }
}

/// The text of an optional name.
fn text(name: &Option<Box<Sp<String>>>) -> Option<&str> {
    name.as_ref().map(|name| name.value.as_str())
}

impl Serialize for ActivityOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let a = self.activity;
        // The duties' keys are left out when empty, as they are in every other activity.
        let attendees = (!a.attendees.is_empty()).then_some(Names(&a.attendees));
        let authors = (!a.authors.is_empty()).then_some(Names(&a.authors));
        let adoption = (!a.adoption.is_empty()).then_some(Names(&a.adoption));
        let shown = [attendees.is_some(), authors.is_some(), a.number.is_some()];
        let shown = shown.into_iter().chain([a.status.is_some(), adoption.is_some()]);
        let mut out =
            serializer.serialize_struct("ActivityOut", 17 + shown.filter(|s| *s).count())?;
        out.serialize_field("id", &text(&a.id))?;
        out.serialize_field("date", &a.date.value)?;
        out.serialize_field("end_date", &a.end_date.as_ref().map(|d| d.value))?;
        out.serialize_field("kind", self.kind)?;
        out.serialize_field("title", &a.title.value)?;
        out.serialize_field("summary", &a.summary)?;
        out.serialize_field("location", &a.location)?;
        out.serialize_field("participants", &self.participants)?;
        out.serialize_field("partners", &Names(&a.partners))?;
        out.serialize_field("organizers", &*a.organizers)?;
        out.serialize_field("tags", &*a.tags)?;
        out.serialize_field("outcomes", &*a.outcomes)?;
        out.serialize_field("plan", &text(&a.plan))?;
        out.serialize_field("plan_title", &self.plan_title)?;
        out.serialize_field("brand", &text(&a.brand))?;
        out.serialize_field("highlight", &a.highlight)?;
        out.serialize_field("note", &a.note)?;
        let optional = [("attendees", attendees), ("authors", authors)];
        for (key, names) in optional {
            match names {
                Some(names) => out.serialize_field(key, &names)?,
                None => out.skip_field(key)?,
            }
        }
        match &a.number {
            Some(number) => out.serialize_field("number", number)?,
            None => out.skip_field("number")?,
        }
        match text(&a.status) {
            Some(status) => out.serialize_field("status", status)?,
            None => out.skip_field("status")?,
        }
        match adoption {
            Some(adoption) => out.serialize_field("adoption", &adoption)?,
            None => out.skip_field("adoption")?,
        }
        out.end()
    }
}

// A sector's plans, figures and brands are borrowed from the workspace, like its activities.
#[derive(Clone, Debug, Serialize)]
pub struct PlanOut<'a> {
    pub id: &'a str,
    pub year: u16,
    pub kind: Option<&'a str>,
    pub title: &'a str,
    pub detail: Option<&'a str>,
    pub tags: &'a [String],
}

#[derive(Clone, Debug, Serialize)]
pub struct MetricOut<'a> {
    pub name: &'a str,
    pub value: Number,
    pub unit: Option<&'a str>,
    pub target: Option<Number>,
    /// value ÷ target; None without a (non-zero) target.
    pub completion: Option<f64>,
    pub note: Option<&'a str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BrandOut<'a> {
    pub name: &'a str,
    pub since: Option<u16>,
    pub summary: Option<&'a str>,
    /// An activity of the year names the brand.
    pub held: bool,
}

/// A plan for the report's own year and whether activities of that year carried it out.
#[derive(Clone, Debug)]
pub struct PlanStatus {
    pub id: String,
    pub title: String,
    /// Titles of the activities of the year that name the plan.
    pub activities: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectorReport<'a> {
    // Borrowed from the workspace, and the review boxed: 100,000 small sector files make
    // 100,000 of these (SPEC §7).
    pub name: &'a str,
    pub committee: Option<&'a str>,
    pub convener: Option<&'a str>,
    pub secretary: Option<&'a str>,
    pub members: Option<u64>,
    pub review: Option<Box<ReviewOut<'a>>>,
    pub counts: Counts,
    pub by_kind: KindCounts,
    pub by_month: [u64; 12],
    pub no_month: u64,
    pub activities: Vec<ActivityOut<'a>>,
    pub plans_next: Vec<PlanOut<'a>>,
    pub metrics: Vec<MetricOut<'a>>,
    pub brands: Vec<BrandOut<'a>>,
    /// Plans for the year itself, with follow-through (used by `diff`).
    #[serde(skip)]
    pub plans_due: Vec<PlanStatus>,
}

#[derive(Serialize)]
pub struct Report<'a> {
    pub format: u8,
    pub kind: &'static str,
    pub year: u16,
    pub organization: Option<String>,
    pub sectors: Sectors<'a>,
    pub totals: Counts,
    /// The kinds that occur among the shown sectors, in kind order, with their activities
    /// across the sectors (the kinds table's total row).
    #[serde(skip)]
    pub by_kind: KindCounts,
    /// The Markdown title template of `jiebie.toml`.
    #[serde(skip)]
    pub title: Option<String>,
    /// The member table (SPEC §13): one row per member of a shown sector's roster in the year.
    #[serde(skip)]
    pub members: Vec<MemberRow>,
    /// Whether any shown sector has a roster: the overview adds its participation columns.
    #[serde(skip)]
    pub rosters: bool,
    /// Whether `jiebie.toml` has `[scoring]`: the member table has a score.
    #[serde(skip)]
    pub scoring: bool,
    /// Whether `[document] members = true`: the document names members.
    #[serde(skip)]
    pub document_members: bool,
    #[serde(skip)]
    pub by_month: [u64; 12],
    #[serde(skip)]
    pub no_month: u64,
}

/// The sectors of a report, each made when it is read and dropped after: 100,000 sector files
/// made 100,000 reports of some 700 bytes each, held to the end (SPEC §7). Making one again
/// is cheap: it filters its sector's entries of the year.
pub struct Sectors<'a> {
    counting: YearCounts<'a>,
    shown: Vec<&'a Sector>,
}

impl<'a> Sectors<'a> {
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The report of the `i`th sector shown.
    pub fn get(&self, i: usize) -> SectorReport<'a> {
        self.counting.sector(self.shown[i]).0
    }

    /// The number of activities of the `i`th sector in the year, without making its report.
    pub fn activities(&self, i: usize) -> usize {
        let year = self.counting.year;
        self.shown[i].activities.iter().filter(|a| a.date.value.year == year).count()
    }

    /// The reports of the sectors shown, in order.
    pub fn iter(&self) -> impl Iterator<Item = SectorReport<'a>> + '_ {
        self.shown.iter().map(|s| self.counting.sector(s).0)
    }
}

impl Serialize for Sectors<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The sectors named in `only` (all when empty), in sector order.
pub fn shown<'w>(workspace: &'w Workspace, only: &[String]) -> impl Iterator<Item = &'w Sector> {
    workspace.sectors.iter().filter(move |s| only.is_empty() || only.contains(&s.name))
}

/// What a year's report counts across sectors: the activities of other sectors that name a
/// sector as partner, and the duties. A sector's report is made from it one at a time (`diff`
/// compares two years a sector at a time, never holding the two reports).
pub struct YearCounts<'a> {
    workspace: &'a Workspace,
    year: u16,
    partnered: HashMap<&'a str, u64>,
    duties: crate::numbers::duties::Duties<'a>,
}

impl<'a> YearCounts<'a> {
    pub fn of(workspace: &'a Workspace, year: u16) -> YearCounts<'a> {
        // Partnered counts activities of every sector, shown or not (SPEC §3.3).
        let mut partnered: HashMap<&str, u64> = HashMap::default();
        for sector in &workspace.sectors {
            for activity in sector.activities.iter().filter(|a| a.date.value.year == year) {
                let mut counted: Vec<&str> = Vec::new();
                for partner in &activity.partners {
                    let name = partner.value.as_str();
                    if name != sector.name && !counted.contains(&name) {
                        counted.push(name);
                        *partnered.entry(name).or_default() += 1;
                    }
                }
            }
        }
        let duties = crate::numbers::duties::Duties::of(workspace, year);
        YearCounts { workspace, year, partnered, duties }
    }

    /// A sector's report of the year, and its member rows (none without a roster).
    pub fn sector(&self, s: &'a Sector) -> (SectorReport<'a>, Vec<MemberRow>) {
        let (workspace, year, duties) = (self.workspace, self.year, &self.duties);
        let mut report = sector_report(s, workspace, year);
        report.counts.partnered = self.partnered.get(s.name.as_str()).copied().unwrap_or(0);
        report.counts.proposals = duties.proposals(&s.name);
        report.counts.opinions = duties.opinions(&s.name);
        let mut members = Vec::new();
        if !s.roster.is_empty() {
            let rows = duties.members(s, workspace, year);
            let all = rows.len() as u64;
            let taking_part = rows.iter().filter(|r| r.takes_part()).count() as u64;
            report.counts.members = Some(all);
            report.counts.taking_part = Some(taking_part);
            report.counts.participation = rate(Some(taking_part), Some(all));
            // Without `[sector] members`, the roster gives the sector's count.
            report.members = report.members.or(Some(all));
            members = rows;
        }
        (report, members)
    }
}

impl<'a> Report<'a> {
    /// The report of `year` for the sectors named in `only` (all when empty), in sector order.
    pub fn from_workspace(workspace: &'a Workspace, year: u16, only: &[String]) -> Report<'a> {
        let shown: Vec<&Sector> = shown(workspace, only).collect();
        let rosters = shown.iter().any(|s| !s.roster.is_empty());
        let counting = YearCounts::of(workspace, year);
        let mut members = Vec::new();
        let mut totals = Counts::default();
        let mut by_month = [0; 12];
        let mut no_month = 0;
        let mut kinds = vec![0u64; workspace.kinds.len()];
        // The totals, each sector's report made and dropped in turn.
        for s in &shown {
            let (sector, rows) = counting.sector(s);
            members.extend(rows);
            totals.add(&sector.counts);
            for (total, n) in by_month.iter_mut().zip(sector.by_month) {
                *total += n;
            }
            no_month += sector.no_month;
            for (k, total) in kinds.iter_mut().enumerate() {
                *total += sector.by_kind.get(workspace.kinds.name(k));
            }
        }
        let by_kind = kind_counts(&workspace.kinds, &kinds);
        let sectors = Sectors { counting, shown };
        Report {
            format: 1,
            kind: "summary",
            year,
            organization: workspace.organization.clone(),
            sectors,
            totals,
            by_kind,
            title: workspace.title.clone(),
            by_month,
            no_month,
            members,
            rosters,
            scoring: workspace.scoring.is_some(),
            document_members: workspace.word_style.members.unwrap_or(false),
        }
    }

    /// The latest year with an activity, a review or a metric.
    pub fn latest_year(workspace: &Workspace) -> Option<u16> {
        let years = workspace.sectors.iter().flat_map(|s| {
            let activities = s.activities.iter().map(|a| a.date.value.year);
            let reviews = s.reviews.iter().map(|r| r.year.value);
            let metrics = s.metrics.iter().map(|m| m.year.value);
            activities.chain(reviews).chain(metrics)
        });
        years.max()
    }
}

/// An activity's participants: as recorded, else the attendees counted (SPEC §13).
fn participants(activity: &crate::read::schema::Activity) -> Option<u64> {
    activity.participants.or_else(|| {
        let attendees = crate::model::validate::distinct(&activity.attendees);
        (attendees > 0).then_some(attendees as u64)
    })
}

/// Counts by kind number as the kinds that occur, by name, in kind order.
fn kind_counts(kinds: &Kinds, counts: &[u64]) -> KindCounts {
    let occurring = counts.iter().enumerate().filter(|(_, n)| **n > 0);
    KindCounts(occurring.map(|(k, n)| (kinds.name(k).to_string(), *n)).collect())
}

fn sector_report<'a>(sector: &'a Sector, workspace: &'a Workspace, year: u16) -> SectorReport<'a> {
    let kinds = &workspace.kinds;
    let activities: Vec<_> =
        sector.activities.iter().filter(|a| a.date.value.year == year).collect();
    let mut counts = Counts::default();
    let mut by_kind = vec![0u64; kinds.len()];
    let mut by_month = [0u64; 12];
    let mut no_month = 0;
    for activity in &activities {
        let kind = activity.kind.value.0;
        counts.activities += 1;
        match participants(activity) {
            Some(n) => counts.participants = Some(counts.participants.unwrap_or(0) + u128::from(n)),
            None => counts.participants_unrecorded += 1,
        }
        counts.cross_sector += u64::from(!activity.partners.is_empty());
        counts.highlights += u64::from(activity.highlight);
        by_kind[kind] += 1;
        match activity.date.value.month() {
            Some(month) => by_month[usize::from(month) - 1] += 1,
            None => no_month += 1,
        }
    }
    let plans_next: Vec<PlanOut> = sector
        .plans
        .iter()
        .filter(|p| p.year.value == year.saturating_add(1))
        .map(|p| PlanOut {
            id: &p.id.value,
            year: p.year.value,
            kind: p.kind.map(|k| kinds.name(k.0)),
            title: &p.title,
            detail: p.detail.as_deref(),
            tags: &p.tags,
        })
        .collect();
    counts.plans_next = plans_next.len() as u64;
    counts.settle_participants();
    let plans_due = sector
        .plans
        .iter()
        .filter(|p| p.year.value == year)
        .map(|p| PlanStatus {
            id: p.id.value.clone(),
            title: p.title.clone(),
            activities: activities
                .iter()
                .filter(|a| a.plan.as_ref().is_some_and(|id| id.value == p.id.value))
                .map(|a| a.title.value.clone())
                .collect(),
        })
        .collect();
    let metrics = sector
        .metrics
        .iter()
        .filter(|m| m.year.value == year)
        .map(|m| MetricOut {
            name: &m.name.value,
            value: m.value,
            unit: m.unit.as_deref(),
            target: m.target,
            completion: m
                .target
                .map(Number::as_f64)
                .filter(|t| *t != 0.0)
                .map(|t| m.value.as_f64() / t)
                .filter(|rate| rate.is_finite()),
            note: m.note.as_deref(),
        })
        .collect();
    let brands = sector
        .brands
        .iter()
        .map(|b| BrandOut {
            name: &b.name.value,
            since: b.since,
            summary: b.summary.as_deref(),
            held: activities
                .iter()
                .any(|a| a.brand.as_ref().is_some_and(|n| n.value == b.name.value)),
        })
        .collect();
    let review = sector.reviews.iter().find(|r| r.year.value == year).map(|r| {
        Box::new(ReviewOut {
            title: r.title.as_deref(),
            summary: &r.summary,
            highlights: &r.highlights,
            shortcomings: &r.shortcomings,
            outlook: r.outlook.as_deref(),
        })
    });
    SectorReport {
        name: &sector.name,
        committee: sector.committee(),
        convener: sector.convener(),
        secretary: sector.secretary(),
        members: sector.members(),
        review,
        counts,
        by_kind: kind_counts(kinds, &by_kind),
        by_month,
        no_month,
        activities: activities
            .iter()
            .map(|a| ActivityOut {
                activity: a,
                kind: kinds.name(a.kind.value.0),
                participants: participants(a),
                // Validation guarantees the plan exists in the sector (E031 otherwise).
                plan_title: a.plan.as_ref().and_then(|id| {
                    let plan = sector.plans.iter().find(|p| p.id.value == id.value)?;
                    Some(plan.title.as_str())
                }),
            })
            .collect(),
        plans_next,
        metrics,
        brands,
        plans_due,
    }
}
