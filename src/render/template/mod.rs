//! Documents from minijinja templates (SPEC §11): the Markdown of view `full` (the built-in
//! `templates/summary.md.j2` and `templates/diff.md.j2`) and of a user's `--template FILE`.
//! The context is the JSON model plus `lang`; the `table` filter gets the Markdown tables of
//! the views' grids. `engine` holds the template itself: its loader, filters and errors.

mod engine;

pub use engine::{DIFF, SUMMARY, Template};

use crate::error::Error;
use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::render::grid::Grid;
use crate::render::json::{DiffDocument, SummaryDocument};
use crate::render::markdown;
use crate::render::view::{DiffView, SummaryView, diff_grid, summary_grid};

/// The built-in summary template: the Markdown of view `full`.
pub fn built_in_summary() -> Template {
    Template::built_in("summary.md.j2", SUMMARY)
}

/// The built-in comparison template: the Markdown of view `full`.
pub fn built_in_diff() -> Template {
    Template::built_in("diff.md.j2", DIFF)
}

/// The summary document (view `full`) rendered by a template: the built-in one unless the
/// user gave theirs. The `table` filter gets the Markdown tables of the report's grids.
pub fn summary(report: &Report, template: &Template, lang: Lang) -> Result<String, Error> {
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
    .map(|(name, view)| {
        let mut grid = one_total(summary_grid(report, view, lang, false));
        if view == SummaryView::Months {
            grid = without_empty_months(grid, lang);
        }
        (name, markdown::table(&grid, lang))
    })
    .chain(std::iter::once(("members", members_table(report, lang))))
    .collect();
    engine::render(template, context, tables, lang)
}

/// The member table for the document: empty unless `[document] members = true` and a sector
/// has a roster (members' names stay out of the document otherwise, SPEC §13).
fn members_table(report: &Report, lang: Lang) -> String {
    if !report.document_members || report.members.is_empty() {
        return String::new();
    }
    markdown::table(&summary_grid(report, SummaryView::Members, lang, false), lang)
}

/// The comparison document rendered by a template (the built-in one unless the user gave theirs).
pub fn diff(
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
        .map(|view| (view.name(), markdown::table(&one_total(diff_grid(diff, view, lang)), lang)))
        .collect();
    engine::render(template, context, tables, lang)
}

/// A document's table of one data row has no total row repeating it (SPEC §8.2).
fn one_total(mut grid: Grid) -> Grid {
    if grid.rows.len() < 2 {
        grid.total = None;
    }
    grid
}

/// The months table of a document without the months (and 月份不详) in which no sector held
/// anything: a year's activities in a few months then fit a portrait page, instead of a
/// landscape page of zeros.
fn without_empty_months(mut grid: Grid, lang: Lang) -> Grid {
    let last = grid.columns.len().saturating_sub(1);
    let keep: Vec<bool> = (0..grid.columns.len())
        .map(|i| {
            // The sector column and the total column always stay.
            i == 0
                || i == last
                || grid
                    .rows
                    .iter()
                    .any(|row| row.get(i).is_some_and(|c| c.render(lang, false) != "0"))
        })
        .collect();
    fn pick<T>(cells: Vec<T>, keep: &[bool]) -> Vec<T> {
        cells.into_iter().zip(keep).filter(|(_, k)| **k).map(|(c, _)| c).collect()
    }
    grid.columns = pick(std::mem::take(&mut grid.columns), &keep);
    grid.rows = std::mem::take(&mut grid.rows).into_iter().map(|r| pick(r, &keep)).collect();
    grid.total = grid.total.take().map(|r| pick(r, &keep));
    grid
}
