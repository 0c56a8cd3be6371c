//! From the report or the diff to bytes, in the chosen format and view. Table, CSV, Markdown
//! and the workbook share one `Grid` per view; JSON serialises the models themselves.

pub mod csv;
pub mod doc;
pub mod docx;
pub mod grid;
pub mod labels;
pub mod layout;
pub mod markdown;
pub mod table;
pub mod template;
pub mod xlsx;

use serde::Serialize;
use serde_json::{Value, json};

use crate::error::Error;
use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::{Counts, Report, SectorReport};
use grid::Grid;
use labels as l;
use template::Template;

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
    pub sectors: &'r [SectorReport<'a>],
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

/// The summary document (view `full`) rendered by a template: the built-in one unless the
/// user gave theirs. The `table` filter gets the Markdown tables of the report's grids.
pub fn summary_document(report: &Report, template: &Template, lang: Lang) -> Result<String, Error> {
    let context =
        minijinja::Value::from(minijinja::value::Serde(SummaryDocument::new(report, lang)));
    let tables = [
        ("overview", SummaryView::Overview),
        ("kinds", SummaryView::Kinds),
        ("months", SummaryView::Months),
        ("plans", SummaryView::Plans),
        ("metrics", SummaryView::Metrics),
    ]
    .into_iter()
    .map(|(name, view)| (name, markdown::table(&summary_grid(report, view, lang, false), lang)))
    .collect();
    template::render(template, context, tables, lang)
}

/// The comparison document rendered by a template (the built-in one unless the user gave theirs).
pub fn diff_document(
    diff: &Diff,
    organization: Option<&str>,
    template: &Template,
    lang: Lang,
) -> Result<String, Error> {
    let context = minijinja::Value::from(minijinja::value::Serde(DiffDocument::new(
        diff,
        organization,
        lang,
    )));
    let tables = DiffView::PARTS
        .into_iter()
        .map(|view| (view.name(), markdown::table(&diff_grid(diff, view, lang), lang)))
        .collect();
    template::render(template, context, tables, lang)
}

/// A template's Markdown in the format asked for: as it is, or through the Word writer.
pub fn templated(markdown: String, format: Format, style: &docx::Style) -> Vec<u8> {
    match format {
        Format::Docx => to_docx(markdown.as_bytes(), style),
        _ => markdown.into_bytes(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// 终端表格（没有 -o 时的默认）/ terminal tables (the default without -o)
    Table,
    /// CSV，一次一个视图；--excel 便于 Excel/WPS 打开 / CSV, one view; --excel for Excel/WPS
    Csv,
    /// Markdown 报告，可用 pandoc 转成 Word / a Markdown report, for pandoc → Word
    Markdown,
    /// JSON，供脚本使用 / JSON, for scripts
    Json,
    /// Word 文档（公文格式，GB/T 9704）/ a Word document in official style (SPEC §8)
    Docx,
    /// Excel 工作簿，每个视图一张表 / an Excel workbook, a sheet per view (SPEC §9)
    Xlsx,
}

impl Format {
    /// The extensions of the files jiebie writes, for the message that lists them.
    pub const EXTENSIONS: &[&str] = &[".txt", ".csv", ".md", ".json", ".docx", ".xlsx"];

    /// The format an output file's extension asks for.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "docx" => Some(Format::Docx),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryView {
    /// 每个界别一行：活动数、参与人次、跨界别活动……及合计（csv 的默认视图）/ one row per sector: the counts, and a total (CSV's default)
    Overview,
    /// 本年每项活动一行 / one row per activity of the year
    Activities,
    /// 各界别各类别的活动数 / activities per sector and kind
    Kinds,
    /// 各界别各月的活动数，附柱状图 / activities per sector and month, with a bar chart
    Months,
    /// 下一年的工作设想 / the plans for the next year
    Plans,
    /// 本年的指标及完成率 / the metrics of the year, with completion
    Metrics,
    /// 以上全部视图及各界别的工作概要（table、markdown、json 的默认视图）/ every view above and each sector's review (the default of table, markdown, json)
    Full,
}

impl SummaryView {
    const PARTS: [SummaryView; 6] = [
        SummaryView::Overview,
        SummaryView::Activities,
        SummaryView::Kinds,
        SummaryView::Months,
        SummaryView::Plans,
        SummaryView::Metrics,
    ];

    fn name(self) -> &'static str {
        match self {
            SummaryView::Overview => "overview",
            SummaryView::Activities => "activities",
            SummaryView::Kinds => "kinds",
            SummaryView::Months => "months",
            SummaryView::Plans => "plans",
            SummaryView::Metrics => "metrics",
            SummaryView::Full => "full",
        }
    }

    /// The default view of a format: `overview` for CSV, `full` otherwise.
    pub fn default_for(format: Format) -> SummaryView {
        if format == Format::Csv { SummaryView::Overview } else { SummaryView::Full }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffView {
    /// 各界别两年的活动数、参与人次和设想落实率（csv 的默认视图）/ per sector: activities, participants, follow-through (CSV's default)
    Sectors,
    /// 各类别两年的活动数 / activities per kind in both years
    Kinds,
    /// 两年的指标及变化 / the metrics of both years and their change
    Metrics,
    /// 对比年度的工作设想是否已落实 / whether each plan for the later year was carried out
    Plans,
    /// 各工作品牌两年是否举办 / whether each brand was held in each year
    Brands,
    /// 以上全部视图（table、markdown、json 的默认视图）/ every view above (the default of table, markdown, json)
    Full,
}

impl DiffView {
    const PARTS: [DiffView; 5] =
        [DiffView::Sectors, DiffView::Kinds, DiffView::Metrics, DiffView::Plans, DiffView::Brands];

    fn name(self) -> &'static str {
        match self {
            DiffView::Sectors => "sectors",
            DiffView::Kinds => "kinds",
            DiffView::Metrics => "metrics",
            DiffView::Plans => "plans",
            DiffView::Brands => "brands",
            DiffView::Full => "full",
        }
    }

    /// The key of the view's heading and sheet name (the summary has views of the same names).
    fn sheet_key(self) -> &'static str {
        match self {
            DiffView::Kinds => "diff-kinds",
            DiffView::Metrics => "diff-metrics",
            DiffView::Plans => "diff-plans",
            other => other.name(),
        }
    }

    fn heading(self, lang: Lang) -> &'static str {
        l::heading(lang, self.sheet_key())
    }

    /// The default view of a format: `sectors` for CSV, `full` otherwise.
    pub fn default_for(format: Format) -> DiffView {
        if format == Format::Csv { DiffView::Sectors } else { DiffView::Full }
    }
}

/// How to render, beyond format and view.
pub struct Options {
    pub lang: Lang,
    /// The terminal's width, when the table goes to a terminal.
    pub width: Option<u16>,
    pub excel: bool,
    pub raw: bool,
    /// The fonts and sizes of the Word document.
    pub document: docx::Style,
}

/// The grid of a view; `details` adds the columns that only CSV and the workbook show.
fn summary_grid<'a>(report: &'a Report, view: SummaryView, lang: Lang, details: bool) -> Grid<'a> {
    match view {
        SummaryView::Overview | SummaryView::Full => Grid::overview(report, lang),
        SummaryView::Activities => Grid::activities(&report.sectors, lang, details),
        SummaryView::Kinds => Grid::kinds(report, lang),
        SummaryView::Months => Grid::months(report, lang),
        SummaryView::Plans => Grid::plans(&report.sectors, lang),
        SummaryView::Metrics => Grid::metrics(&report.sectors, lang),
    }
}

fn diff_grid<'a>(diff: &'a Diff, view: DiffView, lang: Lang) -> Grid<'a> {
    match view {
        DiffView::Sectors | DiffView::Full => Grid::diff_sectors(diff, lang),
        DiffView::Kinds => Grid::diff_kinds(diff, lang),
        DiffView::Metrics => Grid::diff_metrics(diff, lang),
        DiffView::Plans => Grid::diff_plans(diff, lang),
        DiffView::Brands => Grid::diff_brands(diff, lang),
    }
}

/// The yearly report as JSON (view `full`): the bytes of `serde_json::to_writer_pretty`, made
/// faster for large reports. The sectors are serialised on every core, a batch at a time, and
/// written as they come: the report of 100k activities is 30 MB of JSON, never held whole.
pub fn summary_json(report: &SummaryDocument, out: &mut dyn std::io::Write) -> std::io::Result<()> {
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
        // About 2 MB of JSON per batch at 100 activities per sector.
        for batch in report.sectors.chunks(64) {
            let part = batch.len().div_ceil(threads);
            let parts: Vec<std::io::Result<Vec<Vec<u8>>>> = std::thread::scope(|scope| {
                let handles: Vec<_> = batch
                    .chunks(part)
                    .map(|sectors| {
                        scope.spawn(move || sectors.iter().map(|s| indented(s, 2)).collect())
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Ok(Vec::new()))).collect()
            });
            for sector in parts.into_iter().flat_map(|p| p.into_iter().flatten()) {
                out.write_all(if first { b"\n" } else { b",\n" })?;
                out.write_all(&sector)?;
                first = false;
            }
        }
        out.write_all(b"\n  ]")?;
    }
    out.write_all(b",\n  \"totals\": ")?;
    let totals = indented(report.totals, 1)?;
    out.write_all(&totals[2..])?;
    out.write_all(b"\n}\n")
}

/// A value as pretty JSON at a depth of nesting (two spaces a level), as it appears inside a
/// larger pretty document. JSON strings hold no raw line break, so every one is a new line.
fn indented(value: &impl Serialize, depth: usize) -> std::io::Result<Vec<u8>> {
    let text = serde_json::to_vec_pretty(value)?;
    let indent = "  ".repeat(depth);
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(indent.as_bytes());
        out.extend_from_slice(line);
    }
    Ok(out)
}

/// Compact JSON of a value of the report's head.
fn compact(value: &impl Serialize) -> std::io::Result<String> {
    Ok(serde_json::to_string(value)?)
}

/// The yearly report in a format and view.
pub fn summary(
    report: &Report,
    format: Format,
    view: SummaryView,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let lang = options.lang;
    let title =
        l::report_title(lang, report.title.as_deref(), report.organization.as_deref(), report.year);
    let text = match (format, view) {
        (Format::Docx, view) => {
            let markdown = summary(report, Format::Markdown, view, options)?;
            return Ok(to_docx(&markdown, &options.document));
        }
        (Format::Csv, SummaryView::Full) => return Err(Error::FullCsv),
        (Format::Csv, view) => {
            let options = csv::CsvOptions { excel: options.excel, raw: options.raw };
            return Ok(csv::csv(&summary_grid(report, view, lang, true), lang, &options));
        }
        (Format::Xlsx, view) => {
            let views =
                if view == SummaryView::Full { SummaryView::PARTS.to_vec() } else { vec![view] };
            // Built one at a time, as the workbook writes them.
            let sheets = views
                .into_iter()
                .map(|v| (l::sheet(lang, v.name()), summary_grid(report, v, lang, true)));
            return xlsx::workbook(sheets, &title, lang);
        }
        (Format::Json, SummaryView::Full) => {
            let mut out = Vec::new();
            // Writing into a Vec cannot fail.
            let _ = summary_json(&SummaryDocument::new(report, lang), &mut out);
            return Ok(out);
        }
        (Format::Json, SummaryView::Overview) => {
            // Typed rows, not `Value`s: a sum of participants may exceed 64 bits.
            let rows: Vec<OverviewRow<'_>> = report
                .sectors
                .iter()
                .map(|s| OverviewRow { sector: &s.name, counts: &s.counts })
                .collect();
            let (year, view) = (Some(report.year), "overview");
            to_json(&ViewJson {
                format: 1,
                kind: "summary",
                year,
                from: None,
                to: None,
                view,
                rows,
            })
        }
        (Format::Json, view) => {
            let rows = summary_rows(report, view);
            to_json(
                &json!({"format": 1, "kind": "summary", "year": report.year, "view": view.name(), "rows": rows}),
            )
        }
        (Format::Table, SummaryView::Full) => {
            let mut out = format!("{title}\n");
            for view in SummaryView::PARTS {
                out.push_str(&format!(
                    "\n{}\n",
                    table_heading(lang, l::heading(lang, view.name()))
                ));
                out.push_str(&summary_table(report, view, lang, options.width));
            }
            for sector in &report.sectors {
                out.push_str(&sector_text(sector, lang, options.width));
            }
            out
        }
        (Format::Table, view) => summary_table(report, view, lang, options.width),
        (Format::Markdown, SummaryView::Full) => {
            let built_in = Template::built_in("summary.md.j2", template::SUMMARY);
            summary_document(report, &built_in, lang)?
        }
        (Format::Markdown, view) => {
            let heading = l::heading(lang, view.name());
            format!(
                "# {}\n\n## {heading}\n\n{}",
                markdown::escape(&title),
                markdown::table(&summary_grid(report, view, lang, false), lang)
            )
        }
    };
    Ok(text.into_bytes())
}

fn table_heading(lang: Lang, heading: &str) -> String {
    match lang {
        Lang::Zh => format!("【{heading}】"),
        Lang::En => format!("[{heading}]"),
    }
}

fn summary_table(report: &Report, view: SummaryView, lang: Lang, width: Option<u16>) -> String {
    let mut out = table::table(&summary_grid(report, view, lang, false), lang, width);
    if view == SummaryView::Months {
        let items: Vec<(String, u64)> = (1..=12)
            .map(|m| (l::month(lang, m), report.by_month[m - 1]))
            .chain([(l::no_month(lang).to_string(), report.no_month)])
            .collect();
        out.push('\n');
        out.push_str(&table::bars(&items, width));
    }
    out
}

/// A sector's narrative for the `full` table view: metadata, review, highlights, brands,
/// shortcomings, outlook.
fn sector_text(sector: &SectorReport, lang: Lang, width: Option<u16>) -> String {
    let mut out = format!("\n===== {} =====\n", sector.name);
    if let Some(meta) = meta_line(sector, lang) {
        out.push_str(&format!("{meta}\n"));
    }
    let section = |out: &mut String, key: &str, body: &str| {
        out.push_str(&format!(
            "\n{}\n{}\n",
            table_heading(lang, l::heading(lang, key)),
            body.trim_end()
        ));
    };
    if let Some(review) = &sector.review {
        section(&mut out, "review", &review.summary);
        if !review.highlights.is_empty() {
            section(&mut out, "highlights", &bullets(&review.highlights));
        }
    }
    if !sector.brands.is_empty() {
        section(
            &mut out,
            "brands",
            table::table(&Grid::brands(sector, lang).without_first_column(), lang, width).as_str(),
        );
    }
    if let Some(review) = &sector.review {
        if !review.shortcomings.is_empty() {
            section(&mut out, "shortcomings", &bullets(&review.shortcomings));
        }
        if let Some(outlook) = &review.outlook {
            section(&mut out, "outlook", outlook);
        }
    }
    out
}

/// 一是…二是… as a numbered list.
/// A bullet list in plain text: the items often number themselves (一是…二是…).
fn bullets(items: &[String]) -> String {
    items.iter().map(|item| format!("- {}\n", item.trim())).collect()
}

/// "联系专委会：外事委员会；委员人数：42" (only the fields given).
fn meta_line(sector: &SectorReport, lang: Lang) -> Option<String> {
    let members = sector.members.map(|m| m.to_string());
    let fields = [
        ("committee", sector.committee.as_deref()),
        ("convener", sector.convener.as_deref()),
        ("secretary", sector.secretary.as_deref()),
        ("members", members.as_deref()),
    ];
    let parts: Vec<String> = fields
        .iter()
        .filter_map(|(key, value)| {
            value.map(|v| format!("{}{}{v}", l::meta(lang, key), lang.pick("：", ": ")))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(lang.pick("；", "; ")))
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
    counts: &'a crate::numbers::report::Counts,
}

/// The rows of one summary view as JSON objects (SPEC §4.2).
fn summary_rows(report: &Report, view: SummaryView) -> Vec<Value> {
    let mut rows = Vec::new();
    for s in &report.sectors {
        match view {
            SummaryView::Overview | SummaryView::Full => {
                let mut row = json!({"sector": s.name});
                if let (Some(row), Value::Object(counts)) = (row.as_object_mut(), json!(s.counts)) {
                    row.extend(counts);
                }
                rows.push(row);
            }
            SummaryView::Activities => rows.extend(s.activities.iter().map(|a| {
                json!({
                    "sector": s.name, "date": a.date, "end_date": a.end_date, "kind": a.kind,
                    "title": a.title, "participants": a.participants, "partners": a.partners,
                    "location": a.location, "highlight": a.highlight, "plan": a.plan,
                    "plan_title": a.plan_title, "summary": a.summary, "outcomes": a.outcomes,
                    "organizers": a.organizers, "tags": a.tags,
                })
            })),
            SummaryView::Kinds => rows.push(json!({"sector": s.name, "by_kind": s.by_kind})),
            SummaryView::Months => rows.push(json!({"sector": s.name, "by_month": s.by_month, "no_month": s.no_month})),
            SummaryView::Plans => rows.extend(s.plans_next.iter().map(|p| {
                json!({"sector": s.name, "year": p.year, "id": p.id, "kind": p.kind, "title": p.title, "detail": p.detail})
            })),
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

/// The comparison of two years in a format and view.
pub fn diff(
    diff: &Diff,
    organization: Option<&str>,
    format: Format,
    view: DiffView,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let lang = options.lang;
    let title = l::diff_title(lang, organization, diff.from, diff.to);
    let views: Vec<DiffView> =
        if view == DiffView::Full { DiffView::PARTS.to_vec() } else { vec![view] };
    let text = match format {
        Format::Docx => {
            let markdown = self::diff(diff, organization, Format::Markdown, view, options)?;
            return Ok(to_docx(&markdown, &options.document));
        }
        Format::Csv if view == DiffView::Full => return Err(Error::FullCsv),
        Format::Csv => {
            let options = csv::CsvOptions { excel: options.excel, raw: options.raw };
            return Ok(csv::csv(&diff_grid(diff, view, lang), lang, &options));
        }
        Format::Xlsx => {
            let sheets = views
                .into_iter()
                .map(|v| (l::sheet(lang, v.sheet_key()), diff_grid(diff, v, lang)));
            return xlsx::workbook(sheets, &title, lang);
        }
        Format::Json if view == DiffView::Full => {
            to_json(&DiffDocument::new(diff, organization, lang))
        }
        Format::Json => {
            // Typed rows, not `Value`s: a change may exceed 64 bits.
            fn json<R: Serialize>(diff: &Diff, view: DiffView, rows: R) -> String {
                let (from, to, name) = (Some(diff.from), Some(diff.to), view.name());
                to_json(&ViewJson {
                    format: 1,
                    kind: "diff",
                    year: None,
                    from,
                    to,
                    view: name,
                    rows,
                })
            }
            match view {
                DiffView::Sectors | DiffView::Full => json(diff, view, &diff.sectors),
                DiffView::Kinds => json(diff, view, &diff.kinds),
                DiffView::Metrics => json(diff, view, &diff.metrics),
                DiffView::Plans => json(diff, view, &diff.plans),
                DiffView::Brands => json(diff, view, &diff.brands),
            }
        }
        Format::Table => {
            let mut out = if view == DiffView::Full { format!("{title}\n") } else { String::new() };
            for part in views {
                if view == DiffView::Full {
                    out.push_str(&format!("\n{}\n", table_heading(lang, part.heading(lang))));
                }
                out.push_str(&table::table(&diff_grid(diff, part, lang), lang, options.width));
            }
            out
        }
        Format::Markdown if view == DiffView::Full => {
            let built_in = Template::built_in("diff.md.j2", template::DIFF);
            diff_document(diff, organization, &built_in, lang)?
        }
        Format::Markdown => {
            let mut out = format!("# {}\n", markdown::escape(&title));
            for part in views {
                out.push_str(&format!("\n## {}\n\n", part.heading(lang)));
                out.push_str(&markdown::table(&diff_grid(diff, part, lang), lang));
            }
            out
        }
    };
    Ok(text.into_bytes())
}

/// The Word document of a Markdown document: Markdown and Word never drift apart. A user's
/// template (`--template`, SPEC §11) renders Markdown and goes through here too.
pub fn to_docx(markdown: &[u8], style: &docx::Style) -> Vec<u8> {
    // The Markdown renderers write UTF-8.
    let markdown = String::from_utf8_lossy(markdown);
    docx::write(&doc::from_markdown(&markdown), style)
}

fn to_json(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
