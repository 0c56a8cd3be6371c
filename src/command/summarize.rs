//! `jiebie summarize`: reads the workspace; writes the report of one year, in the format and
//! view asked for, to standard output or `-o FILE`. Diagnostics go to standard error.

use std::io::Write;

use crate::cli::SummarizeArgs;
use crate::command::{
    Context, EXIT_INVALID, early_format, exit_soon, load_for_report, render_options,
    resolve_format, write_output,
};
use crate::error::Error;
use crate::numbers::report::Report;
use crate::render::{self, Format, SummaryView};

pub fn run(cx: &Context, args: SummarizeArgs) -> Result<i32, Error> {
    let format = early_format(&args.output)?;
    let view =
        args.view.unwrap_or(SummaryView::default_for(*format.as_ref().unwrap_or(&Format::Table)));
    if matches!(format, Ok(Format::Csv)) && view == SummaryView::Full {
        return Err(Error::FullCsv);
    }
    let Some(workspace) = load_for_report(cx, &args.paths, args.output.strict)? else {
        return Ok(EXIT_INVALID);
    };
    let format = resolve_format(format, &args.output, &args.paths, &workspace)?;
    let only = workspace.select(&args.output.sectors)?;
    let year = match args.year {
        Some(year) => year,
        None => Report::latest_year(&workspace).ok_or(Error::NoYear)?,
    };
    let report = Report::from_workspace(&workspace, year, &only);
    if (format, view) == (Format::Json, SummaryView::Full) {
        // Written as it is serialised: the largest output, never held whole.
        let write = &mut |out: &mut dyn Write| render::summary_json(&report, out);
        write_output(&args.output, &args.paths, &workspace, write)?;
    } else {
        let bytes = render::summary(&report, format, view, &render_options(cx, &args.output))?;
        write_output(&args.output, &args.paths, &workspace, &mut |out| out.write_all(&bytes))?;
    }
    exit_soon(report);
    exit_soon(workspace);
    Ok(0)
}
