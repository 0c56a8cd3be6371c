//! The Excel workbook (SPEC §9): a sheet per view, each from the view's `Grid` with the columns
//! only CSV and the workbook show. `workbook` writes the file.

mod charts;
mod workbook;

use crate::error::Error;
use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::render::labels as l;
use crate::render::view::{DiffView, SummaryView, diff_grid, summary_grid};

pub use workbook::Built;

/// The yearly report: one sheet, or a sheet per view for `full`; its sheets written, to be
/// saved once the report is dropped.
pub fn summary_sheets(report: &Report, view: SummaryView, lang: Lang) -> Result<Built, Error> {
    let title =
        l::report_title(lang, report.title.as_deref(), report.organization.as_deref(), report.year);
    let mut views =
        if view == SummaryView::Full { SummaryView::PARTS.to_vec() } else { vec![view] };
    // The member table (委员履职) is a sheet of the full workbook when a sector has a roster.
    if view == SummaryView::Full && !report.members.is_empty() {
        views.push(SummaryView::Members);
    }
    // Built one at a time, as the workbook writes them.
    let sheets =
        views.into_iter().map(|v| (l::sheet(lang, v.name()), summary_grid(report, v, lang, true)));
    workbook::build(sheets, &title, lang)
}

/// The comparison: one sheet, or a sheet per view for `full`.
pub fn diff(
    diff: &Diff,
    organization: Option<&str>,
    view: DiffView,
    lang: Lang,
) -> Result<Vec<u8>, Error> {
    let title = l::diff_title(lang, organization, diff.from, diff.to);
    let sheets =
        view.parts().into_iter().map(|v| (l::sheet(lang, v.sheet_key()), diff_grid(diff, v, lang)));
    workbook::workbook(sheets, &title, lang)
}
