//! `jiebie summarize`: reads the workspace; writes the report of one year, in the format and
//! view asked for, to standard output or `-o FILE`. Diagnostics go to standard error.

use std::io::Write;

use crate::cli::SummarizeArgs;
use crate::command::{
    Context, EXIT_INVALID, Request, early_format, exit_soon, load_for_report, render_options,
    resolve_format, user_template, value_name, write_output,
};
use crate::error::Error;
use crate::model::workspace::Workspace;
use crate::numbers::report::Report;
use crate::render::{self, Format, SummaryDocument, SummaryView};

pub fn run(cx: &Context, args: SummarizeArgs) -> Result<i32, Error> {
    let format = early_format(&args.output)?;
    let view =
        args.view.unwrap_or(SummaryView::default_for(*format.as_ref().unwrap_or(&Format::Table)));
    if matches!(format, Ok(Format::Csv)) && view == SummaryView::Full {
        return Err(Error::FullCsv);
    }
    let template = user_template(&args.output, &format, view == SummaryView::Full)?;
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
    let format = resolve_format(format, &args.output, &args.paths, &workspace)?;
    let (format_name, view_name) = (value_name(&format), value_name(&view));
    let named = (format_name.as_str(), view_name.as_str());
    let year = years[0];
    let report = Report::from_workspace(&workspace, year, &only);
    let document = render::docx::Style::from_config(&workspace.document);
    if let Some(template) = &template {
        let markdown = render::template::summary(&report, template, cx.lang)?;
        let bytes = render::templated(markdown, format, &document);
        write_output(cx, &args.output, &args.paths, &workspace, named, &mut |out| {
            out.write_all(&bytes)
        })?;
    } else if (format, view) == (Format::Json, SummaryView::Full) {
        // Written as it is serialised: the largest output, never held whole.
        let document = SummaryDocument::new(&report, cx.lang);
        let write = &mut |out: &mut dyn Write| render::summary_json(&document, out);
        write_output(cx, &args.output, &args.paths, &workspace, named, write)?;
    } else {
        let mut options = render_options(cx, &args.output);
        options.document = document;
        let bytes = render::summary(&report, format, view, &options)?;
        write_output(cx, &args.output, &args.paths, &workspace, named, &mut |out| {
            out.write_all(&bytes)
        })?;
    }
    exit_soon(report);
    exit_soon(workspace);
    Ok(0)
}
