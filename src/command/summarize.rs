//! `jiebie summarize`: reads the workspace; writes the report of one year, in the format and
//! view asked for, to standard output or `-o FILE`. Diagnostics go to standard error.

use std::io::Write;

use crate::cli::SummarizeArgs;
use crate::command::{
    Context, EXIT_INVALID, Request, exit_soon, format_of, load_for_report, render_options,
    value_name, write_output,
};
use crate::error::Error;
use crate::model::workspace::Workspace;
use crate::numbers::report::Report;
use crate::render::{self, Format, SummaryView};

pub fn run(cx: &Context, args: SummarizeArgs) -> Result<i32, Error> {
    let format = format_of(&args.output);
    let view = args.view.unwrap_or(SummaryView::default_for(format));
    if format == Format::Csv && view == SummaryView::Full {
        return Err(Error::FullCsv);
    }
    let request = |workspace: &Workspace| {
        let only = workspace.select(&args.output.sectors)?;
        let year = match args.year {
            Some(year) => year,
            None => Report::latest_year(workspace).ok_or(Error::NoYear)?,
        };
        Ok(Request { only, years: vec![year] })
    };
    let (format_name, view_name) = (value_name(&format), value_name(&view));
    let named = (format_name.as_str(), view_name.as_str());
    let Some((workspace, Request { only, years })) =
        load_for_report(cx, &args.paths, args.output.strict, request)?
    else {
        return Ok(EXIT_INVALID);
    };
    let year = years[0];
    let report = Report::from_workspace(&workspace, year, &only);
    if (format, view) == (Format::Json, SummaryView::Full) {
        // Written as it is serialised: the largest output, never held whole.
        let write = &mut |out: &mut dyn Write| render::summary_json(&report, out);
        write_output(cx, &args.output, &args.paths, &workspace, named, write)?;
    } else {
        let mut options = render_options(cx, &args.output);
        options.document = render::docx::Style::from_config(&workspace.document);
        let bytes = render::summary(&report, format, view, &options)?;
        write_output(cx, &args.output, &args.paths, &workspace, named, &mut |out| {
            out.write_all(&bytes)
        })?;
    }
    exit_soon(report);
    exit_soon(workspace);
    Ok(0)
}
