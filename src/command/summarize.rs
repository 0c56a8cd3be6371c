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
use crate::render::{self, Format, SummaryDocument, SummaryView};

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
    // A document or a workbook is made once the report and the workspace are dropped: from
    // here on memory freed is given back at once, so that what the reading freed and they held
    // is not kept beside it (SPEC §7). Not for the other formats: giving back at every free
    // made the JSON of 100,000 activities a quarter slower, and they are within the bound.
    if output.template.is_some()
        || matches!(output.format, Format::Markdown | Format::Docx | Format::Xlsx)
    {
        crate::give_back();
    }
    let report = Report::from_workspace(&workspace, years[0], &only);
    let options = output.options(cx, &workspace);
    // The document of view `full`, and any template's, is rendered from a context that owns
    // its data, the Word document from the Markdown alone: the report and the workspace are
    // dropped before either is made (SPEC §7; they are most of the memory of a large one).
    let built_in = (output.view == SummaryView::Full
        && matches!(output.format, Format::Markdown | Format::Docx))
    .then(render::template::built_in_summary);
    if let Some(template) = output.template.as_ref().or(built_in.as_ref()) {
        let prepared = render::template::Prepared::summary(&report, cx.lang);
        drop(report);
        drop(workspace);
        let markdown = prepared.render(template, cx.lang)?;
        if output.format == Format::Docx {
            let bytes = render::docx::from_markdown(markdown.into_bytes(), &options.word_style);
            output.write_bytes(cx, &bytes)?;
        } else {
            output.write_bytes(cx, markdown.as_bytes())?;
        }
        return Ok(0);
    }
    if output.format == Format::Docx {
        // Another view's Word document, made from its Markdown alone.
        let markdown = render::summary_markdown(&report, output.view, cx.lang)?.into_bytes();
        drop(report);
        drop(workspace);
        let bytes = render::docx::from_markdown(markdown, &options.word_style);
        output.write_bytes(cx, &bytes)?;
        return Ok(0);
    }
    if output.format == Format::Xlsx {
        // The workbook is saved once its sheets are written and the report and the workspace
        // dropped (SPEC §7).
        let sheets = render::xlsx::summary_sheets(&report, output.view, cx.lang)?;
        drop(report);
        drop(workspace);
        output.write_bytes(cx, &sheets.save()?)?;
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
