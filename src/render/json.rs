//! JSON (SPEC §4): the report and the comparison as their models serialise (view `full`), or
//! one view's rows under a small head. The same structs are the context of a template.

use std::io::Write;

use serde::Serialize;
use serde_json::{Value, json};

use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::{Counts, Report, SectorReport, Sectors};
use crate::render::labels as l;
use crate::render::view::{DiffView, SummaryView};

/// The yearly report as JSON says it (SPEC §4.1): what `summarize --format json` prints and,
/// with `lang`, the context of a template. One struct for both, so they cannot drift.
#[derive(Serialize)]
pub struct SummaryDocument<'r, 'a> {
    pub format: u8,
    pub kind: &'static str,
    pub year: u16,
    pub organization: Option<&'r str>,
    /// The document's title: `title` of jiebie.toml filled in, or the default.
    pub title: String,
    pub sectors: &'r Sectors<'a>,
    pub totals: &'r Counts,
}

impl<'r, 'a> SummaryDocument<'r, 'a> {
    pub fn new(report: &'r Report<'a>, lang: Lang) -> SummaryDocument<'r, 'a> {
        SummaryDocument {
            format: report.format,
            kind: report.kind,
            year: report.year,
            organization: report.organization.as_deref(),
            title: l::report_title(
                lang,
                report.title.as_deref(),
                report.organization.as_deref(),
                report.year,
            ),
            sectors: &report.sectors,
            totals: &report.totals,
        }
    }
}

/// The comparison as JSON says it (SPEC §4.3), and the context of a diff template.
#[derive(Serialize)]
pub struct DiffDocument<'r> {
    pub format: u8,
    pub kind: &'static str,
    pub from: u16,
    pub to: u16,
    pub organization: Option<&'r str>,
    pub title: String,
    pub sectors: &'r [crate::numbers::diff::SectorRow],
    pub kinds: &'r [crate::numbers::diff::KindRow],
    pub metrics: &'r [crate::numbers::diff::MetricRow],
    pub plans: &'r [crate::numbers::diff::PlanRow],
    pub brands: &'r [crate::numbers::diff::BrandRow],
}

impl<'r> DiffDocument<'r> {
    pub fn new(diff: &'r Diff, organization: Option<&'r str>, lang: Lang) -> DiffDocument<'r> {
        DiffDocument {
            format: diff.format,
            kind: diff.kind,
            from: diff.from,
            to: diff.to,
            organization,
            title: l::diff_title(lang, organization, diff.from, diff.to),
            sectors: &diff.sectors,
            kinds: &diff.kinds,
            metrics: &diff.metrics,
            plans: &diff.plans,
            brands: &diff.brands,
        }
    }
}

/// The yearly report in a view as JSON.
pub fn summary(report: &Report, view: SummaryView, lang: Lang) -> Vec<u8> {
    let text = match view {
        SummaryView::Full => {
            let mut out = Vec::new();
            // Writing into a Vec cannot fail.
            let _ = summary_json(&SummaryDocument::new(report, lang), &mut out);
            return out;
        }
        SummaryView::Overview => {
            // Typed rows, not `Value`s: a sum of participants may exceed 64 bits.
            let rows: Vec<OverviewRow<'_>> = report
                .sectors
                .iter()
                .map(|s| OverviewRow { sector: s.name, counts: s.counts })
                .collect();
            typed(report, "overview", rows)
        }
        SummaryView::Members => typed(report, "members", &report.members),
        view => {
            let rows = summary_rows(report, view);
            to_json(
                &json!({"format": 1, "kind": "summary", "year": report.year, "view": view.name(), "rows": rows}),
            )
        }
    };
    text.into_bytes()
}

/// A summary view of typed rows under its head.
fn typed<R: Serialize>(report: &Report, view: &'static str, rows: R) -> String {
    let year = Some(report.year);
    to_json(&ViewJson { format: 1, kind: "summary", year, from: None, to: None, view, rows })
}

/// The comparison in a view as JSON.
pub fn diff(diff: &Diff, organization: Option<&str>, view: DiffView, lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = diff_json(diff, organization, view, lang, &mut out);
    out
}

/// The comparison in a view as JSON, written as it is serialised: the JSON of 20,000 sectors is
/// 12 MB, and a text grown by doubling would hold twice that.
pub fn diff_json(
    diff: &Diff,
    organization: Option<&str>,
    view: DiffView,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    // Typed rows, not `Value`s: a change may exceed 64 bits.
    fn json<R: Serialize>(
        diff: &Diff,
        view: DiffView,
        rows: R,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let (from, to, name) = (Some(diff.from), Some(diff.to), view.name());
        let rows = ViewJson { format: 1, kind: "diff", year: None, from, to, view: name, rows };
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        out.write_all(b"\n")
    }
    match view {
        DiffView::Full => {
            serde_json::to_writer_pretty(&mut *out, &DiffDocument::new(diff, organization, lang))?;
            out.write_all(b"\n")
        }
        DiffView::Sectors => json(diff, view, &diff.sectors, out),
        DiffView::Kinds => json(diff, view, &diff.kinds, out),
        DiffView::Metrics => json(diff, view, &diff.metrics, out),
        DiffView::Plans => json(diff, view, &diff.plans, out),
        DiffView::Brands => json(diff, view, &diff.brands, out),
    }
}

/// The yearly report as JSON (view `full`): the bytes of `serde_json::to_writer_pretty`, made
/// faster for large reports and never held whole. Small sectors are serialised on every core, a
/// batch of about 500 KB of JSON at a time, and written as they come; a sector of many activities
/// is serialised straight into `out` (the report of one sector of 210,000 activities is 60 MB
/// of JSON).
pub fn summary_json(report: &SummaryDocument, out: &mut dyn Write) -> std::io::Result<()> {
    /// Activities of a batch, about 500 KB of JSON (some 480 bytes an activity and the rest of a
    /// sector as much as two); a sector of more is written alone.
    const BATCH: usize = 1_024;
    write!(
        out,
        "{{\n  \"format\": {},\n  \"kind\": {},\n  \"year\": {},\n  \"organization\": {},\n  \"title\": {},\n  \"sectors\": ",
        report.format,
        compact(&report.kind)?,
        report.year,
        compact(&report.organization)?,
        compact(&report.title)?,
    )?;
    if report.sectors.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[")?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut first = true;
        let sectors = &report.sectors;
        let mut next = 0;
        while next < sectors.len() {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            if sectors.activities(next) >= BATCH {
                serde_json::to_writer_pretty(Indented::new(&mut *out, 2), &sectors.get(next))?;
                next += 1;
                continue;
            }
            let mut weight = 0;
            let size = (next..sectors.len())
                .take_while(|&i| {
                    weight += sectors.activities(i) + 2;
                    weight <= BATCH
                })
                .count()
                .max(1);
            let batch = next..next + size;
            next += size;
            let part = size.div_ceil(threads);
            let parts: Vec<std::io::Result<Vec<Vec<u8>>>> = std::thread::scope(|scope| {
                let handles: Vec<_> = batch
                    .clone()
                    .step_by(part)
                    .map(|start| {
                        let end = (start + part).min(batch.end);
                        scope.spawn(move || (start..end).map(|i| pretty(&sectors.get(i))).collect())
                    })
                    .collect();
                let joined = handles.into_iter().map(|h| h.join());
                joined
                    .map(|part| part.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                    .collect()
            });
            let parts = parts.into_iter().collect::<std::io::Result<Vec<_>>>()?;
            for (i, sector) in parts.iter().flatten().enumerate() {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(sector)?;
            }
        }
        out.write_all(b"\n  ]")?;
    }
    out.write_all(b",\n  \"totals\": ")?;
    let mut totals = Indented::new(&mut *out, 1);
    totals.start = false;
    serde_json::to_writer_pretty(totals, report.totals)?;
    out.write_all(b"\n}\n")
}

/// A sector as pretty JSON at the depth of the report's list of sectors.
fn pretty(sector: &SectorReport) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    serde_json::to_writer_pretty(Indented::new(&mut out, 2), sector)?;
    Ok(out)
}

/// Pretty JSON at a depth of nesting (two spaces a level), as it appears inside a larger pretty
/// document: every line written through it is indented. JSON strings hold no raw line break, so
/// every one is a new line.
struct Indented<W: Write> {
    out: W,
    depth: usize,
    /// Whether the next byte starts a line.
    start: bool,
}

impl<W: Write> Indented<W> {
    fn new(out: W, depth: usize) -> Indented<W> {
        Indented { out, depth, start: true }
    }
}

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            if self.start {
                for _ in 0..self.depth {
                    self.out.write_all(b"  ")?;
                }
            }
            self.out.write_all(line)?;
            self.start = line.ends_with(b"\n");
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Compact JSON of a value of the report's head.
fn compact(value: &impl Serialize) -> std::io::Result<String> {
    Ok(serde_json::to_string(value)?)
}

/// One view as JSON (SPEC §4.2, §4.3): its head, then its rows.
#[derive(Serialize)]
struct ViewJson<R: Serialize> {
    format: u8,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<u16>,
    view: &'static str,
    rows: R,
}

/// A sector's row of the overview: its name, then its counts.
#[derive(Serialize)]
struct OverviewRow<'a> {
    sector: &'a str,
    #[serde(flatten)]
    counts: crate::numbers::report::Counts,
}

/// The rows of one summary view as JSON objects (SPEC §4.2).
fn summary_rows(report: &Report, view: SummaryView) -> Vec<Value> {
    let mut rows = Vec::new();
    let duties = l::duty_keys(&report.sectors);
    for s in report.sectors.iter() {
        match view {
            SummaryView::Overview | SummaryView::Full => {
                let mut row = json!({"sector": s.name});
                if let (Some(row), Value::Object(counts)) = (row.as_object_mut(), json!(s.counts)) {
                    row.extend(counts);
                }
                rows.push(row);
            }
            SummaryView::Activities => rows.extend(s.activities.iter().map(|a| {
                let keys = l::ACTIVITY_VIEW.iter().chain(&l::ACTIVITY_DETAIL_VIEW);
                view_row(s.name, a, keys.copied().chain(duties.iter().copied()))
            })),
            SummaryView::Members => {}
            SummaryView::Kinds => rows.push(json!({"sector": s.name, "by_kind": s.by_kind})),
            SummaryView::Months => {
                rows.push(json!({"sector": s.name, "by_month": s.by_month, "no_month": s.no_month}))
            }
            SummaryView::Plans => {
                rows.extend(s.plans_next.iter().map(|p| view_row(s.name, p, l::PLAN_VIEW)));
            }
            SummaryView::Metrics => rows.extend(s.metrics.iter().map(|m| {
                json!({
                    "sector": s.name, "metric": m.name, "value": m.value, "unit": m.unit,
                    "target": m.target, "completion": m.completion, "note": m.note,
                })
            })),
        }
    }
    rows
}

/// A view's row: the sector, then the view's keys of an entry as it serialises, in the view's
/// order (a plan's id followed by its title).
fn view_row(
    sector: &str,
    entry: &impl Serialize,
    keys: impl IntoIterator<Item = &'static str>,
) -> Value {
    let mut all = match json!(entry) {
        Value::Object(all) => all,
        _ => serde_json::Map::new(),
    };
    let mut row = serde_json::Map::new();
    row.insert("sector".into(), json!(sector));
    for key in keys {
        // A list left out of the entry's JSON (an activity without attendees) is empty.
        let missing = match key {
            "attendees" | "authors" | "adoption" => json!([]),
            _ => Value::Null,
        };
        row.insert(key.to_string(), all.remove(key).unwrap_or(missing));
        if key == "plan" {
            row.insert("plan_title".into(), all.remove("plan_title").unwrap_or(Value::Null));
        }
    }
    Value::Object(row)
}

fn to_json(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
