//! `jiebie diff FROM TO`: reads the workspace; writes the comparison of two years to standard
//! output or `-o FILE`. Diagnostics go to standard error.

use crate::cli::DiffArgs;
use crate::command::{
    Context, EXIT_INVALID, Request, exit_soon, format_of, load_for_report, render_options,
    value_name, write_output,
};
use crate::error::Error;
use crate::model::workspace::Workspace;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::render::{self, DiffView, Format};

pub fn run(cx: &Context, args: DiffArgs) -> Result<i32, Error> {
    if args.from == args.to {
        return Err(Error::SameYears { year: args.from });
    }
    let format = format_of(&args.output);
    let view = args.view.unwrap_or(DiffView::default_for(format));
    if format == Format::Csv && view == DiffView::Full {
        return Err(Error::FullCsv);
    }
    let request = |workspace: &Workspace| {
        let only = workspace.select(&args.output.sectors)?;
        Ok(Request { only, years: vec![args.from, args.to] })
    };
    let (format_name, view_name) = (value_name(&format), value_name(&view));
    let named = (format_name.as_str(), view_name.as_str());
    let Some((workspace, Request { only, .. })) =
        load_for_report(cx, &args.paths, args.output.strict, request)?
    else {
        return Ok(EXIT_INVALID);
    };
    let from = Report::from_workspace(&workspace, args.from, &only);
    let to = Report::from_workspace(&workspace, args.to, &only);
    let diff = Diff::from_reports(&from, &to);
    let mut options = render_options(cx, &args.output);
    options.document = render::docx::Style::from_config(&workspace.document);
    let bytes = render::diff(&diff, workspace.organization.as_deref(), format, view, &options)?;
    write_output(cx, &args.output, &args.paths, &workspace, named, &mut |out| {
        out.write_all(&bytes)
    })?;
    exit_soon((from, to, diff));
    exit_soon(workspace);
    Ok(0)
}
