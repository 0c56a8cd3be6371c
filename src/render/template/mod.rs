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
        (name, markdown::table(&one_total(summary_grid(report, view, lang, false)), lang))
    })
    .collect();
    engine::render(template, context, tables, lang)
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
