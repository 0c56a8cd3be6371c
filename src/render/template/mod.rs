//! Documents from minijinja templates (SPEC §11): the Markdown of view `full` (the built-in
//! `templates/summary.md.j2` and `templates/diff.md.j2`) and of a user's `--template FILE`.
//! The context is the JSON model plus `lang`; the `total` filter gives the total rows that the
//! JSON does not hold (they add up across sectors), computed once here, so that the templates
//! write every table as a loop over rows. `engine` holds the template itself: its loader,
//! filters and errors; `context` the report as the template reads it, made as it is read.

mod context;
mod engine;

pub use engine::{DIFF, Extra, SUMMARY, Template};

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::error::Error;
use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::render::bounds::Limits;
use crate::render::json::{DiffDocument, SummaryDocument};

/// The built-in summary template: the Markdown of view `full`.
pub fn built_in_summary() -> Template {
    Template::built_in("summary.md.j2", SUMMARY)
}

/// The built-in comparison template: the Markdown of view `full`.
pub fn built_in_diff() -> Template {
    Template::built_in("diff.md.j2", DIFF)
}

/// A document ready to render: the template's context and what its filters give. It owns all
/// of it, so that the report and the workspace can be dropped before the template runs (100,000
/// sector files: they were two thirds of the memory while the Markdown was made, SPEC §7).
pub struct Prepared {
    context: Value,
    limits: Limits,
    extra: Extra,
}

impl Prepared {
    /// The summary's: besides the context, the `total` filter gives the total rows of the
    /// kinds and months tables, and `rows` the member table's rows.
    pub fn summary(report: &Report, lang: Lang) -> Prepared {
        let document = SummaryDocument::new(report, lang);
        let (context, limits) = (context::lazy(&document), Limits::for_context(&document));
        let activities = report.totals.activities;
        let extra = Extra {
            totals: vec![
                ("kinds", minijinja::context! { by_kind => Serde(&report.by_kind), activities }),
                (
                    "months",
                    minijinja::context! {
                        by_month => report.by_month, no_month => report.no_month, activities
                    },
                ),
            ],
            rows: vec![("members", members_rows(report))],
        };
        Prepared { context, limits, extra }
    }

    pub fn render(self, template: &Template, lang: Lang) -> Result<String, Error> {
        engine::render(template, self.context, self.limits, self.extra, lang)
    }
}

/// The member table's rows for the document: none unless `[document] members = true`
/// (members' names stay out of the document otherwise, SPEC §13).
fn members_rows(report: &Report) -> Value {
    if !report.document_members {
        return Value::from(Vec::<Value>::new());
    }
    serde(&report.members)
}

/// The comparison document rendered by a template (the built-in one unless the user gave
/// theirs). Besides the context, the `total` filter gives the total rows of the sectors,
/// kinds and metrics tables.
pub fn diff(
    diff: &Diff,
    organization: Option<&str>,
    template: &Template,
    lang: Lang,
) -> Result<String, Error> {
    let document = DiffDocument::new(diff, organization, lang);
    let (context, limits) = (context::lazy(&document), Limits::for_context(&document));
    let extra = Extra {
        totals: vec![
            ("sectors", serde(&diff.sectors_total)),
            ("kinds", serde(&diff.kinds_total)),
            ("metrics", serde(&diff.metrics_total)),
        ],
        rows: Vec::new(),
    };
    engine::render(template, context, limits, extra, lang)
}

/// A value of the model as a template sees it: as its JSON.
fn serde(value: &impl Serialize) -> Value {
    Value::from(Serde(value))
}
