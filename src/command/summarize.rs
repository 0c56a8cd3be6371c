//! `jiebie summarize`: reads the workspace; writes the report of one year, in the format and
//! view asked for, to standard output or `-o FILE`. Diagnostics go to standard error.

use std::io::Write;

use crate::cli::SummarizeArgs;
use crate::command::load::{Request, load_for_report};
use crate::command::output::OutputPlan;
use crate::command::{Context, EXIT_INVALID, exit_soon};
use crate::error::Error;
use crate::model::workspace::Workspace;
use crate::numbers::report::Report;
use crate::render::{self, Document, Format, SummaryDocument, SummaryView};

pub fn run(cx: &Context, args: SummarizeArgs) -> Result<i32, Error> {
    let plan = OutputPlan::new(&args.output, &args.paths, args.view)?;
    let request = |workspace: &Workspace| {
        let only = workspace.select(&args.output.sectors)?;
        let year = match args.year {
            Some(year) => year,
            None => Report::latest_year(workspace).ok_or(Error::NoYear)?,
        };
        Ok(Request { only, years: vec![year] })
    };
    let Some((workspace, Request { only, years })) =
        load_for_report(cx, &args.paths, args.output.strict, request)?
    else {
        return Ok(EXIT_INVALID);
    };
    let output = plan.decide(&workspace)?;
    let document = Document::is_format(output.format);
    // A document or a workbook is made once the report and the workspace are dropped: from
    // here on memory freed is given back at once, so that what the reading freed and they held
    // is not kept beside it (SPEC §7). Not for the other formats: giving back at every free
    // made the JSON of 100,000 activities a quarter slower, and they are within the bound.
    if document {
        crate::give_back();
    }
    let report = Report::from_workspace(&workspace, years[0], &only);
    let options = output.options(cx, &workspace);
    if document {
        let template = output.template.as_ref();
        let made = Document::summary(&report, output.format, output.view, template, cx.lang)?;
        drop(report);
        drop(workspace);
        let bytes = made.bytes(output.format, template, &options.word_style, cx.lang)?;
        output.write_bytes(cx, &bytes)?;
        return Ok(0);
    }
    if (output.format, output.view) == (Format::Json, SummaryView::Full) {
        // Written as it is serialised: the largest output, never held whole.
        let document = SummaryDocument::new(&report, cx.lang);
        output.write(cx, &mut |out: &mut dyn Write| render::summary_json(&document, out))?;
    } else {
        let mut write = render::summary(&report, output.format, output.view, &options)?;
        output.write(cx, &mut *write)?;
    }
    exit_soon(report);
    exit_soon(workspace);
    Ok(0)
}
