//! The terminal's text (`--format table`, the default without `-o`): a view's table laid out to
//! the terminal's width, and for view `full` every view under a heading followed by each
//! sector's narrative (its metadata, review, highlights, brands, shortcomings, outlook).

pub mod layout;
pub mod table;

use std::io::{self, Write};

use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::{Report, SectorReport};
use crate::render::grid::Grid;
use crate::render::labels as l;
use crate::render::view::{DiffView, SummaryView, diff_grid, summary_grid};

/// The yearly report in a view, written to `out` as it is made; `width` is the terminal's,
/// when the text goes to one.
pub fn summary(
    report: &Report,
    view: SummaryView,
    lang: Lang,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if view != SummaryView::Full {
        return summary_table(report, view, lang, width, out);
    }
    let title =
        l::report_title(lang, report.title.as_deref(), report.organization.as_deref(), report.year);
    writeln!(out, "{title}")?;
    for view in SummaryView::PARTS {
        write!(out, "\n{}\n", table_heading(lang, l::heading(lang, view.name())))?;
        summary_table(report, view, lang, width, out)?;
    }
    for sector in report.sectors.iter() {
        out.write_all(sector_text(&sector, lang, width).as_bytes())?;
    }
    Ok(())
}

/// The comparison in a view: its table, or for `full` the title and every view under a heading;
/// written to `out` as it is made.
pub fn diff(
    diff: &Diff,
    organization: Option<&str>,
    view: DiffView,
    lang: Lang,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if view == DiffView::Full {
        writeln!(out, "{}", l::diff_title(lang, organization, diff.from, diff.to))?;
    }
    for part in view.parts() {
        if view == DiffView::Full {
            write!(out, "\n{}\n", table_heading(lang, part.heading(lang)))?;
        }
        table::table(&diff_grid(diff, part, lang), lang, width, out)?;
    }
    Ok(())
}

fn table_heading(lang: Lang, heading: &str) -> String {
    match lang {
        Lang::Zh => format!("【{heading}】"),
        Lang::En => format!("[{heading}]"),
    }
}

/// A view's table; the `months` view adds a bar chart of the whole report's months.
fn summary_table(
    report: &Report,
    view: SummaryView,
    lang: Lang,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    table::table(&summary_grid(report, view, lang, false), lang, width, out)?;
    if view == SummaryView::Months {
        let items: Vec<(String, u64)> = (1..=12)
            .map(|m| (l::month(lang, m), report.by_month[m - 1]))
            .chain([(l::no_month(lang).to_string(), report.no_month)])
            .collect();
        write!(out, "\n{}", table::bars(&items, width))?;
    }
    Ok(())
}

/// A sector's narrative for the `full` table view: metadata, review, highlights, brands,
/// shortcomings, outlook.
fn sector_text(sector: &SectorReport, lang: Lang, width: Option<u16>) -> String {
    // The data text reaches the terminal escaped (its line breaks kept); the brands table
    // escapes its own cells.
    use crate::text::escaped_lines;
    let mut out = format!("\n===== {} =====\n", escaped_lines(sector.name));
    if let Some(meta) = meta_line(sector, lang) {
        out.push_str(&format!("{}\n", escaped_lines(&meta)));
    }
    let section = |out: &mut String, key: &str, body: &str| {
        out.push_str(&format!(
            "\n{}\n{}\n",
            table_heading(lang, l::heading(lang, key)),
            if key == "brands" { body.trim_end().into() } else { escaped_lines(body.trim_end()) }
        ));
    };
    if let Some(review) = &sector.review {
        section(&mut out, "review", review.summary);
        if !review.highlights.is_empty() {
            section(&mut out, "highlights", &bullets(review.highlights));
        }
    }
    if !sector.brands.is_empty() {
        section(
            &mut out,
            "brands",
            &table::table_text(&Grid::brands(sector, lang).without_first_column(), lang, width),
        );
    }
    if let Some(review) = &sector.review {
        if !review.shortcomings.is_empty() {
            section(&mut out, "shortcomings", &bullets(review.shortcomings));
        }
        if let Some(outlook) = &review.outlook {
            section(&mut out, "outlook", outlook);
        }
    }
    out
}

/// A bullet list in plain text: the items often number themselves (一是…二是…).
fn bullets(items: &[String]) -> String {
    items.iter().map(|item| format!("- {}\n", item.trim())).collect()
}

/// "联系专委会：外事委员会；委员人数：42" (only the fields given).
fn meta_line(sector: &SectorReport, lang: Lang) -> Option<String> {
    let members = sector.members.map(|m| m.to_string());
    let fields = [
        ("committee", sector.committee),
        ("convener", sector.convener),
        ("secretary", sector.secretary),
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
