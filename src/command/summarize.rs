//! `jiebie summarize`: reads the workspace; writes the report of one year, in the format and
//! view asked for, to standard output or `-o FILE`. Diagnostics go to standard error.

use std::io::Write;

use crate::cli::SummarizeArgs;
use crate::command::{
    Context, EXIT_INVALID, exit_soon, format_of, load_for_report, render_options, write_output,
};
use crate::error::Error;
use crate::numbers::report::Report;
use crate::render::{self, Format, SummaryView};

pub fn run(cx: &Context, args: SummarizeArgs) -> Result<i32, Error> {
    let format = format_of(&args.output);
    let view = args.view.unwrap_or(SummaryView::default_for(format));
    if format == Format::Csv && view == SummaryView::Full {
        return Err(Error::FullCsv);
    }
    let Some(workspace) = load_for_report(cx, &args.paths, args.output.strict)? else {
        return Ok(EXIT_INVALID);
    };
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
        let mut options = render_options(cx, &args.output);
        options.document = render::docx::Style::from_config(&workspace.document);
        let bytes = render::summary(&report, format, view, &options)?;
        write_output(&args.output, &args.paths, &workspace, &mut |out| out.write_all(&bytes))?;
    }
    exit_soon(report);
    exit_soon(workspace);
    Ok(0)
}
